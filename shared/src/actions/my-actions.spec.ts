import { describe, expect, it } from "vitest";
import { myActions } from "./my-actions.js";
import { action, KARI, OLA, T0 } from "./test-builders.js";

const zone = (tz: Record<string, string>) => (seriesId: string) => tz[seriesId] ?? "Europe/Oslo";
const noName = () => null;

describe("my actions across series", () => {
  it("lists only the person's open actions: not others', not done, not deleted", () => {
    const mine = action({ id: "act-mine-0001", owners: [KARI, OLA] });
    const others = action({ id: "act-other-001", owners: [OLA] });
    const done = action({ id: "act-done-0001", status: "done", doneAt: T0 });
    const deleted = action({ id: "act-gone-0001", deletedAt: T0 });
    const out = myActions([mine, others, done, deleted], KARI.userId, T0, zone({}), noName, 50);
    expect(out.actions.map((r) => r.action.id)).toEqual(["act-mine-0001"]);
    expect(out.total).toBe(1);
  });

  it("puts overdue first, each decided in its own series' time zone, then by due day, undated last, and cuts at the limit", () => {
    // T0 is 2025-01-06 in both zones: due 2025-01-02 is overdue there.
    const later = action({ id: "act-later-001", seriesId: "s1", due: "2025-02-01" });
    const soon = action({ id: "act-soon-0001", seriesId: "s2", due: "2025-01-20" });
    const undated = action({ id: "act-undat-001", seriesId: "s1", due: null });
    const late = action({ id: "act-late-0001", seriesId: "s2", due: "2025-01-02" });
    const out = myActions([later, soon, undated, late], KARI.userId, T0, zone({ s1: "Europe/Oslo", s2: "America/New_York" }), (s) => (s === "s1" ? "Weekly" : null), 3);
    expect(out.actions.map((r) => r.action.id)).toEqual(["act-late-0001", "act-soon-0001", "act-later-001"]);
    expect(out.actions[0]).toMatchObject({ overdue: true, timeZone: "America/New_York", seriesName: null });
    expect(out.actions[2]?.seriesName).toBe("Weekly");
    expect(out.total).toBe(4);
  });

  it("the same action twice (two reads) counts once, with its newest version", () => {
    const v1 = action({ id: "act-twice-001", version: 1, title: "Old" });
    const v2 = action({ id: "act-twice-001", version: 2, title: "New" });
    const out = myActions([v2, v1], KARI.userId, T0, zone({}), noName, 50);
    expect(out.actions.map((r) => r.action.title)).toEqual(["New"]);
  });
});
