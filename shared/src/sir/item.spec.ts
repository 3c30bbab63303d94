/** @module Behaviour of the SIR item model: readiness for the meeting, a new item, and the limits the doc fixes. */
import { describe, expect, it } from "vitest";
import { SIR_KINDS, SIR_LIMITS, SIR_STATUSES, newSirItem, sirItemIdFor, sirReadiness, type SirFields } from "./item.js";

const answered = { kind: "issue" as const, problem: "Kundene venter for lenge på svar.", proposals: ["Chatbot", "Flere på telefon"], recommendation: "Flere på telefon i rushtiden." };

describe("readiness for the meeting", () => {
  it("is ready when the problem, at least two proposals and a recommendation are there", () => {
    expect(sirReadiness(answered)).toEqual({ ready: true, missing: [] });
    expect(sirReadiness({ ...answered, proposals: ["A", "B", "C"] }).ready).toBe(true);
  });

  it("a draft with one proposal is allowed but not ready", () => {
    expect(sirReadiness({ ...answered, proposals: ["Chatbot"] })).toEqual({ ready: false, missing: ["proposals"] });
  });

  it("names everything that is missing, in the order of the method's questions", () => {
    expect(sirReadiness({ kind: "risk", problem: "", proposals: [], recommendation: "" })).toEqual({ ready: false, missing: ["problem", "proposals", "recommendation"] });
    expect(sirReadiness({ ...answered, recommendation: "" }).missing).toEqual(["recommendation"]);
  });

  it("an information item needs only its description: there is nothing to decide, so no proposals or recommendation", () => {
    expect(sirReadiness({ kind: "information", problem: "Vi flytter kontoret 1. mars.", proposals: [], recommendation: "" })).toEqual({ ready: true, missing: [] });
    expect(sirReadiness({ kind: "information", problem: " ", proposals: [], recommendation: "" })).toEqual({ ready: false, missing: ["problem"] });
    // A risk is decided like an issue.
    expect(sirReadiness({ kind: "risk", problem: "Leverandøren kan gå konkurs.", proposals: [], recommendation: "" }).missing).toEqual(["proposals", "recommendation"]);
  });

  it("blank answers do not count as answers", () => {
    expect(sirReadiness({ kind: "issue", problem: "  \n ", proposals: ["A", "  "], recommendation: "\t" }).missing).toEqual(["problem", "proposals", "recommendation"]);
  });
});

describe("a new item", () => {
  const fields: SirFields = { title: "Nøkkelperson slutter", ...answered, kind: "risk", concerns: "O1", meetingId: "meeting-7", forDate: null };

  it("is open, undecided, on no agenda yet, at version 1, with the author's fields", () => {
    const author = { userId: "u-1", name: "Kari" };
    const item = newSirItem({ id: sirItemIdFor("cmd-000001"), tenantId: "t", seriesId: "s", author, fields, now: 1_000 });
    expect(item).toEqual({
      id: "sir-cmd-000001",
      tenantId: "t",
      seriesId: "s",
      version: 1,
      author,
      status: "open",
      decision: null,
      meetingsSeen: [],
      createdAt: 1_000,
      updatedAt: 1_000,
      ...fields,
    });
    expect(item.proposals).not.toBe(fields.proposals);
  });
});

describe("the model's vocabulary and limits", () => {
  it("has the method's three kinds, its four statuses and the tombstone of a deleted item", () => {
    expect(SIR_KINDS).toEqual(["issue", "information", "risk"]);
    expect(SIR_STATUSES).toEqual(["open", "resolved", "informationOnly", "withdrawn", "deleted"]);
  });

  it("uses the sizes fixed in docs/SIR.md", () => {
    expect(SIR_LIMITS).toMatchObject({
      titleMax: 120,
      problemMax: 2000,
      proposalsMax: 3,
      proposalMax: 500,
      proposalsForReady: 2,
      recommendationMax: 1000,
      concernsMax: 200,
      actionsMax: 10,
      meetingsSeenMax: 52,
      meetingIdMax: 512,
      itemJsonMax: 30_000,
      itemsPerSeries: 500,
      refreshUserIdsMax: 60,
    });
  });
});
