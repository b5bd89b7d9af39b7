import type { KubeObject, ResourceName } from '../../store/types.js';
import { printerFor } from './columns.js';

/** Whether the `Accept` header asks for a `meta.k8s.io` Table (as `kubectl get` does). */
export function wantsTable(accept: string | undefined): boolean {
  return accept !== undefined && /as=Table/.test(accept) && /g=meta\.k8s\.io/.test(accept);
}

/** `includeObject`: what each row carries (default: PartialObjectMetadata). */
export type IncludeObject = 'None' | 'Metadata' | 'Object';

/** Reads `includeObject` from the query (default Metadata). */
export function includeObjectOf(query: URLSearchParams): IncludeObject {
  const v = query.get('includeObject');
  return v === 'None' || v === 'Object' ? v : 'Metadata';
}

function rowObject(obj: KubeObject, include: IncludeObject): unknown {
  if (include === 'None') return undefined;
  if (include === 'Object') return obj;
  return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: obj.metadata };
}

/** A `meta.k8s.io/v1` Table of objects, with the resource's columns. */
export function toTable(
  resource: ResourceName,
  objects: readonly KubeObject[],
  opts: { now: number; include: IncludeObject; resourceVersion?: string; continue?: string; remainingItemCount?: number },
): Record<string, unknown> {
  const printer = printerFor(resource);
  const metadata: Record<string, unknown> = {};
  if (opts.resourceVersion !== undefined) metadata.resourceVersion = opts.resourceVersion;
  if (opts.continue !== undefined) metadata.continue = opts.continue;
  if (opts.remainingItemCount !== undefined) metadata.remainingItemCount = opts.remainingItemCount;
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata,
    columnDefinitions: printer.columns,
    rows: objects.map((o) => {
      const row: Record<string, unknown> = { cells: printer.cells(o, opts.now) };
      const object = rowObject(o, opts.include);
      if (object !== undefined) row.object = object;
      return row;
    }),
  };
}
