/**
 * @module The KPI board's model: objectives with key results (the OKRs of a cycle) and KPIs (the health numbers
 * that keep the business running), each with an owner and a weekly actual value. Definitions and weekly values are
 * separate records, so years of history never make one record large.
 */
import type { Person } from "../sir/item.js";
import type { Reminder } from "./reminder.js";
import type { IsoWeek } from "./week.js";

export type { Person } from "../sir/item.js";

export const METRIC_KINDS = ["kpi", "keyResult"] as const;
/** A KPI (health number, weekly target) or a key result of an objective (target for the objective's period). */
export type MetricKind = (typeof METRIC_KINDS)[number];

export const DIRECTIONS = ["higher", "lower", "range"] as const;
/** Higher is better, lower is better, or stay within [target, targetMax]. */
export type Direction = (typeof DIRECTIONS)[number];

export const KPI_STATUSES = ["onTrack", "atRisk", "offTrack"] as const;
export type KpiStatus = (typeof KPI_STATUSES)[number];

export interface ObjectiveFields {
  readonly title: string;
  /** The OKR cycle (3–4 months), first and last ISO week. */
  readonly from: IsoWeek;
  readonly to: IsoWeek;
  readonly owner: Person | null;
}

export interface Objective extends ObjectiveFields {
  readonly id: string;
  readonly archived: boolean;
  readonly version: number;
  readonly createdAt: number;
  readonly updatedAt: number;
}

export interface MetricFields {
  readonly kind: MetricKind;
  /** Required for a key result (its objective); null for a KPI. */
  readonly objectiveId: string | null;
  readonly name: string;
  /** Free text shown after the value: "%", "NOK", "tickets". */
  readonly unit: string;
  readonly direction: Direction;
  /** The weekly target (KPI), the target at the end of the cycle (key result), or the lower bound (range). */
  readonly target: number;
  /** The upper bound of a range; null otherwise. */
  readonly targetMax: number | null;
  /** A key result's value at the start of the cycle: progress is expected from here to the target, week by week. */
  readonly start: number | null;
  /** How far (in % of the target, or of start→target) a value may miss before it is off track rather than at risk. */
  readonly tolerancePct: number;
  readonly owner: Person | null;
}

export interface Metric extends MetricFields {
  readonly id: string;
  readonly archived: boolean;
  readonly version: number;
  readonly createdAt: number;
  readonly updatedAt: number;
}

/** The owner's own judgement, which wins over the computed status and says why (confidence). */
export interface StatusOverride {
  readonly status: KpiStatus;
  readonly comment: string;
}

export interface WeeklyValue {
  readonly metricId: string;
  readonly week: IsoWeek;
  readonly value: number;
  readonly by: Person;
  readonly at: number;
  readonly override: StatusOverride | null;
  readonly version: number;
}

export interface BoardSettings {
  /** IANA time zone the team's weeks are counted in. */
  readonly timeZone: string;
  readonly version: number;
  /** When the bot asks the owners for their numbers by itself; absent or null = only when the lead asks. */
  readonly reminder?: Reminder | null;
}

export const DEFAULT_TIME_ZONE = "Europe/Oslo";
export const DEFAULT_TOLERANCE_PCT = 10;

/**
 * Every size and count of the board in one place. The method asks for few and focused numbers; the limits are
 * generous above that and exist so a board stays one bounded read.
 */
export const KPI_LIMITS = {
  nameMax: 80,
  unitMax: 16,
  objectiveTitleMax: 120,
  commentMax: 280,
  /** Values beyond ±10^12 are typos or attacks, not KPIs. */
  valueAbsMax: 1e12,
  tolerancePctMax: 100,
  /** Active (not archived) KPIs and key results of a team. */
  activeMetricsMax: 40,
  /** All of them, archived included (archived ones keep their history). */
  metricsMax: 150,
  activeObjectivesMax: 12,
  objectivesMax: 60,
  /** An OKR cycle is 3–4 months; half a year is the most we accept. */
  cycleWeeksMax: 27,
  /** People the board knows (owners to pick from). */
  peopleMax: 200,
  /** The method: 2–3 KPIs per person, a handful of objectives. Above these the panel nudges. */
  ownerMetricsNudge: 3,
  objectivesNudge: 5,
  /** Trend windows the panel can show. */
  trendWeeks: [4, 13] as const,
} as const;

/** Ids made from the creating command's id, so a retried create finds what it made. */
export const objectiveIdFor = (commandId: string): string => `obj-${commandId}`;
export const metricIdFor = (commandId: string): string => `kpi-${commandId}`;

export function objectiveFieldsOf(f: ObjectiveFields): ObjectiveFields {
  return { title: f.title, from: f.from, to: f.to, owner: f.owner ? { userId: f.owner.userId, name: f.owner.name } : null };
}

export function metricFieldsOf(f: MetricFields): MetricFields {
  return {
    kind: f.kind,
    objectiveId: f.objectiveId,
    name: f.name,
    unit: f.unit,
    direction: f.direction,
    target: f.target,
    targetMax: f.targetMax,
    start: f.start,
    tolerancePct: f.tolerancePct,
    owner: f.owner ? { userId: f.owner.userId, name: f.owner.name } : null,
  };
}

export const samePerson = (a: Person | null, b: Person | null): boolean => (a === null || b === null ? a === b : a.userId === b.userId && a.name === b.name);

/** Whether an edit changes anything (a retried or repeated edit is no change). */
export function sameObjective(a: ObjectiveFields, b: ObjectiveFields): boolean {
  return a.title === b.title && a.from === b.from && a.to === b.to && samePerson(a.owner, b.owner);
}

export function sameMetric(a: MetricFields, b: MetricFields): boolean {
  return (
    a.kind === b.kind &&
    a.objectiveId === b.objectiveId &&
    a.name === b.name &&
    a.unit === b.unit &&
    a.direction === b.direction &&
    a.target === b.target &&
    a.targetMax === b.targetMax &&
    a.start === b.start &&
    a.tolerancePct === b.tolerancePct &&
    samePerson(a.owner, b.owner)
  );
}
