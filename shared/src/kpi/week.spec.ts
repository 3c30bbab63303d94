import { describe, expect, it } from "vitest";
import { addWeeks, isIsoWeek, isoWeekAt, isoWeekOfDate, isTimeZone, mondayDate, weeksBetween, weeksEndingWith, weeksInYear } from "./week.js";

describe("ISO weeks", () => {
  it("puts the days around new year into the week their Thursday belongs to", () => {
    expect(isoWeekOfDate({ year: 2020, month: 12, day: 31 })).toBe("2020-W53");
    expect(isoWeekOfDate({ year: 2021, month: 1, day: 3 })).toBe("2020-W53");
    expect(isoWeekOfDate({ year: 2021, month: 1, day: 4 })).toBe("2021-W01");
    expect(isoWeekOfDate({ year: 2024, month: 12, day: 30 })).toBe("2025-W01");
    expect(isoWeekOfDate({ year: 2026, month: 11, day: 22 })).toBe("2026-W47");
  });

  it("knows which years have 53 weeks and refuses weeks that do not exist", () => {
    expect(weeksInYear(2020)).toBe(53);
    expect(weeksInYear(2026)).toBe(53);
    expect(weeksInYear(2025)).toBe(52);
    expect(isIsoWeek("2026-W53")).toBe(true);
    expect(isIsoWeek("2025-W53")).toBe(false);
    expect(isIsoWeek("2025-W00")).toBe(false);
    expect(isIsoWeek("2025-w01")).toBe(false);
    expect(isIsoWeek("2025-W1")).toBe(false);
  });

  it("counts and steps across year ends", () => {
    expect(addWeeks("2020-W53", 1)).toBe("2021-W01");
    expect(addWeeks("2025-W01", -1)).toBe("2024-W52");
    expect(weeksBetween("2024-W50", "2025-W03")).toBe(5);
    expect(weeksEndingWith("2021-W02", 4)).toEqual(["2020-W52", "2020-W53", "2021-W01", "2021-W02"]);
    expect(mondayDate("2025-W01")).toBe("2024-12-30");
  });

  it("uses the team's time zone to say which week it is now", () => {
    // Sunday 2025-01-05 23:30 in Oslo is Monday 00:30 in Helsinki: a new week there, not in Oslo.
    const t = Date.UTC(2025, 0, 5, 22, 30);
    expect(isoWeekAt(t, "Europe/Oslo")).toBe("2025-W01");
    expect(isoWeekAt(t, "Europe/Helsinki")).toBe("2025-W02");
    expect(isoWeekAt(t, "UTC")).toBe("2025-W01");
    // Monday 03:00 UTC starts 2021-W01 in Stockholm; in New York it is still Sunday evening of 2020-W53.
    expect(isoWeekAt(Date.UTC(2021, 0, 4, 3, 0), "America/New_York")).toBe("2020-W53");
    expect(isoWeekAt(Date.UTC(2021, 0, 4, 3, 0), "Europe/Stockholm")).toBe("2021-W01");
  });

  it("accepts only time zones the runtime knows", () => {
    expect(isTimeZone("Europe/Oslo")).toBe(true);
    expect(isTimeZone("Mars/Olympus")).toBe(false);
    expect(isTimeZone("")).toBe(false);
  });
});
