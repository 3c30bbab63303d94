/** @module Occurrences of a recurring Teams meeting (one Teams id for all): their ids, and when the next one begins. */
import { describe, expect, it } from "vitest";
import { earliestMoveByUse, ENDED_STAYS_CURRENT_MS, MAX_OCCURRENCE, occurrenceLinkId, occurrenceMeetingId, occurrenceStep, parseOccurrence, RUNNING_GOES_STALE_MS, teamsMeetingRef } from "./occurrence.js";

const TEAMS_ID = "MCMxOTptZWV0aW5nX05qQmlaR1F4@thread.v2#0";
const T = Date.UTC(2026, 11, 7, 8, 0);
const HOUR = 60 * 60 * 1000;

describe("occurrence ids", () => {
  it("the first occurrence keeps Teams' id, so meetings stored before occurrences existed stay where they are", () => {
    expect(occurrenceMeetingId(TEAMS_ID, 1)).toBe(TEAMS_ID);
    expect(parseOccurrence(TEAMS_ID)).toEqual({ teamsMeetingId: TEAMS_ID, n: 1, named: false });
    // Its lasting link names it as the first, since the bare id is "the current one" once there are more.
    expect(occurrenceLinkId(TEAMS_ID)).toBe(`${TEAMS_ID}~1`);
    expect(parseOccurrence(`${TEAMS_ID}~1`)).toEqual({ teamsMeetingId: TEAMS_ID, n: 1, named: true });
  });

  it("later occurrences are numbered after Teams' id and read back to it", () => {
    for (const n of [2, 52, MAX_OCCURRENCE]) {
      const id = occurrenceMeetingId(TEAMS_ID, n);
      expect(id).toBe(`${TEAMS_ID}~${n}`);
      expect(parseOccurrence(id)).toEqual({ teamsMeetingId: TEAMS_ID, n, named: true });
      expect(occurrenceLinkId(id)).toBe(id);
      expect(teamsMeetingRef({ tenantId: "t", meetingId: id })).toEqual({ tenantId: "t", meetingId: TEAMS_ID });
    }
  });

  it("anything that is not a valid number is part of the id itself, never another meeting's occurrence", () => {
    for (const id of ["x~0", "x~01", `x~${MAX_OCCURRENCE + 1}`, "~5", "x~", "x~2a"]) expect(parseOccurrence(id)).toEqual({ teamsMeetingId: id, n: 1, named: false });
  });

  it("refuses numbers outside 1–max", () => {
    for (const n of [0, -1, 1.5, MAX_OCCURRENCE + 1]) expect(() => occurrenceMeetingId(TEAMS_ID, n)).toThrow(RangeError);
  });
});

describe("when the next occurrence begins", () => {
  const notStarted = { phase: "notStarted" as const, startedAt: null, endedAt: null };
  const running = (startedAt: number) => ({ phase: "running" as const, startedAt, endedAt: null });
  const ended = (endedAt: number) => ({ phase: "ended" as const, startedAt: endedAt - HOUR, endedAt });

  it("a meeting not started yet is the one everyone prepares for, and the one a call starts", () => {
    expect(occurrenceStep(notStarted, T, "use")).toBe("keep");
    expect(occurrenceStep(notStarted, T, "teamsStart")).toBe("keep");
  });

  it("after the end, the ended meeting stays current for its review and summary, then next week's takes over", () => {
    expect(occurrenceStep(ended(T), T + ENDED_STAYS_CURRENT_MS - 1, "use")).toBe("keep");
    expect(occurrenceStep(ended(T), T + ENDED_STAYS_CURRENT_MS, "use")).toBe("next");
  });

  it("a new call after an ended meeting is always a new occurrence, even the same day", () => {
    expect(occurrenceStep(ended(T), T + 60_000, "teamsStart")).toBe("next");
  });

  it("a meeting running since an earlier call (its end never arrived) is ended when the next call starts", () => {
    expect(occurrenceStep(running(T), T + RUNNING_GOES_STALE_MS, "teamsStart")).toBe("endThenNext");
    expect(occurrenceStep(running(T), T + RUNNING_GOES_STALE_MS - 1, "teamsStart")).toBe("keep");
    expect(occurrenceStep(running(T), T + 7 * 24 * HOUR, "use")).toBe("keep");
  });

  it("until the earliest moment a use could move on, a look-up need not read the state: a use keeps the occurrence before it", () => {
    const now = T + 60_000;
    // Not ended yet: it would have to end first, at now at the soonest; ended so, it is still kept just before the bound.
    for (const state of [notStarted, running(T)]) {
      const bound = earliestMoveByUse(state, now);
      expect(occurrenceStep(ended(now), bound - 1, "use")).toBe("keep");
      expect(occurrenceStep(ended(now), bound, "use")).toBe("next");
    }
    // Ended: exactly its end + the 12 hours.
    expect(earliestMoveByUse(ended(T), now)).toBe(T + ENDED_STAYS_CURRENT_MS);
    expect(occurrenceStep(ended(T), T + ENDED_STAYS_CURRENT_MS - 1, "use")).toBe("keep");
  });
});
