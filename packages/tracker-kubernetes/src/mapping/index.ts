export { GPU_RESOURCE, distributions } from './accelerator.js';
export type { AcceleratorPlan, Distribution } from './accelerator.js';
export { arrayRangeOf, completionIndexFor, drmaa2Index } from './array-index.js';
export { TASK_ID_LAUNCHER, escapeExpansion } from './container.js';
export { kubernetesExtensionNames, kubernetesExtensions } from './extensions.js';
export {
  AnnotationKey,
  ArrayEnv,
  COMPLETION_INDEX_KEY,
  DRMAA2_PREFIX,
  HOLD_USER,
  JOB_CONTAINER_NAME,
  LabelKey,
  MANAGED_BY_VALUE,
} from './keys.js';
export type { ArrayRange, JobPlan, JobPlanInput, MappingOptions } from './options.js';
export { checkLogPaths, logTargets } from './output-paths.js';
export { archNames, osNames } from './placement.js';
export { MAX_ARRAY_MEMBERS, RERUNNABLE_RETRIES, arrayMemberCount, planJob } from './plan-job.js';
export { ownedPodSpecFields } from './pod-spec-patch.js';
export { deadlineSecondsFrom } from './resources.js';
export { DEFAULT_STAGED_PVC_SIZE, REDACTED_SECRET, StagePrefix } from './stage-in.js';
export { serializeTemplate, templateFromAnnotation } from './template-annotation.js';
