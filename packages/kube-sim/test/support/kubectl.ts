import { execFile, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KubeSim } from '../../src/index.js';

/** Path of the kubectl binary (override with KUBECTL). */
export const KUBECTL = process.env.KUBECTL ?? 'kubectl';

/** Result of one kubectl run. */
export interface KubectlResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** A kubectl bound to one simulator, with its own discovery cache dir and a scratch dir for manifests. */
export interface Kubectl {
  run(...args: string[]): Promise<KubectlResult>;
  /** Writes a manifest into the scratch dir and returns its path. */
  file(name: string, content: string): Promise<string>;
  /** Starts a long-running kubectl (e.g. `get -w`), resolves once `lines` stdout lines arrived, then kills it. */
  lines(count: number, ...args: string[]): Promise<string[]>;
  /** Removes the scratch dir. */
  dispose(): Promise<void>;
}

/** The kubectl client's minor version (e.g. 32), or undefined when it cannot be read. */
export function kubectlMinor(): Promise<number | undefined> {
  return new Promise((resolve) => {
    execFile(KUBECTL, ['version', '--client', '-o', 'json'], { timeout: 30_000 }, (error, stdout) => {
      if (error !== null) return resolve(undefined);
      try {
        const info = JSON.parse(stdout) as { clientVersion?: { minor?: string } };
        const minor = Number.parseInt(info.clientVersion?.minor ?? '', 10);
        resolve(Number.isNaN(minor) ? undefined : minor);
      } catch {
        resolve(undefined);
      }
    });
  });
}

const VALIDATING_COMMANDS = new Set(['create', 'apply', 'replace']);

/**
 * Creates a kubectl helper for a simulator (its admin kubeconfig unless another path is given, e.g.
 * one from `sim.writeKubeconfig`). kubectl 1.25+ validates through the server
 * (`fieldValidation`, found via /openapi/v3); older clients (Debian's 1.20) need the protobuf
 * OpenAPI v2 document the simulator does not serve, so they get `--validate=false`.
 */
export async function kubectlFor(sim: KubeSim, kubeconfigPath: string = sim.kubeconfigPath): Promise<Kubectl> {
  const dir = await mkdtemp(join(tmpdir(), 'kube-sim-kubectl-'));
  const base = ['--kubeconfig', kubeconfigPath, '--cache-dir', join(dir, 'cache')];
  const env = { ...process.env, HOME: dir };
  const minor = await kubectlMinor();
  const legacy = minor !== undefined && minor < 25;
  const withFlags = (args: string[]): string[] => (legacy && VALIDATING_COMMANDS.has(args[0] ?? '') ? [...args, '--validate=false'] : args);
  return {
    run: (...args) =>
      new Promise((resolve) => {
        execFile(KUBECTL, [...base, ...withFlags(args)], { env, timeout: 60_000 }, (error, stdout, stderr) => {
          const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
          resolve({ code, stdout, stderr });
        });
      }),
    file: async (name, content) => {
      const path = join(dir, name);
      await writeFile(path, content);
      return path;
    },
    lines: (count, ...args) =>
      new Promise((resolve, reject) => {
        const child = spawn(KUBECTL, [...base, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
        const got: string[] = [];
        let buffer = '';
        let stderr = '';
        child.stderr.on('data', (d: Buffer) => {
          stderr += d.toString();
        });
        child.stdout.on('data', (d: Buffer) => {
          buffer += d.toString();
          const parts = buffer.split('\n');
          buffer = parts.pop() ?? '';
          got.push(...parts.filter((p) => p !== ''));
          if (got.length >= count) {
            child.kill('SIGTERM');
            resolve(got.slice(0, count));
          }
        });
        child.on('exit', () => {
          if (got.length < count) reject(new Error(`kubectl exited after ${got.length} lines: ${got.join(' | ')} ${stderr}`));
        });
      }),
    dispose: () => rm(dir, { recursive: true, force: true }),
  };
}
