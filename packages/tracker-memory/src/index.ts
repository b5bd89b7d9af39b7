export { builtinBehaviour } from './job-behaviour.js';
export type { JobBehaviour, JobBehaviourContext, JobBehaviourFunction } from './job-behaviour.js';
export { defaultMachines } from './memory-machines.js';
export type { MemoryMachine } from './memory-machines.js';
export { memoryTracker, memoryTracker as default } from './memory-tracker.js';
export type { MemoryTrackerOptions, MemoryTrackerPlugin } from './memory-tracker.js';
export { VirtualClock } from './virtual-clock.js';
export type { VirtualClockOptions } from './virtual-clock.js';
