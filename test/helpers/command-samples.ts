/** @module A valid command of every meeting, SIR, KPI and action type, for the authorization matrix and the fuzzer: each is the type's fields without `id` and `type`. A new command type without its sample is a type error here. */
import type { ActionCommandType } from "../../shared/src/actions/commands.js";
import type { PriorityCommandType } from "../../shared/src/priorities/commands.js";
import { addDays, dayIn } from "../../shared/src/actions/dates.js";
import type { GoodNewsCommandType } from "../../shared/src/goodnews/commands.js";
import type { KpiCommandType } from "../../shared/src/kpi/commands.js";
import type { MeetingCommandType } from "../../shared/src/meeting/commands.js";
import type { SirCommandType } from "../../shared/src/sir/commands.js";
import { randomUUID } from "node:crypto";
import { sirFields } from "../../shared/src/sir/test-builders.js";
import { meetingPath, type ApiResult, type Service } from "./service.js";

/** The ids a sample refers to: a meeting with a SIR item, an objective and a KPI in its series. */
export interface SampleIds {
  readonly meetingId: string;
  readonly sirItemId: string;
  readonly metricId: string;
  readonly objectiveId: string;
  readonly currentWeek: string;
  /** An action owned by the SIR item's author, with one subtask. */
  readonly actionId: string;
  readonly subtaskId: string;
  readonly actionOwnerId: string;
  /** A good-news item of the meeting by the SIR item's author (praise not to be shared). */
  readonly goodNewsId: string;
}

/** The type names of a zod discriminated union of commands, sorted. */
export const typesOf = (union: { readonly options: readonly { readonly shape: { readonly type: { readonly value: string } } }[] }): string[] => union.options.map((o) => o.shape.type.value).sort();

export const MEETING_SAMPLES: Readonly<Record<MeetingCommandType, (f: SampleIds) => Record<string, unknown>>> = {
  startMeeting: () => ({}),
  endMeeting: () => ({}),
  nextSection: () => ({}),
  previousSection: () => ({}),
  goToSection: () => ({ sectionId: "kpis" }),
  startTimer: () => ({}),
  pauseTimer: () => ({}),
  extendTimer: () => ({ minutes: 5 }),
  resetTimer: () => ({}),
  addSection: () => ({ kind: "discussion", title: "Extra", durationMs: 300_000 }),
  removeSection: () => ({ sectionId: "goodNews" }),
  moveSection: () => ({ sectionId: "goodNews", toIndex: 2 }),
  renameSection: () => ({ sectionId: "goodNews", title: "Wins" }),
  setSectionDuration: () => ({ sectionId: "goodNews", durationMs: 600_000 }),
  setSectionEnabled: () => ({ sectionId: "goodNews", enabled: false }),
  applyTemplate: () => ({ templateId: "teamWeekly45" }),
  focusSirItem: () => ({ itemId: null }),
  endSirDiscussion: (f) => ({ itemId: f.sirItemId }),
  undoTemplate: () => ({ appliedBy: "cmd-00000001" }),
};

/** Who may send each SIR command: everyone prepares, the author or a lead changes an item, a lead handles it. */
export const SIR_SAMPLES: Readonly<Record<SirCommandType, { readonly who: "participants" | "authorOrLead" | "lead"; readonly body: (f: SampleIds) => Record<string, unknown> }>> = {
  createSir: { who: "participants", body: () => ({ fields: sirFields() }) },
  editSir: { who: "authorOrLead", body: (f) => ({ itemId: f.sirItemId, fields: sirFields({ title: "Edited" }) }) },
  withdrawSir: { who: "authorOrLead", body: (f) => ({ itemId: f.sirItemId }) },
  recordDecision: { who: "lead", body: (f) => ({ itemId: f.sirItemId, meetingId: f.meetingId, text: "We switch carrier.", actions: [] }) },
  resolveSir: { who: "lead", body: (f) => ({ itemId: f.sirItemId }) },
  convertToInformation: { who: "lead", body: (f) => ({ itemId: f.sirItemId }) },
  carryOverSir: { who: "lead", body: (f) => ({ itemId: f.sirItemId, meetingId: f.meetingId }) },
  deleteSir: { who: "lead", body: (f) => ({ itemId: f.sirItemId }) },
};

