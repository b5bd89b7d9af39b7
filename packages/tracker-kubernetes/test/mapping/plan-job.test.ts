import { isDrmaa2Error } from '@drmaa2/core';
import { describe, expect, test } from 'vitest';
import { AnnotationKey, LabelKey, RERUNNABLE_RETRIES, deadlineSecondsFrom, planJob } from '../../src/mapping/index.js';
import { SUBMITTED_AT, container, expectRejected, input, options, plan, podSpec } from './fixtures.js';

describe('planJob: command, image, environment', () => {
  test('remoteCommand, args, jobCategory, workingDirectory and jobEnvironment map onto the job container', () => {
    const result = plan({ remoteCommand: '/bin/sh', args: ['-c', 'echo hi'], workingDirectory: '/data', jobEnvironment: { A: '1', B: 'two' } });
    expect(container(result)).toMatchObject({
      name: 'job',
      image: 'busybox:1.36',
      command: ['/bin/sh'],
      args: ['-c', 'echo hi'],
      workingDir: '/data',
      env: [{ name: 'A', value: '1' }, { name: 'B', value: 'two' }],
    });
    expect(podSpec(result).restartPolicy).toBe('Never');
  });

  test('$ is escaped so Kubernetes does not expand $(VAR) in command, args and env values', () => {
    const result = plan({ remoteCommand: '/bin/$x', args: ['$(HOME)', '$$', 'a$b'], jobEnvironment: { V: '$(PATH)' } });
    expect(container(result).command).toEqual(['/bin/$$x']);
    expect(container(result).args).toEqual(['$$(HOME)', '$$$$', 'a$$b']);
    expect(container(result).env).toEqual([{ name: 'V', value: '$$(PATH)' }]);
  });

  test('jobCategory is required unless a default image is configured', () => {
    expectRejected({ jobCategory: undefined }, 'jobCategory');
    const result = planJob(input({ jobCategory: undefined }), { ...options, defaultImage: 'alpine:3' });
    expect(result.job.spec?.template?.spec?.containers[0]?.image).toBe('alpine:3');
    expectRejected({ jobCategory: 'bad image' }, 'jobCategory');
  });

  test('bad environment names, relative or placeholder working directories and inputPath are rejected by name', () => {
    expectRejected({ jobEnvironment: { '1BAD': 'x' } }, 'jobEnvironment["1BAD"]');
    expectRejected({ workingDirectory: 'relative' }, 'workingDirectory');
    expectRejected({ workingDirectory: '$DRMAA2_HOME_DIR$/x' }, 'workingDirectory');
    expectRejected({ inputPath: '/in' }, 'inputPath');
  });
});

