import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createNetServer, type Server, type Socket } from 'node:net';
import { Duplex } from 'node:stream';
import type { KeyAndCert } from './self-signed-cert.js';

/** One port serving both plain HTTP and HTTPS, told apart by the first byte of each connection. */
export interface DualListener {
  /** The listening TCP server. */
  readonly server: Server;
  /** The port it listens on. */
  readonly port: number;
  /** Stops listening and destroys every open connection. */
  close(): Promise<void>;
  /**
   * Destroys every open connection and stops listening, waits `downtimeMs` (connections are refused
   * meanwhile), then listens again on the same port with the same handler and certificate.
   */
  restart(downtimeMs: number): Promise<void>;
}

const TLS_HANDSHAKE = 0x16;

/**
 * A stream over `socket` that first yields `first` (already read while sniffing). TLS wraps native
 * sockets below the JS stream buffer, so an `unshift` would be lost; a JS Duplex is wrapped as a stream.
 */
function replayingDuplex(socket: Socket, first: Buffer): Duplex {
  const duplex = new Duplex({
    read() {
      socket.resume();
    },
    write(chunk: Buffer, _encoding, callback) {
      socket.write(chunk, callback);
    },
    final(callback) {
      socket.end();
      callback();
    },
    destroy(error, callback) {
      socket.destroy();
      callback(error);
    },
  });
  duplex.push(first);
  socket.on('data', (chunk: Buffer) => {
    if (!duplex.push(chunk)) socket.pause();
  });
  socket.on('end', () => duplex.push(null));
  socket.on('close', () => duplex.destroy());
  return duplex;
}

/**
 * Listens on `host` (free port) and serves `handler` over plain HTTP and over HTTPS with the given
 * certificate on the same port. kubectl sends bearer tokens only over TLS (kubernetes/kubectl#744),
 * while @kubernetes/client-node sends them over plain HTTP too; both work against one port.
 */
export async function listenDual(host: string, tls: KeyAndCert, handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<DualListener> {
  const http = createHttpServer({ keepAliveTimeout: 5000 }, handler);
  const https = createHttpsServer({ key: tls.key, cert: tls.cert, keepAliveTimeout: 5000 }, handler);
  const sockets = new Set<Socket>();
  const server = createNetServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    socket.once('data', (first: Buffer) => {
      socket.pause();
      if (first[0] === TLS_HANDSHAKE) {
        https.emit('connection', replayingDuplex(socket, first));
      } else {
        socket.unshift(first);
        http.emit('connection', socket);
      }
      socket.resume();
    });
  });
  const listen = (port: number): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      const failed = (error: Error): void => reject(error);
      server.once('error', failed);
      server.listen(port, host, () => {
        server.off('error', failed);
        resolve();
      });
    });
  const close = async (): Promise<void> => {
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const s of sockets) s.destroy();
    http.closeAllConnections();
    https.closeAllConnections();
    await closed;
  };
  await listen(0);
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    server,
    port,
    close,
    restart: async (downtimeMs) => {
      await close();
      if (downtimeMs > 0) await new Promise((resolve) => setTimeout(resolve, downtimeMs));
      await listen(port);
    },
  };
}
