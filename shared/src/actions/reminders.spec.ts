/** @module The reminder schedule: days before and overdue at the team's hour, across Oslo's DST changes; done, snooze, a new due day. */
import { describe, expect, it } from "vitest";
import {
  afterSent,
  DEFAULT_REMINDER_SETTINGS,
  nextReminder,
  rebase,
  reminderToSend,
  ReminderSettingsSchema,
  SetReminderSettingsRequest,
  snoozed,
  type ReminderProgress,
} from "./reminders.js";
import { action } from "./test-builders.js";

const OSLO = "Europe/Oslo";
const settings = DEFAULT_REMINDER_SETTINGS;
const plannedLongAgo = (due: string): ReminderProgress => rebase(null, { due }, Date.UTC(2020, 0, 1));

describe("the reminder schedule", () => {
  it("two days before at 09:00 Oslo time, then at 09:00 on the first day after the due day", () => {
    const a = action({ due: "2026-06-12" });
    const p = plannedLongAgo("2026-06-12");
    expect(nextReminder(a, p, settings, OSLO)).toEqual({ kind: "dueSoon", at: Date.UTC(2026, 5, 10, 7, 0) });
    expect(nextReminder(a, afterSent(p, "dueSoon"), settings, OSLO)).toEqual({ kind: "overdue", at: Date.UTC(2026, 5, 13, 7, 0) });
    expect(nextReminder(a, afterSent(afterSent(p, "dueSoon"), "overdue"), settings, OSLO)).toBeNull();
  });

  it("across the March change (29 March 2026): 09:00 is 08:00 UTC before it and 07:00 UTC after", () => {
    const a = action({ due: "2026-03-30" });
    const p = plannedLongAgo("2026-03-30");
    expect(nextReminder(a, p, settings, OSLO)).toEqual({ kind: "dueSoon", at: Date.UTC(2026, 2, 28, 8, 0) });
    expect(nextReminder(a, afterSent(p, "dueSoon"), settings, OSLO)).toEqual({ kind: "overdue", at: Date.UTC(2026, 2, 31, 7, 0) });
  });

  it("across the October change (25 October 2026): 09:00 is 07:00 UTC before it and 08:00 UTC after", () => {
    const a = action({ due: "2026-10-25" });
    const p = plannedLongAgo("2026-10-25");
    expect(nextReminder(a, p, settings, OSLO)).toEqual({ kind: "dueSoon", at: Date.UTC(2026, 9, 23, 7, 0) });
    expect(nextReminder(a, afterSent(p, "dueSoon"), settings, OSLO)).toEqual({ kind: "overdue", at: Date.UTC(2026, 9, 26, 8, 0) });
  });

  it("a time the spring night skips (02:30 on 29 March) goes out at 03:30 local", () => {
    const a = action({ due: "2026-03-28" });
    expect(nextReminder(a, afterSent(plannedLongAgo("2026-03-28"), "dueSoon"), { daysBefore: 2, time: "02:30" }, OSLO)).toEqual({ kind: "overdue", at: Date.UTC(2026, 2, 29, 1, 30) });
  });

  it("0 days before switches the early reminder off; the overdue one stays", () => {
    const a = action({ due: "2026-06-12" });
    expect(nextReminder(a, plannedLongAgo("2026-06-12"), { daysBefore: 0, time: "09:00" }, OSLO)).toEqual({ kind: "overdue", at: Date.UTC(2026, 5, 13, 7, 0) });
  });

  it("no reminders for done, deleted or undated actions", () => {
    const p = plannedLongAgo("2026-06-12");
    expect(nextReminder(action({ due: "2026-06-12", status: "done" }), p, settings, OSLO)).toBeNull();
    expect(nextReminder(action({ due: "2026-06-12", deletedAt: 1 }), p, settings, OSLO)).toBeNull();
    expect(nextReminder(action({ due: null }), rebase(null, { due: null }, 0), settings, OSLO)).toBeNull();
  });

  it("an action made the day before it is due gets no 'due soon' reminder for a time already past, only the overdue one", () => {
    const made = Date.UTC(2026, 5, 11, 10, 0);
    expect(nextReminder(action({ due: "2026-06-12" }), rebase(null, { due: "2026-06-12" }, made), settings, OSLO)).toEqual({ kind: "overdue", at: Date.UTC(2026, 5, 13, 7, 0) });
  });

  it("a new due day plans again from the start; the same due day keeps what was sent", () => {
    const sent = afterSent(plannedLongAgo("2026-06-12"), "dueSoon");
    expect(rebase(sent, { due: "2026-06-12" }, Date.UTC(2026, 5, 11))).toBe(sent);
    const moved = rebase(sent, { due: "2026-06-19" }, Date.UTC(2026, 5, 11));
    expect(nextReminder(action({ due: "2026-06-19" }), moved, settings, OSLO)).toEqual({ kind: "dueSoon", at: Date.UTC(2026, 5, 17, 7, 0) });
  });

  it("a snooze pushes the next reminder by the chosen days to the team's hour, and the overdue one still follows", () => {
    const a = action({ due: "2026-06-12" });
    const p = snoozed(plannedLongAgo("2026-06-12"), 1, Date.UTC(2026, 5, 10, 7, 5), settings, OSLO);
    expect(nextReminder(a, p, settings, OSLO)).toEqual({ kind: "dueSoon", at: Date.UTC(2026, 5, 11, 7, 0) });
    const afterSnooze = afterSent(p, "dueSoon");
    expect(nextReminder(a, afterSnooze, settings, OSLO)).toEqual({ kind: "overdue", at: Date.UTC(2026, 5, 13, 7, 0) });
    const overdueSnooze = snoozed(afterSent(afterSnooze, "overdue"), 7, Date.UTC(2026, 5, 13, 7, 5), settings, OSLO);
    expect(nextReminder(a, overdueSnooze, settings, OSLO)).toEqual({ kind: "overdue", at: Date.UTC(2026, 5, 20, 7, 0) });
    expect(nextReminder(a, afterSent(overdueSnooze, "overdue"), settings, OSLO)).toBeNull();
  });

  it("a 'due soon' reminder sent late (the service was down) counts the days from now, and after the due day it is the overdue one", () => {
    const planned = { kind: "dueSoon" as const, at: Date.UTC(2026, 5, 10, 7, 0) };
    expect(reminderToSend({ due: "2026-06-12" }, planned, Date.UTC(2026, 5, 11, 12, 0), OSLO)).toEqual({ kind: "dueSoon", daysLeft: 1 });
    expect(reminderToSend({ due: "2026-06-12" }, planned, Date.UTC(2026, 5, 12, 21, 59), OSLO)).toEqual({ kind: "dueSoon", daysLeft: 0 });
    expect(reminderToSend({ due: "2026-06-12" }, planned, Date.UTC(2026, 5, 12, 22, 0), OSLO)).toEqual({ kind: "overdue", daysLeft: -1 });
  });

  it("settings: 0–14 days, a real HH:MM; anything else is refused", () => {
    expect(ReminderSettingsSchema.safeParse({ daysBefore: 14, time: "23:59" }).success).toBe(true);
    for (const bad of [{ daysBefore: 15, time: "09:00" }, { daysBefore: -1, time: "09:00" }, { daysBefore: 1.5, time: "09:00" }, { daysBefore: 2, time: "24:00" }, { daysBefore: 2, time: "9:00" }, { daysBefore: 2, time: "09:00", extra: 1 }]) {
      expect(ReminderSettingsSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
    expect(SetReminderSettingsRequest.safeParse({ id: "short", daysBefore: 2, time: "09:00" }).success).toBe(false);
  });
});
