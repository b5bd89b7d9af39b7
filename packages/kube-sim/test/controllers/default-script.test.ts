import { describe, expect, it } from 'vitest';
import { interpretCommand } from '../../src/controllers/kubelet/default-script.js';
import type { ContainerScriptContext } from '../../src/controllers/kubelet/container-script.js';
import { ClusterStore } from '../../src/store/cluster-store.js';
import { startControllers } from '../../src/controllers/start-controllers.js';
import { nodeObjects } from '../../src/controllers/node-objects.js';
import { FakeClock } from './support/fake-clock.js';
import { jobBody } from './support/harness.js';
import type { KubeObject } from '../../src/store/types.js';

function ctx(command: string[], args: string[] = [], env: Record<string, string> = {}): ContainerScriptContext {
  return { namespace: 'default', podName: 'p', podUid: 'u', containerName: 'c', init: false, image: 'busybox', command, args, env, attempt: 0, labels: {}, annotations: {} };
}

describe('default scripted behaviour (no script given)', () => {
  it('interprets echo, sleep and exit in sh -c scripts and plain commands', () => {
    expect(interpretCommand(ctx(['sh', '-c', 'echo "hello $NAME"; sleep 2; echo done; exit 3'], [], { NAME: 'world' }), 1000)).toEqual({
      durationMs: 2000, exitCode: 3, log: 'hello world\n', finalLog: 'done\n',
    });
    expect(interpretCommand(ctx(['echo'], ['index', '${JOB_COMPLETION_INDEX}'], { JOB_COMPLETION_INDEX: '4' }), 1000)).toEqual({ durationMs: 0, exitCode: 0, log: 'index 4\n' });
    expect(interpretCommand(ctx(['/bin/sh', '-c', 'false && echo no || echo yes']), 1000)).toEqual({ durationMs: 0, exitCode: 0, log: 'yes\n' });
    expect(interpretCommand(ctx([]), 1000)).toEqual({ durationMs: 1000 });
    expect(interpretCommand(ctx(['sleep', '5']), 1000)).toEqual({ durationMs: 5000, exitCode: 0 });
  });

  it('drives an unmodified Job manifest end to end', async () => {
    const clock = new FakeClock();
    const store = new ClusterStore({ now: () => clock.now() });
    store.create('namespaces', undefined, { metadata: { name: 'default' } });
    for (const n of nodeObjects({}, clock.now())) store.create('nodes', undefined, n);
    const controllers = startControllers(store, { clock, recordEvents: false });
    const body = jobBody('echo', {
      template: { spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'busybox', command: ['sh', '-c', 'echo start; sleep 3; exit 1'] }] } },
      backoffLimit: 0,
    });
    store.create('jobs', 'default', body as unknown as KubeObject);
    clock.advanceUntil(() => ((store.get('jobs', 'default', 'echo')?.['status'] as { conditions?: { type: string }[] }).conditions ?? []).some((c) => c.type === 'Failed'));
    const pod = store.list('pods', 'default')[0]!;
    expect(controllers.logs.read('default', pod.metadata.name!, 'main')).toBe('start\n');
    expect((pod['status'] as { containerStatuses: { state: { terminated: { exitCode: number } } }[] }).containerStatuses[0]!.state.terminated.exitCode).toBe(1);
    await controllers.stop();
  });
});
