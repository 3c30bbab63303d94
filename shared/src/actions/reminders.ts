/**
 * @module The schedule of an action's reminders in Teams, per owner: N days before the due day (the team's setting,
 * 0 = off) and once when it becomes overdue, each at the team's local hour in its time zone (DST included), pushed on
 * by a snooze, planned again when the due day changes. Pure: the service keeps one `ReminderProgress` per action and
 * owner beside the due-index and asks these functions what comes next and what to send now.
 */
import { z } from "zod";
import { CommandId } from "../meeting/commands.js";
import { zonedInstant } from "../kpi/reminder.js";
import { addDays, dayIn } from "./dates.js";
import type { Action } from "./model.js";

import { REMINDER_LIMITS } from "./reminder-limits.js";

export { REMINDER_LIMITS };

/** A series' reminder settings (the team's; a lead changes them). */
export interface ReminderSettings {
  /** Days before the due day the first reminder goes out: 0–14, 0 = no "due soon" reminder (the overdue one stays). */
  readonly daysBefore: number;
  /** The team's local time of day reminders go out, HH:MM (24 h). */
  readonly time: string;
}

export const DEFAULT_REMINDER_SETTINGS: ReminderSettings = { daysBefore: 2, time: "09:00" };
export const DEFAULT_SNOOZE_DAYS = 1;

const Time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "must be HH:MM (24 h)");
export const ReminderSettingsSchema = z.strictObject({
  daysBefore: z.number().int().min(0).max(REMINDER_LIMITS.daysBeforeMax),
  time: Time,
});

/** `PUT …/reminders`: a lead's change, with a client-made id (a retry is recognised). */
export const SetReminderSettingsRequest = z.strictObject({ id: CommandId, ...ReminderSettingsSchema.shape });
export type SetReminderSettingsRequest = z.infer<typeof SetReminderSettingsRequest>;

export const SnoozeDays = z.number().int().min(REMINDER_LIMITS.snoozeDaysMin).max(REMINDER_LIMITS.snoozeDaysMax);

export type ReminderKind = "dueSoon" | "overdue";

/** What has happened to one owner's reminders of one action (stored; see the service's reminder store). */
export interface ReminderProgress {
  /** The due day this progress is about: a new due day starts a new plan. */
  readonly due: string | null;
  /** When this plan was made: a "due soon" time already past then (an action due tomorrow) is not sent. */
  readonly plannedAt: number;
  readonly dueSoonSent: boolean;
  readonly overdueSent: boolean;
  /** Set by a snooze: the next reminder goes out then instead. */
  readonly snoozedUntil: number | null;
}

export interface PlannedReminder {
  readonly kind: ReminderKind;
  readonly at: number;
}

/** Done, deleted and undated actions get no reminders. */
export const isRemindable = (a: Pick<Action, "status" | "deletedAt" | "due">): boolean => a.status !== "done" && a.deletedAt === null && a.due !== null;

/** The instant of `time` on `day` in `timeZone` (a time the spring night skips moves on by the gap). */
export function atLocal(day: string, time: string, timeZone: string): number {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const [hh, mm] = time.split(":").map(Number) as [number, number];
  return zonedInstant(y, m, d, hh, mm, timeZone);
}

/** The progress for the action's current due day: kept while the due day is the same, started afresh when it changed. */
export function rebase(progress: ReminderProgress | null, action: Pick<Action, "due">, now: number): ReminderProgress {
  if (progress && progress.due === action.due) return progress;
  return { due: action.due, plannedAt: now, dueSoonSent: false, overdueSent: false, snoozedUntil: null };
}

/** When a reminder of this kind is due for `due` (the overdue one: the team's hour on the first day after it). */
export function reminderTime(kind: ReminderKind, due: string, settings: ReminderSettings, timeZone: string): number {
  return atLocal(kind === "overdue" ? addDays(due, 1) : addDays(due, -settings.daysBefore), settings.time, timeZone);
}

/** Which kind a reminder sent at `at` is: overdue once the due day is over where the team is. */
export const kindAt = (due: string, at: number, timeZone: string): ReminderKind => (dayIn(at, timeZone) > due ? "overdue" : "dueSoon");

/**
 * The owner's next reminder of the action, or null (none left, or the action needs none). A snooze replaces whatever
 * was next; otherwise the "due soon" one (unless switched off, sent, or already past when planned), then the overdue one.
 */
export function nextReminder(action: Pick<Action, "status" | "deletedAt" | "due">, progress: ReminderProgress, settings: ReminderSettings, timeZone: string): PlannedReminder | null {
  if (!isRemindable(action) || action.due === null || progress.due !== action.due) return null;
  const due = action.due;
  if (progress.snoozedUntil !== null) {
    const kind = kindAt(due, progress.snoozedUntil, timeZone);
    // A snooze into the overdue time after the overdue reminder went out still reminds once more: the owner asked for it.
    return { kind, at: progress.snoozedUntil };
  }
  if (!progress.dueSoonSent && settings.daysBefore > 0) {
    const at = reminderTime("dueSoon", due, settings, timeZone);
    if (at >= progress.plannedAt) return { kind: "dueSoon", at };
  }
  if (!progress.overdueSent) return { kind: "overdue", at: reminderTime("overdue", due, settings, timeZone) };
  return null;
}

/** What to send at `now` for a planned reminder: a late "due soon" reminder once the due day is over is the overdue one. */
export function reminderToSend(action: Pick<Action, "due">, planned: PlannedReminder, now: number, timeZone: string): { readonly kind: ReminderKind; readonly daysLeft: number } {
  const due = action.due ?? dayIn(now, timeZone);
  const today = dayIn(now, timeZone);
  const dayNumber = (s: string): number => Date.parse(`${s}T00:00:00Z`) / 86_400_000;
  const daysLeft = dayNumber(due) - dayNumber(today);
  return { kind: planned.kind === "overdue" || daysLeft < 0 ? "overdue" : "dueSoon", daysLeft };
}

/** The progress after a reminder of `kind` went out (an overdue one also covers the "due soon" one it replaced). */
export function afterSent(progress: ReminderProgress, kind: ReminderKind): ReminderProgress {
  return { ...progress, snoozedUntil: null, dueSoonSent: true, overdueSent: progress.overdueSent || kind === "overdue" };
}

/** A snooze of `days` (1–7) at `now`: the next reminder goes out `days` days later at the team's hour. */
export function snoozed(progress: ReminderProgress, days: number, now: number, settings: ReminderSettings, timeZone: string): ReminderProgress {
  return { ...progress, snoozedUntil: atLocal(addDays(dayIn(now, timeZone), days), settings.time, timeZone) };
}
