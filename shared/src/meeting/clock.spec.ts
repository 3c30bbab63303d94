/** @module What the shared timer shows: remaining time, overruns, the meeting's budget and used time, the timer view and the countdown text. */
import { describe, expect, it } from "vitest";
import { budgetMs, currentSection, formatCountdown, remainingMs, sectionElapsedMs, timerView, totalUsedMs } from "./clock.js";
import { MINUTE } from "./section.js";
import { T0, cmd, meeting, minutes, runCommands, sectionOf, startedMeeting, testClock } from "./test-builders.js";

const SECOND = 1000;

describe("remaining time", () => {
  it("there is nothing to count down before the meeting starts", () => {
    expect(currentSection(meeting())).toBeUndefined();
    expect(remainingMs(meeting(), T0)).toBeNull();
    expect(timerView(meeting())).toBeNull();
  });

  it("counts down while the timer runs", () => {
    const state = startedMeeting();
    expect(remainingMs(state, T0)).toBe(5 * MINUTE);
    expect(remainingMs(state, T0 + 3 * MINUTE + 20 * SECOND)).toBe(MINUTE + 40 * SECOND);
  });

  it("stands still while the timer is paused", () => {
    const clock = testClock();
    const { state } = runCommands(startedMeeting(undefined, clock), [minutes(2), cmd.pause()], clock);
    expect(remainingMs(state, clock.now)).toBe(3 * MINUTE);
    expect(remainingMs(state, clock.now + 45 * MINUTE)).toBe(3 * MINUTE);
  });

  it("an overrun shows as negative remaining time", () => {
    const state = startedMeeting();
    const now = T0 + 6 * MINUTE + 5 * SECOND;
    expect(remainingMs(state, now)).toBe(-(MINUTE + 5 * SECOND));
    expect(formatCountdown(remainingMs(state, now) ?? 0)).toBe("-1:05");
  });

  it("an overrun stays visible after pausing", () => {
    const clock = testClock();
    const { state } = runCommands(startedMeeting(undefined, clock), [minutes(8), cmd.pause()], clock);
    expect(remainingMs(state, clock.now + MINUTE)).toBe(-3 * MINUTE);
  });

  it("extending an overrun section brings the countdown back above zero", () => {
    const clock = testClock();
    const { state } = runCommands(startedMeeting(undefined, clock), [minutes(7), cmd.extend(5)], clock);
    expect(remainingMs(state, clock.now)).toBe(3 * MINUTE);
  });

  it("a clock that reads earlier than the timer's start never shows more than the time box", () => {
    expect(remainingMs(startedMeeting(), T0 - 10 * SECOND)).toBe(5 * MINUTE);
  });

  it("after the meeting ends, the last section shows its final balance", () => {
    const clock = testClock();
    const { state } = runCommands(startedMeeting(undefined, clock), [minutes(4), cmd.end()], clock);
    expect(remainingMs(state, clock.now + 60 * MINUTE)).toBe(MINUTE);
  });
});

describe("the meeting's budget and used time", () => {
  it("the budget counts only the sections that are switched on", () => {
    expect(budgetMs(meeting())).toBe(60 * MINUTE);
    const { state } = runCommands(meeting(), [cmd.setEnabled("salesFunnel", true)]);
    expect(budgetMs(state)).toBe(65 * MINUTE);
  });

  it("used time covers every section, the running stretch and overruns, and may exceed the budget", () => {
    const clock = testClock();
    const { state } = runCommands(
      startedMeeting(undefined, clock),
      [minutes(9), cmd.next(), minutes(12), cmd.next(), minutes(25), cmd.next(), minutes(10), cmd.next()],
      clock,
    );
    expect(state.currentSectionId).toBe("priorities");
    const now = clock.now + 20 * MINUTE;
    expect(totalUsedMs(state, now)).toBe(76 * MINUTE);
    expect(totalUsedMs(state, now)).toBeGreaterThan(budgetMs(state));
    expect(remainingMs(state, now)).toBe(-5 * MINUTE);
  });

  it("only the current section gains the running stretch", () => {
    const clock = testClock();
    const { state } = runCommands(startedMeeting(undefined, clock), [minutes(2), cmd.next()], clock);
    const later = clock.now + 4 * MINUTE;
    expect(sectionElapsedMs(state, sectionOf(state, "goodNews"), later)).toBe(2 * MINUTE);
    expect(sectionElapsedMs(state, sectionOf(state, "kpis"), later)).toBe(4 * MINUTE);
  });
});

