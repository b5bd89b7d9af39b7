import { badRequest, notFound } from '../store/api-error.js';
import { isObject, objectsAt, stringAt } from '../store/object-util.js';
import { resourceInfo } from '../store/resources.js';
import type { KubeObject } from '../store/types.js';
import type { PodLogSource } from '../logs/pod-log-source.js';
import { sendText, type HttpExchange } from './respond.js';
import type { ResourceRequest } from './request-info.js';
import type { ServerContext } from './server-context.js';

function names(pod: KubeObject, field: string): string[] {
  return objectsAt(pod.spec, field).map((c) => stringAt(c, 'name') ?? '');
}

function chooseContainer(pod: KubeObject, requested: string | null): string {
  const podName = pod.metadata.name ?? '';
  const containers = names(pod, 'containers');
  const inits = names(pod, 'initContainers');
  if (requested === null || requested === '') {
    if (containers.length === 1 && containers[0] !== undefined) return containers[0];
    const initPart = inits.length > 0 ? ` or one of the init containers: [${inits.join(' ')}]` : '';
    throw badRequest(`a container name must be specified for pod ${podName}, choose one of: [${containers.join(' ')}]${initPart}`);
  }
  if (![...containers, ...inits, ...names(pod, 'ephemeralContainers')].includes(requested)) {
    throw badRequest(`container ${requested} is not valid for pod ${podName}`);
  }
  return requested;
}

function containerState(pod: KubeObject, container: string): Record<string, unknown> {
  const status = isObject(pod.status) ? pod.status : {};
  for (const list of ['containerStatuses', 'initContainerStatuses', 'ephemeralContainerStatuses']) {
    const found = objectsAt(status, list).find((s) => s.name === container);
    if (found !== undefined && isObject(found.state)) return found.state;
  }
  return {};
}

interface LogQuery {
  tailLines?: number;
  limitBytes?: number;
  timestamps: boolean;
  sinceMs?: number;
}

function logQuery(q: URLSearchParams, now: number): LogQuery {
  const out: LogQuery = { timestamps: q.get('timestamps') === 'true' };
  const num = (k: string): number | undefined => {
    const v = q.get(k);
    if (v === null) return undefined;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0) throw badRequest(`invalid ${k}: ${v}`);
    return n;
  };
  const tail = num('tailLines');
  if (tail !== undefined) out.tailLines = tail;
  const limit = num('limitBytes');
  if (limit !== undefined) out.limitBytes = limit;
  const since = num('sinceSeconds');
  const sinceTime = q.get('sinceTime');
  if (since !== undefined) out.sinceMs = now - since * 1000;
  else if (sinceTime !== null) out.sinceMs = Date.parse(sinceTime);
  return out;
}

function render(source: PodLogSource, ns: string, pod: string, c: string, previous: boolean, q: LogQuery, fallbackTime: string): string | undefined {
  const timed = source.lines?.(ns, pod, c, { previous });
  let lines: { time: string; text: string }[];
  if (timed !== undefined) lines = timed;
  else {
    const text = source.read(ns, pod, c, { previous });
    if (text === undefined) return undefined;
    const split = text.split('\n');
    if (split[split.length - 1] === '') split.pop();
    lines = split.map((t) => ({ time: fallbackTime, text: t }));
  }
  if (q.sinceMs !== undefined) lines = lines.filter((l) => Date.parse(l.time) >= (q.sinceMs ?? 0));
  if (q.tailLines !== undefined) lines = q.tailLines === 0 ? [] : lines.slice(-q.tailLines);
  let out = lines.map((l) => `${q.timestamps ? `${l.time} ` : ''}${l.text}\n`).join('');
  if (q.limitBytes !== undefined) out = Buffer.from(out).subarray(0, q.limitBytes).toString('utf8');
  return out;
}

/** GET pods/{name}/log: container choice and errors as the real server, `follow` as a chunked stream. */
export function handlePodLog(ctx: ServerContext, ex: HttpExchange, req: ResourceRequest): void {
  const ns = req.namespace ?? '';
  const podName = req.name ?? '';
  const pod = ctx.store.getShared('pods', ns, podName);
  if (pod === undefined) throw notFound(resourceInfo('pods'), podName);
  const container = chooseContainer(pod, req.query.get('container'));
  const previous = req.query.get('previous') === 'true';
  const q = logQuery(req.query, ctx.store.now());
  if (stringAt(pod.spec, 'nodeName') === undefined) {
    sendText(ex, 200, '');
    return;
  }
  const state = containerState(pod, container);
  const started = stringAt(state.running, 'startedAt') ?? stringAt(state.terminated, 'startedAt') ?? new Date(ctx.store.now()).toISOString();
  const text = render(ctx.logs, ns, podName, container, previous, q, started);
  if (text === undefined) {
    if (previous) throw badRequest(`previous terminated container "${container}" in pod "${podName}" not found`);
    const reason = stringAt(state.waiting, 'reason') ?? 'ContainerCreating';
    throw badRequest(`container "${container}" in pod "${podName}" is waiting to start: ${reason}`);
  }
  const follow = req.query.get('follow') === 'true' && !previous && state.terminated === undefined;
  if (!follow) {
    sendText(ex, 200, text);
    return;
  }
  const res = ex.res;
  res.writeHead(200, { 'Content-Type': 'text/plain', 'Cache-Control': 'no-cache, private', 'Transfer-Encoding': 'chunked' });
  let sent = 0;
  const write = (chunk: string): void => {
    let out = chunk;
    if (q.limitBytes !== undefined) {
      out = Buffer.from(out).subarray(0, Math.max(0, q.limitBytes - sent)).toString('utf8');
      if (out === '') return;
    }
    if (q.timestamps) out = out.replace(/^(?=.)/gm, `${new Date(ctx.store.now()).toISOString()} `);
    sent += Buffer.byteLength(out);
    ctx.stats.countBytes(Buffer.byteLength(out));
    res.write(out);
  };
  if (text !== '') {
    sent += Buffer.byteLength(text);
    ctx.stats.countBytes(Buffer.byteLength(text));
    res.write(text);
  }
  let done = false;
  let stop: () => void = () => undefined;
  const finish = (): void => {
    if (done) return;
    done = true;
    stop();
    ctx.streams.delete(finish);
    res.end();
  };
  ctx.streams.add(finish);
  res.on('close', finish);
  stop = ctx.logs.follow(ns, podName, container, write, finish);
  if (done) stop();
}
