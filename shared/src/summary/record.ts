/**
 * @module The record of one meeting occurrence: what the summary card, the Markdown export and the JSON export are all
 * built from. Plain data, no I/O; timestamps are ISO 8601 strings so the JSON export is the record itself (documented
 * in docs/SUMMARY.md). Fields other features fill later (good news, actions, priorities, rating) are optional: a
 * record without them is complete, and the builders show a section only when its field is present.
 */
import type { Direction, KpiStatus, MetricKind } from "../kpi/model.js";
import type { IsoWeek } from "../kpi/week.js";
import type { Phase } from "../meeting/state.js";
import type { SectionKind } from "../meeting/section.js";
import type { TemplateId } from "../meeting/templates.js";
import type { Person, SirKind, SirStatus } from "../sir/item.js";

export type { Person } from "../sir/item.js";

/** The name and version of the JSON export; a reader refuses a version it does not know. */
export const RECORD_FORMAT = "okr-meeting-record";
export const RECORD_VERSION = 1;

export interface RecordMeeting {
  readonly meetingId: string;
  /** The Teams conversation the team meets in (the series); null when it could not be found. */
  readonly seriesId: string | null;
  /** The meeting's own title when known; null = the builders say "weekly result meeting" in the reader's language. */
  readonly title: string | null;
  /** The team's day of the meeting (its start, else when the record was made): YYYY-MM-DD. */
  readonly date: string;
  readonly timeZone: string;
  readonly phase: Phase;
  readonly templateId: TemplateId;
  readonly startedAt: string | null;
  readonly endedAt: string | null;
}

/** An agenda section: its time box against the time it used. */
export interface RecordSection {
  readonly id: string;
  readonly kind: SectionKind;
  /** i18n key of the default title (shared/src/i18n); used when `title` is null. */
  readonly labelKey: string;
  /** A title the lead typed. */
  readonly title: string | null;
  readonly enabled: boolean;
  /** The time box as planned, before any +1/+5. */
  readonly plannedMs: number;
  /** What the lead added during the meeting. */
  readonly extraMs: number;
  readonly usedMs: number;
}

export type RecordKpiStatus = KpiStatus | "noData";
export const RECORD_KPI_STATUSES = ["offTrack", "atRisk", "onTrack", "noData"] as const satisfies readonly RecordKpiStatus[];

export interface RecordKpi {
  readonly id: string;
  readonly kind: MetricKind;
  readonly name: string;
  /** The objective a key result belongs to (its title); null for a KPI. */
  readonly objective: string | null;
  readonly unit: string;
  readonly direction: Direction;
  readonly target: number;
  readonly targetMax: number | null;
  /** The week's value; null when not reported. */
  readonly value: number | null;
  readonly status: RecordKpiStatus;
  /** The owner's comment when they overrode the computed status. */
  readonly comment: string | null;
  readonly owner: Person | null;
}

export interface RecordKpis {
  /** The team's ISO week the values are from. */
  readonly week: IsoWeek | null;
  readonly counts: Readonly<Record<RecordKpiStatus, number>>;
  /** Every active KPI and key result: off track first, then at risk, not reported, on track. */
  readonly items: readonly RecordKpi[];
}

export interface RecordActionDraft {
  readonly title: string;
  readonly owner: Person | null;
  /** YYYY-MM-DD. */
  readonly due: string | null;
}

/** A decision taken on a SIR item in this meeting, with its follow-up actions. */
export interface RecordDecision {
  readonly itemId: string;
  readonly kind: SirKind;
  readonly title: string;
  /** Where the item stands now (resolved, still open, information only). */
  readonly status: SirStatus;
  readonly text: string;
  readonly by: Person;
  readonly at: string;
  readonly actions: readonly RecordActionDraft[];
}

/** A SIR item still open at the end: it comes back at the next meeting. */
export interface RecordCarryOver {
  readonly itemId: string;
  readonly kind: SirKind;
  readonly title: string;
  readonly author: Person;
  /** How many meetings it has been on the agenda of, this one included. */
  readonly meetings: number;
}

export interface RecordSir {
  readonly decisions: readonly RecordDecision[];
  readonly carriedOver: readonly RecordCarryOver[];
  /** Items marked "information only" in this meeting. */
  readonly information: readonly { readonly itemId: string; readonly title: string; readonly author: Person }[];
}

/** Filled by the good-news feature. */
export interface RecordGoodNews {
  readonly text: string;
  readonly by: Person | null;
}

export const RECORD_ACTION_STATES = ["new", "updated", "done", "open"] as const;
export type RecordActionState = (typeof RECORD_ACTION_STATES)[number];

/** Filled by the actions feature: the meeting's new and changed actions. */
export interface RecordAction {
  readonly id: string;
  readonly title: string;
  readonly owners: readonly Person[];
  /** YYYY-MM-DD. */
  readonly due: string | null;
  readonly state: RecordActionState;
}

/** Filled by the priorities feature: one member's answers to the method's three questions. */
export interface RecordPriorities {
  readonly person: Person;
  readonly lastWeek: readonly string[];
  readonly nextWeek: readonly string[];
  readonly learned: string | null;
}

/** Filled by the rating feature: 1–10 from each attendee. */
export interface RecordRating {
  readonly average: number;
  readonly count: number;
  readonly comments: readonly string[];
}

export interface MeetingRecord {
  readonly meeting: RecordMeeting;
  readonly attendees: readonly Person[];
  readonly sections: readonly RecordSection[];
  readonly kpis: RecordKpis;
  readonly sir: RecordSir;
  readonly goodNews?: readonly RecordGoodNews[];
  readonly actions?: readonly RecordAction[];
  readonly priorities?: readonly RecordPriorities[];
  readonly rating?: RecordRating | null;
  /** When the record was made (ISO 8601). */
  readonly generatedAt: string;
}

/**
 * Every size and count of a record. Far above what a real meeting has; they exist so that hostile or broken input
 * (a 100 KB title, 10,000 attendees) still gives a bounded export. The card has its own, smaller limits.
 */
export const RECORD_LIMITS = {
  idMax: 512,
  nameMax: 100,
  titleMax: 200,
  textMax: 2000,
  unitMax: 16,
  attendeesMax: 1000,
  sectionsMax: 50,
  kpisMax: 150,
  decisionsMax: 500,
  actionsPerDecisionMax: 20,
  carriedOverMax: 500,
  goodNewsMax: 200,
  actionsMax: 500,
  ownersMax: 10,
  prioritiesMax: 200,
  priorityLinesMax: 10,
  ratingCommentsMax: 200,
} as const;
