import { describe, expect, test } from 'vitest';
import type { KubeJob } from '../../src/kube-types.js';
import type { ObservedStatus } from '../../src/state/index.js';
import { MAX_FINAL_FACTS_BYTES, finalFactsValue, readFinalFacts, unitKey } from '../../src/tracker/final-facts.js';

const withFacts = (value: string): KubeJob => ({ metadata: { name: 'j', annotations: { 'drmaa2.io/final-facts': value } } });

describe('the final-facts annotation', () => {
  test('round-trips the facts of single jobs and array members, Dates included', () => {
    const failed: ObservedStatus = {
      state: 'FAILED',
      subState: 'OOMKilled',
      annotation: 'job container exited with code 137 (OOMKilled)',
      exitStatus: 137,
      terminatingSignal: 'SIGKILL',
      allocatedMachines: [{ machineName: 'n1', slots: 2 }],
      slots: 2,
      dispatchTime: new Date('2026-05-01T10:00:05Z'),
      finishTime: new Date('2026-05-01T10:01:05Z'),
      wallclockTime: 60,
      verdictPending: true,
    };
    const done: ObservedStatus = { state: 'DONE', exitStatus: 0 };
    const value = finalFactsValue(new Map([[unitKey(7), failed], [unitKey(undefined), done]]));
    expect(value).toBeDefined();
    const { verdictPending: _pending, ...kept } = failed;
    expect(readFinalFacts(withFacts(value!))).toEqual(new Map([['', done], ['7', kept]]));
  });

  test('unreadable values give no facts, never an error; fields of the wrong type are dropped', () => {
    for (const bad of ['', 'not json', '[]', '"x"', '{"": 5}', '{"": {"state": "SLEEPING"}}']) expect(readFinalFacts(withFacts(bad)).size).toBe(0);
    expect(readFinalFacts({ metadata: { name: 'j' } }).size).toBe(0);
    const odd = readFinalFacts(withFacts('{"":{"state":"FAILED","exitStatus":"1","dispatchTime":"yesterday","allocatedMachines":[{"machineName":1}]}}'));
    expect(odd.get('')).toEqual({ state: 'FAILED' });
  });

  test('facts too large for an annotation are not written', () => {
    const units = new Map<string, ObservedStatus>();
    for (let i = 0; i < 2000; i += 1) units.set(unitKey(i), { state: 'FAILED', annotation: 'x'.repeat(40), exitStatus: 1 });
    expect(finalFactsValue(units)).toBeUndefined();
    expect(Buffer.byteLength(finalFactsValue(new Map([...units].slice(0, 100)))!)).toBeLessThanOrEqual(MAX_FINAL_FACTS_BYTES);
  });
});
