import { Capability } from './capability.js';
import { Drmaa2Error } from './drmaa2-error.js';
import { ErrorCode } from './error-code.js';
import { type JobTemplate, ResourceLimit, jobTemplateKeys } from './job-template.js';
import { CpuArchitecture, OperatingSystem } from './machine-types.js';
import { Placeholder, placeholderAttributes } from './placeholders.js';

/** What {@link validateJobTemplate} checks a template against. */
export interface JobTemplateRules {
  /** The backend's capabilities; optional attributes without theirs are `UNSUPPORTED_ATTRIBUTE`. */
  readonly capabilities: ReadonlySet<Capability>;
  /** Valid `jobCategory` values; omitted means any string. */
  readonly jobCategories?: readonly string[];
  /** Valid `extensions` keys; omitted means none is valid. */
  readonly extensionNames?: ReadonlySet<string>;
  /** True in `runBulkJobs`, where `$DRMAA2_INDEX$` is allowed. */
  readonly bulk?: boolean;
}

const capabilityOf: Partial<Record<keyof JobTemplate, Capability>> = {
  email: Capability.JtEmail,
  emailOnStarted: Capability.JtEmail,
  emailOnTerminated: Capability.JtEmail,
  stageInFiles: Capability.JtStaging,
  stageOutFiles: Capability.JtStaging,
  deadlineTime: Capability.JtDeadline,
  maxSlots: Capability.JtMaxSlots,
  accountingId: Capability.JtAccountingId,
};
const capabilityEntries = Object.entries(capabilityOf);

const stringKeys = [
  'workingDirectory', 'jobCategory', 'jobName', 'inputPath', 'outputPath', 'errorPath',
  'reservationId', 'queueName', 'accountingId',
] as const;
const booleanKeys = ['submitAsHold', 'rerunnable', 'emailOnStarted', 'emailOnTerminated', 'joinFiles'] as const;
const stringListKeys = ['args', 'email', 'candidateMachines'] as const;
const dictionaryKeys = ['jobEnvironment', 'stageInFiles', 'stageOutFiles', 'extensions'] as const;

function invalid(field: string, rule: string): Drmaa2Error {
  return new Drmaa2Error(ErrorCode.InvalidArgument, `JobTemplate.${field}: ${rule}`);
}

function checkString(field: string, value: unknown, options: { nonEmpty?: boolean } = {}): void {
  if (typeof value !== 'string') throw invalid(field, 'must be a string');
  if (options.nonEmpty === true && value.length === 0) throw invalid(field, 'must not be empty');
  if (value.includes('\0')) throw invalid(field, 'must not contain a NUL character');
}

function checkInteger(field: string, value: unknown, min: number): void {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw invalid(field, 'must be an integer');
  if (value < min) throw invalid(field, `must be at least ${min}`);
}

function checkDate(field: string, value: unknown): void {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) throw invalid(field, 'must be a valid Date');
}

function checkDictionary(field: string, value: unknown): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalid(field, 'must be an object of string values');
  }
  for (const [key, entry] of Object.entries(value)) {
    if (key.length === 0) throw invalid(field, 'keys must not be empty');
    checkString(`${field}[${JSON.stringify(key)}]`, entry);
  }
}

function checkEnum(field: string, value: unknown, allowed: Record<string, string>): void {
  if (typeof value !== 'string' || !Object.values(allowed).includes(value)) {
    throw invalid(field, `must be one of ${Object.values(allowed).join(', ')}`);
  }
}

function checkPlaceholders(template: JobTemplate, bulk: boolean): void {
  for (const key of placeholderAttributes) {
    const value = template[key];
    if (value === undefined) continue;
    if (!bulk && value.includes(Placeholder.ParametricIndex)) {
      throw invalid(key, `${Placeholder.ParametricIndex} is only allowed in runBulkJobs templates`);
    }
    // The index becomes a digit, so a placeholder after it does not count as standing at the start.
    const rest = value.replaceAll(Placeholder.ParametricIndex, '1');
    for (const placeholder of [Placeholder.HomeDirectory, Placeholder.WorkingDirectory]) {
      const at = rest.indexOf(placeholder);
      if (at > 0 || (at === 0 && rest.indexOf(placeholder, 1) !== -1)) {
        throw invalid(key, `${placeholder} may only stand at the start`);
      }
    }
    if (key === 'workingDirectory' && rest.includes(Placeholder.WorkingDirectory)) {
      throw invalid(key, `${Placeholder.WorkingDirectory} is not allowed in workingDirectory`);
    }
    const unknown = /\$DRMAA2_[A-Z_]*\$/.exec(rest.replaceAll(Placeholder.HomeDirectory, '').replaceAll(Placeholder.WorkingDirectory, ''));
    if (unknown !== null) throw invalid(key, `unknown placeholder ${unknown[0]}`);
  }
}

function isSet(value: unknown): boolean {
  return value !== undefined && value !== false;
}

function copyTemplate(template: JobTemplate): JobTemplate {
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(template)) {
    if (value === undefined) continue;
    if (value instanceof Date) copy[key] = new Date(value.getTime());
    else if (Array.isArray(value)) copy[key] = (value as readonly unknown[]).slice();
    else if (typeof value === 'object' && value !== null) copy[key] = { ...value };
    else copy[key] = value;
  }
  return copy;
}

