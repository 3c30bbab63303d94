/**
 * @module When the bot asks a team's owners for their numbers by itself: a weekday and a time in the team's time
 * zone ("every Monday at 08:00"), turned into the next instant. Pure; DST is handled by asking Intl for the offset.
 */
import { z } from "zod";
import { localDate } from "./week.js";

export const ReminderSchema = z.strictObject({
  /** ISO weekday: Monday = 1 … Sunday = 7. */
  weekday: z.number().int().min(1).max(7),
  /** Local time, 24 h. */
  time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "must be HH:MM (24 h)"),
});
export type Reminder = z.infer<typeof ReminderSchema>;

const DAY_MS = 86_400_000;
const offsetFormatters = new Map<string, Intl.DateTimeFormat>();

/** How far `timeZone` is ahead of UTC at `epochMs` (ms; Oslo in winter: +3,600,000). */
export function zoneOffsetMs(epochMs: number, timeZone: string): number {
  let f = offsetFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", second: "numeric" });
    offsetFormatters.set(timeZone, f);
  }
  const parts = f.formatToParts(new Date(epochMs));
  const get = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
  return asUtc - Math.floor(epochMs / 1000) * 1000;
}

/** The instant a wall-clock time in `timeZone` happens (a time skipped by a DST change moves an hour on). */
export function zonedInstant(year: number, month: number, day: number, hour: number, minute: number, timeZone: string): number {
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  let guess = wall - zoneOffsetMs(wall, timeZone);
  // Once more with the offset at the guess: right on both sides of a DST change.
  guess = wall - zoneOffsetMs(guess, timeZone);
  return guess;
}

/** The first instant strictly after `after` that is the reminder's weekday and time in `timeZone`. */
export function nextReminderAt(after: number, reminder: Reminder, timeZone: string): number {
  const [hour, minute] = reminder.time.split(":").map(Number) as [number, number];
  const today = localDate(after, timeZone);
  for (let i = 0; i <= 7; i++) {
    const d = new Date(Date.UTC(today.year, today.month - 1, today.day) + i * DAY_MS);
    const weekday = ((d.getUTCDay() + 6) % 7) + 1;
    if (weekday !== reminder.weekday) continue;
    const at = zonedInstant(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), hour, minute, timeZone);
    if (at > after) return at;
  }
  // Only reached if this week's slot has just passed: the same weekday next week.
  const d = new Date(Date.UTC(today.year, today.month - 1, today.day) + 7 * DAY_MS);
  return zonedInstant(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), hour, minute, timeZone);
}
