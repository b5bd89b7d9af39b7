import { describe, expect, it } from 'vitest';
import { JobState, matchesJobInfoFilter, type JobInfo } from '../src/index.js';

const info: JobInfo = {
  jobId: '7',
  jobName: 'n',
  exitStatus: 0,
  jobState: JobState.Done,
  annotation: 'finished',
  allocatedMachines: [{ machineName: 'a', slots: 1 }, { machineName: 'b', slots: 2 }],
  wallclockTime: 10,
  cpuTime: 4,
  submissionTime: new Date(1000),
  finishTime: new Date(5000),
};

describe('matchesJobInfoFilter', () => {
  it('matches everything without a filter or with an empty one', () => {
    expect(matchesJobInfoFilter(info, undefined)).toBe(true);
    expect(matchesJobInfoFilter(info, {})).toBe(true);
  });

  it('compares the equality fields and ANDs them', () => {
    expect(matchesJobInfoFilter(info, { jobId: '7', exitStatus: 0 })).toBe(true);
    expect(matchesJobInfoFilter(info, { jobId: '7', exitStatus: 1 })).toBe(false);
    expect(matchesJobInfoFilter(info, { slots: 1 })).toBe(false);
  });

  it('never evaluates annotation', () => {
    expect(matchesJobInfoFilter(info, { annotation: 'other' })).toBe(true);
  });

  it('matches allocatedMachines by containment', () => {
    expect(matchesJobInfoFilter(info, { allocatedMachines: [{ machineName: 'b', slots: 9 }] })).toBe(true);
    expect(matchesJobInfoFilter(info, { allocatedMachines: [{ machineName: 'c', slots: 1 }] })).toBe(false);
  });

  it('matches durations at least and times at or after the filter', () => {
    expect(matchesJobInfoFilter(info, { wallclockTime: 10, cpuTime: 3 })).toBe(true);
    expect(matchesJobInfoFilter(info, { wallclockTime: 11 })).toBe(false);
    expect(matchesJobInfoFilter(info, { submissionTime: new Date(1000) })).toBe(true);
    expect(matchesJobInfoFilter(info, { submissionTime: new Date(1001) })).toBe(false);
    expect(matchesJobInfoFilter(info, { dispatchTime: new Date(0) })).toBe(false);
  });
});