/** Who may send each KPI command: the owner of a KPI or a lead enters its values; setting up the board is a lead's. */
export const KPI_SAMPLES: Readonly<Record<KpiCommandType, { readonly who: "ownerOrLead" | "lead"; readonly body: (f: SampleIds) => Record<string, unknown> }>> = {
  createObjective: { who: "lead", body: (f) => ({ fields: { title: "More", from: f.currentWeek, to: f.currentWeek, owner: null } }) },
  editObjective: { who: "lead", body: (f) => ({ objectiveId: f.objectiveId, fields: { title: "Renamed", from: f.currentWeek, to: f.currentWeek, owner: null } }) },
  archiveObjective: { who: "lead", body: (f) => ({ objectiveId: f.objectiveId, archived: true }) },
  createMetric: {
    who: "lead",
    body: () => ({ fields: { kind: "kpi", objectiveId: null, name: "Churn", unit: "%", direction: "lower", target: 2, targetMax: null, start: null, tolerancePct: 10, owner: null } }),
  },
  editMetric: {
    who: "lead",
    body: (f) => ({ metricId: f.metricId, fields: { kind: "kpi", objectiveId: null, name: "Renamed", unit: "%", direction: "higher", target: 96, targetMax: null, start: null, tolerancePct: 10, owner: null } }),
  },
  archiveMetric: { who: "lead", body: (f) => ({ metricId: f.metricId, archived: true }) },
  recordValue: { who: "ownerOrLead", body: (f) => ({ metricId: f.metricId, week: f.currentWeek, value: 93 }) },
  overrideStatus: { who: "ownerOrLead", body: (f) => ({ metricId: f.metricId, week: f.currentWeek, override: { status: "offTrack", comment: "Strike at the port" } }) },
  setTimeZone: { who: "lead", body: () => ({ timeZone: "Europe/Stockholm" }) },
  setReminder: { who: "lead", body: () => ({ reminder: { weekday: 1, time: "09:00" } }) },
};

/** A due day a week after the team's today (the samples must not be refused for a date in the past). */
const nextWeek = (): string => addDays(dayIn(Date.now(), "Europe/Oslo"), 7);

/** Who may send each action command: anyone in the meeting creates and comments, the owners or a lead change it, a lead deletes. */
export const ACTION_SAMPLES: Readonly<Record<ActionCommandType, { readonly who: "participants" | "ownerOrLead" | "lead"; readonly body: (f: SampleIds) => Record<string, unknown> }>> = {
  createAction: { who: "participants", body: (f) => ({ fields: { title: "Call the carrier", owners: [f.actionOwnerId], due: nextWeek(), subtasks: ["Get a quote"], source: null } }) },
  editAction: { who: "ownerOrLead", body: (f) => ({ actionId: f.actionId, title: "Renamed", owners: [f.actionOwnerId] }) },
  setActionStatus: { who: "ownerOrLead", body: (f) => ({ actionId: f.actionId, status: "done" }) },
  setActionDue: { who: "ownerOrLead", body: (f) => ({ actionId: f.actionId, due: addDays(nextWeek(), 7) }) },
  addSubtask: { who: "ownerOrLead", body: (f) => ({ actionId: f.actionId, title: "Another step" }) },
  setSubtaskDone: { who: "ownerOrLead", body: (f) => ({ actionId: f.actionId, subtaskId: f.subtaskId, done: true }) },
  removeSubtask: { who: "ownerOrLead", body: (f) => ({ actionId: f.actionId, subtaskId: f.subtaskId }) },
  addActionComment: { who: "participants", body: (f) => ({ actionId: f.actionId, text: "Followed up today." }) },
  deleteAction: { who: "lead", body: (f) => ({ actionId: f.actionId }) },
};

