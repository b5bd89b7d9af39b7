import { Buffer } from 'node:buffer';
import { type JobTemplate, isDrmaa2Error } from '@drmaa2/core';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { REDACTED_SECRET, planJob, templateFromAnnotation, type MappingOptions } from '../../src/mapping/index.js';
import { options } from './fixtures.js';
import { validatePlan } from './schema.js';

/** Log paths name files on the tracker's host: absolute, or under the home directory. */
const logPath = fc.tuple(fc.constantFrom('/', '$DRMAA2_HOME_DIR$/'), fc.string().map((rest) => rest.replaceAll('\0', ''))).map(([root, rest]) => root + rest);
const submittedAt = new Date('2026-05-01T10:00:00.000Z');
const labelValue = fc.stringMatching(/^[a-z0-9]([-a-z0-9]{0,20}[a-z0-9])?$/);
const dnsName = labelValue;
const envName = fc.stringMatching(/^[A-Z_][A-Z0-9_]{0,15}$/);
const path = fc.array(fc.stringMatching(/^[a-z0-9][a-z0-9._-]{0,10}$/), { minLength: 1, maxLength: 3 }).map((parts) => `/${parts.join('/')}`);
const b64 = fc.uint8Array({ maxLength: 64 }).map((bytes) => Buffer.from(bytes).toString('base64'));

/** Values for every extension, valid by construction. */
const extensionValues: Record<string, fc.Arbitrary<string>> = {
  namespace: dnsName,
  labels: fc.dictionary(labelValue, labelValue, { maxKeys: 3 }).map((m) => Object.entries(m).filter(([k]) => k.length > 0).map(([k, v]) => `${k}=${v}`).join(',')),
  annotations: fc.dictionary(labelValue, fc.string({ maxLength: 30 }), { maxKeys: 3 }).map((m) => JSON.stringify(Object.fromEntries(Object.entries(m).filter(([k]) => k.length > 0)))),
  scheduler: dnsName,
  privileged: fc.constantFrom('true', 'false', 'TRUE'),
  pullpolicy: fc.constantFrom('always', 'Never', 'IFNOTPRESENT'),
  imagepullsecrets: fc.array(dnsName, { minLength: 1, maxLength: 3 }).map((names) => names.join(',')),
  'service-account-name': dnsName,
  'node-selectors': fc.array(fc.tuple(labelValue, labelValue), { minLength: 1, maxLength: 3 }).map((pairs) => pairs.map(([k, v]) => `example.com/${k}=${v}`).join(',')),
  tolerations: fc.array(fc.tuple(labelValue, fc.option(labelValue), fc.constantFrom('', 'NoSchedule', 'PreferNoSchedule', 'NoExecute', 'NoExecute:30')), { minLength: 1, maxLength: 3 })
    .map((entries) => entries.map(([k, v, e]) => `${k}${v === null ? '' : `=${v}`}${e === '' ? '' : `:${e}`}`).join(',')),
  'env-from-secret': fc.array(dnsName, { minLength: 1, maxLength: 2 }).map((names) => names.join(':')),
  'env-from-configmaps': fc.array(dnsName, { minLength: 1, maxLength: 2 }).map((names) => names.join(',')),
  ttlsecondsafterfinished: fc.integer({ min: 0, max: 2147483647 }).map(String),
  runasuser: fc.integer({ min: 0, max: 2147483647 }).map(String),
  runasgroup: fc.integer({ min: 0, max: 65535 }).map(String),
  fsgroup: fc.integer({ min: 0, max: 65535 }).map(String),
  accelerator: fc.tuple(fc.integer({ min: 1, max: 8 }), fc.option(labelValue.filter((v) => v.length > 0))).map(([n, t]) => (t === null ? String(n) : `${n}*${t}`)),
  distribution: fc.constantFrom('gke', 'aks', 'eks', 'generic'),
  podSpecPatch: fc.record({ hostNetwork: fc.boolean(), terminationGracePeriodSeconds: fc.integer({ min: 0, max: 3600 }), dnsPolicy: fc.constantFrom('ClusterFirst', 'Default') }, { requiredKeys: [] }).map((patch) => JSON.stringify(patch)),
};

