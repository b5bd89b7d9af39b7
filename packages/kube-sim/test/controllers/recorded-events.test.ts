import { afterEach, describe, expect, it } from 'vitest';
import { Harness } from './support/harness.js';

let h: Harness;
afterEach(async () => {
  await h.stop();
  expect(h.errors).toEqual([]);
});

interface EventObj {
  reason: string;
  message: string;
  type: string;
  source: { component: string; host?: string };
  involvedObject: { kind: string; name: string; uid: string };
  count: number;
}

describe('core/v1 Events written by the controllers', () => {
  it('job-controller, default-scheduler and kubelet events in order', () => {
    h = new Harness({ recordEvents: true, timing: { podStartMs: 0 } });
    h.createJob('ev');
    h.runUntil(() => h.finished('ev'));
    const pod = h.pods('ev')[0]!.metadata.name!;
    const events = h.store.list('events', 'default') as unknown as EventObj[];
    const seq = h.events
      .filter((e) => e.resource === 'events' && e.type === 'ADDED')
      .map((e) => e.object as unknown as EventObj)
      .map((e) => `${e.source.component}:${e.involvedObject.kind}:${e.reason}:${e.message}`);
    expect(seq).toEqual([
      `job-controller:Job:SuccessfulCreate:Created pod: ${pod}`,
      `default-scheduler:Pod:Scheduled:Successfully assigned default/${pod} to sim-node-1`,
      'kubelet:Pod:Pulled:Container image "busybox:1.36" already present on machine',
      'kubelet:Pod:Created:Created container main',
      'kubelet:Pod:Started:Started container main',
      'job-controller:Job:Completed:Job completed',
    ]);
    expect(events.every((e) => e.count === 1 && e.type === 'Normal')).toBe(true);
    expect(events.find((e) => e.reason === 'Started')?.source).toEqual({ component: 'kubelet', host: 'sim-node-1' });
  });

  it('FailedScheduling and BackoffLimitExceeded are warnings', () => {
    h = new Harness({ recordEvents: true, timing: { podStartMs: 0, syncBatchMs: 0 } });
    h.script = () => ({ durationMs: 10, exitCode: 1 });
    h.createJob('warn', { backoffLimit: 0 });
    h.createJob('stuck', { template: { spec: { restartPolicy: 'Never', nodeSelector: { nope: 'x' }, containers: [{ name: 'main', image: 'busybox' }] } } });
    h.runUntil(() => h.finished('warn'));
    const events = h.store.list('events', 'default') as unknown as EventObj[];
    expect(events.find((e) => e.reason === 'BackoffLimitExceeded')).toMatchObject({ type: 'Warning', message: 'Job has reached the specified backoff limit' });
    expect(events.find((e) => e.reason === 'FailedScheduling')).toMatchObject({ type: 'Warning', source: { component: 'default-scheduler' } });
  });
});
