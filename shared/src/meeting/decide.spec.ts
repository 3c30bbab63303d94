/** @module Behaviour of decide: starting, driving and ending the meeting, the timer controls and every agenda edit, with their refusals. */
import { describe, expect, it } from "vitest";
import type { MeetingCommand } from "./commands.js";
import { decide, type Decision } from "./decide.js";
import type { DomainErrorCode } from "./errors.js";
import type { MeetingEvent } from "./events.js";
import { budgetMs, remainingMs } from "./clock.js";
import { LIMITS, MINUTE } from "./section.js";
import type { MeetingState } from "./state.js";
import { templateBudgetMs } from "./templates.js";
import { T0, cmd, enabledIds, meeting, minutes, runCommands, sectionIds, sectionOf, startedMeeting, testClock } from "./test-builders.js";

function refusal(decision: Decision): DomainErrorCode {
  if (decision.ok) throw new Error(`expected a refusal, got events ${JSON.stringify(decision.events)}`);
  return decision.error.code;
}

function eventsOf(decision: Decision): readonly MeetingEvent[] {
  if (!decision.ok) throw new Error(`expected success, got ${decision.error.code}: ${decision.error.message}`);
  return decision.events;
}

/** A started default meeting (team weekly 60) that has moved on to SIR. */
function atSir(): MeetingState {
  return runCommands(startedMeeting(), [cmd.goTo("sir")]).state;
}

const everyDrivingCommand = (): MeetingCommand[] => [
  cmd.end(),
  cmd.next(),
  cmd.previous(),
  cmd.goTo("sir"),
  cmd.startTimer(),
  cmd.pause(),
  cmd.extend(1),
  cmd.reset(),
];

describe("starting the meeting", () => {
  it("enters the first section with the timer running", () => {
    const events = eventsOf(decide(meeting(), cmd.start(), T0));
    expect(events).toEqual([{ type: "meetingStarted", at: T0, sectionId: "goodNews" }]);

    const state = startedMeeting();
    expect(state.phase).toBe("running");
    expect(state.currentSectionId).toBe("goodNews");
    expect(state.timer).toEqual({ running: true, startedAt: T0 });
    expect(state.startedAt).toBe(T0);
    expect(state.version).toBe(1);
  });

  it("skips a first section that is switched off", () => {
    const { state } = runCommands(meeting(), [cmd.setEnabled("goodNews", false), cmd.start()]);
    expect(state.currentSectionId).toBe("kpis");
  });

  it("cannot start a meeting that is already running", () => {
    expect(refusal(decide(startedMeeting(), cmd.start(), T0 + MINUTE))).toBe("meetingAlreadyStarted");
  });

  it("cannot restart an ended meeting", () => {
    const { state } = runCommands(startedMeeting(), [minutes(30), cmd.end()]);
    expect(refusal(decide(state, cmd.start(), T0 + 31 * MINUTE))).toBe("meetingEnded");
  });

  it.each(everyDrivingCommand().map((c) => [c.type, c] as const))("refuses %s before the meeting has started", (_type, command) => {
    const decision = decide(meeting(), command, T0);
    expect(refusal(decision)).toBe("meetingNotStarted");
    expect(decision.ok ? "" : decision.error.message).toMatch(/Start the meeting first/);
  });

  it("lets the lead prepare the agenda before the meeting starts", () => {
    const { state } = runCommands(meeting(), [
      cmd.setEnabled("salesFunnel", true),
      cmd.rename("sir", "Saker, informasjon, risiko"),
      cmd.setDuration("kpis", 12 * MINUTE),
      cmd.move("priorities", 0),
      cmd.add({ title: "Hiring" }),
    ]);
    expect(state.phase).toBe("notStarted");
    expect(state.currentSectionId).toBeNull();
    expect(state.version).toBe(5);
    expect(sectionIds(state)[0]).toBe("priorities");
  });
});

