/**
 * @module A participant's meeting role, from Teams (meeting-participant API through the Bot Connector
 * at the meeting's serviceUrl). Cached briefly: roles change mid-meeting, so never for long.
 *
 * Teams answers one participant per call (`GET /v1/meetings/{id}/participants/{aadId}`; there is no list of a
 * meeting's participants with their roles for a bot), and it rate-limits bots per app and per conversation. So the
 * calls are shaped here, per meeting, shared by every stream and request of this instance:
 * - one call at a time per user (single flight), whatever the number of panels or reconnects;
 * - a role past its time to live is still served (up to `maxStaleMs`) while a refresh waits its turn in the
 *   meeting's queue, which makes at most `callsPerSecond` calls (leads first: their role holds the controls);
 * - a 429 pauses the meeting's calls for `Retry-After` (or an exponential backoff with jitter) and serves what is
 *   known meanwhile.
 * A user nothing is known of (a panel opening, a first command) is asked at once, outside the queue.
 *
 * A lead's role (organizer, presenter) holds the controls, so it is trusted for `leadTtlMs` (2 s) only, and the
 * streams of leads re-check it that often (see realtime/sse.ts): a demoted presenter loses the controls within a few
 * seconds. Teams sends no event when a role changes (only participant join/leave), so this is asked, not told; a role
 * that is told (the local stand-in's role switch, `update`) is taken at once. Whoever `watch`es a user hears of every
 * change either way, so an open stream pushes it to its panel the moment it is known.
 *
 * With several instances (`share`, through the hub's Redis), what one instance learns is every instance's: each role
 * Teams answers and each 429 pause is published for the meeting, and every instance with a panel of that meeting open
 * takes it as if it had asked itself. A user whose stream is on one instance and whose commands reach another costs
 * one look-up, not one per instance; a lead's 2 s re-check is made by whichever instance comes first.
 */
import type { Role } from "../../../shared/src/auth/capabilities.js";
import type { MeetingRef } from "../../../shared/src/meeting/state.js";
import { teamsMeetingRef } from "../../../shared/src/meeting/occurrence.js";

export interface RoleSource {
  /** The user's role in the meeting, or null when Teams says they are not a participant. */
  roleOf(ref: MeetingRef, userId: string): Promise<Role | null>;
  /** Calls `listener` whenever the user's role is found to have changed; returns the unsubscribe. Optional: absent = no pushes. */
  watch?(ref: MeetingRef, userId: string, listener: (role: Role | null) => void): () => void;
}

/** What an instance learned from Teams about a meeting, told to the other instances: a user's role, or "slow down". */
export type RoleReport = { readonly userId: string; readonly role: Role | null } | { readonly pauseMs: number };

/** How instances tell each other what Teams said (the hub, through Redis); per meeting (Teams' id, all occurrences). */
export interface RoleShare {
  publish(meeting: MeetingRef, report: RoleReport): void;
  /** Hears the other instances' reports on the meeting until the returned function is called. */
  subscribe(meeting: MeetingRef, listener: (report: RoleReport) => void): () => void;
}

/** The longest pause a report from another instance can impose (Teams' own Retry-After is seconds). */
export const MAX_SHARED_PAUSE_MS = 5 * 60_000;

