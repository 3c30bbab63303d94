/** @module The meeting chat's members, cached per series for a few minutes: opening the board must not ask Teams every time. */
import type { Person } from "../../../shared/src/kpi/model.js";
import type { MeetingRef } from "../../../shared/src/meeting/state.js";

export const ROSTER_TTL_MS = 5 * 60_000;
const ENTRIES_MAX = 10_000;

export type RosterFetcher = (ref: MeetingRef, seriesId: string) => Promise<readonly Person[]>;

/** Wraps a roster fetcher with a per-series cache; a failure is not cached (the next opening asks again). */
export function cachedRoster(fetch: RosterFetcher, now: () => number = Date.now, ttlMs = ROSTER_TTL_MS): RosterFetcher {
  const cache = new Map<string, { at: number; people: readonly Person[] }>();
  return async (ref, seriesId) => {
    const key = `${ref.tenantId}\n${seriesId}`;
    const hit = cache.get(key);
    if (hit && now() - hit.at < ttlMs) return hit.people;
    const people = await fetch(ref, seriesId);
    if (cache.size >= ENTRIES_MAX) cache.clear();
    cache.set(key, { at: now(), people });
    return people;
  };
}
