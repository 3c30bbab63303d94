import { describe, expect, it } from "vitest";
import { computeStatus, cycleFraction, ownersOverLimit, statusOf, tooManyObjectives } from "./status.js";
import { KARI, LEAD, metric, objective, weeklyValue } from "./test-builders.js";

const W = "2025-W05";

describe("status of a weekly value", () => {
  it("higher is better: on target is on track, within the tolerance at risk, below it off track", () => {
    const m = metric({ direction: "higher", target: 100, tolerancePct: 10 });
    expect(computeStatus(m, 100, W, null)).toBe("onTrack");
    expect(computeStatus(m, 120, W, null)).toBe("onTrack");
    expect(computeStatus(m, 99.99, W, null)).toBe("atRisk");
    expect(computeStatus(m, 90, W, null)).toBe("atRisk");
    expect(computeStatus(m, 89.99, W, null)).toBe("offTrack");
  });

  it("lower is better mirrors it", () => {
    const m = metric({ direction: "lower", target: 20, tolerancePct: 25 });
    expect(computeStatus(m, 20, W, null)).toBe("onTrack");
    expect(computeStatus(m, 3, W, null)).toBe("onTrack");
    expect(computeStatus(m, 25, W, null)).toBe("atRisk");
    expect(computeStatus(m, 25.01, W, null)).toBe("offTrack");
  });

  it("a range is on track inside, at risk just outside either bound, off track further out", () => {
    const m = metric({ direction: "range", target: 40, targetMax: 60, tolerancePct: 10 });
    expect(computeStatus(m, 40, W, null)).toBe("onTrack");
    expect(computeStatus(m, 60, W, null)).toBe("onTrack");
    expect(computeStatus(m, 38, W, null)).toBe("atRisk");
    expect(computeStatus(m, 62, W, null)).toBe("atRisk");
    expect(computeStatus(m, 37.9, W, null)).toBe("offTrack");
    expect(computeStatus(m, 62.1, W, null)).toBe("offTrack");
  });

  it("does not let floating point noise move a value across a boundary", () => {
    const m = metric({ direction: "higher", target: 0.3, tolerancePct: 0 });
    expect(computeStatus(m, 0.1 + 0.2, W, null)).toBe("onTrack");
  });

  it("judges a key result against the progress expected by this week of its cycle", () => {
    const o = objective({ from: "2025-W01", to: "2025-W10" });
    const kr = metric({ kind: "keyResult", objectiveId: o.id, start: 0, target: 100, tolerancePct: 10 });
    expect(cycleFraction(o, "2025-W05")).toBe(0.5);
    expect(computeStatus(kr, 50, "2025-W05", o)).toBe("onTrack");
    expect(computeStatus(kr, 40, "2025-W05", o)).toBe("atRisk");
    expect(computeStatus(kr, 39, "2025-W05", o)).toBe("offTrack");
    // After the cycle the full target is expected.
    expect(computeStatus(kr, 95, "2025-W12", o)).toBe("atRisk");
  });

  it("lets the owner's override win and keeps the computed status beside it", () => {
    const m = metric({ target: 100 });
    const v = weeklyValue({ value: 50, override: { status: "atRisk", comment: "Storkunde betaler neste uke" } });
    expect(statusOf(m, v, null)).toEqual({ status: "atRisk", computed: "offTrack", override: v.override });
  });
});

describe("nudges", () => {
  it("names people who own more than three active numbers, archived ones not counted", () => {
    const mine = (n: number, archived = false) => Array.from({ length: n }, () => metric({ owner: KARI, archived }));
    expect(ownersOverLimit([...mine(3), ...mine(2, true), metric({ owner: LEAD })])).toEqual([]);
    expect(ownersOverLimit([...mine(4), metric({ owner: LEAD })])).toEqual([{ userId: KARI.userId, name: KARI.name, count: 4 }]);
  });

  it("says when a team has more than a handful of objectives", () => {
    expect(tooManyObjectives(Array.from({ length: 5 }, () => objective()))).toBe(false);
    expect(tooManyObjectives(Array.from({ length: 6 }, () => objective()))).toBe(true);
    expect(tooManyObjectives([...Array.from({ length: 5 }, () => objective()), objective({ archived: true })])).toBe(false);
  });
});
