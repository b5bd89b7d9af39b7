/**
 * Small typed views of the Job, Pod and Node fields the controllers read and write. Every field is
 * optional because stored objects are plain JSON; the API half validated them on the way in.
 */
import type { ObjectMetaView, StoredObject } from './store-port.js';

/** `{type,status,reason,message,lastProbeTime,lastTransitionTime}` of pods and jobs. */
export interface ConditionView {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason?: string;
  message?: string;
  lastProbeTime?: string | null;
  lastTransitionTime?: string;
  lastHeartbeatTime?: string;
}

/** `env[]` entry. */
export interface EnvVarView {
  name: string;
  value?: string;
  valueFrom?: {
    fieldRef?: { fieldPath: string; apiVersion?: string };
    configMapKeyRef?: { name: string; key: string; optional?: boolean };
    secretKeyRef?: { name: string; key: string; optional?: boolean };
    resourceFieldRef?: { resource: string; containerName?: string };
  };
}

/** `envFrom[]` entry. */
export interface EnvFromView {
  prefix?: string;
  configMapRef?: { name: string; optional?: boolean };
  secretRef?: { name: string; optional?: boolean };
}

/** `resources` of a container. */
export interface ResourcesView {
  requests?: Record<string, string | number>;
  limits?: Record<string, string | number>;
}

/** A container or init container. */
export interface ContainerView {
  name: string;
  image?: string;
  command?: string[];
  args?: string[];
  workingDir?: string;
  env?: EnvVarView[];
  envFrom?: EnvFromView[];
  resources?: ResourcesView;
  volumeMounts?: { name: string; mountPath: string; subPath?: string; readOnly?: boolean }[];
  restartPolicy?: string;
}

/** A pod volume (the kinds the process kubelet materialises). */
export interface VolumeView {
  name: string;
  emptyDir?: Record<string, unknown>;
  configMap?: { name: string; items?: { key: string; path: string }[]; optional?: boolean };
  secret?: { secretName: string; items?: { key: string; path: string }[]; optional?: boolean };
  persistentVolumeClaim?: { claimName: string };
  [other: string]: unknown;
}

/** A taint on a node. */
export interface TaintView {
  key: string;
  value?: string;
  effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
}

/** A toleration on a pod. */
export interface TolerationView {
  key?: string;
  operator?: 'Exists' | 'Equal';
  value?: string;
  effect?: string;
}

/** One `matchExpressions`/`matchFields` requirement of node affinity. */
export interface NodeSelectorRequirementView {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | 'Gt' | 'Lt';
  values?: string[];
}

/** One node selector term. */
export interface NodeSelectorTermView {
  matchExpressions?: NodeSelectorRequirementView[];
  matchFields?: NodeSelectorRequirementView[];
}

/** `spec` of a pod or pod template. */
export interface PodSpecView {
  containers: ContainerView[];
  initContainers?: ContainerView[];
  restartPolicy?: string;
  nodeName?: string;
  nodeSelector?: Record<string, string>;
  affinity?: {
    nodeAffinity?: { requiredDuringSchedulingIgnoredDuringExecution?: { nodeSelectorTerms: NodeSelectorTermView[] } };
  };
  tolerations?: TolerationView[];
  schedulerName?: string;
  schedulingGates?: { name: string }[];
  hostname?: string;
  subdomain?: string;
  volumes?: VolumeView[];
  terminationGracePeriodSeconds?: number;
  activeDeadlineSeconds?: number;
  overhead?: Record<string, string>;
  serviceAccountName?: string;
}

/** One container's state: exactly one of the three. */
export interface ContainerStateView {
  waiting?: { reason?: string; message?: string };
  running?: { startedAt?: string };
  terminated?: {
    exitCode: number;
    signal?: number;
    reason?: string;
    message?: string;
    startedAt?: string;
    finishedAt?: string;
    containerID?: string;
  };
}

/** `status.containerStatuses[]`. */
export interface ContainerStatusView {
  name: string;
  state: ContainerStateView;
  lastState: ContainerStateView;
  ready: boolean;
  restartCount: number;
  started?: boolean;
  image: string;
  imageID: string;
  containerID?: string;
}

/** `status` of a pod. */
export interface PodStatusView {
  phase?: 'Pending' | 'Running' | 'Succeeded' | 'Failed' | 'Unknown';
  conditions?: ConditionView[];
  message?: string;
  reason?: string;
  hostIP?: string;
  hostIPs?: { ip: string }[];
  podIP?: string;
  podIPs?: { ip: string }[];
  startTime?: string;
  initContainerStatuses?: ContainerStatusView[];
  containerStatuses?: ContainerStatusView[];
  qosClass?: string;
}

/** A Pod. */
export interface PodView {
  apiVersion?: string;
  kind?: string;
  metadata: ObjectMetaView;
  spec: PodSpecView;
  status?: PodStatusView;
}

/** `podFailurePolicy` rule. */
export interface PodFailurePolicyRuleView {
  action: 'FailJob' | 'FailIndex' | 'Ignore' | 'Count';
  onExitCodes?: { containerName?: string; operator: 'In' | 'NotIn'; values: number[] };
  onPodConditions?: { type: string; status?: string }[];
}

/** `spec` of a Job. */
export interface JobSpecView {
  parallelism?: number;
  completions?: number | null;
  completionMode?: 'NonIndexed' | 'Indexed';
  backoffLimit?: number;
  backoffLimitPerIndex?: number;
  maxFailedIndexes?: number;
  activeDeadlineSeconds?: number;
  ttlSecondsAfterFinished?: number;
  suspend?: boolean;
  podReplacementPolicy?: 'TerminatingOrFailed' | 'Failed';
  podFailurePolicy?: { rules: PodFailurePolicyRuleView[] };
  successPolicy?: { rules: { succeededIndexes?: string; succeededCount?: number }[] };
  managedBy?: string;
  template: { metadata?: ObjectMetaView; spec: PodSpecView };
}

/** `status` of a Job. */
export interface JobStatusView {
  conditions?: ConditionView[];
  startTime?: string;
  completionTime?: string;
  active?: number;
  ready?: number;
  terminating?: number;
  succeeded?: number;
  failed?: number;
  completedIndexes?: string;
  failedIndexes?: string;
  uncountedTerminatedPods?: { succeeded?: string[]; failed?: string[] };
}

/** A Job. */
export interface JobView {
  apiVersion?: string;
  kind?: string;
  metadata: ObjectMetaView;
  spec: JobSpecView;
  status?: JobStatusView;
}

/** A Node. */
export interface NodeView {
  metadata: ObjectMetaView;
  spec?: { unschedulable?: boolean; taints?: TaintView[] };
  status?: {
    allocatable?: Record<string, string>;
    capacity?: Record<string, string>;
    conditions?: ConditionView[];
    addresses?: { type: string; address: string }[];
  };
}

/** Views a stored object as a Pod (no copying; the store validated the shape). */
export function asPod(obj: StoredObject): PodView {
  return obj as unknown as PodView;
}

/** Views a stored object as a Job. */
export function asJob(obj: StoredObject): JobView {
  return obj as unknown as JobView;
}

/** Views a stored object as a Node. */
export function asNode(obj: StoredObject): NodeView {
  return obj;
}

/** The terminal phases. */
export function isPodTerminal(pod: PodView): boolean {
  const phase = pod.status?.phase;
  return phase === 'Succeeded' || phase === 'Failed';
}

/** Finds a condition by type. */
export function findCondition(conditions: ConditionView[] | undefined, type: string): ConditionView | undefined {
  return conditions?.find((c) => c.type === type);
}