describe("moving through the agenda", () => {
  it("next goes to the following section and skips switched-off ones", () => {
    const { state } = runCommands(startedMeeting(), [cmd.next()]);
    expect(state.currentSectionId).toBe("kpis");
    // The sales funnel sits between KPIs and SIR but is off in the template.
    expect(eventsOf(decide(state, cmd.next(), T0))).toEqual([{ type: "sectionEntered", at: T0, sectionId: "sir" }]);
  });

  it("previous goes back and skips switched-off sections", () => {
    const events = eventsOf(decide(atSir(), cmd.previous(), T0 + MINUTE));
    expect(events).toEqual([{ type: "sectionEntered", at: T0 + MINUTE, sectionId: "kpis" }]);
  });

  it("cannot jump past the end", () => {
    const last = runCommands(startedMeeting(), [cmd.goTo("priorities")]).state;
    const decision = decide(last, cmd.next(), T0);
    expect(refusal(decision)).toBe("noNextSection");
    expect(decision.ok ? "" : decision.error.message).toMatch(/last section/);
  });

  it("cannot jump past the end when only switched-off sections follow", () => {
    const { state } = runCommands(atSir(), [cmd.setEnabled("actions", false), cmd.setEnabled("priorities", false)]);
    expect(refusal(decide(state, cmd.next(), T0))).toBe("noNextSection");
  });

  it("cannot go back before the first section", () => {
    expect(refusal(decide(startedMeeting(), cmd.previous(), T0))).toBe("noPreviousSection");
  });

  it("goes straight to any switched-on section, forwards and back", () => {
    const { state } = runCommands(startedMeeting(), [cmd.goTo("priorities"), cmd.goTo("kpis")]);
    expect(state.currentSectionId).toBe("kpis");
  });

  it("refuses to go to a section that does not exist, naming it", () => {
    const decision = decide(startedMeeting(), cmd.goTo("nope"), T0);
    expect(refusal(decision)).toBe("noSuchSection");
    expect(decision.ok ? "" : decision.error.message).toContain("'nope'");
  });

  it("refuses to go to a switched-off section", () => {
    expect(refusal(decide(startedMeeting(), cmd.goTo("salesFunnel"), T0))).toBe("sectionDisabled");
  });

  it("going to the current section changes nothing", () => {
    expect(eventsOf(decide(atSir(), cmd.goTo("sir"), T0))).toEqual([]);
  });

  it("a paused timer stays paused in the next section", () => {
    const { state } = runCommands(startedMeeting(), [cmd.pause(), cmd.next()]);
    expect(state.currentSectionId).toBe("kpis");
    expect(state.timer).toEqual({ running: false, startedAt: null });
  });

  it("a running timer keeps running in the next section, from the moment of the switch", () => {
    const clock = testClock();
    const { state } = runCommands(startedMeeting(undefined, clock), [minutes(4), cmd.next()], clock);
    expect(state.timer).toEqual({ running: true, startedAt: T0 + 4 * MINUTE });
  });
});