const stageSource = fc.oneof(
  b64.map((data) => `configmap-data:${data}`),
  b64.map((data) => `secret-data:${data}`),
  dnsName.filter((n) => n.length > 0).map((n) => `configmap:${n}`),
  dnsName.filter((n) => n.length > 0).map((n) => `secret:${n}`),
  dnsName.filter((n) => n.length > 0).map((n) => `pvc:${n}`),
  path.map((p) => `hostpath:${p}`),
  path.map((p) => `nfs:server.example.org:${p}`),
  dnsName.filter((n) => n.length > 0).map((n) => `storageclass:${n}`),
);

const baseTemplate: fc.Arbitrary<JobTemplate> = fc.record(
  {
    remoteCommand: fc.string({ minLength: 1 }),
    args: fc.array(fc.string()),
    jobName: fc.string({ minLength: 1 }),
    jobEnvironment: fc.dictionary(envName, fc.string()),
    workingDirectory: path,
    jobCategory: fc.constantFrom('busybox:1.36', 'registry.example.org/team/app@sha256:abc'),
    rerunnable: fc.boolean(),
    submitAsHold: fc.boolean(),
    minSlots: fc.integer({ min: 1, max: 64 }),
    maxSlots: fc.integer({ min: 1, max: 128 }),
    queueName: dnsName.filter((n) => n.length > 0),
    deadlineTime: fc.integer({ min: 1, max: 86_400 }).map((s) => new Date(s * 1000)),
    minPhysMemory: fc.integer({ min: 0, max: 1 << 30 }),
    candidateMachines: fc.array(labelValue.filter((n) => n.length > 0), { maxLength: 3 }),
    machineOS: fc.constantFrom('LINUX', 'WIN', 'WINNT'),
    machineArch: fc.constantFrom('X64', 'ARM64', 'PPC64LE', 'ARM'),
    startTime: fc.integer({ min: -3600, max: 3600 }).map((s) => new Date(submittedAt.getTime() + s * 1000)),
    priority: fc.constantFrom(0, 10),
    accountingId: fc.string(),
    outputPath: logPath,
    errorPath: logPath,
    joinFiles: fc.boolean(),
    stageInFiles: fc.dictionary(path, stageSource, { maxKeys: 3 }),
    resourceLimits: fc.record({ WALLCLOCK_TIME: fc.integer({ min: 0, max: 1e6 }), VIRTUAL_MEMORY: fc.integer({ min: 1 << 30, max: 2 ** 31 }), CPU_TIME: fc.double({ min: 0, max: 1e6, noNaN: true }) }, { requiredKeys: [] }),
    extensions: fc.uniqueArray(fc.constantFrom(...Object.keys(extensionValues)), { maxLength: 6 }).chain((names) =>
      fc.record(Object.fromEntries(names.map((name) => [name, extensionValues[name] as fc.Arbitrary<string>]))),
    ),
  },
  { requiredKeys: ['remoteCommand', 'jobCategory'] },
);

/**
 * Valid as core leaves templates: `maxSlots` at least `minSlots` (or 1), and `deadlineTime` (drawn
 * as an offset) that many seconds after the later of the submission and the start time; and
 * consistent: `extensions.namespace` agrees with a `queueName` that names the namespace.
 */
const template: fc.Arbitrary<JobTemplate> = baseTemplate.map((jt) => {
  const valid: JobTemplate = { ...jt };
  if (valid.maxSlots !== undefined) valid.maxSlots = Math.max(valid.maxSlots, valid.minSlots ?? 1);
  if (valid.queueName !== undefined && valid.extensions?.namespace !== undefined) valid.extensions = { ...valid.extensions, namespace: valid.queueName };
  if (valid.deadlineTime !== undefined) {
    const start = Math.max(submittedAt.getTime(), valid.startTime?.getTime() ?? 0);
    valid.deadlineTime = new Date(start + valid.deadlineTime.getTime());
  }
  return valid;
});

