import { describe, expect, it } from "vitest";
import { nextReminderAt, ReminderSchema, zoneOffsetMs } from "./reminder.js";

const monday8 = { weekday: 1, time: "08:00" } as const;

describe("the weekly KPI reminder", () => {
  it("is the next Monday 08:00 in Oslo, in winter and in summer time", () => {
    // Wednesday 2026-01-14 12:00 UTC → Monday 2026-01-19 08:00 CET = 07:00 UTC.
    expect(new Date(nextReminderAt(Date.UTC(2026, 0, 14, 12), monday8, "Europe/Oslo")).toISOString()).toBe("2026-01-19T07:00:00.000Z");
    // Wednesday 2026-06-17 → Monday 2026-06-22 08:00 CEST = 06:00 UTC.
    expect(new Date(nextReminderAt(Date.UTC(2026, 5, 17, 12), monday8, "Europe/Oslo")).toISOString()).toBe("2026-06-22T06:00:00.000Z");
  });

  it("is later today when today's time has not come yet, next week once it has", () => {
    const mondayMorning = Date.UTC(2026, 0, 19, 6, 59); // 07:59 in Oslo
    expect(nextReminderAt(mondayMorning, monday8, "Europe/Oslo")).toBe(Date.UTC(2026, 0, 19, 7, 0));
    expect(nextReminderAt(Date.UTC(2026, 0, 19, 7, 0), monday8, "Europe/Oslo")).toBe(Date.UTC(2026, 0, 26, 7, 0));
  });

  it("follows the clock change: the Monday after summer time starts is an hour earlier in UTC", () => {
    // Summer time starts Sunday 2026-03-29 in Europe.
    expect(nextReminderAt(Date.UTC(2026, 2, 23, 7, 0), monday8, "Europe/Oslo")).toBe(Date.UTC(2026, 2, 30, 6, 0));
    expect(zoneOffsetMs(Date.UTC(2026, 2, 30, 6, 0), "Europe/Oslo")).toBe(2 * 3_600_000);
  });

  it("moves a time skipped by the clock change on by the gap, forwards in every zone", () => {
    const sunday0230 = { weekday: 7, time: "02:30" } as const;
    // Oslo: 2026-03-29 02:30 does not exist → 03:30 CEST = 01:30 UTC.
    expect(nextReminderAt(Date.UTC(2026, 2, 28, 12), sunday0230, "Europe/Oslo")).toBe(Date.UTC(2026, 2, 29, 1, 30));
    // New York: 2026-03-08 02:30 does not exist → 03:30 EDT = 07:30 UTC.
    expect(nextReminderAt(Date.UTC(2026, 2, 7, 12), sunday0230, "America/New_York")).toBe(Date.UTC(2026, 2, 8, 7, 30));
  });

  it("takes the first of a time that happens twice when the clocks go back", () => {
    // Oslo: 2026-10-25 02:30 happens at 00:30 UTC (CEST) and 01:30 UTC (CET).
    expect(nextReminderAt(Date.UTC(2026, 9, 24, 12), { weekday: 7, time: "02:30" }, "Europe/Oslo")).toBe(Date.UTC(2026, 9, 25, 0, 30));
  });

  it("counts the weekday in the team's zone, not in UTC", () => {
    // Sunday 23:30 UTC is already Monday 01:30 in Helsinki: Monday 08:00 Helsinki is the same day.
    expect(nextReminderAt(Date.UTC(2026, 0, 18, 23, 30), monday8, "Europe/Helsinki")).toBe(Date.UTC(2026, 0, 19, 6, 0));
  });

  it("accepts a weekday 1–7 and a 24-hour time only", () => {
    expect(ReminderSchema.safeParse({ weekday: 5, time: "15:30" }).success).toBe(true);
    for (const bad of [{ weekday: 0, time: "08:00" }, { weekday: 8, time: "08:00" }, { weekday: 1, time: "24:00" }, { weekday: 1, time: "8:00" }, { weekday: 1.5, time: "08:00" }]) {
      expect(ReminderSchema.safeParse(bad).success).toBe(false);
    }
  });
});
