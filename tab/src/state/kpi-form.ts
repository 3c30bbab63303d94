/** @module The KPI set-up forms as plain data, and their turning into commands: every check the user can fix is made here, before anything is sent. */
import type { MessageKey, MessageParams } from "../../../shared/src/i18n/format.js";
import { DEFAULT_TOLERANCE_PCT, KPI_LIMITS, type Direction, type Metric, type MetricFields, type MetricKind, type Objective, type ObjectiveFields, type Person } from "../../../shared/src/kpi/model.js";
import { readKpiNumber } from "../../../shared/src/kpi/number.js";
import { isIsoWeek } from "../../../shared/src/kpi/week.js";

export interface Problem {
  readonly key: MessageKey;
  readonly params?: MessageParams;
}
export type FormResult<T> = { readonly ok: true; readonly fields: T } | { readonly ok: false; readonly problem: Problem };

/** Reads a number as people type it: "93,5" and "93.5" alike, spaces as thousands separators allowed. */
export function parseNumber(text: string): number | null {
  const n = readKpiNumber(text, { decimalComma: true, groupSpaces: true });
  return typeof n === "number" ? n : null;
}

export interface MetricForm {
  readonly kind: MetricKind;
  readonly objectiveId: string;
  readonly name: string;
  readonly unit: string;
  readonly direction: Direction;
  readonly target: string;
  readonly targetMax: string;
  readonly start: string;
  readonly tolerancePct: string;
  /** A person's user id, or "" for none. */
  readonly ownerId: string;
}

export const emptyMetricForm = (): MetricForm => ({
  kind: "kpi", objectiveId: "", name: "", unit: "", direction: "higher", target: "", targetMax: "", start: "", tolerancePct: String(DEFAULT_TOLERANCE_PCT), ownerId: "",
});

const text = (n: number | null): string => (n === null ? "" : String(n));

export const metricFormFrom = (m: Metric): MetricForm => ({
  kind: m.kind, objectiveId: m.objectiveId ?? "", name: m.name, unit: m.unit, direction: m.direction, target: text(m.target), targetMax: text(m.targetMax), start: text(m.start), tolerancePct: text(m.tolerancePct), ownerId: m.owner?.userId ?? "",
});

/** The people a lead can pick as owner: those the board knows, plus an owner who has since dropped off that list. */
export function ownerChoices(people: readonly Person[], current: Person | null): Person[] {
  const list = [...people];
  if (current && !list.some((p) => p.userId === current.userId)) list.push(current);
  return list.sort((a, b) => a.name.localeCompare(b.name));
}

export function metricFields(form: MetricForm, people: readonly Person[], labels: { target: string; targetMax: string; start: string; tolerance: string }): FormResult<MetricFields> {
  const name = form.name.trim();
  if (!name) return { ok: false, problem: { key: "kpi.nameRequired" } };
  if (form.kind === "keyResult" && !form.objectiveId) return { ok: false, problem: { key: "kpi.needObjective" } };
  const number = (value: string, field: string): number | Problem => parseNumber(value) ?? { key: "kpi.invalidNumber", params: { field } };
  const target = number(form.target, labels.target);
  if (typeof target !== "number") return { ok: false, problem: target };
  let targetMax: number | null = null;
  if (form.direction === "range") {
    const max = number(form.targetMax, labels.targetMax);
    if (typeof max !== "number") return { ok: false, problem: max };
    targetMax = max;
  }
  let start: number | null = null;
  if (form.kind === "keyResult" && form.direction !== "range" && form.start.trim() !== "") {
    const s = number(form.start, labels.start);
    if (typeof s !== "number") return { ok: false, problem: s };
    start = s;
  }
  const tolerance = form.tolerancePct.trim() === "" ? DEFAULT_TOLERANCE_PCT : parseNumber(form.tolerancePct);
  if (tolerance === null || tolerance < 0 || tolerance > KPI_LIMITS.tolerancePctMax) return { ok: false, problem: { key: "kpi.invalidNumber", params: { field: labels.tolerance } } };
  return {
    ok: true,
    fields: {
      kind: form.kind,
      objectiveId: form.kind === "keyResult" ? form.objectiveId : null,
      name: name.slice(0, KPI_LIMITS.nameMax),
      unit: form.unit.trim().slice(0, KPI_LIMITS.unitMax),
      direction: form.direction,
      target,
      targetMax,
      start,
      tolerancePct: tolerance,
      owner: people.find((p) => p.userId === form.ownerId) ?? null,
    },
  };
}

export interface ObjectiveForm {
  readonly title: string;
  readonly from: string;
  readonly to: string;
  readonly ownerId: string;
}

export const objectiveFormFrom = (o: Objective): ObjectiveForm => ({ title: o.title, from: o.from, to: o.to, ownerId: o.owner?.userId ?? "" });

export function objectiveFields(form: ObjectiveForm, people: readonly Person[]): FormResult<ObjectiveFields> {
  const title = form.title.trim();
  if (!title) return { ok: false, problem: { key: "kpi.nameRequired" } };
  const from = form.from.trim().toUpperCase();
  const to = form.to.trim().toUpperCase();
  if (!isIsoWeek(from) || !isIsoWeek(to) || to < from) return { ok: false, problem: { key: "kpi.weekInvalid" } };
  return { ok: true, fields: { title: title.slice(0, KPI_LIMITS.objectiveTitleMax), from, to, owner: people.find((p) => p.userId === form.ownerId) ?? null } };
}
