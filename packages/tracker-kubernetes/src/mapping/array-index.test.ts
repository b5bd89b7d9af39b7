import { describe, expect, test } from 'vitest';
import { arrayRangeOf, completionIndexFor, drmaa2Index } from './array-index.js';

describe('array index arithmetic', () => {
  const range = { begin: 3, end: 11, step: 2 };

  test('completion index i is DRMAA2 index begin + i*step, and back', () => {
    expect([0, 1, 2, 3, 4].map((i) => drmaa2Index(range, i))).toEqual([3, 5, 7, 9, 11]);
    expect([3, 5, 11].map((i) => completionIndexFor(range, i))).toEqual([0, 1, 4]);
    expect([1, 4, 12, 13].map((i) => completionIndexFor(range, i))).toEqual([undefined, undefined, undefined, undefined]);
  });

  test('the range is read back from the array annotation', () => {
    expect(arrayRangeOf({ metadata: { annotations: { 'drmaa2.io/array': '3,11,2' } } })).toEqual(range);
    expect(arrayRangeOf({})).toBeUndefined();
    expect(arrayRangeOf({ metadata: { annotations: { 'drmaa2.io/array': '3,1,2' } } })).toBeUndefined();
    expect(arrayRangeOf({ metadata: { annotations: { 'drmaa2.io/array': 'x' } } })).toBeUndefined();
  });
});
