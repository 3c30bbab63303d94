/**
 * @module Posts a good-news item's praise to the team's channel (the channel chosen in the meeting's set-up) through
 * the existing channel poster, exactly once per item: the post is claimed in Table Storage before Teams is asked, the
 * message's ids are stored after, and every later (or concurrent) request answers with the same message. Used by the
 * panel's API and by the chat form. Teams' refusals come back as codes that say what to do.
 */
import type { CardLocale } from "../../../shared/src/cards/locale.js";
import { praiseCard } from "../../../shared/src/cards/good-news-card.js";
import type { GoodNewsItem } from "../../../shared/src/goodnews/model.js";
import type { MeetingRef } from "../../../shared/src/meeting/state.js";
import type { PraisePost, PraisePostStore } from "../storage/praise-post-store.js";
import type { SetupStore } from "../storage/setup-store.js";
import { ChannelPostError, type ChannelPoster } from "./channel-post.js";

export interface PraisePostDeps {
  readonly setup: SetupStore;
  readonly posts: PraisePostStore;
  readonly poster: ChannelPoster;
  /** The Bot Connector to post through (the one the bot saw this meeting on, else the default); null: none known. */
  readonly serviceUrlOf: (ref: MeetingRef) => Promise<string | null>;
  readonly now: () => number;
  /** How long a request waits for a concurrent one that is posting the same praise (default 15 s). */
  readonly waitMs?: number;
}

export type PraiseFailureCode = "notShared" | "noChannel" | "botNotInTeam" | "teamsRateLimited" | "teamsUnavailable" | "postInProgress";

export type PraiseOutcome =
  | { readonly ok: true; readonly post: PraisePost; readonly duplicate: boolean }
  | { readonly ok: false; readonly code: PraiseFailureCode; readonly status: number; readonly message: string; readonly retryAfterSeconds?: number };

const failure = (code: PraiseFailureCode, status: number, message: string, retryAfterSeconds?: number): PraiseOutcome => ({ ok: false, code, status, message, ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }) });

function refusal(err: ChannelPostError): PraiseOutcome {
  if (err.status === 403 || err.status === 404) return failure("botNotInTeam", 409, "Teams refused the post: the app is not in the channel's team (or was removed). Add the app to the team, then share again.");
  if (err.status === 429) return failure("teamsRateLimited", 429, "Teams is limiting messages to this channel right now. Wait a moment and share again.", err.retryAfterSeconds ?? 10);
  console.warn("Could not post the praise to the channel", err.status ?? "", err.message);
  return failure("teamsUnavailable", 502, "Teams did not accept the praise. Try again in a moment.", 5);
}

/** Posts `item`'s praise (the author chose to share it) to the meeting's channel, or answers where it is already. */
export async function postPraise(deps: PraisePostDeps, ref: MeetingRef, seriesId: string, item: GoodNewsItem, locale: CardLocale): Promise<PraiseOutcome> {
  if (!item.praise?.share || item.deletedAt !== null) return failure("notShared", 409, "The author has not chosen to share this praise outside the meeting.");
  const already = await deps.posts.get(ref, item.id);
  if (already) return { ok: true, post: already, duplicate: true };
  const channel = (await deps.setup.effective(ref, seriesId))?.setup.channel ?? null;
  if (!channel) return failure("noChannel", 409, "No channel is chosen for this meeting. A lead opens the app's settings for the meeting (the configuration page), chooses the team's channel and saves; then share again.");
  const serviceUrl = await deps.serviceUrlOf(ref);
  if (!serviceUrl) return failure("teamsUnavailable", 503, "The bot has not been added to this meeting yet, so it cannot post. Add the app to the meeting chat.", 5);

  const deadline = deps.now() + (deps.waitMs ?? 15_000);
  for (let round = 0; ; round++) {
    const claim = await deps.posts.claim(ref, item.id);
    if (claim.kind === "posted") return { ok: true, post: claim.post, duplicate: true };
    if (claim.kind === "busy") {
      // Another request is posting this praise: wait for its message (or for its claim to go), then answer the same.
      if (deps.now() >= deadline) return failure("postInProgress", 409, "The praise is being shared right now. Wait a few seconds.", 3);
      await new Promise((r) => setTimeout(r, Math.min(250, 25 * 2 ** Math.min(round, 4))));
      continue;
    }
    let message;
    try {
      message = await deps.poster.create(serviceUrl, ref.tenantId, channel.channelId, praiseCard(locale, item));
    } catch (err) {
      await deps.posts.release(ref, item.id, claim.etag);
      if (err instanceof ChannelPostError) return refusal(err);
      throw err;
    }
    const post: PraisePost = { itemId: item.id, channelId: channel.channelId, channelName: channel.channelName, ...message, postedAt: deps.now() };
    if (!(await deps.posts.store(ref, claim.etag, post))) console.warn(`The praise of ${item.id} was posted but its claim was taken over; a later request may post it again.`);
    return { ok: true, post, duplicate: false };
  }
}
