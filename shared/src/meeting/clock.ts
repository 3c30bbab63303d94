/** @module What the timer shows at a given moment of the server's clock: remaining, used, budget, overrun. */
import { sectionTimeBoxMs, type Section } from "./section.js";
import type { MeetingState } from "./state.js";

export function currentSection(state: MeetingState): Section | undefined {
  return state.sections.find((s) => s.id === state.currentSectionId);
}

/** Time a section has used by `now` (server clock), including the running stretch if it is current. */
export function sectionElapsedMs(state: MeetingState, section: Section, now: number): number {
  const running = state.timer.running && state.timer.startedAt !== null && section.id === state.currentSectionId;
  return section.usedMs + (running ? Math.max(0, now - (state.timer.startedAt ?? now)) : 0);
}

/** Remaining time of the current section's box; negative when it overran. */
export function remainingMs(state: MeetingState, now: number): number | null {
  const section = currentSection(state);
  if (!section) return null;
  return sectionTimeBoxMs(section) - sectionElapsedMs(state, section, now);
}

/** The planned length of the meeting: the time boxes of the sections switched on. */
export function budgetMs(state: MeetingState): number {
  return state.sections.reduce((sum, s) => sum + (s.enabled ? s.durationMs : 0), 0);
}

/** Time used by the whole meeting so far (every section, including overruns). */
export function totalUsedMs(state: MeetingState, now: number): number {
  return state.sections.reduce((sum, s) => sum + sectionElapsedMs(state, s, now), state.archivedUsedMs);
}

/** The timer in the shape of the design (running, duration, start on the server clock, elapsed before pause). */
export function timerView(state: MeetingState): { running: boolean; durationMs: number; startedAt: number | null; elapsedBeforePauseMs: number } | null {
  const section = currentSection(state);
  if (!section) return null;
  return { running: state.timer.running, durationMs: sectionTimeBoxMs(section), startedAt: state.timer.startedAt, elapsedBeforePauseMs: section.usedMs };
}

/** "-1:05" style: minutes and seconds, negative for an overrun. Rounds towards the next whole second like a countdown. */
export function formatCountdown(ms: number): string {
  const negative = ms < 0;
  const totalSeconds = negative ? Math.floor(-ms / 1000) : Math.ceil(ms / 1000);
  const minutes = Math.floor(totalSeconds / 60);
  const seconds = totalSeconds % 60;
  return `${negative && totalSeconds > 0 ? "-" : ""}${minutes}:${seconds.toString().padStart(2, "0")}`;
}
