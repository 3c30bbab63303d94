/**
 * @module ISO 8601 weeks ("2026-W48") in a team's time zone: a weekly value belongs to exactly one week, and
 * which week "now" is depends on where the team is (Sunday 23:30 in Oslo is already Monday in Helsinki).
 * Pure: the calendar arithmetic runs on UTC dates; only `isoWeekAt` asks Intl for the local date.
 */

/** "YYYY-Www"; zero-padded, so comparing two weeks as strings compares them in time. */
export type IsoWeek = string;

const WEEK_RE = /^(\d{4})-W(\d{2})$/;
const DAY_MS = 86_400_000;

interface CalendarDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/** Monday = 1 … Sunday = 7 of a UTC day number. */
const isoWeekday = (dayNumber: number): number => ((((dayNumber + 3) % 7) + 7) % 7) + 1;
const dayNumberOf = ({ year, month, day }: CalendarDate): number => Math.floor(Date.UTC(year, month - 1, day) / DAY_MS);

const format = (year: number, week: number): IsoWeek => `${String(year).padStart(4, "0")}-W${String(week).padStart(2, "0")}`;

/** The ISO week a calendar day belongs to (the week's Thursday decides its year). */
export function isoWeekOfDate(date: CalendarDate): IsoWeek {
  return isoWeekOfDayNumber(dayNumberOf(date));
}

function isoWeekOfDayNumber(dayNumber: number): IsoWeek {
  const thursday = dayNumber + (4 - isoWeekday(dayNumber));
  const year = new Date(thursday * DAY_MS).getUTCFullYear();
  const firstDay = Math.floor(Date.UTC(year, 0, 1) / DAY_MS);
  return format(year, Math.floor((thursday - firstDay) / 7) + 1);
}

/** 53 for years whose 1 January is a Thursday, or a Wednesday in a leap year; else 52. */
export function weeksInYear(year: number): 52 | 53 {
  return isoWeekOfDate({ year, month: 12, day: 28 }) === format(year, 53) ? 53 : 52;
}

/** The week's parts if `text` names a real ISO week (no W00, no W53 in a 52-week year), else null. */
export function parseIsoWeek(text: string): { readonly year: number; readonly week: number } | null {
  const m = WEEK_RE.exec(text);
  if (!m) return null;
  const year = Number(m[1]);
  const week = Number(m[2]);
  if (year < 1970 || year > 9998 || week < 1 || week > weeksInYear(year)) return null;
  return { year, week };
}

export const isIsoWeek = (text: string): boolean => parseIsoWeek(text) !== null;

/** The day number (days since 1970-01-01) of the week's Monday. */
function mondayOf(week: IsoWeek): number {
  const parsed = parseIsoWeek(week);
  if (!parsed) throw new RangeError(`Not an ISO week: ${week}`);
  const jan4 = dayNumberOf({ year: parsed.year, month: 1, day: 4 });
  return jan4 - (isoWeekday(jan4) - 1) + 7 * (parsed.week - 1);
}

/** Orders weeks in time (their text sorts that way). */
export const compareWeeks = (a: IsoWeek, b: IsoWeek): number => (a < b ? -1 : a > b ? 1 : 0);

/** The week `n` weeks after `week` (before, for negative `n`). */
export function addWeeks(week: IsoWeek, n: number): IsoWeek {
  return isoWeekOfDayNumber(mondayOf(week) + 7 * n);
}

/** How many weeks `to` is after `from` (negative if before). */
export function weeksBetween(from: IsoWeek, to: IsoWeek): number {
  return Math.round((mondayOf(to) - mondayOf(from)) / 7);
}

/** `count` consecutive weeks ending with `last`, oldest first. */
export function weeksEndingWith(last: IsoWeek, count: number): IsoWeek[] {
  return Array.from({ length: count }, (_, i) => addWeeks(last, i - count + 1));
}

/** The Monday of the week as YYYY-MM-DD (for people who think in dates). */
export function mondayDate(week: IsoWeek): string {
  return new Date(mondayOf(week) * DAY_MS).toISOString().slice(0, 10);
}

/** True for an IANA time zone name this runtime knows (e.g. "Europe/Oslo"). */
export function isTimeZone(name: string): boolean {
  if (name.length === 0 || name.length > 64) return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The calendar day it is at `epochMs` in `timeZone`. */
export function localDate(epochMs: number, timeZone: string): CalendarDate {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", { timeZone, year: "numeric", month: "numeric", day: "numeric" });
    formatters.set(timeZone, formatter);
  }
  const parts = formatter.formatToParts(new Date(epochMs));
  const get = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((p) => p.type === type)?.value);
  return { year: get("year"), month: get("month"), day: get("day") };
}

/** The ISO week it is at `epochMs` for a team in `timeZone`. */
export function isoWeekAt(epochMs: number, timeZone: string): IsoWeek {
  return isoWeekOfDate(localDate(epochMs, timeZone));
}
