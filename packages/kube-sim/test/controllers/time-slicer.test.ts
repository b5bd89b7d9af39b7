import { afterEach, describe, expect, it, vi } from 'vitest';
import { TimeSlicer } from '../../src/controllers/time-slicer.js';

afterEach(() => {
  vi.useRealTimers();
});

/** A slicer on a fake clock where every callback takes 1 ms, and the order things ran in. */
function setup(maxSliceMs?: number): { slicer: TimeSlicer; ran: string[]; task: (name: string, ms?: number) => () => void } {
  vi.useFakeTimers({ toFake: ['setImmediate', 'clearImmediate'] });
  let now = 0;
  const ran: string[] = [];
  const slicer = new TimeSlicer({ budgetMs: 4, now: () => now, ...(maxSliceMs === undefined ? {} : { maxSliceMs }) });
  const task =
    (name: string, ms = 1) =>
    (): void => {
      ran.push(name);
      now += ms;
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

  it('gives a draining slice as much time as the other work took meanwhile, up to the longest slice', async () => {
    const { slicer, ran, task } = setup(8);
    // Other work of the loop between slices (requests served, say): 6 ms after the first slice,
    // 20 ms after the second.
    const queueing = (name: string, otherMs: number) => (): void => {
      task(name)();
      setImmediate(task(`other work ${otherMs} ms`, otherMs));
    };
    for (let i = 1; i <= 30; i += 1) slicer.run(i === 2 ? queueing('t2', 6) : i === 5 ? queueing('t5', 20) : task(`t${i}`));
    ran.length = 0;
    await vi.runOnlyPendingTimersAsync();
    expect(ran).toEqual(['other work 6 ms', 't5', 't6', 't7', 't8', 't9', 't10']);
    ran.length = 0;
    await vi.runOnlyPendingTimersAsync();
    // Capped at 8 ms.
    expect(ran).toEqual(['other work 20 ms', 't11', 't12', 't13', 't14', 't15', 't16', 't17', 't18']);
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
