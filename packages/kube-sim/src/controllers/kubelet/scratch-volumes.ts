/**
 * Per-pod scratch folders of the `process` kubelet, all inside one root under the OS temp dir:
 * `<root>/pods/<ns>_<pod>_<uid>/` holds `volumes/<volume>/` (emptyDir; ConfigMap and Secret keys
 * as files) and `rootfs/`, the container's filesystem root, where every `volumeMount.mountPath` is a
 * symlink to its volume folder (or `subPath` in it). PersistentVolumeClaims map to
 * `<root>/claims/<ns>/<claim>/`, shared by pods. Nothing is ever written outside the root: paths are
 * resolved and checked to stay inside it.
 */
import { mkdirSync, rmSync, symlinkSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import type { PodView, VolumeView } from '../kube-types.js';
import type { ConfigLookup } from './container-env.js';

/** Thrown when a path would leave the scratch root. */
export class ScratchPathError extends Error {
  override readonly name = 'ScratchPathError';
}

/** Joins `parts` under `base`, refusing results outside `base`. */
export function inside(base: string, ...parts: string[]): string {
  const target = resolve(base, ...parts.map((p) => p.replace(/^\/+/, '')));
  if (target !== base && !target.startsWith(base + sep)) throw new ScratchPathError(`path escapes the scratch folder: ${parts.join('/')}`);
  return target;
}

/** The folders of one prepared pod. */
export interface PodScratch {
  dir: string;
  rootfs: string;
}

function writeItems(dir: string, data: Record<string, string>, items: { key: string; path: string }[] | undefined): string | undefined {
  const entries = items ? items.map((i) => [i.path, data[i.key]] as const) : Object.entries(data);
  for (const [path, value] of entries) {
    if (value === undefined) return `key not found`;
    const file = inside(dir, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, value);
  }
  return undefined;
}

function fillVolume(root: string, dir: string, volume: VolumeView, ns: string, lookup: ConfigLookup): string | undefined {
  if (volume.configMap) {
    const data = lookup.configMap(ns, volume.configMap.name);
    if (!data) return volume.configMap.optional ? undefined : `MountVolume.SetUp failed for volume "${volume.name}" : configmap "${volume.configMap.name}" not found`;
    return writeItems(dir, data, volume.configMap.items) && `MountVolume.SetUp failed for volume "${volume.name}" : configmap references non-existent config key`;
  }
  if (volume.secret) {
    const data = lookup.secret(ns, volume.secret.secretName);
    if (!data) return volume.secret.optional ? undefined : `MountVolume.SetUp failed for volume "${volume.name}" : secret "${volume.secret.secretName}" not found`;
    return writeItems(dir, data, volume.secret.items) && `MountVolume.SetUp failed for volume "${volume.name}" : references non-existent secret key`;
  }
  if (volume.persistentVolumeClaim) {
    const claimDir = inside(root, 'claims', ns, volume.persistentVolumeClaim.claimName);
    mkdirSync(claimDir, { recursive: true });
    rmSync(dir, { recursive: true, force: true });
    symlinkSync(claimDir, dir);
  }
  return undefined;
}

/**
 * Creates the pod's scratch folder, its volumes and rootfs mount links. Returns the folders, or a
 * FailedMount message when a ConfigMap/Secret volume source is missing or a path would leave the
 * scratch folder (the API rejects such paths; this is the kubelet's own second check). On failure
 * nothing of the pod's folder is left behind.
 */
export function preparePodScratch(root: string, pod: PodView, lookup: ConfigLookup): PodScratch | string {
  const ns = pod.metadata.namespace ?? 'default';
  const dir = inside(root, 'pods', `${ns}_${pod.metadata.name ?? ''}_${pod.metadata.uid ?? ''}`);
  try {
    return fillPodScratch(root, dir, pod, ns, lookup);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    if (error instanceof ScratchPathError) return `MountVolume.SetUp failed: ${error.message}`;
    throw error;
  }
}

function fillPodScratch(root: string, dir: string, pod: PodView, ns: string, lookup: ConfigLookup): PodScratch | string {
  const rootfs = join(dir, 'rootfs');
  mkdirSync(rootfs, { recursive: true });
  const volumeDirs = new Map<string, string>();
  for (const volume of pod.spec.volumes ?? []) {
    const vdir = inside(dir, 'volumes', volume.name);
    mkdirSync(vdir, { recursive: true });
    const error = fillVolume(root, vdir, volume, ns, lookup);
    if (error) {
      rmSync(dir, { recursive: true, force: true });
      return error;
    }
    volumeDirs.set(volume.name, vdir);
  }
  for (const c of [...(pod.spec.initContainers ?? []), ...pod.spec.containers]) {
    for (const mount of c.volumeMounts ?? []) {
      const source = volumeDirs.get(mount.name);
      if (!source) continue;
      const link = inside(rootfs, mount.mountPath);
      if (existsSync(link)) continue;
      const target = mount.subPath ? inside(source, mount.subPath) : source;
      mkdirSync(target, { recursive: true });
      mkdirSync(dirname(link), { recursive: true });
      symlinkSync(target, link);
    }
    if (c.workingDir) mkdirSync(inside(rootfs, c.workingDir), { recursive: true });
  }
  return { dir, rootfs };
}
