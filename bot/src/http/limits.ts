/**
 * @module Abuse limits of one service instance: commands through token buckets (one per signed-in user, one per
 * meeting, so neither one user nor a crowd can flood a meeting), open real-time streams by count (per user and in
 * all). Over a limit is 429 with `Retry-After` and a message; nothing is applied.
 *
 * Per instance, not shared: with N instances behind a load balancer a user gets at most N times the rate, which
 * still bounds a burst; the per-series quotas that must hold exactly are in storage (see sir-store.ts).
 */
import type { MeetingRef } from "../../../shared/src/meeting/state.js";
import type { Identity } from "../auth/verify-token.js";
import { HttpError, type Router } from "./http.js";

export interface Limits {
  readonly commandsPerSecond: number;
  readonly commandBurst: number;
  readonly meetingCommandsPerSecond: number;
  readonly meetingCommandBurst: number;
  readonly streamsPerUser: number;
  readonly streamsPerInstance: number;
  readonly usersTracked: number;
}

export const LIMITS = {
  /** Commands (meeting, SIR, KPI, CSV import) per user: refilled at this rate… */
  commandsPerSecond: 20,
  /** …up to this burst (a lead clicking fast through an agenda stays far below it). */
  commandBurst: 40,
  /** Commands into one meeting (its agenda, its series' SIR items and board), from everyone together: a meeting of 1,000 attendees all adding at once. */
  meetingCommandsPerSecond: 200,
  meetingCommandBurst: 400,
  /** Open streams per user: one per panel, a few tabs and reconnects. */
  streamsPerUser: 10,
  /** Open streams in all on this instance. */
  streamsPerInstance: 5_000,
  /** Users (and meetings) tracked at once; the least recently seen is forgotten first (their bucket is full again by then anyway). */
  usersTracked: 50_000,
} as const satisfies Limits;

interface Bucket {
  tokens: number;
  at: number;
}

export class UserLimits {
  private readonly buckets = new Map<string, Bucket>();
  private readonly meetingBuckets = new Map<string, Bucket>();
  private readonly streams = new Map<string, number>();
  private streamsOpen = 0;

  constructor(
    private readonly limits: Limits = LIMITS,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Takes one command from the user's bucket (before the request is read), or refuses with 429 `rateLimited`. */
  command(identity: Identity): void {
    const rate = this.limits.commandsPerSecond;
    const user = this.refill(this.buckets, keyOf(identity), rate, this.limits.commandBurst);
    if (user.tokens < 1) {
      throw new HttpError(429, "rateLimited", `Too many changes in a short time: at most ${rate} a second. Wait a moment and try again; nothing was applied.`, undefined, waitSeconds(user, rate));
    }
    user.tokens -= 1;
  }

  /**
   * Takes one command from the meeting's bucket, or refuses with 429 `rateLimited`. Called once the caller is known to
   * be a participant with the right, so that nobody outside a meeting can use up its budget.
   */
  meeting(ref: MeetingRef): void {
    const rate = this.limits.meetingCommandsPerSecond;
    const meeting = this.refill(this.meetingBuckets, `${ref.tenantId}\n${ref.meetingId}`, rate, this.limits.meetingCommandBurst);
    if (meeting.tokens < 1) {
      throw new HttpError(429, "rateLimited", `This meeting is getting more changes than it can take (at most ${rate} a second from everyone). Wait a moment and try again; nothing was applied.`, undefined, waitSeconds(meeting, rate));
    }
    meeting.tokens -= 1;
  }

  /** The bucket under `key`, refilled up to now; re-inserted so the map's order is least recently seen first. */
  private refill(map: Map<string, Bucket>, key: string, rate: number, burst: number): Bucket {
    const now = this.now();
    const bucket = map.get(key) ?? { tokens: burst, at: now };
    bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.at) / 1000) * rate);
    bucket.at = now;
    map.delete(key);
    map.set(key, bucket);
    if (map.size > this.limits.usersTracked) map.delete(map.keys().next().value ?? key);
    return bucket;
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

const waitSeconds = (bucket: Bucket, rate: number): number => Math.max(1, Math.ceil((1 - bucket.tokens) / rate));

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
