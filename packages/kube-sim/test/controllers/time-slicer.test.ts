import { afterEach, describe, expect, it, vi } from 'vitest';
import { TimeSlicer } from '../../src/controllers/time-slicer.js';

afterEach(() => {
  vi.useRealTimers();
});

/** A slicer on a fake clock where every callback takes 1 ms, and the order things ran in. */
function setup(): { slicer: TimeSlicer; ran: string[]; task: (name: string) => () => void } {
  vi.useFakeTimers({ toFake: ['setImmediate', 'clearImmediate'] });
  let now = 0;
  const ran: string[] = [];
  const slicer = new TimeSlicer({ budgetMs: 4, now: () => now });
  const task = (name: string) => (): void => {
    ran.push(name);
    now += 1;
  };
  return { slicer, ran, task };
}

describe('TimeSlicer', () => {
  it('runs a burst in slices of the budget, the immediates each slice queued (watch flushes) in between', async () => {
    const { slicer, ran, task } = setup();
    const flushing = (name: string) => (): void => {
      task(name)();
      setImmediate(task(`flush after ${name}`));
    };
    for (let i = 1; i <= 10; i += 1) slicer.run(i === 2 || i === 6 ? flushing(`t${i}`) : task(`t${i}`));
    expect(ran).toEqual(['t1', 't2', 't3', 't4']);
    expect(slicer.waiting).toBe(6);

    await vi.runOnlyPendingTimersAsync();
    expect(ran).toEqual(['t1', 't2', 't3', 't4', 'flush after t2', 't5', 't6', 't7', 't8']);
    expect(slicer.waiting).toBe(2);

    await vi.runOnlyPendingTimersAsync();
    expect(ran.slice(-3)).toEqual(['flush after t6', 't9', 't10']);
    expect(slicer.waiting).toBe(0);
  });

  it('keeps firing order: a callback due while others wait runs after them', async () => {
    const { slicer, ran, task } = setup();
    for (let i = 1; i <= 5; i += 1) slicer.run(task(`t${i}`));
    slicer.run(task('late'));
    await vi.runAllTimersAsync();
    expect(ran).toEqual(['t1', 't2', 't3', 't4', 't5', 'late']);
  });

  it('a cancelled callback that waits never runs', async () => {
    const { slicer, ran, task } = setup();
    for (let i = 1; i <= 4; i += 1) slicer.run(task(`t${i}`));
    const cancel = slicer.run(task('cancelled'));
    slicer.run(task('kept'));
    cancel();
    await vi.runAllTimersAsync();
    expect(ran).toEqual(['t1', 't2', 't3', 't4', 'kept']);
  });

  it('runs callbacks of a later turn at once when nothing waits', async () => {
    const { slicer, ran, task } = setup();
    for (let i = 1; i <= 6; i += 1) slicer.run(task(`t${i}`));
    await vi.runAllTimersAsync();
    expect(slicer.waiting).toBe(0);
    slicer.run(task('next'));
    expect(ran.at(-1)).toBe('next');
  });
});
