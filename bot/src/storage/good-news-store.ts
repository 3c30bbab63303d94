/**
 * @module A meeting's good news in Table Storage: in the meeting's own partition of the `meetings` table, one entity
 * per item (RowKey `gn-…`), written only with its ETag. A conflict (412/409) reloads and decides again.
 *
 * Beside the items the partition holds bookkeeping rows, written in the same entity group transaction as the item, so
 * they never disagree with it, whichever instance writes:
 * - `g~count`: the meeting's items (not deleted) in total and per author. Every add and delete moves it with its ETag,
 *   so the limits (`GOOD_NEWS_LIMITS.perAuthor`, `perMeeting`) hold however many instances write at once.
 * - `g.c.<item>.<command id>`, one per applied command: a command resent however much later is a retry, not applied again.
 * - A deleted item stays as a tombstone without content, so a retried command is recognised; `list` leaves it out.
 * None of the meeting's other rows (`state`, `c.…`, `r.…`, `u.…`, `setup`, `summaryPost`, `ev.…`) starts with `g`.
 */
import { odata, type TableClient, type TransactionAction } from "@azure/data-tables";
import type { GoodNewsCommand } from "../../../shared/src/goodnews/commands.js";
import { decideGoodNews, goodNewsTargetOf, type GoodNewsActor, type GoodNewsContext, type GoodNewsError } from "../../../shared/src/goodnews/decide.js";
import { GOOD_NEWS_LIMITS, isLiveGoodNews, type GoodNewsItem } from "../../../shared/src/goodnews/model.js";
import type { MeetingRef } from "../../../shared/src/meeting/state.js";
import { KeyedQueue } from "./keyed-queue.js";
import { encodeKey, meetingPartition } from "./keys.js";
import { entityOrNull, restStatus } from "./tables.js";

const MAX_ATTEMPTS = 20;
const RECENT_IDS = 32;
const COUNTER_ROW = "g~count";
const ITEMS_FROM = "gn-";
const ITEMS_TO = "gn.";
const commandRow = (itemId: string, commandId: string): string => `g.c.${encodeKey(itemId)}.${encodeKey(commandId)}`;

interface ItemEntity {
  partitionKey: string;
  rowKey: string;
  version: number;
  deleted: boolean;
  item: string;
  recent: string;
}

interface CounterEntity {
  partitionKey: string;
  rowKey: string;
  total: number;
  /** JSON: user id → items (not deleted). */
  authors: string;
}

interface Counts {
  readonly total: number;
  readonly authors: Readonly<Record<string, number>>;
}

export type GoodNewsStoreResult = { readonly ok: true; readonly item: GoodNewsItem; readonly changed: boolean } | { readonly ok: false; readonly error: GoodNewsError };

export class GoodNewsStorageConflictError extends Error {}

/** What the decision needs beyond the item (the store adds the clock and the counts). */
export type GoodNewsScope = Pick<GoodNewsContext, "board"> & { readonly ref: MeetingRef };

export interface GoodNewsStoreOptions {
  readonly now?: () => number;
  /** Lower limits (tests). */
  readonly limits?: GoodNewsContext["limits"];
}

export class GoodNewsStore {
  private readonly queue = new KeyedQueue();
  private readonly listeners = new Set<(ref: MeetingRef, item: GoodNewsItem) => void>();
  private readonly now: () => number;

  constructor(
    private readonly table: TableClient,
    private readonly options: GoodNewsStoreOptions = {},
  ) {
    this.now = options.now ?? Date.now;
  }

