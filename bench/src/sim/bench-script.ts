import type { KubeSimOptions } from '@drmaa2/kube-sim';

type ScriptedKubelet = Extract<NonNullable<KubeSimOptions['kubelet']>, { mode: 'scripted' }>;
/** The scripted kubelet's container script type, as kube-sim takes it. */
export type ContainerScript = NonNullable<ScriptedKubelet['script']>;

/**
 * The bench's container script: a container whose command line contains `sleep SECONDS` runs that
 * long and exits 0 (also behind the tracker's `/bin/sh` array launcher, whose arguments end with the
 * real command); anything else exits 0 at once. No processes are started.
 */
export const benchScript: ContainerScript = (ctx) => {
  const line = [...ctx.command, ...ctx.args];
  const at = line.findLastIndex((word) => word === 'sleep' || word.endsWith('/sleep'));
  const seconds = at === -1 ? 0 : Number(line[at + 1] ?? '0');
  return { durationMs: Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 0, exitCode: 0 };
};
