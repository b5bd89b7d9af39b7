import type { JobTemplate } from '@drmaa2/core';

/** How a memory job behaves once it runs. */
export interface JobBehaviour {
  /** Seconds of running time before it ends; default 0. Suspended time does not count. */
  readonly runSeconds?: number;
  /** The exit code it ends with; default 0 (`DONE`); anything else ends `FAILED`. */
  readonly exitStatus?: number;
  /** A signal that ends it, such as `SIGSEGV`; the job then ends `FAILED`. */
  readonly terminatingSignal?: string;
  /** A reason the job cannot start (say `CommandNotFound`): it ends `FAILED` at dispatch with this sub-state. */
  readonly failToStart?: string;
}

/** What a behaviour function learns of the job it decides for. */
export interface JobBehaviourContext {
  /** The job's id. */
  readonly jobId: string;
  /** The job's template (a bulk member's, with its index filled in). */
  readonly template: JobTemplate;
  /** The bulk index, for array members. */
  readonly index?: number;
}

/** Decides how a job behaves; `undefined` falls back to the built-in commands. */
export type JobBehaviourFunction = (job: JobBehaviourContext) => JobBehaviour | undefined;

function commandName(remoteCommand: string): string {
  return remoteCommand.slice(remoteCommand.lastIndexOf('/') + 1);
}

/**
 * The built-in commands: `sleep SECONDS` (fractions allowed) ends with 0 after that long; `true`
 * ends with 0; `false` with 1; `exit CODE` with CODE. Anything else ends at once with 0.
 * Malformed arguments (`sleep abc`, `exit 300`) fail to start with sub-state `InvalidArguments`.
 */
export function builtinBehaviour(template: JobTemplate): JobBehaviour {
  const args = template.args ?? [];
  switch (commandName(template.remoteCommand ?? '')) {
    case 'sleep': {
      const seconds = Number(args[0]);
      if (args.length !== 1 || !Number.isFinite(seconds) || seconds < 0) return { failToStart: 'InvalidArguments' };
      return { runSeconds: seconds, exitStatus: 0 };
    }
    case 'true':
      return { exitStatus: 0 };
    case 'false':
      return { exitStatus: 1 };
    case 'exit': {
      const code = Number(args[0] ?? '0');
      if (args.length > 1 || !Number.isInteger(code) || code < 0 || code > 255) return { failToStart: 'InvalidArguments' };
      return { exitStatus: code };
    }
    default:
      return { exitStatus: 0 };
  }
}
