import { describe, expect, it } from 'vitest';
import { Harness } from './support/harness.js';

describe('stop()', () => {
  it('cancels every timer; nothing is written afterwards', async () => {
    const h = new Harness({ timing: { podStartMs: 0 } });
    h.script = () => ({ durationMs: 60_000 });
    for (let i = 0; i < 5; i++) h.createJob(`s-${i}`, { activeDeadlineSeconds: 600, ttlSecondsAfterFinished: 5 });
    h.run(2000);
    expect(h.clock.pending).toBeGreaterThan(0);
    await h.stop();
    expect(h.clock.pending).toBe(0);
    const before = h.events.length;
    h.run(3_600_000);
    expect(h.events.length).toBe(before);
    expect(h.errors).toEqual([]);
  });
});