/** Who may send each good-news command: every participant adds, the author or a lead edits and deletes. */
export const GOOD_NEWS_SAMPLES: Readonly<Record<GoodNewsCommandType, { readonly who: "participants" | "authorOrLead"; readonly body: (f: SampleIds) => Record<string, unknown> }>> = {
  addGoodNews: { who: "participants", body: (f) => ({ fields: { kind: "win", text: "Record month", link: { kind: "objective", objectiveId: f.objectiveId }, praise: null } }) },
  editGoodNews: { who: "authorOrLead", body: (f) => ({ itemId: f.goodNewsId, fields: { kind: "challenge", text: "Edited", link: null, praise: null } }) },
  deleteGoodNews: { who: "authorOrLead", body: (f) => ({ itemId: f.goodNewsId }) },
};

/** Who may send each priorities command: the member (Alex, the samples' owner) or a lead saves the member's entry; a lead walks the round. */
export const PRIORITY_SAMPLES: Readonly<Record<PriorityCommandType, { readonly who: "ownerOrLead" | "lead"; readonly body: (f: SampleIds) => Record<string, unknown> }>> = {
  savePriorities: { who: "ownerOrLead", body: (f) => ({ week: f.currentWeek, memberId: f.actionOwnerId, fields: { lastWeek: [], nextWeek: [{ text: "Three quotes", why: "Costs" }], learned: "", change: "" } }) },
  setPrioritySpeaker: { who: "lead", body: (f) => ({ week: f.currentWeek, memberId: f.actionOwnerId }) },
};

const ok = <T>(r: ApiResult<T>, what: string): ApiResult<T> => {
  if (r.status !== 200) throw new Error(`${what}: HTTP ${r.status} ${JSON.stringify(r.body)}`);
  return r;
};

/**
 * A fresh meeting with its own chat (so its own series) holding what the samples refer to: a SIR item by `author`, an
 * objective and a KPI owned by `author`, both made by the lead with `leadToken`.
 */
export async function sampleMeeting(service: Service, leadToken: string, authorToken: string, author: { readonly userId: string; readonly name: string }): Promise<SampleIds> {
  const meetingId = service.meeting();
  service.connector.setChat(meetingId, `19:meeting_${randomUUID()}@thread.v2`);
  const id = () => `m-${randomUUID()}`;
  const sirCommand = { id: id(), type: "createSir", fields: sirFields({ title: `${author.name}'s item` }) };
  ok(await service.api(meetingPath(meetingId, "/sir/commands"), { token: authorToken, body: { command: sirCommand } }), "the SIR item");
  const board = ok(await service.api<{ currentWeek: string }>(meetingPath(meetingId, "/kpi"), { token: leadToken }), "the board");
  const week = board.body.currentWeek;
  const objective = { id: id(), type: "createObjective", fields: { title: "Happy customers", from: week, to: week, owner: null } };
  ok(await service.api(meetingPath(meetingId, "/kpi/commands"), { token: leadToken, body: { command: objective } }), "the objective");
  const metric = {
    id: id(),
    type: "createMetric",
    fields: { kind: "kpi", objectiveId: null, name: "Delivery precision", unit: "%", direction: "higher", target: 95, targetMax: null, start: null, tolerancePct: 10, owner: { userId: author.userId, name: author.name } },
  };
  ok(await service.api(meetingPath(meetingId, "/kpi/commands"), { token: leadToken, body: { command: metric } }), "the KPI");
  const action = { id: id(), type: "createAction", fields: { title: `${author.name}'s action`, owners: [author.userId], due: nextWeek(), subtasks: ["Check"], source: null } };
  const made = ok(await service.api<{ action: { id: string; subtasks: { id: string }[] } }>(meetingPath(meetingId, "/actions/commands"), { token: leadToken, body: { command: action } }), "the action");
  const subtaskId = made.body.action.subtasks[0]?.id ?? "";
  const goodNews = { id: id(), type: "addGoodNews", fields: { kind: "win", text: `${author.name}'s win`, link: null, praise: { name: "The warehouse", share: false } } };
  ok(await service.api(meetingPath(meetingId, "/good-news/commands"), { token: authorToken, body: { command: goodNews } }), "the good news");
  return { goodNewsId: `gn-${goodNews.id}`, meetingId, sirItemId: `sir-${sirCommand.id}`, metricId: `kpi-${metric.id}`, objectiveId: `obj-${objective.id}`, currentWeek: week, actionId: made.body.action.id, subtaskId, actionOwnerId: author.userId };
}
