/** One log line with its time, for `timestamps`, `sinceSeconds` and `sinceTime`. */
export interface TimedLogLine {
  /** RFC3339Nano time the line was written. */
  time: string;
  /** The line's text, without the newline. */
  text: string;
}

/**
 * Where container logs come from (implemented by the kubelet; see INTERFACE.md). `read` returns
 * undefined while the container has no log yet; `follow` delivers text written after the call.
 */
export interface PodLogSource {
  /** The container's log so far (`previous`: the last terminated instance), or undefined when none yet. */
  read(namespace: string, pod: string, container: string, opts: { previous?: boolean }): string | undefined;
  /** Delivers text written after the call, then `onEnd` when the instance ends; returns a canceller. */
  follow(namespace: string, pod: string, container: string, onChunk: (text: string) => void, onEnd: () => void): () => void;
  /** Optional: the log as timed lines (undefined: no log yet). */
  lines?(namespace: string, pod: string, container: string, opts: { previous?: boolean }): TimedLogLine[] | undefined;
}

/** A source with no logs at all (used when the simulator runs without controllers). */
export function emptyLogSource(): PodLogSource {
  return {
    read: () => undefined,
    follow: (_ns, _pod, _c, _onChunk, onEnd) => {
      onEnd();
      return () => undefined;
    },
  };
}
