/**
 * @module The actions' part of a meeting's record (`MeetingRecordDeps.extras`): the series' real actions from the action
 * store, each new, updated, done or open (carries over) for this meeting's window, which starts where the series'
 * previous occurrence ended (`recordActions`, `windowStart` in shared/src/summary/record-actions.ts).
 */
import type { MeetingRef } from "../../../shared/src/meeting/state.js";
import { recordActions, windowStart } from "../../../shared/src/summary/record-actions.js";
import type { ActionStore } from "../storage/action-store.js";
import type { HistoryStore } from "../storage/history-store.js";
import type { RecordExtrasSource } from "./meeting-record.js";

export interface ActionExtrasDeps {
  readonly actions: ActionStore;
  /** The series' occurrences: where the previous one ended. */
  readonly history: Pick<HistoryStore, "list">;
}

export function actionExtras(deps: ActionExtrasDeps): RecordExtrasSource {
  return async (ref: MeetingRef, seriesId, { meeting, timeZone, now }) => {
    const [actions, occurrences] = await Promise.all([deps.actions.list(ref.tenantId, seriesId, timeZone), deps.history.list(ref.tenantId, seriesId)]);
    const since = windowStart(ref.meetingId, meeting.startedAt, occurrences);
    return { actions: recordActions(actions, { since, until: meeting.endedAt ?? now }, timeZone) };
  };
}
