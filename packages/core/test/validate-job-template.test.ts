import { describe, expect, it } from 'vitest';
import { Capability, ErrorCode, isDrmaa2Error, validateJobTemplate, type JobTemplate } from '../src/index.js';

const none = { capabilities: new Set<Capability>() };

function codeOf(template: unknown, rules = none): string | undefined {
  try {
    validateJobTemplate(template, rules);
    return undefined;
  } catch (error) {
    if (!isDrmaa2Error(error)) throw error;
    return `${error.code} ${error.message}`;
  }
}

describe('validateJobTemplate', () => {
  it('accepts a minimal template and returns a copy the caller cannot change', () => {
    const args = ['1'];
    const template: JobTemplate = { remoteCommand: 'sleep', args, startTime: new Date(0) };
    const copy = validateJobTemplate(template, none);
    args.push('2');
    template.startTime!.setTime(5);
    expect(copy).toEqual({ remoteCommand: 'sleep', args: ['1'], startTime: new Date(0) });
  });

  it.each([
    [{}, 'remoteCommand'],
    [{ remoteCommand: '' }, 'remoteCommand'],
    [{ remoteCommand: 'x', args: [1] }, 'args[0]'],
    [{ remoteCommand: 'x', minSlots: 0 }, 'minSlots'],
    [{ remoteCommand: 'x', minSlots: 4, maxSlots: 2 }, 'maxSlots'],
    [{ remoteCommand: 'x', priority: 0.5 }, 'priority'],
    [{ remoteCommand: 'x', machineOS: 'linux' }, 'machineOS'],
    [{ remoteCommand: 'x', startTime: '2026-01-01' }, 'startTime'],
    [{ remoteCommand: 'x', startTime: new Date(10), deadlineTime: new Date(5) }, 'deadlineTime'],
    [{ remoteCommand: 'x', resourceLimits: { WALLCLOCK_TIME: -1 } }, 'resourceLimits.WALLCLOCK_TIME'],
    [{ remoteCommand: 'x', jobEnvironment: { 'A=B': 'c' } }, 'jobEnvironment'],
    [{ remoteCommand: 'x', remotecommand: 'typo' }, 'remotecommand'],
    [{ remoteCommand: 'x', outputPath: 'a/$DRMAA2_HOME_DIR$' }, 'outputPath'],
    [{ remoteCommand: 'x', workingDirectory: '$DRMAA2_WORKING_DIR$' }, 'workingDirectory'],
    [{ remoteCommand: 'x', errorPath: '/e.$DRMAA2_INDEX$' }, 'errorPath'],
    [{ remoteCommand: 'x', reservationId: 'r' }, 'reservationId'],
    [{ remoteCommand: 'x', extensions: { unknown: 'v' } }, 'extensions.unknown'],
  ])('rejects %j with INVALID_ARGUMENT naming %s', (template, field) => {
    const result = codeOf(template);
    expect(result).toMatch(/^INVALID_ARGUMENT /);
    expect(result).toContain(field);
  });

  it('allows placeholders where the specification does', () => {
    const template = {
      remoteCommand: 'x',
      workingDirectory: '$DRMAA2_HOME_DIR$/work',
      outputPath: '$DRMAA2_WORKING_DIR$/out.$DRMAA2_INDEX$',
      errorPath: '$DRMAA2_HOME_DIR$/err',
    };
    expect(codeOf(template, { ...none, bulk: true } as never)).toBeUndefined();
  });

  it('does not count a placeholder after $DRMAA2_INDEX$ as standing at the start', () => {
    const bulk = { ...none, bulk: true } as never;
    expect(codeOf({ remoteCommand: 'x', outputPath: '$DRMAA2_INDEX$$DRMAA2_HOME_DIR$/out' }, bulk)).toMatch(/^INVALID_ARGUMENT JobTemplate.outputPath/);
    expect(codeOf({ remoteCommand: 'x', workingDirectory: '$DRMAA2_INDEX$$DRMAA2_HOME_DIR$' }, bulk)).toMatch(/^INVALID_ARGUMENT JobTemplate.workingDirectory/);
    expect(codeOf({ remoteCommand: 'x', inputPath: '$DRMAA2_HOME_DIR$/in.$DRMAA2_INDEX$' }, bulk)).toBeUndefined();
  });

  it.each([
    ['email', { email: ['a@b.c'] }, Capability.JtEmail],
    ['emailOnTerminated', { emailOnTerminated: true }, Capability.JtEmail],
    ['stageOutFiles', { stageOutFiles: { a: 'b' } }, Capability.JtStaging],
    ['deadlineTime', { deadlineTime: new Date() }, Capability.JtDeadline],
    ['maxSlots', { maxSlots: 2 }, Capability.JtMaxSlots],
    ['accountingId', { accountingId: 'p' }, Capability.JtAccountingId],
  ])('%s without its capability is UNSUPPORTED_ATTRIBUTE, with it accepted', (_, attributes, capability) => {
    expect(codeOf({ remoteCommand: 'x', ...attributes })).toMatch(/^UNSUPPORTED_ATTRIBUTE /);
    expect(codeOf({ remoteCommand: 'x', ...attributes }, { capabilities: new Set([capability]) })).toBeUndefined();
  });

  it('treats false booleans as unset, as the C binding does', () => {
    expect(codeOf({ remoteCommand: 'x', emailOnStarted: false })).toBeUndefined();
  });

  it('checks jobCategory against the categories and extensions against their names', () => {
    const rules = { capabilities: new Set<Capability>(), jobCategories: ['a'], extensionNames: new Set(['k']) };
    expect(codeOf({ remoteCommand: 'x', jobCategory: 'b' }, rules)).toMatch(/^INVALID_ARGUMENT JobTemplate.jobCategory/);
    expect(codeOf({ remoteCommand: 'x', jobCategory: 'a', extensions: { k: 'v' } }, rules)).toBeUndefined();
    expect(ErrorCode.InvalidArgument).toBe('INVALID_ARGUMENT');
  });
});
