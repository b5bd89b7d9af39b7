import { isJobState } from '@drmaa2/core';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { KubeJob, KubePod } from '../../src/kube-types.js';
import { arrayMemberStatus, jobStatus } from '../../src/state/index.js';

const time = fc.integer({ min: 0, max: 3600 }).map((s) => new Date(Date.UTC(2026, 4, 1, 10) + s * 1000).toISOString().replace('.000', ''));
const reason = fc.constantFrom('BackoffLimitExceeded', 'DeadlineExceeded', 'PodFailurePolicy', 'CompletionsReached', 'JobSuspended', 'FailedIndexes');
const conditionType = fc.constantFrom('Suspended', 'FailureTarget', 'Failed', 'SuccessCriteriaMet', 'Complete');
const condition = fc.record({ type: conditionType, status: fc.constantFrom('True', 'False'), reason, lastTransitionTime: time });
const annotationKeys = fc.subarray(['drmaa2.io/hold', 'drmaa2.io/start-time', 'drmaa2.io/terminated']);
const indexList = fc.uniqueArray(fc.integer({ min: 0, max: 5 })).map((xs) => xs.sort((a, b) => a - b).join(','));

const job: fc.Arbitrary<KubeJob> = fc.record({
  metadata: fc.record({ name: fc.constant('j'), annotations: annotationKeys.map((keys) => Object.fromEntries(keys.map((k) => [k, '2026-05-01T10:30:00.000Z']))) }),
  spec: fc.record({ suspend: fc.boolean(), backoffLimit: fc.integer({ min: 0, max: 3 }), backoffLimitPerIndex: fc.integer({ min: 0, max: 3 }), completions: fc.integer({ min: 1, max: 6 }) }, { requiredKeys: [] }),
  status: fc.record({
    active: fc.nat(3), failed: fc.nat(3), succeeded: fc.nat(3), startTime: time, completionTime: time,
    completedIndexes: indexList, failedIndexes: indexList, conditions: fc.array(condition, { maxLength: 4 }),
  }, { requiredKeys: [] }),
}, { requiredKeys: [] });

const containerState = fc.oneof(
  fc.record({ waiting: fc.record({ reason: fc.constantFrom('ContainerCreating', 'ImagePullBackOff', 'CrashLoopBackOff') }) }),
  fc.record({ running: fc.record({ startedAt: time }) }),
  fc.record({ terminated: fc.record({ exitCode: fc.integer({ min: 0, max: 255 }), signal: fc.nat(15), reason: fc.constantFrom('Completed', 'Error', 'OOMKilled'), startedAt: time, finishedAt: time }, { requiredKeys: ['exitCode'] }) }),
);
const pod: fc.Arbitrary<KubePod> = fc.record({
  metadata: fc.record({ creationTimestamp: time, annotations: fc.nat(5).map((i) => ({ 'batch.kubernetes.io/job-completion-index': String(i) })) }),
  spec: fc.record({ nodeName: fc.constantFrom('n1', 'n2') }, { requiredKeys: [] }),
  status: fc.record({ phase: fc.constantFrom('Pending', 'Running', 'Succeeded', 'Failed'), containerStatuses: fc.array(fc.record({ name: fc.constant('job'), state: containerState }), { maxLength: 1 }) }, { requiredKeys: [] }),
}, { requiredKeys: [] });

const now = new Date(Date.UTC(2026, 4, 1, 11));

describe('state mapping properties', () => {
  test('any Job and pods give a valid state without throwing; UNDETERMINED never for readable Jobs', () => {
    fc.assert(fc.property(job, fc.array(pod, { maxLength: 4 }), (j, pods) => {
      const status = jobStatus(j, pods, now);
      expect(isJobState(status.state)).toBe(true);
      expect(status.state).not.toBe('UNDETERMINED');
      if (status.state === 'RUNNING') expect(pods.some((p) => p.status?.phase === 'Running')).toBe(true);
      if (status.state === 'DONE') expect(status.exitStatus).toBeDefined();
      if (status.finishTime !== undefined) expect(['DONE', 'FAILED']).toContain(status.state);
      if (status.wallclockTime !== undefined) expect(status.wallclockTime).toBeGreaterThanOrEqual(0);
    }), { numRuns: 500 });
  });

  test('array members: valid states; completed indexes are DONE, failed ones FAILED', () => {
    fc.assert(fc.property(job, fc.array(pod, { maxLength: 6 }), fc.nat(5), (j, pods, index) => {
      const status = arrayMemberStatus(j, pods, index, now);
      expect(isJobState(status.state)).toBe(true);
      const completed = (j.status?.completedIndexes ?? '').split(',').includes(String(index));
      const failed = (j.status?.failedIndexes ?? '').split(',').includes(String(index));
      // A member's verdict waits for the final update of a pod of it that still looks live.
      const ended = (p: KubePod): boolean => ['Succeeded', 'Failed'].includes(p.status?.phase ?? '') || p.status?.containerStatuses?.[0]?.state?.terminated !== undefined;
      const settled = pods.every((p) => p.metadata?.annotations?.['batch.kubernetes.io/job-completion-index'] !== String(index) || ended(p));
      if (completed && settled) expect(status.state).toBe('DONE');
      else if (failed && settled) expect(status.state).toBe('FAILED');
    }), { numRuns: 500 });
  });

  test('arbitrary JSON never throws', () => {
    fc.assert(fc.property(fc.jsonValue(), fc.array(fc.jsonValue(), { maxLength: 3 }), (j, pods) => {
      const status = jobStatus(j as KubeJob, pods as KubePod[], now);
      expect(isJobState(status.state)).toBe(true);
      expect(isJobState(arrayMemberStatus(j as KubeJob, pods as KubePod[], 0, now).state)).toBe(true);
    }), { numRuns: 500 });
  });
});
