/**
 * @module The botbuilder edge: the only file (with bot.ts) that knows botbuilder. botbuilder's
 * support ended on 2025-12-31; moving to the Teams SDK or the Microsoft 365 Agents SDK touches only here.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  TeamsInfo,
  type Activity,
  type ActivityHandler,
  type ConversationReference,
  type TurnContext,
} from "botbuilder";
import { AuthenticationConstants, ClaimsIdentity, TeamsConnectorClient } from "botframework-connector";
import { parseRole, type Role } from "../../../shared/src/auth/capabilities.js";
import type { MeetingRef } from "../../../shared/src/meeting/state.js";
import type { Person } from "../../../shared/src/sir/item.js";
import type { Config } from "../config.js";
import type { ConversationStore } from "../storage/conversation-store.js";
import { HttpError, readJson } from "../http/http.js";
import { envelopeProblem } from "./activity-shape.js";
import { TeamsUnavailableError } from "./roles.js";

const MAX_ACTIVITY_BYTES = 256 * 1024;
/**
 * Card submissions may carry whatever a client typed (an input's maxLength is only a hint), and the user
 * must get the form back with the error rather than a failed request: invokes may be larger, up to this.
 */
const MAX_INVOKE_BYTES = 2 * 1024 * 1024;
/** Real activities nest a few levels (a card's data inside an invoke's value); far deeper is only ever hostile. */
const MAX_ACTIVITY_DEPTH = 64;
/** A panel waits for its role; better a clear 503 after a few seconds than a hang. */
const ROLE_TIMEOUT_MS = 5000;

/** Each adapter's Bot Framework authentication, so the edge can refuse a request before botbuilder logs it. */
const authentications = new WeakMap<CloudAdapter, ConfigurationBotFrameworkAuthentication>();

/** True when `value` nests deeper than `max` (walked without recursion, so no body can overflow the stack). */
export function nestsDeeperThan(value: unknown, max: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]];
  for (let next = stack.pop(); next; next = stack.pop()) {
    const [node, depth] = next;
    if (typeof node !== "object" || node === null) continue;
    if (depth >= max) return true;
    for (const child of Array.isArray(node) ? node : Object.values(node)) stack.push([child, depth + 1]);
  }
  return false;
}

/** botbuilder's authentication refusals carry a 401/403 `statusCode`; anything else (e.g. Entra unreachable) is ours to report. */
const isAuthRefusal = (err: unknown): boolean => typeof err === "object" && err !== null && "statusCode" in err && (err.statusCode === 401 || err.statusCode === 403);

export function createAdapter(config: Config): CloudAdapter {
  const auth = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: config.bot.appId,
    MicrosoftAppPassword: config.bot.appPassword,
    MicrosoftAppType: config.bot.appType,
    MicrosoftAppTenantId: config.bot.tenantId,
  });
  const adapter = new CloudAdapter(auth);
  authentications.set(adapter, auth);
  adapter.onTurnError = async (context, error) => {
    console.error("bot turn failed", error);
    await context.sendActivity("Sorry, something went wrong on our side. Please try again in a moment.");
  };
  return adapter;
}

/**
 * Runs one Bot Framework request through the adapter. Everything a caller without a valid Bot Framework token can
 * send is refused here, before botbuilder sees it: botbuilder checks the activity's shape outside its own error
 * handling (a 500) and logs every failed authentication (a log line per hostile request).
 */
