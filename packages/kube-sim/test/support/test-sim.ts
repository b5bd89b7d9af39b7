import { BatchV1Api, CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { startKubeSim, type KubeSim, type KubeSimOptions } from '../../src/index.js';

/** A started simulator with client-node clients loaded from its kubeconfig file. */
export interface TestSim {
  sim: KubeSim;
  kc: KubeConfig;
  core: CoreV1Api;
  batch: BatchV1Api;
}

/** Starts a simulator (controllers off unless asked) and loads its kubeconfig into client-node. */
export async function startTestSim(options: KubeSimOptions = {}): Promise<TestSim> {
  const sim = await startKubeSim({ controllers: false, ...options });
  const kc = new KubeConfig();
  kc.loadFromFile(sim.kubeconfigPath);
  return { sim, kc, core: kc.makeApiClient(CoreV1Api), batch: kc.makeApiClient(BatchV1Api) };
}

/** A raw HTTP response. */
export interface RawResponse {
  status: number;
  headers: Headers;
  text: string;
  json<T = Record<string, unknown>>(): T;
}

/** Sends a raw request to the simulator over plain HTTP with its token (or `token: null` for none). */
export async function raw(
  sim: KubeSim,
  method: string,
  path: string,
  body?: unknown,
  opts: { contentType?: string; token?: string | null } = {},
): Promise<RawResponse> {
  const headers: Record<string, string> = {};
  const token = opts.token === undefined ? sim.token : opts.token;
  if (token !== null) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = opts.contentType ?? 'application/json';
  const res = await fetch(`${sim.url}${path}`, {
    method,
    headers,
    ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: <T>() => JSON.parse(text) as T };
}

/** A minimal valid Job body. */
export function jobBody(name: string, spec: Record<string, unknown> = {}, metadata: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name, ...metadata },
    spec: {
      template: { spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'busybox:1.36', command: ['true'] }] } },
      ...spec,
    },
  };
}

/** A minimal valid Pod body (optionally already bound to a node). */
export function podBody(name: string, extra: { nodeName?: string; containers?: string[]; labels?: Record<string, string> } = {}): Record<string, unknown> {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, ...(extra.labels !== undefined ? { labels: extra.labels } : {}) },
    spec: {
      restartPolicy: 'Never',
      ...(extra.nodeName !== undefined ? { nodeName: extra.nodeName } : {}),
      containers: (extra.containers ?? ['main']).map((c) => ({ name: c, image: 'busybox:1.36' })),
    },
  };
}

/** The client-node `ApiException` fields, parsed: HTTP code and the Status body. */
export async function apiFailure(promise: Promise<unknown>): Promise<{ code: number; body: Record<string, unknown>; headers: Record<string, string> }> {
  try {
    await promise;
  } catch (error: unknown) {
    const e = error as { code?: number; body?: unknown; headers?: Record<string, string> };
    if (typeof e.code !== 'number') throw error;
    const body = typeof e.body === 'string' ? (JSON.parse(e.body) as Record<string, unknown>) : {};
    return { code: e.code, body, headers: e.headers ?? {} };
  }
  throw new Error('expected the call to fail');
}
