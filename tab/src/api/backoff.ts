/** @module Exponential backoff with jitter, so a room full of panels does not reconnect in lockstep after a blip. */

export interface BackoffOptions {
  readonly baseMs: number;
  readonly maxMs: number;
  /** Injected for tests; Math.random in the panel. */
  readonly random?: () => number;
}

/** Delay before retry number `attempt` (0 = the first retry): base·2^attempt capped at max, then "equal jitter" (half fixed, half random). */
export function backoffDelay(attempt: number, { baseMs, maxMs, random = Math.random }: BackoffOptions): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/** Stream reconnects: 0.5 s growing to 10 s. */
export const STREAM_BACKOFF: BackoffOptions = { baseMs: 500, maxMs: 10_000 };
/** Command retries: quick, because a lead is waiting for the click to take effect. */
export const COMMAND_BACKOFF: BackoffOptions = { baseMs: 300, maxMs: 3_000 };

/** A sleep that ends early (rejecting) when the signal aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason instanceof Error ? signal.reason : new DOMException("Aborted", "AbortError"));
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason instanceof Error ? signal.reason : new DOMException("Aborted", "AbortError"));
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
