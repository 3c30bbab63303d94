/**
 * @module The meeting set-up API behind the configuration page (Teams' `configurationUrl`): the meeting's team and
 * its channels, and the lead's saved choice of agenda template and summary channel. Identity from the verified
 * token, role from Teams, the team's channels from Teams; a channel is accepted only from the meeting's own team.
 *
 * - `GET /api/meetings/:id/setup?team=<team id>` (any participant): the saved set-up, the agenda's template now,
 *   the team with its channels (or why there is none), and whether the caller may save.
 * - `PUT /api/meetings/:id/setup` `{id, templateId, teamId, channelId}` (organizer or presenter): applies the
 *   template through the same `applyTemplate` command the agenda editor sends, then stores the set-up.
 */
import { can } from "../../../shared/src/auth/capabilities.js";
import type { MeetingCommand } from "../../../shared/src/meeting/commands.js";
import type { MeetingRef } from "../../../shared/src/meeting/state.js";
import {
  MAX_SETUP_BODY_BYTES,
  SaveSetupRequest,
  TeamsConversationId,
  type SaveSetupResponse,
  type SetupResponse,
  type SetupTeam,
  type SummaryChannel,
} from "../../../shared/src/wire/setup-protocol.js";
import type { TokenVerifier } from "../auth/verify-token.js";
import type { Hub } from "../realtime/hub.js";
import { meetingPartition } from "../storage/keys.js";
import type { MeetingStore } from "../storage/meeting-store.js";
import type { SetupStore } from "../storage/setup-store.js";
import type { MeetingSeriesSource } from "../teams/meeting-series.js";
import { TeamsUnavailableError, type RoleSource } from "../teams/roles.js";
import type { TeamChannels } from "../teams/teams-edge.js";
import type { OccurrenceSource } from "../storage/occurrence-store.js";
import { admit, authenticate, formatIssues } from "./api.js";
import { HttpError, readJson, sendJson, type Router } from "./http.js";
import { limitsOf } from "./limits.js";

export type ChannelFetcher = (ref: MeetingRef, teamId: string) => Promise<TeamChannels | null>;

export interface SetupApiDeps {
  readonly verify: TokenVerifier;
  readonly roles: RoleSource;
  readonly occurrences: OccurrenceSource | null;
  readonly store: MeetingStore;
  readonly hub: Hub;
  readonly setup: SetupStore;
  readonly series: MeetingSeriesSource;
  /** The team's name and channels from Teams; null when Teams refuses (the bot is not in the team). */
  readonly channels: ChannelFetcher;
}

const CHANNELS_TTL_MS = 60_000;
const CHANNELS_CACHED = 5_000;

/**
 * A team's channels for a minute per instance: the page asks on open and again on save. Neither failures nor Teams'
 * refusal are kept: a lead told to add the app to the team must see its channels as soon as they open the page again.
 */
export function cachedChannels(fetch: ChannelFetcher, now: () => number = Date.now): ChannelFetcher {
  const cache = new Map<string, { at: number; team: TeamChannels }>();
  return async (ref, teamId) => {
    const key = `${ref.tenantId}\n${teamId}`;
    const hit = cache.get(key);
    if (hit && now() - hit.at < CHANNELS_TTL_MS) return hit.team;
    const team = await fetch(ref, teamId);
    if (!team) return null;
    if (cache.size >= CHANNELS_CACHED) cache.clear();
    cache.set(key, { at: now(), team });
    return team;
  };
}

const teamsUnavailable = (err: TeamsUnavailableError) => new HttpError(503, "teamsUnavailable", `${err.message} Try again in a moment.`, undefined, 5);

/** The meeting's team as Teams knows it: a team whose channels include the meeting's chat (a channel meeting). */
async function resolveTeam(deps: SetupApiDeps, ref: MeetingRef, teamId: string | null): Promise<SetupTeam> {
  if (teamId === null) return { kind: "none", problem: "noTeam" };
  try {
    const team = await deps.channels(ref, teamId);
    if (!team) return { kind: "none", problem: "botNotInTeam" };
    // The team id comes from the client's Teams context; what makes it the meeting's team is Teams' own answer.
    const seriesId = await deps.series.seriesOf(ref);
    if (!team.channels.some((c) => c.id === seriesId)) return { kind: "none", problem: "notMeetingTeam" };
    return { kind: "team", id: teamId, name: team.name, channels: team.channels };
  } catch (err) {
    if (err instanceof TeamsUnavailableError) throw teamsUnavailable(err);
    throw err;
  }
}

