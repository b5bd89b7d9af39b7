import { describe, expect, test } from 'vitest';
import type { KubeJob } from '../../src/kube-types.js';
import { controlPatch, startTimePatch } from '../../src/tracker/control-patches.js';
import { plan } from '../mapping/fixtures.js';

const now = Date.parse('2026-05-01T12:00:00.000Z');
const hour = 3_600_000;

/** A planned Job as the API server would hold it, with `extra` merged into metadata and status. */
function job(template: Parameters<typeof plan>[0], extra: { labels?: Record<string, string>; startTime?: string } = {}, kueue = false): KubeJob {
  const planned = plan(template, {}, { defaultNamespace: 'batch', ...(kueue ? { kueue: { enabled: true } } : {}) }).job;
  return {
    ...planned,
    metadata: { ...planned.metadata, labels: { ...planned.metadata?.labels, ...extra.labels } },
    ...(extra.startTime === undefined ? {} : { status: { startTime: extra.startTime } }),
  };
}

describe('control patches', () => {
  test('hold and suspend set spec.suspend; terminate also stamps the time', () => {
    const queued = job({});
    expect(controlPatch('hold', queued, now)).toEqual({ metadata: { annotations: { 'drmaa2.io/hold': 'user' } }, spec: { suspend: true } });
    expect(controlPatch('suspend', queued, now)).toEqual({ spec: { suspend: true } });
    expect(controlPatch('terminate', queued, now)).toEqual({ metadata: { annotations: { 'drmaa2.io/terminated': new Date(now).toISOString() } }, spec: { suspend: true } });
  });

  test('release and resume lift the suspension and recompute the deadline from now', () => {
    const held = job({ submitAsHold: true, deadlineTime: new Date(now + hour) });
    expect(controlPatch('release', held, now)).toEqual({ metadata: { annotations: { 'drmaa2.io/hold': null }, labels: {} }, spec: { activeDeadlineSeconds: 3600, suspend: false } });
    expect(controlPatch('resume', held, now + 600_000)).toEqual({
      metadata: { annotations: { 'drmaa2.io/resumed': new Date(now + 600_000).toISOString() }, labels: {} },
      spec: { activeDeadlineSeconds: 3000, suspend: false },
    });
  });

  test('release keeps a Job suspended while its start time is ahead', () => {
    const later = job({ submitAsHold: true, startTime: new Date(Date.parse('2026-05-01T10:00:00.000Z') + 5 * hour) });
    expect(controlPatch('release', later, now)).toEqual({ metadata: { annotations: { 'drmaa2.io/hold': null } } });
  });

  test('with Kueue: hold takes a Job that never started out of its queue; release puts it back and leaves the suspension to Kueue', () => {
    const queued = job({ queueName: 'lq' }, {}, true);
    expect(queued.metadata?.labels?.['kueue.x-k8s.io/queue-name']).toBe('lq');
    const hold = controlPatch('hold', queued, now, true);
    expect(hold).toEqual({ metadata: { annotations: { 'drmaa2.io/hold': 'user' }, labels: { 'kueue.x-k8s.io/queue-name': null } }, spec: { suspend: true } });
    const held = job({ queueName: 'lq', submitAsHold: true }, {}, true);
    expect(held.metadata?.labels?.['kueue.x-k8s.io/queue-name']).toBeUndefined();
    expect(controlPatch('release', held, now, true)).toEqual({ metadata: { annotations: { 'drmaa2.io/hold': null }, labels: { 'kueue.x-k8s.io/queue-name': 'lq' } }, spec: {} });
    const started = job({ queueName: 'lq' }, { startTime: '2026-05-01T11:00:00Z' }, true);
    expect(controlPatch('hold', started, now, true)).toEqual({ metadata: { annotations: { 'drmaa2.io/hold': 'user' } }, spec: { suspend: true } });
    expect(controlPatch('resume', started, now, true)).toMatchObject({ spec: { suspend: false } });
  });

  test('the start-time release: starts the Job unless held or terminated; with Kueue, queues it', () => {
    const startTime = new Date(Date.parse('2026-05-01T10:00:00.000Z') + hour);
    expect(startTimePatch(job({}), now)).toBeUndefined();
    expect(startTimePatch(job({ startTime }), now)).toEqual({ metadata: { annotations: { 'drmaa2.io/start-time': null }, labels: {} }, spec: { suspend: false } });
    expect(startTimePatch(job({ startTime, submitAsHold: true }), now)).toEqual({ metadata: { annotations: { 'drmaa2.io/start-time': null } } });
    expect(startTimePatch(job({ startTime, queueName: 'lq' }, {}, true), now, true)).toEqual({
      metadata: { annotations: { 'drmaa2.io/start-time': null }, labels: { 'kueue.x-k8s.io/queue-name': 'lq' } },
      spec: {},
    });
  });
});
