/** @module decideKpi(board, value, command, actor, ctx) → the one record the command changes, or why not: every board rule, pure. */
import type { KpiCommand } from "./commands.js";
import {
  KPI_LIMITS,
  metricFieldsOf,
  metricIdFor,
  objectiveFieldsOf,
  objectiveIdFor,
  sameMetric,
  sameObjective,
  type BoardSettings,
  type Metric,
  type MetricFields,
  type Objective,
  type Person,
  type WeeklyValue,
} from "./model.js";
import { isoWeekAt, weeksBetween, type IsoWeek } from "./week.js";

/** How far back values can be written (and are exported): five years of weeks. */
export const KPI_HISTORY_WEEKS = 260;

/** The definitions of a team's board: small and bounded, read whole. Weekly values are read by week range. */
export interface KpiBoard {
  readonly settings: BoardSettings;
  readonly objectives: readonly Objective[];
  readonly metrics: readonly Metric[];
}

export type KpiChange =
  | { readonly kind: "objective"; readonly objective: Objective }
  | { readonly kind: "metric"; readonly metric: Metric }
  | { readonly kind: "value"; readonly value: WeeklyValue }
  | { readonly kind: "settings"; readonly settings: BoardSettings };

export const KPI_ERROR_CODES = ["notFound", "forbidden", "notOwner", "archived", "futureWeek", "tooMany", "invalid", "hasKeyResults"] as const;
export type KpiErrorCode = (typeof KPI_ERROR_CODES)[number];

export interface KpiError {
  readonly code: KpiErrorCode;
  readonly message: string;
}

export type KpiResult = { readonly ok: true; readonly change: KpiChange; readonly changed: boolean } | { readonly ok: false; readonly error: KpiError };

export interface KpiActor {
  readonly person: Person;
  /** The lead (organizer or presenter): sets up the board and may enter any value. */
  readonly canManage: boolean;
}

export interface KpiContext {
  /** The server's clock. */
  readonly now: number;
}

const fail = (code: KpiErrorCode, message: string): KpiResult => ({ ok: false, error: { code, message } });
const notLead = (): KpiResult => fail("forbidden", "Only a lead (organizer or presenter) can set up the board.");


/** The week it is now for the team; values for later weeks are refused. */
export const currentWeekOf = (board: Pick<KpiBoard, "settings">, now: number): IsoWeek => isoWeekAt(now, board.settings.timeZone);

/** A key result needs an active objective of this board. */
function checkObjectiveLink(board: KpiBoard, fields: MetricFields): KpiResult | null {
  if (fields.objectiveId === null) return null;
  const objective = board.objectives.find((o) => o.id === fields.objectiveId);
  if (!objective) return fail("invalid", `There is no objective '${fields.objectiveId}' on this board.`);
  if (objective.archived) return fail("archived", `The objective '${objective.title}' is archived; restore it first.`);
  return null;
}

const activeCount = (list: readonly { archived: boolean }[]): number => list.filter((x) => !x.archived).length;

/** Names are how people (and the CSV) tell numbers apart: two active ones may not share a name. */
const nameTaken = (board: KpiBoard, name: string, exceptId: string | null): boolean =>
  board.metrics.some((m) => !m.archived && m.id !== exceptId && m.name.toLocaleLowerCase() === name.toLocaleLowerCase());

/**
 * Decides what a command does to the board. `value` is the stored weekly value the command is about (value
 * commands only; null if none yet). Leads set up the board; owners (and leads) enter values and overrides.
 * A command that would change nothing succeeds with `changed: false`.
 */