export class TeamsUnavailableError extends Error {
  constructor(
    message: string,
    /** Teams' HTTP status when it answered (429 = slow down). */
    readonly status?: number,
    /** What Teams asked for with `Retry-After`, in ms. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

export interface RoleCacheOptions {
  /** Background refreshes per meeting per second (blocking look-ups of unknown users are not counted against it). */
  readonly callsPerSecond?: number;
  /** How long past its time to live a role is still served while its refresh waits. */
  readonly maxStaleMs?: number;
  /** How long an organizer's or presenter's role is trusted (default: 2 s, at most the time to live). */
  readonly leadTtlMs?: number;
  readonly maxEntries?: number;
  /** Timers (tests drive them by hand). */
  readonly schedule?: (run: () => void, ms: number) => void;
  readonly random?: () => number;
  /** The other instances: what Teams answers here is told to them, what they learn is taken here. */
  readonly share?: RoleShare;
}

/** What the cache did: Teams calls made, answered from a stale entry, 429s seen. */
export interface RoleCacheStats {
  calls: number;
  servedStale: number;
  throttled: number;
}

interface Entry {
  readonly role: Role | null;
  readonly at: number;
}

interface Lane {
  readonly ref: MeetingRef;
  /** Users whose role waits for a refresh, in order of arrival (leads are taken first). */
  readonly waiting: Set<string>;
  draining: boolean;
  pausedUntil: number;
  backoffs: number;
}

/** How long a lead's role is trusted: the controls it holds must follow a demotion within seconds. */
export const LEAD_TTL_MS = 2_000;

const defaultSchedule = (run: () => void, ms: number): void => {
  setTimeout(run, ms).unref();
};

/** Asks Teams; `fetchRole` is the botbuilder edge (see teams/teams-edge.ts). */
export class CachedRoleSource implements RoleSource {
  private readonly cache = new Map<string, Entry>();
  private readonly inflight = new Map<string, Promise<Role | null>>();
  private readonly lanes = new Map<string, Lane>();
  private readonly watchers = new Map<string, Set<(role: Role | null) => void>>();
  /** Meetings with a watched user here, with what the other instances report on each (subscribed while watched). */
  private readonly heard = new Map<string, { users: number; readonly unsubscribe: () => void }>();
  private readonly share: RoleShare | undefined;
  private readonly leadTtlMs: number;
  private readonly callsPerSecond: number;
  private readonly maxStaleMs: number;
  private readonly maxEntries: number;
  private readonly schedule: (run: () => void, ms: number) => void;
  private readonly random: () => number;
  readonly stats: RoleCacheStats = { calls: 0, servedStale: 0, throttled: 0 };

  constructor(
    private readonly fetchRole: (ref: MeetingRef, userId: string) => Promise<Role | null>,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
    options: RoleCacheOptions = {},
  ) {
    this.callsPerSecond = options.callsPerSecond ?? 5;
    this.maxStaleMs = options.maxStaleMs ?? 10 * ttlMs;
    this.leadTtlMs = Math.min(options.leadTtlMs ?? LEAD_TTL_MS, ttlMs);
    this.maxEntries = options.maxEntries ?? 50_000;
    this.schedule = options.schedule ?? defaultSchedule;
    this.random = options.random ?? Math.random;
    this.share = options.share;
  }

  async roleOf(occurrence: MeetingRef, userId: string): Promise<Role | null> {
    // Roles are Teams': every occurrence of a recurring meeting shares them (and one cache entry).
    const ref = teamsMeetingRef(occurrence);
    const key = this.key(ref, userId);
    const hit = this.cache.get(key);
    const age = hit ? this.now() - hit.at : Infinity;
    if (hit && age < this.ttlOf(hit.role)) return hit.role;
    const lane = this.lane(ref);
    if (hit && (age < this.ttlMs + this.maxStaleMs || this.now() < lane.pausedUntil)) {
      this.stats.servedStale++;
      this.enqueue(lane, userId);
      return hit.role;
    }
    if (this.now() < lane.pausedUntil) throw new TeamsUnavailableError("Teams asked us to slow down; try again in a moment.", 429, lane.pausedUntil - this.now());
    return this.fetch(lane, userId);
  }

  /**
   * A role Teams reported (an event, or the local stand-in's switch): taken as fresh at once, without a call, and told
   * to whoever watches the user.
   */
  update(ref: MeetingRef, userId: string, role: Role | null): void {
    this.store(this.key(teamsMeetingRef(ref), userId), role);
  }

  watch(ref: MeetingRef, userId: string, listener: (role: Role | null) => void): () => void {
    const teams = teamsMeetingRef(ref);
    const key = this.key(teams, userId);
    let set = this.watchers.get(key);
    if (!set) this.watchers.set(key, (set = new Set()));
    set.add(listener);
    const unhear = this.hear(teams);
    let done = false;
    return () => {
      if (done) return;
      done = true;
      set.delete(listener);
      if (set.size === 0 && this.watchers.get(key) === set) this.watchers.delete(key);
      unhear();
    };
  }

  /** Listens to the other instances' reports on the meeting while it has a watched user here (an open panel). */
  private hear(ref: MeetingRef): () => void {
    const share = this.share;
    if (!share) return () => undefined;
    const id = this.laneId(ref);
    let entry = this.heard.get(id);
    if (!entry) this.heard.set(id, (entry = { users: 0, unsubscribe: share.subscribe(ref, (report) => this.take(ref, report)) }));
    entry.users++;
    const held = entry;
    return () => {
      if (--held.users > 0 || this.heard.get(id) !== held) return;
      this.heard.delete(id);
      held.unsubscribe();
    };
  }

