/**
 * Writes core/v1 Events as the real components do (`reason`, `message`, `source.component`,
 * `involvedObject`), e.g. `SuccessfulCreate` from `job-controller`. Failures to write are ignored,
 * like a real recorder drops events.
 */
import type { StorePort, StoredObject } from './store-port.js';
import { kubeTime } from './time-format.js';

/** A counter shared by every recorder of one simulator, so event names never collide. */
export interface EventSequence {
  next: number;
}

/** Records events for one component. */
export class EventRecorder {
  constructor(
    private readonly sequence: EventSequence,
    private readonly store: StorePort,
    private readonly component: string,
    private readonly now: () => number,
    private readonly enabled: boolean,
    private readonly host?: string,
  ) {}

  /** Records a `Normal` or `Warning` event about `obj`. Never throws. */
  record(obj: StoredObject, type: 'Normal' | 'Warning', reason: string, message: string, host?: string): void {
    if (!this.enabled) return;
    const ns = obj.metadata.namespace ?? 'default';
    const now = this.now();
    const time = kubeTime(now);
    const suffix = (BigInt(now) * 1_000_000n + BigInt(++this.sequence.next)).toString(16);
    const sourceHost = host ?? this.host;
    try {
      this.store.create('events', ns, {
        apiVersion: 'v1',
        kind: 'Event',
        metadata: { name: `${obj.metadata.name ?? 'unknown'}.${suffix}`, namespace: ns },
        involvedObject: {
          kind: obj.kind,
          namespace: obj.metadata.namespace,
          name: obj.metadata.name,
          uid: obj.metadata.uid,
          apiVersion: obj.apiVersion,
          resourceVersion: obj.metadata.resourceVersion,
        },
        reason,
        message,
        source: sourceHost ? { component: this.component, host: sourceHost } : { component: this.component },
        firstTimestamp: time,
        lastTimestamp: time,
        count: 1,
        type,
        eventTime: null,
        reportingComponent: this.component,
        reportingInstance: sourceHost ?? '',
      });
    } catch {
      // Dropped, as a real recorder drops events it cannot write.
    }
  }
}
