/** @module Pure view logic of the panel: which section the header shows, what the countdown reads, which sections a viewer sees, what to announce. */
import { budgetMs, currentSection, remainingMs, sectionElapsedMs, totalUsedMs } from "../../../shared/src/meeting/clock.js";
import { sectionTimeBoxMs, type Section } from "../../../shared/src/meeting/section.js";
import type { MeetingState } from "../../../shared/src/meeting/state.js";
import type { Capability } from "../../../shared/src/auth/capabilities.js";
import type { Viewer } from "../../../shared/src/wire/protocol.js";
import type { MessageKey, MessageParams } from "../../../shared/src/i18n/format.js";

/** Looks up a key that comes as data (useI18n().tKey). */
export type KeyLookup = (key: string) => string | undefined;

/** Capability check for hiding controls; the service enforces the same table on every command. */
export function viewerCan(viewer: Viewer | null, capability: Capability): boolean {
  return viewer?.capabilities.includes(capability) ?? false;
}

/** A custom title wins over the localized default; an unknown key is shown as is rather than hidden. */
export function sectionTitle(section: Section, lookup: KeyLookup): string {
  return section.title ?? lookup(section.labelKey) ?? section.labelKey;
}

/** The section the header is about: the current one, or before the start, the first one switched on. */
export function headerSection(meeting: MeetingState): Section | undefined {
  return currentSection(meeting) ?? (meeting.phase === "notStarted" ? meeting.sections.find((s) => s.enabled) : undefined);
}

export interface CountdownView {
  /** Remaining ms of the header section's time box; negative when it overran. */
  readonly remainingMs: number;
  readonly overrun: boolean;
}

/** What the big countdown shows at server time `now`. Before the start it is the first section's full time box. */
export function countdownView(meeting: MeetingState, now: number): CountdownView | null {
  const current = remainingMs(meeting, now);
  if (current !== null) {
    const ms = Math.round(current);
    return { remainingMs: ms, overrun: ms < 0 };
  }
  const first = headerSection(meeting);
  return first ? { remainingMs: sectionTimeBoxMs(first) - first.usedMs, overrun: false } : null;
}

export interface BudgetView {
  readonly usedMs: number;
  readonly budgetMs: number;
  /** Whole minutes, for the "23 of 60 min" text. Rounded once; `overMin` is derived from them, so the figures add up. */
  readonly usedMin: number;
  readonly budgetMin: number;
  /** `usedMin - budgetMin` when positive, else 0. */
  readonly overMin: number;
  /** True from the first whole minute over: the words and the warning colour say the same as the figures. */
  readonly over: boolean;
  /** 0–1 for the progress bar. */
  readonly fraction: number;
}

const MINUTE_MS = 60_000;

export function budgetView(meeting: MeetingState, now: number): BudgetView {
  const used = totalUsedMs(meeting, now);
  const budget = budgetMs(meeting);
  // Time spent rounds down (like every elapsed figure of the panel); the plan is whole minutes. Everything else is derived.
  const usedMin = Math.floor(used / MINUTE_MS);
  const budgetMin = Math.round(budget / MINUTE_MS);
  const overMin = Math.max(0, usedMin - budgetMin);
  return {
    usedMs: used,
    budgetMs: budget,
    usedMin,
    budgetMin,
    overMin,
    over: overMin > 0,
    fraction: budget > 0 ? Math.min(1, used / budget) : used > 0 ? 1 : 0,
  };
}

/** Elapsed time as m:ss, rounded down (a countdown rounds up; time spent must not run ahead of the countdown). */
export function formatElapsed(ms: number): string {
  const totalSeconds = Math.max(0, Math.floor(ms / 1000));
  return `${Math.floor(totalSeconds / 60)}:${(totalSeconds % 60).toString().padStart(2, "0")}`;
}

/**
 * How far a negative remaining time is over, as m:ss without a sign ("1:05" for the countdown's "-1:05"): the same
 * rounding as the digits, so the words never say a second more than the countdown shows.
 */
export function formatOverrun(remainingMs: number): string {
  return formatElapsed(-remainingMs);
}

export interface AgendaItemView {
  readonly section: Section;
  readonly current: boolean;
  /** Time used including the running stretch; 0 hides the "used" text. */
  readonly usedMs: number;
}

/** Sections in order; switched-off ones only for those who can edit the agenda (they are noise for attendees). */
export function agendaItems(meeting: MeetingState, now: number, showDisabled: boolean): AgendaItemView[] {
  return meeting.sections
    .filter((s) => s.enabled || showDisabled)
    .map((section) => ({ section, current: section.id === meeting.currentSectionId && meeting.phase !== "notStarted", usedMs: sectionElapsedMs(meeting, section, now) }));
}

export interface Announcement {
  readonly key: MessageKey;
  readonly params?: MessageParams;
}

/**
 * What a screen reader should hear when the state changes: the meeting starting or ending, a new
 * section, the timer starting or pausing. Never the ticking time.
 */
export function announcementFor(previous: MeetingState | null, next: MeetingState, lookup: KeyLookup): Announcement | null {
  if (!previous) return null;
  const section = currentSection(next);
  const title = section ? sectionTitle(section, lookup) : "";
  if (previous.phase !== "running" && next.phase === "running") return { key: "announce.meetingStarted", params: { section: title } };
  if (previous.phase !== "ended" && next.phase === "ended") return { key: "announce.meetingEnded" };
  if (next.phase !== "running") return null;
  if (previous.currentSectionId !== next.currentSectionId && section) return { key: "announce.section", params: { section: title } };
  if (previous.timer.running !== next.timer.running) return { key: next.timer.running ? "announce.timerStarted" : "announce.timerPaused" };
  return null;
}
