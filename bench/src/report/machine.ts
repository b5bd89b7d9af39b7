import { arch, cpus, freemem, loadavg, platform, release, totalmem } from 'node:os';

/** The machine a bench ran on, from the `os` module. */
export interface MachineFacts {
  readonly cpuModel: string;
  readonly cpuCount: number;
  readonly totalMemGiB: number;
  readonly freeMemGiB: number;
  readonly os: string;
  readonly node: string;
  readonly loadAverage: readonly number[];
}

/** Reads {@link MachineFacts} now. */
export function machineFacts(): MachineFacts {
  const list = cpus();
  return {
    cpuModel: list[0]?.model.trim() ?? 'unknown',
    cpuCount: list.length,
    totalMemGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    freeMemGiB: Math.round((freemem() / 2 ** 30) * 10) / 10,
    os: `${platform()} ${release()} ${arch()}`,
    node: process.version,
    loadAverage: loadavg().map((n) => Math.round(n * 100) / 100),
  };
}