describe("the timer view", () => {
  it("describes the current section's timer: running, its box with extensions, start and time before the pause", () => {
    const clock = testClock();
    const { state } = runCommands(startedMeeting(undefined, clock), [minutes(2), cmd.pause(), cmd.extend(1), minutes(1), cmd.startTimer()], clock);
    expect(timerView(state)).toEqual({ running: true, durationMs: 6 * MINUTE, startedAt: T0 + 3 * MINUTE, elapsedBeforePauseMs: 2 * MINUTE });
  });

  it("a paused timer has no start", () => {
    const { state } = runCommands(startedMeeting(), [cmd.pause()]);
    expect(timerView(state)).toEqual({ running: false, durationMs: 5 * MINUTE, startedAt: null, elapsedBeforePauseMs: 0 });
  });
});

describe("the countdown text", () => {
  it.each([
    [5 * MINUTE, "5:00"],
    [90 * MINUTE, "90:00"],
    [MINUTE + 5 * SECOND, "1:05"],
    [59 * SECOND, "0:59"],
    [SECOND, "0:01"],
    [0, "0:00"],
    [-5 * SECOND, "-0:05"],
    [-(MINUTE + 5 * SECOND), "-1:05"],
    [-(10 * MINUTE), "-10:00"],
  ])("%i ms reads %s", (ms, text) => {
    expect(formatCountdown(ms)).toBe(text);
  });

  it("rounds a part second up while counting down, so it never shows 0:00 before the time is up", () => {
    expect(formatCountdown(1)).toBe("0:01");
    expect(formatCountdown(59_001)).toBe("1:00");
    expect(formatCountdown(60_001)).toBe("1:01");
  });

  it("shows an overrun only from its first whole second, and never as '-0:00'", () => {
    expect(formatCountdown(-1)).toBe("0:00");
    expect(formatCountdown(-999)).toBe("0:00");
    expect(formatCountdown(-1000)).toBe("-0:01");
    expect(formatCountdown(-65_999)).toBe("-1:05");
  });

  it("every second of a five-minute countdown reads differently, running into the overrun", () => {
    const texts = Array.from({ length: 7 * 60 }, (_, i) => formatCountdown(5 * MINUTE - i * SECOND));
    expect(new Set(texts).size).toBe(texts.length);
    expect(texts.slice(298, 303)).toEqual(["0:02", "0:01", "0:00", "-0:01", "-0:02"]);
  });
});

describe("time used by sections that left the agenda", () => {
  it("removing the current section keeps its minutes in the meeting's total", () => {
    const clock = testClock();
    const { state } = runCommands(startedMeeting(undefined, clock), [minutes(5), cmd.next(), minutes(4), cmd.remove("kpis")], clock);
    expect(totalUsedMs(state, clock.now)).toBe(9 * MINUTE);
  });

  it("switching template mid-meeting keeps the overrun already made visible in the total", () => {
    const clock = testClock();
    const { state } = runCommands(startedMeeting(undefined, clock), [minutes(12), cmd.applyTemplate("okrCheckIn15")], clock);
    expect(totalUsedMs(state, clock.now)).toBe(12 * MINUTE);
    expect(totalUsedMs(state, clock.now + MINUTE)).toBe(13 * MINUTE);
  });
});
