/** @module Overdue in the team's time zone: the due day ends at local midnight, across DST changes and far from UTC. */
import { describe, expect, it } from "vitest";
import { addDays, dayIn, daysOverdue, isOverdue } from "./dates.js";

const open = (due: string | null) => ({ due, status: "open" as const, deletedAt: null });

describe("overdue", () => {
  it("in Oslo in winter (UTC+1): due 28 March 2026 is overdue from 23:00 UTC that day", () => {
    expect(isOverdue(open("2026-03-28"), Date.UTC(2026, 2, 28, 22, 59), "Europe/Oslo")).toBe(false);
    expect(isOverdue(open("2026-03-28"), Date.UTC(2026, 2, 28, 23, 0), "Europe/Oslo")).toBe(true);
  });

  it("on the night summer time begins (29 March 2026): the day still ends at local midnight, now 22:00 UTC", () => {
    expect(isOverdue(open("2026-03-29"), Date.UTC(2026, 2, 29, 21, 59), "Europe/Oslo")).toBe(false);
    expect(isOverdue(open("2026-03-29"), Date.UTC(2026, 2, 29, 22, 0), "Europe/Oslo")).toBe(true);
  });

  it("on the day summer time ends (25 October 2026, a 25-hour day): overdue from 23:00 UTC", () => {
    expect(isOverdue(open("2026-10-24"), Date.UTC(2026, 9, 24, 21, 59), "Europe/Oslo")).toBe(false);
    expect(isOverdue(open("2026-10-24"), Date.UTC(2026, 9, 24, 22, 0), "Europe/Oslo")).toBe(true);
    expect(isOverdue(open("2026-10-25"), Date.UTC(2026, 9, 25, 22, 59), "Europe/Oslo")).toBe(false);
    expect(isOverdue(open("2026-10-25"), Date.UTC(2026, 9, 25, 23, 0), "Europe/Oslo")).toBe(true);
  });

  it("the same moment is overdue in Auckland and not yet in New York", () => {
    const at = Date.UTC(2026, 5, 10, 12, 30); // 00:30 on 11 June in Auckland, 08:30 on 10 June in New York
    expect(isOverdue(open("2026-06-10"), at, "Pacific/Auckland")).toBe(true);
    expect(isOverdue(open("2026-06-10"), at, "America/New_York")).toBe(false);
  });

  it("done, deleted or undated actions are never overdue", () => {
    const late = Date.UTC(2030, 0, 1);
    expect(isOverdue({ due: "2026-01-01", status: "done", deletedAt: null }, late, "Europe/Oslo")).toBe(false);
    expect(isOverdue({ due: "2026-01-01", status: "open", deletedAt: 5 }, late, "Europe/Oslo")).toBe(false);
    expect(isOverdue(open(null), late, "Europe/Oslo")).toBe(false);
    expect(isOverdue({ due: "2026-01-01", status: "blocked", deletedAt: null }, late, "Europe/Oslo")).toBe(true);
  });

  it("counts whole local days past due, across the DST change", () => {
    expect(daysOverdue(open("2026-03-27"), Date.UTC(2026, 2, 30, 8, 0), "Europe/Oslo")).toBe(3);
    expect(daysOverdue(open("2026-03-30"), Date.UTC(2026, 2, 30, 8, 0), "Europe/Oslo")).toBe(0);
  });
});

describe("days", () => {
  it("dayIn names the local day; addDays is calendar arithmetic (leap years, month ends)", () => {
    expect(dayIn(Date.UTC(2024, 11, 31, 23, 30), "Europe/Oslo")).toBe("2025-01-01");
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addDays("2025-02-28", 1)).toBe("2025-03-01");
    expect(addDays("2025-01-06", -28)).toBe("2024-12-09");
    expect(addDays("2025-01-06", 730)).toBe("2027-01-06");
  });
});