describe("the timer", () => {
  it("pausing a paused timer succeeds without changing anything", () => {
    const paused = runCommands(startedMeeting(), [cmd.pause()]).state;
    expect(eventsOf(decide(paused, cmd.pause(), T0 + MINUTE))).toEqual([]);
  });

  it("starting a running timer succeeds without changing anything", () => {
    expect(eventsOf(decide(startedMeeting(), cmd.startTimer(), T0 + MINUTE))).toEqual([]);
  });

  it("pause then start resumes the countdown where it stopped", () => {
    const clock = testClock();
    const { state } = runCommands(startedMeeting(undefined, clock), [minutes(2), cmd.pause(), minutes(10), cmd.startTimer(), minutes(1)], clock);
    // 5-minute good news: 2 minutes before the pause, 1 after; the 10 paused minutes do not count.
    expect(remainingMs(state, clock.now)).toBe(2 * MINUTE);
  });

  it.each([1, 5])("+%i minute(s) extends the current section only", (n) => {
    const { state } = runCommands(startedMeeting(), [cmd.extend(n)]);
    expect(sectionOf(state, "goodNews").extraMs).toBe(n * MINUTE);
    expect(sectionOf(state, "kpis").extraMs).toBe(0);
    expect(remainingMs(state, T0)).toBe((5 + n) * MINUTE);
    // An extension is time the lead granted, not part of the planned budget.
    expect(budgetMs(state)).toBe(60 * MINUTE);
  });

  it("extends a section by at most 120 minutes in total", () => {
    const fourHalfHours = runCommands(startedMeeting(), [cmd.extend(30), cmd.extend(30), cmd.extend(30), cmd.extend(30)]).state;
    expect(sectionOf(fourHalfHours, "goodNews").extraMs).toBe(LIMITS.maxExtraMs);
    const decision = decide(fourHalfHours, cmd.extend(1), T0);
    expect(refusal(decision)).toBe("extensionTooLong");
    expect(decision.ok ? "" : decision.error.message).toContain("120 minutes");
  });

  it("twenty-four +5 clicks reach the cap exactly; the twenty-fifth is refused", () => {
    const clicks = Array.from({ length: 24 }, () => cmd.extend(5));
    const { state } = runCommands(startedMeeting(), clicks);
    expect(sectionOf(state, "goodNews").extraMs).toBe(120 * MINUTE);
    expect(refusal(decide(state, cmd.extend(5), T0))).toBe("extensionTooLong");
  });

  it("the cap is per section: the next section can be extended again", () => {
    const capped = runCommands(startedMeeting(), [cmd.extend(30), cmd.extend(30), cmd.extend(30), cmd.extend(30), cmd.next()]).state;
    expect(eventsOf(decide(capped, cmd.extend(5), T0))).toEqual([{ type: "timerExtended", sectionId: "kpis", ms: 5 * MINUTE }]);
  });

  it("reset gives the current section its full time box back and pauses the timer", () => {
    const clock = testClock();
    const { state } = runCommands(startedMeeting(undefined, clock), [minutes(7), cmd.extend(5), cmd.reset()], clock);
    const goodNews = sectionOf(state, "goodNews");
    expect(goodNews.usedMs).toBe(0);
    expect(goodNews.extraMs).toBe(0);
    expect(state.timer).toEqual({ running: false, startedAt: null });
    expect(remainingMs(state, clock.now + 10 * MINUTE)).toBe(5 * MINUTE);
  });

  it("reset leaves the time of other sections alone", () => {
    const clock = testClock();
    const { state } = runCommands(startedMeeting(undefined, clock), [minutes(6), cmd.next(), minutes(3), cmd.reset()], clock);
    expect(sectionOf(state, "goodNews").usedMs).toBe(6 * MINUTE);
    expect(sectionOf(state, "kpis").usedMs).toBe(0);
  });
});

describe("ending the meeting", () => {
  it("stops the timer and records when it ended", () => {
    const clock = testClock();
    const { state } = runCommands(startedMeeting(undefined, clock), [minutes(58), cmd.end()], clock);
    expect(state.phase).toBe("ended");
    expect(state.endedAt).toBe(T0 + 58 * MINUTE);
    expect(state.timer).toEqual({ running: false, startedAt: null });
  });

  it.each([
    cmd.start(),
    ...everyDrivingCommand(),
    cmd.add(),
    cmd.remove("kpis"),
    cmd.move("kpis", 0),
    cmd.rename("kpis", "Numbers"),
    cmd.setDuration("kpis", 20 * MINUTE),
    cmd.setEnabled("salesFunnel", true),
    cmd.applyTemplate("okrRetro120"),
  ].map((c) => [c.type, c] as const))("an ended meeting refuses %s", (_type, command) => {
    const ended = runCommands(startedMeeting(), [cmd.end()]).state;
    const decision = decide(ended, command, T0 + MINUTE);
    expect(refusal(decision)).toBe("meetingEnded");
  });
});

