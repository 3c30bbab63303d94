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

/**
 * The instant a wall-clock time in `timeZone` happens. A time that happens twice (clocks go back) is its first
 * occurrence; a time that never happens (clocks go forward) moves on by the gap, e.g. 02:30 on the spring night is
 * 03:30 in Oslo and New York alike.
 */
export function zonedInstant(year: number, month: number, day: number, hour: number, minute: number, timeZone: string): number {
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  // The offsets in force half a day before and after cover any change around this time.
  const before = wall - zoneOffsetMs(wall - 12 * 3_600_000, timeZone);
  const after = wall - zoneOffsetMs(wall + 12 * 3_600_000, timeZone);
  const shows = (t: number): boolean => t + zoneOffsetMs(t, timeZone) === wall;
  const candidates = [before, after].filter(shows).sort((a, b) => a - b);
  // Skipped: the offset before the change puts it after the gap.
  return candidates[0] ?? before;
}

/** The first instant strictly after `after` that is the reminder's weekday and time in `timeZone`. */
export function nextReminderAt(after: number, reminder: Reminder, timeZone: string): number {
  const [hour, minute] = reminder.time.split(":").map(Number) as [number, number];
  // Start a day early: `after` may still be yesterday in a zone behind UTC's date. Two weeks always hold the answer.
  const today = localDate(after, timeZone);
  for (let i = -1; i <= 14; i++) {
    const d = new Date(Date.UTC(today.year, today.month - 1, today.day) + i * DAY_MS);
    const weekday = ((d.getUTCDay() + 6) % 7) + 1;
    if (weekday !== reminder.weekday) continue;
    const at = zonedInstant(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), hour, minute, timeZone);
    if (at > after) return at;
  }
  throw new RangeError(`No ${reminder.time} on weekday ${reminder.weekday} within two weeks in ${timeZone}.`);
}
