import { afterEach, describe, expect, it } from 'vitest';
import { Harness, template } from './support/harness.js';

let h: Harness;
afterEach(async () => {
  await h.stop();
  expect(h.errors).toEqual([]);
});

describe('podReplacementPolicy and deleted pods', () => {
  it('TerminatingOrFailed (default): a deleted pod counts as failed and is replaced after the 10 s backoff, while still terminating', () => {
    h = new Harness({ timing: { podStartMs: 0, syncBatchMs: 0 } });
    let n = 0;
    h.script = () => (n++ === 0 ? { durationMs: Infinity, ignoreSigterm: true } : { durationMs: 1000 });
    h.createJob('tof', { template: template('Never', { terminationGracePeriodSeconds: 20 }) });
    h.run(1000);
    const [first] = h.pods('tof');
    h.store.delete('pods', 'default', first!.metadata.name!);
    h.run(0);
    expect(h.job('tof').status).toMatchObject({ terminating: 1, failed: 1 });
    expect(h.job('tof').status?.active).toBeUndefined();
    h.run(9_999);
    expect(h.pods('tof').filter((p) => !p.metadata.deletionTimestamp)).toHaveLength(0);
    h.run(1);
    expect(h.pods('tof').filter((p) => !p.metadata.deletionTimestamp)).toHaveLength(1);
    expect(h.job('tof').status).toMatchObject({ terminating: 1, active: 1, failed: 1 });
    h.runUntil(() => h.finished('tof'));
    expect(h.job('tof').status?.failed).toBe(1);
  });

  it('Failed: the replacement waits until the deleted pod reached phase Failed', () => {
    h = new Harness({ timing: { podStartMs: 0, syncBatchMs: 0 } });
    let n = 0;
    h.script = () => (n++ === 0 ? { durationMs: Infinity, ignoreSigterm: true } : { durationMs: 1000 });
    h.createJob('onlyfailed', { podReplacementPolicy: 'Failed', template: template('Never', { terminationGracePeriodSeconds: 20 }) });
    h.run(1000);
    const [first] = h.pods('onlyfailed');
    h.store.delete('pods', 'default', first!.metadata.name!);
    h.run(19_000);
    expect(h.pods('onlyfailed')).toHaveLength(1);
    expect(h.job('onlyfailed').status).toMatchObject({ terminating: 1 });
    expect(h.job('onlyfailed').status?.failed).toBeUndefined();
    h.run(1000);
    expect(h.job('onlyfailed').status?.failed).toBe(1);
    h.run(10_000);
    expect(h.pods('onlyfailed').length).toBe(1);
    h.runUntil(() => h.finished('onlyfailed'));
    expect(h.job('onlyfailed').status?.succeeded).toBe(1);
  });
});
