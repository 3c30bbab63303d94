/**
 * @module Stopping the process: every request to stop (SIGINT, SIGTERM, SIGHUP, the parent process going
 * away) takes one path that runs once. A terminal's Ctrl-C reaches the service directly and again through
 * `npm` and `scripts/start.mjs`, so the second and later requests must not end the process before the
 * service has drained its requests and saved its data. The stop is bounded: a service that cannot close
 * in time exits non-zero and says so, instead of hanging on to the port.
 */

export const STOP_SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;

/** How long a stop may take before the process gives up and exits with code 1. */
export const STOP_TIMEOUT_MS = 10_000;

export interface StopDeps {
  /** Closes the service: drains requests, ends streams, saves storage. */
  close(): Promise<void>;
  exit(code: number): void;
  log(line: string): void;
  error(line: string, err?: unknown): void;
  readonly timeoutMs?: number;
}

/** `stop(reason)`: the first call closes the service and exits (0 once closed, 1 on failure or timeout); later calls only say so. */
export function createStopper(deps: StopDeps): (reason: string) => void {
  const timeoutMs = deps.timeoutMs ?? STOP_TIMEOUT_MS;
  let stopping = false;
  return (reason) => {
    if (stopping) {
      deps.log(`${reason}: already stopping, ignored.`);
      return;
    }
    stopping = true;
    deps.log(`${reason}: stopping (draining requests, saving data)…`);
    // Not unref'd: when close() hangs this timer is what ends the process.
    const timer = setTimeout(() => {
      deps.error(`The service did not stop within ${timeoutMs / 1000} s; exiting without a clean stop.`);
      deps.exit(1);
    }, timeoutMs);
    deps.close().then(
      () => {
        clearTimeout(timer);
        deps.log("Stopped.");
        deps.exit(0);
      },
      (err: unknown) => {
        clearTimeout(timer);
        deps.error("The service could not stop cleanly:", err);
        deps.exit(1);
      },
    );
  };
}

/** Sends every stop request of this process to `stop`: the stop signals, and the IPC channel closing when a parent started us with one (`scripts/start.mjs`), so the service never outlives it. */
export function stopOnRequest(stop: (reason: string) => void, proc: NodeJS.Process = process): void {
  for (const signal of STOP_SIGNALS) proc.on(signal, () => stop(signal));
  if (proc.send) proc.on("disconnect", () => stop("parent process gone"));
}
