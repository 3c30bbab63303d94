/** @module The panel's SIR API: the items on a meeting's list, commands on them, and the series' decision log. Same auth and role rules as the meeting API. */
import { createHash } from "node:crypto";
import { can } from "../../../shared/src/auth/capabilities.js";
import type { MeetingRef } from "../../../shared/src/meeting/state.js";
import type { SirCommand } from "../../../shared/src/sir/commands.js";
import { endsDiscussion } from "../../../shared/src/sir/discussion.js";
import { decisionLog, itemsForMeeting, itemsToCarryOver } from "../../../shared/src/sir/meeting-list.js";
import { DEFAULT_TIME_ZONE } from "../../../shared/src/kpi/model.js";
import { localDate } from "../../../shared/src/kpi/week.js";
import { DECISION_QUERY_MAX, DECISIONS_MAX, SirCommandRequest, type DecisionsResponse, type SirCommandResponse, type SirListResponse } from "../../../shared/src/wire/sir-protocol.js";
import { MAX_BODY_BYTES, type Viewer } from "../../../shared/src/wire/protocol.js";
import type { Hub } from "../realtime/hub.js";
import { meetingPartition } from "../storage/keys.js";
import type { MeetingStore } from "../storage/meeting-store.js";
import type { SirStore } from "../storage/sir-store.js";
import type { MeetingSeriesSource } from "../teams/meeting-series.js";
import { TeamsUnavailableError } from "../teams/roles.js";
import { admit, authenticate, formatIssues, type ApiDeps } from "./api.js";
import { HttpError, readJson, sendJson, type Router } from "./http.js";
import { limitsOf } from "./limits.js";

export interface SirApiDeps extends Pick<ApiDeps, "verify" | "roles" | "occurrences"> {
  readonly sir: SirStore;
  readonly series: MeetingSeriesSource;
  readonly now?: () => number;
  /** The meetings, so settling the item under discussion ends its discussion on every panel; absent = SIR only. */
  readonly meetings?: { readonly store: MeetingStore; readonly hub: Hub };
}

/**
 * The team's day (YYYY-MM-DD), which decides when an item prepared for a later meeting's day comes up. The method's
 * teams are Nordic: their day is Oslo's (Stockholm, Copenhagen: the same; Helsinki one hour on).
 */
export function teamToday(now: () => number = Date.now): string {
  const { year, month, day } = localDate(now(), DEFAULT_TIME_ZONE);
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

async function seriesOf(deps: SirApiDeps, ref: MeetingRef): Promise<string> {
  try {
    return await deps.series.seriesOf(ref);
  } catch (err) {
    if (err instanceof TeamsUnavailableError) throw new HttpError(503, "teamsUnavailable", `${err.message} Try again in a moment.`);
    throw err;
  }
}

const personOf = (viewer: Viewer) => ({ userId: viewer.userId, name: viewer.name || "Unknown" });

export function registerSirApi(router: Router, deps: SirApiDeps): void {
  const limits = limitsOf(router);
  router.on("GET", "/api/meetings/:meetingId/sir", async (req, res, params) => {
    const { ref } = await admit(deps, await authenticate(deps, req), params.meetingId, "meeting:read");
    const seriesId = await seriesOf(deps, ref);
    const body: SirListResponse = { seriesId, items: itemsForMeeting(await deps.sir.list(ref.tenantId, seriesId), ref.meetingId, teamToday(deps.now)) };
    sendJson(res, 200, body);
  });

  router.on("POST", "/api/meetings/:meetingId/sir/commands", async (req, res, params) => {
    const identity = await authenticate(deps, req);
    limits.command(identity);
    const parsed = SirCommandRequest.safeParse(await readJson(req, MAX_BODY_BYTES));
    if (!parsed.success) throw new HttpError(400, "invalidCommand", "The SIR command is not valid.", formatIssues(parsed.error));
    const command: SirCommand = parsed.data.command;
    const { ref, viewer } = await admit(deps, identity, params.meetingId, "sir:prepare");
    limits.meeting(ref);
    if ((command.type === "recordDecision" || command.type === "carryOverSir") && command.meetingId !== ref.meetingId) {
      throw new HttpError(400, "wrongMeeting", "A decision or carry-over from this panel must name this meeting.");
    }
    const seriesId = await seriesOf(deps, ref);
    const result = await deps.sir.execute(ref.tenantId, seriesId, command, { person: personOf(viewer), canHandle: can(viewer.role, "sir:handle") });
    if (!result.ok) throw new HttpError(result.error.code === "forbidden" || result.error.code === "notAuthor" ? 403 : 409, result.error.code, result.error.message);
    // Also on a retry (changed: false): an earlier attempt may have stored the item and failed before this step.
    if (command.type !== "createSir" && endsDiscussion(command.type)) await endDiscussion(deps, ref, command);
    const body: SirCommandResponse = { item: result.item, changed: result.changed };
    sendJson(res, 200, body);
  });

  router.on("GET", "/api/meetings/:meetingId/decisions", async (req, res, params, url) => {
    const { ref } = await admit(deps, await authenticate(deps, req), params.meetingId, "meeting:read");
    const q = url.searchParams.get("q") ?? "";
    if (q.length > DECISION_QUERY_MAX) throw new HttpError(400, "queryTooLong", `Search for at most ${DECISION_QUERY_MAX} characters.`);
    const seriesId = await seriesOf(deps, ref);
    const body: DecisionsResponse = { decisions: decisionLog(await deps.sir.list(ref.tenantId, seriesId), q, DECISIONS_MAX) };
    sendJson(res, 200, body);
  });
}

/** When a meeting ends, its open SIR items carry over to the series' next meeting (as the lead who ended it). */
export async function carryOverOnEnd(deps: Pick<SirApiDeps, "sir" | "series" | "now">, ref: MeetingRef, viewer: Viewer): Promise<void> {
  const seriesId = await deps.series.seriesOf(ref);
  const open = itemsToCarryOver(await deps.sir.list(ref.tenantId, seriesId), ref.meetingId, teamToday(deps.now));
  for (const item of open) {
    // One command id per (item, meeting): a repeated end is a retry, never a second carry-over.
    const id = `carry-${createHash("sha256").update(`${item.id}\n${ref.meetingId}`).digest("base64url").slice(0, 40)}`;
    await deps.sir.execute(ref.tenantId, seriesId, { id, type: "carryOverSir", itemId: item.id, meetingId: ref.meetingId }, { person: personOf(viewer), canHandle: true });
  }
}

/**
 * A settled item (resolved, carried over, information, withdrawn, deleted) is no longer discussed: if it is the
 * meeting's item under discussion, a meeting command ends that discussion, stored and broadcast like any other. Its
 * id comes from the SIR command's, so a retried SIR command never ends a later discussion of the same item.
 */
async function endDiscussion(deps: SirApiDeps, ref: MeetingRef, command: Extract<SirCommand, { itemId: string }>): Promise<void> {
  if (!deps.meetings) return;
  const { store, hub } = deps.meetings;
  if ((await store.get(ref)).focus?.itemId !== command.itemId) return;
  const id = `end-${createHash("sha256").update(`${command.id}\n${command.itemId}`).digest("base64url").slice(0, 40)}`;
  const result = await store.execute(ref, { id, type: "endSirDiscussion", itemId: command.itemId });
  if (result.ok && !result.duplicate && result.commit.events.length > 0) hub.publish(meetingPartition(ref), result.commit);
}
