import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../src/index.js';

describe('VirtualClock', () => {
  it('fires timers in time order, same-time timers in the order they were set', async () => {
    const clock = new VirtualClock({ start: 0, autoAdvance: false });
    const fired: string[] = [];
    clock.setTimeout(() => fired.push('b@20'), 20);
    clock.setTimeout(() => fired.push('a@10'), 10);
    clock.setTimeout(() => fired.push('c@20'), 20);
    const cancelled = clock.setTimeout(() => fired.push('never'), 15);
    clock.clearTimeout(cancelled);
    await clock.advance(15);
    expect(fired).toEqual(['a@10']);
    expect(clock.now()).toBe(15);
    await clock.advance(5);
    expect(fired).toEqual(['a@10', 'b@20', 'c@20']);
    expect(clock.pendingTimers).toBe(0);
  });

  it('auto-advances to the next timer when nothing else is pending', async () => {
    const clock = new VirtualClock({ start: 0 });
    const at = await new Promise<number>((resolve) => clock.setTimeout(() => resolve(clock.now()), 3_600_000));
    expect(at).toBe(3_600_000);
  });

  it('stop cancels every timer', async () => {
    const clock = new VirtualClock({ start: 0 });
    let fired = false;
    clock.setTimeout(() => (fired = true), 1);
    clock.stop();
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    expect(fired).toBe(false);
    expect(clock.pendingTimers).toBe(0);
  });
});
