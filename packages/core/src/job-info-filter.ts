import type { JobInfo } from './job-info.js';

const equalityKeys = [
  'jobId', 'jobName', 'exitStatus', 'terminatingSignal', 'jobState', 'jobSubState',
  'submissionMachine', 'jobOwner', 'slots', 'queueName',
] as const;
const atLeastKeys = ['wallclockTime', 'cpuTime'] as const;
const atOrAfterKeys = ['submissionTime', 'dispatchTime', 'finishTime'] as const;

/**
 * True when `info` matches `filter` under DRMAA2's filter rules: unset filter fields are ignored
 * and every set one must match. `jobId`, `jobName`, `exitStatus`, `terminatingSignal`, `jobState`,
 * `jobSubState`, `submissionMachine`, `jobOwner`, `slots`, `queueName` compare for equality;
 * `allocatedMachines` matches when the job's allocation contains every listed machine;
 * `wallclockTime` and `cpuTime` when the job's value is at least the filter's; the three times when
 * the job's time is at or after the filter's. `annotation` and `extensions` are never compared.
 * A job without a value for a set filter field does not match.
 */
export function matchesJobInfoFilter(info: JobInfo, filter: Partial<JobInfo> | undefined): boolean {
  if (filter === undefined) return true;
  for (const key of equalityKeys) {
    if (filter[key] !== undefined && info[key] !== filter[key]) return false;
  }
  for (const key of atLeastKeys) {
    const wanted = filter[key];
    if (wanted === undefined) continue;
    const actual = info[key];
    if (actual === undefined || actual < wanted) return false;
  }
  for (const key of atOrAfterKeys) {
    const wanted = filter[key];
    if (wanted === undefined) continue;
    const actual = info[key];
    if (actual === undefined || actual.getTime() < wanted.getTime()) return false;
  }
  if (filter.allocatedMachines !== undefined) {
    const machines = new Set((info.allocatedMachines ?? []).map((slot) => slot.machineName));
    if (!filter.allocatedMachines.every((slot) => machines.has(slot.machineName))) return false;
  }
  return true;
}
