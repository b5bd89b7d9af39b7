/**
 * README "Template → Kubernetes": one test (or a few) per row, through the public API on kube-sim,
 * asserting the objects kube-sim stores and what the tracker reports.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { hostname, tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { ErrorCode, JobState, type JobTemplate } from '@drmaa2/core';
import { afterEach, describe, expect, it } from 'vitest';
import { testImage } from '../support/sim-harness.js';
import {
  ShiftedClock,
  expectInvalidBeforeAnyRequest,
  expectRefusedBeforeAnyRequest,
  startReadmeHarness,
  storedContainer,
  storedJob,
  storedPodSpec,
  storedPods,
  type ReadmeHarness,
} from '../support/readme-harness.js';

let h: ReadmeHarness | undefined;
let tmp: string | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
  if (tmp !== undefined) await rm(tmp, { recursive: true, force: true });
  tmp = undefined;
});

const base: JobTemplate = { remoteCommand: 'true', jobCategory: testImage };
const run = (template: JobTemplate) => h!.session.runJob(template);
const hourFromNow = () => new Date(Date.now() + 3_600_000);

describe('README Template → Kubernetes', () => {
  it('`remoteCommand`: command[0] of the container `job`, every $ written as $$, the process gets the exact string', async () => {
    h = await startReadmeHarness();
    const job = await run({ ...base, remoteCommand: '/opt/$(HOME)/run$$x' });
    await job.waitTerminated();
    const container = storedContainer(h, job.id);
    expect(container.name).toBe('job');
    expect(container.command).toEqual(['/opt/$$(HOME)/run$$$$x']);
    expect(h.containers.at(-1)?.command).toEqual(['/opt/$(HOME)/run$$x']);
  });

  it('`args`: args, escaped the same way', async () => {
    h = await startReadmeHarness();
    const args = ['$(HOSTNAME)', 'a$$b', '$', 'plain'];
    const job = await run({ ...base, remoteCommand: 'print', args });
    await job.waitTerminated();
    expect(storedContainer(h, job.id).args).toEqual(['$$(HOSTNAME)', 'a$$$$b', '$$', 'plain']);
    expect(h.containers.at(-1)?.args).toEqual(args);
  });

  it('`jobCategory`: container image', async () => {
    h = await startReadmeHarness();
    const job = await run({ ...base, jobCategory: 'alpine:3.20' });
    expect(storedContainer(h, job.id).image).toBe('alpine:3.20');
    await job.waitTerminated();
    expect(h.containers.at(-1)?.image).toBe('alpine:3.20');
  });

  it('`jobCategory`: required unless `defaultImage` is set (INVALID_ARGUMENT naming jobCategory)', async () => {
    h = await startReadmeHarness();
    await expectInvalidBeforeAnyRequest(h, () => run({ remoteCommand: 'true' }), 'jobCategory');
    const other = await h.newManager({ defaultImage: 'debian:12' }).openJobSession('harness');
    const job = await other.runJob({ remoteCommand: 'true' });
    expect(storedContainer(h, job.id).image).toBe('debian:12');
  });

  it('`workingDirectory`: workingDir; must be absolute, $DRMAA2_HOME_DIR$ refused, $DRMAA2_INDEX$ refused in arrays', async () => {
    h = await startReadmeHarness();
    const job = await run({ ...base, workingDirectory: '/work/dir' });
    expect(storedContainer(h, job.id).workingDir).toBe('/work/dir');
    await expectInvalidBeforeAnyRequest(h, () => run({ ...base, workingDirectory: 'relative/dir' }), 'workingDirectory');
    await expectInvalidBeforeAnyRequest(h, () => run({ ...base, workingDirectory: '$DRMAA2_HOME_DIR$/x' }), 'workingDirectory');
    await expectInvalidBeforeAnyRequest(h, () => h!.session.runBulkJobs({ ...base, workingDirectory: '/w/$DRMAA2_INDEX$' }, 1, 3, 1), 'workingDirectory');
  });

  it('`jobName`: annotation drmaa2.io/job-name (any string); the object name is chosen by the tracker, so a repeated name works', async () => {
    h = await startReadmeHarness();
    const first = await run({ ...base, jobName: 'Nightly Build #1 (ÄÖÜ)' });
    const second = await run({ ...base, jobName: 'Nightly Build #1 (ÄÖÜ)' });
    expect(first.id).not.toBe(second.id);
    for (const job of [first, second]) {
      const stored = storedJob(h, job.id);
      expect(stored.metadata.annotations?.['drmaa2.io/job-name']).toBe('Nightly Build #1 (ÄÖÜ)');
      expect(stored.metadata.name).toMatch(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
      await job.waitTerminated();
      expect((await job.getJobInfo()).jobName).toBe('Nightly Build #1 (ÄÖÜ)');
    }
  });

  it('`jobEnvironment`: env, in order, values escaped; names must match [-._a-zA-Z][-._a-zA-Z0-9]*', async () => {
    h = await startReadmeHarness();
    const jobEnvironment = { ZED: 'last$(HOME)', ALPHA: 'a$$b', 'my.var-1': 'x' };
    const job = await run({ ...base, jobEnvironment });
    await job.waitTerminated();
    expect(storedContainer(h, job.id).env).toEqual([
      { name: 'ZED', value: 'last$$(HOME)' },
      { name: 'ALPHA', value: 'a$$$$b' },
      { name: 'my.var-1', value: 'x' },
    ]);
    expect(h.containers.at(-1)?.env).toMatchObject(jobEnvironment);
    await expectInvalidBeforeAnyRequest(h, () => run({ ...base, jobEnvironment: { '1ABC': 'x' } }), 'jobEnvironment["1ABC"]');
    await expectInvalidBeforeAnyRequest(h, () => run({ ...base, jobEnvironment: { 'A B': 'x' } }), 'jobEnvironment["A B"]');
  });

  it('`submitAsHold`: spec.suspend true + annotation drmaa2.io/hold: user → QUEUED_HELD', async () => {
    h = await startReadmeHarness();
    const job = await run({ ...base, submitAsHold: true });
    const stored = storedJob(h, job.id);
    expect(stored.spec.suspend).toBe(true);
    expect(stored.metadata.annotations?.['drmaa2.io/hold']).toBe('user');
    expect(await job.getState()).toEqual({ state: JobState.QueuedHeld, subState: 'Held' });
    expect(storedPods(h, job.id)).toEqual([]);
    await job.release();
    await job.waitTerminated();
    expect((await job.getState()).state).toBe(JobState.Done);
  });

  it('`rerunnable`: backoffLimit 3, a failed pod is replaced and the job is REQUEUED meanwhile', async () => {
    h = await startReadmeHarness();
    const job = await run({ ...base, remoteCommand: 'fail-once', rerunnable: true });
    expect(storedJob(h, job.id).spec.backoffLimit).toBe(3);
    await job.waitTerminated();
    expect((await job.getState()).state).toBe(JobState.Done);
    expect(h.statesOf(job.id).some((s) => s.startsWith('REQUEUED/'))).toBe(true);
    expect(storedPods(h, job.id)).toHaveLength(2);
  });

  it('`rerunnable`: arrays get backoffLimitPerIndex 3', async () => {
    h = await startReadmeHarness();
    const array = await h.session.runBulkJobs({ ...base, rerunnable: true }, 1, 2, 1);
    const stored = storedJob(h, array.id);
    expect(stored.spec.backoffLimitPerIndex).toBe(3);
  });

  it('`rerunnable`: otherwise 0, the first failure is final', async () => {
    h = await startReadmeHarness();
    const job = await run({ ...base, remoteCommand: 'fail-once' });
    expect(storedJob(h, job.id).spec.backoffLimit).toBe(0);
    await job.waitTerminated();
    expect((await job.getState()).state).toBe(JobState.Failed);
    expect(storedPods(h, job.id)).toHaveLength(1);
    expect(h.statesOf(job.id).some((s) => s.startsWith('REQUEUED/'))).toBe(false);
  });

  it('`startTime`: in the future: spec.suspend + annotation drmaa2.io/start-time; the tracker releases the Job then', async () => {
    h = await startReadmeHarness();
    const startTime = new Date(Date.now() + 1500);
    const job = await run({ ...base, startTime });
    const stored = storedJob(h, job.id);
    expect(stored.spec.suspend).toBe(true);
    expect(stored.metadata.annotations?.['drmaa2.io/start-time']).toBe(startTime.toISOString());
    expect(await job.getState()).toEqual({ state: JobState.Queued, subState: 'StartTime' });
    await job.waitTerminated();
    expect((await job.getState()).state).toBe(JobState.Done);
    expect((await job.getJobInfo()).dispatchTime!.getTime()).toBeGreaterThanOrEqual(startTime.getTime() - 1000);
  });

  it('`startTime`: in the past: starts at once', async () => {
    h = await startReadmeHarness();
    const job = await run({ ...base, startTime: new Date(Date.now() - 60_000) });
    const stored = storedJob(h, job.id);
    expect(stored.spec.suspend ?? false).toBe(false);
    expect(stored.metadata.annotations?.['drmaa2.io/start-time']).toBeUndefined();
    await job.waitTerminated();
    expect((await job.getState()).state).toBe(JobState.Done);
  });

  it('`deadlineTime`: activeDeadlineSeconds = seconds from submission to the deadline, plus annotation drmaa2.io/deadline-time', async () => {
    h = await startReadmeHarness();
    const deadlineTime = new Date(Date.now() + 600_000);
    const job = await run({ ...base, remoteCommand: 'wait', deadlineTime });
    const stored = storedJob(h, job.id);
    expect(stored.spec.activeDeadlineSeconds).toBeGreaterThanOrEqual(597);
    expect(stored.spec.activeDeadlineSeconds).toBeLessThanOrEqual(600);
    expect(stored.metadata.annotations?.['drmaa2.io/deadline-time']).toBe(deadlineTime.toISOString());
  });

  it('`deadlineTime`: counted from a later `startTime`', async () => {
    h = await startReadmeHarness();
    const startTime = new Date(Date.now() + 3_600_000);
    const job = await run({ ...base, startTime, deadlineTime: new Date(startTime.getTime() + 120_000) });
    expect(storedJob(h, job.id).spec.activeDeadlineSeconds).toBe(120);
  });

  it('`deadlineTime`: a deadline already passed is INVALID_ARGUMENT', async () => {
    h = await startReadmeHarness();
    await expectInvalidBeforeAnyRequest(h, () => run({ ...base, deadlineTime: new Date(Date.now() - 1000) }), 'deadlineTime');
  });

  it('`deadlineTime`: on release and resume the tracker recomputes it', async () => {
    const clock = new ShiftedClock();
    h = await startReadmeHarness({ tracker: { clock } });
    const deadlineTime = new Date(Date.now() + 3_600_000);
    const job = await run({ ...base, remoteCommand: 'wait', deadlineTime, submitAsHold: true });
    expect(storedJob(h, job.id).spec.activeDeadlineSeconds).toBeGreaterThanOrEqual(3597);
    clock.offsetMs = 1_000_000;
    await job.release();
    const released = storedJob(h, job.id).spec.activeDeadlineSeconds!;
    expect(released).toBeGreaterThanOrEqual(2597);
    expect(released).toBeLessThanOrEqual(2600);
    await job.waitStarted();
    await job.suspend();
    await expect.poll(async () => (await job.getState()).state).toBe(JobState.Suspended);
    clock.offsetMs = 2_000_000;
    await job.resume();
    const resumed = storedJob(h, job.id).spec.activeDeadlineSeconds!;
    expect(resumed).toBeGreaterThanOrEqual(1597);
    expect(resumed).toBeLessThanOrEqual(1600);
  });

  it('`resourceLimits.WALLCLOCK_TIME`: activeDeadlineSeconds (rounded up)', async () => {
    h = await startReadmeHarness();
    const job = await run({ ...base, resourceLimits: { WALLCLOCK_TIME: 41.2 } });
    expect(storedJob(h, job.id).spec.activeDeadlineSeconds).toBe(42);
  });

  it('`resourceLimits.WALLCLOCK_TIME`: the smaller of this and the deadline wins', async () => {
    h = await startReadmeHarness();
    const small = await run({ ...base, resourceLimits: { WALLCLOCK_TIME: 30 }, deadlineTime: new Date(Date.now() + 600_000) });
    expect(storedJob(h, small.id).spec.activeDeadlineSeconds).toBe(30);
    const late = await run({ ...base, resourceLimits: { WALLCLOCK_TIME: 6000 }, deadlineTime: new Date(Date.now() + 600_000) });
    expect(storedJob(h, late.id).spec.activeDeadlineSeconds).toBeLessThanOrEqual(600);
    expect(storedJob(h, late.id).spec.activeDeadlineSeconds).toBeGreaterThanOrEqual(597);
  });

  it('`resourceLimits.VIRTUAL_MEMORY` (KiB): memory limit <n>Ki; must not be below minPhysMemory', async () => {
    h = await startReadmeHarness();
    const job = await run({ ...base, resourceLimits: { VIRTUAL_MEMORY: 1000 } });
    expect(storedContainer(h, job.id).resources?.limits).toEqual({ memory: '1000Ki' });
    await expectInvalidBeforeAnyRequest(h, () => run({ ...base, minPhysMemory: 2000, resourceLimits: { VIRTUAL_MEMORY: 1000 } }), 'resourceLimits.VIRTUAL_MEMORY');
  });

  it('`resourceLimits.CPU_TIME` (s): the /bin/sh launcher sets `ulimit -t` (rounded up); over it the job ends with SIGXCPU (details in cpu-time)', async () => {
    h = await startReadmeHarness();
    const job = await run({ ...base, resourceLimits: { CPU_TIME: 2.5 } });
    expect(storedContainer(h, job.id).command).toEqual(['/bin/sh', '-c', 'ulimit -S -t 3 && ulimit -H -t 4 || exit 126; exec "$$0" "$$@"', 'true']);
  });

  it.each(['CORE_FILE_SIZE', 'DATA_SIZE', 'FILE_SIZE', 'OPEN_FILES', 'STACK_SIZE'])(
    '`resourceLimits.CORE_FILE_SIZE`, `DATA_SIZE`, `FILE_SIZE`, `OPEN_FILES`, `STACK_SIZE`: %s is INVALID_ARGUMENT, never silently ignored',
    async (limit) => {
      h = await startReadmeHarness();
      await expectInvalidBeforeAnyRequest(h, () => run({ ...base, resourceLimits: { [limit]: 10 } }), `resourceLimits.${limit}`);
    },
  );

  it('`minSlots` / `maxSlots`: cpu request / cpu limit (request 1 when only maxSlots is set)', async () => {
    h = await startReadmeHarness();
    const both = await run({ ...base, minSlots: 2, maxSlots: 3 });
    expect(storedContainer(h, both.id).resources).toEqual({ requests: { cpu: '2' }, limits: { cpu: '3' } });
    const onlyMax = await run({ ...base, maxSlots: 2 });
    expect(storedContainer(h, onlyMax.id).resources).toEqual({ requests: { cpu: '1' }, limits: { cpu: '2' } });
  });

  it('`minPhysMemory` (KiB): memory request <n>Ki', async () => {
    h = await startReadmeHarness();
    const job = await run({ ...base, minPhysMemory: 1000 });
    expect(storedContainer(h, job.id).resources).toEqual({ requests: { memory: '1000Ki' } });
  });

  it('`candidateMachines`: required node affinity kubernetes.io/hostname In [...]', async () => {
    h = await startReadmeHarness();
    const job = await run({ ...base, candidateMachines: ['sim-node-3'] });
    expect(storedPodSpec(h, job.id).affinity).toEqual({
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: ['sim-node-3'] }] }],
        },
      },
    });
    await job.waitTerminated();
    expect((await job.getJobInfo()).allocatedMachines).toEqual([{ machineName: 'sim-node-3', slots: 1 }]);
  });

  it('`candidateMachines`: an empty list means no restriction', async () => {
    h = await startReadmeHarness();
    const job = await run({ ...base, candidateMachines: [] });
    expect(storedPodSpec(h, job.id).affinity).toBeUndefined();
    await job.waitTerminated();
    expect((await job.getState()).state).toBe(JobState.Done);
  });

  it('`machineOS`: node selector kubernetes.io/os: LINUX→linux, WIN/WINNT→windows; others INVALID_ARGUMENT', async () => {
    h = await startReadmeHarness({ sim: { nodes: { count: 2, overrides: { 'sim-node-2': { operatingSystem: 'windows' } } } } });
    const expected = { LINUX: 'linux', WIN: 'windows', WINNT: 'windows' } as const;
    for (const [os, value] of Object.entries(expected)) {
      const job = await run({ ...base, machineOS: os as JobTemplate['machineOS'] });
      expect(storedPodSpec(h, job.id).nodeSelector).toEqual({ 'kubernetes.io/os': value });
      await job.waitTerminated();
      expect((await job.getJobInfo()).allocatedMachines?.[0]?.machineName).toBe(value === 'linux' ? 'sim-node-1' : 'sim-node-2');
    }
    await expectInvalidBeforeAnyRequest(h, () => run({ ...base, machineOS: 'AIX' }), 'machineOS');
  });

  it('`machineArch`: node selector kubernetes.io/arch: X64→amd64, ARM64→arm64, PPC64LE→ppc64le, ARM→arm; others INVALID_ARGUMENT', async () => {
    h = await startReadmeHarness({ sim: { nodes: { count: 1, architecture: 'arm64' } } });
    const expected = { X64: 'amd64', ARM64: 'arm64', PPC64LE: 'ppc64le', ARM: 'arm' } as const;
    for (const [arch, value] of Object.entries(expected)) {
      const job = await run({ ...base, machineArch: arch as JobTemplate['machineArch'] });
      expect(storedPodSpec(h, job.id).nodeSelector).toEqual({ 'kubernetes.io/arch': value });
    }
    const arm = await run({ ...base, machineArch: 'ARM64' });
    await arm.waitTerminated();
    expect((await arm.getState()).state).toBe(JobState.Done);
    await expectInvalidBeforeAnyRequest(h, () => run({ ...base, machineArch: 'SPARC' }), 'machineArch');
  });

  it('`queueName`: the namespace (a DNS-1123 label), also annotation drmaa2.io/queue-name', async () => {
    h = await startReadmeHarness({ sim: { namespaces: ['batch'] }, tracker: { queues: ['default', 'batch'] } });
    const job = await run({ ...base, queueName: 'batch' });
    const stored = storedJob(h, job.id);
    expect(stored.metadata.namespace).toBe('batch');
    expect(stored.metadata.annotations?.['drmaa2.io/queue-name']).toBe('batch');
    await job.waitTerminated();
    expect(await job.getJobInfo()).toMatchObject({ jobState: JobState.Done, queueName: 'batch' });
  });

  it('`queueName`: must be a DNS-1123 label when it names the namespace', async () => {
    h = await startReadmeHarness({ tracker: { queues: ['default', 'Not_A_Label'] } });
    await expectInvalidBeforeAnyRequest(h, () => run({ ...base, queueName: 'Not_A_Label' }), 'queueName');
  });

  it('`queueName`: with Kueue: label kueue.x-k8s.io/queue-name, plus annotation drmaa2.io/queue-name', async () => {
    h = await startReadmeHarness({ tracker: { kueue: { enabled: true }, queues: ['default', 'team-queue'] } });
    const job = await run({ ...base, queueName: 'team-queue' });
    const stored = storedJob(h, job.id);
    expect(stored.metadata.namespace).toBe('default');
    expect(stored.metadata.labels?.['kueue.x-k8s.io/queue-name']).toBe('team-queue');
    expect(stored.metadata.annotations?.['drmaa2.io/queue-name']).toBe('team-queue');
  });

  it('`priority`: priorityClassName through priorityClasses', async () => {
    h = await startReadmeHarness({ tracker: { priorityClasses: { '0': 'batch-low', '10': 'batch-high' } } });
    const job = await run({ ...base, priority: 10 });
    expect(storedPodSpec(h, job.id).priorityClassName).toBe('batch-high');
    const message = await expectInvalidBeforeAnyRequest(h, () => run({ ...base, priority: 5 }), 'priority');
    expect(message).toContain('5');
  });

  it('`accountingId`: annotation drmaa2.io/accounting-id, plus the label when the value is a valid label value', async () => {
    h = await startReadmeHarness();
    const labelled = await run({ ...base, accountingId: 'team-a.2024' });
    expect(storedJob(h, labelled.id).metadata.annotations?.['drmaa2.io/accounting-id']).toBe('team-a.2024');
    expect(storedJob(h, labelled.id).metadata.labels?.['drmaa2.io/accounting-id']).toBe('team-a.2024');
    const annotated = await run({ ...base, accountingId: 'Team A / cost centre 42' });
    expect(storedJob(h, annotated.id).metadata.annotations?.['drmaa2.io/accounting-id']).toBe('Team A / cost centre 42');
    expect(storedJob(h, annotated.id).metadata.labels?.['drmaa2.io/accounting-id']).toBeUndefined();
  });

  it('`outputPath`, `errorPath`, `joinFiles`: kept in the stored template', async () => {
    h = await startReadmeHarness();
    const job = await run({ ...base, outputPath: '/tmp/out.txt', errorPath: '/tmp/err.txt', joinFiles: false });
    const stored = JSON.parse(storedJob(h, job.id).metadata.annotations?.['drmaa2.io/template'] ?? '{}') as JobTemplate;
    expect(stored).toMatchObject({ outputPath: '/tmp/out.txt', errorPath: '/tmp/err.txt', joinFiles: false });
    expect(await job.getJobTemplate()).toMatchObject({ outputPath: '/tmp/out.txt', errorPath: '/tmp/err.txt', joinFiles: false });
  });

  it('`outputPath`, `errorPath`, `joinFiles`: the tracker writes the job container\'s log there when the job ends', async () => {
    h = await startReadmeHarness();
    tmp = await mkdtemp(join(tmpdir(), 'readme-output-'));
    const outputPath = join(tmp, 'out.txt');
    const job = await run({ ...base, remoteCommand: 'print', args: ['hello', 'log'], outputPath, joinFiles: true });
    await job.waitTerminated();
    await expect.poll(() => readFile(outputPath, 'utf8').catch(() => undefined), { timeout: 3000 }).toBe('hello log\n');
  });

  it('`outputPath`, `errorPath`, `joinFiles`: $DRMAA2_INDEX$ is resolved per array member', async () => {
    h = await startReadmeHarness();
    tmp = await mkdtemp(join(tmpdir(), 'readme-output-'));
    const array = await h.session.runBulkJobs({ ...base, remoteCommand: 'print', args: ['member'], outputPath: join(tmp, 'out.$DRMAA2_INDEX$') }, 2, 6, 2);
    for (const job of array.getJobs()) await job.waitTerminated();
    for (const index of [2, 4, 6]) {
      await expect.poll(() => readFile(join(tmp!, `out.${index}`), 'utf8').catch(() => undefined), { timeout: 3000 }).toBe('member\n');
    }
  });

  it('`inputPath`: INVALID_ARGUMENT (a container\'s stdin cannot come from a file without a shell)', async () => {
    h = await startReadmeHarness();
    await expectInvalidBeforeAnyRequest(h, () => run({ ...base, inputPath: '/data/in.txt' }), 'inputPath');
  });

  it.each(['email', 'emailOnStarted', 'emailOnTerminated'] as const)('`email*`: %s is UNSUPPORTED_ATTRIBUTE (core; no JT_EMAIL capability)', async (key) => {
    h = await startReadmeHarness();
    const value = key === 'email' ? ['ops@example.com'] : true;
    await expectRefusedBeforeAnyRequest(h, () => run({ ...base, [key]: value }), ErrorCode.UnsupportedAttribute, key);
  });

  it('`stageInFiles`, `stageOutFiles`: volumes and staged objects (details in readme-staging)', async () => {
    h = await startReadmeHarness();
    const job = await run({ ...base, stageInFiles: { '/in/data.txt': 'configmap-data:aGk=' }, stageOutFiles: { '/out': 'pvc:results' } });
    expect(storedPodSpec(h, job.id).volumes).toHaveLength(2);
    expect(h.sim.store.get('configmaps', 'default', `${storedJob(h, job.id).metadata.name}-stage-0`)).toBeDefined();
    await expectInvalidBeforeAnyRequest(h, () => run({ ...base, stageInFiles: { '/in/x': 'ftp://host/x' } }), 'stageInFiles["/in/x"]');
  });

  it('`extensions`: see Extensions (details in readme-extensions); an unknown one is refused', async () => {
    h = await startReadmeHarness();
    const job = await run({ ...base, extensions: { labels: 'team=a' } });
    expect(storedJob(h, job.id).metadata.labels?.team).toBe('a');
    await expectInvalidBeforeAnyRequest(h, () => run({ ...base, extensions: { 'no-such-extension': 'x' } }), 'extensions.no-such-extension');
  });
});

describe('README: what every Job gets', () => {
  it('one container named `job` and restartPolicy Never', async () => {
    h = await startReadmeHarness();
    const job = await run(base);
    const spec = storedPodSpec(h, job.id);
    expect(spec.containers.map((c) => c.name)).toEqual(['job']);
    expect(spec.restartPolicy).toBe('Never');
  });

  it('labels app.kubernetes.io/managed-by: drmaa2 and drmaa2.io/session on the Job and on its pod template', async () => {
    h = await startReadmeHarness();
    const job = await run(base);
    const stored = storedJob(h, job.id);
    const expected = { 'app.kubernetes.io/managed-by': 'drmaa2', 'drmaa2.io/session': 'harness' };
    expect(stored.metadata.labels).toMatchObject(expected);
    expect(stored.spec.template.metadata?.labels).toMatchObject(expected);
  });

  it('annotations drmaa2.io/template (Dates as ISO, secret payloads redacted), submission-id, submission-machine, job-owner', async () => {
    h = await startReadmeHarness();
    const startTime = hourFromNow();
    const job = await run({ ...base, startTime, stageInFiles: { '/etc/secret.txt': 'secret-data:c2VjcmV0', '/etc/plain.txt': 'configmap-data:cGxhaW4=' } });
    const annotations = storedJob(h, job.id).metadata.annotations ?? {};
    const template = JSON.parse(annotations['drmaa2.io/template'] ?? '{}') as Record<string, unknown>;
    expect(template.startTime).toBe(startTime.toISOString());
    expect(template.stageInFiles).toEqual({ '/etc/secret.txt': 'secret-data:<redacted>', '/etc/plain.txt': 'configmap-data:cGxhaW4=' });
    expect(annotations['drmaa2.io/template']).not.toContain('c2VjcmV0');
    expect(annotations['drmaa2.io/submission-id']).toMatch(/.+/);
    expect(annotations['drmaa2.io/submission-machine']).toBe(hostname());
    expect(annotations['drmaa2.io/job-owner']).toBe(userInfo().username);
  });

  it('templateFromAnnotation reads the template back, with its Dates restored (through getJobTemplate)', async () => {
    h = await startReadmeHarness();
    const startTime = hourFromNow();
    const deadlineTime = new Date(startTime.getTime() + 60_000);
    const job = await run({ ...base, args: ['a'], startTime, deadlineTime, jobEnvironment: { A: '1' } });
    const template = await job.getJobTemplate();
    expect(template.startTime).toBeInstanceOf(Date);
    expect(template.startTime?.getTime()).toBe(startTime.getTime());
    expect(template.deadlineTime?.getTime()).toBe(deadlineTime.getTime());
    expect(template).toMatchObject({ remoteCommand: 'true', args: ['a'], jobEnvironment: { A: '1' }, jobCategory: testImage });
  });

  it('all annotations together must fit the 256 KiB limit, otherwise the error names the attribute that makes them big', async () => {
    h = await startReadmeHarness();
    const big = 'x'.repeat(300 * 1024);
    await expectInvalidBeforeAnyRequest(h, () => run({ ...base, jobEnvironment: { BIG: big } }), 'jobEnvironment');
    await expectInvalidBeforeAnyRequest(h, () => run({ ...base, args: [big] }), 'args');
  });
});
