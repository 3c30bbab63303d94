/**
 * @module The meeting history: the series' occurrences that have started (newest first, at most `HISTORY_SHOWN`), each
 * with its date, rating count and average, SIR decisions taken, whether its summary was posted (when the channel post
 * records it: `postedOf`), and the paths of its full record. Any participant of the asking meeting may read it.
 */
import { occurrenceLinkId } from "../../../shared/src/meeting/occurrence.js";
import { localDate } from "../../../shared/src/kpi/week.js";
import type { MeetingRef } from "../../../shared/src/meeting/state.js";
import { HISTORY_SHOWN, type HistoryEntry, type HistoryResponse } from "../../../shared/src/rating/history.js";
import type { HistoryStore } from "../storage/history-store.js";
import type { KpiStore } from "../storage/kpi-store.js";
import type { RatingStore } from "../storage/rating-store.js";
import type { SirStore } from "../storage/sir-store.js";
import type { MeetingSeriesSource } from "../teams/meeting-series.js";
import { TeamsUnavailableError } from "../teams/roles.js";
import { admit, authenticate, type ApiDeps } from "./api.js";
import { HttpError, sendJson, type Router } from "./http.js";

export interface HistoryApiDeps extends Pick<ApiDeps, "verify" | "roles" | "occurrences"> {
  readonly history: HistoryStore;
  readonly ratings: RatingStore;
  readonly sir: SirStore;
  readonly kpi: KpiStore;
  readonly series: MeetingSeriesSource;
  /**
   * Whether an occurrence's summary was posted to the channel (app.ts: the channel post's `SummaryPostStore`). Absent =
   * not known, and every entry says `summaryPosted: null`.
   */
  readonly postedOf?: (ref: MeetingRef) => Promise<boolean>;
}

/** Occurrences whose ratings are read at once: a year of history is 52 small range queries. */
const CONCURRENCY = 8;

const pad = (n: number): string => String(n).padStart(2, "0");

export function registerHistoryApi(router: Router, deps: HistoryApiDeps): void {
  router.on("GET", "/api/meetings/:meetingId/history", async (req, res, params) => {
    const { ref } = await admit(deps, await authenticate(deps, req), params.meetingId, "meeting:read");
    let seriesId: string;
    try {
      seriesId = await deps.series.seriesOf(ref);
    } catch (err) {
      if (err instanceof TeamsUnavailableError) throw new HttpError(503, "teamsUnavailable", `${err.message} Try again in a moment.`);
      throw err;
    }
    const [occurrences, items, board] = await Promise.all([deps.history.list(ref.tenantId, seriesId), deps.sir.list(ref.tenantId, seriesId), deps.kpi.loadBoard(ref.tenantId, seriesId)]);
    const started = occurrences.filter((o): o is typeof o & { startedAt: number } => o.startedAt !== null);
    const shown = started.slice(0, HISTORY_SHOWN);
    const timeZone = board.board.settings.timeZone;
    const decisions = new Map<string, number>();
    for (const item of items) if (item.decision) decisions.set(item.decision.meetingId, (decisions.get(item.decision.meetingId) ?? 0) + 1);

    const entries: HistoryEntry[] = [];
    for (let i = 0; i < shown.length; i += CONCURRENCY) {
      const batch = await Promise.all(
        shown.slice(i, i + CONCURRENCY).map(async (o): Promise<HistoryEntry> => {
          const occurrence: MeetingRef = { tenantId: ref.tenantId, meetingId: o.meetingId };
          const [{ count, average }, posted] = await Promise.all([deps.ratings.summary(occurrence, 0), deps.postedOf ? deps.postedOf(occurrence) : Promise.resolve(null)]);
          const d = localDate(o.startedAt, timeZone);
          // Named for good: Teams' bare id means the current occurrence once a recurring meeting has moved on.
          const base = `/api/meetings/${encodeURIComponent(occurrenceLinkId(o.meetingId))}/record`;
          return {
            meetingId: o.meetingId,
            date: `${d.year}-${pad(d.month)}-${pad(d.day)}`,
            startedAt: new Date(o.startedAt).toISOString(),
            endedAt: o.endedAt === null ? null : new Date(o.endedAt).toISOString(),
            rating: { count, average },
            decisions: decisions.get(o.meetingId) ?? 0,
            summaryPosted: posted,
            record: { md: `${base}?format=md`, json: `${base}?format=json` },
          };
        }),
      );
      entries.push(...batch);
    }
    const body: HistoryResponse = { seriesId, entries, truncated: started.length > shown.length };
    sendJson(res, 200, body);
  });
}
