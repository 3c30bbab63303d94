/**
 * @module Pure view logic of the KPI board: merging live changes into the panel's copy, the rows as shown (value vs
 * target, change since last week, status, trend), who has not reported this week, the method's nudges, and the SIR
 * item an off-track number raises.
 */
import type { KpiChange } from "../../../shared/src/kpi/decide.js";
import type { Metric, Objective, Person, WeeklyValue } from "../../../shared/src/kpi/model.js";
import { ownersOverLimit, statusOf, STATUS_ORDER, tooManyObjectives, type StatusView } from "../../../shared/src/kpi/status.js";
import { weeksEndingWith, type IsoWeek } from "../../../shared/src/kpi/week.js";
import type { KpiBoardResponse } from "../../../shared/src/wire/kpi-protocol.js";
import { currentSection } from "../../../shared/src/meeting/clock.js";
import type { MeetingState } from "../../../shared/src/meeting/state.js";

export type TrendWeeks = 4 | 13;

const valueKey = (metricId: string, week: IsoWeek): string => `${week}|${metricId}`;

/** Applies one change from the stream or a command's answer; an older copy than the panel's never wins. */
export function applyKpiChange(board: KpiBoardResponse, change: KpiChange): KpiBoardResponse {
  switch (change.kind) {
    case "objective":
      return { ...board, objectives: upsert(board.objectives, change.objective) };
    case "metric":
      return { ...board, metrics: upsert(board.metrics, change.metric) };
    case "settings":
      return change.settings.version > board.settings.version ? { ...board, settings: change.settings } : board;
    case "value": {
      const v = change.value;
      const i = board.values.findIndex((x) => x.metricId === v.metricId && x.week === v.week);
      if (i >= 0 && (board.values[i]?.version ?? 0) >= v.version) return board;
      return { ...board, values: i >= 0 ? board.values.map((x, j) => (j === i ? v : x)) : [...board.values, v] };
    }
  }
}

function upsert<T extends { id: string; version: number }>(list: readonly T[], next: T): readonly T[] {
  const i = list.findIndex((x) => x.id === next.id);
  if (i < 0) return [...list, next];
  return (list[i]?.version ?? 0) >= next.version ? list : list.map((x, j) => (j === i ? next : x));
}

export interface KpiRowView {
  readonly metric: Metric;
  readonly objective: Objective | null;
  /** This week's value and last week's. */
  readonly value: WeeklyValue | null;
  readonly previous: WeeklyValue | null;
  /** Null until this week's value is in. */
  readonly status: StatusView | null;
  /** This week minus last week; null unless both are in. */
  readonly delta: number | null;
  /** The trend window's values, oldest first (null: no value that week). */
  readonly trend: readonly (number | null)[];
  /** The viewer may enter this number's values (its owner or a lead). */
  readonly canEnter: boolean;
}

/** Active numbers as the panel lists them: off track first, then at risk, not reported, on track; board order within each. */
export function kpiRows(board: KpiBoardResponse, week: IsoWeek, trendWeeks: TrendWeeks, viewer: { userId: string; canManage: boolean } | null): KpiRowView[] {
  const byKey = new Map(board.values.map((v) => [valueKey(v.metricId, v.week), v]));
  const weeks = weeksEndingWith(week, trendWeeks);
  const previousWeek = weeksEndingWith(week, 2)[0] ?? week;
  const rows = board.metrics
    .filter((m) => !m.archived)
    .map((metric, index): KpiRowView & { index: number } => {
      const objective = metric.objectiveId ? (board.objectives.find((o) => o.id === metric.objectiveId) ?? null) : null;
      const value = byKey.get(valueKey(metric.id, week)) ?? null;
      const previous = byKey.get(valueKey(metric.id, previousWeek)) ?? null;
      return {
        index,
        metric,
        objective,
        value,
        previous,
        status: value ? statusOf(metric, value, objective) : null,
        delta: value && previous ? value.value - previous.value : null,
        trend: weeks.map((w) => byKey.get(valueKey(metric.id, w))?.value ?? null),
        canEnter: viewer !== null && (viewer.canManage || metric.owner?.userId === viewer.userId),
      };
    });
  rows.sort((a, b) => STATUS_ORDER[a.status?.status ?? "noData"] - STATUS_ORDER[b.status?.status ?? "noData"] || a.index - b.index);
  return rows.map(({ index: _index, ...row }) => row);
}