describe("adding sections", () => {
  it("appends a switched-on section with the lead's title and no time used", () => {
    const add = cmd.add({ kind: "discussion", title: "Hiring plan", durationMs: 8 * MINUTE });
    const { state } = runCommands(meeting(), [add]);
    expect(state.sections.at(-1)).toEqual({
      id: `c-${add.id}`,
      kind: "discussion",
      labelKey: "section.discussion",
      title: "Hiring plan",
      questionKeys: [],
      durationMs: 8 * MINUTE,
      enabled: true,
      usedMs: 0,
      extraMs: 0,
    });
    expect(budgetMs(state)).toBe(68 * MINUTE);
  });

  it("inserts before the given position", () => {
    const add = cmd.add({ index: 1 });
    const { state } = runCommands(meeting(), [add]);
    expect(sectionIds(state).slice(0, 3)).toEqual(["goodNews", `c-${add.id}`, "kpis"]);
  });

  it("a position past the end means at the end", () => {
    const add = cmd.add({ index: 20 });
    expect(eventsOf(decide(meeting(), add, T0))).toMatchObject([{ type: "sectionAdded", index: 6 }]);
  });

  it("an agenda holds at most 20 sections", () => {
    const fill = Array.from({ length: 14 }, () => cmd.add());
    const { state } = runCommands(meeting(), fill);
    expect(state.sections).toHaveLength(20);
    const decision = decide(state, cmd.add(), T0);
    expect(refusal(decision)).toBe("tooManySections");
    expect(decision.ok ? "" : decision.error.message).toContain("20");
  });

  it("a section added during the meeting becomes the next stop", () => {
    const add = cmd.add({ index: 1 });
    const { state } = runCommands(startedMeeting(), [add, cmd.next()]);
    expect(state.currentSectionId).toBe(`c-${add.id}`);
  });
});

describe("removing sections", () => {
  it("removes a section that is not current and the meeting stays where it is", () => {
    const { state } = runCommands(atSir(), [cmd.remove("kpis")]);
    expect(sectionIds(state)).not.toContain("kpis");
    expect(state.currentSectionId).toBe("sir");
    expect(budgetMs(state)).toBe(50 * MINUTE);
  });

  it("refuses to remove a section that does not exist", () => {
    expect(refusal(decide(meeting(), cmd.remove("nope"), T0))).toBe("noSuchSection");
  });

  it("removing the current section moves the meeting to the next switched-on one", () => {
    const events = eventsOf(decide(atSir(), cmd.remove("sir"), T0 + MINUTE));
    expect(events).toEqual([
      { type: "sectionEntered", at: T0 + MINUTE, sectionId: "actions" },
      { type: "sectionRemoved", sectionId: "sir" },
    ]);
    const { state } = runCommands(atSir(), [cmd.remove("sir")]);
    expect(state.currentSectionId).toBe("actions");
  });

  it("removing the current section skips switched-off neighbours", () => {
    const { state } = runCommands(startedMeeting(), [cmd.next(), cmd.remove("kpis")]);
    expect(state.currentSectionId).toBe("sir");
  });

  it("removing the current section when it was the last moves the meeting back to the previous one", () => {
    const { state } = runCommands(startedMeeting(), [cmd.goTo("priorities"), cmd.remove("priorities")]);
    expect(state.currentSectionId).toBe("actions");
    expect(state.phase).toBe("running");
  });

  it("cannot remove the last switched-on section, even when switched-off ones remain", () => {
    const { state } = runCommands(meeting({ template: "okrCheckIn15" }), [cmd.remove("checkInStatus"), cmd.setEnabled("checkInObstacles", false)]);
    const decision = decide(state, cmd.remove("checkInDependencies"), T0);
    expect(refusal(decision)).toBe("lastEnabledSection");
    // The switched-off one can still go.
    expect(eventsOf(decide(state, cmd.remove("checkInObstacles"), T0))).toEqual([{ type: "sectionRemoved", sectionId: "checkInObstacles" }]);
  });

  it("cannot remove the last section of a running meeting", () => {
    const { state } = runCommands(startedMeeting("okrCheckIn15"), [cmd.remove("checkInObstacles"), cmd.remove("checkInDependencies")]);
    expect(refusal(decide(state, cmd.remove("checkInStatus"), T0))).toBe("lastEnabledSection");
  });

  it("removing a switched-off section never moves the meeting", () => {
    expect(eventsOf(decide(atSir(), cmd.remove("salesFunnel"), T0))).toEqual([{ type: "sectionRemoved", sectionId: "salesFunnel" }]);
  });
});

