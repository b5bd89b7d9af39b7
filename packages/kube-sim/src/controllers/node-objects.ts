/**
 * The Node objects `startKubeSim` creates before the controllers run, shaped like a kubelet's
 * registration: capacity/allocatable, nodeInfo, well-known labels, conditions, addresses, images,
 * taints and `spec.unschedulable`.
 */
import { createHash } from 'node:crypto';
import type { NodeOptions, NodeShape } from './options.js';
import type { StoredObject } from './store-port.js';
import { formatQuantity, parseQuantity } from './quantity.js';
import { imageDigest, normalizeImage } from './image-names.js';
import { kubeTime } from './time-format.js';

/** The default node shape (4 CPU, 16Gi, 110 pods, linux/amd64, no taints). */
export const DEFAULT_NODE_SHAPE: Readonly<NodeShape> = Object.freeze({
  cpu: '4',
  memory: '16Gi',
  pods: '110',
  ephemeralStorage: '100Gi',
  extendedResources: {},
  reserved: {},
  labels: {},
  architecture: 'amd64',
  operatingSystem: 'linux',
  taints: [],
  images: ['busybox:1.36', 'busybox:latest', 'alpine:3.20', 'python:3.12-slim', 'registry.k8s.io/pause:3.10'],
  unschedulable: false,
});

/** Node names from the options: `names`, else `sim-node-1` … `sim-node-<count>` (default 3). */
export function nodeNames(options: NodeOptions = {}): string[] {
  if (options.names) return [...options.names];
  const count = options.count ?? 3;
  return Array.from({ length: count }, (_, i) => `sim-node-${i + 1}`);
}

function hex(seed: string, length: number): string {
  return createHash('sha256').update(seed).digest('hex').slice(0, length);
}

function uuid(seed: string): string {
  const h = hex(seed, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

const BINARY_RESOURCES = new Set(['memory', 'ephemeral-storage']);

function quantities(shape: NodeShape): { capacity: Record<string, string>; allocatable: Record<string, string> } {
  const capacity: Record<string, string> = {
    cpu: shape.cpu,
    'ephemeral-storage': shape.ephemeralStorage,
    'hugepages-1Gi': '0',
    'hugepages-2Mi': '0',
    memory: shape.memory,
    pods: shape.pods,
    ...shape.extendedResources,
  };
  const allocatable: Record<string, string> = {};
  for (const [name, value] of Object.entries(capacity)) {
    const binary = BINARY_RESOURCES.has(name);
    const reserved = shape.reserved[name];
    const cap = parseQuantity(value);
    capacity[name] = formatQuantity(cap, binary);
    allocatable[name] = formatQuantity(reserved === undefined ? cap : cap - parseQuantity(reserved), binary);
  }
  return { capacity, allocatable };
}

function nodeCondition(type: string, status: 'True' | 'False', reason: string, message: string, time: string) {
  return { type, status, lastHeartbeatTime: time, lastTransitionTime: time, reason, message };
}

function oneNode(name: string, index: number, shape: NodeShape, now: number): StoredObject {
  const time = kubeTime(now);
  const address = `172.18.0.${index + 2}`;
  const taints = [...shape.taints];
  if (shape.unschedulable && !taints.some((t) => t.key === 'node.kubernetes.io/unschedulable')) {
    taints.push({ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' });
  }
  const spec: Record<string, unknown> = {
    podCIDR: `10.244.${index}.0/24`,
    podCIDRs: [`10.244.${index}.0/24`],
    providerID: `kube-sim://${name}`,
  };
  if (taints.length > 0) spec['taints'] = taints;
  if (shape.unschedulable) spec['unschedulable'] = true;
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      labels: {
        'beta.kubernetes.io/arch': shape.architecture,
        'beta.kubernetes.io/os': shape.operatingSystem,
        'kubernetes.io/arch': shape.architecture,
        'kubernetes.io/hostname': name,
        'kubernetes.io/os': shape.operatingSystem,
        ...shape.labels,
      },
      annotations: {
        'node.alpha.kubernetes.io/ttl': '0',
        'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
      },
    },
    spec,
    status: {
      ...quantities(shape),
      conditions: [
        nodeCondition('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available', time),
        nodeCondition('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure', time),
        nodeCondition('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available', time),
        nodeCondition('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status', time),
      ],
      addresses: [
        { type: 'InternalIP', address },
        { type: 'Hostname', address: name },
      ],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      images: shape.images.map((image) => {
        const normalized = normalizeImage(image);
        const repo = normalized.slice(0, normalized.lastIndexOf(':'));
        return { names: [`${repo}@${imageDigest(image)}`, normalized], sizeBytes: 1_000_000 + Number.parseInt(hex(image, 6), 16) };
      }),
      nodeInfo: {
        machineID: hex(`machine:${name}`, 32),
        systemUUID: uuid(`system:${name}`),
        bootID: uuid(`boot:${name}`),
        kernelVersion: '6.8.0-kube-sim',
        osImage: 'Debian GNU/Linux 12 (bookworm)',
        containerRuntimeVersion: 'containerd://1.7.18',
        kubeletVersion: 'v1.31.0',
        kubeProxyVersion: 'v1.31.0',
        operatingSystem: shape.operatingSystem,
        architecture: shape.architecture,
      },
    },
  };
}

/**
 * Builds the Node objects for {@link NodeOptions}; `now` (epoch ms, default `Date.now()`) stamps the
 * conditions. Quantities are written in canonical form.
 * @throws QuantityError when a capacity or reservation is not a valid quantity.
 */
export function nodeObjects(options: NodeOptions = {}, now: number = Date.now()): StoredObject[] {
  return nodeNames(options).map((name, index) => {
    const { count: _c, names: _n, overrides, ...shared } = options;
    const shape: NodeShape = { ...DEFAULT_NODE_SHAPE, ...stripUndefined(shared), ...stripUndefined(overrides?.[name] ?? {}) };
    return oneNode(name, index + 1, shape, now);
  });
}

function stripUndefined<T extends object>(obj: T): Partial<T> {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined)) as Partial<T>;
}
