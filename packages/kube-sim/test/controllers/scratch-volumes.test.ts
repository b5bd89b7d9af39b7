import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inside, preparePodScratch, ScratchPathError } from '../../src/controllers/kubelet/scratch-volumes.js';
import type { PodView, VolumeView } from '../../src/controllers/kube-types.js';

let outer: string;
let root: string;
beforeEach(() => {
  outer = mkdtempSync(join(tmpdir(), 'kube-sim-scratch-test-'));
  root = join(outer, 'root');
});
afterEach(() => {
  rmSync(outer, { recursive: true, force: true });
});

const lookup = {
  configMap: (_ns: string, name: string) => (name === 'cm' ? { 'app.conf': 'x=1\n' } : undefined),
  secret: () => undefined,
};

function pod(volumes: VolumeView[], mounts: { name: string; mountPath: string; subPath?: string }[], workingDir?: string): PodView {
  return {
    metadata: { name: 'p', namespace: 'default', uid: 'u1' },
    spec: { restartPolicy: 'Never', volumes, containers: [{ name: 'main', image: 'busybox', volumeMounts: mounts, ...(workingDir ? { workingDir } : {}) }] },
  };
}

/** Every file and folder under `outer` except those inside `root`. */
function outsideRoot(): string[] {
  return readdirSync(outer, { recursive: true }).map(String).filter((p) => p !== 'root' && !p.startsWith(`root/`));
}

describe('process kubelet scratch folders: nothing is written outside the scratch root', () => {
  it('inside() keeps paths under the base and refuses escapes', () => {
    expect(inside('/base', '/etc/app')).toBe('/base/etc/app');
    expect(inside('/base', 'a/../b')).toBe('/base/b');
    expect(() => inside('/base', '../x')).toThrow(ScratchPathError);
    expect(() => inside('/base', '/../../x')).toThrow('path escapes the scratch folder: /../../x');
  });

  it('volumes and mounts are materialised under <root>/pods/<ns>_<pod>_<uid>/', () => {
    const result = preparePodScratch(root, pod([{ name: 'conf', configMap: { name: 'cm' } }, { name: 'tmp', emptyDir: {} }], [
      { name: 'conf', mountPath: '/etc/app' },
      { name: 'tmp', mountPath: '/scratch', subPath: 'sub' },
    ], '/work'), lookup);
    if (typeof result === 'string') throw new Error(result);
    expect(result.dir).toBe(join(root, 'pods', 'default_p_u1'));
    expect(readFileSync(join(result.rootfs, 'etc/app/app.conf'), 'utf8')).toBe('x=1\n');
    expect(readlinkSync(join(result.rootfs, 'scratch'))).toBe(join(result.dir, 'volumes/tmp/sub'));
    expect(existsSync(join(result.rootfs, 'work'))).toBe(true);
    expect(outsideRoot()).toEqual([]);
  });

  it.each([
    ['a ConfigMap item path', pod([{ name: 'conf', configMap: { name: 'cm', items: [{ key: 'app.conf', path: '../../../../escaped' }] } }], [])],
    ['a subPath', pod([{ name: 'tmp', emptyDir: {} }], [{ name: 'tmp', mountPath: '/data', subPath: '../../../../escaped' }])],
    ['a mountPath', pod([{ name: 'tmp', emptyDir: {} }], [{ name: 'tmp', mountPath: '/../../../../../escaped' }])],
    ['a workingDir', pod([], [], '/../../../../../escaped')],
  ])('%s that leaves the folder (only possible around the API validation) fails the mount and leaves nothing behind', (_what, spec) => {
    const result = preparePodScratch(root, spec, lookup);
    expect(result).toMatch(/^MountVolume\.SetUp failed: path escapes the scratch folder: /);
    expect(existsSync(join(root, 'pods', 'default_p_u1'))).toBe(false);
    expect(outsideRoot()).toEqual([]);
  });
});