  /** Called after every stored change: the service fans it out to the meeting's open panels. */
  onChange(listener: (ref: MeetingRef, item: GoodNewsItem) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The meeting's items (not deleted), in storage order; `goodNewsForMeeting` puts them in the method's. */
  async list(ref: MeetingRef): Promise<GoodNewsItem[]> {
    const pk = meetingPartition(ref);
    const out: GoodNewsItem[] = [];
    const filter = odata`PartitionKey eq ${pk} and RowKey ge ${ITEMS_FROM} and RowKey lt ${ITEMS_TO} and deleted eq false`;
    for await (const entity of this.table.listEntities<ItemEntity>({ queryOptions: { filter, select: ["item"] } })) out.push(JSON.parse(entity.item) as GoodNewsItem);
    return out;
  }

  async get(ref: MeetingRef, itemId: string): Promise<GoodNewsItem | null> {
    return (await this.load(meetingPartition(ref), itemId))?.item ?? null;
  }

  execute(scope: GoodNewsScope, command: GoodNewsCommand, actor: GoodNewsActor): Promise<GoodNewsStoreResult> {
    const pk = meetingPartition(scope.ref);
    // Adds and deletes move the meeting's counter: in one instance they queue per meeting; edits queue per item.
    const key = command.type === "editGoodNews" ? command.itemId : COUNTER_ROW;
    return this.queue.run(`${pk}\n${key}`, () => this.executeNow(pk, scope, command, actor));
  }

  private async executeNow(pk: string, scope: GoodNewsScope, command: GoodNewsCommand, actor: GoodNewsActor): Promise<GoodNewsStoreResult> {
    const itemId = goodNewsTargetOf(command);
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const loaded = await this.load(pk, itemId);
      if (loaded && (loaded.recent.includes(command.id) || (await this.applied(pk, itemId, command.id)))) return { ok: true, item: loaded.item, changed: false };
      const counter = command.type === "editGoodNews" ? null : await this.loadCounter(pk);
      const counts: Counts = counter?.counts ?? (command.type === "editGoodNews" ? { total: 0, authors: {} } : await this.countRows(pk));
      const decision = decideGoodNews(loaded?.item ?? null, command, actor, {
        now: this.now(),
        tenantId: scope.ref.tenantId,
        meetingId: scope.ref.meetingId,
        board: scope.board,
        meetingCount: counts.total,
        authorCount: counts.authors[actor.person.userId] ?? 0,
        ...(this.options.limits ? { limits: this.options.limits } : {}),
      });
      if (!decision.ok || !decision.changed) return decision;

      const actions: TransactionAction[] = [];
      const delta = (isLiveGoodNews(decision.item) ? 1 : 0) - (isLiveGoodNews(loaded?.item ?? null) ? 1 : 0);
      if (delta !== 0) {
        const author = decision.item.author.userId;
        const authors = { ...counts.authors, [author]: Math.max(0, (counts.authors[author] ?? 0) + delta) };
        if (authors[author] === 0) delete authors[author];
        const next: CounterEntity = { partitionKey: pk, rowKey: COUNTER_ROW, total: Math.max(0, counts.total + delta), authors: JSON.stringify(authors) };
        actions.push(counter ? ["update", { ...next }, "Replace", { etag: counter.etag }] : ["create", { ...next }]);
      }
      const json = JSON.stringify(decision.item);
      if (json.length > GOOD_NEWS_LIMITS.itemJsonMax) return { ok: false, error: { code: "tooLarge", message: `The item would be ${json.length} characters when stored.` } };
      const entity: ItemEntity = { partitionKey: pk, rowKey: decision.item.id, version: decision.item.version, deleted: decision.item.deletedAt !== null, item: json, recent: JSON.stringify([...(loaded?.recent ?? []), command.id].slice(-RECENT_IDS)) };
      // A second instance applying the same command at the same time fails on this row (409) and then finds it.
      actions.push(loaded ? ["update", { ...entity }, "Replace", { etag: loaded.etag }] : ["create", { ...entity }], ["create", { partitionKey: pk, rowKey: commandRow(itemId, command.id), itemId, at: this.now() }]);
      try {
        await this.table.submitTransaction(actions);
      } catch (err) {
        const status = restStatus(err);
        if (status === 412 || status === 409) {
          await new Promise((r) => setTimeout(r, Math.random() * Math.min(200, 5 * 2 ** attempt)));
          continue;
        }
        throw err;
      }
      for (const listener of this.listeners) listener(scope.ref, decision.item);
      return decision;
    }
    throw new GoodNewsStorageConflictError(`Too many concurrent changes to good news ${itemId}; try again.`);
  }

  private async load(pk: string, itemId: string): Promise<{ item: GoodNewsItem; etag: string; recent: string[] } | null> {
    // Ids are checked at the edge already; this keeps a bookkeeping row from ever being read as an item.
    if (!itemId.startsWith(ITEMS_FROM)) return null;
    const e = await entityOrNull<ItemEntity>(this.table, pk, itemId);
    return e && { item: JSON.parse(e.item) as GoodNewsItem, etag: e.etag, recent: JSON.parse(e.recent) as string[] };
  }

  private async applied(pk: string, itemId: string, commandId: string): Promise<boolean> {
    return (await entityOrNull(this.table, pk, commandRow(itemId, commandId), { queryOptions: { select: ["itemId"] } })) !== null;
  }

  private async loadCounter(pk: string): Promise<{ counts: Counts; etag: string } | null> {
    const e = await entityOrNull<CounterEntity>(this.table, pk, COUNTER_ROW);
    return e && { counts: { total: e.total, authors: JSON.parse(e.authors) as Record<string, number> }, etag: e.etag };
  }

  /** Without a counter (the meeting's first add): counted from the items; the counter's create then settles any race. */
  private async countRows(pk: string): Promise<Counts> {
    const authors: Record<string, number> = {};
    let total = 0;
    const filter = odata`PartitionKey eq ${pk} and RowKey ge ${ITEMS_FROM} and RowKey lt ${ITEMS_TO} and deleted eq false`;
    for await (const e of this.table.listEntities<ItemEntity>({ queryOptions: { filter, select: ["item"] } })) {
      const item = JSON.parse(e.item) as GoodNewsItem;
      total++;
      authors[item.author.userId] = (authors[item.author.userId] ?? 0) + 1;
    }
    return { total, authors };
  }
}
