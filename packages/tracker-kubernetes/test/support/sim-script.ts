/** What the script tells kube-sim's scripted kubelet for one container. */
interface ContainerOutcome {
  durationMs?: number;
  exitCode?: number;
  log?: string;
  reason?: 'StartError';
  message?: string;
}

/**
 * The container script the integration tests run kube-sim with: a few commands behave as their
 * names say (`echo` logs its arguments, with `${VAR}` taken from the container environment).
 */
export function simScript(ctx: { command: readonly string[]; args: readonly string[]; env: Readonly<Record<string, string>> }): ContainerOutcome {
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
