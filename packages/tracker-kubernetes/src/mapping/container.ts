import type { JobTemplate } from '@drmaa2/core';
import type { KubeEnvVar } from '../kube-types.js';
import { invalidField, quote } from './invalid.js';
import { ArrayEnv, COMPLETION_INDEX_KEY } from './keys.js';
import { envVarNameProblem } from './kube-names.js';
import type { ArrayRange } from './options.js';

/**
 * Escapes a string for a container's `command`, `args` or env `value`, where Kubernetes expands
 * `$(VAR)` and turns `$$` into `$`: every `$` is doubled, so the process sees the string as given.
 */
export function escapeExpansion(value: string): string {
  return value.replaceAll('$', '$$$$');
}

/**
 * The `/bin/sh -c` script that starts an array member with `TASK_ID` = begin + completion index ×
 * step: the command and its arguments follow as `$0` and `$@`, so the shell never interprets them.
 */
export const TASK_ID_LAUNCHER = `export ${ArrayEnv.TaskId}=$((${ArrayEnv.Begin} + ${ArrayEnv.CompletionIndex} * ${ArrayEnv.Step})); exec "$0" "$@"`;

/**
 * The `/bin/sh -c` prefix that limits the job's CPU time to `seconds` (`ulimit -t`, which dash,
 * bash and busybox share): past the soft limit the kernel ends the process with SIGXCPU (exit code
 * 152), past the hard limit one second later with SIGKILL should it ignore SIGXCPU. A shell that
 * cannot set the limit ends with exit code 126 instead of running the job unlimited.
 */
export function cpuTimeLimit(seconds: number): string {
  return `ulimit -S -t ${seconds} && ulimit -H -t ${seconds + 1} || exit 126; `;
}

/** What starts the job's command: directly, or behind a `/bin/sh` launcher. */
export interface Launcher {
  /** Set `TASK_ID` (array members with `task-id: shell`); see {@link TASK_ID_LAUNCHER}. */
  readonly taskId: boolean;
  /** Limit the CPU time to this many whole seconds; see {@link cpuTimeLimit}. */
  readonly cpuSeconds?: number;
}

/**
 * The command line of the job container: `remoteCommand` and `args`, escaped (see
 * {@link escapeExpansion}); behind a `/bin/sh -c` launcher when `launcher` asks for `TASK_ID` or a
 * CPU time limit. The launcher ends with `exec "$0" "$@"`, so the command and its arguments reach
 * the program unparsed and the program replaces the shell (same process, exit code and signals).
 */
export function containerCommand(template: JobTemplate, launcher: Launcher): { command: string[]; args?: string[] } {
  const line = [template.remoteCommand ?? '', ...(template.args ?? [])].map(escapeExpansion);
  if (launcher.taskId || launcher.cpuSeconds !== undefined) {
    const limit = launcher.cpuSeconds === undefined ? '' : cpuTimeLimit(launcher.cpuSeconds);
    const script = `${limit}${launcher.taskId ? TASK_ID_LAUNCHER : 'exec "$0" "$@"'}`;
    return { command: ['/bin/sh', '-c', escapeExpansion(script), ...line] };
  }
  const [command = '', ...args] = line;
  return args.length > 0 ? { command: [command], args } : { command: [command] };
}

/**
 * The environment of the job container: for an array first `JOB_COMPLETION_INDEX` (from the pod's
 * completion index annotation) and `DRMAA2_INDEX_BEGIN`, `DRMAA2_INDEX_STEP`, `DRMAA2_INDEX_END`,
 * then `jobEnvironment` in the template's order with values escaped (see {@link escapeExpansion}).
 *
 * @throws Drmaa2Error `INVALID_ARGUMENT` naming `jobEnvironment["NAME"]` for a name Kubernetes
 *   refuses, or one the array variables use (`TASK_ID` too when `launcher`).
 */
export function containerEnv(template: JobTemplate, array: ArrayRange | undefined, launcher = false): KubeEnvVar[] {
  const env: KubeEnvVar[] = [];
  const reserved = new Set<string>(launcher ? [ArrayEnv.TaskId] : []);
  if (array !== undefined) {
    env.push(
      { name: ArrayEnv.CompletionIndex, valueFrom: { fieldRef: { fieldPath: `metadata.annotations['${COMPLETION_INDEX_KEY}']` } } },
      { name: ArrayEnv.Begin, value: String(array.begin) },
      { name: ArrayEnv.Step, value: String(array.step) },
      { name: ArrayEnv.End, value: String(array.end) },
    );
    for (const entry of env) reserved.add(entry.name);
  }
  for (const [name, value] of Object.entries(template.jobEnvironment ?? {})) {
    const field = `jobEnvironment[${quote(name)}]`;
    const problem = envVarNameProblem(name);
    if (problem !== undefined) throw invalidField(field, problem);
    if (reserved.has(name)) throw invalidField(field, 'is set by the tracker for array jobs');
    env.push({ name, value: escapeExpansion(value) });
  }
  return env;
}

/**
 * The container image: `jobCategory`, else the default image.
 *
 * @throws Drmaa2Error `INVALID_ARGUMENT` naming `jobCategory` when neither is set, or the image name
 *   is empty or contains whitespace.
 */
export function containerImage(template: JobTemplate, defaultImage: string | undefined): string {
  const image = template.jobCategory ?? defaultImage;
  if (image === undefined) throw invalidField('jobCategory', 'is required: it names the container image');
  if (!/^\S+$/.test(image)) throw invalidField('jobCategory', `${quote(image)} must be a container image name without whitespace`);
  return image;
}

/**
 * The working directory, when set.
 *
 * @throws Drmaa2Error `INVALID_ARGUMENT` naming `workingDirectory` for a relative path, a
 *   `$DRMAA2_HOME_DIR$` (a container has no known home directory), or `$DRMAA2_INDEX$` (one
 *   Indexed Job has one working directory for all members).
 */
export function workingDir(template: JobTemplate): string | undefined {
  const dir = template.workingDirectory;
  if (dir === undefined) return undefined;
  if (dir.includes('$DRMAA2_HOME_DIR$')) throw invalidField('workingDirectory', '$DRMAA2_HOME_DIR$ cannot be resolved in a container; give an absolute path');
  if (dir.includes('$DRMAA2_INDEX$')) throw invalidField('workingDirectory', '$DRMAA2_INDEX$ cannot differ per member of one Indexed Job; read DRMAA2_INDEX_BEGIN/STEP and JOB_COMPLETION_INDEX instead');
  if (!dir.startsWith('/')) throw invalidField('workingDirectory', 'must be an absolute path');
  return dir;
}
