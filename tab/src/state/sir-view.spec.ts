/** @module What the SIR section shows and sends: age, readiness, when the list opens by itself, and the lead's form as a recordDecision command. */
import { describe, expect, it } from "vitest";
import { newMeeting, type MeetingState } from "../../../shared/src/meeting/state.js";
import { newSirItem, SIR_LIMITS, type Person, type SirItem } from "../../../shared/src/sir/item.js";
import {
  actionRowsFrom,
  agendaTimes,
  decisionCommand,
  discussionOf,
  emptyActionRow,
  knownPeople,
  openSirCount,
  ownerFor,
  readinessView,
  sirDisclosure,
  UNMATCHED_OWNER_ID,
  type ActionRow,
} from "./sir-view.js";

const KARI: Person = { userId: "u-kari", name: "Kari Nordmann" };
const SVEN: Person = { userId: "u-sven", name: "Sven Svensson" };

function item(over: Partial<SirItem> = {}): SirItem {
  const base = newSirItem({
    id: "sir-abcdefgh",
    tenantId: "t",
    seriesId: "s",
    author: KARI,
    fields: { kind: "issue", title: "Funnel", problem: "Deals stall", proposals: ["Pilot", "Follow up"], recommendation: "Pilot", concerns: "", meetingId: null, forDate: null },
    now: 0,
  });
  return { ...base, ...over };
}

/** A running meeting whose current section is the SIR section of the weekly template. */
function meetingIn(kind: "sir" | "goodNews", focus: MeetingState["focus"] = null): MeetingState {
  const m = newMeeting({ tenantId: "t", meetingId: "m1" });
  const section = m.sections.find((s) => s.kind === kind);
  if (!section) throw new Error(`no ${kind} section`);
  return { ...m, phase: "running", currentSectionId: section.id, focus };
}

const row = (over: Partial<ActionRow>): ActionRow => ({ ...emptyActionRow(1), ...over });

describe("an item's age and readiness", () => {
  it("counts the meetings it was on before, and this one once", () => {
    expect(agendaTimes(item(), "m3")).toBe(1);
    expect(agendaTimes(item({ meetingsSeen: ["m1", "m2"] }), "m3")).toBe(3);
    // Decided or carried over by the lead during m3: m3 is in the list already.
    expect(agendaTimes(item({ meetingsSeen: ["m1", "m3"] }), "m3")).toBe(2);
  });

  it("says how many of the three questions are answered and what is missing", () => {
    expect(readinessView(item())).toEqual({ ready: true, answered: 3, missing: [] });
    expect(readinessView(item({ proposals: ["Only one"], recommendation: " " }))).toEqual({ ready: false, answered: 1, missing: ["proposals", "recommendation"] });
  });

  it("an information item is ready once it is described: it has nothing to decide", () => {
    expect(readinessView(item({ kind: "information", proposals: [], recommendation: "" }))).toEqual({ ready: true, answered: 1, missing: [] });
    expect(readinessView(item({ kind: "information", problem: "", proposals: [], recommendation: "" }))).toEqual({ ready: false, answered: 0, missing: ["problem"] });
  });

  it("counts only open items", () => {
    expect(openSirCount([item(), item({ id: "sir-2", status: "resolved" })])).toBe(1);
    expect(openSirCount(null)).toBe(0);
  });
});

describe("when the SIR list is open", () => {
  it("opens by itself in the SIR section and while an item is discussed, closed elsewhere", () => {
    expect(sirDisclosure(meetingIn("sir"), null).open).toBe(true);
    expect(sirDisclosure(meetingIn("goodNews"), null).open).toBe(false);
    expect(sirDisclosure(meetingIn("goodNews", { itemId: "sir-1", startedAt: 5, durationMs: null }), null).open).toBe(true);
    expect(sirDisclosure(newMeeting({ tenantId: "t", meetingId: "m1" }), null).open).toBe(false);
  });

  it("keeps the user's choice until the situation changes", () => {
    const inSir = sirDisclosure(meetingIn("sir"), null);
    const closed = { open: false, context: inSir.context };
    expect(sirDisclosure(meetingIn("sir"), closed).open).toBe(false);
    // The lead opens an item for discussion: every panel shows it again.
    expect(sirDisclosure(meetingIn("sir", { itemId: "sir-1", startedAt: 5, durationMs: 60_000 }), closed).open).toBe(true);
    const elsewhere = sirDisclosure(meetingIn("goodNews"), null);
    expect(sirDisclosure(meetingIn("goodNews"), { open: true, context: elsewhere.context }).open).toBe(true);
  });
});

