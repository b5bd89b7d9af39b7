import { mkdtempSync, readdirSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LiveCluster } from './support/live.js';

const NODE = process.execPath;
let scratch: string;
let c: LiveCluster;

beforeEach(() => {
  scratch = mkdtempSync(join(tmpdir(), 'kube-sim-test-'));
});
afterEach(async () => {
  await c.stop();
  expect(c.errors).toEqual([]);
  // every scratch folder is removed on stop
  expect(readdirSync(scratch)).toEqual([]);
  rmSync(scratch, { recursive: true, force: true });
});

const main = (command: string[], extra: Record<string, unknown> = {}) => ({ containers: [{ name: 'main', image: 'node:20', command, ...extra }] });

describe('process kubelet', () => {
  it('runs command+args without a shell: real exit code, stdout and stderr as the log', async () => {
    c = new LiveCluster(scratch);
    c.createPod('exit3', main([NODE, '-e', 'console.log("out"); console.error("err"); process.exit(3)']));
    await c.waitFor(() => c.phase('exit3') === 'Failed');
    expect(c.terminated('exit3')).toMatchObject({ exitCode: 3, reason: 'Error' });
    expect(c.log('exit3')).toMatch(/^(out\nerr\n|err\nout\n)$/);
    c.createPod('ok', main([NODE], { args: ['-e', 'console.log("a b")'] }));
    await c.waitFor(() => c.phase('ok') === 'Succeeded');
    expect(c.terminated('ok')).toMatchObject({ exitCode: 0, reason: 'Completed' });
    expect(c.log('ok')).toBe('a b\n');
  });

  it('reports a signal death as 128+N with the signal ($$ escapes $ as in Kubernetes)', async () => {
    c = new LiveCluster(scratch);
    c.createPod('sig', main(['sh', '-c', 'kill -9 $$$$']));
    await c.waitFor(() => c.phase('sig') === 'Failed');
    expect(c.terminated('sig')).toMatchObject({ exitCode: 137, signal: 9, reason: 'Error' });
  });

  it('builds the environment: value, $(VAR), fieldRef, configMapKeyRef, secretKeyRef, envFrom', async () => {
    c = new LiveCluster(scratch);
    c.store.create('configmaps', 'default', { metadata: { name: 'cfg' }, data: { color: 'blue', size: 'L' } });
    c.store.create('secrets', 'default', { metadata: { name: 'sec' }, data: { token: Buffer.from('s3cret').toString('base64') } });
    const script = 'for (const k of ["GREETING","COLOR","TOKEN","POD","APP","CFG_size","ONLY_PATH"]) console.log(k + "=" + (process.env[k] ?? "<unset>"))';
    c.createPod('env', main([NODE, '-e', script], {
      env: [
        { name: 'NAME', value: 'world' },
        { name: 'GREETING', value: 'hello $(NAME) $$(NAME)' },
        { name: 'COLOR', valueFrom: { configMapKeyRef: { name: 'cfg', key: 'color' } } },
        { name: 'TOKEN', valueFrom: { secretKeyRef: { name: 'sec', key: 'token' } } },
        { name: 'POD', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
        { name: 'APP', valueFrom: { fieldRef: { fieldPath: "metadata.labels['app']" } } },
      ],
      envFrom: [{ prefix: 'CFG_', configMapRef: { name: 'cfg' } }],
    }));
    await c.waitFor(() => c.phase('env') === 'Succeeded');
    expect(c.log('env')).toBe('GREETING=hello world $(NAME)\nCOLOR=blue\nTOKEN=s3cret\nPOD=env\nAPP=demo\nCFG_size=L\nONLY_PATH=<unset>\n');
  });

  it('materialises ConfigMap, Secret and emptyDir volumes under the pod scratch folder; workingDir is mapped too', async () => {
    c = new LiveCluster(scratch);
    c.store.create('configmaps', 'default', { metadata: { name: 'files' }, data: { 'app.conf': 'x=1\n' } });
    c.store.create('secrets', 'default', { metadata: { name: 'keys' }, data: { 'id.key': Buffer.from('KEY').toString('base64') } });
    const script = [
      'const fs = require("fs"); const r = process.env.KUBE_SIM_ROOT;',
      'console.log(fs.readFileSync(r + "/etc/app/app.conf", "utf8").trim());',
      'console.log(fs.readFileSync(r + "/etc/keys/id.key", "utf8"));',
      'fs.writeFileSync(r + "/scratch/out.txt", "written");',
      'console.log(fs.readFileSync("../scratch/out.txt", "utf8"));',
      'console.log(process.cwd() === r + "/work" || process.cwd().endsWith("/rootfs/work"));',
      'console.log(r.startsWith(process.argv[1]));',
    ].join('\n');
    c.createPod('vol', {
      volumes: [
        { name: 'conf', configMap: { name: 'files' } },
        { name: 'keys', secret: { secretName: 'keys' } },
        { name: 'tmp', emptyDir: {} },
      ],
      containers: [{
        name: 'main', image: 'node:20', command: [NODE, '-e', script, scratch], workingDir: '/work',
        volumeMounts: [{ name: 'conf', mountPath: '/etc/app' }, { name: 'keys', mountPath: '/etc/keys' }, { name: 'tmp', mountPath: '/scratch' }],
      }],
    });
    await c.waitFor(() => c.phase('vol') !== undefined && ['Succeeded', 'Failed'].includes(c.phase('vol')!));
    expect(c.log('vol')).toBe('x=1\nKEY\nwritten\ntrue\ntrue\n');
    expect(c.phase('vol')).toBe('Succeeded');
    // the pod's folder is removed once the pod ended
    const root = readdirSync(scratch)[0]!;
    expect(readdirSync(join(scratch, root, 'pods'))).toEqual([]);
  });

  it('expands $(KUBE_SIM_ROOT) in args', async () => {
    c = new LiveCluster(scratch);
    c.createPod('expand', main(['sh', '-c', 'test -d "$1" && echo yes'], { args: ['sh', '$(KUBE_SIM_ROOT)'] }));
    await c.waitFor(() => c.phase('expand') === 'Succeeded');
    expect(c.log('expand')).toBe('yes\n');
  });

  it('deletion sends SIGTERM to the process group: exit 143, Failed, then the pod is removed', async () => {
    c = new LiveCluster(scratch);
    c.createPod('term', main(['sh', '-c', 'echo started; sleep 60']));
    await c.waitFor(() => (c.log('term') ?? '').includes('started'));
    const states: string[] = [];
    c.store.subscribe((e) => {
      const status = e.object['status'] as { phase?: string; containerStatuses?: { state: { terminated?: { exitCode: number; signal?: number } } }[] } | undefined;
      const t = status?.containerStatuses?.[0]?.state.terminated;
      states.push(`${e.type}:${status?.phase}:${t ? `${t.exitCode}/${t.signal}` : '-'}:${e.object.metadata.deletionTimestamp ? 'del' : '-'}`);
    });
    c.store.delete('pods', 'default', 'term');
    await c.waitFor(() => c.pod('term') === undefined);
    expect(states).toEqual(['MODIFIED:Running:-:del', 'MODIFIED:Failed:143/15:del', 'DELETED:Failed:143/15:del']);
  });

  it('a handler may exit 0 on SIGTERM; a process ignoring it is SIGKILLed after the grace period', async () => {
    c = new LiveCluster(scratch, { secondMs: 100 });
    const handled = 'process.on("SIGTERM", () => { console.log("bye"); process.exit(0); }); console.log("up"); setInterval(() => {}, 1000)';
    const ignored = 'process.on("SIGTERM", () => console.log("ignored")); console.log("up"); setInterval(() => {}, 1000)';
    c.createPod('graceful', main([NODE, '-e', handled]));
    c.createPod('stubborn', { terminationGracePeriodSeconds: 3, ...main([NODE, '-e', ignored]) });
    await c.waitFor(() => c.log('graceful') === 'up\n' && c.log('stubborn') === 'up\n');
    const seen = new Map<string, unknown>();
    c.store.subscribe((e) => {
      const status = e.object['status'] as { phase?: string; containerStatuses?: { state: { terminated?: unknown } }[] } | undefined;
      if (status?.phase === 'Succeeded' || status?.phase === 'Failed') seen.set(`${e.object.metadata.name}`, { phase: status.phase, t: status.containerStatuses?.[0]?.state.terminated });
    });
    c.store.delete('pods', 'default', 'graceful');
    c.store.delete('pods', 'default', 'stubborn');
    await c.waitFor(() => seen.has('graceful') && seen.has('stubborn'));
    expect(seen.get('graceful')).toMatchObject({ phase: 'Succeeded', t: { exitCode: 0, reason: 'Completed' } });
    expect(seen.get('stubborn')).toMatchObject({ phase: 'Failed', t: { exitCode: 137, signal: 9 } });
  });

  it('a missing executable gives StartError', async () => {
    c = new LiveCluster(scratch);
    c.createPod('nope', main(['/definitely/not/here']));
    await c.waitFor(() => c.phase('nope') === 'Failed');
    expect(c.terminated('nope')).toMatchObject({ exitCode: 128, reason: 'StartError' });
    expect(existsSync(scratch)).toBe(true);
  });
});