describe('planJob: single job shape, retries, holds and times', () => {
  test('a single job is one pod, never restarted, not retried', () => {
    const spec = plan({}).job.spec;
    expect(spec).toMatchObject({ completions: 1, parallelism: 1, backoffLimit: 0 });
    expect(spec?.completionMode).toBeUndefined();
    expect(spec?.suspend).toBeUndefined();
  });

  test(`rerunnable gives ${RERUNNABLE_RETRIES} retries`, () => {
    expect(plan({ rerunnable: true }).job.spec?.backoffLimit).toBe(RERUNNABLE_RETRIES);
  });

  test('submitAsHold suspends with the hold annotation', () => {
    const job = plan({ submitAsHold: true }).job;
    expect(job.spec?.suspend).toBe(true);
    expect(job.metadata?.annotations?.[AnnotationKey.Hold]).toBe('user');
  });

  test('a future startTime suspends with the start-time annotation; a past one does not', () => {
    const later = new Date(SUBMITTED_AT.getTime() + 3600_000);
    const job = plan({ startTime: later }).job;
    expect(job.spec?.suspend).toBe(true);
    expect(job.metadata?.annotations?.[AnnotationKey.StartTime]).toBe(later.toISOString());
    const past = plan({ startTime: new Date(SUBMITTED_AT.getTime() - 1000) }).job;
    expect(past.spec?.suspend).toBeUndefined();
  });

  test('deadlineTime becomes activeDeadlineSeconds from submission (or startTime) and an annotation', () => {
    const deadline = new Date(SUBMITTED_AT.getTime() + 600_000);
    const job = plan({ deadlineTime: deadline }).job;
    expect(job.spec?.activeDeadlineSeconds).toBe(600);
    expect(job.metadata?.annotations?.[AnnotationKey.DeadlineTime]).toBe(deadline.toISOString());
    const delayed = plan({ deadlineTime: deadline, startTime: new Date(SUBMITTED_AT.getTime() + 100_000) }).job;
    expect(delayed.spec?.activeDeadlineSeconds).toBe(500);
    expectRejected({ deadlineTime: new Date(SUBMITTED_AT.getTime() - 1) }, 'deadlineTime');
  });

  test('deadlineSecondsFrom recomputes the deadline for a release or resume, never below 1', () => {
    const template = { deadlineTime: new Date(SUBMITTED_AT.getTime() + 600_000), resourceLimits: { WALLCLOCK_TIME: 1000 } };
    expect(deadlineSecondsFrom(template, new Date(SUBMITTED_AT.getTime() + 500_000))).toBe(100);
    expect(deadlineSecondsFrom(template, new Date(SUBMITTED_AT.getTime() + 900_000))).toBe(1);
    expect(deadlineSecondsFrom({}, SUBMITTED_AT)).toBeUndefined();
  });

  test('WALLCLOCK_TIME becomes activeDeadlineSeconds; the smaller of it and the deadline wins', () => {
    expect(plan({ resourceLimits: { WALLCLOCK_TIME: 90.5 } }).job.spec?.activeDeadlineSeconds).toBe(91);
    const both = plan({ resourceLimits: { WALLCLOCK_TIME: 30 }, deadlineTime: new Date(SUBMITTED_AT.getTime() + 600_000) });
    expect(both.job.spec?.activeDeadlineSeconds).toBe(30);
    const deadlineWins = plan({ resourceLimits: { WALLCLOCK_TIME: 3000 }, deadlineTime: new Date(SUBMITTED_AT.getTime() + 600_000) });
    expect(deadlineWins.job.spec?.activeDeadlineSeconds).toBe(600);
  });
});