describe("the discussion an item shows", () => {
  it("is the meeting's, for the item under discussion while it is open; a settled item (e.g. withdrawn in chat) counts no time", () => {
    const focus = { itemId: "sir-abcdefgh", startedAt: 0, durationMs: 120_000 };
    expect(discussionOf(focus, item())).toBe(focus);
    expect(discussionOf(focus, item({ id: "sir-other000" }))).toBeNull();
    expect(discussionOf(null, item())).toBeNull();
    for (const status of ["resolved", "withdrawn", "deleted", "informationOnly"] as const) expect(discussionOf(focus, item({ status })), status).toBeNull();
  });
});

describe("owners", () => {
  it("knows the viewer and the people on the items, once each, by name", () => {
    const decided = item({
      id: "sir-2",
      decision: { text: "Yes", at: 1, by: SVEN, meetingId: "m1", actions: [{ title: "Do", owner: { userId: UNMATCHED_OWNER_ID, name: "Ola" }, due: null }] },
    });
    expect(knownPeople([item(), decided], KARI)).toEqual([KARI, SVEN]);
  });

  it("matches a typed name to a known person in any case; an unknown name is kept as a name", () => {
    expect(ownerFor(" sven svensson ", [KARI, SVEN])).toEqual(SVEN);
    expect(ownerFor("Ola", [KARI])).toEqual({ userId: UNMATCHED_OWNER_ID, name: "Ola" });
    expect(ownerFor("  ", [KARI])).toBeNull();
  });
});

describe("the decision form", () => {
  it("starts with the decision's actions, or one empty row", () => {
    expect(actionRowsFrom(null)).toEqual([emptyActionRow(0)]);
    const rows = actionRowsFrom({ text: "Yes", at: 1, by: SVEN, meetingId: "m1", actions: [{ title: "Write the offer", owner: SVEN, due: "2030-01-15" }] });
    expect(rows).toEqual([{ key: 0, title: "Write the offer", owner: "Sven Svensson", due: "2030-01-15" }]);
  });

  it("becomes recordDecision for this meeting, with blank rows left out and owners matched", () => {
    const draft = decisionCommand({
      itemId: "sir-1",
      meetingId: "m1",
      text: "  Offer a pilot ",
      rows: [row({ title: "Write the offer", owner: "sven svensson", due: "2030-01-15" }), row({ key: 2 }), row({ key: 3, title: "Call Nordic", owner: "Ola" })],
      people: [KARI, SVEN],
    });
    expect(draft).toEqual({
      ok: true,
      command: {
        type: "recordDecision",
        itemId: "sir-1",
        meetingId: "m1",
        text: "Offer a pilot",
        actions: [
          { title: "Write the offer", owner: SVEN, due: "2030-01-15" },
          { title: "Call Nordic", owner: { userId: UNMATCHED_OWNER_ID, name: "Ola" }, due: null },
        ],
      },
    });
  });

  it("says what to fix: an empty decision, an action without a title, too many actions", () => {
    const base = { itemId: "sir-1", meetingId: "m1", people: [] };
    expect(decisionCommand({ ...base, text: " ", rows: [] })).toEqual({ ok: false, problem: { key: "sir.decisionEmpty" } });
    expect(decisionCommand({ ...base, text: "Yes", rows: [row({ title: "A" }), row({ owner: "Kari" })] })).toEqual({ ok: false, problem: { key: "sir.actionNeedsTitle", params: { n: 2 } } });
    const many = Array.from({ length: SIR_LIMITS.actionsMax + 1 }, (_, i) => row({ key: i, title: `Action ${i}` }));
    expect(decisionCommand({ ...base, text: "Yes", rows: many })).toEqual({ ok: false, problem: { key: "sir.actionsFull", params: { max: SIR_LIMITS.actionsMax } } });
  });
});
