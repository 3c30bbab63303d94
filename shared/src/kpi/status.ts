/**
 * @module Status of a weekly value: on track / at risk / off track from the value, the target, the direction and
 * the tolerance; the owner's override wins. A key result with a start value is judged against the progress
 * expected by that week of its cycle (a straight line from start to target), not against the final target.
 */
import { KPI_LIMITS, type Metric, type KpiStatus, type Objective, type WeeklyValue } from "./model.js";
import { weeksBetween, type IsoWeek } from "./week.js";

/** Floating point noise (0.1 + 0.2) must not move a value across a boundary. */
const EPSILON = 1e-9;

export interface Expectation {
  /** What the value should be this week (lower bound for a range). */
  readonly expected: number;
  /** Upper bound for a range; null otherwise. */
  readonly expectedMax: number | null;
  /** How far past the expectation is still "at risk". */
  readonly tolerance: number;
}

type Judged = Pick<Metric, "kind" | "direction" | "target" | "targetMax" | "start" | "tolerancePct">;

/** The share of the cycle done at the end of `week` (0–1): week 1 of 13 is 1/13. */
export function cycleFraction(period: Pick<Objective, "from" | "to">, week: IsoWeek): number {
  const total = weeksBetween(period.from, period.to) + 1;
  const done = weeksBetween(period.from, week) + 1;
  return Math.min(1, Math.max(0, done / total));
}

export function expectationFor(metric: Judged, week: IsoWeek, period: Pick<Objective, "from" | "to"> | null): Expectation {
  const pct = metric.tolerancePct / 100;
  if (metric.direction === "range") {
    const max = metric.targetMax ?? metric.target;
    const width = max - metric.target;
    return { expected: metric.target, expectedMax: max, tolerance: pct * (width > 0 ? width : Math.abs(metric.target)) };
  }
  if (metric.kind === "keyResult" && metric.start !== null && period !== null) {
    const fraction = cycleFraction(period, week);
    return { expected: metric.start + (metric.target - metric.start) * fraction, expectedMax: null, tolerance: pct * Math.abs(metric.target - metric.start) };
  }
  return { expected: metric.target, expectedMax: null, tolerance: pct * Math.abs(metric.target) };
}

/** The computed status of `value` for `metric` in `week`. */
export function computeStatus(metric: Judged, value: number, week: IsoWeek, period: Pick<Objective, "from" | "to"> | null): KpiStatus {
  const { expected, expectedMax, tolerance } = expectationFor(metric, week, period);
  const eps = EPSILON * Math.max(1, Math.abs(expected));
  // How far the value is on the wrong side of what is expected (0 or less: on track).
  let miss: number;
  if (metric.direction === "higher") miss = expected - value;
  else if (metric.direction === "lower") miss = value - expected;
  else miss = Math.max(expected - value, value - (expectedMax ?? expected));
  if (miss <= eps) return "onTrack";
  if (miss <= tolerance + eps) return "atRisk";
  return "offTrack";
}

export interface StatusView {
  readonly status: KpiStatus;
  readonly computed: KpiStatus;
  /** The owner's comment when they overrode the computed status. */
  readonly override: WeeklyValue["override"];
}

/** The status shown for a recorded value: the owner's override if any, else the computed one. */
export function statusOf(metric: Judged, value: WeeklyValue, period: Pick<Objective, "from" | "to"> | null): StatusView {
  const computed = computeStatus(metric, value.value, value.week, period);
  return { status: value.override?.status ?? computed, computed, override: value.override };
}

/** Off track first, then at risk, then on track, then not reported; the board's order within a group is kept. */
export const STATUS_ORDER: Readonly<Record<KpiStatus | "noData", number>> = { offTrack: 0, atRisk: 1, noData: 2, onTrack: 3 };

/** People who own more active KPIs/key results than the method advises (2–3 each), with their count. */
export function ownersOverLimit(metrics: readonly Pick<Metric, "owner" | "archived">[]): { readonly userId: string; readonly name: string; readonly count: number }[] {
  const counts = new Map<string, { userId: string; name: string; count: number }>();
  for (const m of metrics) {
    if (m.archived || !m.owner) continue;
    const entry = counts.get(m.owner.userId) ?? { userId: m.owner.userId, name: m.owner.name, count: 0 };
    entry.count++;
    counts.set(m.owner.userId, entry);
  }
  return [...counts.values()].filter((e) => e.count > KPI_LIMITS.ownerMetricsNudge).sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
}

/** True when a team has more active objectives than a handful: few and focused. */
export const tooManyObjectives = (objectives: readonly Pick<Objective, "archived">[]): boolean =>
  objectives.filter((o) => !o.archived).length > KPI_LIMITS.objectivesNudge;