describe('planJob: resources and placement', () => {
  test('minSlots, maxSlots, minPhysMemory and VIRTUAL_MEMORY become requests and limits', () => {
    const result = plan({ minSlots: 2, maxSlots: 4, minPhysMemory: 1048576, resourceLimits: { VIRTUAL_MEMORY: 2097152 } });
    expect(container(result).resources).toEqual({ requests: { cpu: '2', memory: '1048576Ki' }, limits: { cpu: '4', memory: '2097152Ki' } });
    expect(container(plan({ maxSlots: 3 })).resources).toEqual({ requests: { cpu: '1' }, limits: { cpu: '3' } });
    expect(container(plan({})).resources).toBeUndefined();
  });

  test('CPU_TIME starts the command behind a /bin/sh launcher that sets ulimit -t (soft, rounded up; hard one second later); with TASK_ID for arrays', () => {
    expect(container(plan({ remoteCommand: 'crunch', args: ['$(X)', 'a b'], resourceLimits: { CPU_TIME: 41.2 } }))).toMatchObject({
      command: ['/bin/sh', '-c', 'ulimit -S -t 42 && ulimit -H -t 43 || exit 126; exec "$$0" "$$@"', 'crunch', '$$(X)', 'a b'],
    });
    expect(container(plan({ remoteCommand: 'crunch', args: ['a'], resourceLimits: { CPU_TIME: 0 } })).args).toBeUndefined();
    expect(container(plan({ remoteCommand: 'crunch', resourceLimits: { CPU_TIME: 0 } })).command?.[2]).toBe('ulimit -S -t 1 && ulimit -H -t 2 || exit 126; exec "$$0" "$$@"');
    const array = { begin: 1, end: 3, step: 1 };
    expect(container(plan({ remoteCommand: 'crunch', resourceLimits: { CPU_TIME: 5 } }, { array })).command).toEqual([
      '/bin/sh',
      '-c',
      'ulimit -S -t 5 && ulimit -H -t 6 || exit 126; export TASK_ID=$$((DRMAA2_INDEX_BEGIN + JOB_COMPLETION_INDEX * DRMAA2_INDEX_STEP)); exec "$$0" "$$@"',
      'crunch',
    ]);
    expectRejected({ resourceLimits: { CPU_TIME: 5 }, extensions: { 'task-id': 'none' } }, 'resourceLimits.CPU_TIME', 'INVALID_ARGUMENT', { array });
  });

  test('limits Kubernetes cannot enforce, and memory limits below the request, are rejected by name', () => {
    for (const key of ['CORE_FILE_SIZE', 'DATA_SIZE', 'FILE_SIZE', 'OPEN_FILES', 'STACK_SIZE'] as const) {
      expectRejected({ resourceLimits: { [key]: 10 } }, `resourceLimits.${key}`);
    }
    expectRejected({ minPhysMemory: 2048, resourceLimits: { VIRTUAL_MEMORY: 1024 } }, 'resourceLimits.VIRTUAL_MEMORY');
    expectRejected({ resourceLimits: { VIRTUAL_MEMORY: 0 } }, 'resourceLimits.VIRTUAL_MEMORY');
  });

  test('candidateMachines become a required node affinity on the host name', () => {
    const spec = podSpec(plan({ candidateMachines: ['node-a', 'node-b', 'node-a'] }));
    expect(spec.affinity).toEqual({
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: ['node-a', 'node-b'] }] }],
        },
      },
    });
    expect(podSpec(plan({ candidateMachines: [] })).affinity).toBeUndefined();
    expectRejected({ candidateMachines: ['ok', 'not a host'] }, 'candidateMachines[1]');
  });

  test('machineOS and machineArch become node selectors; values without a Kubernetes name are rejected', () => {
    const pairs = [['LINUX', 'X64', 'linux', 'amd64'], ['WIN', 'ARM64', 'windows', 'arm64'], ['LINUX', 'PPC64LE', 'linux', 'ppc64le']] as const;
    for (const [os, arch, kos, karch] of pairs) {
      expect(podSpec(plan({ machineOS: os, machineArch: arch })).nodeSelector).toEqual({ 'kubernetes.io/os': kos, 'kubernetes.io/arch': karch });
    }
    expectRejected({ machineOS: 'MACOS' }, 'machineOS');
    expectRejected({ machineArch: 'SPARC' }, 'machineArch');
  });

  test('a node selector contradicting machineOS is rejected naming the extension', () => {
    expectRejected({ machineOS: 'LINUX', extensions: { 'node-selectors': 'kubernetes.io/os=windows' } }, 'extensions.node-selectors');
  });
});

