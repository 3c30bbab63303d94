/** @module The panel's API: snapshot, commands and the real-time stream of a meeting, plus the server clock. Identity from the verified token, role from Teams. */
import type { IncomingMessage } from "node:http";
import type { z } from "zod";
import { can, capabilitiesOf, COMMAND_CAPABILITY, type Capability } from "../../../shared/src/auth/capabilities.js";
import { CommandId } from "../../../shared/src/meeting/commands.js";
import { parseOccurrence, teamsMeetingRef } from "../../../shared/src/meeting/occurrence.js";
import type { MeetingRef } from "../../../shared/src/meeting/state.js";
import {
  CommandRequest,
  MAX_BODY_BYTES,
  MeetingIdParam,
  PROTOCOL_VERSION,
  type Commit,
  type CommandResponse,
  type Head,
  type SnapshotResponse,
  type TimeResponse,
  type Viewer,
} from "../../../shared/src/wire/protocol.js";
import { AuthError, type Identity, type TokenVerifier } from "../auth/verify-token.js";
import type { Hub } from "../realtime/hub.js";
import { CoalescedReads } from "../realtime/coalesce.js";
import { openStream } from "../realtime/sse.js";
import { meetingPartition } from "../storage/keys.js";
import type { MeetingSnapshot, MeetingStore } from "../storage/meeting-store.js";
import { UnknownOccurrenceError, type OccurrenceSource } from "../storage/occurrence-store.js";
import { TeamsUnavailableError, type RoleSource } from "../teams/roles.js";
import { HttpError, readJson, sendJson, type Router } from "./http.js";
import { limitsOf } from "./limits.js";

export interface ApiDeps {
  readonly store: MeetingStore;
  readonly hub: Hub;
  readonly verify: TokenVerifier;
  readonly roles: RoleSource;
  /** Which occurrence of a (recurring) Teams meeting a request is about; null = every meeting id is its own occurrence. */
  readonly occurrences: OccurrenceSource | null;
  readonly now: () => number;
  /** The streams' heartbeat (default HEARTBEAT_MS; tests shorten it). */
  readonly heartbeatMs?: number;
  /** The hub key of the meeting's series, so its stream also carries SIR item changes; absent = meeting only. */
  readonly seriesKeyOf?: (ref: MeetingRef) => Promise<string>;
  /** Runs after a commit is stored and broadcast (e.g. carry-over when the meeting ends); its failure does not undo the command. */
  readonly onCommitted?: (ref: MeetingRef, commit: Commit, viewer: Viewer) => Promise<void>;
}

export function formatIssues(error: z.ZodError): string[] {
  return error.issues.map((i) => `${i.path.length ? i.path.join(".") : "body"}: ${i.message}`);
}

export async function authenticate(deps: Pick<ApiDeps, "verify">, req: IncomingMessage): Promise<Identity> {
  try {
    return await deps.verify(req.headers.authorization);
  } catch (err) {
    if (err instanceof AuthError) throw new HttpError(401, "unauthenticated", err.message);
    throw err;
  }
}

async function viewerFor(deps: Pick<ApiDeps, "roles">, ref: MeetingRef, identity: Identity): Promise<Viewer | null> {
  let role;
  try {
    role = await deps.roles.roleOf(ref, identity.userId);
  } catch (err) {
    if (err instanceof TeamsUnavailableError) throw new HttpError(503, "teamsUnavailable", `${err.message} Try again in a moment.`);
    throw err;
  }
  if (!role) return null;
  return { userId: identity.userId, tenantId: identity.tenantId, name: identity.name, role, capabilities: capabilitiesOf(role) };
}

/**
 * Authenticates, then checks the caller is a participant of the meeting with the capability. The meeting is the
 * occurrence the request is about: Teams' id names the current occurrence of a recurring meeting, `<id>~<n>` a
 * past one (the history's records).
 */
export async function admit(deps: Pick<ApiDeps, "roles" | "occurrences">, identity: Identity, rawMeetingId: string | undefined, capability: Capability) {
  const parsed = MeetingIdParam.safeParse(rawMeetingId);
  if (!parsed.success) throw new HttpError(400, "badMeetingId", `The meeting id ${formatIssues(parsed.error).join("; ")}.`);
  // The tenant comes from the token, never from the request: a meeting id from another tenant is another meeting.
  const named: MeetingRef = { tenantId: identity.tenantId, meetingId: parsed.data };
  // Roles are Teams' (asked with Teams' id), so a non-participant learns nothing and moves no occurrence on.
  const viewer = await viewerFor(deps, named, identity);
  if (!viewer) throw new HttpError(403, "notParticipant", "You are not a participant of this meeting, so you cannot see its agenda.");
  if (!can(viewer.role, capability)) throw new HttpError(403, "forbidden", "Only the organizer or a presenter can run the agenda and the timer.");
  let ref = named;
  if (deps.occurrences) {
    try {
      ref = await deps.occurrences.current(named);
    } catch (err) {
      if (err instanceof UnknownOccurrenceError) throw new HttpError(404, "unknownOccurrence", `${err.message} Open the meeting from its chat or the history.`);
      throw err;
    }
  }
  return { ref, viewer };
}

