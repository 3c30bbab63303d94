/** @module Days (YYYY-MM-DD) in the team's time zone: today, day arithmetic, overdue. Pure apart from Intl's calendar. */
import { localDate } from "../kpi/week.js";
import type { Action } from "./model.js";

const DAY_MS = 86_400_000;
const pad = (n: number, w = 2): string => String(n).padStart(w, "0");

/** The team's calendar day at `epochMs` (a day starts and ends at local midnight, DST or not). */
export function dayIn(epochMs: number, timeZone: string): string {
  const { year, month, day } = localDate(epochMs, timeZone);
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

/** The day `n` days after `day` (calendar days: no time zone involved). */
export function addDays(day: string, n: number): string {
  const [y, m, d] = day.split("-").map(Number);
  return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1) + n * DAY_MS).toISOString().slice(0, 10);
}

/**
 * Overdue: not done and its due day is over where the team is. Due "2026-03-28" in Oslo is overdue from local midnight
 * into 29 March, whatever UTC says and whichever side of a DST change.
 */
export function isOverdue(action: Pick<Action, "due" | "status" | "deletedAt">, epochMs: number, timeZone: string): boolean {
  if (action.status === "done" || action.deletedAt !== null || action.due === null) return false;
  return action.due < dayIn(epochMs, timeZone);
}

/** Whole days past due (0 when not overdue). */
export function daysOverdue(action: Pick<Action, "due" | "status" | "deletedAt">, epochMs: number, timeZone: string): number {
  if (!isOverdue(action, epochMs, timeZone) || action.due === null) return 0;
  const day = (s: string): number => Date.parse(`${s}T00:00:00Z`) / DAY_MS;
  return day(dayIn(epochMs, timeZone)) - day(action.due);
}
