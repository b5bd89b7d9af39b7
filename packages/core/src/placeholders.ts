import type { JobTemplate } from './job-template.js';

/**
 * The DRMAA2 placeholders. `HomeDirectory` may stand only at the start of `workingDirectory`,
 * `inputPath`, `outputPath` and `errorPath`; `WorkingDirectory` only at the start of the three
 * paths; `ParametricIndex` anywhere in those four attributes, and only in `runBulkJobs`.
 */
export const Placeholder = {
  HomeDirectory: '$DRMAA2_HOME_DIR$',
  WorkingDirectory: '$DRMAA2_WORKING_DIR$',
  ParametricIndex: '$DRMAA2_INDEX$',
} as const;

/** One of the {@link Placeholder} literals. */
export type Placeholder = (typeof Placeholder)[keyof typeof Placeholder];

/** The template attributes in which placeholders may appear. */
export const placeholderAttributes = ['workingDirectory', 'inputPath', 'outputPath', 'errorPath'] as const;

/**
 * The template of bulk member `index`: every `$DRMAA2_INDEX$` in the path attributes replaced by
 * the index in decimal. Other attributes are copied unchanged.
 */
export function templateForIndex(template: JobTemplate, index: number): JobTemplate {
  const member: JobTemplate = { ...template };
  for (const key of placeholderAttributes) {
    const value = member[key];
    if (value !== undefined) member[key] = value.split(Placeholder.ParametricIndex).join(String(index));
  }
  return member;
}
