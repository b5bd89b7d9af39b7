import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { podBody, raw, startTestSim, type TestSim } from '../support/test-sim.js';
import { WatchReader } from '../support/watch-reader.js';

let t: TestSim;
beforeAll(async () => {
  t = await startTestSim({
    controllers: true,
    timing: { podStartMs: 0, syncBatchMs: 0 },
    kubelet: { mode: 'scripted', script: () => ({ durationMs: Infinity }) },
  });
});
afterAll(async () => {
  await t.sim.stop();
});

type PodLine = { metadata: { name?: string; deletionTimestamp?: string }; status?: { phase?: string } };

describe('checklist 22 (with the kubelet): deletionTimestamp, then a terminal phase, then gone', () => {
  it('a running pod deleted through the API goes Running → deletionTimestamp → Failed/Succeeded → DELETED', async () => {
    const w = new WatchReader(t.sim, `/api/v1/namespaces/default/pods?watch=1&fieldSelector=metadata.name%3Dvictim&resourceVersion=${t.sim.store.resourceVersion}`);
    await w.opened;
    await raw(t.sim, 'POST', '/api/v1/namespaces/default/pods', podBody('victim'));
    await w.waitFor((lines) => lines.some((l) => (l.object as PodLine).status?.phase === 'Running'));
    const del = await t.core.deleteNamespacedPod({ name: 'victim', namespace: 'default', gracePeriodSeconds: 2 });
    expect(del.metadata?.deletionTimestamp).toBeDefined();
    expect(del.metadata?.deletionGracePeriodSeconds).toBe(2);
    await w.waitFor((lines) => lines.some((l) => l.type === 'DELETED'));
    const afterDelete = w.lines.slice(w.lines.findIndex((l) => (l.object as PodLine).metadata.deletionTimestamp !== undefined));
    const phases = afterDelete.map((l) => `${l.type}:${(l.object as PodLine).status?.phase ?? ''}`);
    expect(phases[0]).toBe('MODIFIED:Running');
    expect(phases.at(-1)).toMatch(/^DELETED:(Failed|Succeeded)$/);
    expect(phases.some((p) => /^MODIFIED:(Failed|Succeeded)$/.test(p))).toBe(true);
    expect(t.sim.store.get('pods', 'default', 'victim')).toBeUndefined();
    w.close();
  });
});