export async function processBotRequest(adapter: CloudAdapter, bot: ActivityHandler, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = await readJson(req, MAX_INVOKE_BYTES);
  const notActivity = () => new HttpError(400, "badActivity", "The body must be a Bot Framework activity object with a 'type'.");
  if (typeof body !== "object" || body === null || Array.isArray(body)) throw notActivity();
  if (nestsDeeperThan(body, MAX_ACTIVITY_DEPTH)) throw new HttpError(400, "badActivity", `The activity nests deeper than ${MAX_ACTIVITY_DEPTH} levels.`);
  const type: unknown = (body as { type?: unknown }).type;
  if (typeof type !== "string" || type === "") throw notActivity();
  const problem = envelopeProblem(body);
  if (problem) throw new HttpError(400, "badActivity", `The activity is not well-formed: ${problem}.`);
  if (type !== "invoke" && Buffer.byteLength(JSON.stringify(body)) > MAX_ACTIVITY_BYTES) {
    throw new HttpError(413, "bodyTooLarge", `An activity other than an invoke may be at most ${MAX_ACTIVITY_BYTES} bytes.`);
  }
  const auth = authentications.get(adapter);
  if (auth) {
    try {
      // The adapter verifies again (from its cache); this answer only keeps hostile requests out of its logs.
      await auth.authenticateRequest(structuredClone(body) as Activity, headerValue(req.headers.authorization));
    } catch (err) {
      if (isAuthRefusal(err)) throw new HttpError(401, "unauthenticated", "The request does not carry a valid Bot Framework token.");
      throw err;
    }
  }
  let status = 200;
  const shim = {
    socket: req.socket,
    status(code: number) {
      status = code;
      return shim;
    },
    header(name: string, value: unknown) {
      res.setHeader(name, String(value));
      return shim;
    },
    send(payload?: unknown) {
      if (payload === undefined) {
        res.writeHead(status).end();
      } else if (typeof payload === "string" || Buffer.isBuffer(payload)) {
        res.writeHead(status).end(payload);
      } else {
        res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(payload));
      }
      return shim;
    },
    end() {
      if (!res.writableEnded) res.writeHead(status).end();
      return shim;
    },
  };
  await adapter.process({ body: body as Record<string, unknown>, headers: req.headers, method: req.method ?? "POST" }, shim, (context) => bot.run(context));
}

const headerValue = (v: string | string[] | undefined): string => (Array.isArray(v) ? (v[0] ?? "") : (v ?? ""));

/** The Bot Connector endpoint of a meeting's conversation: the one Teams gave us, else the configured default. */
async function serviceUrlOf(conversations: ConversationStore, ref: MeetingRef, defaultServiceUrl: () => string | null, what: string) {
  const known = await conversations.forMeetingLookup(ref.tenantId, ref.meetingId);
  const serviceUrl = known?.serviceUrl ?? defaultServiceUrl();
  if (!serviceUrl) throw new TeamsUnavailableError(`The bot has not been added to this meeting yet, so Teams cannot tell us ${what}. Add the app to the meeting chat.`);
  return { serviceUrl, known };
}

/**
 * Teams' answer: null when Teams says 404/403 (not there, not a participant); a TeamsUnavailableError when the call
 * fails otherwise or takes over 5 s.
 */
