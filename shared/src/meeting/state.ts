/** @module The meeting's state: the agenda, where the meeting is, and the timer as data (never ticks). */
import type { Section } from "./section.js";
import type { SectionLink } from "./template-change.js";
import { DEFAULT_TEMPLATE, templateSections, type TemplateId } from "./templates.js";

export const PHASES = ["notStarted", "running", "ended"] as const;
export type Phase = (typeof PHASES)[number];

/**
 * The timer of the current section, as data. `startedAt` is on the server's clock; every
 * client renders the countdown from its own estimate of that clock, so nothing is sent per second.
 * The time already used before the running stretch lives on the section (`usedMs`).
 */
export interface TimerState {
  readonly running: boolean;
  readonly startedAt: number | null;
}

/** The SIR item the lead opened for discussion, with its own optional time box (data, like the section timer). */
export interface SirFocus {
  readonly itemId: string;
  readonly startedAt: number;
  readonly durationMs: number | null;
}

/** What a template change replaced, kept so it can be undone (see template-change.ts). */
export interface TemplateUndo {
  /** The command that applied the template: an undo names it, so it never undoes a later change. */
  readonly appliedBy: string;
  readonly at: number;
  readonly templateId: TemplateId;
  /** The agenda before the change, with the time used up to it. */
  readonly sections: readonly Section[];
  readonly currentSectionId: string | null;
  /** Which new section continues which old one. */
  readonly links: readonly SectionLink[];
}

/** Where a meeting belongs: the tenant, the Teams meeting, and its chat (the series key for carry-over). */
export interface MeetingRef {
  readonly tenantId: string;
  readonly meetingId: string;
}

export interface MeetingState extends MeetingRef {
  /** Incremented by one on every stored change; clients resume from it. */
  readonly version: number;
  readonly phase: Phase;
  readonly templateId: TemplateId;
  readonly sections: readonly Section[];
  readonly currentSectionId: string | null;
  readonly timer: TimerState;
  readonly startedAt: number | null;
  readonly endedAt: number | null;
  /** Time used by sections no longer on the agenda (removed, or replaced by a template): still part of the meeting's total. */
  readonly archivedUsedMs: number;
  /** The SIR item under discussion; all panels follow it. (Absent in meetings stored before it existed: read as null.) */
  readonly focus?: SirFocus | null;
  /** The last template change while it can be undone; absent or null = nothing to undo. */
  readonly templateUndo?: TemplateUndo | null;
}

export function newMeeting(ref: MeetingRef, templateId: TemplateId = DEFAULT_TEMPLATE): MeetingState {
  return {
    tenantId: ref.tenantId,
    meetingId: ref.meetingId,
    version: 0,
    phase: "notStarted",
    templateId,
    sections: templateSections(templateId),
    currentSectionId: null,
    timer: { running: false, startedAt: null },
    startedAt: null,
    endedAt: null,
    archivedUsedMs: 0,
    focus: null,
  };
}
