import type { FaultAction, KubeSim } from '@drmaa2/kube-sim';

/** The request faults of the suite, each as likely as the others. */
export function faultActions(latencyMs: number): FaultAction[] {
  return [
    { type: 'status', code: 429, retryAfterSeconds: 2 },
    { type: 'status', code: 500 },
    { type: 'status', code: 503 },
    { type: 'reset', when: 'before' },
    { type: 'reset', when: 'after' },
    { type: 'latency', ms: latencyMs },
  ];
}

/** What {@link addRequestFaults} installed, for `sim.faults.remove`. */
export interface InstalledFaults {
  readonly ids: readonly number[];
  /** The chance of each rule, chosen so that one request meets some fault with probability `rate`. */
  readonly perRule: number;
}

/**
 * Makes every API request (lists, watches, gets, creates, patches, deletes, logs) meet one of the
 * {@link faultActions} with probability `rate`. Rules are tried in order, each with
 * its own seeded draw, so each rule fires with `perRule = 1 - (1 - rate)^(1/n)`.
 */
export function addRequestFaults(sim: KubeSim, options: { rate: number; latencyMs: number }): InstalledFaults {
  const actions = faultActions(options.latencyMs);
  const perRule = 1 - (1 - options.rate) ** (1 / actions.length);
  return { ids: actions.map((action) => sim.faults.add({ match: { probability: perRule }, action })), perRule };
}

/**
 * Cuts watch streams every few events (jobs by dropping the connection, pods by ending the stream
 * cleanly) and every `watchCutEveryMs` (quiet streams too, so they come back with old
 * resourceVersions after a compaction). A stream gets its cuts when it opens.
 */
export function addWatchCuts(sim: KubeSim, options: { watchCutEvery: number; watchCutEveryMs: number }): number[] {
  return [
    sim.faults.addWatchCut({ match: { resource: 'jobs' }, afterEvents: options.watchCutEvery, mode: 'reset' }),
    sim.faults.addWatchCut({ match: { resource: 'pods' }, afterEvents: options.watchCutEvery + 2, mode: 'close' }),
    sim.faults.addWatchCut({ everyMs: options.watchCutEveryMs, mode: 'reset' }),
  ];
}

/** The name a fault action is counted under: `429`, `500`, `503`, `reset before`, `reset after`, `latency`. */
export function faultKind(action: FaultAction): string {
  if (action.type === 'status') return String(action.code);
  return action.type === 'reset' ? `reset ${action.when}` : 'latency';
}

/**
 * Counts the request faults kube-sim injects, by {@link faultKind}, from now on (by wrapping the
 * injector's `decide`; the returned map fills as requests come).
 */
export function countFaults(sim: KubeSim): Map<string, number> {
  const counts = new Map<string, number>();
  const decide = sim.faults.decide.bind(sim.faults);
  sim.faults.decide = (req) => {
    const action = decide(req);
    if (action !== undefined) counts.set(faultKind(action), (counts.get(faultKind(action)) ?? 0) + 1);
    return action;
  };
  return counts;
}