describe("moving sections", () => {
  it("puts the section at the given position", () => {
    const { state } = runCommands(meeting(), [cmd.move("goodNews", 3)]);
    expect(sectionIds(state)).toEqual(["kpis", "salesFunnel", "sir", "goodNews", "actions", "priorities"]);
    const back = runCommands(state, [cmd.move("goodNews", 0)]).state;
    expect(sectionIds(back)).toEqual(sectionIds(meeting()));
  });

  it("a position past the end means last", () => {
    const { state } = runCommands(meeting(), [cmd.move("goodNews", 20)]);
    expect(sectionIds(state).at(-1)).toBe("goodNews");
  });

  it("moving a section to where it already is changes nothing", () => {
    expect(eventsOf(decide(meeting(), cmd.move("kpis", 1), T0))).toEqual([]);
    expect(eventsOf(decide(meeting(), cmd.move("priorities", 20), T0))).toEqual([]);
  });

  it("refuses to move a section that does not exist", () => {
    expect(refusal(decide(meeting(), cmd.move("nope", 0), T0))).toBe("noSuchSection");
  });

  it("moving a section during the meeting changes what comes next, not where the meeting is", () => {
    const { state } = runCommands(startedMeeting(), [cmd.move("priorities", 1)]);
    expect(state.currentSectionId).toBe("goodNews");
    expect(runCommands(state, [cmd.next()]).state.currentSectionId).toBe("priorities");
  });
});

describe("renaming sections", () => {
  it("shows the lead's title instead of the default", () => {
    const { state } = runCommands(meeting(), [cmd.rename("sir", "Saker, informasjon, risiko")]);
    expect(sectionOf(state, "sir").title).toBe("Saker, informasjon, risiko");
    expect(sectionOf(state, "sir").labelKey).toBe("section.sir");
  });

  it("trims the title the lead typed", () => {
    const { state } = runCommands(meeting(), [cmd.rename("sir", "  Risks  ")]);
    expect(sectionOf(state, "sir").title).toBe("Risks");
  });

  it("a null title goes back to the localized default", () => {
    const { state } = runCommands(meeting(), [cmd.rename("sir", "Risks"), cmd.rename("sir", null)]);
    expect(sectionOf(state, "sir").title).toBeNull();
  });

  it("renaming to the same title changes nothing", () => {
    const named = runCommands(meeting(), [cmd.rename("sir", "Risks")]).state;
    expect(eventsOf(decide(named, cmd.rename("sir", "Risks"), T0))).toEqual([]);
    expect(eventsOf(decide(meeting(), cmd.rename("sir", null), T0))).toEqual([]);
  });

  it("refuses to rename a section that does not exist", () => {
    expect(refusal(decide(meeting(), cmd.rename("nope", "x"), T0))).toBe("noSuchSection");
  });
});

describe("changing a section's time box", () => {
  it("changes the duration and the budget", () => {
    const { state } = runCommands(meeting(), [cmd.setDuration("sir", 25 * MINUTE)]);
    expect(sectionOf(state, "sir").durationMs).toBe(25 * MINUTE);
    expect(budgetMs(state)).toBe(65 * MINUTE);
  });

  it("changing the running section's duration changes its remaining time at once", () => {
    const clock = testClock();
    const { state } = runCommands(startedMeeting(undefined, clock), [minutes(3), cmd.setDuration("goodNews", 10 * MINUTE)], clock);
    expect(remainingMs(state, clock.now)).toBe(7 * MINUTE);
    const shorter = runCommands(state, [cmd.setDuration("goodNews", 2 * MINUTE)], clock).state;
    expect(remainingMs(shorter, clock.now)).toBe(-1 * MINUTE);
  });

  it("setting the same duration changes nothing", () => {
    expect(eventsOf(decide(meeting(), cmd.setDuration("sir", 20 * MINUTE), T0))).toEqual([]);
  });

  it("refuses a section that does not exist", () => {
    expect(refusal(decide(meeting(), cmd.setDuration("nope", MINUTE), T0))).toBe("noSuchSection");
  });
});