/**
 * Checks a job template against what DRMAA2 itself defines and returns a private copy of it (the
 * template is copied at submission; later edits by the caller do not reach the job).
 *
 * @throws Drmaa2Error `INVALID_ARGUMENT` naming the attribute and the rule for a value of the wrong
 *   type or range, an unknown attribute, a misplaced placeholder, an unknown job category or
 *   extension key, or a reservation the backend cannot have; `UNSUPPORTED_ATTRIBUTE` for an optional
 *   attribute whose capability is missing.
 */
export function validateJobTemplate(template: unknown, rules: JobTemplateRules): JobTemplate {
  if (typeof template !== 'object' || template === null || Array.isArray(template)) {
    throw new Drmaa2Error(ErrorCode.InvalidArgument, 'JobTemplate: must be an object');
  }
  const jt = template as Record<string, unknown>;
  for (const key of Object.keys(jt)) {
    if (!(jobTemplateKeys as readonly string[]).includes(key)) throw invalid(key, 'is not a JobTemplate attribute');
  }
  const t = jt as JobTemplate;

  if (t.remoteCommand === undefined) throw invalid('remoteCommand', 'is required');
  checkString('remoteCommand', t.remoteCommand, { nonEmpty: true });
  for (const key of stringKeys) if (t[key] !== undefined) checkString(key, t[key]);
  for (const key of booleanKeys) {
    if (t[key] !== undefined && typeof t[key] !== 'boolean') throw invalid(key, 'must be a boolean');
  }
  for (const key of stringListKeys) {
    const list: unknown = t[key];
    if (list === undefined) continue;
    if (!Array.isArray(list)) throw invalid(key, 'must be an array of strings');
    list.forEach((entry, i) => checkString(`${key}[${i}]`, entry, { nonEmpty: key !== 'args' }));
  }
  for (const key of dictionaryKeys) if (t[key] !== undefined) checkDictionary(key, t[key]);
  for (const name of Object.keys(t.jobEnvironment ?? {})) {
    if (name.includes('=')) throw invalid(`jobEnvironment[${JSON.stringify(name)}]`, "names must not contain '='");
  }
  if (t.jobName !== undefined && t.jobName.length === 0) throw invalid('jobName', 'must not be empty');

  if (t.minSlots !== undefined) checkInteger('minSlots', t.minSlots, 1);
  if (t.maxSlots !== undefined) {
    checkInteger('maxSlots', t.maxSlots, 1);
    if (t.maxSlots < (t.minSlots ?? 1)) throw invalid('maxSlots', 'must not be below minSlots');
  }
  if (t.priority !== undefined) checkInteger('priority', t.priority, Number.MIN_SAFE_INTEGER);
  if (t.minPhysMemory !== undefined) checkInteger('minPhysMemory', t.minPhysMemory, 0);
  if (t.machineOS !== undefined) checkEnum('machineOS', t.machineOS, OperatingSystem);
  if (t.machineArch !== undefined) checkEnum('machineArch', t.machineArch, CpuArchitecture);
  if (t.startTime !== undefined) checkDate('startTime', t.startTime);
  if (t.deadlineTime !== undefined) {
    checkDate('deadlineTime', t.deadlineTime);
    if (t.startTime !== undefined && t.deadlineTime.getTime() < t.startTime.getTime()) {
      throw invalid('deadlineTime', 'must not be before startTime');
    }
  }
  if (t.resourceLimits !== undefined) {
    checkDictionaryShape('resourceLimits', t.resourceLimits);
    for (const [key, value] of Object.entries(t.resourceLimits)) {
      if (!(Object.values(ResourceLimit) as string[]).includes(key)) {
        throw invalid(`resourceLimits.${key}`, `is not a resource limit (${Object.values(ResourceLimit).join(', ')})`);
      }
      if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
        throw invalid(`resourceLimits.${key}`, 'must be a finite number of at least 0');
      }
    }
  }
  checkPlaceholders(t, rules.bulk === true);

  for (const [key, capability] of capabilityEntries) {
    if (isSet(jt[key]) && !rules.capabilities.has(capability)) {
      throw new Drmaa2Error(
        ErrorCode.UnsupportedAttribute,
        `JobTemplate.${key}: needs capability ${capability}, which this backend does not have`,
      );
    }
  }
  if (t.reservationId !== undefined && !rules.capabilities.has(Capability.AdvanceReservation)) {
    throw invalid('reservationId', 'names no reservation: this backend has no advance reservations');
  }
  if (t.jobCategory !== undefined && rules.jobCategories !== undefined && !rules.jobCategories.includes(t.jobCategory)) {
    throw invalid('jobCategory', `must be one of the session's job categories (${rules.jobCategories.join(', ') || 'none'})`);
  }
  for (const key of Object.keys(t.extensions ?? {})) {
    if (rules.extensionNames?.has(key) !== true) throw invalid(`extensions.${key}`, 'is not an extension of this backend');
  }
  return copyTemplate(t);
}

function checkDictionaryShape(field: string, value: unknown): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalid(field, 'must be an object');
}
