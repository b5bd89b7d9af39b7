import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiFailure, jobBody, raw, startTestSim, type TestSim } from '../support/test-sim.js';

let t: TestSim;
beforeAll(async () => {
  t = await startTestSim();
});
afterAll(async () => {
  await t.sim.stop();
});

describe('checklist 1: create defaults as in §1; 201 with status {}', () => {
  it('defaults parallelism/completions 1, backoffLimit 6, NonIndexed, suspend false, podReplacementPolicy', async () => {
    const res = await raw(t.sim, 'POST', '/apis/batch/v1/namespaces/default/jobs', jobBody('defaults'));
    expect(res.status).toBe(201);
    expect(res.headers.get('content-type')).toBe('application/json');
    const job = res.json<{ kind: string; apiVersion: string; spec: Record<string, unknown>; status: unknown }>();
    expect(job.kind).toBe('Job');
    expect(job.apiVersion).toBe('batch/v1');
    expect(job.status).toEqual({});
    expect(job.spec).toMatchObject({
      parallelism: 1,
      completions: 1,
      backoffLimit: 6,
      completionMode: 'NonIndexed',
      suspend: false,
      manualSelector: false,
      podReplacementPolicy: 'TerminatingOrFailed',
    });
    const tspec = (job.spec.template as { spec: Record<string, unknown> }).spec;
    expect(tspec).toMatchObject({ dnsPolicy: 'ClusterFirst', schedulerName: 'default-scheduler', terminationGracePeriodSeconds: 30, securityContext: {} });
    expect((tspec.containers as Record<string, unknown>[])[0]).toMatchObject({
      imagePullPolicy: 'IfNotPresent', terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File', resources: {},
    });
  });

  it('completions stays null when only parallelism is given; backoffLimit is MaxInt32 with backoffLimitPerIndex', async () => {
    const a = await t.batch.createNamespacedJob({ namespace: 'default', body: jobBody('workqueue', { parallelism: 3 }) });
    expect(a.spec?.completions).toBeUndefined();
    expect(a.spec?.parallelism).toBe(3);
    const b = await t.batch.createNamespacedJob({
      namespace: 'default',
      body: jobBody('perindex', { completionMode: 'Indexed', completions: 3, backoffLimitPerIndex: 1 }),
    });
    expect(b.spec?.backoffLimit).toBe(2147483647);
    const c = await t.batch.createNamespacedJob({
      namespace: 'default',
      body: jobBody('pfp', { podFailurePolicy: { rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] }] } }),
    });
    expect(c.spec?.podReplacementPolicy).toBe('Failed');
  });
});

describe('checklist 2: the four generated labels and the controller-uid selector; names over 63 give 422', () => {
  it('adds controller-uid/job-name labels to the template and the Job, and the generated selector', async () => {
    const job = await t.batch.createNamespacedJob({ namespace: 'default', body: jobBody('labelled') });
    const uid = job.metadata?.uid ?? '';
    const expected = {
      'batch.kubernetes.io/controller-uid': uid,
      'batch.kubernetes.io/job-name': 'labelled',
      'controller-uid': uid,
      'job-name': 'labelled',
    };
    expect(job.spec?.template.metadata?.labels).toEqual(expected);
    expect(job.metadata?.labels).toEqual(expected);
    expect(job.spec?.selector).toEqual({ matchLabels: { 'batch.kubernetes.io/controller-uid': uid } });
  });

  it('keeps the Job own labels when it has some', async () => {
    const job = await t.batch.createNamespacedJob({ namespace: 'default', body: jobBody('own-labels', {}, { labels: { app: 'x' } }) });
    expect(job.metadata?.labels).toEqual({ app: 'x' });
  });

  it('accepts a 63-character name and rejects 64 with 422 on the template labels', async () => {
    const ok = await raw(t.sim, 'POST', '/apis/batch/v1/namespaces/default/jobs', jobBody('a'.repeat(63)));
    expect(ok.status).toBe(201);
    const bad = await raw(t.sim, 'POST', '/apis/batch/v1/namespaces/default/jobs', jobBody('b'.repeat(64)));
    expect(bad.status).toBe(422);
    const status = bad.json<{ reason: string; details: { kind: string; group: string; causes: { field: string; message: string }[] } }>();
    expect(status.reason).toBe('Invalid');
    expect(status.details.kind).toBe('Job');
    expect(status.details.group).toBe('batch');
    expect(status.details.causes.some((c) => c.field === 'spec.template.metadata.labels' && c.message.includes('must be no more than 63 characters'))).toBe(true);
  });
});