describe('planJob: queues, priority, accounting, names', () => {
  test('queueName is the namespace, or a Kueue LocalQueue label when Kueue is enabled', () => {
    const result = plan({ queueName: 'team-a' });
    expect(result.namespace).toBe('team-a');
    expect(result.job.metadata?.namespace).toBe('team-a');
    expect(result.job.metadata?.annotations?.[AnnotationKey.QueueName]).toBe('team-a');
    const kueue = plan({ queueName: 'lq-gpu' }, {}, { ...options, kueue: { enabled: true } });
    expect(kueue.namespace).toBe('batch');
    expect(kueue.job.metadata?.labels?.[LabelKey.KueueQueue]).toBe('lq-gpu');
    const heldKueue = plan({ queueName: 'lq-gpu', submitAsHold: true }, {}, { ...options, kueue: { enabled: true } });
    expect(heldKueue.job.metadata?.labels?.[LabelKey.KueueQueue]).toBeUndefined();
    expect(heldKueue.job.metadata?.annotations?.[AnnotationKey.QueueName]).toBe('lq-gpu');
    expectRejected({ queueName: 'Not_A_Namespace' }, 'queueName');
    expectRejected({ queueName: 'a', extensions: { namespace: 'b' } }, 'extensions.namespace');
    expect(plan({ extensions: { namespace: 'ns1' } }).namespace).toBe('ns1');
    expect(plan({}).namespace).toBe('batch');
  });

  test('priority maps through the configured PriorityClasses', () => {
    expect(podSpec(plan({ priority: 10 })).priorityClassName).toBe('high');
    expectRejected({ priority: 5 }, 'priority');
    expectRejected({ priority: 0 }, 'priority', 'INVALID_ARGUMENT', {}, { defaultNamespace: 'x' });
    expectRejected({ priority: 1 }, 'priority', 'INVALID_ARGUMENT', {}, { defaultNamespace: 'x', priorityClasses: { '1': 'Not Valid' } });
    expect(() => planJob(input({}), { defaultNamespace: 'Bad NS' })).toThrow(/defaultNamespace/);
  });

  test('accountingId is an annotation, and a label when it is a valid label value', () => {
    const job = plan({ accountingId: 'proj-7' }).job;
    expect(job.metadata?.labels?.[LabelKey.AccountingId]).toBe('proj-7');
    expect(job.metadata?.annotations?.[AnnotationKey.AccountingId]).toBe('proj-7');
    const spaced = plan({ accountingId: 'project seven / cost centre' }).job;
    expect(spaced.metadata?.labels?.[LabelKey.AccountingId]).toBeUndefined();
    expect(spaced.metadata?.annotations?.[AnnotationKey.AccountingId]).toBe('project seven / cost centre');
  });

  test('the object name is the given one; jobName, owner, machine and submission id are annotations', () => {
    const job = plan({ jobName: 'My Job: ünïcode / any string' }).job;
    expect(job.metadata?.name).toBe('drmaa2-abc123');
    expect(job.metadata?.annotations).toMatchObject({
      [AnnotationKey.JobName]: 'My Job: ünïcode / any string',
      [AnnotationKey.JobOwner]: 'alice',
      [AnnotationKey.SubmissionMachine]: 'laptop',
      [AnnotationKey.SubmissionId]: 'sub-1',
    });
    expect(job.metadata?.labels).toMatchObject({ 'app.kubernetes.io/managed-by': 'drmaa2', 'drmaa2.io/session': 'nightly' });
    expect(job.spec?.template?.metadata?.labels).toMatchObject({ 'app.kubernetes.io/managed-by': 'drmaa2', 'drmaa2.io/session': 'nightly' });
  });

  test('invalid object names and sessions are refused', () => {
    expect(() => planJob(input({}, { objectName: 'Bad_Name' }), options)).toThrow(/objectName/);
    expect(() => planJob(input({}, { sessionName: 'bad session' }), options)).toThrow(/sessionName/);
  });

  test('outputPath, errorPath and joinFiles are kept in the template annotation', () => {
    const job = plan({ outputPath: '/tmp/out', errorPath: '/tmp/err', joinFiles: true }).job;
    const stored = JSON.parse(job.metadata?.annotations?.[AnnotationKey.Template] ?? '{}') as Record<string, unknown>;
    expect(stored).toMatchObject({ outputPath: '/tmp/out', errorPath: '/tmp/err', joinFiles: true });
  });

  test('annotations over 256 KiB are rejected naming the biggest attribute', () => {
    expectRejected({ args: ['x'.repeat(300_000)] }, 'args');
  });
});

