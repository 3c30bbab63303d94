/** @module A SIR decision's drafts as actions: stable keys (the same drafts recorded again name the same actions), owner defaults to who decided. */
import { describe, expect, it } from "vitest";
import { sirItem } from "../sir/test-builders.js";
import { draftsOf } from "./from-decision.js";
import { KARI, LEAD, T0 } from "./test-builders.js";

const decided = (actions: { title: string; owner: typeof KARI | null; due: string | null }[], at = T0, text = "Vi bytter.") =>
  sirItem({ decision: { text, at, by: LEAD, meetingId: "m-1", actions } });

describe("drafts of a decision", () => {
  it("one per draft, owned as drafted or by whoever decided", () => {
    const drafts = draftsOf(decided([{ title: "Ring", owner: KARI, due: "2025-01-10" }, { title: "Skriv", owner: null, due: null }]));
    expect(drafts.map((d) => [d.title, d.owners, d.due, d.itemId])).toEqual([
      ["Ring", [KARI], "2025-01-10", "sir-cmd-000001"],
      ["Skriv", [LEAD], null, "sir-cmd-000001"],
    ]);
  });

  it("the same drafts under a corrected decision text or later time have the same keys; two drafts with one title differ", () => {
    const a = draftsOf(decided([{ title: "Ring", owner: KARI, due: null }, { title: "Ring", owner: KARI, due: null }]));
    const b = draftsOf(decided([{ title: "Ring", owner: KARI, due: null }, { title: "Ring", owner: KARI, due: null }], T0 + 5000, "Vi bytter transportør."));
    expect(a.map((d) => d.key)).toEqual(b.map((d) => d.key));
    expect(new Set(a.map((d) => d.key)).size).toBe(2);
  });

  it("no decision or a deleted item: nothing", () => {
    expect(draftsOf(sirItem())).toEqual([]);
    expect(draftsOf({ ...decided([{ title: "Ring", owner: KARI, due: null }]), status: "deleted" })).toEqual([]);
  });
});
