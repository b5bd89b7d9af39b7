/**
 * Container logs as the kubelet keeps them: per pod and container, the current and the previous
 * instance, each as timestamped lines; readers can follow the current instance until it ends.
 * Implements the `PodLogSource` of INTERFACE.md.
 */

/** One log line (without its newline) and when it began, RFC 3339 with nanoseconds. */
export interface LogLine {
  time: string;
  text: string;
}

/** What the API half reads logs through. */
export interface PodLogSource {
  /** The whole log of the current (or `previous`) instance; `undefined` when there is none yet. */
  read(namespace: string, pod: string, container: string, opts?: { previous?: boolean }): string | undefined;
  /** Lines with their times (for `timestamps`, `sinceSeconds`, `sinceTime`); `undefined` as `read`. */
  lines(namespace: string, pod: string, container: string, opts?: { previous?: boolean }): LogLine[] | undefined;
  /**
   * Delivers text written to the current instance after this call, then `onEnd` when it exits (at
   * once, possibly before returning, when there is no running instance). Returns an unsubscribe function.
   */
  follow(namespace: string, pod: string, container: string, onChunk: (text: string) => void, onEnd: () => void): () => void;
}

interface Follower {
  onChunk: (text: string) => void;
  onEnd: () => void;
}

/** One container instance's log. */
export class LogInstance {
  readonly lines: LogLine[] = [];
  ended = false;
  readonly followers = new Set<Follower>();

  constructor(private readonly now: () => number) {}

  /** Appends text (any chunking); lines keep the time their first character arrived. */
  append(text: string): void {
    if (this.ended || text === '') return;
    const time = nanoTime(this.now());
    let rest = text;
    const last = this.lines[this.lines.length - 1];
    if (last && !last.text.endsWith('\n')) {
      const nl = rest.indexOf('\n');
      const head = nl < 0 ? rest : rest.slice(0, nl + 1);
      last.text += head;
      rest = rest.slice(head.length);
    }
    while (rest.length > 0) {
      const nl = rest.indexOf('\n');
      const line = nl < 0 ? rest : rest.slice(0, nl + 1);
      this.lines.push({ time, text: line });
      rest = rest.slice(line.length);
    }
    for (const f of [...this.followers]) f.onChunk(text);
  }

  /** Marks the instance ended and tells followers. */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    const followers = [...this.followers];
    this.followers.clear();
    for (const f of followers) f.onEnd();
  }

  /** The whole text. */
  text(): string {
    return this.lines.map((l) => l.text).join('');
  }
}

function nanoTime(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 19)}.${iso.slice(20, 23)}000000Z`;
}

interface ContainerLogs {
  current?: LogInstance;
  previous?: LogInstance;
}

/** The kubelet's log store. */
export class PodLogStore implements PodLogSource {
  private readonly pods = new Map<string, { uid: string; containers: Map<string, ContainerLogs> }>();

  constructor(private readonly now: () => number) {}

  /** Starts a new instance of a container's log (the old current one becomes `previous`). */
  startInstance(namespace: string, pod: string, uid: string, container: string): LogInstance {
    const key = `${namespace}/${pod}`;
    let entry = this.pods.get(key);
    if (!entry || entry.uid !== uid) this.pods.set(key, (entry = { uid, containers: new Map() }));
    const logs = entry.containers.get(container) ?? {};
    logs.current?.end();
    const instance = new LogInstance(this.now);
    entry.containers.set(container, { previous: logs.current, current: instance });
    return instance;
  }

  /** Forgets a pod's logs (only if it is still the same pod uid). */
  removePod(namespace: string, pod: string, uid: string): void {
    const key = `${namespace}/${pod}`;
    const entry = this.pods.get(key);
    if (!entry || entry.uid !== uid) return;
    for (const logs of entry.containers.values()) logs.current?.end();
    this.pods.delete(key);
  }

  private instance(namespace: string, pod: string, container: string, previous: boolean): LogInstance | undefined {
    const logs = this.pods.get(`${namespace}/${pod}`)?.containers.get(container);
    return previous ? logs?.previous : logs?.current;
  }

  read(namespace: string, pod: string, container: string, opts: { previous?: boolean } = {}): string | undefined {
    return this.instance(namespace, pod, container, opts.previous === true)?.text();
  }

  lines(namespace: string, pod: string, container: string, opts: { previous?: boolean } = {}): LogLine[] | undefined {
    return this.instance(namespace, pod, container, opts.previous === true)?.lines.map((l) => ({ time: l.time, text: l.text.replace(/\n$/, '') }));
  }

  follow(namespace: string, pod: string, container: string, onChunk: (text: string) => void, onEnd: () => void): () => void {
    const instance = this.instance(namespace, pod, container, false);
    if (!instance || instance.ended) {
      onEnd();
      return () => undefined;
    }
    const follower: Follower = { onChunk, onEnd };
    instance.followers.add(follower);
    return () => {
      instance.followers.delete(follower);
    };
  }
}