const arrayRange = fc.option(
  fc.record({ begin: fc.integer({ min: 1, max: 100 }), count: fc.integer({ min: 1, max: 50 }), step: fc.integer({ min: 1, max: 5 }), maxParallel: fc.option(fc.integer({ min: 0, max: 60 }), { nil: undefined }) })
    .map(({ begin, count, step, maxParallel }) => ({ begin, end: begin + (count - 1) * step, step, ...(maxParallel === undefined ? {} : { maxParallel }) })),
  { nil: undefined },
);

function attempt(jt: JobTemplate, array?: { begin: number; end: number; step: number; maxParallel?: number }, mapping: MappingOptions = options): boolean {
  let result;
  try {
    result = planJob({ template: jt, sessionName: 'prop', objectName: 'drmaa2-prop', submissionId: 's', submittedAt, owner: 'o', submissionMachine: 'm', ...(array === undefined ? {} : { array }) }, mapping);
  } catch (error) {
    expect(isDrmaa2Error(error, 'INVALID_ARGUMENT') || isDrmaa2Error(error, 'UNSUPPORTED_ATTRIBUTE'), String(error)).toBe(true);
    expect((error as Error).message).toMatch(/^JobTemplate\.[A-Za-z]/);
    return false;
  }
  validatePlan(result);
  const stored = templateFromAnnotation(result.job);
  expect(stored?.remoteCommand).toBe(jt.remoteCommand);
  expect(stored?.args).toEqual(jt.args);
  const secrets = Object.values(jt.stageInFiles ?? {}).filter((source) => source.startsWith('secret-data:') && source.length > 16);
  const annotations = JSON.stringify(result.job.metadata?.annotations);
  for (const secret of secrets) expect(annotations).not.toContain(secret);
  for (const source of Object.values(stored?.stageInFiles ?? {})) if (source.startsWith('secret-data:')) expect(source).toBe(REDACTED_SECRET);
  return true;
}

describe('planJob properties', () => {
  test('random valid templates all plan to schema-valid manifests', () => {
    let accepted = 0;
    fc.assert(fc.property(template, (jt) => {
      if (attempt(jt)) accepted += 1;
    }), { numRuns: 500 });
    expect(accepted).toBe(500);
  });

  test('random valid array submissions all plan to schema-valid Indexed Jobs', () => {
    let accepted = 0;
    fc.assert(fc.property(template, arrayRange, (jt, array) => {
      if (attempt(jt, array)) accepted += 1;
    }), { numRuns: 400 });
    expect(accepted).toBe(400);
  });

  test('with Kueue, random valid templates (queueName a LocalQueue) all plan to schema-valid manifests', () => {
    const kueue: MappingOptions = { ...options, kueue: { enabled: true } };
    let accepted = 0;
    fc.assert(fc.property(template, arrayRange, (jt, array) => {
      if (attempt(jt, array, kueue)) accepted += 1;
    }), { numRuns: 300 });
    expect(accepted).toBe(300);
  });

  test('random extension values (valid or not) never escape as anything but a named Drmaa2Error', () => {
    const names = Object.keys(extensionValues);
    fc.assert(fc.property(fc.constantFrom(...names), fc.string(), (name, value) => {
      attempt({ remoteCommand: 'x', extensions: { [name]: value } });
    }), { numRuns: 500 });
  });

  test('random stage-in maps never escape as anything but a named Drmaa2Error', () => {
    fc.assert(fc.property(fc.dictionary(fc.string(), fc.oneof(stageSource, fc.string())), (files) => {
      attempt({ remoteCommand: 'x', stageInFiles: files });
    }), { numRuns: 400 });
  });
});
