/**
 * @module The panel's good-news API: the meeting's good news (wins first), commands on it, and sharing an item's
 * praise in the team's channel. Same auth, admission and limits as the actions API; who may change what is the
 * domain's rule. Every stored change reaches the meeting's open panels on its stream (`{type: "goodNews", item}`).
 */
import type { TableClient } from "@azure/data-tables";
import { can } from "../../../shared/src/auth/capabilities.js";
import type { GoodNewsCommand } from "../../../shared/src/goodnews/commands.js";
import type { GoodNewsBoard, GoodNewsErrorCode } from "../../../shared/src/goodnews/decide.js";
import { goodNewsForMeeting } from "../../../shared/src/goodnews/meeting-list.js";
import { GOOD_NEWS_CAPABILITY, GOOD_NEWS_LIMITS, type Person } from "../../../shared/src/goodnews/model.js";
import type { MeetingRef } from "../../../shared/src/meeting/state.js";
import { SIR_LIMITS } from "../../../shared/src/sir/item.js";
import {
  GoodNewsCommandRequest,
  PraisePostRequest,
  type GoodNewsBoardChoices,
  type GoodNewsCommandResponse,
  type GoodNewsListResponse,
  type PraisePostResponse,
} from "../../../shared/src/wire/good-news-protocol.js";
import { MAX_BODY_BYTES, type Viewer } from "../../../shared/src/wire/protocol.js";
import type { Hub } from "../realtime/hub.js";
import { GoodNewsStorageConflictError, GoodNewsStore, type GoodNewsStoreOptions } from "../storage/good-news-store.js";
import { meetingPartition } from "../storage/keys.js";
import type { KpiStore } from "../storage/kpi-store.js";
import { PraisePostStore } from "../storage/praise-post-store.js";
import type { SetupStore } from "../storage/setup-store.js";
import type { ChannelPoster } from "../teams/channel-post.js";
import type { MeetingSeriesSource } from "../teams/meeting-series.js";
import { postPraise } from "../teams/praise-post.js";
import { TeamsUnavailableError } from "../teams/roles.js";
import { admit, authenticate, formatIssues, type ApiDeps } from "./api.js";
import { HttpError, readJson, sendJson, type Router } from "./http.js";
import { limitsOf } from "./limits.js";

export interface GoodNewsApiDeps extends Pick<ApiDeps, "verify" | "roles" | "occurrences"> {
  /** The `meetings` table: good news lives in the meeting's own partition. */
  readonly table: TableClient;
  /** The series' KPI board: what good news can be tied to. */
  readonly kpi: KpiStore;
  readonly series: MeetingSeriesSource;
  readonly hub: Hub;
  readonly now?: () => number;
  /** Where praise is posted: the meeting's set-up (its channel), the poster and the Bot Connector to use. */
  readonly setup: SetupStore;
  readonly poster: ChannelPoster;
  readonly serviceUrlOf: (ref: MeetingRef) => Promise<string | null>;
  /** Tests lower the limits. */
  readonly storeOptions?: GoodNewsStoreOptions;
  readonly praiseWaitMs?: number;
}

/** What the bot's chat handler shares with the API: the same store (so chat changes reach the panels) and praise posting. */
export interface GoodNewsService {
  readonly store: GoodNewsStore;
  readonly posts: PraisePostStore;
  boardOf(tenantId: string, seriesId: string): Promise<{ readonly board: GoodNewsBoard; readonly choices: GoodNewsBoardChoices }>;
  readonly praise: Parameters<typeof postPraise>[0];
}

const STATUS: Readonly<Record<GoodNewsErrorCode, number>> = { notFound: 404, forbidden: 403, notAuthor: 403, praiseNotYours: 403, unknownLink: 400, authorFull: 409, meetingFull: 409, tooLarge: 409, deleted: 409 };

const personOf = (viewer: Viewer): Person => ({ userId: viewer.userId, name: (viewer.name || "Unknown").slice(0, SIR_LIMITS.personNameMax) });

async function seriesOf(deps: GoodNewsApiDeps, ref: MeetingRef): Promise<string> {
  try {
    return await deps.series.seriesOf(ref);
  } catch (err) {
    if (err instanceof TeamsUnavailableError) throw new HttpError(503, "teamsUnavailable", `${err.message} Try again in a moment.`);
    throw err;
  }
}

/** Too many concurrent writers to one meeting's good news is "try again" (503), not a failure of ours. */
async function busyAware<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof GoodNewsStorageConflictError) throw new HttpError(503, "busy", "Many changes reached this meeting's good news at once. Try again in a moment.");
    throw err;
  }
}