async function answerOf<T>(what: string, run: () => Promise<T>): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TeamsUnavailableError(`Teams did not tell us ${what} within ${ROLE_TIMEOUT_MS / 1000} s.`)), ROLE_TIMEOUT_MS);
  });
  try {
    return await Promise.race([run(), timeout]);
  } catch (failure) {
    if (failure instanceof TeamsUnavailableError) throw failure;
    const status = typeof failure === "object" && failure !== null && "statusCode" in failure ? (failure as { statusCode: unknown }).statusCode : undefined;
    if (status === 404 || status === 403) return null;
    throw new TeamsUnavailableError(`Teams did not tell us ${what} (${String(status ?? (failure as Error).message)}).`, typeof status === "number" ? status : undefined, typeof failure === "object" && failure !== null ? retryAfterMs(failure) : undefined);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Runs one Teams API call in the meeting's conversation (through its Bot Connector), in a proactive turn. Null when
 * Teams says 404/403 (not there, not a participant); a TeamsUnavailableError when it fails or takes over 5 s.
 */
function meetingCall(adapter: CloudAdapter, config: Config, conversations: ConversationStore, defaultServiceUrl: () => string | null, what: string) {
  return async <T>(ref: MeetingRef, call: (context: TurnContext) => Promise<T>): Promise<T | null> => {
    const { serviceUrl, known } = await serviceUrlOf(conversations, ref, defaultServiceUrl, what);
    const reference: Partial<ConversationReference> = {
      channelId: "msteams",
      serviceUrl,
      conversation: known?.conversation ?? { id: ref.meetingId, isGroup: true, conversationType: "groupChat", name: "" },
    };
    return answerOf(what, async () => {
      let result: T | null = null;
      let failure: unknown = null;
      // The failure is caught inside the turn: left to escape, the adapter's onTurnError would post an
      // apology into the meeting chat for what is only a lookup.
      await adapter.continueConversationAsync(config.bot.appId, reference, async (context) => {
        try {
          result = await call(context);
        } catch (err) {
          failure = err;
        }
      });
      if (failure !== null) throw failure;
      return result;
    });
  };
}

/** Bot Connector endpoints whose Teams client is kept (Teams has a few per region; a deployment usually meets one). */
const CLIENTS_KEPT = 16;

/**
 * One Teams connector client per Bot Connector endpoint, made as a proactive turn makes its own (the app's claims,
 * the adapter's connector factory) and then kept. A turn per look-up built three clients, each with its own HTTP
 * pipeline: about 100 KiB of garbage for every attendee who opens the panel. The client's credentials fetch and renew
 * the app's token per request, so keeping it keeps no token past its life. A failed creation is not kept.
 */
function teamsClients(adapter: CloudAdapter, config: Config): (serviceUrl: string) => Promise<TeamsConnectorClient> {
  const kept = new Map<string, Promise<TeamsConnectorClient>>();
  return (serviceUrl) => {
    const have = kept.get(serviceUrl);
    if (have) return have;
    const auth = authentications.get(adapter);
    if (!auth) return Promise.reject(new Error("The adapter was not made by createAdapter."));
    const identity = new ClaimsIdentity([
      { type: AuthenticationConstants.AudienceClaim, value: config.bot.appId },
      { type: AuthenticationConstants.AppIdClaim, value: config.bot.appId },
    ]);
    const made = auth
      .createConnectorFactory(identity)
      .create(serviceUrl)
      .then((connector) => new TeamsConnectorClient(connector.credentials, { baseUri: serviceUrl }));
    made.catch(() => kept.delete(serviceUrl));
    const oldest = kept.keys().next();
    if (kept.size >= CLIENTS_KEPT && !oldest.done) kept.delete(oldest.value);
    kept.set(serviceUrl, made);
    return made;
  };
}

/** Teams' `Retry-After` (seconds) on a failed call, in ms; undefined when it gave none. */
function retryAfterMs(failure: object): number | undefined {
  const response = "response" in failure ? failure.response : undefined;
  const headers = typeof response === "object" && response !== null && "headers" in response ? response.headers : undefined;
  const value = typeof headers === "object" && headers !== null && "get" in headers && typeof headers.get === "function" ? (headers.get as (name: string) => unknown).call(headers, "retry-after") : undefined;
  const seconds = typeof value === "string" ? Number(value) : NaN;
  return Number.isFinite(seconds) && seconds >= 0 ? Math.min(seconds, 300) * 1000 : undefined;
}

/**
 * Asks Teams for a participant's role (`GET v1/meetings/{meeting}/participants/{user}?tenantId=`, as
 * TeamsInfo.getMeetingParticipant asks it), through the meeting's Bot Connector, with the endpoint's kept client:
 * every attendee who opens the panel is one look-up, so this is the hot path to Teams.
 */
export function teamsRoleFetcher(adapter: CloudAdapter, config: Config, conversations: ConversationStore, defaultServiceUrl: () => string | null) {
  const what = "your role in this meeting";
  const clientFor = teamsClients(adapter, config);
  return async (ref: MeetingRef, userId: string): Promise<Role | null> => {
    const { serviceUrl } = await serviceUrlOf(conversations, ref, defaultServiceUrl, what);
    return answerOf(what, async () => {
      const client = await clientFor(serviceUrl);
      return parseRole((await client.teams.fetchMeetingParticipant(ref.meetingId, userId, { tenantId: ref.tenantId })).meeting?.role);
    });
  };
}

/** Asks Teams which chat a meeting belongs to (its series): the meeting-info API's conversation. */
export function teamsMeetingChatFetcher(adapter: CloudAdapter, config: Config, conversations: ConversationStore, defaultServiceUrl: () => string | null) {
  const call = meetingCall(adapter, config, conversations, defaultServiceUrl, "which chat this meeting belongs to");
  return async (ref: MeetingRef): Promise<string | null> => {
    const known = await conversations.forMeetingLookup(ref.tenantId, ref.meetingId);
    if (known?.conversation?.id) return known.conversation.id;
    return call(ref, async (context) => (await TeamsInfo.getMeetingInfo(context, ref.meetingId)).conversation?.id ?? null);
  };
}

/** How many members of a meeting's chat are offered as owners; larger chats page beyond what a picker needs. */
const ROSTER_MAX = 200;

/**
 * Asks Teams who is in the meeting's chat (the series' conversation): the people a lead picks owners of KPIs and
 * SIR actions from. Empty when Teams does not know the chat (404/403).
 */
export function teamsRosterFetcher(adapter: CloudAdapter, config: Config, conversations: ConversationStore, defaultServiceUrl: () => string | null) {
  const call = meetingCall(adapter, config, conversations, defaultServiceUrl, "who is in this meeting's chat");
  return async (ref: MeetingRef, seriesId: string): Promise<Person[]> =>
    (await call(ref, async (context) => {
      // The proactive turn is addressed to the meeting; the members are asked of its chat (the series).
      context.activity.conversation = { ...context.activity.conversation, id: seriesId };
      const page = await TeamsInfo.getPagedMembers(context, ROSTER_MAX);
      return page.members
        .map((m) => ({ userId: m.aadObjectId ?? "", name: (m.name ?? "").trim() }))
        .filter((p) => /^[\x21-\x7E]{1,128}$/.test(p.userId) && p.name.length > 0)
        .map((p) => ({ userId: p.userId, name: p.name.slice(0, 100) }));
    })) ?? [];
}

/** A team as the configuration page offers it: its name and channels (the General channel has no name in Teams). */
export interface TeamChannels {
  readonly name: string;
  readonly channels: ReadonlyArray<{ readonly id: string; readonly name: string }>;
}

/** How many channels are offered; the Bot Connector returns them all in one answer. */
const CHANNELS_MAX = 200;

/**
 * Asks Teams for a team's name and channels, through the meeting's Bot Connector. Null when Teams refuses (404/403:
 * the bot is not in that team); a TeamsUnavailableError when it fails or takes over 5 s.
 */
export function teamsChannelFetcher(adapter: CloudAdapter, config: Config, conversations: ConversationStore, defaultServiceUrl: () => string | null) {
  const call = meetingCall(adapter, config, conversations, defaultServiceUrl, "the team's channels");
  return async (ref: MeetingRef, teamId: string): Promise<TeamChannels | null> =>
    call(ref, async (context) => {
      const [details, channels] = await Promise.all([TeamsInfo.getTeamDetails(context, teamId), TeamsInfo.getTeamChannels(context, teamId)]);
      return {
        name: (details.name ?? "").trim().slice(0, 100),
        channels: channels
          .filter((c) => typeof c.id === "string" && /^[\x21-\x7E]{1,256}$/.test(c.id))
          .slice(0, CHANNELS_MAX)
          .map((c) => ({ id: c.id ?? "", name: (c.name ?? "").trim().slice(0, 100) })),
      };
    });
}
