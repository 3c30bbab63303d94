/**
 * @module Composes the service: storage (Azure Table Storage or the embedded Azurite), auth, the
 * Teams edge, the panel API with its real-time stream, the static panel, and in local mode the
 * simulated Teams pieces. One process, stateless apart from caches: any instance serves any meeting.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { createDevIssuer, type DevIssuer } from "./auth/dev-issuer.js";
import { createTokenVerifier } from "./auth/verify-token.js";
import type { Config } from "./config.js";
import type { MeetingRef } from "../../shared/src/meeting/state.js";
import { registerApi } from "./http/api.js";
import { registerActionsApi } from "./http/actions-api.js";
import { registerRemindersApi } from "./http/reminders-api.js";
import { composeActionReminders } from "./reminders/compose.js";
import type { ReminderScheduler } from "./reminders/scheduler.js";
import { ActionStore } from "./storage/action-store.js";
import { registerGoodNewsApi, type GoodNewsService } from "./http/good-news-api.js";
import { registerPrioritiesApi } from "./http/priorities-api.js";
import { PrioritiesHandler } from "./teams/priorities-handler.js";
import { registerMyActionsApi } from "./http/my-actions-api.js";
import { MyActionsHandler } from "./teams/my-actions-handler.js";
import { registerKpiApi } from "./http/kpi-api.js";
import { registerSummaryApi } from "./http/summary-api.js";
import { registerSummaryPostApi } from "./http/summary-post-api.js";
import { SummaryPostStore } from "./storage/summary-post-store.js";
import { channelPoster } from "./teams/channel-post.js";
import { carryOverOnEnd, registerSirApi } from "./http/sir-api.js";
import { cachedChannels, registerSetupApi } from "./http/setup-api.js";
import { HttpError, responseHeaders, Router, sendError, sendJson, storageUnavailable } from "./http/http.js";
import { useLimits } from "./http/limits.js";
import { canonicalTabPath, serveStatic } from "./http/static.js";
import { ConnectorStub, CONNECTOR_PREFIX } from "./local/connector-stub.js";
import { registerLocalRoutes } from "./local/routes.js";
import { registerLocalReminders } from "./local/reminders.js";
import { InProcessHub, type Hub } from "./realtime/hub.js";
import { RedisHub } from "./realtime/redis-hub.js";
import { startEmbeddedTables, type EmbeddedTables } from "./storage/azurite.js";
import { ConversationStore } from "./storage/conversation-store.js";
import { KpiStore } from "./storage/kpi-store.js";
import { MembersStore } from "./storage/members-store.js";
import { MeetingStore } from "./storage/meeting-store.js";
import { SetupStore } from "./storage/setup-store.js";
import { HistoryStore } from "./storage/history-store.js";
import { MeetingEventStore } from "./storage/meeting-event-store.js";
import { RatingStore } from "./storage/rating-store.js";
import { registerRatingApi } from "./http/rating-api.js";
import { registerHistoryApi } from "./http/history-api.js";
import { ratingExtras } from "./summary/rating-extras.js";
import { actionExtras } from "./summary/action-extras.js";
import { goodNewsExtras, prioritiesExtras } from "./summary/weekly-extras.js";
import { GoodNewsStore } from "./storage/good-news-store.js";
import { PriorityStore } from "./storage/priority-store.js";
import { combineExtras } from "./summary/meeting-record.js";
import { SirCardStore } from "./storage/sir-card-store.js";
import { SirStore, sirPartition } from "./storage/sir-store.js";
import { StorageUnavailableError } from "./storage/storage-faults.js";
import { openTables, storageReachable, type Tables } from "./storage/tables.js";
import { OkrBot } from "./teams/bot.js";
import { GoodNewsHandler } from "./teams/good-news-handler.js";
import { KpiHandler } from "./teams/kpi-handler.js";
import { MeetingEvents } from "./teams/meeting-events.js";
import { meetingPartition } from "./storage/keys.js";
import { OccurrenceStore } from "./storage/occurrence-store.js";
import type { Commit, Viewer } from "../../shared/src/wire/protocol.js";
import type { MeetingCommand } from "../../shared/src/meeting/commands.js";
import { KpiReminders } from "./teams/kpi-reminders.js";
import { kpiRequestPoster, registerKpiRequest } from "./teams/kpi-request.js";
import { CachedMeetingSeries } from "./teams/meeting-series.js";
import { CachedRoleSource, type RoleShare, type RoleSource } from "./teams/roles.js";
import { sirCardSync } from "./teams/sir-card-sync.js";
import { SirHandler } from "./teams/sir-handler.js";
import { cachedRoster } from "./teams/roster-cache.js";
import { cardViewers, teamsChatMembers } from "./teams/card-viewers.js";
import { createAdapter, processBotRequest, teamsChannelFetcher, teamsMeetingChatFetcher, teamsRoleFetcher, teamsRosterFetcher } from "./teams/teams-edge.js";

export interface AppOptions {
  /** Tests: keep Azurite's data in memory instead of `config.dataDir`. */
  readonly inMemoryStorage?: boolean;
  readonly now?: () => number;
  /** Replace Teams as the source of roles (benchmarks); production always asks Teams. */
  readonly roles?: RoleSource;
  /** Start the reminder clock also with in-memory storage (tests tick it by hand otherwise). */
  readonly reminders?: boolean;
  /** Tests: the panels' stream heartbeat (default HEARTBEAT_MS), for what a stream checks at each one. */
  readonly heartbeatMs?: number;
}

