import type { KubeObject, KubeVolume, KubeVolumeMount } from '../kube-types.js';
import { invalidField, quote } from './invalid.js';
import { configMapKeyProblem, dns1123SubdomainProblem } from './kube-names.js';
import { quantityProblem } from './quantity.js';

/** The source prefixes of `stageInFiles` values, as the reference (drmaa2os) spells them. */
export const StagePrefix = {
  ConfigMapData: 'configmap-data:',
  SecretData: 'secret-data:',
  ConfigMap: 'configmap:',
  Secret: 'secret:',
  Pvc: 'pvc:',
  HostPath: 'hostpath:',
  Nfs: 'nfs:',
  StorageClass: 'storageclass:',
  GceDisk: 'gce-disk:',
  GceDiskReadOnly: 'gce-disk-read:',
} as const;

/** What `secret-data:` payloads are replaced by wherever the template is stored. */
export const REDACTED_SECRET = `${StagePrefix.SecretData}<redacted>`;

/** The default size of a PVC made for `storageclass:NAME`. */
export const DEFAULT_STAGED_PVC_SIZE = '1Gi';

const MAX_DATA_BYTES = 1048576;
const base64Pattern = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const volumeOnlyPrefixes = [StagePrefix.Pvc, StagePrefix.HostPath, StagePrefix.Nfs, StagePrefix.StorageClass, StagePrefix.GceDisk];

/** The pod-side and cluster-side parts of a template's staging. */
export interface StagingPlan {
  readonly volumes: KubeVolume[];
  readonly mounts: KubeVolumeMount[];
  /** ConfigMaps, Secrets and PVCs to create before the Job. */
  readonly objects: KubeObject[];
}

/** Names and labels for the objects staging creates. */
export interface StagingContext {
  readonly objectName: string;
  readonly namespace: string;
  readonly labels: Readonly<Record<string, string>>;
}

function checkTarget(field: string, target: string): string {
  if (!target.startsWith('/')) throw invalidField(field, 'the key (target path in the container) must be an absolute path');
  if (target.includes(':')) throw invalidField(field, "the key (target path) must not contain ':'");
  if (target.split('/').includes('..')) throw invalidField(field, "the key (target path) must not contain '..'");
  const trimmed = target.replace(/\/+$/, '');
  if (trimmed.length === 0) throw invalidField(field, 'the key (target path) must not be the root directory');
  return trimmed;
}

function fileNameOf(field: string, target: string): string {
  const name = target.slice(target.lastIndexOf('/') + 1);
  const problem = configMapKeyProblem(name);
  if (name.length === 0 || problem !== undefined) throw invalidField(field, `the file name of the target ${problem ?? 'must not be empty'}`);
  return name;
}

function checkPayload(field: string, payload: string): void {
  if (!base64Pattern.test(payload)) throw invalidField(field, 'the data must be standard base64 (with padding)');
  if ((payload.length / 4) * 3 > MAX_DATA_BYTES + 2) throw invalidField(field, 'the data must be at most 1 MiB (Kubernetes ConfigMap/Secret limit)');
}

function checkObjectName(field: string, name: string): string {
  const problem = dns1123SubdomainProblem(name);
  if (problem !== undefined) throw invalidField(field, `object name ${quote(name)} ${problem}`);
  return name;
}

function meta(context: StagingContext, name: string): KubeObject['metadata'] {
  return { name, namespace: context.namespace, labels: { ...context.labels } };
}

interface Entry {
  readonly field: string;
  readonly target: string;
  readonly source: string;
  readonly out: boolean;
}

