/** @module An action (task, obstacle, something missing or not working): owners, due date, checklist, status, follow-up, where it came from. */
import type { Person } from "../sir/item.js";

export type { Person };

export const ACTION_STATUSES = ["open", "inProgress", "done", "blocked"] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

/** Where an action came from: a SIR decision, a KPI, an objective; null = raised on its own. */
export type ActionSource =
  | { readonly kind: "sir"; readonly itemId: string }
  | { readonly kind: "kpi"; readonly metricId: string }
  | { readonly kind: "objective"; readonly objectiveId: string };

export interface Subtask {
  readonly id: string;
  readonly title: string;
  readonly done: boolean;
}

export interface ActionComment {
  readonly id: string;
  readonly by: Person;
  readonly at: number;
  readonly text: string;
}

export interface Action {
  readonly id: string;
  readonly tenantId: string;
  /** The series' conversation, as for SIR items: actions belong to the series, so they carry over by themselves. */
  readonly seriesId: string;
  readonly version: number;
  readonly title: string;
  readonly owners: readonly Person[];
  /** YYYY-MM-DD in the team's time zone; null only for a SIR draft recorded without one. */
  readonly due: string | null;
  readonly status: ActionStatus;
  readonly subtasks: readonly Subtask[];
  readonly comments: readonly ActionComment[];
  readonly source: ActionSource | null;
  readonly createdBy: Person;
  readonly createdAt: number;
  readonly updatedBy: Person;
  readonly updatedAt: number;
  /** When it was last marked done (null while not done): done actions stay in the list for a while. */
  readonly doneAt: number | null;
  /** Set when a lead deleted it: a tombstone without content, so a retried command is still recognised. */
  readonly deletedAt: number | null;
}

/**
 * Every size and count of the action model in one place, so schemas, the store and the panel agree. The worst-case
 * action (all texts at their maximum) stays below the 30,000-character storage property (see `actionJsonMax`).
 */
export const ACTION_LIMITS = {
  titleMax: 200,
  ownersMax: 5,
  subtasksMax: 20,
  subtaskTitleMax: 200,
  commentsMax: 20,
  commentMax: 500,
  /** A due date at most this many days after the team's today: two years; further is a typo. */
  dueDaysMax: 730,
  /** Open (not done, not deleted) actions in a series; done ones do not count. */
  openPerSeries: 200,
  /** Done actions stay in the meeting's list this long after they were marked done. */
  recentDoneDays: 28,
  /** Done actions the list returns at most. */
  recentDoneMax: 100,
  actionJsonMax: 30_000,
} as const;

/** The action id for a `createAction` command: a retried command finds the action it already made. */
export const actionIdFor = (commandId: string): string => `act-${commandId}`;
/** Subtask and comment ids come from the command that made them, so a retry finds them. */
export const subtaskIdFor = (commandId: string): string => `st-${commandId}`;
export const commentIdFor = (commandId: string): string => `cm-${commandId}`;

/** Counts toward `openPerSeries`. */
export const isOpenAction = (a: Action | null): boolean => a !== null && a.deletedAt === null && a.status !== "done";
