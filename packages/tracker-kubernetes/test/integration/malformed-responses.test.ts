import { ErrorCode, SessionManager, isJobState } from '@drmaa2/core';
import { afterEach, describe, expect, it } from 'vitest';
import { KubeConfig } from '@kubernetes/client-node';
import { KubeHttp } from '../../src/client/kube-http.js';
import { kubernetesTracker } from '../../src/index.js';
import { startHostileServer, type HostileRoute, type HostileServer } from '../support/hostile-server.js';

let server: HostileServer | undefined;
let sm: SessionManager | undefined;
afterEach(async () => {
  await sm?.close().catch(() => undefined);
  await server?.close();
  sm = undefined;
  server = undefined;
});

const managed = { 'app.kubernetes.io/managed-by': 'drmaa2', 'drmaa2.io/session': 's' };
const isJobList = (req: { method?: string }, url: URL): boolean => req.method === 'GET' && url.pathname.endsWith('/jobs') && url.searchParams.get('watch') !== 'true';

async function manager(route: HostileRoute): Promise<SessionManager> {
  server = await startHostileServer(route);
  sm = new SessionManager({ tracker: kubernetesTracker({ kubeconfigPath: server.kubeconfigPath, maxRetries: 1, retryBaseMs: 1 }) });
  return sm;
}

describe('malformed API answers', () => {
  it('truncated JSON is a clear DRM_COMMUNICATION error after the retries, not a crash', async () => {
    const m = await manager((req, url, res) => {
      if (!isJobList(req, url)) return false;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"kind":"JobList","items":[{"metadata":');
      return true;
    });
    const failure = await m.getJobSessionNames().catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: ErrorCode.DrmCommunication });
    expect(String(failure)).toContain('not a Kubernetes object');
    expect(server!.requests.filter((line) => line.startsWith('GET /apis/batch/v1/namespaces/default/jobs?') && !line.includes('watch=true'))).toHaveLength(2);
  });

  it('Jobs with missing fields or unknown states give valid states or UNDETERMINED', async () => {
    const m = await manager((req, url, res) => {
      if (!isJobList(req, url)) return false;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          kind: 'JobList',
          metadata: { resourceVersion: '5' },
          items: [
            {},
            { metadata: {} },
            { metadata: { name: 'no-status', labels: managed } },
            { metadata: { name: 'odd-conditions', labels: managed }, status: { conditions: 'not a list' } },
            { metadata: { name: 'unknown-types', labels: managed }, spec: { suspend: 'yes' }, status: { active: 'many', conditions: [{ type: 'Exploded', status: 'True' }, null] } },
            { metadata: { name: 'odd-array', labels: managed, annotations: { 'drmaa2.io/array': 'x,y,z' } }, status: { completedIndexes: 7 } },
          ],
        }),
      );
      return true;
    });
    const jobs = await (await m.openMonitoringSession()).getAllJobs();
    const states = await Promise.all(jobs.map(async (job) => [job.id, (await job.getState()).state] as const));
    expect(states.map(([id]) => id).sort()).toEqual(['default/no-status', 'default/odd-array', 'default/odd-conditions', 'default/unknown-types']);
    for (const [, state] of states) expect(isJobState(state)).toBe(true);
    expect(Object.fromEntries(states)['default/odd-conditions']).toBe('UNDETERMINED');
  });

  it('garbage in a watch stream is skipped; the events around it count', async () => {
    const m = await manager((req, url, res) => {
      if (!(url.pathname.endsWith('/jobs') && url.searchParams.get('watch') === 'true')) return false;
      if (url.searchParams.get('resourceVersion') !== '1') {
        res.writeHead(200, { 'content-type': 'application/json' });
        return true;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('this is not json\n{"type":"ADDED"}\n{"object":{}}\n[1,2,3]\nnull\n');
      res.write(`${JSON.stringify({ type: 'ADDED', object: { metadata: { name: 'after-garbage', resourceVersion: '2', labels: managed } } })}\n`);
      return true;
    });
    const monitoring = await m.openMonitoringSession();
    await expect.poll(async () => (await monitoring.getAllJobs()).map((job) => job.id)).toEqual(['default/after-garbage']);
  });

  it('a log answer that ignores limitBytes is cut off at the limit and the connection dropped', async () => {
    server = await startHostileServer((req, url, res) => {
      if (!url.pathname.endsWith('/log')) return false;
      res.writeHead(200, { 'content-type': 'text/plain' });
      const chunk = 'x'.repeat(64 * 1024);
      let sent = 0;
      const pump = (): void => {
        while (sent < 64 * 1024 * 1024 && res.write(chunk)) sent += chunk.length;
        if (sent < 64 * 1024 * 1024 && !res.destroyed) res.once('drain', pump);
      };
      pump();
      return true;
    });
    const kc = new KubeConfig();
    kc.loadFromFile(server.kubeconfigPath);
    const http = new KubeHttp(kc, { maxRetries: 0 });
    try {
      const text = await http.requestText({ method: 'GET', path: '/api/v1/namespaces/default/pods/p/log', query: { limitBytes: 1000 }, maxBytes: 1000 });
      expect(text).toHaveLength(1000);
    } finally {
      http.close();
    }
    expect(server.bytesWritten()).toBeLessThan(64 * 1024 * 1024);
  });
});