describe('checklist 3: 422 Status with field causes (restartPolicy, negatives, immutable fields)', () => {
  it('restartPolicy omitted or Always: Required value with the exact message', async () => {
    for (const restartPolicy of [undefined, 'Always']) {
      const body = jobBody('rp-bad');
      const spec = (body.spec as { template: { spec: Record<string, unknown> } }).template.spec;
      if (restartPolicy === undefined) delete spec.restartPolicy;
      else spec.restartPolicy = restartPolicy;
      const res = await raw(t.sim, 'POST', '/apis/batch/v1/namespaces/default/jobs', body);
      expect(res.status).toBe(422);
      expect(res.json()).toEqual({
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message: 'Job.batch "rp-bad" is invalid: spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"',
        reason: 'Invalid',
        details: {
          name: 'rp-bad',
          group: 'batch',
          kind: 'Job',
          causes: [{ reason: 'FieldValueRequired', message: 'Required value: valid values: "OnFailure", "Never"', field: 'spec.template.spec.restartPolicy' }],
        },
        code: 422,
      });
    }
  });

  it('negative integers give FieldValueInvalid causes, several joined as [a, b]', async () => {
    const failure = await apiFailure(
      t.batch.createNamespacedJob({ namespace: 'default', body: jobBody('negative', { parallelism: -1, backoffLimit: -2 }) }),
    );
    expect(failure.code).toBe(422);
    const causes = (failure.body.details as { causes: { reason: string; field: string; message: string }[] }).causes;
    expect(causes).toEqual([
      { reason: 'FieldValueInvalid', field: 'spec.parallelism', message: 'Invalid value: -1: must be greater than or equal to 0' },
      { reason: 'FieldValueInvalid', field: 'spec.backoffLimit', message: 'Invalid value: -2: must be greater than or equal to 0' },
    ]);
    expect(failure.body.message).toBe(
      'Job.batch "negative" is invalid: [spec.parallelism: Invalid value: -1: must be greater than or equal to 0, spec.backoffLimit: Invalid value: -2: must be greater than or equal to 0]',
    );
  });

  it('immutable fields on update: completions, completionMode, selector, template', async () => {
    const job = await t.batch.createNamespacedJob({ namespace: 'default', body: jobBody('immutable') });
    const current = await raw(t.sim, 'GET', '/apis/batch/v1/namespaces/default/jobs/immutable');
    const body = current.json<{ spec: Record<string, unknown> }>();
    body.spec.completions = 2;
    (body.spec.template as { spec: { containers: { image: string }[] } }).spec.containers[0]!.image = 'busybox:2';
    const res = await raw(t.sim, 'PUT', '/apis/batch/v1/namespaces/default/jobs/immutable', body);
    expect(res.status).toBe(422);
    const causes = res.json<{ details: { causes: { field: string; message: string }[] } }>().details.causes;
    expect(causes.map((c) => c.field)).toEqual(['spec.completions', 'spec.template']);
    expect(causes[0]?.message).toBe('Invalid value: 2: field is immutable');
    expect(job.metadata?.generation).toBe(1);
    const mutable = current.json<{ spec: Record<string, unknown> }>();
    mutable.spec.parallelism = 0;
    mutable.spec.activeDeadlineSeconds = 100;
    const ok = await raw(t.sim, 'PUT', '/apis/batch/v1/namespaces/default/jobs/immutable', mutable);
    expect(ok.status).toBe(200);
    expect(ok.json<{ metadata: { generation: number } }>().metadata.generation).toBe(2);
  });

  it('Indexed needs completions; backoffLimitPerIndex needs Indexed', async () => {
    const a = await raw(t.sim, 'POST', '/apis/batch/v1/namespaces/default/jobs', jobBody('idx', { completionMode: 'Indexed', parallelism: 2 }));
    expect(a.status).toBe(422);
    expect(a.json<{ details: { causes: { field: string; reason: string }[] } }>().details.causes).toContainEqual(
      expect.objectContaining({ field: 'spec.completions', reason: 'FieldValueRequired' }),
    );
    const b = await raw(t.sim, 'POST', '/apis/batch/v1/namespaces/default/jobs', jobBody('bpi', { backoffLimitPerIndex: 1 }));
    expect(b.status).toBe(422);
  });
});
