import { describe, expect, it } from 'vitest';
import { applyJsonPatch } from '../../src/patch/json-patch.js';
import { applyMergePatch } from '../../src/patch/merge-patch.js';
import { applyStrategicMergePatch } from '../../src/patch/strategic-merge-patch.js';

describe('checklist 24: patch semantics (unit)', () => {
  const pod = {
    metadata: { finalizers: ['a', 'b'], labels: { x: '1' } },
    spec: {
      containers: [{ name: 'main', image: 'i:1', env: [{ name: 'A', value: '1' }], ports: [{ containerPort: 80 }], volumeMounts: [{ name: 'v', mountPath: '/v' }] }],
      volumes: [{ name: 'v', emptyDir: {} }],
      tolerations: [{ key: 't1' }],
    },
  };

  it('strategic: env, ports, volumeMounts, volumes merge by key; tolerations replace; finalizers merge as a set', () => {
    const out = applyStrategicMergePatch(pod, {
      metadata: { finalizers: ['c', 'a'] },
      spec: {
        containers: [{ name: 'main', env: [{ name: 'B', value: '2' }, { name: 'A', value: '9' }], ports: [{ containerPort: 81 }], volumeMounts: [{ name: 'w', mountPath: '/w' }] }],
        volumes: [{ name: 'w', emptyDir: {} }],
        tolerations: [{ key: 't2' }],
      },
    });
    expect(out).toEqual({
      metadata: { finalizers: ['a', 'b', 'c'], labels: { x: '1' } },
      spec: {
        containers: [{
          name: 'main', image: 'i:1',
          env: [{ name: 'A', value: '9' }, { name: 'B', value: '2' }],
          ports: [{ containerPort: 80 }, { containerPort: 81 }],
          volumeMounts: [{ name: 'v', mountPath: '/v' }, { name: 'w', mountPath: '/w' }],
        }],
        volumes: [{ name: 'v', emptyDir: {} }, { name: 'w', emptyDir: {} }],
        tolerations: [{ key: 't2' }],
      },
    });
  });

  it('strategic directives: $deleteFromPrimitiveList, $patch delete/replace, null', () => {
    const out = applyStrategicMergePatch(pod, {
      metadata: { '$deleteFromPrimitiveList/finalizers': ['a'], labels: { x: null } },
      spec: { containers: [{ name: 'main', env: [{ name: 'A', $patch: 'delete' }] }], volumes: [{ $patch: 'replace' }, { name: 'z' }] },
    }) as typeof pod;
    expect(out.metadata).toEqual({ finalizers: ['b'], labels: {} });
    expect(out.spec.containers[0]?.env).toEqual([]);
    expect(out.spec.volumes).toEqual([{ name: 'z' }]);
  });

  it('merge patch replaces lists and deletes with null', () => {
    expect(applyMergePatch({ a: [1, 2], b: { c: 1, d: 2 } }, { a: [3], b: { c: null } })).toEqual({ a: [3], b: { d: 2 } });
  });

  it('json patch: add to arrays with -, remove, move, copy; missing paths throw 422', () => {
    expect(applyJsonPatch({ a: [1], b: { c: 1 } }, [
      { op: 'add', path: '/a/-', value: 2 },
      { op: 'copy', from: '/b/c', path: '/d' },
      { op: 'move', from: '/b', path: '/e' },
      { op: 'remove', path: '/a/0' },
    ])).toEqual({ a: [2], d: 1, e: { c: 1 } });
    expect(() => applyJsonPatch({}, [{ op: 'replace', path: '/x/y', value: 1 }])).toThrow(/missing path/);
  });
});