function planEntry(entry: Entry, index: number, context: StagingContext, plan: StagingPlan): void {
  const { field, source } = entry;
  const target = checkTarget(field, entry.target);
  const volume = `stage-${index}`;
  const mount = (extra: Partial<KubeVolumeMount> = {}): void => {
    plan.mounts.push({ name: volume, mountPath: target, ...extra });
  };
  const prefix = Object.values(StagePrefix).find((candidate) => source.startsWith(candidate));
  if (prefix === undefined) {
    throw invalidField(field, `the source must start with one of ${Object.values(StagePrefix).join(' ')}`);
  }
  if (entry.out && !volumeOnlyPrefixes.includes(prefix as (typeof volumeOnlyPrefixes)[number])) {
    throw invalidField(field, `stage-out needs a writable volume: ${volumeOnlyPrefixes.join(' ')}`);
  }
  const rest = source.slice(prefix.length);
  const objectName = `${context.objectName}-stage-${index}`;
  switch (prefix) {
    case StagePrefix.ConfigMapData: {
      checkPayload(field, rest);
      const key = fileNameOf(field, target);
      plan.objects.push({ apiVersion: 'v1', kind: 'ConfigMap', metadata: meta(context, objectName), binaryData: { [key]: rest } });
      plan.volumes.push({ name: volume, configMap: { name: objectName } });
      mount({ subPath: key, readOnly: true });
      return;
    }
    case StagePrefix.SecretData: {
      checkPayload(field, rest);
      const key = fileNameOf(field, target);
      plan.objects.push({ apiVersion: 'v1', kind: 'Secret', metadata: meta(context, objectName), type: 'Opaque', data: { [key]: rest } });
      plan.volumes.push({ name: volume, secret: { secretName: objectName } });
      mount({ subPath: key, readOnly: true });
      return;
    }
    case StagePrefix.ConfigMap:
      plan.volumes.push({ name: volume, configMap: { name: checkObjectName(field, rest) } });
      mount({ readOnly: true });
      return;
    case StagePrefix.Secret:
      plan.volumes.push({ name: volume, secret: { secretName: checkObjectName(field, rest) } });
      mount({ readOnly: true });
      return;
    case StagePrefix.Pvc:
      plan.volumes.push({ name: volume, persistentVolumeClaim: { claimName: checkObjectName(field, rest) } });
      mount();
      return;
    case StagePrefix.HostPath:
      if (!rest.startsWith('/') || rest.split('/').includes('..')) throw invalidField(field, "hostpath: needs an absolute host path without '..'");
      plan.volumes.push({ name: volume, hostPath: { path: rest } });
      mount();
      return;
    case StagePrefix.Nfs: {
      const colon = rest.indexOf(':');
      const server = colon === -1 ? '' : rest.slice(0, colon);
      const path = colon === -1 ? '' : rest.slice(colon + 1);
      if (server.length === 0 || !path.startsWith('/')) throw invalidField(field, 'nfs: must have the form nfs:SERVER:/ABSOLUTE/PATH');
      plan.volumes.push({ name: volume, nfs: { server, path } });
      mount();
      return;
    }
    case StagePrefix.StorageClass: {
      const colon = rest.indexOf(':');
      const className = checkObjectName(field, colon === -1 ? rest : rest.slice(0, colon));
      const size = colon === -1 ? DEFAULT_STAGED_PVC_SIZE : rest.slice(colon + 1);
      const problem = quantityProblem(size);
      if (problem !== undefined) throw invalidField(field, `storageclass size ${quote(size)} ${problem}`);
      plan.objects.push({
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        metadata: meta(context, objectName),
        spec: { storageClassName: className, accessModes: ['ReadWriteOnce'], resources: { requests: { storage: size } } },
      });
      plan.volumes.push({ name: volume, persistentVolumeClaim: { claimName: objectName } });
      mount();
      return;
    }
    case StagePrefix.GceDisk:
    case StagePrefix.GceDiskReadOnly: {
      const readOnly = prefix === StagePrefix.GceDiskReadOnly;
      plan.volumes.push({ name: volume, gcePersistentDisk: { pdName: checkObjectName(field, rest), readOnly } });
      mount(readOnly ? { readOnly } : {});
      return;
    }
  }
}

/**
 * Plans `stageInFiles` and `stageOutFiles`. Keys are target paths in the container (absolute),
 * values are sources with a reference prefix: `configmap-data:B64` and `secret-data:B64` (a new
 * ConfigMap/Secret holding the decoded bytes, mounted as the one file at the key), `configmap:NAME`
 * and `secret:NAME` (existing objects mounted read-only as a directory), `pvc:NAME` (existing
 * claim), `hostpath:/DIR`, `nfs:SERVER:/PATH`, `storageclass:CLASS[:SIZE]` (a new claim, default
 * 1Gi, ReadWriteOnce), `gce-disk:NAME`, `gce-disk-read:NAME`. `stageOutFiles` accepts only the
 * writable volume kinds: output is written there and stays after the job.
 *
 * @throws Drmaa2Error `INVALID_ARGUMENT` naming `JobTemplate.stageInFiles["key"]` (never quoting a
 *   payload) for a bad target, unknown prefix, bad base64, oversized data or invalid object name,
 *   and for the same target in both maps.
 */
export function planStaging(
  stageIn: Readonly<Record<string, string>> | undefined,
  stageOut: Readonly<Record<string, string>> | undefined,
  context: StagingContext,
): StagingPlan {
  const entries: Entry[] = [
    ...Object.entries(stageIn ?? {}).map(([target, source]) => ({ field: `stageInFiles[${quote(target)}]`, target, source, out: false })),
    ...Object.entries(stageOut ?? {}).map(([target, source]) => ({ field: `stageOutFiles[${quote(target)}]`, target, source, out: true })),
  ];
  const plan: StagingPlan = { volumes: [], mounts: [], objects: [] };
  const seen = new Set<string>();
  entries.forEach((entry, index) => {
    planEntry(entry, index, context, plan);
    const mountPath = plan.mounts.at(-1)?.mountPath ?? '';
    if (seen.has(mountPath)) throw invalidField(entry.field, `target ${quote(mountPath)} is staged twice`);
    seen.add(mountPath);
  });
  return plan;
}

/** A copy of stage-in files with every `secret-data:` payload replaced by {@link REDACTED_SECRET}. */
export function redactStageIn(files: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(files).map(([target, source]) => [target, source.startsWith(StagePrefix.SecretData) ? REDACTED_SECRET : source]),
  );
}
