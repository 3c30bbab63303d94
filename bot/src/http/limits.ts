/**
 * @module Abuse limits of one service instance, per signed-in user: commands through a token bucket, open real-time
 * streams by count (per user and in all). Over a limit is 429 with `Retry-After` and a message; nothing is applied.
 *
 * Per instance, not shared: with N instances behind a load balancer a user gets at most N times the rate, which
 * still bounds a burst; the per-series quotas that must hold exactly are in storage (see sir-store.ts).
 */
import type { Identity } from "../auth/verify-token.js";
import { HttpError, type Router } from "./http.js";

export interface Limits {
  readonly commandsPerSecond: number;
  readonly commandBurst: number;
  readonly streamsPerUser: number;
  readonly streamsPerInstance: number;
  readonly usersTracked: number;
}

export const LIMITS = {
  /** Commands (meeting, SIR, KPI, CSV import) per user: refilled at this rate… */
  commandsPerSecond: 20,
  /** …up to this burst (a lead clicking fast through an agenda stays far below it). */
  commandBurst: 40,
  /** Open streams per user: one per panel, a few tabs and reconnects. */
  streamsPerUser: 10,
  /** Open streams in all on this instance. */
  streamsPerInstance: 5_000,
  /** Users tracked at once; the least recently seen is forgotten first (their bucket is full again by then anyway). */
  usersTracked: 50_000,
} as const satisfies Limits;

interface Bucket {
  tokens: number;
  at: number;
}

export class UserLimits {
  private readonly buckets = new Map<string, Bucket>();
  private readonly streams = new Map<string, number>();
  private streamsOpen = 0;

  constructor(
    private readonly limits: Limits = LIMITS,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Takes one command from the user's bucket, or refuses with 429 `rateLimited`. */
  command(identity: Identity): void {
    const key = keyOf(identity);
    const now = this.now();
    const { commandsPerSecond: rate, commandBurst: burst } = this.limits;
    const bucket = this.buckets.get(key) ?? { tokens: burst, at: now };
    bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.at) / 1000) * rate);
    bucket.at = now;
    // Re-inserted so the map's order is least recently seen first.
    this.buckets.delete(key);
    this.buckets.set(key, bucket);
    if (this.buckets.size > this.limits.usersTracked) this.buckets.delete(this.buckets.keys().next().value ?? key);
    if (bucket.tokens < 1) {
      const wait = Math.max(1, Math.ceil((1 - bucket.tokens) / rate));
      throw new HttpError(429, "rateLimited", `Too many changes in a short time: at most ${rate} a second. Wait a moment and try again; nothing was applied.`, undefined, wait);
    }
    bucket.tokens -= 1;
  }

  /** Counts a stream the user opens, or refuses with 429 `tooManyStreams`; call the returned function once it closes. */
  openStream(identity: Identity): () => void {
    const key = keyOf(identity);
    const mine = this.streams.get(key) ?? 0;
    if (mine >= this.limits.streamsPerUser) {
      throw new HttpError(429, "tooManyStreams", `You have ${mine} live panels open already (at most ${this.limits.streamsPerUser}). Close one and try again.`, undefined, 10);
    }
    if (this.streamsOpen >= this.limits.streamsPerInstance) {
      throw new HttpError(429, "tooManyStreams", "This server has as many live panels open as it can take. Try again in a moment.", undefined, 5);
    }
    this.streams.set(key, mine + 1);
    this.streamsOpen++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.streamsOpen--;
      const left = (this.streams.get(key) ?? 1) - 1;
      if (left > 0) this.streams.set(key, left);
      else this.streams.delete(key);
    };
  }
}

const keyOf = (identity: Identity): string => `${identity.tenantId}\n${identity.userId}`;

/** One set of limits per service instance (its router), shared by the meeting, SIR and KPI routes. */
const perRouter = new WeakMap<Router, UserLimits>();

/** Sets the router's limits (app.ts, from the configuration); call before the routes are registered. */
export function useLimits(router: Router, limits: Partial<Limits>): void {
  perRouter.set(router, new UserLimits({ ...LIMITS, ...limits }));
}

export function limitsOf(router: Router): UserLimits {
  let limits = perRouter.get(router);
  if (!limits) {
    limits = new UserLimits();
    perRouter.set(router, limits);
  }
  return limits;
}
