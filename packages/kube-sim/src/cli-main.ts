import type { KubeSimOptions } from './start-kube-sim.js';
import { startKubeSim } from './start-kube-sim.js';

/** Where the CLI writes and what ends it; injectable for tests. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Resolves when the process should stop (SIGINT/SIGTERM in the real command). */
  untilStopped(): Promise<void>;
}

/**
 * Parses `kube-sim` arguments: `--nodes N`, `--kubelet scripted|process`, `--namespace NAME`
 * (repeatable). Throws on anything else.
 */
export function parseCliArgs(argv: readonly string[]): KubeSimOptions {
  const options: KubeSimOptions = {};
  const namespaces: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    if (flag === '--nodes' && value !== undefined && /^\d+$/.test(value)) options.nodes = { count: Number(value) };
    else if (flag === '--kubelet' && (value === 'scripted' || value === 'process')) options.kubelet = { mode: value };
    else if (flag === '--namespace' && value !== undefined) namespaces.push(value);
    else throw new Error(`kube-sim: unknown or incomplete option ${flag ?? ''} (use --nodes N, --kubelet scripted|process, --namespace NAME)`);
    i++;
  }
  if (namespaces.length > 0) options.namespaces = namespaces;
  return options;
}

/**
 * The `kube-sim` command: starts the simulator, prints the kubeconfig path on stdout (a hint on
 * stderr), waits until stopped, then stops the simulator cleanly. Returns the exit code.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let options: KubeSimOptions;
  try {
    options = parseCliArgs(argv);
  } catch (error) {
    io.stderr(`${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
  const sim = await startKubeSim(options);
  io.stdout(`${sim.kubeconfigPath}\n`);
  io.stderr(`kube-sim listening on ${sim.url} (and ${sim.httpsUrl}); try: kubectl --kubeconfig ${sim.kubeconfigPath} get nodes\n`);
  await io.untilStopped();
  await sim.stop();
  return 0;
}