export function decideKpi(board: KpiBoard, value: WeeklyValue | null, command: KpiCommand, actor: KpiActor, ctx: KpiContext): KpiResult {
  switch (command.type) {
    case "createObjective": {
      if (!actor.canManage) return notLead();
      const id = objectiveIdFor(command.id);
      const existing = board.objectives.find((o) => o.id === id);
      // The same command again finds what it made; an id made for another objective is not this one.
      if (existing) return existing.title === command.fields.title ? { ok: true, change: { kind: "objective", objective: existing }, changed: false } : fail("invalid", `The id '${id}' belongs to another objective.`);
      if (board.objectives.length >= KPI_LIMITS.objectivesMax) return fail("tooMany", `A board holds at most ${KPI_LIMITS.objectivesMax} objectives, archived ones included.`);
      if (activeCount(board.objectives) >= KPI_LIMITS.activeObjectivesMax) return fail("tooMany", `A team can have at most ${KPI_LIMITS.activeObjectivesMax} active objectives; archive one first.`);
      const objective: Objective = { id, ...objectiveFieldsOf(command.fields), archived: false, version: 1, createdAt: ctx.now, updatedAt: ctx.now };
      return { ok: true, change: { kind: "objective", objective }, changed: true };
    }
    case "editObjective":
    case "archiveObjective": {
      if (!actor.canManage) return notLead();
      const objective = board.objectives.find((o) => o.id === command.objectiveId);
      if (!objective) return fail("notFound", `There is no objective '${command.objectiveId}' on this board.`);
      let next: Objective;
      if (command.type === "editObjective") {
        if (objective.archived) return fail("archived", "The objective is archived; restore it before editing.");
        if (sameObjective(objective, command.fields)) return { ok: true, change: { kind: "objective", objective }, changed: false };
        next = { ...objective, ...objectiveFieldsOf(command.fields) };
      } else {
        if (objective.archived === command.archived) return { ok: true, change: { kind: "objective", objective }, changed: false };
        // Key results live and die with their objective's cycle: archiving it first would orphan them.
        const keyResults = board.metrics.filter((m) => !m.archived && m.objectiveId === objective.id);
        if (command.archived && keyResults.length > 0) {
          return fail("hasKeyResults", `'${objective.title}' still has ${keyResults.length} active key result${keyResults.length === 1 ? "" : "s"}; archive ${keyResults.length === 1 ? "it" : "them"} first.`);
        }
        if (!command.archived && activeCount(board.objectives) >= KPI_LIMITS.activeObjectivesMax) {
          return fail("tooMany", `A team can have at most ${KPI_LIMITS.activeObjectivesMax} active objectives; archive one first.`);
        }
        next = { ...objective, archived: command.archived };
      }
      return { ok: true, change: { kind: "objective", objective: { ...next, version: objective.version + 1, updatedAt: ctx.now } }, changed: true };
    }
    case "createMetric": {
      if (!actor.canManage) return notLead();
      const id = metricIdFor(command.id);
      const existing = board.metrics.find((m) => m.id === id);
      if (existing) return existing.name === command.fields.name ? { ok: true, change: { kind: "metric", metric: existing }, changed: false } : fail("invalid", `The id '${id}' belongs to another KPI or key result.`);
      if (board.metrics.length >= KPI_LIMITS.metricsMax) return fail("tooMany", `A board holds at most ${KPI_LIMITS.metricsMax} KPIs and key results, archived ones included.`);
      if (activeCount(board.metrics) >= KPI_LIMITS.activeMetricsMax) return fail("tooMany", `A team can have at most ${KPI_LIMITS.activeMetricsMax} active KPIs and key results; archive some first.`);
      const link = checkObjectiveLink(board, command.fields);
      if (link) return link;
      if (nameTaken(board, command.fields.name, null)) return fail("invalid", `There is already a KPI or key result named '${command.fields.name}'.`);
      const metric: Metric = { id, ...metricFieldsOf(command.fields), archived: false, version: 1, createdAt: ctx.now, updatedAt: ctx.now };
      return { ok: true, change: { kind: "metric", metric }, changed: true };
    }
    case "editMetric":
    case "archiveMetric": {
      if (!actor.canManage) return notLead();
      const metric = board.metrics.find((m) => m.id === command.metricId);
      if (!metric) return fail("notFound", `There is no KPI or key result '${command.metricId}' on this board.`);
      let next: Metric;
      if (command.type === "editMetric") {
        if (metric.archived) return fail("archived", "It is archived; restore it before editing.");
        if (sameMetric(metric, command.fields)) return { ok: true, change: { kind: "metric", metric }, changed: false };
        const link = checkObjectiveLink(board, command.fields);
        if (link) return link;
        if (nameTaken(board, command.fields.name, metric.id)) return fail("invalid", `There is already a KPI or key result named '${command.fields.name}'.`);
        next = { ...metric, ...metricFieldsOf(command.fields) };
      } else {
        if (metric.archived === command.archived) return { ok: true, change: { kind: "metric", metric }, changed: false };
        if (!command.archived) {
          if (activeCount(board.metrics) >= KPI_LIMITS.activeMetricsMax) return fail("tooMany", `A team can have at most ${KPI_LIMITS.activeMetricsMax} active KPIs and key results; archive some first.`);
          const link = checkObjectiveLink(board, metric);
          if (link) return link;
          if (nameTaken(board, metric.name, metric.id)) return fail("invalid", `There is already an active KPI or key result named '${metric.name}'.`);
        }
        next = { ...metric, archived: command.archived };
      }
      return { ok: true, change: { kind: "metric", metric: { ...next, version: metric.version + 1, updatedAt: ctx.now } }, changed: true };
    }
    case "recordValue":
    case "overrideStatus": {
      const metric = board.metrics.find((m) => m.id === command.metricId);
      if (!metric) return fail("notFound", `There is no KPI or key result '${command.metricId}' on this board.`);
      if (!actor.canManage && metric.owner?.userId !== actor.person.userId) {
        return fail("notOwner", `Only the owner of '${metric.name}' or a lead can enter its values.`);
      }
      if (metric.archived) return fail("archived", `'${metric.name}' is archived; its history can no longer change.`);
      const current = currentWeekOf(board, ctx.now);
      if (command.week > current) return fail("futureWeek", `${command.week} has not started yet for this team (it is ${current}).`);
      if (weeksBetween(command.week, current) >= KPI_HISTORY_WEEKS) return fail("invalid", `${command.week} is more than ${KPI_HISTORY_WEEKS} weeks ago; the board keeps five years.`);
      if (command.type === "recordValue") {
        if (value && value.value === command.value) return { ok: true, change: { kind: "value", value }, changed: false };
        const next: WeeklyValue = {
          metricId: metric.id,
          week: command.week,
          value: command.value,
          by: actor.person,
          at: ctx.now,
          // A new number is a new judgement: an override of the old one no longer applies.
          override: null,
          version: (value?.version ?? 0) + 1,
        };
        return { ok: true, change: { kind: "value", value: next }, changed: true };
      }
      if (!value) return fail("invalid", `Enter a value for ${command.week} before overriding its status.`);
      const o = command.override;
      if (o === null ? value.override === null : value.override?.status === o.status && value.override.comment === o.comment) {
        return { ok: true, change: { kind: "value", value }, changed: false };
      }
      return { ok: true, change: { kind: "value", value: { ...value, override: o, by: actor.person, at: ctx.now, version: value.version + 1 } }, changed: true };
    }
    case "setReminder": {
      if (!actor.canManage) return notLead();
      const before = board.settings.reminder ?? null;
      const next = command.reminder;
      if (before === null ? next === null : next !== null && before.weekday === next.weekday && before.time === next.time) {
        return { ok: true, change: { kind: "settings", settings: board.settings }, changed: false };
      }
      return { ok: true, change: { kind: "settings", settings: { ...board.settings, reminder: next, version: board.settings.version + 1 } }, changed: true };
    }
    case "setTimeZone": {
      if (!actor.canManage) return notLead();
      if (board.settings.timeZone === command.timeZone) return { ok: true, change: { kind: "settings", settings: board.settings }, changed: false };
      return { ok: true, change: { kind: "settings", settings: { ...board.settings, timeZone: command.timeZone, version: board.settings.version + 1 } }, changed: true };
    }
  }
}
