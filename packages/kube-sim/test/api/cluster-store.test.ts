import { describe, expect, it } from 'vitest';
import { ClusterStore, isApiError, type StoreEvent } from '../../src/index.js';

function store(): ClusterStore {
  const s = new ClusterStore({ now: () => Date.parse('2026-04-26T18:35:42.789Z') });
  s.create('namespaces', undefined, { metadata: { name: 'default' } });
  return s;
}

describe('ClusterStore (the contract with the controllers half)', () => {
  it('create returns the frozen stored object; get/list return copies', () => {
    const s = store();
    const created = s.create('configmaps', 'default', { metadata: { name: 'a' }, data: { k: 'v' } });
    expect(Object.isFrozen(created)).toBe(true);
    expect(created.metadata.creationTimestamp).toBe('2026-04-26T18:35:42Z');
    const copy = s.get('configmaps', 'default', 'a');
    expect(Object.isFrozen(copy)).toBe(false);
    copy!.data = { k: 'changed' };
    expect(s.get('configmaps', 'default', 'a')?.data).toEqual({ k: 'v' });
  });

  it('listeners see events in resourceVersion order, also for writes made inside a listener', () => {
    const s = store();
    const seen: string[] = [];
    s.subscribe((e) => {
      if (e.type === 'ADDED' && e.object.metadata.name === 'first') s.create('configmaps', 'default', { metadata: { name: 'second' } });
    });
    s.subscribe((e) => seen.push(`${e.type}:${e.object.metadata.name ?? ''}:${e.object.metadata.resourceVersion ?? ''}`));
    s.create('configmaps', 'default', { metadata: { name: 'first' } });
    expect(seen).toEqual(['ADDED:first:2', 'ADDED:second:3']);
  });

  it('mutate: trusted, no write when nothing changed, status subresource takes only status, previous is reported', () => {
    const s = store();
    s.create('pods', 'default', { metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'i' }] } });
    const events: StoreEvent[] = [];
    s.subscribe((e) => events.push(e));
    const bound = s.mutate('pods', 'default', 'p', (o) => {
      (o.spec as { nodeName?: string }).nodeName = 'n1';
    });
    expect((bound?.spec as { nodeName: string }).nodeName).toBe('n1');
    expect(bound?.metadata.generation).toBe(2);
    const rv = s.resourceVersion;
    s.mutate('pods', 'default', 'p', () => undefined);
    expect(s.resourceVersion).toBe(rv);
    s.mutate('pods', 'default', 'p', (o) => {
      o.status = { phase: 'Running' };
      o.spec = {};
    }, { subresource: 'status' });
    const pod = s.get('pods', 'default', 'p');
    expect((pod?.status as { phase: string }).phase).toBe('Running');
    expect((pod?.spec as { nodeName: string }).nodeName).toBe('n1');
    expect(events.map((e) => e.type)).toEqual(['MODIFIED', 'MODIFIED']);
    expect((events[0]?.previous?.spec as { nodeName?: string }).nodeName).toBeUndefined();
    expect(s.mutate('pods', 'default', 'gone', () => undefined)).toBeUndefined();
  });

  it('delete returns undefined for missing objects; deleteObject throws 404', () => {
    const s = store();
    expect(s.delete('pods', 'default', 'nope')).toBeUndefined();
    let caught: unknown;
    try {
      s.deleteObject('pods', 'default', 'nope');
    } catch (error) {
      caught = error;
    }
    expect(isApiError(caught) && caught.code === 404).toBe(true);
  });

  it('eventsSince gives strictly-later events; compaction and the history limit make old versions 410', () => {
    const s = new ClusterStore({ historyLimit: 10 });
    s.create('namespaces', undefined, { metadata: { name: 'default' } });
    for (let i = 0; i < 5; i++) s.create('configmaps', 'default', { metadata: { name: `c${i}` } });
    expect(s.eventsSince(4).map((e) => e.rv)).toEqual([5, 6]);
    for (let i = 5; i < 20; i++) s.create('configmaps', 'default', { metadata: { name: `c${i}` } });
    expect(s.compactedRevision).toBeGreaterThan(0);
    expect(() => s.eventsSince(1)).toThrow(/too old resource version: 1/);
    s.compact();
    expect(s.eventsSince(Number(s.resourceVersion))).toEqual([]);
    expect(() => s.eventsSince(Number(s.resourceVersion) - 1)).toThrow(/Expired|too old/);
  });
});
