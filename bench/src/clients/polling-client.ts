import { setTimeout as delay } from 'node:timers/promises';
import type { BatchV1Api, V1Job } from '@kubernetes/client-node';
import { sleepJob } from './client-node.js';

/** The reference tracker's poll interval per waiting job. */
export const POLL_INTERVAL_MS = 100;

/** A Job the polling baseline created. */
export interface PolledJob {
  readonly name: string;
}

function finished(job: V1Job): boolean {
  return (job.status?.succeeded ?? 0) >= 1 || (job.status?.failed ?? 0) >= 1;
}

/**
 * The "polling" baseline, the reference tracker's approach written with client-node: each job is
 * one Job created on its own, and waiting on it GETs the Job every {@link POLL_INTERVAL_MS} until
 * `status.succeeded` or `status.failed` is at least 1 (the reference's Done/Failed rule). An array
 * is N such Jobs.
 */
export class PollingClient {
  readonly #api: BatchV1Api;
  readonly #namespace: string;
  readonly #intervalMs: number;
  /** GETs that failed and were followed by the next poll. */
  failedPolls = 0;

  constructor(api: BatchV1Api, namespace = 'default', intervalMs = POLL_INTERVAL_MS) {
    this.#api = api;
    this.#namespace = namespace;
    this.#intervalMs = intervalMs;
  }

  /** Creates one Job that sleeps `seconds`. */
  async submit(seconds: number, labels: Record<string, string> = { app: 'bench-polling' }): Promise<PolledJob> {
    const created = await this.#api.createNamespacedJob({ namespace: this.#namespace, body: sleepJob(seconds, labels) });
    return { name: created.metadata?.name ?? '' };
  }

  /**
   * Polls the Job every interval (after each answer) until it is finished. A failed GET (a reset
   * keep-alive connection, say) is simply followed by the next poll; 50 failures in a row (5 s of
   * polls at least) give up.
   */
  async waitFinished(job: PolledJob): Promise<void> {
    let failures = 0;
    for (;;) {
      await delay(this.#intervalMs);
      try {
        if (finished(await this.#api.readNamespacedJob({ name: job.name, namespace: this.#namespace }))) return;
        failures = 0;
      } catch (error) {
        failures += 1;
        this.failedPolls += 1;
        if (failures >= 50) throw error;
      }
    }
  }
}
