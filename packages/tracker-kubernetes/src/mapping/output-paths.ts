import { isAbsolute } from 'node:path';
import { Placeholder, type JobTemplate } from '@drmaa2/core';
import { invalidField, quote } from './invalid.js';

const pathFields = ['outputPath', 'errorPath'] as const;

/**
 * Checks `outputPath` and `errorPath`: they name files on the host of the tracker that observes
 * the job end, so `$DRMAA2_WORKING_DIR$` (a directory inside the container) is refused, and after
 * `$DRMAA2_HOME_DIR$` (this host's home directory) and `$DRMAA2_INDEX$` the path must be absolute.
 * @throws Drmaa2Error `INVALID_ARGUMENT` naming the field.
 */
export function checkLogPaths(template: JobTemplate): void {
  for (const field of pathFields) {
    const value = template[field];
    if (value === undefined) continue;
    if (value.includes(Placeholder.WorkingDirectory)) {
      throw invalidField(field, `${Placeholder.WorkingDirectory} is a directory inside the container; the tracker writes the log on its own host, so give an absolute path or start with ${Placeholder.HomeDirectory}`);
    }
    if (value.includes('\0')) throw invalidField(field, 'must not contain a NUL character');
    const resolved = value.replaceAll(Placeholder.HomeDirectory, '/home').replaceAll(Placeholder.ParametricIndex, '1');
    if (!isAbsolute(resolved)) throw invalidField(field, `${quote(value)} must be an absolute path (or start with ${Placeholder.HomeDirectory})`);
  }
}

/**
 * The files a finished job's log is written to, with `$DRMAA2_HOME_DIR$` resolved to `home`
 * (`$DRMAA2_INDEX$` is resolved before, per array member). Kubernetes keeps stdout and stderr
 * in one log, so `errorPath` receives the same log as `outputPath` unless `joinFiles` is set.
 */
export function logTargets(template: JobTemplate, home: string): string[] {
  const resolve = (path: string | undefined): string | undefined => path?.replace(Placeholder.HomeDirectory, home);
  const output = resolve(template.outputPath);
  const error = template.joinFiles === true ? undefined : resolve(template.errorPath);
  return [...new Set([output, error].filter((path): path is string => path !== undefined))];
}
