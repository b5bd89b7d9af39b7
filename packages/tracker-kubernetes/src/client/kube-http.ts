import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest, type RequestOptions } from 'node:https';
import { systemClock, type Clock } from '@drmaa2/core';
import type { KubeConfig } from '@kubernetes/client-node';
import { isLostAnswer, KubeApiError, type KubeStatusBody } from './kube-api-error.js';
import { RateLimiter } from './rate-limiter.js';

/** Transport settings of the Kubernetes tracker. */
export interface KubeHttpOptions {
  /** Requests per second the client sends at most (a token bucket); default 50. `Infinity` turns it off. */
  readonly qps?: number;
  /** Requests that may go at once before `qps` applies; default 100. */
  readonly burst?: number;
  /** How long one request may take, in ms; default 30,000. Watches and log streams are exempt. */
  readonly requestTimeoutMs?: number;
  /** Retries of a failed request (429, 5xx, transport errors); default 5. */
  readonly maxRetries?: number;
  /** First retry delay in ms, doubled per retry with full jitter, capped at 10 s; default 250. */
  readonly retryBaseMs?: number;
  /** The clock retries and the rate limiter wait on; default the wall clock. */
  readonly clock?: Clock;
  /**
   * A watch that receives no byte for this long (wall-clock ms) is dropped and resumed, so a
   * half-open connection cannot stall it; default 180,000. Watches ask for bookmarks, which API
   * servers send about once a minute.
   */
  readonly watchIdleTimeoutMs?: number;
}

/** One API request. */
export interface KubeRequest {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  readonly path: string;
  readonly query?: Readonly<Record<string, string | number | boolean | undefined>>;
  readonly body?: unknown;
  /** Default `application/json`; patches name their type. */
  readonly contentType?: string;
  /** False for requests that must not be sent twice; default true (every request the tracker sends is safe to repeat). */
  readonly retry?: boolean;
  /**
   * Retries of this request instead of the client's `maxRetries`: cleanup that must not be left
   * half done (deleting what a failed submission made) asks for more than a caller's budget.
   */
  readonly retries?: number;
  readonly signal?: AbortSignal;
  /** `requestText` only: keep at most this many bytes of the body and stop reading; default {@link MAX_ANSWER_BYTES}. */
  readonly maxBytes?: number;
}

/** The largest answer read (a list page, an object, a log); larger ones are cut off or refused. */
export const MAX_ANSWER_BYTES = 64 * 1024 * 1024;
/** The most bytes of an error answer read (its Status). */
const maxErrorBytes = 1024 * 1024;
/** The longest line of a watch stream; a longer one breaks the stream. */
const maxWatchLine = 16 * 1024 * 1024;

/** One event of a watch stream, as the server sent it. */
export interface KubeWatchEvent {
  readonly type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  readonly object: Record<string, unknown>;
}

const retryableStatus = new Set([429, 500, 502, 503, 504]);
const watchEventTypes: ReadonlySet<string> = new Set(['ADDED', 'MODIFIED', 'DELETED', 'BOOKMARK', 'ERROR']);

function queryString(query: KubeRequest['query']): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) if (value !== undefined) params.set(key, String(value));
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function statusBody(value: unknown): KubeStatusBody | undefined {
  return typeof value === 'object' && value !== null ? (value) : undefined;
}

/**
 * The tracker's HTTP client for the Kubernetes API: credentials and TLS from a `KubeConfig`
 * (applied per request, so rotating tokens keep working), one keep-alive connection pool, a
 * client-side rate limiter, retries with exponential backoff and full jitter on 429 (honouring
 * Retry-After), 5xx and transport errors, per-request timeouts and AbortSignal support, and raw
 * JSON both ways (no model classes that drop unknown fields).
 * @internal
 */
export class KubeHttp {
  readonly #kc: KubeConfig;
  readonly #server: URL;
  readonly #limiter: RateLimiter;
  readonly #clock: Clock;
  readonly #timeoutMs: number;
  readonly #maxRetries: number;
  readonly #retryBaseMs: number;
  readonly #watchIdleMs: number;
  #agent: HttpAgent | undefined;
  #closed = false;

  constructor(kc: KubeConfig, options: KubeHttpOptions = {}) {
    const cluster = kc.getCurrentCluster();
    if (cluster === null) throw new Error('the kubeconfig has no current cluster');
    this.#kc = kc;
    this.#server = new URL(cluster.server);
    this.#clock = options.clock ?? systemClock;
    this.#limiter = new RateLimiter(options.qps ?? 50, options.burst ?? 100, this.#clock);
    this.#timeoutMs = options.requestTimeoutMs ?? 30_000;
    this.#maxRetries = options.maxRetries ?? 5;
    this.#retryBaseMs = options.retryBaseMs ?? 250;
    this.#watchIdleMs = options.watchIdleTimeoutMs ?? 180_000;
  }

