/**
 * @module Where a meeting's summary was posted: one row `summaryPost` in the meeting's own partition of the `meetings`
 * table (beside its state), written only with its ETag. A first post **claims** the row (create; a second creator gets
 * 409) before it asks Teams, so two leads pressing "Post" together make exactly one channel message; the row then holds
 * the posted activity and conversation ids, and every later post of the occurrence updates that activity.
 */
import type { TableClient } from "@azure/data-tables";
import type { MeetingRef } from "../../../shared/src/meeting/state.js";
import { meetingPartition } from "./keys.js";
import { entityOrNull, restStatus } from "./tables.js";

const ROW = "summaryPost";
/** A claim older than this belongs to a post that died half-way (process killed): another post may take it over. */
export const CLAIM_TTL_MS = 30_000;

export interface PostedBy {
  readonly userId: string;
  readonly name: string;
}

/** A message of the summary left in a channel the lead chose earlier: never edited again (docs/SUMMARY.md). */
export interface EarlierPost {
  readonly channelId: string;
  readonly conversationId: string;
  readonly activityId: string;
  readonly postedAt: number;
}

/** How many earlier channels' messages a post remembers (newest first); a lead who changes channel more often than this loses only the oldest notes. */
export const EARLIER_POSTS_MAX = 10;

/** A summary in the channel. */
export interface SummaryPost {
  readonly channelId: string;
  readonly conversationId: string;
  readonly activityId: string;
  readonly serviceUrl: string;
  readonly postedAt: number;
  readonly postedBy: PostedBy;
  /** The latest update (null: never updated), and by whom. */
  readonly updatedAt: number | null;
  readonly updatedBy: PostedBy | null;
  /** The last request id that posted or updated it (a retry of it is answered from here). */
  readonly lastRequestId: string;
  /** The messages in channels chosen before this one (newest first), left as they are; absent = none. */
  readonly earlier?: readonly EarlierPost[];
}

interface PostEntity {
  partitionKey: string;
  rowKey: string;
  /** "claimed" while the first post is with Teams, "posted" after. */
  state: string;
  claimId: string;
  claimedAt: number;
  /** The SummaryPost as JSON once posted (a few hundred characters). */
  post?: string;
}

export type Claim =
  | { readonly kind: "claimed"; readonly etag: string }
  | { readonly kind: "posted"; readonly post: SummaryPost; readonly etag: string }
  | { readonly kind: "busy"; readonly since: number };

export class SummaryPostStore {
  constructor(
    private readonly table: TableClient,
    private readonly now: () => number = Date.now,
  ) {}

  async get(ref: MeetingRef): Promise<SummaryPost | null> {
    const e = await this.load(ref);
    // A move to another channel under way still has its post (the old channel's message stands until the new one is made).
    return e?.entity.post ? (JSON.parse(e.entity.post) as SummaryPost) : null;
  }

  /**
   * Claims a post to another channel than `prior`'s, over the posted row (its `etag`): the row keeps `prior` while
   * Teams is asked, so a post that dies half-way leaves the old post standing. Null when someone else wrote first.
   */
  async claimMove(ref: MeetingRef, etag: string, requestId: string, prior: SummaryPost): Promise<string | null> {
    const entity: PostEntity = { partitionKey: meetingPartition(ref), rowKey: ROW, state: "claimed", claimId: requestId, claimedAt: this.now(), post: JSON.stringify(prior) };
    try {
      return (await this.table.updateEntity(entity, "Replace", { etag })).etag ?? "";
    } catch (err) {
      if (restStatus(err) === 412 || restStatus(err) === 404) return null;
      throw err;
    }
  }

  /** Claims the first post for `requestId`, or says where the summary already is, or that another post is under way. */
  async claim(ref: MeetingRef, requestId: string): Promise<Claim> {
    const pk = meetingPartition(ref);
    for (let attempt = 0; attempt < 10; attempt++) {
      const current = await this.load(ref);
      const entity: PostEntity = { partitionKey: pk, rowKey: ROW, state: "claimed", claimId: requestId, claimedAt: this.now() };
      try {
        if (!current) {
          const r = await this.table.createEntity(entity);
          return { kind: "claimed", etag: r.etag ?? "" };
        }
        if (current.entity.state === "posted" && current.entity.post) return { kind: "posted", post: JSON.parse(current.entity.post) as SummaryPost, etag: current.etag };
        if (this.now() - current.entity.claimedAt < CLAIM_TTL_MS) return { kind: "busy", since: current.entity.claimedAt };
        // A move to another channel that died half-way: the old post still stands; the caller decides again from it.
        if (current.entity.post) return { kind: "posted", post: JSON.parse(current.entity.post) as SummaryPost, etag: current.etag };
        const r = await this.table.updateEntity(entity, "Replace", { etag: current.etag });
        return { kind: "claimed", etag: r.etag ?? "" };
      } catch (err) {
        const status = restStatus(err);
        if (status === 409 || status === 412) continue;
        throw err;
      }
    }
    return { kind: "busy", since: this.now() };
  }

  /** Stores the post over our claim (or over the previous post, for an update); false when someone else wrote first. */
  async store(ref: MeetingRef, etag: string, requestId: string, post: SummaryPost): Promise<boolean> {
    const entity: PostEntity = { partitionKey: meetingPartition(ref), rowKey: ROW, state: "posted", claimId: requestId, claimedAt: this.now(), post: JSON.stringify(post) };
    try {
      await this.table.updateEntity(entity, "Replace", { etag });
      return true;
    } catch (err) {
      if (restStatus(err) === 412 || restStatus(err) === 404) return false;
      throw err;
    }
  }

  /** Gives a claim back after Teams refused the post: nothing is stored as posted, the next press tries again. */
  async release(ref: MeetingRef, etag: string): Promise<void> {
    try {
      await this.table.deleteEntity(meetingPartition(ref), ROW, { etag });
    } catch (err) {
      if (restStatus(err) !== 412 && restStatus(err) !== 404) throw err;
    }
  }

  private async load(ref: MeetingRef): Promise<{ readonly entity: PostEntity; readonly etag: string } | null> {
    const e = await entityOrNull<PostEntity>(this.table, meetingPartition(ref), ROW);
    return e && { entity: e, etag: e.etag };
  }
}
