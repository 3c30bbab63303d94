/** @module A SIR item (Saker, Informasjon, Risiko): prepared before the meeting with the method's three questions, handled by the lead in it. */

export const SIR_KINDS = ["issue", "information", "risk"] as const;
/** Sak / Informasjon / Risiko. */
export type SirKind = (typeof SIR_KINDS)[number];

/** `deleted`: removed by a lead; only a tombstone without content is kept (so a retried command is still recognised). */
export const SIR_STATUSES = ["open", "resolved", "informationOnly", "withdrawn", "deleted"] as const;
export type SirStatus = (typeof SIR_STATUSES)[number];

/** A person as Teams knows them; `userId` is the Entra object id, taken from the verified token, never from a request body. */
export interface Person {
  readonly userId: string;
  readonly name: string;
}

/** What the author writes: the three questions of the method plus what the item concerns. */
export interface SirFields {
  readonly kind: SirKind;
  readonly title: string;
  /** Q1: the challenge, problem or opportunity. */
  readonly problem: string;
  /** Q2: the proposed solutions or possible actions. */
  readonly proposals: readonly string[];
  /** Q3: the recommended one. */
  readonly recommendation: string;
  /** The objective or KPI the item concerns. */
  readonly concerns: string;
  /** The meeting the item is prepared for; null = the series' next meeting. */
  readonly meetingId: string | null;
  /**
   * A later meeting, by its day (YYYY-MM-DD): the item waits for the series' first meeting on or after it. Null = the
   * next meeting. (Teams does not tell a bot the dates of future occurrences; a day is how people name them anyway.)
   */
  readonly forDate: string | null;
}

export interface SirActionDraft {
  readonly title: string;
  readonly owner: Person | null;
  /** YYYY-MM-DD. */
  readonly due: string | null;
}

export interface SirDecision {
  readonly text: string;
  readonly at: number;
  readonly by: Person;
  readonly meetingId: string;
  readonly actions: readonly SirActionDraft[];
}

export interface SirItem extends SirFields {
  readonly id: string;
  readonly tenantId: string;
  /** The Teams conversation the team meets in (meeting chat or channel), without `;messageid=…`. */
  readonly seriesId: string;
  readonly version: number;
  readonly author: Person;
  readonly status: SirStatus;
  readonly decision: SirDecision | null;
  /** Meetings the item has been on the agenda of, oldest first: its age. */
  readonly meetingsSeen: readonly string[];
  readonly createdAt: number;
  readonly updatedAt: number;
}

/**
 * Every size and count of the SIR model in one place, so schemas, cards and storage agree.
 * The doc fixes the field sizes; the decision/action/person sizes are chosen here so that even a
 * worst-case item fits the 30,000-character storage limit and its card stays under Teams' 28 KB.
 */
export const SIR_LIMITS = {
  titleMax: 120,
  problemMax: 2000,
  proposalsMax: 3,
  proposalMax: 500,
  /** The method asks for 2–3 proposals; fewer is a draft that is not ready yet. */
  proposalsForReady: 2,
  recommendationMax: 1000,
  concernsMax: 200,
  meetingIdMax: 512,
  seriesIdMax: 512,
  decisionTextMax: 1000,
  actionsMax: 10,
  actionTitleMax: 120,
  personIdMax: 128,
  personNameMax: 100,
  /** A year of weekly meetings; older entries fall off the front. */
  meetingsSeenMax: 52,
  /** The stored item JSON (one Table Storage string property). */
  itemJsonMax: 30_000,
  /** Live items (not withdrawn, not deleted) in a series. */
  itemsPerSeries: 500,
  /**
   * Open items one author may have in a series at a time: far more than anyone prepares for a weekly meeting, and
   * 17 attendees are needed to fill a series. Resolved, information-only, withdrawn and deleted items do not count.
   */
  openItemsPerAuthor: 30,
  /** Teams refreshes a card automatically for at most 60 users. */
  refreshUserIdsMax: 60,
} as const;

export type SirReadinessGap = "problem" | "proposals" | "recommendation";
export interface SirReadiness {
  readonly ready: boolean;
  readonly missing: readonly SirReadinessGap[];
}

/**
 * Whether the item is prepared well enough for the meeting; a draft may be saved either way. An issue or a risk needs
 * the method's three answers (the problem, 2–3 proposals, a recommendation); an information item has nothing to
 * decide, so it needs only its description (proposals and a recommendation may still be given).
 */
export function sirReadiness(fields: Pick<SirFields, "kind" | "problem" | "proposals" | "recommendation">): SirReadiness {
  const missing: SirReadinessGap[] = [];
  if (fields.problem.trim() === "") missing.push("problem");
  if (fields.kind !== "information") {
    if (fields.proposals.filter((p) => p.trim() !== "").length < SIR_LIMITS.proposalsForReady) missing.push("proposals");
    if (fields.recommendation.trim() === "") missing.push("recommendation");
  }
  return { ready: missing.length === 0, missing };
}

/** The item id for a `createSir` command: a retried command finds the item it already made. */
export const sirItemIdFor = (commandId: string): string => `sir-${commandId}`;

export interface NewSirItem {
  readonly id: string;
  readonly tenantId: string;
  readonly seriesId: string;
  readonly author: Person;
  readonly fields: SirFields;
  readonly now: number;
}

/** A freshly prepared item: open, undecided, not yet on any agenda, version 1 (its creation is its first change). */
export function newSirItem({ id, tenantId, seriesId, author, fields, now }: NewSirItem): SirItem {
  return {
    id,
    tenantId,
    seriesId,
    version: 1,
    author,
    status: "open",
    decision: null,
    meetingsSeen: [],
    createdAt: now,
    updatedAt: now,
    ...sirFieldsOf(fields),
  };
}

/** Only the model's own fields: a caller holding a wider object must not smuggle properties into the stored item. */
export function sirFieldsOf(fields: SirFields): SirFields {
  return {
    kind: fields.kind,
    title: fields.title,
    problem: fields.problem,
    proposals: [...fields.proposals],
    recommendation: fields.recommendation,
    concerns: fields.concerns,
    meetingId: fields.meetingId,
    // Items stored before the field existed have none: the next meeting.
    forDate: fields.forDate ?? null,
  };
}
