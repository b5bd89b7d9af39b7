import { createHash, randomUUID } from 'node:crypto';
import { Drmaa2Error, ErrorCode, type SessionRecord } from '@drmaa2/core';
import { isKubeStatus, toDrmaa2Error } from '../client/kube-api-error.js';
import type { KubeHttp } from '../client/kube-http.js';
import { LabelKey, MANAGED_BY_VALUE } from '../mapping/keys.js';
import { labelValueProblem } from '../mapping/kube-names.js';

const recordLabel = 'drmaa2.io/session-record';

interface SessionConfigMap {
  readonly metadata?: { readonly name?: string };
  readonly data?: { readonly name?: string; readonly contact?: string };
}

/**
 * Checks a job session name: it labels every object of the session, so it must be a label value
 * (1 to 63 letters, digits, '-', '_' or '.', starting and ending alphanumeric); such a value can
 * never change the meaning of a label selector.
 * @throws Drmaa2Error `INVALID_ARGUMENT` naming the rule, before any request.
 */
export function checkSessionName(name: string): void {
  const problem = name.length === 0 ? 'must not be empty' : labelValueProblem(name);
  if (problem !== undefined) throw new Drmaa2Error(ErrorCode.InvalidArgument, `job session name ${JSON.stringify(name.slice(0, 80))}: ${problem}; the Kubernetes tracker labels the session's objects with it`);
}

/** The ConfigMap name of a session: session names may hold characters object names may not. */
export function sessionObjectName(name: string): string {
  return `drmaa2-session-${createHash('sha256').update(name).digest('hex').slice(0, 20)}`;
}

/**
 * Job sessions persisted as ConfigMaps in the tracker's namespace (label
 * `drmaa2.io/session-record`), so any process with the same kubeconfig reopens them.
 * @internal
 */
export class SessionStore {
  readonly #http: KubeHttp;
  readonly #namespace: string;

  constructor(http: KubeHttp, namespace: string) {
    this.#http = http;
    this.#namespace = namespace;
  }

  #path(name?: string): string {
    return `/api/v1/namespaces/${this.#namespace}/configmaps${name === undefined ? '' : `/${name}`}`;
  }

  async create(name: string, contact: string, signal?: AbortSignal): Promise<SessionRecord> {
    checkSessionName(name);
    const body = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        name: sessionObjectName(name),
        labels: { [LabelKey.ManagedBy]: MANAGED_BY_VALUE, [LabelKey.Session]: name, [recordLabel]: 'true' },
      },
      data: { name, contact, createId: randomUUID() },
    };
    try {
      await this.#http.request({ method: 'POST', path: this.#path(), body, ...(signal === undefined ? {} : { signal }) });
    } catch (error) {
      if (isKubeStatus(error, 409)) {
        if (error.afterLostAnswer) {
          // The lost answer may have been our own create: then the record is ours, not a clash.
          const path = this.#path(sessionObjectName(name));
          const map = await this.#http.request<SessionConfigMap & { data?: { createId?: string } }>({ method: 'GET', path, ...(signal === undefined ? {} : { signal }) }).catch(() => undefined);
          if (map?.data?.createId === body.data.createId) return { name, contact };
        }
        const existing = await this.get(name, signal);
        if (existing !== undefined) throw new Drmaa2Error(ErrorCode.InvalidArgument, `job session ${name} already exists`);
      }
      throw toDrmaa2Error(error, `creating job session ${name}`);
    }
    return { name, contact };
  }

  async get(name: string, signal?: AbortSignal): Promise<SessionRecord | undefined> {
    if (name.length === 0 || labelValueProblem(name) !== undefined) return undefined;
    try {
      const map = await this.#http.request<SessionConfigMap>({ method: 'GET', path: this.#path(sessionObjectName(name)), ...(signal === undefined ? {} : { signal }) });
      if (map.data?.name !== name) return undefined;
      return { name, contact: map.data.contact ?? '' };
    } catch (error) {
      if (isKubeStatus(error, 404)) return undefined;
      throw toDrmaa2Error(error, `reading job session ${name}`);
    }
  }

  async delete(name: string, signal?: AbortSignal): Promise<void> {
    if (name.length === 0 || labelValueProblem(name) !== undefined) throw new Drmaa2Error(ErrorCode.InvalidArgument, `job session ${JSON.stringify(name.slice(0, 80))} does not exist`);
    try {
      await this.#http.request({ method: 'DELETE', path: this.#path(sessionObjectName(name)), query: { propagationPolicy: 'Background' }, ...(signal === undefined ? {} : { signal }) });
    } catch (error) {
      if (isKubeStatus(error, 404) && error.afterLostAnswer) return;
      if (isKubeStatus(error, 404)) throw new Drmaa2Error(ErrorCode.InvalidArgument, `job session ${name} does not exist`);
      throw toDrmaa2Error(error, `destroying job session ${name}`);
    }
  }

  async names(signal?: AbortSignal): Promise<string[]> {
    try {
      const list = await this.#http.request<{ items?: SessionConfigMap[] }>({
        method: 'GET',
        path: this.#path(),
        query: { labelSelector: `${recordLabel}=true` },
        ...(signal === undefined ? {} : { signal }),
      });
      return (list.items ?? []).map((item) => item.data?.name).filter((name): name is string => typeof name === 'string');
    } catch (error) {
      throw toDrmaa2Error(error, 'listing job sessions');
    }
  }
}
