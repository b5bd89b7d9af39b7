import { type JobTemplate, jobTemplateKeys } from '@drmaa2/core';
import type { KubeJob } from '../kube-types.js';
import { parseJsonObject } from './json-object.js';
import { AnnotationKey } from './keys.js';
import { redactStageIn } from './stage-in.js';

const dateKeys = ['startTime', 'deadlineTime'] as const;

/**
 * The JSON stored in the `drmaa2.io/template` annotation: the template with Dates as ISO strings
 * and every `secret-data:` payload replaced by `secret-data:<redacted>`.
 */
export function serializeTemplate(template: JobTemplate): string {
  const stored: JobTemplate = { ...template };
  if (template.stageInFiles !== undefined) stored.stageInFiles = redactStageIn(template.stageInFiles);
  return JSON.stringify(stored);
}

/**
 * Reads a template back from the JSON {@link serializeTemplate} wrote: Dates restored, unknown keys
 * dropped. Returns `undefined` for anything that is not such JSON.
 */
export function parseTemplate(text: string): JobTemplate | undefined {
  const parsed = parseJsonObject(text);
  if (parsed === undefined) return undefined;
  const template: Record<string, unknown> = {};
  for (const key of jobTemplateKeys) {
    const value = parsed[key];
    if (value === undefined || value === null) continue;
    template[key] = value;
  }
  for (const key of dateKeys) {
    const value = template[key];
    if (value === undefined) continue;
    const date = typeof value === 'string' ? new Date(value) : undefined;
    if (date === undefined || Number.isNaN(date.getTime())) return undefined;
    template[key] = date;
  }
  if (typeof template.remoteCommand !== 'string') return undefined;
  return template;
}

/**
 * The template a Job was submitted with, from its `drmaa2.io/template` annotation, with Dates
 * restored and secret payloads redacted. Returns `undefined` when the Job has no such annotation or
 * it is unreadable (a Job not created by this tracker, or edited by hand).
 */
export function templateFromAnnotation(job: KubeJob): JobTemplate | undefined {
  const text = job.metadata?.annotations?.[AnnotationKey.Template];
  return typeof text === 'string' ? parseTemplate(text) : undefined;
}
