/** @module Test data for good-news specs, store and API tests: a meeting's context and an item, overridable per test. */
import { KARI, LEAD, OLA, T0 } from "../actions/test-builders.js";
import type { GoodNewsActor, GoodNewsContext } from "./decide.js";
import type { GoodNewsItem } from "./model.js";

export { KARI, LEAD, OLA, T0 };
export const OBJECTIVE_ID = "obj-cmd-00000001";
export const METRIC_ID = "kpi-cmd-00000002";

export function goodNewsContext(overrides: Partial<GoodNewsContext> = {}): GoodNewsContext {
  return { now: T0, tenantId: "tenant-okr", meetingId: "meeting-weekly-1", board: { objectiveIds: [OBJECTIVE_ID], metricIds: [METRIC_ID] }, meetingCount: 0, authorCount: 0, ...overrides };
}

export const attendee = (person = KARI): GoodNewsActor => ({ person, isLead: false });
export const lead = (person = LEAD): GoodNewsActor => ({ person, isLead: true });

export function goodNews(overrides: Partial<GoodNewsItem> = {}): GoodNewsItem {
  return {
    id: "gn-cmd-00000001",
    tenantId: "tenant-okr",
    meetingId: "meeting-weekly-1",
    version: 1,
    kind: "win",
    text: "Rekordsalg i november",
    link: null,
    praise: null,
    author: KARI,
    createdAt: T0,
    updatedBy: KARI,
    updatedAt: T0,
    deletedAt: null,
    ...overrides,
  };
}
