/**
 * @module `POST /api/meetings/:meetingId/summary/post` (organizer or presenter: `summary:post`): builds the summary card
 * from the stored record and posts it to the channel of the meeting's set-up through the bot; a later post of the same
 * occurrence updates that message. The first post is claimed in Table Storage before Teams is asked (see
 * storage/summary-post-store.ts), so two concurrent posts make one message; the loser gets 409 `postInProgress`.
 */
import { can } from "../../../shared/src/auth/capabilities.js";
import type { MeetingRef } from "../../../shared/src/meeting/state.js";
import { capRecord } from "../../../shared/src/summary/cap.js";
import { MAX_POST_BODY_BYTES, PostSummaryRequest, type PostSummaryResponse } from "../../../shared/src/summary/post-protocol.js";
import { summaryCard } from "../../../shared/src/summary/summary-card.js";
import type { SetupStore } from "../storage/setup-store.js";
import { EARLIER_POSTS_MAX, type SummaryPost, type SummaryPostStore } from "../storage/summary-post-store.js";
import { loadMeetingRecord, type MeetingRecordDeps } from "../summary/meeting-record.js";
import { ChannelPostError, type ChannelPoster } from "../teams/channel-post.js";
import { TeamsUnavailableError } from "../teams/roles.js";
import { admit, authenticate, formatIssues, type ApiDeps } from "./api.js";
import { HttpError, readJson, sendJson, type Router } from "./http.js";
import { limitsOf } from "./limits.js";

export interface SummaryPostDeps extends Pick<ApiDeps, "verify" | "roles" | "occurrences">, Omit<MeetingRecordDeps, "now"> {
  readonly now: () => number;
  readonly setup: SetupStore;
  readonly posts: SummaryPostStore;
  readonly poster: ChannelPoster;
  /** The Bot Connector to post through: the one the bot saw this meeting on, else the default (null: none known). */
  readonly serviceUrlOf: (ref: MeetingRef) => Promise<string | null>;
  readonly recordUrlOf?: (ref: MeetingRef) => string | null;
}

const teamsUnavailable = (message: string) => new HttpError(503, "teamsUnavailable", `${message} Try again in a moment.`, undefined, 5);

/** Teams' refusal as an answer that says what to do; never a 5xx crash. */
function teamsRefusal(err: ChannelPostError): HttpError {
  if (err.status === 403 || err.status === 404)
    return new HttpError(409, "botNotInTeam", "Teams refused the post: the app is not in the channel's team (or was removed). Add the app to the team, then post again.");
  if (err.status === 429) return new HttpError(429, "teamsRateLimited", "Teams is limiting messages to this channel right now. Wait a moment and post again.", undefined, err.retryAfterSeconds ?? 10);
  console.warn("Could not post the summary to the channel", err.status ?? "", err.message);
  return new HttpError(502, "teamsUnavailable", "Teams did not accept the summary. Try again in a moment.", undefined, 5);
}

const answer = (post: SummaryPost, outcome: "posted" | "updated", channelName: string, duplicate: boolean): PostSummaryResponse => ({
  outcome,
  channelName,
  postedAt: post.postedAt,
  postedBy: post.postedBy,
  updatedAt: post.updatedAt,
  updatedBy: post.updatedBy,
  duplicate,
  ...(post.earlier && post.earlier.length > 0 ? { earlierChannels: post.earlier.length } : {}),
});

