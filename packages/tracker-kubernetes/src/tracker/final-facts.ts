import { isJobState, type SlotInfo } from '@drmaa2/core';
import type { KubeJob } from '../kube-types.js';
import { isRecord, parseJsonObject } from '../mapping/json-object.js';
import { AnnotationKey } from '../mapping/keys.js';
import type { ObservedStatus } from '../state/index.js';

/** The most bytes the facts annotation may take; jobs with more facts keep them in memory only. */
export const MAX_FINAL_FACTS_BYTES = 64 * 1024;

/** The key of a unit in the annotation: `""` for a single job, the DRMAA2 index for an array member. */
export function unitKey(index: number | undefined): string {
  return index === undefined ? '' : String(index);
}

type StoredFacts = Omit<ObservedStatus, 'dispatchTime' | 'finishTime' | 'verdictPending'> & { dispatchTime?: string; finishTime?: string };

/**
 * The `drmaa2.io/final-facts` value for the finished units of a Job, by {@link unitKey}: their
 * state and the JobInfo facts their pods told. `undefined` when it would exceed
 * {@link MAX_FINAL_FACTS_BYTES}.
 */
export function finalFactsValue(units: ReadonlyMap<string, ObservedStatus>): string | undefined {
  const stored: Record<string, StoredFacts> = {};
  for (const [key, { dispatchTime, finishTime, verdictPending: _pending, ...facts }] of [...units].sort(([a], [b]) => a.localeCompare(b))) {
    stored[key] = { ...facts, ...(dispatchTime === undefined ? {} : { dispatchTime: dispatchTime.toISOString() }), ...(finishTime === undefined ? {} : { finishTime: finishTime.toISOString() }) };
  }
  const value = JSON.stringify(stored);
  return Buffer.byteLength(value) > MAX_FINAL_FACTS_BYTES ? undefined : value;
}

function date(value: unknown): Date | undefined {
  if (typeof value !== 'string') return undefined;
  const parsed = new Date(value);
  return Number.isNaN(parsed.getTime()) ? undefined : parsed;
}

function slots(value: unknown): SlotInfo[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const machines = value.filter((slot): slot is SlotInfo => isRecord(slot) && typeof slot.machineName === 'string' && typeof slot.slots === 'number');
  return machines.length === value.length ? machines : undefined;
}

/** One unit's stored facts, read back with only the fields of the right type; `undefined` when unusable. */
function parseUnit(value: unknown): ObservedStatus | undefined {
  if (!isRecord(value) || typeof value.state !== 'string' || !isJobState(value.state)) return undefined;
  const status: ObservedStatus = { state: value.state };
  for (const key of ['subState', 'annotation', 'terminatingSignal'] as const) if (typeof value[key] === 'string') status[key] = value[key];
  for (const key of ['exitStatus', 'wallclockTime', 'slots'] as const) if (typeof value[key] === 'number') status[key] = value[key];
  const machines = slots(value.allocatedMachines);
  if (machines !== undefined) status.allocatedMachines = machines;
  const dispatch = date(value.dispatchTime);
  if (dispatch !== undefined) status.dispatchTime = dispatch;
  const finish = date(value.finishTime);
  if (finish !== undefined) status.finishTime = finish;
  return status;
}

/** The facts a Job's `drmaa2.io/final-facts` annotation holds, by {@link unitKey}; empty when absent or unreadable. */
export function readFinalFacts(job: KubeJob): Map<string, ObservedStatus> {
  const text = job.metadata?.annotations?.[AnnotationKey.FinalFacts];
  const facts = new Map<string, ObservedStatus>();
  if (typeof text !== 'string') return facts;
  const parsed = parseJsonObject(text);
  if (parsed === undefined) return facts;
  for (const [key, value] of Object.entries(parsed)) {
    const unit = parseUnit(value);
    if (unit !== undefined) facts.set(key, unit);
  }
  return facts;
}
