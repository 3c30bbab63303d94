/** @module A member's weekly priorities entry (the method's three questions) and the shared state of the round's walk-through. */
import type { Person } from "../sir/item.js";
import type { IsoWeek } from "../kpi/week.js";

export type { Person, IsoWeek };

export const PRIORITY_MARKS = ["done", "partly", "notDone"] as const;
export type PriorityMark = (typeof PRIORITY_MARKS)[number];

/** (1) One of last week's priorities: what came of it and a mark (null while the member has not marked it yet). */
export interface LastWeekPriority {
  readonly text: string;
  readonly result: string;
  readonly mark: PriorityMark | null;
  /** How many weeks in a row it has come back not done (0 = it was planned last week, not carried). */
  readonly carriedWeeks: number;
}

/** (2) One of next week's priorities and why it matters. */
export interface NextWeekPriority {
  readonly text: string;
  readonly why: string;
}

/** A member's entry for one week of the series (the week of the meeting, in the team's time zone). */
export interface PriorityEntry {
  readonly tenantId: string;
  readonly seriesId: string;
  readonly week: IsoWeek;
  readonly member: Person;
  /** 1 on the first save, +1 on every stored change. */
  readonly version: number;
  readonly lastWeek: readonly LastWeekPriority[];
  readonly nextWeek: readonly NextWeekPriority[];
  /** (3) What they learned and the personal change they will work on. */
  readonly learned: string;
  readonly change: string;
  readonly updatedBy: Person;
  readonly updatedAt: number;
}

/** The walk-through: who is presenting since when (server clock). One per series and week, shared by every panel. */
export interface PriorityRound {
  readonly tenantId: string;
  readonly seriesId: string;
  readonly week: IsoWeek;
  readonly version: number;
  /** The member presenting now; null = the walk has not started (or the lead closed it). */
  readonly speakerId: string | null;
  /** When the current speaker began (server clock): every panel derives the per-person timer from it. */
  readonly since: number | null;
  readonly updatedBy: Person;
}

/** Every size and count of the priorities model, so schemas, the store, the card and the panel agree. */
export const PRIORITY_LIMITS = {
  /** The method asks for 3–5; a member may save 1–5 while preparing (nudged below 3), never more than 5. */
  prioritiesMax: 5,
  prioritiesNudge: 3,
  textMax: 200,
  resultMax: 500,
  whyMax: 300,
  learnedMax: 1000,
  changeMax: 1000,
  /** Members a round lists at most (the roster, the board's people and whoever saved an entry). */
  membersMax: 60,
  entryJsonMax: 30_000,
} as const;

/** The same priority, however it is capitalised or spaced: carry-over never shows one twice. */
export const samePriority = (a: string, b: string): boolean => normalise(a) === normalise(b);
const normalise = (s: string): string => s.normalize("NFC").replace(/\s+/g, " ").trim().toLocaleLowerCase();
