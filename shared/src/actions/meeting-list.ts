/**
 * @module Which actions a meeting shows (carry-over): every open action of the series, in every meeting until it is
 * done, plus the ones done recently. Actions belong to the series, not to a meeting, so there is nothing to copy
 * from one meeting to the next and nothing can be duplicated; ids are unique in the series.
 */
import { addDays, dayIn, isOverdue } from "./dates.js";
import { ACTION_LIMITS, type Action } from "./model.js";

/**
 * The list: not-done actions first (overdue first, then by due day, no due day last), then the done ones of the last
 * `recentDoneDays` days, newest first. Deleted actions never; each id once.
 */
export function actionsForMeeting(actions: readonly Action[], now: number, timeZone: string): Action[] {
  const byId = new Map<string, Action>();
  for (const a of actions) {
    const seen = byId.get(a.id);
    if (!seen || seen.version < a.version) byId.set(a.id, a);
  }
  const all = [...byId.values()].filter((a) => a.deletedAt === null);
  const cutoff = addDays(dayIn(now, timeZone), -ACTION_LIMITS.recentDoneDays);
  const open = all.filter((a) => a.status !== "done");
  const done = all.filter((a) => a.status === "done" && a.doneAt !== null && dayIn(a.doneAt, timeZone) >= cutoff);
  open.sort((a, b) => {
    const oa = isOverdue(a, now, timeZone) ? 0 : 1;
    const ob = isOverdue(b, now, timeZone) ? 0 : 1;
    if (oa !== ob) return oa - ob;
    if (a.due !== b.due) return a.due === null ? 1 : b.due === null ? -1 : a.due < b.due ? -1 : 1;
    return a.createdAt - b.createdAt || a.id.localeCompare(b.id);
  });
  done.sort((a, b) => (b.doneAt ?? 0) - (a.doneAt ?? 0) || a.id.localeCompare(b.id));
  return [...open, ...done.slice(0, ACTION_LIMITS.recentDoneMax)];
}