describe("switching sections on and off", () => {
  it("switching the sales funnel on adds its minutes to the budget, and off takes them away", () => {
    const on = runCommands(meeting(), [cmd.setEnabled("salesFunnel", true)]).state;
    expect(budgetMs(on)).toBe(65 * MINUTE);
    const off = runCommands(on, [cmd.setEnabled("salesFunnel", false)]).state;
    expect(budgetMs(off)).toBe(60 * MINUTE);
  });

  it("a section switched on during the meeting becomes a stop", () => {
    const { state } = runCommands(startedMeeting(), [cmd.next(), cmd.setEnabled("salesFunnel", true), cmd.next()]);
    expect(state.currentSectionId).toBe("salesFunnel");
  });

  it("switching to the state a section already has changes nothing", () => {
    expect(eventsOf(decide(meeting(), cmd.setEnabled("salesFunnel", false), T0))).toEqual([]);
    expect(eventsOf(decide(meeting(), cmd.setEnabled("sir", true), T0))).toEqual([]);
  });

  it("switching off the current section moves the meeting on first", () => {
    const events = eventsOf(decide(atSir(), cmd.setEnabled("sir", false), T0 + MINUTE));
    expect(events).toEqual([
      { type: "sectionEntered", at: T0 + MINUTE, sectionId: "actions" },
      { type: "sectionEnabledChanged", sectionId: "sir", enabled: false },
    ]);
  });

  it("switching off the current last section moves the meeting back", () => {
    const { state } = runCommands(startedMeeting(), [cmd.goTo("priorities"), cmd.setEnabled("priorities", false)]);
    expect(state.currentSectionId).toBe("actions");
  });

  it("cannot switch off the last switched-on section", () => {
    const { state } = runCommands(meeting({ template: "okrCheckIn15" }), [cmd.setEnabled("checkInStatus", false), cmd.setEnabled("checkInObstacles", false)]);
    expect(enabledIds(state)).toEqual(["checkInDependencies"]);
    expect(refusal(decide(state, cmd.setEnabled("checkInDependencies", false), T0))).toBe("lastEnabledSection");
    const running = runCommands(state, [cmd.start()]).state;
    expect(refusal(decide(running, cmd.setEnabled("checkInDependencies", false), T0))).toBe("lastEnabledSection");
  });

  it("refuses a section that does not exist", () => {
    expect(refusal(decide(meeting(), cmd.setEnabled("nope", true), T0))).toBe("noSuchSection");
  });
});

describe("applying a template", () => {
  it("before the meeting, replaces the agenda", () => {
    const { state } = runCommands(meeting(), [cmd.add(), cmd.applyTemplate("leadershipWeekly90")]);
    expect(state.templateId).toBe("leadershipWeekly90");
    expect(state.sections).toHaveLength(6);
    expect(budgetMs(state)).toBe(templateBudgetMs("leadershipWeekly90"));
    expect(state.phase).toBe("notStarted");
    expect(state.currentSectionId).toBeNull();
    expect(state.timer).toEqual({ running: false, startedAt: null });
  });

  it("during the meeting, starts the new agenda at its first section with fresh time boxes", () => {
    const clock = testClock();
    const { state } = runCommands(startedMeeting(undefined, clock), [minutes(12), cmd.next(), minutes(3), cmd.applyTemplate("okrRetro120")], clock);
    expect(state.phase).toBe("running");
    expect(state.currentSectionId).toBe("retroMood");
    expect(state.timer).toEqual({ running: true, startedAt: T0 + 15 * MINUTE });
    expect(state.sections.every((s) => s.usedMs === 0 && s.extraMs === 0)).toBe(true);
    expect(state.startedAt).toBe(T0);
    expect(remainingMs(state, clock.now + MINUTE)).toBe(29 * MINUTE);
  });

  it("during the meeting with the timer paused, the timer stays paused", () => {
    const { state } = runCommands(startedMeeting(), [cmd.pause(), cmd.applyTemplate("okrCheckIn15")]);
    expect(state.currentSectionId).toBe("checkInStatus");
    expect(state.timer).toEqual({ running: false, startedAt: null });
  });

  it("reapplying the same template starts over (an explicit reset of the agenda)", () => {
    const { state } = runCommands(meeting(), [cmd.rename("sir", "Risks"), cmd.applyTemplate("teamWeekly60")]);
    expect(state.sections).toEqual(meeting().sections);
  });
});

