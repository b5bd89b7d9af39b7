/** An opaque handle of a timer started by a {@link Clock}. */
export type TimerHandle = { readonly __timer: unique symbol } | object;

/**
 * Time as the session API sees it. Core runs wait timeouts on the tracker's clock, so a tracker
 * with a virtual clock (the memory tracker's, say) makes timeouts as fast and deterministic as its
 * jobs.
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Calls `callback` once after `ms` milliseconds of this clock's time. */
  setTimeout(callback: () => void, ms: number): TimerHandle;
  /** Cancels a timer; a handle that already fired or was cleared is ignored. */
  clearTimeout(handle: TimerHandle): void;
}

/**
 * The wall clock: `Date.now()` and the platform's timers. A pending timer keeps the process alive,
 * as a pending wait should. Delays beyond the platform's limit (about 24.8 days) are clamped to it.
 */
export const systemClock: Clock = Object.freeze({
  now: () => Date.now(),
  setTimeout: (callback: () => void, ms: number): TimerHandle => setTimeout(callback, Math.min(Math.max(ms, 0), 2_147_483_647)),
  clearTimeout: (handle: TimerHandle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
});
