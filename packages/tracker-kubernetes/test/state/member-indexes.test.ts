import { describe, expect, test } from 'vitest';
import type { KubePod } from '../../src/kube-types.js';
import { indexListHas, parseIndexList } from '../../src/state/index.js';
import { KeptStatus } from '../../src/state/kept-status.js';
import { MemberPods } from '../../src/state/member-pods.js';
import { pod } from './fixtures.js';

/** Membership read the slow way, part by part, as Kubernetes documents the list. */
function naive(list: string, index: number): boolean {
  return list.split(',').some((part) => {
    const match = /^\s*(\d+)(?:-(\d+))?\s*$/.exec(part);
    if (match === null) return false;
    const low = Number(match[1]);
    return index >= low && index <= Number(match[2] ?? low);
  });
}

describe('parseIndexList', () => {
  test('agrees with a part-by-part reading on unordered, overlapping, adjacent and malformed lists', () => {
    const lists = ['1,3-5,7', '7,1,3-5', '0-4,2-9,20', '3-4,5-6', 'x,2', '5-3,8', ' 1 , 2-3 ', '', '0-99999'];
    for (const list of lists) {
      const set = parseIndexList(list);
      for (let i = 0; i <= 25; i += 1) expect(set.has(i), `${list} has ${i}`).toBe(naive(list, i));
      expect(indexListHas(list, 4)).toBe(naive(list, 4));
    }
    expect(parseIndexList(undefined).has(0)).toBe(false);
  });
});

describe('MemberPods', () => {
  type Named = KubePod & { metadata: { name: string } };
  const named = (name: string, index: number | undefined): Named => pod({ name, ...(index === undefined ? {} : { index }) }) as Named;

  test('finds a member by its completion index and follows a pod that moves or goes', () => {
    const pods = new MemberPods<Named>();
    pods.set(named('a', 0));
    pods.set(named('b', 1));
    pods.set(named('c', 1));
    expect(pods.member(1).map((p) => p.metadata.name)).toEqual(['b', 'c']);
    expect(pods.memberSize(0)).toBe(1);
    expect(pods.set(named('a', 2))).toBe(0);
    expect(pods.memberSize(0)).toBe(0);
    expect(pods.member(2).map((p) => p.metadata.name)).toEqual(['a']);
    expect(pods.delete('b')).toBe(1);
    expect(pods.delete('nope')).toBeUndefined();
    expect(pods.all().map((p) => p.metadata.name)).toEqual(['a', 'c']);
    expect(pods.size).toBe(2);
  });

  test('keeps the order pods came in, also past the size where a list gives way to a map', () => {
    const pods = new MemberPods<Named>();
    for (let i = 0; i < 12; i += 1) pods.set(named(`p${i}`, undefined));
    pods.set(named('p3', undefined));
    pods.delete('p5');
    expect(pods.all().map((p) => p.metadata.name)).toEqual(['p0', 'p1', 'p2', 'p3', 'p4', 'p6', 'p7', 'p8', 'p9', 'p10', 'p11']);
    expect(pods.member(0)).toEqual([]);
  });
});

describe('KeptStatus', () => {
  test('gives back the facts it kept, with the times as equal Dates and nothing unset', () => {
    const status = { state: 'FAILED' as const, subState: 'OOMKilled', exitStatus: 137, terminatingSignal: 'SIGKILL', dispatchTime: new Date(1000), finishTime: new Date(5000), allocatedMachines: [{ machineName: 'n1', slots: 1 }], wallclockTime: 4, slots: 1 };
    const kept = new KeptStatus(status, 2);
    expect(kept.pods).toBe(2);
    expect(kept.status()).toStrictEqual(status);
    expect(new KeptStatus({ state: 'DONE' }, 0).status()).toStrictEqual({ state: 'DONE' });
  });
});
