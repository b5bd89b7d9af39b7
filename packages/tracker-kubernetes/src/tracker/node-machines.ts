import { CpuArchitecture, OperatingSystem, type MachineInfo } from '@drmaa2/core';
import { isKubeStatus, toDrmaa2Error } from '../client/kube-api-error.js';
import type { KubeHttp } from '../client/kube-http.js';

interface KubeNode {
  readonly metadata?: { readonly name?: string };
  readonly spec?: { readonly unschedulable?: boolean };
  readonly status?: {
    readonly capacity?: Readonly<Record<string, string>>;
    readonly conditions?: readonly { readonly type?: string; readonly status?: string }[];
    readonly nodeInfo?: { readonly architecture?: string; readonly operatingSystem?: string; readonly kernelVersion?: string };
    readonly images?: readonly { readonly names?: readonly string[] }[];
  };
}

const architectures: Readonly<Record<string, CpuArchitecture>> = {
  amd64: CpuArchitecture.X64,
  arm64: CpuArchitecture.Arm64,
  arm: CpuArchitecture.Arm,
  '386': CpuArchitecture.X86,
  ppc64le: CpuArchitecture.Ppc64Le,
  ppc64: CpuArchitecture.Ppc64,
  mips64le: CpuArchitecture.Mips64,
};
const systems: Readonly<Record<string, OperatingSystem>> = { linux: OperatingSystem.Linux, windows: OperatingSystem.Win };

const binary: Readonly<Record<string, number>> = { Ki: 1, Mi: 1024, Gi: 1024 ** 2, Ti: 1024 ** 3, Pi: 1024 ** 4 };
const decimal: Readonly<Record<string, number>> = { '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15 };

/** A memory quantity (`16374148Ki`, `2Gi`, `1e9`) in KiB, rounded down; `undefined` when unreadable. */
export function memoryKiB(quantity: string | undefined): number | undefined {
  const match = quantity === undefined ? null : /^(\d+(?:\.\d+)?)(Ki|Mi|Gi|Ti|Pi|k|M|G|T|P|)$/.exec(quantity);
  if (match === null) return undefined;
  const value = Number(match[1]);
  const unit = match[2] ?? '';
  return Math.floor(unit in binary ? value * (binary[unit] ?? 1) : (value * (decimal[unit] ?? 1)) / 1024);
}

function cores(quantity: string | undefined): number | undefined {
  if (quantity === undefined) return undefined;
  const value = quantity.endsWith('m') ? Number(quantity.slice(0, -1)) / 1000 : Number(quantity);
  return Number.isFinite(value) ? Math.floor(value) : undefined;
}

/** A Node as a DRMAA2 machine: available when Ready and schedulable. */
export function machineFromNode(node: KubeNode): MachineInfo {
  const ready = node.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
  const info = node.status?.nodeInfo;
  const kernel = /^(\d+)\.(\d+)/.exec(info?.kernelVersion ?? '');
  const memory = memoryKiB(node.status?.capacity?.memory);
  const cpu = cores(node.status?.capacity?.cpu);
  return {
    name: node.metadata?.name ?? '',
    available: ready && node.spec?.unschedulable !== true,
    ...(cpu === undefined ? {} : { sockets: 1, coresPerSocket: cpu, threadsPerCore: 1 }),
    ...(memory === undefined ? {} : { physMemory: memory, virtMemory: memory }),
    machineArch: architectures[info?.architecture ?? ''] ?? CpuArchitecture.OtherCpu,
    machineOS: systems[info?.operatingSystem ?? ''] ?? OperatingSystem.OtherOs,
    ...(kernel === null ? {} : { machineOSVersion: { major: kernel[1] ?? '', minor: kernel[2] ?? '' } }),
  };
}

async function listNodes(http: KubeHttp, signal: AbortSignal | undefined): Promise<KubeNode[]> {
  const list = await http.request<{ items?: KubeNode[] }>({ method: 'GET', path: '/api/v1/nodes', ...(signal === undefined ? {} : { signal }) });
  return list.items ?? [];
}

/** The cluster's nodes as machines. Listing nodes needs cluster-wide read access to nodes. */
export async function listMachines(http: KubeHttp, signal?: AbortSignal): Promise<MachineInfo[]> {
  try {
    return (await listNodes(http, signal)).map(machineFromNode);
  } catch (error) {
    throw toDrmaa2Error(error, 'listing nodes');
  }
}

/** The tagged image names the nodes hold (digest-only names left out), sorted. */
export function nodeImageNames(nodes: readonly KubeNode[]): string[] {
  const names = new Set<string>();
  for (const node of nodes) for (const image of node.status?.images ?? []) for (const name of image.names ?? []) if (!name.includes('@')) names.add(name);
  return [...names].sort();
}

/** The images the nodes already hold, as job categories; none without read access to nodes (403). */
export async function listNodeImages(http: KubeHttp, signal?: AbortSignal): Promise<string[]> {
  try {
    return nodeImageNames(await listNodes(http, signal));
  } catch (error) {
    if (isKubeStatus(error, 403)) return [];
    throw toDrmaa2Error(error, 'listing node images');
  }
}
