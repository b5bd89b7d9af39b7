// Where the quickstart runs. The DRMAA2 program in main.ts only sees a tracker name and a
// TrackerRegistry; this file decides which backend that name stands for:
//
//   (default)              Kubernetes tracker on kube-sim, an offline Kubernetes API server whose
//                          `process` kubelet runs each container's command as a local process
//   --kubeconfig PATH      Kubernetes tracker on the cluster of that kubeconfig (no kube-sim)
//   --tracker memory       the in-process memory tracker (also: DRMAA2_TRACKER=memory)
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { TrackerRegistry } from '@drmaa2/core';
import { startKubeSim, type KubeSim } from '@drmaa2/kube-sim';
import { kubernetesTracker } from '@drmaa2/tracker-kubernetes';
import { memoryTracker } from '@drmaa2/tracker-memory';

/** The command-line help of the quickstart. */
export const usage = `Usage: pnpm demo [OPTIONS]   (or: node examples/quickstart/dist/main.js [OPTIONS])

  --tracker NAME       memory or kubernetes (default: env DRMAA2_TRACKER, else kubernetes)
  --kubeconfig PATH    run on the cluster of this kubeconfig instead of on kube-sim
  --context NAME       the kubeconfig context (default: its current context)
  --namespace NAME     the namespace of the jobs (default: the context's namespace, else default)
  -h, --help           show this help`;

/** A command line the quickstart cannot run with; main prints it with {@link usage}. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** The backend the quickstart runs on. */
export interface Backend {
  /** The tracker name to give `SessionManager`; `registry` resolves it. */
  readonly tracker: string;
  /** A registry holding the memory and Kubernetes plugins, configured from the command line. */
  readonly registry: TrackerRegistry;
  /** One line saying where the jobs run. */
  readonly description: string;
  /** How long (seconds) the program waits for any one job; longer on a real cluster (image pulls). */
  readonly patience: number;
  /** Releases what the backend started (kube-sim and its processes). Idempotent. */
  close(): Promise<void>;
}

/** The parsed command line: `undefined` for `--help`. */
interface Choice {
  readonly tracker: string;
  readonly kubeconfig?: string;
  readonly context?: string;
  readonly namespace?: string;
}

const options = {
  tracker: { type: 'string' },
  kubeconfig: { type: 'string' },
  context: { type: 'string' },
  namespace: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

function parseCommandLine(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): Choice | undefined {
  let values: ReturnType<typeof parseArgs<{ options: typeof options; strict: true; allowPositionals: false }>>['values'];
  try {
    // `pnpm demo -- --x` hands the program a leading `--`; it is not an end-of-options marker here.
    const args = argv[0] === '--' ? argv.slice(1) : [...argv];
    values = parseArgs({ args, options, strict: true, allowPositionals: false }).values;
  } catch (cause) {
    throw new UsageError(cause instanceof Error ? cause.message : String(cause), { cause });
  }
  if (values.help === true) return undefined;
  const tracker = values.tracker ?? (env.DRMAA2_TRACKER || 'kubernetes');
  const kubeOnly = (['kubeconfig', 'context', 'namespace'] as const).filter((name) => values[name] !== undefined);
  if (tracker !== 'kubernetes' && kubeOnly.length > 0) {
    throw new UsageError(`--${kubeOnly[0]} needs the kubernetes tracker, not ${JSON.stringify(tracker)}`);
  }
  if (values.context !== undefined && values.kubeconfig === undefined) {
    throw new UsageError('--context needs --kubeconfig (kube-sim has one context)');
  }
  return {
    tracker,
    // Relative to where the user typed the command (pnpm runs scripts in the package folder).
    ...(values.kubeconfig !== undefined ? { kubeconfig: resolve(env.INIT_CWD ?? process.cwd(), values.kubeconfig) } : {}),
    ...(values.context !== undefined ? { context: values.context } : {}),
    ...(values.namespace !== undefined ? { namespace: values.namespace } : {}),
  };
}

/**
 * Reads the command line and environment and prepares the backend: starts kube-sim (process
 * kubelet) for the Kubernetes tracker unless `--kubeconfig` names a real cluster. Resolves to
 * `undefined` when `--help` was asked for. Ctrl-C stops kube-sim before the process exits.
 * @throws UsageError for a command line it cannot run with.
 */
export async function openBackend(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): Promise<Backend | undefined> {
  const choice = parseCommandLine(argv, env);
  if (choice === undefined) return undefined;

  let sim: KubeSim | undefined;
  if (choice.tracker === 'kubernetes' && choice.kubeconfig === undefined) {
    sim = await startKubeSim({ kubelet: { mode: 'process' }, nodes: { count: 2 } });
  }
  const kubeconfigPath = choice.kubeconfig ?? sim?.kubeconfigPath;
  const registry = new TrackerRegistry([
    memoryTracker(),
    kubernetesTracker({
      ...(kubeconfigPath !== undefined ? { kubeconfigPath } : {}),
      ...(choice.context !== undefined ? { context: choice.context } : {}),
      ...(choice.namespace !== undefined ? { namespace: choice.namespace } : {}),
    }),
  ]);

  const stopSim = async (): Promise<void> => {
    process.off('SIGINT', interrupted);
    process.off('SIGTERM', interrupted);
    await sim?.stop();
  };
  const interrupted = (signal: NodeJS.Signals): void => {
    console.error(`\n${signal}: stopping`);
    void stopSim().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  if (sim !== undefined) {
    process.once('SIGINT', interrupted);
    process.once('SIGTERM', interrupted);
  }

  const description =
    choice.tracker !== 'kubernetes'
      ? `the ${choice.tracker} tracker`
      : sim !== undefined
        ? `the kubernetes tracker on kube-sim at ${sim.url} (its process kubelet runs each command as a local process)`
        : `the kubernetes tracker on the cluster of ${choice.kubeconfig ?? ''}`;
  return {
    tracker: choice.tracker,
    registry,
    description,
    patience: choice.kubeconfig !== undefined ? 300 : 60,
    close: stopSim,
  };
}
