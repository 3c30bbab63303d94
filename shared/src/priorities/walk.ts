/** @module The walk-through, pure: the order of members, who comes next, and the per-person timer from the shared clock. */
import type { Person, PriorityRound } from "./model.js";

/** Members in the round's order (by name, then id): the same on every panel. */
export function roundOrder(members: readonly Person[]): Person[] {
  return [...members].sort((a, b) => a.name.localeCompare(b.name, "nb") || (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0));
}

/** The member after the current speaker (the first when nobody speaks yet); null after the last. */
export function nextSpeaker(order: readonly Person[], speakerId: string | null): Person | null {
  if (speakerId === null) return order[0] ?? null;
  const i = order.findIndex((m) => m.userId === speakerId);
  return i < 0 ? (order[0] ?? null) : (order[i + 1] ?? null);
}

/** The section's time box split evenly over the members (at least one second each). */
export function perPersonMs(timeBoxMs: number, memberCount: number): number {
  return memberCount <= 0 ? timeBoxMs : Math.max(1000, Math.floor(timeBoxMs / memberCount));
}

/** The current speaker's time: left (negative = over) on the server clock `now`; null when nobody speaks. */
export function speakerTimer(round: PriorityRound | null, budgetMs: number, now: number): { readonly remainingMs: number; readonly overrun: boolean } | null {
  if (!round || round.speakerId === null || round.since === null) return null;
  const remainingMs = round.since + budgetMs - now;
  return { remainingMs, overrun: remainingMs < 0 };
}
