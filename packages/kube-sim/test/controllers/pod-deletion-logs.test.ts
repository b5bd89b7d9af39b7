import { afterEach, describe, expect, it } from 'vitest';
import { Harness } from './support/harness.js';

let h: Harness;
afterEach(async () => {
  await h.stop();
  expect(h.errors).toEqual([]);
});

function createPod(name: string, spec: Record<string, unknown> = {}, meta: Record<string, unknown> = {}) {
  return h.store.create('pods', 'default', {
    metadata: { name, ...meta },
    spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'busybox' }], ...spec },
  });
}

describe('checklist 22: pod deletion — deletionTimestamp → terminal phase → gone; finalizers hold; unscheduled/terminal pods go at once', () => {
  it('a running pod gets SIGTERM (exit 143), a terminal phase, then is removed', () => {
    h = new Harness({ timing: { podStartMs: 0 } });
    h.script = () => ({ durationMs: Infinity });
    createPod('victim');
    h.run(1000);
    expect(h.pod('victim')?.status?.phase).toBe('Running');
    h.store.delete('pods', 'default', 'victim');
    h.run(0);
    const history = h.podHistory('victim');
    const tail = history.slice(-3);
    expect(tail.map((p) => `${p.status?.phase}|${p.metadata.deletionTimestamp ? 'del' : '-'}`)).toEqual(['Running|del', 'Failed|del', 'Failed|del']);
    expect(tail[1]!.status?.containerStatuses?.[0]?.state.terminated).toMatchObject({ exitCode: 143, reason: 'Error', signal: 15 });
    expect(h.events[h.events.length - 1]).toMatchObject({ type: 'DELETED', resource: 'pods' });
    expect(h.pod('victim')).toBeUndefined();
  });

  it('a pod ignoring SIGTERM is killed after its grace period (exit 137)', () => {
    h = new Harness({ timing: { podStartMs: 0 } });
    h.script = () => ({ durationMs: Infinity, ignoreSigterm: true });
    createPod('stubborn', { terminationGracePeriodSeconds: 10 });
    h.run(1000);
    h.store.delete('pods', 'default', 'stubborn');
    h.run(9999);
    expect(h.pod('stubborn')?.status?.phase).toBe('Running');
    h.run(1);
    expect(h.pod('stubborn')).toBeUndefined();
    const last = h.podHistory('stubborn').filter((p) => p.status?.phase === 'Failed')[0]!;
    expect(last.status?.containerStatuses?.[0]?.state.terminated).toMatchObject({ exitCode: 137, signal: 9 });
  });

  it('finalizers hold the terminated pod until removed', () => {
    h = new Harness({ timing: { podStartMs: 0 } });
    h.script = () => ({ durationMs: Infinity });
    createPod('held', {}, { finalizers: ['example.com/hold'] });
    h.run(1000);
    h.store.delete('pods', 'default', 'held');
    h.run(0);
    expect(h.pod('held')?.status?.phase).toBe('Failed');
    h.store.mutate('pods', 'default', 'held', (o) => {
      o.metadata.finalizers = [];
    });
    expect(h.pod('held')).toBeUndefined();
  });

  it('unscheduled and terminal pods go at once', () => {
    h = new Harness({ timing: { podStartMs: 0 } });
    createPod('nowhere', { nodeSelector: { zone: 'mars' } });
    h.run(100);
    expect(h.pod('nowhere')?.status?.conditions?.[0]?.reason).toBe('Unschedulable');
    h.store.delete('pods', 'default', 'nowhere');
    expect(h.pod('nowhere')).toBeUndefined();
    h.script = () => ({ durationMs: 10 });
    createPod('done');
    h.run(1000);
    expect(h.pod('done')?.status?.phase).toBe('Succeeded');
    h.store.delete('pods', 'default', 'done');
    expect(h.pod('done')).toBeUndefined();
  });
});

describe('checklist 23 (log content): current and previous instance, follow until the instance ends', () => {
  it('follow delivers text written after the call and ends with the instance', () => {
    h = new Harness({ timing: { podStartMs: 0 } });
    h.script = () => ({ durationMs: 5000, log: 'start\n', finalLog: 'bye\n' });
    createPod('talker');
    expect(h.controllers.logs.read('default', 'talker', 'main')).toBeUndefined();
    h.run(1000);
    expect(h.controllers.logs.read('default', 'talker', 'main')).toBe('start\n');
    const chunks: string[] = [];
    let ended = false;
    h.controllers.logs.follow('default', 'talker', 'main', (t) => chunks.push(t), () => (ended = true));
    h.run(5000);
    expect(chunks).toEqual(['bye\n']);
    expect(ended).toBe(true);
    expect(h.controllers.logs.read('default', 'talker', 'main')).toBe('start\nbye\n');
    const lines = h.controllers.logs.lines('default', 'talker', 'main');
    expect(lines).toEqual([
      { time: '2026-01-01T00:00:00.000000000Z', text: 'start' },
      { time: '2026-01-01T00:00:05.000000000Z', text: 'bye' },
    ]);
    let endedAtOnce = false;
    h.controllers.logs.follow('default', 'talker', 'main', () => undefined, () => (endedAtOnce = true));
    expect(endedAtOnce).toBe(true);
  });

  it('previous holds the last instance after a restart; logs vanish with the pod', () => {
    h = new Harness({ timing: { podStartMs: 0 } });
    h.script = (ctx) => ({ durationMs: 100, exitCode: ctx.attempt === 0 ? 1 : 0, log: `attempt ${ctx.attempt}\n` });
    createPod('twice', { restartPolicy: 'OnFailure' });
    h.run(1000);
    expect(h.controllers.logs.read('default', 'twice', 'main')).toBe('attempt 1\n');
    expect(h.controllers.logs.read('default', 'twice', 'main', { previous: true })).toBe('attempt 0\n');
    h.store.delete('pods', 'default', 'twice');
    h.run(0);
    expect(h.controllers.logs.read('default', 'twice', 'main')).toBeUndefined();
  });
});