export function registerSummaryPostApi(router: Router, deps: SummaryPostDeps): void {
  const limits = limitsOf(router);
  router.on("POST", "/api/meetings/:meetingId/summary/post", async (req, res, params) => {
    const identity = await authenticate(deps, req);
    limits.command(identity);
    const parsed = PostSummaryRequest.safeParse(await readJson(req, MAX_POST_BODY_BYTES));
    if (!parsed.success) throw new HttpError(400, "invalidPost", "The request is not valid: send {id, locale}.", formatIssues(parsed.error));
    const { id, locale } = parsed.data;
    const { ref, viewer } = await admit(deps, identity, params.meetingId, "meeting:read");
    if (!can(viewer.role, "summary:post")) throw new HttpError(403, "forbidden", "Only the meeting's organizer or a presenter can post the summary to the channel.");
    limits.meeting(ref);

    let seriesId: string;
    let record;
    try {
      seriesId = await deps.series.seriesOf(ref);
      record = capRecord(await loadMeetingRecord(deps, ref));
    } catch (err) {
      if (err instanceof TeamsUnavailableError) throw teamsUnavailable(err.message);
      throw err;
    }
    const channel = (await deps.setup.effective(ref, seriesId))?.setup.channel ?? null;
    if (!channel) throw new HttpError(409, "noChannel", "No channel is chosen for the summary. Open the app's settings for this meeting (the configuration page), choose the team's channel and save, then post again.");
    const serviceUrl = await deps.serviceUrlOf(ref);
    if (!serviceUrl) throw teamsUnavailable("The bot has not been added to this meeting yet, so it cannot post. Add the app to the meeting chat.");
    const card = summaryCard(record, locale, { recordUrl: deps.recordUrlOf?.(ref) ?? null });
    const by = { userId: viewer.userId, name: viewer.name };

    const claim = await deps.posts.claim(ref, id);
    if (claim.kind === "busy") throw new HttpError(409, "postInProgress", "Another lead is posting the summary right now. Wait a few seconds; it will show as posted, and you can update it then.", undefined, 3);
    if (claim.kind === "posted" && claim.post.lastRequestId === id) {
      const prior = claim.post;
      return sendJson(res, 200, answer(prior, prior.updatedAt === null ? "posted" : "updated", channel.channelName, true));
    }
    if (claim.kind === "posted" && claim.post.channelId !== channel.channelId) {
      // The lead chose another channel since: a new message there; the old one stays as it was (never edited silently).
      const prior = claim.post;
      const moveEtag = await deps.posts.claimMove(ref, claim.etag, id, prior);
      if (moveEtag === null) throw new HttpError(409, "postInProgress", "Another lead is posting the summary right now. Wait a few seconds; it will show as posted, and you can update it then.", undefined, 3);
      let moved;
      try {
        moved = await deps.poster.create(serviceUrl, ref.tenantId, channel.channelId, card);
      } catch (err) {
        // Nothing new in Teams: the old post stands as it was, the next press tries again.
        await deps.posts.store(ref, moveEtag, prior.lastRequestId, prior);
        if (err instanceof ChannelPostError) throw teamsRefusal(err);
        throw err;
      }
      const earlier = [{ channelId: prior.channelId, conversationId: prior.conversationId, activityId: prior.activityId, postedAt: prior.postedAt }, ...(prior.earlier ?? [])].slice(0, EARLIER_POSTS_MAX);
      const post: SummaryPost = { channelId: channel.channelId, ...moved, serviceUrl, postedAt: deps.now(), postedBy: by, updatedAt: null, updatedBy: null, lastRequestId: id, earlier };
      if (!(await deps.posts.store(ref, moveEtag, id, post))) console.warn(`The summary of meeting ${ref.meetingId} was posted to a new channel but its claim was taken over.`);
      return sendJson(res, 200, answer(post, "posted", channel.channelName, false));
    }
    if (claim.kind === "posted") {
      const prior = claim.post;
      try {
        await deps.poster.update(prior.serviceUrl, { conversationId: prior.conversationId, activityId: prior.activityId }, card);
      } catch (err) {
        if (err instanceof ChannelPostError) throw teamsRefusal(err);
        throw err;
      }
      const updated: SummaryPost = { ...prior, updatedAt: deps.now(), updatedBy: by, lastRequestId: id };
      // Another update written meanwhile is as good as ours (the message shows whichever Teams took last).
      await deps.posts.store(ref, claim.etag, id, updated);
      return sendJson(res, 200, answer(updated, "updated", channel.channelName, false));
    }

    let message;
    try {
      message = await deps.poster.create(serviceUrl, ref.tenantId, channel.channelId, card);
    } catch (err) {
      await deps.posts.release(ref, claim.etag);
      if (err instanceof ChannelPostError) throw teamsRefusal(err);
      throw err;
    }
    const post: SummaryPost = { channelId: channel.channelId, ...message, serviceUrl, postedAt: deps.now(), postedBy: by, updatedAt: null, updatedBy: null, lastRequestId: id };
    if (!(await deps.posts.store(ref, claim.etag, id, post))) console.warn(`The summary of meeting ${ref.meetingId} was posted but its claim was taken over; a later post may make a second message.`);
    sendJson(res, 200, answer(post, "posted", channel.channelName, false));
  });
}
