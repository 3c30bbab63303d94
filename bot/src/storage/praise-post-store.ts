/**
 * @module Where a praise card was posted: one row per praise item in the meeting's partition of the `meetings` table
 * (RowKey `g.p.<b64url item id>`). The first post is claimed (a conditional create) before Teams is asked, so two
 * requests at once (two clicks, two instances) make one message; the posted message's ids are stored over the claim
 * with its ETag, and every later request answers with them.
 */
import { odata, type TableClient } from "@azure/data-tables";
import type { MeetingRef } from "../../../shared/src/meeting/state.js";
import { encodeKey, meetingPartition } from "./keys.js";
import { entityOrNull, restStatus } from "./tables.js";

/** A claim older than this is a crashed request's: the next one takes it over. */
export const PRAISE_CLAIM_TTL_MS = 30_000;
const rowOf = (itemId: string): string => `g.p.${encodeKey(itemId)}`;

export interface PraisePost {
  readonly itemId: string;
  readonly channelId: string;
  readonly channelName: string;
  readonly conversationId: string;
  readonly activityId: string;
  readonly postedAt: number;
}

interface PostEntity {
  partitionKey: string;
  rowKey: string;
  state: "claimed" | "posted";
  claimedAt: number;
  post?: string;
}

export type PraiseClaim = { readonly kind: "claimed"; readonly etag: string } | { readonly kind: "posted"; readonly post: PraisePost } | { readonly kind: "busy" };

export class PraisePostStore {
  constructor(
    private readonly table: TableClient,
    private readonly now: () => number = Date.now,
  ) {}

  async get(ref: MeetingRef, itemId: string): Promise<PraisePost | null> {
    const e = await this.load(ref, itemId);
    return e?.entity.state === "posted" && e.entity.post ? (JSON.parse(e.entity.post) as PraisePost) : null;
  }

  /** Every praise card of the meeting posted so far (at most one per item). */
  async list(ref: MeetingRef): Promise<PraisePost[]> {
    const pk = meetingPartition(ref);
    const out: PraisePost[] = [];
    const filter = odata`PartitionKey eq ${pk} and RowKey ge ${"g.p."} and RowKey lt ${"g.p/"} and state eq ${"posted"}`;
    for await (const e of this.table.listEntities<PostEntity>({ queryOptions: { filter, select: ["post"] } })) if (e.post) out.push(JSON.parse(e.post) as PraisePost);
    return out;
  }

  /** Claims the post of an item's praise, or says where it is already, or that another request is posting it. */
  async claim(ref: MeetingRef, itemId: string): Promise<PraiseClaim> {
    const entity: PostEntity = { partitionKey: meetingPartition(ref), rowKey: rowOf(itemId), state: "claimed", claimedAt: this.now() };
    for (let attempt = 0; attempt < 10; attempt++) {
      const current = await this.load(ref, itemId);
      try {
        if (!current) return { kind: "claimed", etag: (await this.table.createEntity(entity)).etag ?? "" };
        if (current.entity.state === "posted" && current.entity.post) return { kind: "posted", post: JSON.parse(current.entity.post) as PraisePost };
        if (this.now() - current.entity.claimedAt < PRAISE_CLAIM_TTL_MS) return { kind: "busy" };
        return { kind: "claimed", etag: (await this.table.updateEntity(entity, "Replace", { etag: current.etag })).etag ?? "" };
      } catch (err) {
        const status = restStatus(err);
        if (status === 409 || status === 412) continue;
        throw err;
      }
    }
    return { kind: "busy" };
  }

  /** Stores the posted message over our claim; false when the claim was taken over meanwhile. */
  async store(ref: MeetingRef, etag: string, post: PraisePost): Promise<boolean> {
    try {
      await this.table.updateEntity<PostEntity>({ partitionKey: meetingPartition(ref), rowKey: rowOf(post.itemId), state: "posted", claimedAt: this.now(), post: JSON.stringify(post) }, "Replace", { etag });
      return true;
    } catch (err) {
      if (restStatus(err) === 412 || restStatus(err) === 404) return false;
      throw err;
    }
  }

  /** Gives a claim back after Teams refused the post: nothing is stored as posted, the next request tries again. */
  async release(ref: MeetingRef, itemId: string, etag: string): Promise<void> {
    try {
      await this.table.deleteEntity(meetingPartition(ref), rowOf(itemId), { etag });
    } catch (err) {
      if (restStatus(err) !== 412 && restStatus(err) !== 404) throw err;
    }
  }

  private async load(ref: MeetingRef, itemId: string): Promise<{ entity: PostEntity; etag: string } | null> {
    const e = await entityOrNull<PostEntity>(this.table, meetingPartition(ref), rowOf(itemId));
    return e && { entity: e, etag: e.etag };
  }
}
