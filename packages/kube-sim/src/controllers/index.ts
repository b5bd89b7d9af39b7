/**
 * The controllers half of kube-sim: Job controller, TTL controller, scheduler and kubelets, plus
 * the simulated Node objects. See INTERFACE.md for how `startKubeSim` wires them to the store.
 */
export { startControllers, type RunningControllers } from './start-controllers.js';
export { nodeObjects, nodeNames, DEFAULT_NODE_SHAPE } from './node-objects.js';
export {
  resolveOptions,
  DEFAULT_TIMING,
  type ControllerOptions,
  type NodeOptions,
  type NodeShape,
  type TimingOptions,
  type KubeletOptions,
  type ScriptedKubeletOptions,
  type ProcessKubeletOptions,
} from './options.js';
export { realClock, type Clock } from './clock.js';
export type { PodLogSource, LogLine } from './kubelet/pod-logs.js';
export type { ContainerScript, ContainerScriptContext, ContainerOutcome, ScriptedFailureReason } from './kubelet/container-script.js';
export { parseQuantity, formatQuantity, QuantityError } from './quantity.js';
export { formatIndexSet, parseIndexSet } from './job/index-set.js';