  /** Another instance's report: its answer from Teams is as good as ours; its pause is ours too. */
  private take(ref: MeetingRef, report: RoleReport): void {
    if ("pauseMs" in report) {
      const lane = this.lane(ref);
      lane.pausedUntil = Math.max(lane.pausedUntil, this.now() + Math.min(Math.max(0, report.pauseMs), MAX_SHARED_PAUSE_MS));
      return;
    }
    this.store(this.key(ref, report.userId), report.role);
  }

  private ttlOf(role: Role | null): number {
    return role === "Organizer" || role === "Presenter" ? this.leadTtlMs : this.ttlMs;
  }

  /** Keeps the role (newest last, so the oldest falls out first) and tells the watchers if it changed. */
  private store(key: string, role: Role | null): void {
    const before = this.cache.get(key);
    this.cache.delete(key);
    this.cache.set(key, { role, at: this.now() });
    if (this.cache.size > this.maxEntries) {
      const oldest = this.cache.keys().next().value;
      if (oldest !== undefined) this.cache.delete(oldest);
    }
    if (before !== undefined && before.role !== role) for (const listener of [...(this.watchers.get(key) ?? [])]) listener(role);
  }

  private key(ref: MeetingRef, userId: string): string {
    return `${ref.tenantId}\n${ref.meetingId}\n${userId}`;
  }

  private laneId(ref: MeetingRef): string {
    return `${ref.tenantId}\n${ref.meetingId}`;
  }

  private lane(ref: MeetingRef): Lane {
    const id = this.laneId(ref);
    let lane = this.lanes.get(id);
    if (!lane) this.lanes.set(id, (lane = { ref, waiting: new Set(), draining: false, pausedUntil: 0, backoffs: 0 }));
    return lane;
  }

  /** One Teams call per user at a time, shared by everyone asking. */
  private fetch(lane: Lane, userId: string): Promise<Role | null> {
    const key = this.key(lane.ref, userId);
    const pending = this.inflight.get(key);
    if (pending) return pending;
    this.stats.calls++;
    const request = this.fetchRole(lane.ref, userId)
      .then(
        (role) => {
          lane.backoffs = 0;
          this.store(key, role);
          this.share?.publish(lane.ref, { userId, role });
          return role;
        },
        (err: unknown) => {
          if (err instanceof TeamsUnavailableError && err.status === 429) {
            this.stats.throttled++;
            // Teams' own figure when it gives one, else 1 s doubling to a minute; jitter so instances do not return in step.
            const wait = err.retryAfterMs ?? Math.min(1000 * 2 ** lane.backoffs, 60_000);
            lane.backoffs++;
            lane.pausedUntil = Math.max(lane.pausedUntil, this.now() + Math.round(wait * (1 + 0.2 * this.random())));
            this.share?.publish(lane.ref, { pauseMs: lane.pausedUntil - this.now() });
          }
          throw err;
        },
      )
      .finally(() => this.inflight.delete(key));
    this.inflight.set(key, request);
    return request;
  }

  private enqueue(lane: Lane, userId: string): void {
    lane.waiting.add(userId);
    if (!lane.draining) {
      lane.draining = true;
      this.schedule(() => this.drain(lane), 0);
    }
  }

  /** Makes the meeting's next waiting refresh, then schedules the one after within the meeting's budget. */
  private drain(lane: Lane): void {
    const wait = lane.pausedUntil - this.now();
    if (wait > 0) {
      this.schedule(() => this.drain(lane), wait);
      return;
    }
    const next = this.nextWaiting(lane);
    if (next === undefined) {
      lane.draining = false;
      if (lane.waiting.size === 0 && lane.pausedUntil <= this.now()) this.lanes.delete(this.laneId(lane.ref));
      return;
    }
    lane.waiting.delete(next);
    // A failure keeps the stale role (served until maxStaleMs); the next heartbeat queues the user again.
    const fresh = this.cache.get(this.key(lane.ref, next));
    if (!fresh || this.now() - fresh.at >= this.ttlOf(fresh.role)) this.fetch(lane, next).catch(() => undefined);
    this.schedule(() => this.drain(lane), 1000 / this.callsPerSecond);
  }

  /** Organizers and presenters first: a demoted lead must lose the controls soon; then in order of arrival. */
  private nextWaiting(lane: Lane): string | undefined {
    let first: string | undefined;
    for (const userId of lane.waiting) {
      first ??= userId;
      const role = this.cache.get(this.key(lane.ref, userId))?.role;
      if (role === "Organizer" || role === "Presenter") return userId;
    }
    return first;
  }
}