export function registerApi(router: Router, deps: ApiDeps): void {
  const limits = limitsOf(router);
  // Panels opening a meeting at the same moment share one read of it (and one serialised snapshot frame).
  const streamReads = new CoalescedReads<MeetingSnapshot>();
  router.on("GET", "/api/time", (_req, res) => {
    const body: TimeResponse = { serverTime: deps.now() };
    sendJson(res, 200, body);
  });

  router.on("GET", "/api/meetings/:meetingId", async (req, res, params) => {
    const { ref, viewer } = await admit(deps, await authenticate(deps, req), params.meetingId, "meeting:read");
    const { state: meeting, head } = await deps.store.snapshot(ref);
    const body: SnapshotResponse = { protocol: PROTOCOL_VERSION, meeting, head, viewer, serverTime: deps.now() };
    sendJson(res, 200, body);
  });

  router.on("POST", "/api/meetings/:meetingId/commands", async (req, res, params) => {
    const identity = await authenticate(deps, req);
    limits.command(identity);
    const body = await readJson(req, MAX_BODY_BYTES);
    const parsed = CommandRequest.safeParse(body);
    if (!parsed.success) throw new HttpError(400, "invalidCommand", "The command is not valid.", formatIssues(parsed.error));
    const command = parsed.data.command;
    const { ref, viewer } = await admit(deps, identity, params.meetingId, COMMAND_CAPABILITY[command.type]);
    limits.meeting(ref);
    const result = await deps.store.execute(ref, command);
    if (!result.ok) throw new HttpError(409, result.error.code, result.error.message);
    if (!result.duplicate && result.commit.events.length > 0) {
      deps.hub.publish(meetingPartition(ref), result.commit);
      await deps.onCommitted?.(ref, result.commit, viewer).catch((err: unknown) => console.error("after-commit work failed", err));
    }
    const reply: CommandResponse = { version: result.commit.version, duplicate: result.duplicate, serverTime: deps.now() };
    sendJson(res, 200, reply);
  });

  router.on("GET", "/api/meetings/:meetingId/stream", async (req, res, params, url) => {
    const identity = await authenticate(deps, req);
    const { ref, viewer } = await admit(deps, identity, params.meetingId, "meeting:read");
    // Counted until the response closes, however the stream ends (client gone, dropped as too slow, service closing).
    res.once("close", limits.openStream(identity));
    const since = parseSince(url.searchParams.get("since") ?? headerValue(req.headers["last-event-id"]));
    const head = parseHead(url.searchParams.get("head"));
    // A series that cannot be found now (Teams briefly unreachable) costs only the SIR updates; the agenda still streams.
    const seriesKey = await deps.seriesKeyOf?.(ref).catch(() => undefined);
    // Opened with Teams' id (not a named occurrence): the panel follows the meeting on to its next occurrence.
    const occurrences = deps.occurrences;
    const teams = teamsMeetingRef(ref);
    const following = occurrences && !parseOccurrence(params.meetingId ?? "").named ? occurrences : null;
    await openStream(req, res, {
      ...(following
        ? { occurrence: { key: meetingPartition(teams), n: parseOccurrence(ref.meetingId).n, current: () => following.number(teams), seen: (n: number) => following.seen(teams, n) } }
        : {}),
      meetingKey: meetingPartition(ref),
      ...(seriesKey ? { seriesKey } : {}),
      since,
      head,
      hub: deps.hub,
      viewer,
      now: deps.now,
      ...(deps.heartbeatMs ? { heartbeatMs: deps.heartbeatMs } : {}),
      load: () => streamReads.read(meetingPartition(ref), () => deps.store.snapshot(ref)),
      refreshViewer: () => viewerFor(deps, ref, identity),
      ...(deps.roles.watch ? { watchViewer: (changed: () => void) => deps.roles.watch?.(ref, identity.userId, changed) ?? (() => undefined) } : {}),
    });
  });
}

function headerValue(v: string | string[] | undefined): string | null {
  return Array.isArray(v) ? (v[0] ?? null) : (v ?? null);
}

/** `head=<command id>`, `head=` for version 0 (no command yet); absent = not said (the stream then sends a snapshot). */
function parseHead(raw: string | null): Head | undefined {
  if (raw === null) return undefined;
  if (raw === "") return null;
  if (!CommandId.safeParse(raw).success) throw new HttpError(400, "badHead", "'head' must be the command id that made the panel's version (or empty for version 0).");
  return raw;
}

function parseSince(raw: string | null): number | null {
  if (raw === null || raw === "") return null;
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < 0) throw new HttpError(400, "badSince", "'since' must be a version number (a whole number ≥ 0).");
  return n;
}
