/** Linux signal names by number, as DRMAA2 reports `terminatingSignal`. */
const signalNames: readonly string[] = [
  '', 'SIGHUP', 'SIGINT', 'SIGQUIT', 'SIGILL', 'SIGTRAP', 'SIGABRT', 'SIGBUS', 'SIGFPE', 'SIGKILL', 'SIGUSR1',
  'SIGSEGV', 'SIGUSR2', 'SIGPIPE', 'SIGALRM', 'SIGTERM', 'SIGSTKFLT', 'SIGCHLD', 'SIGCONT', 'SIGSTOP', 'SIGTSTP',
  'SIGTTIN', 'SIGTTOU', 'SIGURG', 'SIGXCPU', 'SIGXFSZ', 'SIGVTALRM', 'SIGPROF', 'SIGWINCH', 'SIGIO', 'SIGPWR', 'SIGSYS',
];

/** The name of Linux signal `n` (`SIGKILL` for 9); `SIGRTMIN+k`/`SIG<n>` beyond the classic ones. */
export function signalName(n: number): string {
  const name = signalNames[n];
  if (name !== undefined && name !== '') return name;
  if (n >= 34 && n <= 64) return `SIGRTMIN+${n - 34}`;
  return `SIG${n}`;
}

/**
 * The signal that ended a container: its `signal` field when set, else the shell convention
 * exit code 128+N for N in 1..64 (137 = SIGKILL, 143 = SIGTERM); `undefined` otherwise.
 */
export function terminatingSignal(exitCode: number | undefined, signal: number | undefined): string | undefined {
  if (signal !== undefined && signal > 0) return signalName(signal);
  if (exitCode !== undefined && exitCode > 128 && exitCode <= 128 + 64) return signalName(exitCode - 128);
  return undefined;
}
