import { describe, expect, it } from "vitest";
import { carriedWeeksOf, isPrepared, nudgesOf, prefillFrom } from "./prefill.js";
import { entry, KARI } from "./test-builders.js";

const ctx = { tenantId: "t1", seriesId: "chat-1", week: "2026-W50", member: KARI };

describe("pre-fill and carry-over", () => {
  it("last week's 'next week' becomes this week's 'last week', each to be marked", () => {
    const prev = entry({ nextWeek: [{ text: "A", why: "x" }, { text: "B", why: "" }, { text: "C", why: "" }] });
    const draft = prefillFrom(prev, ctx);
    expect(draft.lastWeek).toEqual([
      { text: "A", result: "", mark: null, carriedWeeks: 0 },
      { text: "B", result: "", mark: null, carriedWeeks: 0 },
      { text: "C", result: "", mark: null, carriedWeeks: 0 },
    ]);
    expect(draft.nextWeek).toEqual([]);
    expect(draft.version).toBe(0);
    expect(draft.prefilledFrom).toBe("2026-W49");
  });

  it("a priority marked not done comes back once more, counted; done and partly ones do not", () => {
    const prev = entry({
      lastWeek: [
        { text: "Old done", result: "ok", mark: "done", carriedWeeks: 0 },
        { text: "Old partly", result: "half", mark: "partly", carriedWeeks: 0 },
        { text: "Budget", result: "", mark: "notDone", carriedWeeks: 1 },
      ],
      nextWeek: [{ text: "New", why: "" }],
    });
    expect(prefillFrom(prev, ctx).lastWeek.map((p) => [p.text, p.carriedWeeks])).toEqual([["New", 0], ["Budget", 2]]);
  });

  it("never duplicates: a not-done priority the member planned again shows once (case and spaces do not matter)", () => {
    const prev = entry({ lastWeek: [{ text: "Budget  2027", result: "", mark: "notDone", carriedWeeks: 0 }], nextWeek: [{ text: "budget 2027", why: "" }, { text: "Budget 2027", why: "again" }] });
    expect(prefillFrom(prev, ctx).lastWeek.map((p) => p.text)).toEqual(["budget 2027"]);
  });

  it("stays within five: the plan first, not-done ones fill the places left", () => {
    const prev = entry({
      lastWeek: [{ text: "X", result: "", mark: "notDone", carriedWeeks: 0 }],
      nextWeek: ["1", "2", "3", "4", "5"].map((text) => ({ text, why: "" })),
    });
    expect(prefillFrom(prev, ctx).lastWeek.map((p) => p.text)).toEqual(["1", "2", "3", "4", "5"]);
  });

  it("a first week, or an entry of this very week, pre-fills nothing", () => {
    expect(prefillFrom(null, ctx).lastWeek).toEqual([]);
    expect(prefillFrom(entry({ week: "2026-W50" }), ctx).prefilledFrom).toBeNull();
  });

  it("skipped weeks: the latest earlier entry pre-fills, however long ago", () => {
    expect(prefillFrom(entry({ week: "2026-W40" }), ctx).lastWeek.map((p) => p.text)).toEqual(["Tilbud til Nordic AS"]);
  });

  it("keeps a carried priority's count when it is saved, whatever its capitalisation", () => {
    const draft = prefillFrom(entry({ lastWeek: [{ text: "Budget", result: "", mark: "notDone", carriedWeeks: 0 }], nextWeek: [] }), ctx);
    expect(carriedWeeksOf("budget", draft)).toBe(1);
    expect(carriedWeeksOf("Something else", draft)).toBe(0);
  });

  it("prepared means saved with a plan; fewer than three is nudged, never refused", () => {
    expect(isPrepared(null)).toBe(false);
    expect(isPrepared(entry())).toBe(true);
    expect(nudgesOf(entry())).toEqual({ fewNext: true, unmarked: 0, noLearning: true });
  });
});
