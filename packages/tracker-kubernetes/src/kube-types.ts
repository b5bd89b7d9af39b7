/**
 * Small typed views of the Kubernetes JSON this package reads and writes: plain objects as the API
 * server sends them, not `@kubernetes/client-node` model classes. Only the fields the tracker uses
 * are typed; everything is optional because objects from the server may lack any of them.
 */

/** A label or annotation map. */
export type StringMap = Record<string, string>;

/** `metadata` of every object. */
export interface KubeObjectMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  labels?: StringMap;
  annotations?: StringMap;
  ownerReferences?: KubeOwnerReference[];
  finalizers?: string[];
}

/** An owner reference, as the lead sets on staged objects once the Job exists. */
export interface KubeOwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

/** A condition of a Job or Pod. */
export interface KubeCondition {
  type?: string;
  status?: string;
  reason?: string;
  message?: string;
  lastProbeTime?: string;
  lastTransitionTime?: string;
}

/** One environment variable of a container. */
export interface KubeEnvVar {
  name: string;
  value?: string;
  valueFrom?: {
    fieldRef?: { fieldPath: string; apiVersion?: string };
    secretKeyRef?: { name: string; key: string; optional?: boolean };
    configMapKeyRef?: { name: string; key: string; optional?: boolean };
  };
}

/** A container's `envFrom` entry. */
export interface KubeEnvFromSource {
  secretRef?: { name: string; optional?: boolean };
  configMapRef?: { name: string; optional?: boolean };
  prefix?: string;
}

/** A container's volume mount. */
export interface KubeVolumeMount {
  name: string;
  mountPath: string;
  subPath?: string;
  subPathExpr?: string;
  readOnly?: boolean;
}

/** Requests and limits: quantity strings keyed by resource name. */
export interface KubeResources {
  requests?: StringMap;
  limits?: StringMap;
}

/** A container of a pod spec. */
export interface KubeContainer {
  name: string;
  image?: string;
  command?: string[];
  args?: string[];
  workingDir?: string;
  env?: KubeEnvVar[];
  envFrom?: KubeEnvFromSource[];
  resources?: KubeResources;
  volumeMounts?: KubeVolumeMount[];
  imagePullPolicy?: string;
  securityContext?: { privileged?: boolean; [key: string]: unknown };
}

/** A pod volume; only the sources this package creates are typed. */
export interface KubeVolume {
  name: string;
  configMap?: { name: string; items?: { key: string; path: string }[]; defaultMode?: number };
  secret?: { secretName: string; items?: { key: string; path: string }[]; defaultMode?: number };
  persistentVolumeClaim?: { claimName: string; readOnly?: boolean };
  hostPath?: { path: string; type?: string };
  nfs?: { server: string; path: string; readOnly?: boolean };
  gcePersistentDisk?: { pdName: string; readOnly?: boolean };
}

/** A toleration of a pod spec. */
export interface KubeToleration {
  key?: string;
  operator?: 'Exists' | 'Equal';
  value?: string;
  effect?: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
  tolerationSeconds?: number;
}

/** A node selector requirement of a node affinity term. */
export interface KubeNodeSelectorRequirement {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | 'Gt' | 'Lt';
  values?: string[];
}

/** A pod spec; fields not set by this package are reachable as unknown values. */
export interface KubePodSpec {
  containers: KubeContainer[];
  restartPolicy?: string;
  nodeName?: string;
  nodeSelector?: StringMap;
  affinity?: {
    nodeAffinity?: {
      requiredDuringSchedulingIgnoredDuringExecution?: { nodeSelectorTerms: { matchExpressions?: KubeNodeSelectorRequirement[] }[] };
    };
    [key: string]: unknown;
  };
  tolerations?: KubeToleration[];
  volumes?: KubeVolume[];
  schedulerName?: string;
  priorityClassName?: string;
  serviceAccountName?: string;
  imagePullSecrets?: { name: string }[];
  securityContext?: { runAsUser?: number; runAsGroup?: number; fsGroup?: number; [key: string]: unknown };
  [key: string]: unknown;
}

/** A `batch/v1` Job. */
export interface KubeJob {
  apiVersion?: 'batch/v1';
  kind?: 'Job';
  metadata?: KubeObjectMeta;
  spec?: {
    parallelism?: number;
    completions?: number;
    completionMode?: 'NonIndexed' | 'Indexed';
    backoffLimit?: number;
    backoffLimitPerIndex?: number;
    maxFailedIndexes?: number;
    activeDeadlineSeconds?: number;
    ttlSecondsAfterFinished?: number;
    suspend?: boolean;
    podReplacementPolicy?: string;
    template?: { metadata?: KubeObjectMeta; spec?: KubePodSpec };
  };
  status?: {
    active?: number;
    ready?: number;
    terminating?: number;
    succeeded?: number;
    failed?: number;
    startTime?: string;
    completionTime?: string;
    completedIndexes?: string;
    failedIndexes?: string;
    conditions?: KubeCondition[];
  };
}

/** The state of one container in a pod's status. */
export interface KubeContainerState {
  waiting?: { reason?: string; message?: string };
  running?: { startedAt?: string };
  terminated?: {
    exitCode?: number;
    signal?: number;
    reason?: string;
    message?: string;
    startedAt?: string;
    finishedAt?: string;
  };
}

/** One entry of a pod's `containerStatuses`. */
export interface KubeContainerStatus {
  name?: string;
  state?: KubeContainerState;
  lastState?: KubeContainerState;
  ready?: boolean;
  restartCount?: number;
}

/** A `v1` Pod, as the tracker watches it. */
export interface KubePod {
  apiVersion?: 'v1';
  kind?: 'Pod';
  metadata?: KubeObjectMeta;
  spec?: { nodeName?: string; containers?: { name: string }[] };
  status?: {
    phase?: string;
    reason?: string;
    message?: string;
    startTime?: string;
    conditions?: KubeCondition[];
    containerStatuses?: KubeContainerStatus[];
    initContainerStatuses?: KubeContainerStatus[];
  };
}

/** A `v1` ConfigMap the tracker stages. */
export interface KubeConfigMap {
  apiVersion: 'v1';
  kind: 'ConfigMap';
  metadata: KubeObjectMeta;
  data?: StringMap;
  binaryData?: StringMap;
  immutable?: boolean;
}

/** A `v1` Secret the tracker stages. `data` values are base64. */
export interface KubeSecret {
  apiVersion: 'v1';
  kind: 'Secret';
  metadata: KubeObjectMeta;
  type?: string;
  data?: StringMap;
  immutable?: boolean;
}

/** A `v1` PersistentVolumeClaim the tracker stages for `storageclass:`. */
export interface KubePersistentVolumeClaim {
  apiVersion: 'v1';
  kind: 'PersistentVolumeClaim';
  metadata: KubeObjectMeta;
  spec: {
    storageClassName?: string;
    accessModes: string[];
    resources: { requests: StringMap };
  };
}

/** An object created before the Job and owned by it. */
export type KubeObject = KubeConfigMap | KubeSecret | KubePersistentVolumeClaim;
