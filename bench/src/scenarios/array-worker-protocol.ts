/** What `array-worker.js` tells the bench (see that file). */
export type ArrayWorkerMessage =
  | { readonly type: 'connected' }
  | { readonly type: 'submitted'; readonly t0: number; readonly submitMs: number }
  | { readonly type: 'seen'; readonly count: number }
  | { readonly type: 'done'; readonly allTerminalMs: number };
