export { arrayMemberStatus, memberIndexes, type MemberIndexes } from './array-member-status.js';
export { indexListHas, parseIndexList, type IndexSet } from './indexes.js';
export { jobStatus } from './job-status.js';
export type { ObservedStatus } from './observed-status.js';
export { signalName, terminatingSignal } from './signals.js';
