/** @module The summary's actions: which of the series' actions a meeting reports, and as what (new, updated, done, carries over). */
import { describe, expect, it } from "vitest";
import { action, KARI, LEAD, OLA } from "../actions/test-builders.js";
import { recordActions, windowStart } from "./record-actions.js";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Monday 2025-01-13 09:00 Oslo: this week's meeting starts; last week's ended a week earlier at 10:00. */
const START = Date.parse("2025-01-13T08:00:00Z");
const END = START + HOUR;
const LAST_END = START - 7 * DAY + 2 * HOUR;
const TZ = "Europe/Oslo";
const window = { since: LAST_END, until: END };

describe("the actions a meeting's summary lists", () => {
  const list = [
    action({ id: "act-old-open", title: "Budsjett", createdAt: LAST_END - 10 * DAY, updatedAt: LAST_END - 10 * DAY, due: "2025-01-31" }),
    action({ id: "act-new", title: "Tre tilbud", owners: [KARI, OLA], createdAt: START + 10 * 60_000, updatedAt: START + 10 * 60_000, due: "2025-01-20", source: { kind: "sir", itemId: "sir-1" } }),
    action({ id: "act-between", title: "Ring kunden", createdAt: LAST_END + 2 * DAY, updatedAt: LAST_END + 2 * DAY, due: "2025-01-15" }),
    action({ id: "act-updated", title: "Prisliste", createdAt: LAST_END - 20 * DAY, updatedAt: START + 20 * 60_000, due: "2025-01-24" }),
    action({ id: "act-done-this-week", title: "CRM", status: "done", createdAt: LAST_END - 20 * DAY, updatedAt: LAST_END + 3 * DAY, doneAt: LAST_END + 3 * DAY }),
    action({ id: "act-done-last-week", title: "Gammelt", status: "done", createdAt: LAST_END - 30 * DAY, updatedAt: LAST_END - DAY, doneAt: LAST_END - DAY }),
    action({ id: "act-deleted", title: "Slettet", createdAt: START, updatedAt: START, deletedAt: START + 1 }),
    action({ id: "act-after", title: "Etterpå", createdAt: END + HOUR, updatedAt: END + HOUR }),
    action({ id: "act-done-after", title: "Ferdig etterpå", status: "done", createdAt: LAST_END - DAY, updatedAt: END + HOUR, doneAt: END + HOUR }),
  ];

  it("marks what changed since the last meeting new, updated or done, lists it first, and what is still open as carrying over", () => {
    const shown = recordActions(list, window, TZ);
    expect(shown.map((a) => [a.id, a.state])).toEqual([
      ["act-between", "new"],
      ["act-new", "new"],
      ["act-updated", "updated"],
      ["act-done-this-week", "done"],
      ["act-old-open", "open"],
      // Done after the meeting: it was open then; counted as carrying over, never as done in this meeting.
      ["act-done-after", "open"],
    ]);
  });

  it("keeps owners and due dates; never lists a deleted action, one made after the meeting, or one done before the window", () => {
    const shown = recordActions(list, window, TZ);
    expect(shown.find((a) => a.id === "act-new")).toEqual({ id: "act-new", title: "Tre tilbud", owners: [KARI, OLA], due: "2025-01-20", state: "new" });
    expect(shown.map((a) => a.id)).not.toContain("act-deleted");
    expect(shown.map((a) => a.id)).not.toContain("act-after");
    expect(shown.map((a) => a.id)).not.toContain("act-done-last-week");
  });

  it("a meeting not started with no earlier one: nothing is new, what is open carries over", () => {
    const shown = recordActions(list, { since: null, until: START - DAY }, TZ);
    expect(new Set(shown.map((a) => a.state))).toEqual(new Set(["open"]));
  });

  it("50 actions: each listed once", () => {
    const many = Array.from({ length: 50 }, (_, i) => action({ id: `act-${i}`, title: `Action ${i}`, owners: [LEAD], createdAt: START + i, updatedAt: START + i }));
    const shown = recordActions([...many, ...many.slice(0, 10)], window, TZ);
    expect(shown).toHaveLength(50);
    expect(shown.every((a) => a.state === "new")).toBe(true);
  });
});

describe("where the meeting's window starts", () => {
  const occurrences = [
    { meetingId: "this", startedAt: START, endedAt: END },
    { meetingId: "last", startedAt: LAST_END - HOUR, endedAt: LAST_END },
    { meetingId: "older", startedAt: LAST_END - 7 * DAY, endedAt: LAST_END - 7 * DAY + HOUR },
    { meetingId: "later", startedAt: END + 7 * DAY, endedAt: null },
  ];
  it("at the end of the previous occurrence of the series", () => expect(windowStart("this", START, occurrences)).toBe(LAST_END));
  it("at this meeting's start for the first of a series", () => expect(windowStart("this", START, [occurrences[0] ?? { meetingId: "this", startedAt: START, endedAt: END }])).toBe(START));
  it("for a meeting not started: after the latest occurrence; none = nothing counts as changed", () => {
    expect(windowStart("next", null, occurrences.slice(0, 3))).toBe(END);
    expect(windowStart("first", null, [])).toBeNull();
  });
});
