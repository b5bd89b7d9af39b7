import { hrtime } from 'node:process';

/**
 * Milliseconds on the machine's monotonic clock, with sub-millisecond resolution. Comparable
 * between processes of one machine (every process reads the same clock) and never stepped by
 * wall-clock adjustments, which `performance.timeOrigin` (fixed at each process's start) is not:
 * a wall clock stepped between two processes' starts would shift every cross-process latency.
 * Not an epoch: use it for differences only.
 */
export function preciseNow(): number {
  return Number(hrtime.bigint()) / 1e6;
}