/** Owners of active numbers who have not entered this week's value yet, once each, in board order. */
export function notUpdated(board: KpiBoardResponse, week: IsoWeek): Person[] {
  const reported = new Set(board.values.filter((v) => v.week === week).map((v) => v.metricId));
  const out = new Map<string, Person>();
  for (const m of board.metrics) if (!m.archived && m.owner && !reported.has(m.id) && !out.has(m.owner.userId)) out.set(m.owner.userId, m.owner);
  return [...out.values()];
}

export interface KpiNudges {
  /** People owning more than the method's 2–3 numbers. */
  readonly owners: readonly { readonly name: string; readonly count: number }[];
  readonly tooManyObjectives: boolean;
  readonly objectiveCount: number;
}

export function kpiNudges(board: KpiBoardResponse): KpiNudges {
  return {
    owners: ownersOverLimit(board.metrics).map(({ name, count }) => ({ name, count })),
    tooManyObjectives: tooManyObjectives(board.objectives),
    objectiveCount: board.objectives.filter((o) => !o.archived).length,
  };
}

/** How many active numbers are off track this week (the toggle's badge). */
export const offTrackCount = (board: KpiBoardResponse | null, week: IsoWeek): number =>
  board ? kpiRows(board, week, 4, null).filter((r) => r.status?.status === "offTrack").length : 0;

/**
 * The SVG path of a sparkline: the values scaled into `width`×`height` (y grows downwards), with gaps where a week has
 * no value. Null when fewer than two values exist (nothing to draw a line through).
 */
export function sparklinePath(values: readonly (number | null)[], width: number, height: number, pad = 2): string | null {
  const present = values.filter((v): v is number => v !== null);
  if (present.length < 2) return null;
  const min = Math.min(...present);
  const max = Math.max(...present);
  const span = max - min || 1;
  const stepX = values.length > 1 ? (width - 2 * pad) / (values.length - 1) : 0;
  let path = "";
  let pen = false;
  values.forEach((v, i) => {
    if (v === null) {
      pen = false;
      return;
    }
    const x = pad + i * stepX;
    // A flat line sits in the middle rather than on an edge.
    const y = max === min ? height / 2 : pad + (1 - (v - min) / span) * (height - 2 * pad);
    path += `${pen ? "L" : "M"}${x.toFixed(1)} ${y.toFixed(1)} `;
    pen = true;
  });
  return path.trim();
}

/** The SIR item an off-track number raises: an issue about it, the numbers as the problem, proposals left to the owner. */
export function sirFieldsForRow(row: KpiRowView, week: IsoWeek, text: { title: (name: string) => string; problem: (value: string, target: string, week: string) => string }, format: (n: number) => string) {
  const target = row.metric.direction === "range" ? `${format(row.metric.target)}–${format(row.metric.targetMax ?? row.metric.target)}` : format(row.metric.target);
  const unit = row.metric.unit ? ` ${row.metric.unit}` : "";
  return {
    kind: "issue" as const,
    title: text.title(row.metric.name).slice(0, 120),
    problem: text.problem(row.value ? `${format(row.value.value)}${unit}` : "–", `${target}${unit}`, week).slice(0, 2000),
    proposals: [],
    recommendation: "",
    concerns: (row.objective ? `${row.objective.title}: ${row.metric.name}` : row.metric.name).slice(0, 200),
    meetingId: null,
    forDate: null,
  };
}

/** A user's own open/closed choice for the board, remembered only for the situation it was made in. */
export interface KpiDisclosureChoice {
  readonly open: boolean;
  readonly context: string;
}

/** The board opens by itself in the agenda's KPI section; anyone can open or close it, and that holds until the section changes. */
export function kpiDisclosure(meeting: MeetingState, choice: KpiDisclosureChoice | null): { readonly open: boolean; readonly context: string } {
  const inKpiSection = meeting.phase === "running" && currentSection(meeting)?.kind === "kpis";
  const context = inKpiSection ? `kpis|${meeting.currentSectionId ?? ""}` : "-";
  return { open: choice?.context === context ? choice.open : inKpiSection, context };
}
