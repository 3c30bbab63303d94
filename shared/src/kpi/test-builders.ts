/** @module Test data for KPI specs, store and API tests: a board with an objective, a key result and KPIs, overridable per test. */
import type { KpiBoard } from "./decide.js";
import type { Metric, Objective, WeeklyValue } from "./model.js";
import { KARI, LEAD, T0 } from "../sir/test-builders.js";

export { KARI, LEAD, T0 };

export function objective(overrides: Partial<Objective> = {}): Objective {
  return { id: "obj-cmd-00000001", title: "Fornøyde kunder", from: "2025-W01", to: "2025-W13", owner: LEAD, archived: false, version: 1, createdAt: T0, updatedAt: T0, ...overrides };
}

/** A weekly KPI owned by Kari: delivery precision, higher is better, target 95 %. */
export function metric(overrides: Partial<Metric> = {}): Metric {
  return {
    id: "kpi-cmd-00000001",
    kind: "kpi",
    objectiveId: null,
    name: "Leveringspresisjon",
    unit: "%",
    direction: "higher",
    target: 95,
    targetMax: null,
    start: null,
    tolerancePct: 10,
    owner: KARI,
    archived: false,
    version: 1,
    createdAt: T0,
    updatedAt: T0,
    ...overrides,
  };
}

export function weeklyValue(overrides: Partial<WeeklyValue> = {}): WeeklyValue {
  return { metricId: "kpi-cmd-00000001", week: "2025-W02", value: 93, by: KARI, at: T0, override: null, version: 1, ...overrides };
}

export function board(overrides: Partial<KpiBoard> = {}): KpiBoard {
  return { settings: { timeZone: "Europe/Oslo", version: 1 }, objectives: [objective()], metrics: [metric()], ...overrides };
}
