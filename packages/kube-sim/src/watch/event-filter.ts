import { matchesFields, type FieldRequirement } from '../selectors/field-selector.js';
import { matchesLabels, type LabelSelector } from '../selectors/label-selector.js';
import type { KubeObject, ResourceName, StoreEvent } from '../store/types.js';

/** The watch event type a client sees. */
export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

/** What one watch selects: resource, namespace and selectors. */
export interface WatchScope {
  resource: ResourceName;
  namespace?: string;
  labels: LabelSelector;
  fields: readonly FieldRequirement[];
}

/** Whether an object is inside the scope (namespace, labels, fields). */
export function inScope(scope: WatchScope, obj: KubeObject): boolean {
  if (scope.namespace !== undefined && obj.metadata.namespace !== scope.namespace) return false;
  if (scope.labels.length > 0 && !matchesLabels(scope.labels, obj.metadata.labels)) return false;
  return scope.fields.length === 0 || matchesFields(scope.resource, scope.fields, obj);
}

/**
 * The event a watcher of `scope` sees for a store event, as the real watch cache computes it:
 * an object entering the selection is ADDED, one leaving it is DELETED (with its new state).
 * Undefined when the watcher sees nothing.
 */
export function visibleEvent(scope: WatchScope, event: StoreEvent): WatchEventType | undefined {
  if (event.resource !== scope.resource) return undefined;
  const now = inScope(scope, event.object);
  if (event.type === 'ADDED') return now ? 'ADDED' : undefined;
  if (event.type === 'DELETED') return now ? 'DELETED' : undefined;
  const before = event.previous !== undefined && inScope(scope, event.previous);
  if (now && before) return 'MODIFIED';
  if (now) return 'ADDED';
  return before ? 'DELETED' : undefined;
}
