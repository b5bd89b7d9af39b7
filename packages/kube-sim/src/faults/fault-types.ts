import type { Verb } from '../http/request-info.js';

/**
 * Which requests a fault applies to. Every given field must match; omitted fields match anything.
 * `nth` and `every` count only requests that matched the other fields (1-based).
 */
export interface FaultMatcher {
  /** Verb or verbs, as Kubernetes names them. */
  verb?: Verb | readonly Verb[];
  /** Resource key: `jobs`, `pods`, `jobs/status`, `pods/log`. */
  resource?: string | readonly string[];
  /** Namespace of the request. */
  namespace?: string;
  /** Object name (exact or pattern). */
  name?: string | RegExp;
  /** Fire only on these matching requests (1-based). */
  nth?: number | readonly number[];
  /** Fire on every n-th matching request. */
  every?: number;
  /** Fire with this probability (0..1), drawn from the seeded generator. */
  probability?: number;
  /** Fire at most this many times, then the rule is spent. */
  times?: number;
}

/** What to do with a matched request. */
export type FaultAction =
  /** Answer with an error Status: 429 (with Retry-After), 500, 503, 504. */
  | { type: 'status'; code: 429 | 500 | 503 | 504; retryAfterSeconds?: number; message?: string }
  /** Drop the connection: `before` the server acts (nothing happens), or `after` it acted. */
  | { type: 'reset'; when: 'before' | 'after' }
  /** Delay the request, then serve it normally. */
  | { type: 'latency'; ms: number };

/** A request fault: matcher plus action. */
export interface FaultRule {
  /** Which requests (omitted: every request). */
  match?: FaultMatcher;
  /** What happens to them. */
  action: FaultAction;
}

/**
 * Cuts watch streams that match: after `afterEvents` events and/or every `everyMs` milliseconds.
 * `mode` `reset` (default) drops the connection; `close` ends the stream cleanly like a server timeout.
 */
export interface WatchCutRule {
  /** Which watches (omitted: every watch). */
  match?: Pick<FaultMatcher, 'resource' | 'namespace'>;
  /** Cut after this many events. */
  afterEvents?: number;
  /** Cut this long after the watch opened. */
  everyMs?: number;
  /** `reset` (default) drops the connection; `close` ends the stream cleanly. */
  mode?: 'reset' | 'close';
}

/** Fault configuration accepted at start. */
export interface FaultOptions {
  /** Seed of the generator behind `probability` (default 1). */
  seed?: number;
  /** Request faults. */
  rules?: readonly FaultRule[];
  /** Watch-stream cuts. */
  watchCuts?: readonly WatchCutRule[];
}
