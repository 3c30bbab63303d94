/**
 * @module The meeting's ratings: one entity per rater in the meeting's partition of the `meetings` table (RowKey
 * `r.<b64url user id>`), holding their last score and comment, written only with its ETag (a conflict reloads and
 * tries again). The rating ids the rater sent recently are kept on the entity, so a retried request (same id) is a
 * duplicate, never applied over a newer rating. The summary is one range query over `r.` rows.
 */
import type { TableClient } from "@azure/data-tables";
import type { MeetingRef } from "../../../shared/src/meeting/state.js";
import { RATING_LIMITS, summarizeRatings, type MyRating, type RatingSummary } from "../../../shared/src/rating/rating.js";
import { encodeKey, meetingPartition } from "./keys.js";
import { entityOrNull, restStatus } from "./tables.js";

/** Base64url has no '.': `r.` rows cannot collide with `state`, `c.…`, `setup`, `u.…` or `ev.…`. */
const ratingRow = (userId: string): string => `r.${encodeKey(userId)}`;
const RECENT_IDS = 20;
const MAX_ATTEMPTS = 20;

interface RatingEntity {
  partitionKey: string;
  rowKey: string;
  score: number;
  /** Empty string = no comment (Table Storage has no null). */
  comment: string;
  at: number;
  /** JSON array of the rater's recent rating ids. */
  ids: string;
}

export interface RateResult {
  readonly mine: MyRating;
  readonly duplicate: boolean;
}

const mineOf = (e: Pick<RatingEntity, "score" | "comment" | "at">): MyRating => ({ score: e.score, comment: e.comment === "" ? null : e.comment, at: e.at });

export class RatingStore {
  constructor(
    private readonly table: TableClient,
    private readonly now: () => number = Date.now,
  ) {}

  /** Stores the person's rating (their last one counts); an id they sent before changes nothing. */
  async rate(ref: MeetingRef, userId: string, rating: { readonly id: string; readonly score: number; readonly comment: string | null }): Promise<RateResult> {
    const pk = meetingPartition(ref);
    const rk = ratingRow(userId);
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const current = await this.load(pk, rk);
      const ids = current ? (JSON.parse(current.ids) as string[]) : [];
      if (current && ids.includes(rating.id)) return { mine: mineOf(current), duplicate: true };
      const entity: RatingEntity = { partitionKey: pk, rowKey: rk, score: rating.score, comment: rating.comment ?? "", at: this.now(), ids: JSON.stringify([...ids, rating.id].slice(-RECENT_IDS)) };
      try {
        if (current) await this.table.updateEntity(entity, "Replace", { etag: current.etag });
        else await this.table.createEntity(entity);
        return { mine: mineOf(entity), duplicate: false };
      } catch (err) {
        const status = restStatus(err);
        // 409: their first rating was created meanwhile (another tab); 412: changed meanwhile. Look again.
        if (status === 409 || status === 412) continue;
        throw err;
      }
    }
    throw new Error(`Too many concurrent ratings of meeting ${ref.meetingId} by one person; try again.`);
  }

  async mine(ref: MeetingRef, userId: string): Promise<MyRating | null> {
    const e = await this.load(meetingPartition(ref), ratingRow(userId));
    return e ? mineOf(e) : null;
  }

  /** Count and average, and the comments (newest first, without names) for the record. */
  async summary(ref: MeetingRef, commentsMax = 200): Promise<RatingSummary & { readonly comments: string[] }> {
    const pk = meetingPartition(ref).replace(/'/g, "''");
    const rows: Array<Pick<RatingEntity, "score" | "comment" | "at">> = [];
    const pages = this.table.listEntities<RatingEntity>({ queryOptions: { filter: `PartitionKey eq '${pk}' and RowKey ge 'r.' and RowKey lt 'r/'`, select: ["score", "comment", "at"] } }).byPage({ maxPageSize: 1000 });
    for await (const page of pages) {
      for (const e of page) if (Number.isInteger(e.score) && e.score >= RATING_LIMITS.min && e.score <= RATING_LIMITS.max) rows.push(e);
      if (rows.length >= RATING_LIMITS.ratersMax) break;
    }
    const comments = rows
      .filter((r) => r.comment !== "")
      .sort((a, b) => b.at - a.at)
      .slice(0, commentsMax)
      .map((r) => r.comment);
    return { ...summarizeRatings(rows.map((r) => r.score)), comments };
  }

  private async load(pk: string, rk: string): Promise<RatingEntity & { etag: string } | null> {
    return entityOrNull<RatingEntity>(this.table, pk, rk);
  }
}
