/** @module Test data for action specs, store and API tests: people of a series and an action, overridable per test. */
import { KARI, LEAD, T0 } from "../sir/test-builders.js";
import type { ActionContext } from "./decide.js";
import type { Action, Person } from "./model.js";

export { KARI, LEAD, T0 };
export const OLA: Person = { userId: "a1b2c3d4-0000-4000-8000-00000000c003", name: "Ola Deltaker" };
export const OUTSIDER: Person = { userId: "a1b2c3d4-0000-4000-8000-0000000000ff", name: "Ute Utenfor" };
export const SERIES_PEOPLE: readonly Person[] = [LEAD, KARI, OLA];

export function actionContext(overrides: Partial<ActionContext> = {}): ActionContext {
  return { now: T0, tenantId: "tenant-okr", seriesId: "19:meeting_weekly@thread.v2", timeZone: "Europe/Oslo", people: SERIES_PEOPLE, ...overrides };
}

export function action(overrides: Partial<Action> = {}): Action {
  return {
    id: "act-cmd-00000001",
    tenantId: "tenant-okr",
    seriesId: "19:meeting_weekly@thread.v2",
    version: 1,
    title: "Ring transportøren",
    owners: [KARI],
    due: "2025-01-10",
    status: "open",
    subtasks: [],
    comments: [],
    source: null,
    createdBy: LEAD,
    createdAt: T0,
    updatedBy: LEAD,
    updatedAt: T0,
    doneAt: null,
    deletedAt: null,
    ...overrides,
  };
}
