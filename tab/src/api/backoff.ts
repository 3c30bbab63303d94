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

export interface ResendPolicy {
  /** Delays while the service gives no `Retry-After`. */
  readonly backoff: BackoffOptions;
  /** The longest wait between two tries, whatever the service asks for. */
  readonly maxDelayMs: number;
  /** After this long since the first try, the command is reported as failed. */
  readonly giveUpAfterMs: number;
}

/**
 * Resending a command while the service or its storage is down: the lead's change is kept for a long outage (a
 * restarted storage account takes minutes), but a panel left open does not keep trying for ever.
 */
export const RESEND_POLICY: ResendPolicy = { backoff: { baseMs: 300, maxMs: 30_000 }, maxDelayMs: 60_000, giveUpAfterMs: 10 * 60_000 };

/** Delay before resend `attempt` (0 = the first): what the service asked for (`Retry-After`) plus up to 20 % jitter, else backoff; never above the policy's maximum. */
export function resendDelay(attempt: number, retryAfterMs: number | null, { backoff, maxDelayMs }: ResendPolicy): number {
  const random = backoff.random ?? Math.random;
  const delay = retryAfterMs === null ? backoffDelay(attempt, backoff) : Math.round(retryAfterMs * (1 + 0.2 * random()));
  return Math.min(maxDelayMs, Math.max(0, delay));
}

/** `Retry-After` (delay-seconds or an HTTP date) as milliseconds from `now`; null when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number): number | null {
  if (value === null || value.trim() === "") return null;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

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