describe("decide is a pure function", () => {
  it("never changes the state it is given", () => {
    const state = atSir();
    const before = structuredClone(state);
    for (const command of [...everyDrivingCommand(), cmd.add(), cmd.remove("sir"), cmd.move("sir", 0), cmd.applyTemplate("okrReview120")]) {
      decide(state, command, T0 + 5 * MINUTE);
    }
    expect(state).toEqual(before);
  });

  it("gives the same answer for the same state, command and time", () => {
    const state = atSir();
    const command = cmd.remove("sir");
    expect(decide(state, command, T0 + MINUTE)).toEqual(decide(state, command, T0 + MINUTE));
  });
});

describe("adding a section twice with the same command id", () => {
  it("a late retry of addSection does not add a twin", () => {
    const add = cmd.add({ title: "Hiring plan" });
    const { state } = runCommands(meeting(), [add, add]);
    expect(state.sections.filter((s) => s.id === `c-${add.id}`)).toHaveLength(1);
  });
});

describe("opening a SIR item for discussion", () => {
  it("the lead opens an item with its own time box; everyone's state shows it; closing clears it", () => {
    const clock = testClock();
    const { state } = runCommands(startedMeeting(undefined, clock), [minutes(1), cmd.focus("sir-1", 5)], clock);
    expect(state.focus).toEqual({ itemId: "sir-1", startedAt: T0 + MINUTE, durationMs: 5 * MINUTE });
    expect(runCommands(state, [cmd.focus(null)], clock).state.focus).toBeNull();
  });

  it("opening the same item again with the same box changes nothing; before the start it is refused", () => {
    const state = runCommands(startedMeeting(), [cmd.focus("sir-1")]).state;
    expect(decide(state, cmd.focus("sir-1"), T0)).toEqual({ ok: true, events: [] });
    expect(decide(meeting(), cmd.focus("sir-1"), T0)).toMatchObject({ ok: false, error: { code: "meetingNotStarted" } });
  });

  it("ending the meeting closes the discussion", () => {
    const { state } = runCommands(startedMeeting(), [cmd.focus("sir-1", 2), cmd.end()]);
    expect(state.focus).toBeNull();
  });

  it("an item that is settled (resolved, carried over…) ends its own discussion, never another item's, and never fails", () => {
    const clock = testClock();
    const state = runCommands(startedMeeting(undefined, clock), [cmd.focus("sir-1", 2)], clock).state;
    expect(eventsOf(decide(state, cmd.endDiscussion("sir-1"), clock.now))).toEqual([{ type: "sirFocused", at: clock.now, itemId: null, durationMs: null }]);
    expect(runCommands(state, [cmd.endDiscussion("sir-1")], clock).state.focus).toBeNull();
    // The lead opened another item meanwhile: that discussion goes on.
    expect(eventsOf(decide(state, cmd.endDiscussion("sir-2"), clock.now))).toEqual([]);
    // Nothing under discussion, not started, ended: nothing to end, and not an error (it follows a SIR change that stands).
    expect(eventsOf(decide(startedMeeting(), cmd.endDiscussion("sir-1"), T0))).toEqual([]);
    expect(eventsOf(decide(meeting(), cmd.endDiscussion("sir-1"), T0))).toEqual([]);
    expect(eventsOf(decide(runCommands(state, [cmd.end()], clock).state, cmd.endDiscussion("sir-1"), clock.now))).toEqual([]);
  });
});
