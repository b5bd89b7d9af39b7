/**
 * The kubelet's image pull failure cycle for one container: `ErrImagePull` (with the Pulling /
 * Failed events), shortly after `ImagePullBackOff`, then a new attempt after the back-off, which
 * doubles up to the kubelet maximum.
 */
import type { ContainerState } from './container-state.js';
import { pullErrorMessage } from './container-status.js';

/** What the cycle needs from the pod worker. */
export interface PullHooks {
  event(type: 'Normal' | 'Warning', reason: string, message: string): void;
  schedule(fn: () => void, ms: number): void;
  stopping(): boolean;
  writeStatus(): void;
  retry(): void;
  /** Delay before ErrImagePull turns into ImagePullBackOff. */
  backOffAfterMs: number;
  maxDelayMs: number;
}

/** Puts `c` into ErrImagePull and schedules the back-off and the retry. */
export function pullFailed(c: ContainerState, image: string, hooks: PullHooks, message = pullErrorMessage(image)): void {
  c.status = { ...c.status, state: { waiting: { reason: 'ErrImagePull', message } }, ready: false };
  hooks.event('Normal', 'Pulling', `Pulling image "${image}"`);
  hooks.event('Warning', 'Failed', `Failed to pull image "${image}": ${message}`);
  hooks.event('Warning', 'Failed', 'Error: ErrImagePull');
  const delay = c.pullDelay;
  c.pullDelay = Math.min(c.pullDelay * 2, hooks.maxDelayMs);
  hooks.schedule(() => {
    if (hooks.stopping()) return;
    c.status = { ...c.status, state: { waiting: { reason: 'ImagePullBackOff', message: `Back-off pulling image "${image}"` } } };
    hooks.event('Normal', 'BackOff', `Back-off pulling image "${image}"`);
    hooks.event('Warning', 'Failed', 'Error: ImagePullBackOff');
    hooks.writeStatus();
    hooks.schedule(() => hooks.retry(), delay);
  }, Math.min(delay, hooks.backOffAfterMs));
}
