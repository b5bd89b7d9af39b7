import { ErrorCode, isDrmaa2Error, type JobTemplate } from '@drmaa2/core';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, testImage, type SimHarness } from '../support/sim-harness.js';

let h: SimHarness;
beforeAll(async () => {
  h = await startHarness({ sim: { kubelet: { mode: 'scripted', script: () => ({ durationMs: 3_600_000, exitCode: 0 }) } } });
});
afterAll(async () => {
  await h.close();
});

/** Runs `attempt`; a rejection must be `INVALID_ARGUMENT` or `UNSUPPORTED_ATTRIBUTE` and reach no server. */
async function acceptedOrRejectedFirst<T>(attempt: () => Promise<T>, field?: string): Promise<T | undefined> {
  const before = h.sim.stats().requests.total;
  try {
    return await attempt();
  } catch (error) {
    expect(isDrmaa2Error(error, ErrorCode.InvalidArgument) || isDrmaa2Error(error, ErrorCode.UnsupportedAttribute), String(error)).toBe(true);
    if (field !== undefined) expect((error as Error).message).toContain(field);
    expect(h.sim.stats().requests.total).toBe(before);
    return undefined;
  }
}

const nasty = fc.oneof(
  fc.string({ maxLength: 80 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('a,drmaa2.io/session!=x', 'x=y', 'a b', 'Ünïcode', '../../etc', 'a'.repeat(64), '-a', 'a-', '', 'ok-name.1'),
);

/** Label and annotation lists: half of them well-formed, so both paths are taken often. */
const keyValues = fc.oneof(nasty, fc.constantFrom('', 'team=a', 'a=b,c=d', 'example.com/owner=x_y'));

describe('hostile input never reaches the cluster unchecked', () => {
  it('session names: accepted ones label only their own objects; others are refused before any request', async () => {
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(nasty, async (name) => {
        const session = await acceptedOrRejectedFirst(() => h.sm.createJobSession(name));
        if (session === undefined) return;
        accepted += 1;
        expect(name).toMatch(/^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/);
        await h.sm.destroyJobSession(name);
      }),
      { numRuns: 200 },
    );
    expect(accepted).toBeGreaterThan(0);
  });

  it('job names, labels and annotations from users: schema-valid objects or a named refusal; names never leave their session', async () => {
    const other = await h.sm.createJobSession('bystander');
    const bystander = await other.runJob({ remoteCommand: 'sleep', jobCategory: testImage });
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(nasty, keyValues, keyValues, async (jobName, labels, annotations) => {
        const template: JobTemplate = { remoteCommand: 'sleep', jobCategory: testImage, jobName, extensions: { labels, annotations } };
        const job = await acceptedOrRejectedFirst(() => h.session.runJob(template), 'JobTemplate.');
        if (job === undefined) return;
        accepted += 1;
        const [namespace = '', name = ''] = job.id.split('/');
        expect(name).toMatch(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
        const stored = h.sim.store.get('jobs', namespace, name) as { metadata: { labels: Record<string, string> } } | undefined;
        expect(stored?.metadata.labels['drmaa2.io/session']).toBe(h.session.sessionName);
        await job.terminate();
      }),
      { numRuns: 150 },
    );
    expect(accepted).toBeGreaterThan(0);
    expect((await other.getJobs()).map((job) => job.id)).toEqual([bystander.id]);
  });
});
