/**
 * The scripted kubelet's default {@link ContainerScript}: it understands a tiny, common subset of
 * shell so unmodified Job manifests behave plausibly without processes. For `sh|bash -c "<script>"`
 * or a plain `command`+`args`, statements separated by `;`, `&&`, `||` or newlines are read:
 * `echo [-n] …` (with `$VAR`/`${VAR}` from the container environment) writes to the log, `sleep N`
 * adds N seconds of running time, `exit N`/`true`/`false` set the exit code; anything else counts
 * as a successful no-op. Echo output before the first sleep is logged at start, the rest at exit.
 * A container with no command at all runs `defaultRunMs` and exits 0.
 */
import type { ContainerOutcome, ContainerScript, ContainerScriptContext } from './container-script.js';

function tokenize(statement: string, env: Record<string, string>): string[] {
  const tokens: string[] = [];
  const re = /'([^']*)'|"((?:[^"\\]|\\.)*)"|(\S+)/g;
  const expand = (s: string): string =>
    s.replace(/\$\{(\w+)\}|\$(\w+)/g, (_m, a: string | undefined, b: string | undefined) => env[a ?? b ?? ''] ?? '');
  for (const m of statement.matchAll(re)) {
    if (m[1] !== undefined) tokens.push(m[1]);
    else if (m[2] !== undefined) tokens.push(expand(m[2].replace(/\\(.)/g, '$1')));
    else tokens.push(expand(m[3] ?? ''));
  }
  return tokens;
}

function splitStatements(script: string): { text: string; op: string }[] {
  const out: { text: string; op: string }[] = [];
  let op = ';';
  for (const part of script.split(/(&&|\|\||;|\n)/)) {
    if (part === '&&' || part === '||' || part === ';' || part === '\n') op = part === '\n' ? ';' : part;
    else if (part.trim()) {
      out.push({ text: part.trim(), op });
      op = ';';
    }
  }
  return out;
}

/** Interprets the container's command as described above. */
export function interpretCommand(ctx: ContainerScriptContext, defaultRunMs: number): ContainerOutcome {
  const argv = [...ctx.command, ...ctx.args];
  if (argv.length === 0) return { durationMs: defaultRunMs };
  const shell = /(^|\/)(sh|bash|ash|dash)$/.test(argv[0] ?? '') && argv[1] === '-c';
  const script = shell ? (argv[2] ?? '') : argv.map((a) => (/\s/.test(a) ? `'${a}'` : a)).join(' ');
  let log = '';
  let finalLog = '';
  let durationMs = 0;
  let status = 0;
  for (const { text, op } of splitStatements(script)) {
    if ((op === '&&' && status !== 0) || (op === '||' && status === 0)) continue;
    const [cmd = '', ...args] = tokenize(text, ctx.env);
    const name = cmd.slice(cmd.lastIndexOf('/') + 1);
    status = 0;
    if (name === 'echo') {
      const noNewline = args[0] === '-n';
      const line = (noNewline ? args.slice(1) : args).join(' ') + (noNewline ? '' : '\n');
      if (durationMs === 0) log += line;
      else finalLog += line;
    } else if (name === 'sleep') {
      durationMs += Math.max(0, Number(args[0] ?? '0') || 0) * 1000;
    } else if (name === 'exit') {
      status = Number(args[0] ?? '0') || 0;
      break;
    } else if (name === 'false') {
      status = 1;
    }
  }
  const outcome: ContainerOutcome = { durationMs, exitCode: status };
  if (log) outcome.log = log;
  if (finalLog) outcome.finalLog = finalLog;
  return outcome;
}

/** The default script for a given `defaultRunMs`. */
export function defaultScript(defaultRunMs: number): ContainerScript {
  return (ctx) => interpretCommand(ctx, defaultRunMs);
}
