import type { IncomingMessage } from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';
import { ApiError, badRequest, failureStatus } from '../store/api-error.js';

/** Largest request body accepted (the real server's 3 MiB). */
export const MAX_BODY_BYTES = 3 * 1024 * 1024;

/**
 * Reads the request body as text.
 * @throws ApiError 413 when it exceeds {@link MAX_BODY_BYTES}.
 */
export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buf.length;
    if (size > MAX_BODY_BYTES) throw new ApiError(failureStatus(413, 'RequestEntityTooLarge', 'Request entity too large: limit is 3145728'));
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Checks a create/update body is JSON. The simulator speaks no protobuf or CBOR: such bodies get
 * 415 (`kubectl create job|configmap|secret ...` send protobuf; `kubectl create -f` sends JSON).
 * @throws ApiError 415 for another content type.
 */
export function requireJsonBody(headers: IncomingHttpHeaders): void {
  const type = (headers['content-type'] ?? 'application/json').split(';')[0]?.trim().toLowerCase() ?? '';
  if (type === 'application/json' || type === '' || type === '*/*') return;
  throw new ApiError(failureStatus(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: application/json; got ${type}`));
}

/**
 * Parses a JSON body.
 * @throws ApiError 400 for malformed JSON.
 */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw badRequest(`couldn't get version/kind; json parse error: ${error instanceof Error ? error.message : String(error)}`);
  }
}
