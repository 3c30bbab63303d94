/**
 * @module "My actions": one person's open actions across every series of the tenant, each with its series' time zone
 * (overdue is decided where that team is), overdue first, then by due day, undated last. Pure.
 */
import { dayIn, isOverdue } from "./dates.js";
import type { Action } from "./model.js";

/** How many of a person's actions one answer lists at most (the query reads a few more, to sort before it cuts). */
export const MY_ACTIONS_LIMITS = { defaultLimit: 50, maxLimit: 100, readMax: 500 } as const;

export interface MyAction {
  readonly action: Action;
  /** The series' name as the bot saw it (the meeting chat's or team channel's), or null when unknown. */
  readonly seriesName: string | null;
  /** The series' time zone and its today there: overdue is decided in it. */
  readonly timeZone: string;
  readonly today: string;
  readonly overdue: boolean;
}

/**
 * The person's open actions, each once (the highest version), not done and not deleted, sorted: overdue first, then
 * by due day, no due day last, then oldest first; at most `limit`.
 */
export function myActions(
  actions: readonly Action[],
  userId: string,
  now: number,
  zoneOf: (seriesId: string) => string,
  nameOf: (seriesId: string) => string | null,
  limit: number,
): { readonly actions: MyAction[]; readonly total: number } {
  const byKey = new Map<string, Action>();
  for (const a of actions) {
    if (a.deletedAt !== null || a.status === "done" || !a.owners.some((o) => o.userId === userId)) continue;
    const key = `${a.seriesId}\n${a.id}`;
    const seen = byKey.get(key);
    if (!seen || seen.version < a.version) byKey.set(key, a);
  }
  const rows = [...byKey.values()].map((action): MyAction => {
    const timeZone = zoneOf(action.seriesId);
    return { action, seriesName: nameOf(action.seriesId), timeZone, today: dayIn(now, timeZone), overdue: isOverdue(action, now, timeZone) };
  });
  rows.sort((x, y) => {
    if (x.overdue !== y.overdue) return x.overdue ? -1 : 1;
    const a = x.action;
    const b = y.action;
    if (a.due !== b.due) return a.due === null ? 1 : b.due === null ? -1 : a.due < b.due ? -1 : 1;
    return a.createdAt - b.createdAt || a.id.localeCompare(b.id);
  });
  return { actions: rows.slice(0, Math.max(0, limit)), total: rows.length };
}
