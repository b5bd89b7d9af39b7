import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** How a test answers one request; return false to fall back to the well-behaved default. */
export type HostileRoute = (req: IncomingMessage, url: URL, res: ServerResponse) => boolean;

/** A tiny API server that answers like an empty cluster unless a route says otherwise. */
export interface HostileServer {
  readonly kubeconfigPath: string;
  /** Requests seen, as `METHOD path?query`. */
  readonly requests: string[];
  /** Bytes the server managed to write before clients hung up. */
  bytesWritten(): number;
  close(): Promise<void>;
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

/** Default answers: empty lists, watches that stay open, ConfigMaps that do not exist yet. */
function wellBehaved(req: IncomingMessage, url: URL, res: ServerResponse): void {
  if (url.searchParams.get('watch') === 'true') {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.write('');
    return;
  }
  if (req.method === 'GET' && /\/(jobs|pods|configmaps)$/.test(url.pathname)) return json(res, 200, { kind: 'List', metadata: { resourceVersion: '1' }, items: [] });
  if (req.method === 'POST') {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => json(res, 201, JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown));
    return;
  }
  json(res, 404, { kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'NotFound', code: 404, message: 'not found' });
}

/** Starts the server and writes a kubeconfig for it (plain HTTP, bearer token). */
export async function startHostileServer(route: HostileRoute): Promise<HostileServer> {
  const requests: string[] = [];
  const sockets = new Set<Socket>();
  let written = 0;
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    requests.push(`${req.method ?? ''} ${url.pathname}${url.search}`);
    if (!route(req, url, res)) wellBehaved(req, url, res);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => {
      written += socket.bytesWritten;
      sockets.delete(socket);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const dir = await mkdtemp(join(tmpdir(), 'drmaa2-hostile-'));
  const kubeconfigPath = join(dir, 'config');
  await writeFile(
    kubeconfigPath,
    JSON.stringify({
      apiVersion: 'v1',
      kind: 'Config',
      'current-context': 'hostile',
      clusters: [{ name: 'hostile', cluster: { server: `http://127.0.0.1:${port}`, 'insecure-skip-tls-verify': true } }],
      users: [{ name: 'u', user: { token: 't' } }],
      contexts: [{ name: 'hostile', context: { cluster: 'hostile', user: 'u', namespace: 'default' } }],
    }),
  );
  return {
    kubeconfigPath,
    requests,
    bytesWritten: () => written + [...sockets].reduce((sum, socket) => sum + socket.bytesWritten, 0),
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(dir, { recursive: true, force: true });
    },
  };
}
