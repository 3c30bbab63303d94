/**
 * @module A local stand-in for the Bot Connector (Teams' side of the bot), speaking its real REST
 * protocol: meeting participants with their roles, meeting info, conversation members, and sent
 * activities (kept so the local chat pane and tests can show them). Local mode only.
 */
import { randomUUID } from "node:crypto";
import { parseRole, type Role } from "../../../shared/src/auth/capabilities.js";
import type { MeetingRef } from "../../../shared/src/meeting/state.js";
import { HttpError, readJson, sendJson, type Router } from "../http/http.js";
import { LOCAL_ATTENDEES, LOCAL_CHAT_ID, LOCAL_MEETING_ID, LOCAL_NEXT_MEETING_ID, LOCAL_TENANT_ID, type LocalAttendee } from "./roster.js";

export const CONNECTOR_PREFIX = "/local/connector";

/** A team with its channels, as the Bot Connector's `GET /v3/teams/{id}` and `/conversations` answer. */
export interface LocalTeam {
  readonly id: string;
  readonly name: string;
  /** The General channel's id is the team's id and it has no name (as in Teams). */
  readonly channels: ReadonlyArray<{ readonly id: string; readonly name?: string }>;
}

/**
 * The local meeting is a channel meeting of this team: its chat is the team's "Weekly result meeting" channel, so the
 * configuration page offers the team's channels for the summary (the other channels are where it could go instead).
 */
export const LOCAL_TEAM: LocalTeam = {
  id: "19:local-okr-team@thread.tacv2",
  name: "OKR team (local)",
  channels: [
    { id: "19:local-okr-team@thread.tacv2" },
    { id: LOCAL_CHAT_ID, name: "Weekly result meeting" },
    { id: "19:local-okr-results@thread.tacv2", name: "Results" },
    { id: "19:local-okr-sales@thread.tacv2", name: "Sales" },
  ],
};

export interface SentActivity {
  readonly id: string;
  readonly conversationId: string;
  readonly replyToId?: string;
  readonly activity: Record<string, unknown>;
  readonly at: number;
}

const MAX_ACTIVITIES = 500;

const PERSONAL_PREFIX = "a:personal-";
/** The id of a user's 1:1 conversation with the bot in the stand-in. */
export const personalConversationId = (userId: string): string => `${PERSONAL_PREFIX}${userId}`;

export class ConnectorStub {
  /** Roles per meeting per user: Teams' truth in local mode. */
  private readonly roles = new Map<string, Map<string, Role>>();
  readonly activities: SentActivity[] = [];
  private readonly listeners = new Set<(activity: SentActivity) => void>();

