/**
 * @module A participant's meeting role, from Teams (meeting-participant API through the Bot Connector
 * at the meeting's serviceUrl). Cached briefly: roles change mid-meeting, so never for long.
 */
import type { Role } from "../../../shared/src/auth/capabilities.js";
import type { MeetingRef } from "../../../shared/src/meeting/state.js";

export interface RoleSource {
  /** The user's role in the meeting, or null when Teams says they are not a participant. */
  roleOf(ref: MeetingRef, userId: string): Promise<Role | null>;
}

export class TeamsUnavailableError extends Error {}

/** Asks Teams; `fetchRole` is the botbuilder edge (see teams/teams-edge.ts). */
export class CachedRoleSource implements RoleSource {
  private readonly cache = new Map<string, { role: Role | null; at: number }>();
  private readonly inflight = new Map<string, Promise<Role | null>>();

  constructor(
    private readonly fetchRole: (ref: MeetingRef, userId: string) => Promise<Role | null>,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
    private readonly maxEntries = 50_000,
  ) {}

  async roleOf(ref: MeetingRef, userId: string): Promise<Role | null> {
    const key = `${ref.tenantId}\n${ref.meetingId}\n${userId}`;
    const hit = this.cache.get(key);
    if (hit && this.now() - hit.at < this.ttlMs) return hit.role;
    // Many panels of one user (or a reconnect storm) share one Teams call.
    const pending = this.inflight.get(key);
    if (pending) return pending;
    const request = this.fetchRole(ref, userId)
      .then((role) => {
        this.cache.delete(key);
        this.cache.set(key, { role, at: this.now() });
        if (this.cache.size > this.maxEntries) {
          const oldest = this.cache.keys().next().value;
          if (oldest !== undefined) this.cache.delete(oldest);
        }
        return role;
      })
      .finally(() => this.inflight.delete(key));
    this.inflight.set(key, request);
    return request;
  }
}
