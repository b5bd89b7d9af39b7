import type { KubePod } from '../kube-types.js';
import { completionIndexOf } from './pod-facts.js';

const noPods: readonly never[] = Object.freeze([]);
/** Up to this many pods are kept in a list (most Jobs have one pod, and a Map costs more); more in a Map. */
const listedPods = 8;

/**
 * The pods of one Job, by name and by completion index, kept up to date one pod event at a time,
 * so an array member's pods are found without looking at the other members' pods.
 */
export class MemberPods<T extends KubePod & { readonly metadata: { readonly name: string } }> {
  #byName: T[] | Map<string, T> = [];
  /** Made on the first indexed pod: single jobs' pods have no index. */
  #byIndex: Map<number, Map<string, T>> | undefined;

  /** How many pods the Job has. */
  get size(): number {
    return Array.isArray(this.#byName) ? this.#byName.length : this.#byName.size;
  }

  /** Every pod of the Job. */
  all(): T[] {
    return Array.isArray(this.#byName) ? [...this.#byName] : [...this.#byName.values()];
  }

  #get(name: string): T | undefined {
    return Array.isArray(this.#byName) ? this.#byName.find((pod) => pod.metadata.name === name) : this.#byName.get(name);
  }

  #put(pod: T): void {
    const name = pod.metadata.name;
    if (!Array.isArray(this.#byName)) {
      this.#byName.set(name, pod);
      return;
    }
    const at = this.#byName.findIndex((known) => known.metadata.name === name);
    if (at >= 0) this.#byName[at] = pod;
    else if (this.#byName.length < listedPods) this.#byName.push(pod);
    else this.#byName = new Map([...this.#byName, pod].map((known) => [known.metadata.name, known]));
  }

  #remove(name: string): void {
    if (!Array.isArray(this.#byName)) this.#byName.delete(name);
    else {
      const at = this.#byName.findIndex((known) => known.metadata.name === name);
      if (at >= 0) this.#byName.splice(at, 1);
    }
  }

  /** The pods of completion index `index` (0-based). */
  member(index: number): readonly T[] {
    const pods = this.#byIndex?.get(index);
    return pods === undefined ? noPods : [...pods.values()];
  }

  /** How many pods completion index `index` has. */
  memberSize(index: number): number {
    return this.#byIndex?.get(index)?.size ?? 0;
  }

  /** Adds or replaces a pod; returns the completion index it had before, if another. */
  set(pod: T): number | undefined {
    const name = pod.metadata.name;
    const before = this.#get(name);
    const previous = before === undefined ? undefined : completionIndexOf(before);
    const index = completionIndexOf(pod);
    if (previous !== undefined && previous !== index) this.#leave(previous, name);
    this.#put(pod);
    if (index !== undefined) {
      this.#byIndex ??= new Map<number, Map<string, T>>();
      let pods = this.#byIndex.get(index);
      if (pods === undefined) this.#byIndex.set(index, (pods = new Map<string, T>()));
      pods.set(name, pod);
    }
    return previous !== index ? previous : undefined;
  }

  /** Removes a pod by name; returns its completion index, if it had one. */
  delete(name: string): number | undefined {
    const before = this.#get(name);
    if (before === undefined) return undefined;
    this.#remove(name);
    const index = completionIndexOf(before);
    if (index !== undefined) this.#leave(index, name);
    return index;
  }

  #leave(index: number, name: string): void {
    const pods = this.#byIndex?.get(index);
    pods?.delete(name);
    if (pods?.size === 0) this.#byIndex?.delete(index);
  }
}