export interface App {
  readonly url: string;
  readonly port: number;
  readonly server: http.Server;
  readonly tables: Tables;
  readonly store: MeetingStore;
  readonly sir: SirStore;
  readonly kpi: KpiStore;
  /** The action reminders in Teams (tests run a tick by hand, with their own clock). */
  readonly actionReminders: ReminderScheduler;
  /** The weekly KPI reminders (tests run a tick by hand). */
  readonly reminders: KpiReminders;
  readonly members: MembersStore;
  readonly hub: Hub;
  readonly devIssuer: DevIssuer | null;
  readonly connector: ConnectorStub | null;
  readonly storageConnectionString: string;
  /** Every HTTP route, `METHOD /path/:param`. */
  routes(): readonly string[];
  close(): Promise<void>;
}

export async function createApp(config: Config, options: AppOptions = {}): Promise<App> {
  const now = options.now ?? Date.now;
  const started = now();
  let embedded: EmbeddedTables | null = null;
  let connectionString = config.storageConnectionString;
  if (!connectionString) {
    embedded = await startEmbeddedTables(options.inMemoryStorage ? {} : { dir: `${config.dataDir}/azurite` });
    connectionString = embedded.connectionString;
  }
  const tables = await openTables(connectionString);
  const store = new MeetingStore(tables.meetings, now);
  const conversations = new ConversationStore(tables.conversations);
  const sir = new SirStore(tables.sir, now);
  const members = new MembersStore(tables.members, now);
  const kpi = new KpiStore(tables.kpis, now);
  // With REDIS_URL the instances share fan-out; Redis down degrades to this instance's own panels (see realtime/redis-hub.ts).
  const hub: Hub = config.redisUrl ? new RedisHub({ url: config.redisUrl }) : new InProcessHub();
  const router = new Router();
  useLimits(router, {
    commandsPerSecond: config.commandRate.perSecond,
    commandBurst: config.commandRate.burst,
    meetingCommandsPerSecond: config.meetingCommandRate.perSecond,
    meetingCommandBurst: config.meetingCommandRate.burst,
  });

  let handler: (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void> = async (_req, res) => {
    sendJson(res, 503, { error: { code: "starting", message: "The service is starting; try again in a second." } });
  };
  const server = http.createServer((req, res) => void handler(req, res));
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${config.host === "0.0.0.0" ? "127.0.0.1" : config.host}:${port}`;

  const local = config.env === "local";
  const devIssuer = local ? await createDevIssuer(url) : null;
  const connector = local ? new ConnectorStub(config.localRoster ?? undefined) : null;
  const auth = config.auth ?? devIssuer?.auth;
  if (!auth) throw new Error("No authentication configured."); // loadConfig refuses this in production already.

  const adapter = createAdapter(config);
  const defaultServiceUrl = config.defaultServiceUrl ?? (local ? `${url}${CONNECTOR_PREFIX}/` : null);
  // Recurring Teams meetings share one meeting id: each request is about its current occurrence (docs/OCCURRENCES.md).
  // A move to the next occurrence goes to the panels following "the current one", on every instance (through the hub).
  const occurrences = new OccurrenceStore(tables.meetings, async (ref) => (await store.snapshot(ref)).state, now, undefined, (teams, n) => hub.publishOccurrence(meetingPartition(teams), n));
  // With Redis, what one instance learns from Teams about a role (or a 429) is every instance's (teams/roles.ts).
  const share: RoleShare = { publish: (ref, report) => hub.publishRoles(meetingPartition(ref), report), subscribe: (ref, listener) => hub.subscribeRoles(meetingPartition(ref), listener) };
  const roles = options.roles ?? new CachedRoleSource(teamsRoleFetcher(adapter, config, conversations, () => defaultServiceUrl), config.roleTtlMs, now, { share });
  // Local mode, when the stand-in is the Teams asked: a role switched on the local page is Teams telling us, and the
  // open streams of that user get it at once.
  if (connector && !config.defaultServiceUrl && roles instanceof CachedRoleSource) connector.onRoleChange((ref, userId, role) => roles.update(ref, userId, role));
  // Shared cards in chat are refreshed for the chat's members (leads first), so each sees their own language and buttons.
  const viewers = cardViewers(teamsChatMembers(adapter, config.bot.appId, conversations, now), roles);
  const sirHandler = new SirHandler({ store: sir, members, roles, viewers });
  const sirCards = new SirCardStore(tables.sirCards);
  // Set below, once the series source exists: what follows a stored meeting commit, from the panel or from Teams' events.
  let afterCommit: (ref: MeetingRef, commit: Commit, viewer: Viewer) => Promise<void> = async () => undefined;
  const applyMeetingCommand = async (ref: MeetingRef, command: MeetingCommand, viewer: Viewer) => {
    const result = await store.execute(ref, command);
    if (result.ok && !result.duplicate && result.commit.events.length > 0) {
      hub.publish(meetingPartition(ref), result.commit);
      await afterCommit(ref, result.commit, viewer).catch((err: unknown) => console.error("after-commit work failed", err));
    }
    return result;
  };
  const meetingEvents = new MeetingEvents({ apply: applyMeetingCommand, claims: new MeetingEventStore(tables.meetings, now), teamsAppId: config.teamsAppId ?? null, allowedTenants: auth.allowedTenants, occurrences });
  // Action reminders in Teams (docs/REMINDERS.md): the actions store is made here so the bot's card buttons share it.
  const actionStore = new ActionStore(tables.actions, { now });
  const actionReminders = composeActionReminders({ tables, actions: actionStore, kpi, conversations, roles, adapter, appId: config.bot.appId, teamsAppId: config.teamsAppId ?? null, defaultServiceUrl: () => defaultServiceUrl, now });
  // Good news from chat uses the API's service (made below, with the routes): the same store, so the panels get it live.
  let goodNewsService: GoodNewsService | null = null;
  const goodNewsHandler = new GoodNewsHandler({ service: () => goodNewsService, roles });
  const bot = new OkrBot(conversations, members, sirHandler, sirCards, new KpiHandler({ kpi, members, viewers }), meetingEvents, actionReminders.verbs, goodNewsHandler);
  const syncCard = sirCardSync(adapter, config.bot.appId, sirCards, sirHandler);
  // A change from the panel (decision, status) also updates the item's card in chat; never fails the change itself.
  sir.onChange((_tenantId, _seriesId, item) => void syncCard(item).catch((err: unknown) => console.warn("SIR card sync failed", err)));

  const verify = createTokenVerifier(auth);
  const series = new CachedMeetingSeries(teamsMeetingChatFetcher(adapter, config, conversations, () => defaultServiceUrl));
  // Every stored SIR change, from the panel or from chat, reaches the open panels of the series' meetings.
  sir.onChange((tenantId, seriesId, item) => hub.publishSir(sirPartition(tenantId, seriesId), item));
  registerApi(router, {
    store,
    hub,
    verify,
    roles,
    occurrences,
    now,
    ...(options.heartbeatMs ? { heartbeatMs: options.heartbeatMs } : {}),
    seriesKeyOf: async (ref) => sirPartition(ref.tenantId, await series.seriesOf(ref)),
    onCommitted: (ref, commit, viewer) => afterCommit(ref, commit, viewer),
  });
  const history = new HistoryStore(tables.meetings);
  afterCommit = async (ref, commit, viewer) => {
    if (commit.events.some((e) => e.type === "meetingEnded")) await carryOverOnEnd({ sir, series, now }, ref, viewer);
    if (commit.events.some((e) => e.type === "meetingStarted" || e.type === "meetingEnded")) {
      // The series' history lists the occurrence from its start on (see storage/history-store.ts).
      const state = await store.get(ref);
      await history.note(ref, await series.seriesOf(ref), { startedAt: state.startedAt, endedAt: state.endedAt });
    }
  };
  registerSirApi(router, { verify, roles, occurrences, sir, series, now, meetings: { store, hub } });
  registerSetupApi(router, { verify, roles, occurrences, store, hub, series, setup: new SetupStore(tables.meetings, now), channels: cachedChannels(teamsChannelFetcher(adapter, config, conversations, () => defaultServiceUrl), now) });
  // KPI changes reach the same series' open panels, on the same stream.
  kpi.onChange((tenantId, seriesId, event) => hub.publishKpi(sirPartition(tenantId, seriesId), event));
  registerKpiApi(router, { verify, roles, occurrences, kpi, series, roster: cachedRoster(teamsRosterFetcher(adapter, config, conversations, () => defaultServiceUrl), now) });
  const ratings = new RatingStore(tables.meetings, now);
  registerActionsApi(router, { verify, roles, occurrences, table: tables.actions, store: actionStore, sir, kpi, series, hub, now, roster: cachedRoster(teamsRosterFetcher(adapter, config, conversations, () => defaultServiceUrl), now) });
  registerRemindersApi(router, { verify, roles, occurrences, series, store: actionReminders.store, scheduler: actionReminders.scheduler, timeZoneOf: actionReminders.timeZoneOf });
  if (!options.inMemoryStorage || options.reminders) actionReminders.scheduler.start(config.reminderPollMs);
  // The priorities round (panel and the chat card `priorities`): its rows live in the meetings table's `pr.` partitions.
  const priorityRounds = registerPrioritiesApi(router, { verify, roles, occurrences, table: tables.meetings, kpi, series, hub, now, roster: cachedRoster(teamsRosterFetcher(adapter, config, conversations, () => defaultServiceUrl), now) });
  bot.usePriorities(new PrioritiesHandler({ rounds: priorityRounds, roles, members }));
  bot.useOccurrences(occurrences);
  // "My actions" across the tenant's series: the panel's route and the chat card (actions / mine / mina).
  registerMyActionsApi(router, { verify, actions: actionStore, kpi, members, now });
  bot.myActions = new MyActionsHandler({ actions: actionStore, kpi, members, now });
  const summaryPosts = new SummaryPostStore(tables.meetings, now);
  // The record's parts other features fill (docs/SUMMARY.md, "Adding a part"): one list for the preview, the export and the post.
  const summaryExtras = combineExtras(
    ratingExtras(ratings),
    actionExtras({ actions: actionStore, history }),
    // Read-only views of the good news and the priorities round (their APIs own the writes).
    goodNewsExtras(new GoodNewsStore(tables.meetings, { now })),
    prioritiesExtras(new PriorityStore(tables.meetings, now)),
  );
  registerSummaryApi(router, { verify, roles, occurrences, store, sir, kpi, series, now, postOf: (ref) => summaryPosts.get(ref), roster: cachedRoster(teamsRosterFetcher(adapter, config, conversations, () => defaultServiceUrl), now), extras: summaryExtras });
  registerRatingApi(router, { verify, roles, occurrences, store, ratings, hub, now });
  // Whether a meeting's summary is in the channel: the channel post's own record of it.
  const historyPosts = new SummaryPostStore(tables.meetings, now);
  registerHistoryApi(router, { verify, roles, occurrences, history, ratings, sir, kpi, series, postedOf: async (ref) => (await historyPosts.get(ref)) !== null });
  registerSummaryPostApi(router, { verify, roles, occurrences, store, sir, kpi, series, now, roster: cachedRoster(teamsRosterFetcher(adapter, config, conversations, () => defaultServiceUrl), now), setup: new SetupStore(tables.meetings, now), posts: summaryPosts, extras: summaryExtras, poster: channelPoster(adapter, config.bot.appId), serviceUrlOf: async (ref) => (await conversations.forMeeting(ref.tenantId, ref.meetingId))?.serviceUrl ?? defaultServiceUrl });
  goodNewsService = registerGoodNewsApi(router, { verify, roles, occurrences, table: tables.meetings, kpi, series, hub, now, setup: new SetupStore(tables.meetings, now), poster: channelPoster(adapter, config.bot.appId), serviceUrlOf: async (ref) => (await conversations.forMeeting(ref.tenantId, ref.meetingId))?.serviceUrl ?? defaultServiceUrl });
  // The lead asks for this week's numbers: a card in the series' chat, through the reference the bot stored there.
  const postCard = kpiRequestPoster(adapter, config.bot.appId);
  // The meeting's chat as the bot saw it in this meeting, else the series' chat as seen in any other occurrence.
  const chatReference = async (ref: MeetingRef, seriesId: string) => (await conversations.forMeeting(ref.tenantId, ref.meetingId)) ?? conversations.forConversation(ref.tenantId, seriesId);
  registerKpiRequest(router, { verify, roles, occurrences, kpi, series, referenceOf: chatReference, post: postCard, viewers });
  // The weekly reminder a lead can set on the board: posted by whichever instance claims it first.
  const reminders = new KpiReminders({ kpi, referenceOf: (tenantId, seriesId) => conversations.forConversation(tenantId, seriesId), post: postCard, now, viewers });
  if (!options.inMemoryStorage || options.reminders) reminders.start();
  router.on("POST", "/api/messages", (req, res) => processBotRequest(adapter, bot, req, res));
  router.on("GET", "/healthz", async (_req, res) => {
    const ok = await storageReachable(tables);
    // Redis down is degraded but still 200: the instance serves its own panels, and pulling every instance out of the
    // load balancer for it would be worse.
    const realtime = hub.status();
    const status = ok && realtime !== "redis-unavailable" ? "ok" : "degraded";
    sendJson(res, ok ? 200 : 503, { status, storage: ok ? "reachable" : "unreachable", realtime, env: config.env, uptimeSeconds: Math.round((now() - started) / 1000), streams: hub.subscriberCount() });
  });
  router.on("GET", "/tab/*", async (req, res, _params, requestUrl) => {
    // Decided on the canonical path only: `/tab/.%2flocal/…` and its cousins are the same file as `/tab/local/…`.
    const rest = canonicalTabPath(requestUrl.pathname.slice("/tab/".length));
    if (rest === null) throw new HttpError(404, "notFound", "Nothing here.");
    const top = rest.split("/")[0]?.toLowerCase();
    if (top === "local" && !local) throw new HttpError(404, "notFound", "Nothing here.");
    await serveStatic(res, config.tabDir, rest, req.method === "HEAD", config.env === "production", req.headers["accept-encoding"]);
  });
  if (devIssuer && connector) {
    registerLocalRoutes(router, devIssuer, connector, url);
    registerLocalReminders(router, { connector, scheduler: actionReminders.scheduler, store: actionReminders.store, baseUrl: url, now });
    connector.register(router);
  }

  // What close() drains: every open connection, and every request still being answered.
  const sockets = new Set<import("node:net").Socket>();
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  const answering = new Set<http.ServerResponse>();
  let stopping = false;
  let closing: Promise<void> | null = null;
  let settled: (() => void) | null = null;
  // Ends what streams (headers out, body still open: SSE); the others are at work and get to finish. True when none is left.
  const endStreamsAndCheck = (): boolean => {
    for (const res of answering) if (res.headersSent && !res.writableEnded) res.end();
    return answering.size === 0;
  };
  server.on("request", (_req, res: http.ServerResponse) => {
    answering.add(res);
    // While stopping, a request on a kept-alive connection is still answered in full, then the connection closes.
    if (stopping && !res.headersSent) res.setHeader("connection", "close");
    res.on("close", () => {
      answering.delete(res);
      settled?.();
    });
  });
  /** Stops taking work and waits until every request has been answered and every stream ended, at most `ms`. */
  const drain = (ms: number): Promise<void> =>
    new Promise<void>((resolve) => {
      stopping = true;
      for (const res of answering) if (!res.headersSent) res.setHeader("connection", "close");
      server.closeIdleConnections();
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        settled = null;
        resolve();
      }
      settled = () => {
        if (endStreamsAndCheck()) done();
      };
      settled();
    });

  const everyResponse = responseHeaders(config.env === "production");
  handler = async (req, res) => {
    // On every answer (API JSON, errors, static files, streams, the bot endpoint), set before any route writes.
    for (const [name, value] of Object.entries(everyResponse)) res.setHeader(name, value);
    const requestUrl = new URL(req.url ?? "/", url);
    try {
      if (!(await router.handle(req, res, requestUrl))) throw new HttpError(404, "notFound", `Nothing here: ${requestUrl.pathname}`);
    } catch (err) {
      if (res.headersSent) {
        res.end();
        return;
      }
      if (err instanceof HttpError) {
        sendError(res, err);
        return;
      }
      if (err instanceof StorageUnavailableError) {
        // Expected during a storage outage: one short line, not a stack per request.
        console.warn(`${req.method} ${requestUrl.pathname}: 503, ${err.message}`);
        sendError(res, storageUnavailable());
        return;
      }
      console.error(`${req.method} ${requestUrl.pathname} failed`, err);
      sendError(res, new HttpError(500, "internal", "Something went wrong on our side. Try again; if it keeps happening, tell your admin."));
    }
  };

  return {
    url,
    port,
    server,
    tables,
    store,
    sir,
    kpi,
    members,
    hub,
    devIssuer,
    connector,
    storageConnectionString: connectionString,
    routes: () => router.list(),
    reminders,
    actionReminders: actionReminders.scheduler,
    // Once: a second call (a second signal) gets the same promise. Storage closes last, after every answer it owes.
    close: () =>
      (closing ??= (async () => {
        reminders.stop();
        actionReminders.scheduler.stop();
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        await drain(5_000);
        // Past the bound, or idle kept-alive connections: nothing on them is owed an answer any more.
        for (const s of sockets) s.destroy();
        await closed;
        await hub.close();
        await embedded?.close();
      })()),
  };
}
