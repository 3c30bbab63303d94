/**
 * @module Which series (team chats, channels, meeting chats) each user has been seen in, most recent first,
 * so the 1:1 chat with the bot can offer them as the place a SIR item is prepared for. One small entity per user.
 */
import type { TableClient } from "@azure/data-tables";
import { encodeKey } from "./keys.js";
import { entityOrNull, restStatus } from "./tables.js";

/** How many series a user can pick from in the 1:1 chat; older ones fall off. */
export const SERIES_PER_USER = 20;
const MAX_NAME = 200;
const MAX_ATTEMPTS = 8;
/** Seeing a user again in the chat they were last seen in, within this window, writes nothing: a conversation must not cost a write per message. */
const REFRESH_MS = 10 * 60_000;
const CACHE_ENTRIES = 10_000;

export type SeriesType = "groupChat" | "channel" | "meeting";

export interface SeenSeries {
  readonly seriesId: string;
  /** The chat's or channel's name as Teams sent it; may be empty (Teams omits untitled chats' names). */
  readonly name: string;
  readonly type: SeriesType;
  /** Last seen (server clock, ms). */
  readonly at: number;
}

interface MemberEntity {
  partitionKey: string;
  rowKey: string;
  /** `SeenSeries[]`, most recent first. */
  series: string;
}

export class MembersStore {
  /** The head of each user's list as this instance last wrote or read it, to skip redundant writes. */
  private readonly heads = new Map<string, SeenSeries>();

  constructor(
    private readonly table: TableClient,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records that the user was seen in the series now (moves it to the front of their list). */
  async remember(tenantId: string, userId: string, series: Omit<SeenSeries, "at">): Promise<void> {
    const name = series.name.trim().slice(0, MAX_NAME);
    const cacheKey = `${tenantId}\n${userId}`;
    const now = this.now();
    const isFresh = (head: SeenSeries | undefined): head is SeenSeries =>
      head !== undefined && head.seriesId === series.seriesId && head.name === name && head.type === series.type && now - head.at < REFRESH_MS;
    if (isFresh(this.heads.get(cacheKey))) return;

    const pk = partitionOf(tenantId);
    const rk = encodeKey(userId);
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const current = await this.load(pk, rk);
      const list = current?.list ?? [];
      const head = list[0];
      if (isFresh(head)) {
        this.cache(cacheKey, head);
        return;
      }
      const seen: SeenSeries = { seriesId: series.seriesId, name, type: series.type, at: now };
      const next: SeenSeries[] = [seen, ...list.filter((s) => s.seriesId !== series.seriesId)].slice(0, SERIES_PER_USER);
      const entity: MemberEntity = { partitionKey: pk, rowKey: rk, series: JSON.stringify(next) };
      try {
        if (current) await this.table.updateEntity(entity, "Replace", { etag: current.etag });
        else await this.table.createEntity(entity);
      } catch (err) {
        const status = restStatus(err);
        // The same user active in two chats at once: read the other write and merge into it.
        if (status === 412 || status === 409) continue;
        throw err;
      }
      this.cache(cacheKey, seen);
      return;
    }
    throw new Error(`Could not record the series of user ${userId} after ${MAX_ATTEMPTS} attempts.`);
  }

  /** The series the user was seen in, most recent first, at most `SERIES_PER_USER`. */
  async seriesOf(tenantId: string, userId: string): Promise<readonly SeenSeries[]> {
    return (await this.load(partitionOf(tenantId), encodeKey(userId)))?.list ?? [];
  }

  private async load(pk: string, rk: string): Promise<{ list: SeenSeries[]; etag: string } | null> {
    const entity = await entityOrNull<MemberEntity>(this.table, pk, rk);
    return entity && { list: JSON.parse(entity.series) as SeenSeries[], etag: entity.etag };
  }

  private cache(key: string, head: SeenSeries): void {
    this.heads.delete(key);
    this.heads.set(key, head);
    if (this.heads.size > CACHE_ENTRIES) {
      const oldest = this.heads.keys().next().value;
      if (oldest !== undefined) this.heads.delete(oldest);
    }
  }
}

/** One partition per tenant; a user's row is read with one point lookup. */
function partitionOf(tenantId: string): string {
  return `u.${encodeKey(tenantId)}`;
}