describe('planJob: arrays', () => {
  test('an array is one Indexed Job with per-index backoff and the index variables', () => {
    const result = plan({ outputPath: '/out/$DRMAA2_INDEX$.txt' }, { array: { begin: 3, end: 11, step: 2, maxParallel: 2 } });
    expect(result.job.spec).toMatchObject({ completionMode: 'Indexed', completions: 5, parallelism: 2, backoffLimitPerIndex: 0 });
    expect(result.job.spec?.backoffLimit).toBeUndefined();
    expect(result.job.spec?.maxFailedIndexes).toBeUndefined();
    expect(result.job.metadata?.annotations?.[AnnotationKey.Array]).toBe('3,11,2');
    expect(container(result).env).toEqual([
      { name: 'JOB_COMPLETION_INDEX', valueFrom: { fieldRef: { fieldPath: "metadata.annotations['batch.kubernetes.io/job-completion-index']" } } },
      { name: 'DRMAA2_INDEX_BEGIN', value: '3' },
      { name: 'DRMAA2_INDEX_STEP', value: '2' },
      { name: 'DRMAA2_INDEX_END', value: '11' },
    ]);
  });

  test('array members start behind the /bin/sh launcher that sets TASK_ID; the command line follows unchanged', () => {
    const array = { begin: 3, end: 11, step: 2 };
    const launched = plan({ remoteCommand: 'process', args: ['$(HOME)', 'a b'] }, { array });
    expect(container(launched).command).toEqual([
      '/bin/sh',
      '-c',
      'export TASK_ID=$$((DRMAA2_INDEX_BEGIN + JOB_COMPLETION_INDEX * DRMAA2_INDEX_STEP)); exec "$$0" "$$@"',
      'process',
      '$$(HOME)',
      'a b',
    ]);
    expect(container(launched).args).toBeUndefined();
    expectRejected({ jobEnvironment: { TASK_ID: '1' } }, 'jobEnvironment["TASK_ID"]', 'INVALID_ARGUMENT', { array });
    const direct = plan({ remoteCommand: 'process', args: ['x'], extensions: { 'task-id': 'None' } }, { array });
    expect(container(direct)).toMatchObject({ command: ['process'], args: ['x'] });
    expect(container(plan({ remoteCommand: 'process', jobEnvironment: { TASK_ID: '1' }, extensions: { 'task-id': 'none' } }, { array })).env).toContainEqual({ name: 'TASK_ID', value: '1' });
    expectRejected({ extensions: { 'task-id': 'bash' } }, 'extensions.task-id', 'INVALID_ARGUMENT', { array });
    expect(container(plan({ remoteCommand: 'single', extensions: { 'task-id': 'shell' } })).command).toEqual(['single']);
  });

  test('parallelism defaults to all members and is capped by the member count; rerunnable retries per index', () => {
    expect(plan({}, { array: { begin: 1, end: 4, step: 1 } }).job.spec?.parallelism).toBe(4);
    expect(plan({}, { array: { begin: 1, end: 4, step: 1, maxParallel: 10 } }).job.spec?.parallelism).toBe(4);
    expect(plan({ rerunnable: true }, { array: { begin: 1, end: 2, step: 1 } }).job.spec?.backoffLimitPerIndex).toBe(RERUNNABLE_RETRIES);
  });

  test('array variables cannot be overridden, a per-member working directory is refused, and huge arrays are refused', () => {
    const array = { begin: 1, end: 3, step: 1 };
    expectRejected({ jobEnvironment: { DRMAA2_INDEX_BEGIN: '0' } }, 'jobEnvironment["DRMAA2_INDEX_BEGIN"]', 'INVALID_ARGUMENT', { array });
    expectRejected({ workingDirectory: '/w/$DRMAA2_INDEX$' }, 'workingDirectory', 'INVALID_ARGUMENT', { array });
    let caught: unknown;
    try {
      planJob(input({}, { array: { begin: 1, end: 200_000, step: 1 } }), options);
    } catch (error) {
      caught = error;
    }
    expect(isDrmaa2Error(caught, 'INVALID_ARGUMENT')).toBe(true);
    expect(() => planJob(input({}, { objectName: 'x'.repeat(62), array: { begin: 1, end: 20, step: 1 } }), options)).toThrow(/objectName/);
  });
});
