import { Drmaa2Error, ErrorCode } from '@drmaa2/core';

/** A DRMAA2 job id of this tracker, taken apart: the Job's namespace and name, and a bulk index. */
export interface ParsedJobId {
  /** The namespace of the Kubernetes Job. */
  readonly namespace: string;
  /** The name of the Kubernetes Job. */
  readonly name: string;
  /** The DRMAA2 bulk index of an array member; unset for single jobs. */
  readonly index?: number;
}

const pattern = /^([a-z0-9-]+)\/([a-z0-9.-]+)(?:\[(\d+)\])?$/;

/**
 * Job ids are `namespace/name` for a single job and `namespace/name[index]` for a member of an
 * array (index = the DRMAA2 bulk index); array ids are `namespace/name`.
 */
export function formatJobId(namespace: string, name: string, index?: number): string {
  return index === undefined ? `${namespace}/${name}` : `${namespace}/${name}[${index}]`;
}

/** Parses a job or array id; `undefined` for strings this tracker never made. */
export function parseJobId(id: string): ParsedJobId | undefined {
  const match = pattern.exec(id);
  if (match === null) return undefined;
  const [, namespace = '', name = '', index] = match;
  return index === undefined ? { namespace, name } : { namespace, name, index: Number(index) };
}

/** Like {@link parseJobId}, for ids that must be valid. @throws Drmaa2Error `INVALID_ARGUMENT`. */
export function requireJobId(id: string): ParsedJobId {
  const parsed = parseJobId(id);
  if (parsed === undefined) throw new Drmaa2Error(ErrorCode.InvalidArgument, `job id ${JSON.stringify(id)}: not a job of the Kubernetes tracker`);
  return parsed;
}
