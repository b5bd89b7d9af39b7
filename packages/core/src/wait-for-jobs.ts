import { systemClock, type TimerHandle } from './clock.js';
import { Drmaa2Error } from './drmaa2-error.js';
import { ErrorCode } from './error-code.js';
import { JobState, isStarted, isTerminal } from './job-state.js';
import type { JobStateHub } from './job-state-hub.js';
import type { Tracker } from './tracker.js';
import { normalizeTimeout } from './wait-options.js';

/** What a wait waits for. Undetermined satisfies both: asking again will not help. */
export type WaitTarget = 'started' | 'terminated';

function reached(target: WaitTarget, state: JobState): boolean {
  if (state === JobState.Undetermined || isTerminal(state)) return true;
  return target === 'started' && isStarted(state);
}

/**
 * Resolves with the id of the first of `jobIds` that reaches `target`: at once when one already
 * has (a finished job counts as started), else on the tracker's push or poll. The timeout runs on
 * the tracker's clock.
 * @throws Drmaa2Error `TIMEOUT` when the time runs out (also for `0` when no job is there yet);
 *   `INVALID_ARGUMENT` for a bad timeout or an unknown or reaped job; the abort reason on abort.
 * @internal
 */
export function waitForJobs(
  tracker: Tracker,
  hub: JobStateHub,
  jobIds: readonly string[],
  target: WaitTarget,
  timeoutSec: number | undefined,
  signal: AbortSignal | undefined,
): Promise<string> {
  const timeout = normalizeTimeout(timeoutSec);
  signal?.throwIfAborted();
  const wanted = new Set(jobIds);
  const clock = tracker.clock ?? systemClock;

  return new Promise<string>((resolve, reject) => {
    let settled = false;
    let timer: TimerHandle | undefined;
    const onAbort = (): void => finish(() => reject(signal?.reason as unknown));
    const finish = (settle: () => void): void => {
      if (settled) return;
      settled = true;
      stopListening();
      if (timer !== undefined) clock.clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      settle();
    };
    const timedOut = (): void =>
      finish(() => reject(new Drmaa2Error(ErrorCode.Timeout, `no job reached ${target} within ${timeout} s (jobs: ${jobIds.join(', ')})`)));

    const stopListening = hub.listen((change) => {
      if (wanted.has(change.jobId) && reached(target, change.state)) finish(() => resolve(change.jobId));
    }, jobIds);
    signal?.addEventListener('abort', onAbort, { once: true });
    if (timeout > 0 && Number.isFinite(timeout)) {
      // Timers may fire a little early against `now()` and are capped near 24.8 days: a timer that
      // fires before the deadline is armed again for the rest.
      const deadline = clock.now() + timeout * 1000;
      const arm = (): void => {
        const left = deadline - clock.now();
        if (left <= 0) timedOut();
        else timer = clock.setTimeout(arm, left);
      };
      arm();
    }

    Promise.all(jobIds.map((id) => tracker.getJob(id, { signal }))).then(
      (records) => {
        records.forEach((record, i) => {
          if (record === undefined) {
            finish(() => reject(new Drmaa2Error(ErrorCode.InvalidArgument, `job ${jobIds[i]}: unknown or already reaped`)));
          } else if (reached(target, record.info.jobState)) {
            finish(() => resolve(record.jobId));
          }
        });
        if (timeout === 0) timedOut();
      },
      (error: unknown) => finish(() => reject(error)),
    );
  });
}
