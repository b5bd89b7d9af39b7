import { describe, expect, it } from 'vitest';
import { Drmaa2Error, ErrorCode, JobState, isDrmaa2Error, isTerminal } from '../src/index.js';

describe('Drmaa2Error', () => {
  it('carries a spec-named code and the cause', () => {
    const cause = new Error('socket hang up');
    const error = new Drmaa2Error(ErrorCode.DrmCommunication, 'cannot reach the API server', { cause });
    expect(error.code).toBe('DRM_COMMUNICATION');
    expect(error.cause).toBe(cause);
    expect(isDrmaa2Error(error, ErrorCode.DrmCommunication)).toBe(true);
    expect(isDrmaa2Error(error, ErrorCode.Timeout)).toBe(false);
  });

  it('is recognised across copies of the package by its brand, not instanceof', () => {
    const foreign = Object.assign(new Error('x'), { code: 'TIMEOUT', [Symbol.for('@drmaa2/core/Drmaa2Error')]: true });
    expect(isDrmaa2Error(foreign, ErrorCode.Timeout)).toBe(true);
    expect(isDrmaa2Error(Object.assign(new Error('x'), { code: 'TIMEOUT' }))).toBe(false);
    expect(isDrmaa2Error('TIMEOUT')).toBe(false);
  });

  it('names states as the specification does', () => {
    expect(JobState.QueuedHeld).toBe('QUEUED_HELD');
    expect(isTerminal(JobState.Failed)).toBe(true);
    expect(isTerminal(JobState.Suspended)).toBe(false);
  });
});
