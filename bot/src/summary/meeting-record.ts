/**
 * @module Loads what a meeting's record is made of (the meeting, its series' KPI board and week, the series' SIR items,
 * the chat's members) and hands it to the pure `buildMeetingRecord`. The only I/O of the summary.
 */
import type { Person } from "../../../shared/src/kpi/model.js";
import { isoWeekAt } from "../../../shared/src/kpi/week.js";
import type { MeetingRef, MeetingState } from "../../../shared/src/meeting/state.js";
import { buildMeetingRecord, type RecordExtras } from "../../../shared/src/summary/build-record.js";
import type { MeetingRecord } from "../../../shared/src/summary/record.js";
import { teamToday } from "../http/sir-api.js";
import type { KpiStore } from "../storage/kpi-store.js";
import type { MeetingStore } from "../storage/meeting-store.js";
import type { SirStore } from "../storage/sir-store.js";
import type { MeetingSeriesSource } from "../teams/meeting-series.js";

/** What a feature's part of the record is made from, beyond the meeting's ref and series: the meeting as stored, the team's time zone, the clock. */
export interface RecordExtrasContext {
  readonly meeting: MeetingState;
  readonly timeZone: string;
  readonly now: number;
}

/** One feature's part of a meeting's record (docs/SUMMARY.md, "Adding a part"). */
export type RecordExtrasSource = (ref: MeetingRef, seriesId: string, context: RecordExtrasContext) => Promise<RecordExtras>;

/**
 * Several features' parts as one `extras`: read at once, merged in order (each fills its own fields). A feature that
 * fails fails the record (the route answers 503), as the stores it is made of would.
 */
export function combineExtras(...sources: readonly RecordExtrasSource[]): RecordExtrasSource {
  return async (ref, seriesId, context) => Object.assign({}, ...(await Promise.all(sources.map((source) => source(ref, seriesId, context))))) as RecordExtras;
}

export interface MeetingRecordDeps {
  readonly store: MeetingStore;
  readonly sir: SirStore;
  readonly kpi: KpiStore;
  readonly series: MeetingSeriesSource;
  /** Who is in the meeting's chat, from Teams; the KPI board's people when absent or failing. */
  readonly roster?: (ref: MeetingRef, seriesId: string) => Promise<readonly Person[]>;
  /** What other features add (actions, rating; later good news, priorities); absent = nothing. Compose with `combineExtras`. */
  readonly extras?: RecordExtrasSource;
  readonly now: () => number;
}

/** The record of one meeting as stored now. Throws what the stores and Teams throw (the route maps them to 503). */
export async function loadMeetingRecord(deps: MeetingRecordDeps, ref: MeetingRef): Promise<MeetingRecord> {
  const now = deps.now();
  const seriesId = await deps.series.seriesOf(ref);
  const [meeting, loaded, sirItems] = await Promise.all([deps.store.get(ref), deps.kpi.loadBoard(ref.tenantId, seriesId), deps.sir.list(ref.tenantId, seriesId)]);
  // The KPI week is the meeting's own week (a record read later still shows the numbers the meeting saw).
  const week = isoWeekAt(meeting.startedAt ?? now, loaded.board.settings.timeZone);
  const [values, roster, extras] = await Promise.all([
    deps.kpi.values(ref.tenantId, seriesId, week, week),
    // Teams being slow or unreachable costs only the names: the board's people stand in.
    deps.roster ? deps.roster(ref, seriesId).catch(() => null) : Promise.resolve(null),
    deps.extras ? deps.extras(ref, seriesId, { meeting, timeZone: loaded.board.settings.timeZone, now }) : Promise.resolve(undefined),
  ]);
  return buildMeetingRecord({
    meeting,
    seriesId,
    title: null,
    attendees: roster && roster.length > 0 ? roster : loaded.people,
    board: loaded.board,
    week,
    values,
    sirItems,
    today: teamToday(() => now),
    now,
    ...(extras ? { extras } : {}),
  });
}
