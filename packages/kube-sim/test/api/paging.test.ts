import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiFailure, raw, startTestSim, type TestSim } from '../support/test-sim.js';

let t: TestSim;
beforeAll(async () => {
  t = await startTestSim({ namespaces: ['page'] });
  for (let i = 0; i < 7; i++) {
    t.sim.store.create('configmaps', 'page', { metadata: { name: `cm-${i}`, labels: { even: String(i % 2 === 0) } } });
  }
});
afterAll(async () => {
  await t.sim.stop();
});

interface CmList {
  kind: string;
  apiVersion: string;
  metadata: { resourceVersion: string; continue?: string; remainingItemCount?: number };
  items: { kind?: string; apiVersion?: string; metadata: { name: string } }[];
}

describe('checklist 10: limit/continue paging; list metadata.resourceVersion', () => {
  it('pages with continue tokens and remainingItemCount; the last page has no continue', async () => {
    const seen: string[] = [];
    let cont: string | undefined;
    const pages: CmList[] = [];
    do {
      const res = await raw(t.sim, 'GET', `/api/v1/namespaces/page/configmaps?limit=3${cont !== undefined ? `&continue=${encodeURIComponent(cont)}` : ''}`);
      const page = res.json<CmList>();
      pages.push(page);
      seen.push(...page.items.map((i) => i.metadata.name));
      cont = page.metadata.continue;
    } while (cont !== undefined);
    expect(seen).toEqual(['cm-0', 'cm-1', 'cm-2', 'cm-3', 'cm-4', 'cm-5', 'cm-6']);
    expect(pages.map((p) => p.metadata.remainingItemCount)).toEqual([4, 1, undefined]);
    expect(new Set(pages.map((p) => p.metadata.resourceVersion)).size).toBe(1);
    expect(pages[0]?.kind).toBe('ConfigMapList');
    expect(pages[0]?.apiVersion).toBe('v1');
    expect(pages[0]?.items[0]?.kind).toBeUndefined();
    expect(pages[0]?.items[0]?.apiVersion).toBeUndefined();
  });

  it('client-node pages with _continue; selectors page without remainingItemCount', async () => {
    const first = await t.core.listNamespacedConfigMap({ namespace: 'page', limit: 2, labelSelector: 'even=true' });
    expect(first.items.map((i) => i.metadata?.name)).toEqual(['cm-0', 'cm-2']);
    expect(first.metadata?.remainingItemCount).toBeUndefined();
    const second = await t.core.listNamespacedConfigMap({ namespace: 'page', limit: 2, labelSelector: 'even=true', _continue: first.metadata?._continue ?? '' });
    expect(second.items.map((i) => i.metadata?.name)).toEqual(['cm-4', 'cm-6']);
    expect(second.metadata?._continue).toBeUndefined();
  });

  it('continue pages are consistent with the first page (MVCC snapshot at its resourceVersion)', async () => {
    const first = await t.core.listNamespacedConfigMap({ namespace: 'page', limit: 3 });
    t.sim.store.delete('configmaps', 'page', 'cm-5');
    t.sim.store.create('configmaps', 'page', { metadata: { name: 'cm-45' } });
    t.sim.store.mutate('configmaps', 'page', 'cm-4', (o) => {
      o.data = { changed: 'yes' };
    });
    const rest = await t.core.listNamespacedConfigMap({ namespace: 'page', _continue: first.metadata?._continue ?? '' });
    expect(rest.items.map((i) => i.metadata?.name)).toEqual(['cm-3', 'cm-4', 'cm-5', 'cm-6']);
    expect(rest.items[1]?.data).toBeUndefined();
    expect(rest.metadata?.resourceVersion).toBe(first.metadata?.resourceVersion);
    const fresh = await t.core.listNamespacedConfigMap({ namespace: 'page' });
    expect(fresh.items.map((i) => i.metadata?.name)).toEqual(['cm-0', 'cm-1', 'cm-2', 'cm-3', 'cm-4', 'cm-45', 'cm-6']);
    t.sim.store.create('configmaps', 'page', { metadata: { name: 'cm-5' } });
    t.sim.store.delete('configmaps', 'page', 'cm-45');
  });

  it('resourceVersionMatch=Exact lists the state at that version', async () => {
    const before = t.sim.store.resourceVersion;
    t.sim.store.create('configmaps', 'page', { metadata: { name: 'zz-late' } });
    const res = await raw(t.sim, 'GET', `/api/v1/namespaces/page/configmaps?resourceVersion=${before}&resourceVersionMatch=Exact`);
    const list = res.json<CmList>();
    expect(list.metadata.resourceVersion).toBe(before);
    expect(list.items.map((i) => i.metadata.name)).not.toContain('zz-late');
    t.sim.store.delete('configmaps', 'page', 'zz-late');
  });

  it('the list resourceVersion is the current global one', async () => {
    const list = await t.core.listNamespacedConfigMap({ namespace: 'page' });
    expect(list.metadata?.resourceVersion).toBe(t.sim.store.resourceVersion);
  });

  it('an expired continue token gives 410 Expired; a malformed one 400', async () => {
    const first = await t.core.listNamespacedConfigMap({ namespace: 'page', limit: 2 });
    t.sim.store.create('configmaps', 'page', { metadata: { name: 'later' } });
    t.sim.faults.compact();
    const failure = await apiFailure(t.core.listNamespacedConfigMap({ namespace: 'page', limit: 2, _continue: first.metadata?._continue ?? '' }));
    expect(failure.code).toBe(410);
    expect(failure.body.reason).toBe('Expired');
    expect((await apiFailure(t.core.listNamespacedConfigMap({ namespace: 'page', _continue: 'garbage!' }))).code).toBe(400);
  });
});
