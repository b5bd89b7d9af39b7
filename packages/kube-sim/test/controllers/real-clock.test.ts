import { afterEach, describe, expect, it, vi } from 'vitest';
import { realClock } from '../../src/controllers/clock.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('realClock', () => {
  it('a delay past the 2^31-1 ms timer cap fires at its time, not after 1 ms', () => {
    vi.useFakeTimers({ now: 0 });
    const fired: number[] = [];
    const clock = realClock();
    const day = 24 * 3600 * 1000;
    clock.setTimeout(() => fired.push(Date.now()), 100 * day);
    const cancelled = clock.setTimeout(() => fired.push(-1), 60 * day);
    vi.advanceTimersByTime(2);
    expect(fired).toEqual([]);
    vi.advanceTimersByTime(59 * day);
    cancelled();
    vi.advanceTimersByTime(41 * day - 3);
    expect(fired).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(fired).toEqual([100 * day]);
  });
});