  /** Every activity the bot sends or updates (and user messages recorded for the local chat pane). */
  onActivity(listener: (activity: SentActivity) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Adds an activity to the transcript (a local attendee's own message, which Teams would show). */
  record(activity: SentActivity): void {
    this.activities.push(activity);
    if (this.activities.length > MAX_ACTIVITIES) this.activities.splice(0, this.activities.length - MAX_ACTIVITIES);
    for (const l of this.listeners) l(activity);
  }

  /** The teams the bot is in (Teams answers 404 for any other): the local team, plus what tests add. */
  private readonly teams = new Map<string, LocalTeam>([[LOCAL_TEAM.id, LOCAL_TEAM]]);

  /** Puts the bot in another team (tests: a channel of another team must be refused). */
  addTeam(team: LocalTeam): void {
    this.teams.set(team.id, team);
  }

  /** By id: a meeting of a thousand attendees answers each participant look-up without a scan. */
  private readonly byId: ReadonlyMap<string, LocalAttendee>;

  constructor(readonly attendees: readonly LocalAttendee[] = LOCAL_ATTENDEES) {
    this.byId = new Map(attendees.map((a) => [a.userId, a]));
    for (const meetingId of [LOCAL_MEETING_ID, LOCAL_NEXT_MEETING_ID]) this.roles.set(meetingId, new Map(attendees.map((a) => [a.userId, a.role])));
  }

  /** Which chat (series) a meeting belongs to: the two local meetings share one; any other meeting has its own. */
  private readonly chats = new Map<string, string>([
    [LOCAL_MEETING_ID, LOCAL_CHAT_ID],
    [LOCAL_NEXT_MEETING_ID, LOCAL_CHAT_ID],
  ]);

  chatOf(meetingId: string): string {
    return this.chats.get(meetingId) ?? `19:meeting_${meetingId.replace(/[^A-Za-z0-9]/g, "").slice(0, 40)}@thread.v2`;
  }

  /** Makes a meeting an occurrence of the given chat's series (tests of carry-over). */
  setChat(meetingId: string, chatId: string): void {
    this.chats.set(meetingId, chatId);
  }

  attendee(userId: string): LocalAttendee | undefined {
    return this.byId.get(userId);
  }

  roleOf(meetingId: string, userId: string): Role | undefined {
    return this.roles.get(meetingId)?.get(userId);
  }

  setRole(meetingId: string, userId: string, role: Role): void {
    let m = this.roles.get(meetingId);
    if (!m) this.roles.set(meetingId, (m = new Map()));
    const before = m.get(userId);
    m.set(userId, role);
    if (before !== role) for (const l of this.roleListeners) l({ tenantId: LOCAL_TENANT_ID, meetingId }, userId, role);
  }

  private readonly roleListeners = new Set<(ref: MeetingRef, userId: string, role: Role) => void>();

  /** A role changed in the simulated Teams (the local page's switch): the service takes it at once (see teams/roles.ts). */
  onRoleChange(listener: (ref: MeetingRef, userId: string, role: Role) => void): () => void {
    this.roleListeners.add(listener);
    return () => this.roleListeners.delete(listener);
  }

  /** The user leaves the meeting: Teams no longer knows them as a participant. */
  removeParticipant(meetingId: string, userId: string): void {
    this.roles.get(meetingId)?.delete(userId);
  }

  register(router: Router): void {
    const p = CONNECTOR_PREFIX;
    router.on("GET", `${p}/v1/meetings/:meetingId/participants/:userId`, (_req, res, params, url) => {
      const role = this.roleOf(params.meetingId ?? "", params.userId ?? "");
      const tenantId = url.searchParams.get("tenantId");
      if (!role || (tenantId && tenantId !== LOCAL_TENANT_ID)) {
        sendJson(res, 404, { error: { code: "NotFound", message: "The user is not a participant of this meeting." } });
        return;
      }
      const a = this.byId.get(params.userId ?? "");
      sendJson(res, 200, {
        user: { id: `29:${params.userId}`, aadObjectId: params.userId, name: a?.name ?? "Guest", userPrincipalName: a?.upn, tenantId: LOCAL_TENANT_ID, userRole: "user" },
        meeting: { role, inMeeting: true },
        conversation: { id: LOCAL_CHAT_ID, isGroup: true, conversationType: "groupChat" },
      });
    });
    router.on("GET", `${p}/v1/meetings/:meetingId`, (_req, res, params) => {
      if (!this.roles.has(params.meetingId ?? "")) {
        sendJson(res, 404, { error: { code: "NotFound", message: "No such meeting." } });
        return;
      }
      sendJson(res, 200, {
        details: { id: params.meetingId, msGraphResourceId: "", scheduledStartTime: null, scheduledEndTime: null, joinUrl: "", title: "Weekly OKR result meeting", type: "Recurring" },
        conversation: { id: this.chatOf(params.meetingId ?? ""), isGroup: true, conversationType: "groupChat" },
        organizer: { id: `29:${this.attendees[0]?.userId ?? ""}`, aadObjectId: this.attendees[0]?.userId, tenantId: LOCAL_TENANT_ID },
      });
    });
    router.on("GET", `${p}/v3/teams/:teamId`, (_req, res, params) => {
      const team = this.teams.get(params.teamId ?? "");
      if (!team) {
        sendJson(res, 404, { error: { code: "NotFound", message: "The bot is not in this team." } });
        return;
      }
      sendJson(res, 200, { id: team.id, name: team.name, aadGroupId: `00000000-0000-4000-8000-${encodeURIComponent(team.id).length.toString().padStart(12, "0")}` });
    });
    router.on("GET", `${p}/v3/teams/:teamId/conversations`, (_req, res, params) => {
      const team = this.teams.get(params.teamId ?? "");
      if (!team) {
        sendJson(res, 404, { error: { code: "NotFound", message: "The bot is not in this team." } });
        return;
      }
      sendJson(res, 200, { conversations: team.channels.map((c) => ({ id: c.id, ...(c.name ? { name: c.name } : {}) })) });
    });
    // The meeting chat's members: the local roster (Teams pages them; one page holds them all here).
    router.on("GET", `${p}/v3/conversations/:conversationId/pagedmembers`, (_req, res) => {
      sendJson(res, 200, {
        members: this.attendees.map((a) => ({ id: `29:${a.userId}`, aadObjectId: a.userId, name: a.name, userPrincipalName: a.upn, tenantId: LOCAL_TENANT_ID, userRole: "user" })),
      });
    });
    router.on("GET", `${p}/v3/conversations/:conversationId/members/:userId`, (_req, res, params) => {
      const id = (params.userId ?? "").replace(/^29:/, "");
      const a = this.byId.get(id);
      if (!a) {
        sendJson(res, 404, { error: { code: "MemberNotFoundInConversation", message: "Not a member." } });
        return;
      }
      sendJson(res, 200, { id: `29:${a.userId}`, aadObjectId: a.userId, name: a.name, userPrincipalName: a.upn, tenantId: LOCAL_TENANT_ID });
    });
    const post = async (req: Parameters<Parameters<Router["on"]>[2]>[0], res: Parameters<Parameters<Router["on"]>[2]>[1], params: Readonly<Record<string, string>>) => {
      const body = await readJson(req, 256 * 1024);
      if (typeof body !== "object" || body === null) throw new HttpError(400, "badActivity", "An activity must be a JSON object.");
      const personalUser = this.personalUserOf(params.conversationId ?? "");
      if (personalUser && this.refuseUser(res, personalUser)) return;
      const id = randomUUID();
      this.record({ id, conversationId: params.conversationId ?? "", ...(params.replyToId ? { replyToId: params.replyToId } : {}), activity: body as Record<string, unknown>, at: Date.now() });
      sendJson(res, 200, { id });
    };
    // Teams' "create conversation in a channel" (a new post; TeamsInfo.sendMessageToTeamsChannel sends this): the channel
    // must be in a team the bot is in (else 403, as Teams); the new conversation is the post's thread, `<channel>;messageid=<id>`.
    router.on("POST", `${p}/v3/conversations`, async (req, res) => {
      const body = await readJson(req, 256 * 1024);
      const b = (typeof body === "object" && body !== null ? body : {}) as { channelData?: { channel?: { id?: unknown } }; activity?: unknown; members?: unknown; isGroup?: unknown };
      const channelId = b.channelData?.channel?.id;
      // Teams' "create a 1:1 conversation" (createConversationAsync with one member): the bot's personal chat with the user.
      if (channelId === undefined && Array.isArray(b.members) && b.members.length === 1 && b.isGroup !== true) {
        const member = b.members[0] as { id?: unknown } | undefined;
        const userId = typeof member?.id === "string" ? member.id.replace(/^(29|8:orgid):/, "") : "";
        if (!userId) throw new HttpError(400, "BadArgument", "members[0].id is required.");
        if (this.refuseUser(res, userId)) return;
        const conversationId = personalConversationId(userId);
        this.personalUsers.set(conversationId, userId);
        sendJson(res, 201, { id: conversationId });
        return;
      }
      if (typeof channelId !== "string" || typeof b.activity !== "object" || b.activity === null) throw new HttpError(400, "BadArgument", "channelData.channel.id and activity are required.");
      if (this.refuse(res)) return;
      if (![...this.teams.values()].some((t) => t.channels.some((c) => c.id === channelId))) {
        sendJson(res, 403, { error: { code: "BotNotInConversationRoster", message: "The bot is not part of the conversation roster." } });
        return;
      }
      const id = randomUUID();
      const conversationId = `${channelId};messageid=${id}`;
      this.record({ id, conversationId, activity: { ...(b.activity as Record<string, unknown>), channelId: "msteams", conversation: { id: conversationId } }, at: Date.now() });
      sendJson(res, 201, { id: conversationId, activityId: id, serviceUrl: "" });
    });
    router.on("POST", `${p}/v3/conversations/:conversationId/activities`, post);
    router.on("POST", `${p}/v3/conversations/:conversationId/activities/:replyToId`, post);
    router.on("PUT", `${p}/v3/conversations/:conversationId/activities/:activityId`, async (req, res, params) => {
      const body = await readJson(req, 256 * 1024);
      if (this.refuse(res)) return;
      const found = this.activities.find((a) => a.id === params.activityId);
      if (!found) throw new HttpError(404, "notFound", "No such activity.");
      Object.assign(found.activity, body as Record<string, unknown>);
      for (const l of this.listeners) l(found);
      sendJson(res, 200, { id: found.id });
    });
  }

  private refusal: { readonly status: number; readonly retryAfterSeconds?: number } | null = null;

  /**
   * Tests: Teams refuses every channel post and update with this status until called with null (403 bot removed, 429
   * with Retry-After, 500). Every try, because botbuilder's client retries 429 and 5xx by itself.
   */
  refusePosts(status: number | null, retryAfterSeconds?: number): void {
    this.refusal = status === null ? null : { status, ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }) };
  }

