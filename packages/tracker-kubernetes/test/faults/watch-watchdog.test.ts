import { SessionManager } from '@drmaa2/core';
import { KubeConfig } from '@kubernetes/client-node';
import { afterEach, describe, expect, it } from 'vitest';
import { KubeApiError } from '../../src/client/kube-api-error.js';
import { KubeHttp } from '../../src/client/kube-http.js';
import { kubernetesTracker } from '../../src/index.js';
import { startHostileServer, type HostileServer } from '../support/hostile-server.js';

let server: HostileServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A server whose watches answer 200 and then never send a byte, as over a half-open connection. */
async function silentWatches(): Promise<HostileServer> {
  return startHostileServer(() => false);
}

const watchRequests = (s: HostileServer): string[] => s.requests.filter((line) => line.includes('watch=true'));

describe('a watch that goes silent', () => {
  it('is dropped after watchIdleTimeoutMs without a byte, as a transport failure', async () => {
    server = await silentWatches();
    const kc = new KubeConfig();
    kc.loadFromFile(server.kubeconfigPath);
    const http = new KubeHttp(kc, { watchIdleTimeoutMs: 100 });
    try {
      const failure = await http.watch('/apis/batch/v1/namespaces/default/jobs', {}, () => undefined, new AbortController().signal).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(KubeApiError);
      expect(failure).toMatchObject({ status: 0 });
      expect(String(failure)).toContain('no data for 100 ms');
    } finally {
      http.close();
    }
  });

  it('is resumed by the tracker, and close() leaves no watchdog timer behind', async () => {
    server = await silentWatches();
    const before = process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;
    const sm = new SessionManager({ tracker: kubernetesTracker({ kubeconfigPath: server.kubeconfigPath, watchIdleTimeoutMs: 100, retryBaseMs: 1 }) });
    await sm.getJobSessionNames();
    await expect.poll(() => watchRequests(server!).length, { timeout: 15_000 }).toBeGreaterThanOrEqual(4);
    expect(watchRequests(server).every((line) => line.includes('resourceVersion=1'))).toBe(true);
    await sm.close();
    await expect.poll(() => process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length).toBeLessThanOrEqual(before);
  });
});
