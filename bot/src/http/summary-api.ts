/**
 * @module The meeting summary API: the preview (the channel card and the record it is built from) and the full record
 * as a download in Markdown or JSON. Any participant may read them; same auth and role rules as the meeting API.
 */
import { LOCALES, type Locale } from "../../../shared/src/i18n/format.js";
import type { MeetingRef } from "../../../shared/src/meeting/state.js";
import { cardBytes } from "../../../shared/src/cards/card-types.js";
import { capRecord } from "../../../shared/src/summary/cap.js";
import { SUMMARY_CARD_MAX_BYTES, summaryCard } from "../../../shared/src/summary/summary-card.js";
import { recordJson, summaryMarkdown } from "../../../shared/src/summary/summary-markdown.js";
import type { SummaryPostInfo, SummaryResponse } from "../../../shared/src/summary/wire.js";
import { loadMeetingRecord, type MeetingRecordDeps } from "../summary/meeting-record.js";
import { TeamsUnavailableError } from "../teams/roles.js";
import { admit, authenticate, type ApiDeps } from "./api.js";
import { HttpError, sendJson, type Router } from "./http.js";

export interface SummaryApiDeps extends Pick<ApiDeps, "verify" | "roles" | "occurrences">, Omit<MeetingRecordDeps, "now"> {
  readonly now?: () => number;
  /** An https page where the full record can be read, for the card's link; absent = the card points to the panel. */
  readonly recordUrlOf?: (ref: MeetingRef) => string | null;
  /** Where the summary was posted in the channel (summary-post-api.ts), for the panel's "Update the post". */
  readonly postOf?: (ref: MeetingRef) => Promise<SummaryPostInfo | null>;
}

export const RECORD_FORMATS = ["md", "json"] as const;
export type RecordFormat = (typeof RECORD_FORMATS)[number];

/** `?lang=nb|sv|en`; absent = English. Anything else is a clear 400, not a silent fallback. */
function localeOf(url: URL): Locale {
  const raw = url.searchParams.get("lang");
  if (raw === null || raw === "") return "en";
  if ((LOCALES as readonly string[]).includes(raw)) return raw as Locale;
  throw new HttpError(400, "badLang", `'lang' must be one of ${LOCALES.join(", ")}.`);
}

function formatOf(url: URL): RecordFormat {
  const raw = url.searchParams.get("format");
  if (raw !== null && (RECORD_FORMATS as readonly string[]).includes(raw)) return raw as RecordFormat;
  throw new HttpError(400, "badFormat", raw === null ? "Say which format: '?format=md' (Markdown) or '?format=json'." : `'format' must be 'md' or 'json', not '${raw.slice(0, 20)}'.`);
}

async function recordOf(deps: SummaryApiDeps, ref: MeetingRef) {
  try {
    return capRecord(await loadMeetingRecord({ ...deps, now: deps.now ?? Date.now }, ref));
  } catch (err) {
    if (err instanceof TeamsUnavailableError) throw new HttpError(503, "teamsUnavailable", `${err.message} Try again in a moment.`);
    throw err;
  }
}

export function registerSummaryApi(router: Router, deps: SummaryApiDeps): void {
  router.on("GET", "/api/meetings/:meetingId/summary", async (req, res, params, url) => {
    const { ref } = await admit(deps, await authenticate(deps, req), params.meetingId, "meeting:read");
    const locale = localeOf(url);
    const record = await recordOf(deps, ref);
    const card = summaryCard(record, locale, { recordUrl: deps.recordUrlOf?.(ref) ?? null });
    const stored = (await deps.postOf?.(ref)) ?? null;
    const post: SummaryPostInfo | null = stored && { postedAt: stored.postedAt, postedBy: stored.postedBy, updatedAt: stored.updatedAt, updatedBy: stored.updatedBy };
    const body: SummaryResponse = { locale, record, card, cardBytes: cardBytes(card), cardMaxBytes: SUMMARY_CARD_MAX_BYTES, post };
    sendJson(res, 200, body);
  });

  router.on("GET", "/api/meetings/:meetingId/record", async (req, res, params, url) => {
    const { ref } = await admit(deps, await authenticate(deps, req), params.meetingId, "meeting:read");
    const format = formatOf(url);
    const locale = localeOf(url);
    const record = await recordOf(deps, ref);
    const text = format === "md" ? summaryMarkdown(record, locale) : recordJson(record);
    // The file name is ours (a date), never the meeting id or a title: nothing typed reaches the header.
    const filename = `okr-meeting-${record.meeting.date}.${format}`;
    res.writeHead(200, {
      "content-type": format === "md" ? "text/markdown; charset=utf-8" : "application/json; charset=utf-8",
      "content-disposition": `attachment; filename="${filename}"`,
      "cache-control": "no-store",
      "content-length": Buffer.byteLength(text),
    });
    res.end(req.method === "HEAD" ? undefined : text);
  });
}