async function seriesOf(deps: SetupApiDeps, ref: MeetingRef): Promise<string> {
  try {
    return await deps.series.seriesOf(ref);
  } catch (err) {
    if (err instanceof TeamsUnavailableError) throw teamsUnavailable(err);
    throw err;
  }
}

function parseTeamParam(raw: string | null): string | null {
  if (raw === null || raw === "") return null;
  const parsed = TeamsConversationId.safeParse(raw);
  if (!parsed.success) throw new HttpError(400, "badTeamId", `'team' ${formatIssues(parsed.error).map((i) => i.replace(/^body: /, "")).join("; ")}.`);
  return parsed.data;
}

export function registerSetupApi(router: Router, deps: SetupApiDeps): void {
  const limits = limitsOf(router);

  router.on("GET", "/api/meetings/:meetingId/setup", async (req, res, params, url) => {
    const identity = await authenticate(deps, req);
    const teamId = parseTeamParam(url.searchParams.get("team"));
    const { ref, viewer } = await admit(deps, identity, params.meetingId, "meeting:read");
    const [team, effective, meeting] = await Promise.all([resolveTeam(deps, ref, teamId), seriesOf(deps, ref).then((seriesId) => deps.setup.effective(ref, seriesId)), deps.store.get(ref)]);
    const body: SetupResponse = {
      setup: effective?.setup ?? null,
      inheritedFrom: effective?.inheritedFrom ?? null,
      currentTemplateId: meeting.templateId,
      team,
      canSave: can(viewer.role, "meeting:setup"),
    };
    sendJson(res, 200, body);
  });

  router.on("PUT", "/api/meetings/:meetingId/setup", async (req, res, params) => {
    const identity = await authenticate(deps, req);
    limits.command(identity);
    const parsed = SaveSetupRequest.safeParse(await readJson(req, MAX_SETUP_BODY_BYTES));
    if (!parsed.success) throw new HttpError(400, "invalidSetup", "The set-up is not valid.", formatIssues(parsed.error));
    const request = parsed.data;
    const { ref, viewer } = await admit(deps, identity, params.meetingId, "meeting:read");
    if (!can(viewer.role, "meeting:setup")) throw new HttpError(403, "forbidden", "Only the meeting's organizer or a presenter can save its set-up. Ask them to add the app.");
    limits.meeting(ref);
    if (request.channelId !== null && request.teamId === null) throw new HttpError(400, "channelWithoutTeam", "A summary channel needs the team it belongs to ('teamId').");

    // Everything is checked before anything is written: a refused save changes nothing.
    let channel: SummaryChannel | null = null;
    if (request.teamId !== null) {
      const team = await resolveTeam(deps, ref, request.teamId);
      if (team.kind === "none" && team.problem === "notMeetingTeam") throw new HttpError(403, "otherTeam", "That team is not the meeting's team: the summary can only go to a channel of the team this meeting belongs to.");
      if (request.channelId !== null) {
        if (team.kind === "none") throw new HttpError(409, "botNotInTeam", "The app is not in this meeting's team, so its channels cannot be used. Add the app to the team, then choose the channel again (or save without a channel).");
        const found = team.channels.find((c) => c.id === request.channelId);
        if (!found) throw new HttpError(403, "channelNotInTeam", "That channel is not in the meeting's team. Choose one of the team's channels.");
        channel = { teamId: team.id, teamName: team.name, channelId: found.id, channelName: found.name };
      }
    }

    // The template is applied exactly as the agenda editor's "choose template" does: the same command, decided by
    // the domain, stored with the save's id (a retry is a duplicate) and broadcast to the open panels. A template the
    // agenda already has is not applied again, so re-saving only the channel keeps an edited agenda.
    const meeting = await deps.store.get(ref);
    let version = meeting.version;
    if (meeting.templateId !== request.templateId) {
      const command: MeetingCommand = { id: request.id, type: "applyTemplate", templateId: request.templateId };
      const result = await deps.store.execute(ref, command);
      if (!result.ok) throw new HttpError(409, result.error.code, result.error.message);
      if (!result.duplicate && result.commit.events.length > 0) deps.hub.publish(meetingPartition(ref), result.commit);
      version = result.commit.version;
    }
    const saved = await deps.setup.save(ref, await seriesOf(deps, ref), request.id, { templateId: request.templateId, channel, savedBy: { userId: viewer.userId, name: viewer.name } });
    const body: SaveSetupResponse = { setup: saved.setup, version, duplicate: saved.duplicate };
    sendJson(res, 200, body);
  });
}
