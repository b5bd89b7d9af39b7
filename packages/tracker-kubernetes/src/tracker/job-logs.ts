import { access, writeFile } from 'node:fs/promises';
import { Drmaa2Error, ErrorCode, type JobTemplate } from '@drmaa2/core';
import { toDrmaa2Error } from '../client/kube-api-error.js';
import type { KubeHttp } from '../client/kube-http.js';
import { JOB_CONTAINER_NAME, logTargets } from '../mapping/index.js';
import { completionIndexOf, newestPod, terminatedState } from '../state/pod-facts.js';
import type { CachedPod } from './job-index.js';

/** What the tracker does with the logs of finished jobs. */
export interface JobLogOptions {
  /**
   * Keep the last this many bytes of each finished job's log in `JobInfo.extensions.output`
   * (0 to 1,048,576). Default 0: off, and no log is read for it. Costs one request per job.
   */
  readonly keepBytes?: number;
  /** The most bytes of a log written to `outputPath`/`errorPath`; default 16 MiB. */
  readonly fileMaxBytes?: number;
}

/** The largest `keepBytes`. */
export const MAX_KEPT_LOG_BYTES = 1024 * 1024;
const defaultFileMaxBytes = 16 * 1024 * 1024;
/** How many lines are read for the kept tail when no file needs the whole log. */
const tailLines = 1000;

function checkBytes(name: string, value: number | undefined, max: number): void {
  if (value !== undefined && !(Number.isSafeInteger(value) && value >= 0 && value <= max)) {
    throw new Drmaa2Error(ErrorCode.InvalidArgument, `kubernetesTracker options.jobLogs.${name}: must be a whole number from 0 to ${max}`);
  }
}

/**
 * Checks the log options.
 * @throws Drmaa2Error `INVALID_ARGUMENT` naming the option.
 */
export function checkJobLogOptions(options: JobLogOptions | undefined): void {
  checkBytes('keepBytes', options?.keepBytes, MAX_KEPT_LOG_BYTES);
  checkBytes('fileMaxBytes', options?.fileMaxBytes, Number.MAX_SAFE_INTEGER);
}

/** The last `bytes` bytes of `text`, starting at a whole character. */
function tail(text: string, bytes: number): string {
  const buffer = Buffer.from(text, 'utf8');
  if (buffer.length <= bytes) return text;
  let start = buffer.length - bytes;
  while (start < buffer.length && ((buffer[start] ?? 0) & 0xc0) === 0x80) start += 1;
  return buffer.subarray(start).toString('utf8');
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

/** The pod whose job container a finished unit (a job, or array member `i`) ended in. */
export function finalPod(pods: readonly CachedPod[], memberIndex: number | undefined): CachedPod | undefined {
  const own = memberIndex === undefined ? pods : pods.filter((pod) => completionIndexOf(pod) === memberIndex);
  return (newestPod(own, (pod) => terminatedState(pod) !== undefined) ?? newestPod(own)) as CachedPod | undefined;
}

/**
 * Reads a finished job's container log once: writes it to the template's `outputPath` and
 * `errorPath` on this host, and keeps a bounded tail for `JobInfo.extensions.output`. Failures are
 * reported to `onError` and in `JobInfo.extensions.logError`; they never block the job's state.
 * @internal
 */
export class JobLogs {
  readonly #http: KubeHttp;
  readonly #keepBytes: number;
  readonly #fileMaxBytes: number;
  readonly #home: string;
  readonly #onError: (error: Error) => void;
  readonly #abort = new AbortController();
  readonly #pending = new Set<Promise<unknown>>();

  constructor(http: KubeHttp, options: JobLogOptions, home: string, onError: (error: Error) => void) {
    this.#http = http;
    this.#keepBytes = options.keepBytes ?? 0;
    this.#fileMaxBytes = options.fileMaxBytes ?? defaultFileMaxBytes;
    this.#home = home;
    this.#onError = onError;
  }

  /** Whether a finished job with this template (the member's, for arrays) has a log to collect. */
  wants(template: JobTemplate): boolean {
    return this.#keepBytes > 0 || logTargets(template, this.#home).length > 0;
  }

  /**
   * Collects the log of `pod` for a job with `template`. With `onlyMissing`, files that exist are
   * left alone (the job finished before this process looked, and an earlier one may have written them).
   */
  collect(jobId: string, pod: CachedPod | undefined, template: JobTemplate, onlyMissing: boolean): Promise<Readonly<Record<string, string>>> {
    const work = this.#collect(jobId, pod, template, onlyMissing);
    this.#pending.add(work);
    void work.finally(() => this.#pending.delete(work));
    return work;
  }

  async #collect(jobId: string, pod: CachedPod | undefined, template: JobTemplate, onlyMissing: boolean): Promise<Readonly<Record<string, string>>> {
    try {
      const targets = [];
      for (const path of logTargets(template, this.#home)) if (!onlyMissing || !(await exists(path))) targets.push(path);
      if (targets.length === 0 && this.#keepBytes === 0) return {};
      if (pod === undefined) throw new Drmaa2Error(ErrorCode.DrmCommunication, `job ${jobId}: no pod is left to read the log from`);
      const limitBytes = targets.length > 0 ? this.#fileMaxBytes : MAX_KEPT_LOG_BYTES;
      const text = await this.#http.requestText({
        method: 'GET',
        path: `/api/v1/namespaces/${pod.metadata.namespace ?? ''}/pods/${pod.metadata.name}/log`,
        query: { container: JOB_CONTAINER_NAME, limitBytes, ...(targets.length > 0 ? {} : { tailLines }) },
        maxBytes: limitBytes,
        signal: this.#abort.signal,
      });
      for (const path of targets) await writeFile(path, text);
      return this.#keepBytes > 0 ? { output: tail(text, this.#keepBytes) } : {};
    } catch (cause) {
      if (this.#abort.signal.aborted) return {};
      const error = cause instanceof Drmaa2Error ? cause : toDrmaa2Error(cause, `collecting the log of job ${jobId}`);
      this.#onError(error);
      return { logError: error.message };
    }
  }

  /** Stops reading logs and waits for what is under way. */
  async close(): Promise<void> {
    this.#abort.abort();
    await Promise.allSettled([...this.#pending]);
  }
}

