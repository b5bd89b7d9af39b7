import { Drmaa2Error, ErrorCode } from '@drmaa2/core';
import { describe, expect, it } from 'vitest';
import { expectCode } from '../src/conformance-case.js';

describe('expectCode', () => {
  it('passes only for a Drmaa2Error with the expected code', async () => {
    await expectCode(Promise.reject(new Drmaa2Error(ErrorCode.Timeout, 't')), ErrorCode.Timeout);
    await expect(expectCode(Promise.resolve(1), ErrorCode.Timeout)).rejects.toThrow(/got resolved/);
    await expect(expectCode(Promise.reject(new Drmaa2Error(ErrorCode.InvalidState, 's')), ErrorCode.Timeout)).rejects.toThrow(/INVALID_STATE/);
    await expect(expectCode(Promise.reject(new Error('plain')), ErrorCode.Timeout)).rejects.toThrow(/plain/);
  });
});
