import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest, type RequestOptions } from 'node:https';
import { systemClock, type Clock } from '@drmaa2/core';
import type { KubeConfig } from '@kubernetes/client-node';
import { KubeApiError, type KubeStatusBody } from './kube-api-error.js';
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
  readonly signal?: AbortSignal;
}

/** One event of a watch stream, as the server sent it. */
export interface KubeWatchEvent {
  readonly type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  readonly object: Record<string, unknown>;
}

const retryableStatus = new Set([429, 500, 502, 503, 504]);

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
  }

  /** The API server's URL. */
  get server(): string {
    return this.#server.href;
  }

  /** Sends a request and returns the parsed JSON answer; rejects with `KubeApiError`. */
  async request<T = unknown>(req: KubeRequest): Promise<T> {
    return parseJson(await this.#withRetries(req, (signal) => this.#send(req, signal))) as T;
  }

  /** Sends a request and returns the body as text (pod logs). */
  async requestText(req: KubeRequest): Promise<string> {
    return this.#withRetries(req, (signal) => this.#send(req, signal));
  }

  /**
   * Opens a watch and calls `onEvent` for every event until the server ends the stream (resolves)
   * or it breaks (rejects with `KubeApiError`, status 0 for transport errors). Not retried: the
   * caller resumes from its last resourceVersion. Aborting resolves.
   */
  async watch(path: string, query: KubeRequest['query'], onEvent: (event: KubeWatchEvent) => void, signal: AbortSignal): Promise<void> {
    await this.#limiter.acquire(signal);
    const response = await this.#open({ method: 'GET', path, query: { ...query, watch: 'true' } }, signal);
    if (response.statusCode !== 200) {
      const text = await this.#readAll(response);
      throw this.#httpError(response, text);
    }
    await new Promise<void>((resolve, reject) => {
      let buffer = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        buffer += chunk;
        let newline = buffer.indexOf('\n');
        while (newline !== -1) {
          const line = buffer.slice(0, newline).trim();
          buffer = buffer.slice(newline + 1);
          if (line !== '') {
            const event = parseJson(line) as KubeWatchEvent | undefined;
            if (event !== undefined && typeof event.type === 'string' && typeof event.object === 'object') {
              try {
                onEvent(event);
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
    });
  }

  /** Ends every connection. Later requests fail. */
  close(): void {
    this.#closed = true;
    this.#limiter.close(new KubeApiError('the Kubernetes client was closed', 0));
    this.#agent?.destroy();
  }

  async #withRetries(req: KubeRequest, attempt: (signal: AbortSignal) => Promise<string>): Promise<string> {
    for (let retry = 0; ; retry += 1) {
      await this.#limiter.acquire(req.signal);
      const timeout = AbortSignal.timeout(this.#timeoutMs);
      const signal = req.signal === undefined ? timeout : AbortSignal.any([req.signal, timeout]);
      try {
        return await attempt(signal);
      } catch (error) {
        req.signal?.throwIfAborted();
        const failure = error instanceof KubeApiError ? error : new KubeApiError(`${req.method} ${req.path}: ${String(error)}`, 0, undefined, undefined, { cause: error });
        const retryable = failure.status === 0 || retryableStatus.has(failure.status);
        if (this.#closed || req.retry === false || !retryable || retry >= this.#maxRetries) throw failure;
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

  async #send(req: KubeRequest, signal: AbortSignal): Promise<string> {
    const response = await this.#open(req, signal);
    const text = await this.#readAll(response);
    const status = response.statusCode ?? 0;
    if (status < 200 || status >= 300) throw this.#httpError(response, text);
    return text;
  }

  #httpError(response: IncomingMessage, text: string): KubeApiError {
    const body = statusBody(parseJson(text));
    const retryAfter = Number(response.headers['retry-after']);
    const status = response.statusCode ?? 0;
    return new KubeApiError(body?.message ?? `HTTP ${status}`, status, body, Number.isFinite(retryAfter) ? retryAfter : undefined);
  }

  #readAll(response: IncomingMessage): Promise<string> {
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
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
    const shared = { keepAlive: true, maxSockets: 32, maxFreeSockets: 8 };
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
