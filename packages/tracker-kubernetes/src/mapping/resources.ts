import { type JobTemplate, ResourceLimit } from '@drmaa2/core';
import type { KubeResources } from '../kube-types.js';
import { invalidField } from './invalid.js';
import { cpuQuantity, kibQuantity } from './quantity.js';

/**
 * Resource limits neither Kubernetes nor the launcher can enforce in the same units everywhere
 * (`ulimit` counts blocks of different sizes in different shells), with the reason.
 */
const unmappableLimits: Readonly<Partial<Record<ResourceLimit, string>>> = {
  [ResourceLimit.CoreFileSize]: 'Kubernetes has no per-process core file limit',
  [ResourceLimit.DataSize]: 'Kubernetes has no data segment limit; use VIRTUAL_MEMORY',
  [ResourceLimit.FileSize]: 'Kubernetes has no per-file size limit',
  [ResourceLimit.OpenFiles]: 'Kubernetes has no per-container open files limit',
  [ResourceLimit.StackSize]: 'Kubernetes has no stack size limit; use VIRTUAL_MEMORY',
};

/**
 * Requests and limits of the job container: `minSlots` as cpu request (DRMAA2's default 1 when only
 * `maxSlots` is set), `maxSlots` as cpu limit, `minPhysMemory` (KiB) as memory request,
 * `resourceLimits.VIRTUAL_MEMORY` (KiB) as memory limit, plus extra (extended resource) limits.
 *
 * @throws Drmaa2Error `INVALID_ARGUMENT` naming the resource limit Kubernetes cannot enforce, or
 *   `VIRTUAL_MEMORY` below 1 KiB or below `minPhysMemory`.
 */
export function containerResources(template: JobTemplate, extraLimits: Readonly<Record<string, string>> = {}): KubeResources | undefined {
  const requests: Record<string, string> = {};
  const limits: Record<string, string> = { ...extraLimits };
  if (template.minSlots !== undefined) requests.cpu = cpuQuantity(template.minSlots);
  if (template.maxSlots !== undefined) {
    limits.cpu = cpuQuantity(template.maxSlots);
    requests.cpu ??= cpuQuantity(1);
  }
  if (template.minPhysMemory !== undefined && template.minPhysMemory > 0) requests.memory = kibQuantity(template.minPhysMemory);
  for (const [key, value] of Object.entries(template.resourceLimits ?? {})) {
    const reason = unmappableLimits[key as ResourceLimit];
    if (reason !== undefined) throw invalidField(`resourceLimits.${key}`, reason);
    if (key === ResourceLimit.VirtualMemory) {
      if (value < 1) throw invalidField(`resourceLimits.${key}`, 'must be at least 1 KiB');
      if (template.minPhysMemory !== undefined && Math.ceil(value) < template.minPhysMemory) {
        throw invalidField(`resourceLimits.${key}`, 'must not be below minPhysMemory (a Kubernetes limit cannot be below its request)');
      }
      limits.memory = kibQuantity(value);
    }
  }
  const resources: KubeResources = {};
  if (Object.keys(requests).length > 0) resources.requests = requests;
  if (Object.keys(limits).length > 0) resources.limits = limits;
  return Object.keys(resources).length > 0 ? resources : undefined;
}

/**
 * The CPU time limit of the job in whole seconds (`resourceLimits.CPU_TIME`, rounded up, at least
 * 1), which the `/bin/sh` launcher sets with `ulimit -t`; `undefined` when unset.
 */
export function cpuTimeSeconds(template: JobTemplate): number | undefined {
  const seconds = template.resourceLimits?.[ResourceLimit.CpuTime];
  return seconds === undefined ? undefined : Math.max(1, Math.ceil(seconds));
}

/**
 * The Job's `activeDeadlineSeconds`: the smaller of `resourceLimits.WALLCLOCK_TIME` (rounded up,
 * at least 1) and the seconds from the planned start (`submittedAt`, or a later `startTime`) to
 * `deadlineTime`. Kubernetes counts it from the Job's start, pausing while suspended.
 *
 * @throws Drmaa2Error `INVALID_ARGUMENT` naming `deadlineTime` when it is not after the planned start.
 */
export function activeDeadlineSeconds(template: JobTemplate, submittedAt: Date): number | undefined {
  const candidates: number[] = [];
  const wallclock = template.resourceLimits?.[ResourceLimit.WallclockTime];
  if (wallclock !== undefined) candidates.push(Math.max(1, Math.ceil(wallclock)));
  if (template.deadlineTime !== undefined) {
    const start = Math.max(submittedAt.getTime(), template.startTime?.getTime() ?? 0);
    const seconds = Math.floor((template.deadlineTime.getTime() - start) / 1000);
    if (seconds < 1) throw invalidField('deadlineTime', 'must be at least one second after the submission time and startTime');
    candidates.push(seconds);
  }
  return candidates.length === 0 ? undefined : Math.min(...candidates);
}

/**
 * The `activeDeadlineSeconds` a Job should get when it starts (again) at `from`, for the lead's
 * release and resume: Kubernetes restarts the count on every start, so the absolute `deadlineTime`
 * needs recomputing. Like {@link activeDeadlineSeconds}, but a deadline already passed gives 1 (the
 * Job then fails at once with DeadlineExceeded) instead of an error.
 */
export function deadlineSecondsFrom(template: JobTemplate, from: Date): number | undefined {
  const candidates: number[] = [];
  const wallclock = template.resourceLimits?.[ResourceLimit.WallclockTime];
  if (wallclock !== undefined) candidates.push(Math.max(1, Math.ceil(wallclock)));
  if (template.deadlineTime !== undefined) candidates.push(Math.max(1, Math.floor((template.deadlineTime.getTime() - from.getTime()) / 1000)));
  return candidates.length === 0 ? undefined : Math.min(...candidates);
}