  private refuse(res: Parameters<Parameters<Router["on"]>[2]>[1]): boolean {
    const next = this.refusal;
    if (!next) return false;
    sendJson(res, next.status, { error: { code: next.status === 429 ? "TooManyRequests" : "Forbidden", message: "Refused by the test." } }, next.retryAfterSeconds === undefined ? {} : { "retry-after": String(next.retryAfterSeconds) });
    return true;
  }

  /** 1:1 conversations the bot created, by id: whose they are. */
  private readonly personalUsers = new Map<string, string>();
  private readonly userRefusals = new Map<string, { readonly status: number; readonly retryAfterSeconds?: number }>();
  /** How many requests were refused per user (tests: the bot backed off instead of hammering). */
  readonly refusedFor = new Map<string, number>();

  /**
   * Tests: Teams refuses every 1:1 message to (and 1:1 conversation with) this user with `status` until called with
   * null: 403 (the app is not installed for them, or they left), 404, 429 with Retry-After.
   */
  refuseUserMessages(userId: string, status: number | null, retryAfterSeconds?: number): void {
    if (status === null) this.userRefusals.delete(userId);
    else this.userRefusals.set(userId, { status, ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }) });
  }

  /** The user of a 1:1 conversation: one the bot created, or the `a:personal-<user>` ids the local chat and tests use. */
  personalUserOf(conversationId: string): string | null {
    return this.personalUsers.get(conversationId) ?? (conversationId.startsWith(PERSONAL_PREFIX) ? conversationId.slice(PERSONAL_PREFIX.length) : null);
  }

  /** Every message the bot sent to the user in their 1:1 chat, oldest first. */
  personalMessages(userId: string): SentActivity[] {
    return this.activities.filter((a) => this.personalUserOf(a.conversationId) === userId);
  }

  private refuseUser(res: Parameters<Parameters<Router["on"]>[2]>[1], userId: string): boolean {
    const refusal = this.userRefusals.get(userId);
    if (!refusal) return false;
    this.refusedFor.set(userId, (this.refusedFor.get(userId) ?? 0) + 1);
    const code = refusal.status === 429 ? "TooManyRequests" : refusal.status === 404 ? "ConversationNotFound" : "Forbidden";
    sendJson(res, refusal.status, { error: { code, message: refusal.status === 403 ? "The bot is not installed for this user." : "Refused by the test." } }, refusal.retryAfterSeconds === undefined ? {} : { "retry-after": String(refusal.retryAfterSeconds) });
    return true;
  }

  /** For the local page: change a role as an organizer would in Teams. */
  setRoleFromBody(body: unknown): void {
    const b = (body ?? {}) as { userId?: unknown; role?: unknown; meetingId?: unknown };
    if (typeof b.userId !== "string" || !this.byId.has(b.userId)) throw new HttpError(400, "unknownUser", "userId must be one of the local attendees.");
    if (typeof b.role !== "string" || parseRole(b.role).toLowerCase() !== b.role.toLowerCase()) throw new HttpError(400, "badRole", "role must be Organizer, Presenter or Attendee.");
    this.setRole(typeof b.meetingId === "string" ? b.meetingId : LOCAL_MEETING_ID, b.userId, parseRole(b.role));
  }
}
