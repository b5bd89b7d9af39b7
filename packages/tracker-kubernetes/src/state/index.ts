export { arrayMemberStatus } from './array-member-status.js';
export { indexListHas } from './indexes.js';
export { jobStatus } from './job-status.js';
export type { ObservedStatus } from './observed-status.js';
export { signalName, terminatingSignal } from './signals.js';
