import { get, type ClientRequest } from 'node:http';

/**
 * A cheap streaming watch client for volume tests: hands each NDJSON line to `onLine` as text
 * (parsing is the caller's choice) and resolves `until` conditions as lines arrive.
 */
export class NdjsonWatch {
  /** Resolves once the server answered the watch request. */
  readonly opened: Promise<void>;
  readonly #request: ClientRequest;
  #rest = '';
  readonly #waiters = new Set<{ done: () => boolean; resolve: () => void }>();

  constructor(url: string, token: string, onLine: (line: string) => void) {
    let markOpened: () => void = () => undefined;
    this.opened = new Promise((resolve) => {
      markOpened = resolve;
    });
    this.#request = get(url, { headers: { Authorization: `Bearer ${token}` } }, (res) => {
      markOpened();
      res.setEncoding('utf8');
      res.on('data', (text: string) => {
        const parts = (this.#rest + text).split('\n');
        this.#rest = parts.pop() ?? '';
        for (const line of parts) onLine(line);
        for (const waiter of [...this.#waiters]) {
          if (waiter.done()) {
            this.#waiters.delete(waiter);
            waiter.resolve();
          }
        }
      });
    });
    this.#request.on('error', () => undefined);
  }

  /** Resolves once `done()` holds, checked now and after every chunk of lines. */
  until(done: () => boolean): Promise<void> {
    if (done()) return Promise.resolve();
    return new Promise((resolve) => this.#waiters.add({ done, resolve }));
  }

  /** Ends the watch. */
  close(): void {
    this.#request.destroy();
  }
}