export function registerGoodNewsApi(router: Router, deps: GoodNewsApiDeps): GoodNewsService {
  const limits = limitsOf(router);
  const now = deps.now ?? Date.now;
  const store = new GoodNewsStore(deps.table, { now, ...deps.storeOptions });
  const posts = new PraisePostStore(deps.table, now);
  const praise = { setup: deps.setup, posts, poster: deps.poster, serviceUrlOf: deps.serviceUrlOf, now, ...(deps.praiseWaitMs === undefined ? {} : { waitMs: deps.praiseWaitMs }) };
  // Every stored change, from the panel or from chat, reaches the meeting's open panels.
  store.onChange((ref, item) => deps.hub.publishGoodNews(meetingPartition(ref), item));

  const boardOf = async (tenantId: string, seriesId: string) => {
    const { board } = await deps.kpi.loadBoard(tenantId, seriesId);
    const objectives = board.objectives.filter((o) => !o.archived);
    const metrics = board.metrics.filter((m) => !m.archived);
    return {
      board: { objectiveIds: objectives.map((o) => o.id), metricIds: metrics.map((m) => m.id) },
      choices: { objectives: objectives.map((o) => ({ id: o.id, title: o.title })), metrics: metrics.map((m) => ({ id: m.id, name: m.name, kind: m.kind })) },
    };
  };

  router.on("GET", "/api/meetings/:meetingId/good-news", async (req, res, params) => {
    const { ref } = await admit(deps, await authenticate(deps, req), params.meetingId, "meeting:read");
    const seriesId = await seriesOf(deps, ref);
    const [items, { choices }, posted] = await Promise.all([store.list(ref), boardOf(ref.tenantId, seriesId), posts.list(ref)]);
    const body: GoodNewsListResponse = {
      items: goodNewsForMeeting(items),
      board: choices,
      posts: posted.map((p) => ({ itemId: p.itemId, channelName: p.channelName, postedAt: p.postedAt })),
      limits: { perAuthor: deps.storeOptions?.limits?.perAuthor ?? GOOD_NEWS_LIMITS.perAuthor, perMeeting: deps.storeOptions?.limits?.perMeeting ?? GOOD_NEWS_LIMITS.perMeeting },
    };
    sendJson(res, 200, body);
  });

  router.on("POST", "/api/meetings/:meetingId/good-news/commands", async (req, res, params) => {
    const identity = await authenticate(deps, req);
    limits.command(identity);
    const parsed = GoodNewsCommandRequest.safeParse(await readJson(req, MAX_BODY_BYTES));
    if (!parsed.success) throw new HttpError(400, "invalidCommand", "The good-news command is not valid.", formatIssues(parsed.error));
    const command: GoodNewsCommand = parsed.data.command;
    const { ref, viewer } = await admit(deps, identity, params.meetingId, GOOD_NEWS_CAPABILITY.add);
    limits.meeting(ref);
    const seriesId = await seriesOf(deps, ref);
    const { board } = await boardOf(ref.tenantId, seriesId);
    const result = await busyAware(() => store.execute({ ref, board }, command, { person: personOf(viewer), isLead: can(viewer.role, GOOD_NEWS_CAPABILITY.lead) }));
    if (!result.ok) throw new HttpError(STATUS[result.error.code], result.error.code, result.error.message);
    const body: GoodNewsCommandResponse = { item: result.item, changed: result.changed };
    sendJson(res, 200, body);
  });

  router.on("POST", "/api/meetings/:meetingId/good-news/praise", async (req, res, params) => {
    const identity = await authenticate(deps, req);
    limits.command(identity);
    const parsed = PraisePostRequest.safeParse(await readJson(req, MAX_BODY_BYTES));
    if (!parsed.success) throw new HttpError(400, "invalidPost", "The request is not valid: send {itemId, locale}.", formatIssues(parsed.error));
    const { ref, viewer } = await admit(deps, identity, params.meetingId, GOOD_NEWS_CAPABILITY.add);
    limits.meeting(ref);
    const item = await store.get(ref, parsed.data.itemId);
    if (!item || item.deletedAt !== null) throw new HttpError(404, "notFound", `There is no good news '${parsed.data.itemId}' in this meeting.`);
    // Only what the author chose to share is ever posted (whether it is, every participant sees in the list).
    if (!item.praise?.share) throw new HttpError(409, "notShared", "The author has not chosen to share this praise outside the meeting.");
    // The author shares; a lead may post it for them.
    if (item.author.userId !== viewer.userId && !can(viewer.role, GOOD_NEWS_CAPABILITY.lead)) throw new HttpError(403, "notAuthor", "Only the author or a lead can share this praise.");
    const seriesId = await seriesOf(deps, ref);
    const outcome = await postPraise(praise, ref, seriesId, item, parsed.data.locale);
    if (!outcome.ok) throw new HttpError(outcome.status, outcome.code, outcome.message, undefined, outcome.retryAfterSeconds);
    const body: PraisePostResponse = { itemId: item.id, channelName: outcome.post.channelName, postedAt: outcome.post.postedAt, duplicate: outcome.duplicate };
    sendJson(res, 200, body);
  });

  return { store, posts, boardOf, praise };
}
