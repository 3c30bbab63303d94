/** @module A template picked mid-meeting: what it keeps (current section, time used where sections match), what it says it will lose, and its undo. */
import { describe, expect, it } from "vitest";
import { totalUsedMs, remainingMs } from "./clock.js";
import { decide } from "./decide.js";
import { MINUTE } from "./section.js";
import { planTemplateChange, TEMPLATE_UNDO_MS } from "./template-change.js";
import { cmd, meeting, minutes, runCommands, sectionOf, startedMeeting, T0, testClock } from "./test-builders.js";

/** Team weekly 60: 3 min of good news, then 4 min of KPIs with one minute added; the timer runs. */
function midMeeting() {
  const clock = testClock();
  const { state } = runCommands(startedMeeting("teamWeekly60", clock), [minutes(3), cmd.next(), minutes(4), cmd.extend(1)], clock);
  return { state, clock };
}

describe("picking a template mid-meeting", () => {
  it("keeps the current section and the time used (and minutes added) of every section in both agendas; the clock runs on", () => {
    const { state, clock } = midMeeting();
    const usedBefore = totalUsedMs(state, clock.now);
    const after = runCommands(state, [cmd.applyTemplate("leadershipWeekly90")], clock).state;
    expect(after.templateId).toBe("leadershipWeekly90");
    expect(after.currentSectionId).toBe("kpis");
    expect(after.timer).toEqual({ running: true, startedAt: clock.now });
    expect(sectionOf(after, "goodNews")).toMatchObject({ usedMs: 3 * MINUTE, durationMs: 10 * MINUTE });
    expect(sectionOf(after, "kpis")).toMatchObject({ usedMs: 4 * MINUTE, extraMs: MINUTE, durationMs: 15 * MINUTE });
    expect(totalUsedMs(after, clock.now)).toBe(usedBefore);
    expect(remainingMs(after, clock.now + MINUTE)).toBe((15 + 1 - 4 - 1) * MINUTE);
  });

  it("says before what it would lose: sections leaving the agenda with their time used, and a move away from the current section", () => {
    const { state, clock: at } = midMeeting();
    expect(planTemplateChange(state, "leadershipWeekly90", at.now).loss).toEqual({ leaving: [], currentMovesTo: null });
    const added = runCommands(state, [cmd.add({ title: "Hiring plan" })]).state;
    const custom = added.sections.find((s) => s.title === "Hiring plan");
    if (!custom) throw new Error("no custom section");
    // Time used in the custom section: it is not in any template.
    const clock = testClock(T0 + 7 * MINUTE);
    const inCustom = runCommands(added, [cmd.goTo(custom.id), minutes(2)], clock).state;
    const plan = planTemplateChange(inCustom, "teamWeekly45", clock.now);
    expect(plan.loss.leaving).toEqual([{ sectionId: custom.id, usedMs: 2 * MINUTE }]);
    expect(plan.loss.currentMovesTo).toBe("goodNews");
    // Nothing but the check-in's own sections: everything used so far leaves the agenda (the meeting's total keeps it).
    const checkIn = planTemplateChange(state, "okrCheckIn15", at.now);
    expect(checkIn.loss.leaving).toEqual([
      { sectionId: "goodNews", usedMs: 3 * MINUTE },
      { sectionId: "kpis", usedMs: 4 * MINUTE },
    ]);
    expect(checkIn.loss.currentMovesTo).toBe("checkInStatus");
    // Before the start there is nothing to lose.
    expect(planTemplateChange(meeting(), "okrCheckIn15", T0).loss).toEqual({ leaving: [], currentMovesTo: null });
  });

  it("the time of sections that leave stays in the meeting's total", () => {
    const { state, clock } = midMeeting();
    const usedBefore = totalUsedMs(state, clock.now);
    const after = runCommands(state, [cmd.applyTemplate("okrRetro120")], clock).state;
    expect(after.currentSectionId).toBe("retroMood");
    expect(totalUsedMs(after, clock.now)).toBe(usedBefore);
  });

  it("a current section the new template has switched off stays switched on", () => {
    const clock = testClock();
    const { state } = runCommands(startedMeeting("teamWeekly60", clock), [cmd.setEnabled("salesFunnel", true), cmd.goTo("salesFunnel"), minutes(2)], clock);
    const after = runCommands(state, [cmd.applyTemplate("teamWeekly45")], clock).state;
    expect(after.currentSectionId).toBe("salesFunnel");
    expect(sectionOf(after, "salesFunnel")).toMatchObject({ enabled: true, usedMs: 2 * MINUTE });
  });
});

describe("undoing a template change", () => {
  it("brings back the agenda as it was, at the section the meeting is in, with the time used since the change", () => {
    const { state, clock } = midMeeting();
    const change = cmd.applyTemplate("okrRetro120");
    const changed = runCommands(state, [change, minutes(2)], clock).state;
    const usedBefore = totalUsedMs(changed, clock.now);
    const undone = runCommands(changed, [cmd.undoTemplate(change.id)], clock).state;
    expect(undone.templateId).toBe("teamWeekly60");
    expect(undone.sections.map((s) => s.id)).toEqual(state.sections.map((s) => s.id));
    // The meeting was moved to the retro's first section: undo takes it back to where it was.
    expect(undone.currentSectionId).toBe("kpis");
    expect(sectionOf(undone, "goodNews").usedMs).toBe(3 * MINUTE);
    expect(sectionOf(undone, "kpis")).toMatchObject({ usedMs: 4 * MINUTE, extraMs: MINUTE });
    // The 2 minutes spent in the retro's section since the change stay in the meeting's total.
    expect(totalUsedMs(undone, clock.now)).toBe(usedBefore);
    expect(undone.timer).toEqual({ running: true, startedAt: clock.now });
    expect(undone.templateUndo ?? null).toBeNull();
  });

  it("keeps the time used since the change in a section both agendas have", () => {
    const { state, clock } = midMeeting();
    const change = cmd.applyTemplate("leadershipWeekly90");
    const undone = runCommands(state, [change, minutes(2), cmd.undoTemplate(change.id)], clock).state;
    expect(undone.currentSectionId).toBe("kpis");
    expect(sectionOf(undone, "kpis")).toMatchObject({ usedMs: 6 * MINUTE, durationMs: 10 * MINUTE });
  });

  it("is refused once the agenda was edited again, the meeting ended, another change was made, or the undo time is over", () => {
    const { state, clock } = midMeeting();
    const change = cmd.applyTemplate("leadershipWeekly90");
    const changed = runCommands(state, [change], clock).state;
    // Driving the meeting on does not take the undo away.
    const drivenOn = runCommands(changed, [cmd.next(), cmd.pause()], clock).state;
    expect(decide(drivenOn, cmd.undoTemplate(change.id), clock.now).ok).toBe(true);
    for (const later of [cmd.rename("kpis", "Numbers"), cmd.add(), cmd.end(), cmd.applyTemplate("teamWeekly45")]) {
      const after = runCommands(changed, [later], clock).state;
      expect(decide(after, cmd.undoTemplate(change.id), clock.now), later.type).toMatchObject({ ok: false, error: { code: "nothingToUndo" } });
    }
    expect(decide(changed, cmd.undoTemplate(change.id), clock.now + TEMPLATE_UNDO_MS + 1)).toMatchObject({ ok: false, error: { code: "nothingToUndo" } });
    expect(decide(changed, cmd.undoTemplate("cmd-not-that-one"), clock.now)).toMatchObject({ ok: false, error: { code: "nothingToUndo" } });
  });
});
