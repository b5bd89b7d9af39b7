/** What the script tells kube-sim's scripted kubelet for one container. */
interface ContainerOutcome {
  durationMs?: number;
  exitCode?: number;
  log?: string;
  reason?: 'StartError';
  message?: string;
}

/** What a container script sees of a container. */
export interface LaunchContext {
  readonly command: readonly string[];
  readonly args: readonly string[];
  readonly env: Readonly<Record<string, string>>;
}

/**
 * The command an array member's `/bin/sh` launcher would exec, with `TASK_ID` in its environment
 * as the shell would compute it; other containers unchanged. Scripted kubelets run no shell.
 */
export function unwrapLauncher<T extends LaunchContext>(ctx: T): T {
  const line = [...ctx.command, ...ctx.args];
  if (line[0] !== '/bin/sh' || line[1] !== '-c' || !(line[2] ?? '').startsWith('export TASK_ID=')) return ctx;
  const taskId = Number(ctx.env.DRMAA2_INDEX_BEGIN) + Number(ctx.env.JOB_COMPLETION_INDEX) * Number(ctx.env.DRMAA2_INDEX_STEP);
  return { ...ctx, command: line.slice(3, 4), args: line.slice(4), env: { ...ctx.env, TASK_ID: String(taskId) } };
}

/**
 * The container script the integration tests run kube-sim with: a few commands behave as their
 * names say (`echo` logs its arguments, with `${VAR}` taken from the container environment).
 */
export function simScript(container: LaunchContext): ContainerOutcome {
  const ctx = unwrapLauncher(container);
  const [command = '', ...rest] = [...ctx.command, ...ctx.args];
  const name = command.slice(command.lastIndexOf('/') + 1);
  if (name === 'sleep') return { durationMs: Number(rest[0] ?? '0') * 1000, exitCode: 0 };
  if (name === 'echo') return { durationMs: 0, exitCode: 0, log: `${rest.map((arg) => arg.replace(/\$\{(\w+)\}/g, (_, v: string) => ctx.env[v] ?? '')).join(' ')}\n` };
  if (name === 'true') return { durationMs: 0, exitCode: 0 };
  if (name === 'false') return { durationMs: 0, exitCode: 1 };
  if (name === 'sh' && rest[0] === '-c' && /^exit \d+$/.test(rest[1] ?? '')) return { durationMs: 0, exitCode: Number((rest[1] ?? '').slice(5)) };
  if (name === 'no-such-binary') return { reason: 'StartError', message: 'exec: "no-such-binary": executable file not found in $PATH' };
  return { durationMs: 0, exitCode: 0 };
}
