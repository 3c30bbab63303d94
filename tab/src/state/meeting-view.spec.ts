/** @module What the panel shows, from the meeting data and the server clock: countdown, overrun, budget, visible sections, announcements. */
import { describe, expect, it } from "vitest";
import { capabilitiesOf } from "../../../shared/src/auth/capabilities.js";
import type { MeetingCommand } from "../../../shared/src/meeting/commands.js";
import type { CommandInput } from "../api/meeting-session.js";
import { decide } from "../../../shared/src/meeting/decide.js";
import { evolveAll } from "../../../shared/src/meeting/evolve.js";
import { formatCountdown } from "../../../shared/src/meeting/clock.js";
import { MINUTE } from "../../../shared/src/meeting/section.js";
import { newMeeting, type MeetingState } from "../../../shared/src/meeting/state.js";
import { tKey } from "../../../shared/src/i18n/index.js";
import { agendaItems, announcementFor, budgetView, countdownView, formatElapsed, formatOverrun, headerSection, sectionTitle, viewerCan } from "./meeting-view.js";

const T0 = 1_700_000_000_000;
const en = (key: string) => tKey("en", key);

/** A meeting after these commands, each at its own server time. */
function meeting(...steps: Array<[at: number, command: CommandInput]>): MeetingState {
  return steps.reduce((state, [at, command], i) => {
    const decision = decide(state, { ...command, id: `cmd-${String(i).padStart(8, "0")}` } as MeetingCommand, at);
    if (!decision.ok) throw new Error(decision.error.message);
    return { ...evolveAll(state, decision.events), version: state.version + 1 };
  }, newMeeting({ tenantId: "t", meetingId: "m" }));
}

describe("countdown", () => {
  it("before the start, shows the first section's full time box", () => {
    const m = meeting();
    expect(headerSection(m)?.id).toBe("goodNews");
    expect(countdownView(m, T0)).toEqual({ remainingMs: 5 * MINUTE, overrun: false });
  });

  it("counts down from the server-clock start, and goes negative with overrun after the box", () => {
    const m = meeting([T0, { type: "startMeeting" }]);
    expect(countdownView(m, T0 + 61_000)).toEqual({ remainingMs: 5 * MINUTE - 61_000, overrun: false });
    expect(countdownView(m, T0 + 6 * MINUTE)).toEqual({ remainingMs: -MINUTE, overrun: true });
  });

  it("stands still while paused, and includes minutes added", () => {
    const m = meeting([T0, { type: "startMeeting" }], [T0 + 30_000, { type: "pauseTimer" }], [T0 + 40_000, { type: "extendTimer", minutes: 5 }]);
    expect(countdownView(m, T0 + 10 * MINUTE)?.remainingMs).toBe(10 * MINUTE - 30_000);
  });
});

describe("budget", () => {
  it("counts the sections switched on, and shows an overrun of the whole meeting", () => {
    const m = meeting([T0, { type: "startMeeting" }]);
    expect(budgetView(m, T0 + 23 * MINUTE + 5_000)).toMatchObject({ usedMin: 23, budgetMin: 60, over: false });
    const late = budgetView(m, T0 + 75 * MINUTE);
    expect(late).toMatchObject({ usedMin: 75, budgetMin: 60, over: true, overMin: 15, fraction: 1 });
  });

  it("rounds once, so used, planned and over always add up (82:30 of 60 min reads 82 of 60, 22 over)", () => {
    const m = meeting([T0, { type: "startMeeting" }]);
    expect(budgetView(m, T0 + 82 * MINUTE + 30_000)).toMatchObject({ usedMin: 82, budgetMin: 60, overMin: 22, over: true });
    // Every second of the second hour: the figures the panel shows add up, and "over" appears with the first whole minute over.
    for (let s = 55 * 60; s <= 125 * 60; s += 7) {
      const v = budgetView(m, T0 + s * 1000 + 999);
      expect(v.over ? v.usedMin - v.budgetMin : 0, `at ${s} s`).toBe(v.overMin);
      expect(v.over, `at ${s} s`).toBe(v.overMin > 0);
    }
  });
});

describe("overrun texts", () => {
  it("the spoken overrun of the countdown and the SIR discussion is the same figure the digits show", () => {
    // -1:05.4 on the digits: 1 min 5 s over, never 1:06 in words.
    expect(formatOverrun(-65_400)).toBe("1:05");
    expect(formatCountdown(-65_400)).toBe(`-${formatOverrun(-65_400)}`);
    for (let ms = -600_000; ms < 0; ms += 1_234) expect(formatCountdown(ms), `at ${ms}`).toBe(formatOverrun(ms) === "0:00" ? "0:00" : `-${formatOverrun(ms)}`);
  });
});

describe("agenda items", () => {
  it("hides switched-off sections from attendees but shows them to leads", () => {
    const m = meeting();
    expect(agendaItems(m, T0, false).map((i) => i.section.id)).not.toContain("salesFunnel");
    expect(agendaItems(m, T0, true).map((i) => i.section.id)).toContain("salesFunnel");
  });

  it("marks the current section and its time used so far", () => {
    const m = meeting([T0, { type: "startMeeting" }]);
    const [first] = agendaItems(m, T0 + 90_000, false);
    expect(first).toMatchObject({ current: true, usedMs: 90_000 });
  });

  it("a custom title wins over the localized default", () => {
    const m = meeting([T0, { type: "renameSection", sectionId: "kpis", title: "Tall" }]);
    expect(m.sections.map((s) => sectionTitle(s, en)).slice(0, 2)).toEqual(["Good news", "Tall"]);
  });
});

describe("formatElapsed", () => {
  it("rounds down, so time used never runs ahead of the countdown", () => {
    expect([999, 1_000, 61_999, 600_000].map(formatElapsed)).toEqual(["0:00", "0:01", "1:01", "10:00"]);
  });
});

describe("announcements", () => {
  const started = meeting([T0, { type: "startMeeting" }]);
  it("says when the meeting starts, the section changes and the timer pauses — not otherwise", () => {
    expect(announcementFor(meeting(), started, en)).toEqual({ key: "announce.meetingStarted", params: { section: "Good news" } });
    const next = meeting([T0, { type: "startMeeting" }], [T0 + 1, { type: "nextSection" }]);
    expect(announcementFor(started, next, en)).toEqual({ key: "announce.section", params: { section: "KPIs and targets" } });
    const paused = meeting([T0, { type: "startMeeting" }], [T0 + 1, { type: "pauseTimer" }]);
    expect(announcementFor(started, paused, en)).toEqual({ key: "announce.timerPaused" });
    const extended = meeting([T0, { type: "startMeeting" }], [T0 + 1, { type: "extendTimer", minutes: 1 }]);
    expect(announcementFor(started, extended, en)).toBeNull();
    expect(announcementFor(null, started, en)).toBeNull();
  });
});

describe("viewerCan", () => {
  it("goes by capabilities: an attendee cannot drive, a presenter can", () => {
    const v = (role: "Attendee" | "Presenter") => ({ userId: "u", tenantId: "t", name: "n", role, capabilities: capabilitiesOf(role) });
    expect(viewerCan(v("Attendee"), "meeting:drive")).toBe(false);
    expect(viewerCan(v("Presenter"), "meeting:drive")).toBe(true);
    expect(viewerCan(null, "meeting:read")).toBe(false);
  });
});
