/**
 * The Job controller's pod-replacement backoff: `base` after the first failure since the last
 * success, doubling per further failure up to `max`, measured from the last failure's finish time.
 */

/** Failures since the last success and when the last one finished. */
export interface BackoffRecord {
  failuresAfterLastSuccess: number;
  lastFailureTime: number | undefined;
}

/** Remaining delay (ms) for `failures` failures, the last one at `lastFailure`; 0 when none. */
export function remainingBackoff(
  failures: number,
  lastFailure: number | undefined,
  now: number,
  baseMs: number,
  maxMs: number,
): number {
  if (failures <= 0 || lastFailure === undefined) return 0;
  let delay = baseMs;
  for (let i = 1; i < failures; i++) {
    delay *= 2;
    if (delay >= maxMs) {
      delay = maxMs;
      break;
    }
  }
  const elapsed = now - lastFailure;
  return delay < elapsed ? 0 : delay - elapsed;
}

/**
 * `newBackoffRecord`: folds this sync's newly finished pods (given as finish times) into the Job's
 * record; a success resets the count to the failures after it.
 */
export function nextBackoffRecord(prev: BackoffRecord, successTimes: number[], failureTimes: number[]): BackoffRecord {
  if (successTimes.length === 0) {
    if (failureTimes.length === 0) return prev;
    return {
      failuresAfterLastSuccess: prev.failuresAfterLastSuccess + failureTimes.length,
      lastFailureTime: Math.max(...failureTimes),
    };
  }
  const lastSuccess = Math.max(...successTimes);
  const after = failureTimes.filter((t) => t > lastSuccess);
  return { failuresAfterLastSuccess: after.length, lastFailureTime: after.length > 0 ? Math.max(...after) : undefined };
}
