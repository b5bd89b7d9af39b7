import { describe, expect, test } from 'vitest';
import { indexListHas } from './indexes.js';
import { signalName, terminatingSignal } from './signals.js';

describe('signals', () => {
  test('names Linux signals and the 128+N convention', () => {
    expect(signalName(9)).toBe('SIGKILL');
    expect(signalName(15)).toBe('SIGTERM');
    expect(signalName(35)).toBe('SIGRTMIN+1');
    expect(terminatingSignal(137, undefined)).toBe('SIGKILL');
    expect(terminatingSignal(143, 0)).toBe('SIGTERM');
    expect(terminatingSignal(1, undefined)).toBeUndefined();
    expect(terminatingSignal(128, undefined)).toBeUndefined();
    expect(terminatingSignal(255, undefined)).toBeUndefined();
    expect(terminatingSignal(0, 6)).toBe('SIGABRT');
  });
});

describe('indexListHas', () => {
  test('reads Kubernetes index lists', () => {
    expect(indexListHas('1,3-5,7', 4)).toBe(true);
    expect(indexListHas('1,3-5,7', 6)).toBe(false);
    expect(indexListHas(undefined, 0)).toBe(false);
    expect(indexListHas('', 0)).toBe(false);
    expect(indexListHas('x,2', 2)).toBe(true);
  });
});
