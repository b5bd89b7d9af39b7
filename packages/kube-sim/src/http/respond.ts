import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiError, StatusBody } from '../store/api-error.js';

/** Per-request state the handlers share: the response, byte counting and fault flags. */
export interface HttpExchange {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  /** Adds to the server's bytes-sent counter. */
  countBytes(n: number): void;
  /** Fault injection: drop the connection instead of answering (the server already acted). */
  resetInsteadOfReply: boolean;
}

function finish(ex: HttpExchange, code: number, contentType: string, body: string, headers: Record<string, string> = {}): void {
  if (ex.resetInsteadOfReply) {
    ex.req.socket.destroy();
    return;
  }
  const bytes = Buffer.byteLength(body);
  ex.countBytes(bytes);
  ex.res.writeHead(code, { 'Content-Type': contentType, 'Content-Length': String(bytes), 'Cache-Control': 'no-cache, private', ...headers });
  ex.res.end(body);
}

/** Sends a JSON body with `Content-Type: application/json`. */
export function sendJson(ex: HttpExchange, code: number, body: unknown, headers: Record<string, string> = {}): void {
  finish(ex, code, 'application/json', JSON.stringify(body), headers);
}

/** Sends pre-serialized JSON. */
export function sendRawJson(ex: HttpExchange, code: number, json: string): void {
  finish(ex, code, 'application/json', json);
}

/** Sends a plain-text body (`text/plain`), as pod logs are. */
export function sendText(ex: HttpExchange, code: number, text: string): void {
  finish(ex, code, 'text/plain', text);
}

/** Sends a Status body with its code. */
export function sendStatus(ex: HttpExchange, status: StatusBody, headers: Record<string, string> = {}): void {
  sendJson(ex, status.code, status, headers);
}

/** Sends an {@link ApiError} as its Status body and headers. */
export function sendError(ex: HttpExchange, error: ApiError): void {
  sendStatus(ex, error.status, { ...error.headers });
}