  /** The API server's URL. */
  get server(): string {
    return this.#server.href;
  }

  /**
   * Sends a request and returns the parsed JSON answer; rejects with `KubeApiError`, also (status 0,
   * retried) when the answer is not a JSON object or larger than {@link MAX_ANSWER_BYTES}.
   */
  async request<T = unknown>(req: KubeRequest): Promise<T> {
    return this.#withRetries(req, async (signal) => {
      const { text, complete } = await this.#send(req, signal, MAX_ANSWER_BYTES);
      const value = complete ? parseJson(text) : undefined;
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        throw new KubeApiError(`${req.method} ${req.path}: the answer is not a Kubernetes object (${complete ? `${Buffer.byteLength(text)} bytes of malformed JSON` : 'too large'})`, 0);
      }
      return value as T;
    });
  }

  /** Sends a request and returns the body as text (pod logs), cut off after `maxBytes`. */
  async requestText(req: KubeRequest): Promise<string> {
    return this.#withRetries(req, async (signal) => (await this.#send(req, signal, req.maxBytes ?? MAX_ANSWER_BYTES)).text);
  }

  /**
   * Opens a watch and calls `onEvent` for every event until the server ends the stream (resolves)
   * or it breaks (rejects with `KubeApiError`, status 0 for transport errors and for a stream
   * silent longer than `watchIdleTimeoutMs`). Not retried: the caller resumes from its last
   * resourceVersion. Aborting resolves.
   */
  async watch(path: string, query: KubeRequest['query'], onEvent: (event: KubeWatchEvent) => void, signal: AbortSignal): Promise<void> {
    await this.#limiter.acquire(signal);
    const response = await this.#open({ method: 'GET', path, query: { ...query, watch: 'true' } }, signal);
    if (response.statusCode !== 200) {
      const { text } = await this.#readAll(response, maxErrorBytes);
      throw this.#httpError(response, text);
    }
    let idle: ReturnType<typeof setTimeout> | undefined;
    const watchdog = (): void => {
      clearTimeout(idle);
      idle = setTimeout(() => response.destroy(new Error(`no data for ${this.#watchIdleMs} ms`)), this.#watchIdleMs);
    };
    watchdog();
    await new Promise<void>((resolve, reject) => {
      let buffer = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        watchdog();
        buffer += chunk;
        if (buffer.length > maxWatchLine && !buffer.includes('\n')) {
          response.destroy();
          reject(new KubeApiError(`watch ${path}: a line longer than ${maxWatchLine} bytes`, 0));
          return;
        }
        let newline = buffer.indexOf('\n');
        while (newline !== -1) {
          const line = buffer.slice(0, newline).trim();
          buffer = buffer.slice(newline + 1);
          if (line !== '') {
            const event = parseJson(line) as Partial<KubeWatchEvent> | null | undefined;
            if (typeof event === 'object' && event !== null && watchEventTypes.has(event.type ?? '') && typeof event.object === 'object' && event.object !== null) {
              try {
                onEvent(event as KubeWatchEvent);
              } catch (error) {
                response.destroy();
                reject(error);
                return;
              }
            }
          }
          newline = buffer.indexOf('\n');
        }
      });
      response.on('end', () => resolve());
      response.on('error', (error) => (signal.aborted ? resolve() : reject(new KubeApiError(`watch ${path} broke: ${error.message}`, 0, undefined, undefined, { cause: error }))));
      response.on('close', () => resolve());
    }).finally(() => clearTimeout(idle));
  }

  /** Ends every connection. Later requests fail. */
  close(): void {
    this.#closed = true;
    this.#limiter.close(new KubeApiError('the Kubernetes client was closed', 0));
    this.#agent?.destroy();
  }

  async #withRetries<T>(req: KubeRequest, attempt: (signal: AbortSignal) => Promise<T>): Promise<T> {
    let lostAnswer = false;
    for (let retry = 0; ; retry += 1) {
      await this.#limiter.acquire(req.signal);
      const timeout = AbortSignal.timeout(this.#timeoutMs);
      const signal = req.signal === undefined ? timeout : AbortSignal.any([req.signal, timeout]);
      try {
        return await attempt(signal);
      } catch (error) {
        req.signal?.throwIfAborted();
        let failure = error instanceof KubeApiError ? error : new KubeApiError(`${req.method} ${req.path}: ${String(error)}`, 0, undefined, undefined, { cause: error });
        if (lostAnswer && !failure.afterLostAnswer) {
          failure = new KubeApiError(failure.message, failure.status, failure.body, failure.retryAfterSeconds, { cause: failure.cause, afterLostAnswer: true });
        }
        lostAnswer ||= isLostAnswer(failure);
        const retryable = failure.status === 0 || retryableStatus.has(failure.status);
        if (this.#closed || req.retry === false || !retryable || retry >= (req.retries ?? this.#maxRetries)) throw failure;
        await this.#delay(this.#backoff(retry, failure), req.signal);
      }
    }
  }

  #backoff(retry: number, failure: KubeApiError): number {
    if (failure.retryAfterSeconds !== undefined && failure.retryAfterSeconds > 0) return failure.retryAfterSeconds * 1000;
    return Math.random() * Math.min(10_000, this.#retryBaseMs * 2 ** retry);
  }

  #delay(ms: number, signal: AbortSignal | undefined): Promise<void> {
    return new Promise((resolve, reject) => {
      const onAbort = (): void => {
        this.#clock.clearTimeout(timer);
        reject(signal?.reason as unknown);
      };
      const timer = this.#clock.setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  async #send(req: KubeRequest, signal: AbortSignal, maxBytes: number): Promise<{ text: string; complete: boolean }> {
    const response = await this.#open(req, signal);
    const status = response.statusCode ?? 0;
    const answer = await this.#readAll(response, status >= 200 && status < 300 ? maxBytes : maxErrorBytes);
    if (status < 200 || status >= 300) throw this.#httpError(response, answer.text);
    return answer;
  }

  #httpError(response: IncomingMessage, text: string): KubeApiError {
    const body = statusBody(parseJson(text));
    const retryAfter = Number(response.headers['retry-after']);
    const status = response.statusCode ?? 0;
    return new KubeApiError(body?.message ?? `HTTP ${status}`, status, body, Number.isFinite(retryAfter) ? retryAfter : undefined);
  }

  /** Reads a body, at most `maxBytes` of it (then the connection is dropped and `complete` is false). */
  #readAll(response: IncomingMessage, maxBytes: number): Promise<{ text: string; complete: boolean }> {
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        const room = maxBytes - size;
        if (chunk.length > room) {
          chunks.push(chunk.subarray(0, room));
          response.destroy();
          resolve({ text: Buffer.concat(chunks).toString('utf8'), complete: false });
          return;
        }
        chunks.push(chunk);
        size += chunk.length;
      });
      response.on('end', () => resolve({ text: Buffer.concat(chunks).toString('utf8'), complete: true }));
      response.on('error', (error) => reject(new KubeApiError(`reading the answer failed: ${error.message}`, 0, undefined, undefined, { cause: error })));
    });
  }

  async #open(req: KubeRequest, signal: AbortSignal): Promise<IncomingMessage> {
    if (this.#closed) throw new KubeApiError('the Kubernetes client was closed', 0);
    const options: RequestOptions = {};
    await this.#kc.applyToHTTPSOptions(options);
    const cluster = this.#kc.getCurrentCluster();
    const agent = cluster?.proxyUrl === undefined ? this.#pool(options) : options.agent;
    const body = req.body === undefined ? undefined : JSON.stringify(req.body);
    const url = new URL(`${this.#server.pathname.replace(/\/$/, '')}${req.path}${queryString(req.query)}`, this.#server);
    const headers: Record<string, string> = { ...(options.headers as Record<string, string> | undefined), accept: 'application/json' };
    if (body !== undefined) {
      headers['content-type'] = req.contentType ?? 'application/json';
      headers['content-length'] = String(Buffer.byteLength(body));
    }
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise<IncomingMessage>((resolve, reject) => {
      const request = send(url, { method: req.method, headers, agent, signal, ...(options.auth === undefined ? {} : { auth: options.auth }) }, resolve);
      request.on('error', (error) =>
        reject(signal.aborted && req.signal?.aborted === true ? (req.signal.reason as unknown) : new KubeApiError(`${req.method} ${req.path}: ${error.message}`, 0, undefined, undefined, { cause: error })),
      );
      request.end(body);
    });
  }

  #pool(options: RequestOptions): HttpAgent {
    if (this.#agent !== undefined) return this.#agent;
    // Watches hold sockets too. Idle sockets are kept up to the same bound, so a burst of
    // submissions after a quiet spell does not pay for new TLS handshakes.
    const shared = { keepAlive: true, maxSockets: 64, maxFreeSockets: 64 };
    this.#agent =
      this.#server.protocol === 'https:'
        ? new HttpsAgent({
            ...shared,
            ...(options.ca === undefined ? {} : { ca: options.ca }),
            ...(options.cert === undefined ? {} : { cert: options.cert }),
            ...(options.key === undefined ? {} : { key: options.key }),
            ...(options.rejectUnauthorized === undefined ? {} : { rejectUnauthorized: options.rejectUnauthorized }),
            ...(options.servername === undefined ? {} : { servername: options.servername }),
          })
        : new HttpAgent(shared);
    return this.#agent;
  }
}
