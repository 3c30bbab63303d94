/**
 * @module SIR items in Table Storage: one entity per item in its series' partition, written only with its
 * ETag. A conflict (412/409) reloads and decides again; a command id seen on the item before is not applied again.
 *
 * Beside the items (RowKey `sir-…`) the partition holds two kinds of bookkeeping rows, written in the same entity
 * group transaction as the item, so they can never disagree with it, whichever instance writes:
 * - `~series`, the series' counter: `count` is the number of live items (neither withdrawn nor deleted). Every
 *   create, withdrawal and deletion of a live item moves it with its ETag, so the cap (`SIR_LIMITS.itemsPerSeries`)
 *   holds however many instances create, withdraw and delete at once. A counter from before it counted live items
 *   (no `live` flag) or a series without one is recounted from the item rows by the next such write. Creates still
 *   count the live item rows too (keys only, up to the cap): that only catches items written around the counter.
 *   Each create also counts the author's open items (`author` property, `SIR_LIMITS.openItemsPerAuthor`); every
 *   create moves the counter, so that count cannot be outrun by a parallel create either. Items stored before the
 *   `author` property existed do not count toward anyone's quota.
 * - A deleted item stays as a tombstone row without content (status `deleted`), so a retried command is recognised;
 *   `list` does not return it.
 * - `c.<item>.<command id>`, one per command applied to an item (with the item id and the time): a command resent
 *   however much later is answered as a retry, not applied again. The item's `recent` ids are only the fast path.
 *   These rows are kept for the series' lifetime (nothing deletes SIR rows yet): one small row per applied command,
 *   never read by `list`, which reads only the item rows' key range.
 */
import { odata, type TableClient, type TransactionAction } from "@azure/data-tables";
import type { SirCommand } from "../../../shared/src/sir/commands.js";
import { decideSir, type SirActor, type SirError } from "../../../shared/src/sir/decide.js";
import { SIR_LIMITS, sirItemIdFor, type SirItem } from "../../../shared/src/sir/item.js";
import { KeyedQueue } from "./keyed-queue.js";
import { encodeKey } from "./keys.js";
import { entityOrNull, restStatus } from "./tables.js";

const MAX_ATTEMPTS = 20;
/** Applied command ids kept per item: enough for any retry window, small enough to stay a tiny property. */
const RECENT_IDS = 64;
/** A string property holds at most 64 KiB (32K UTF-16 characters); the item stays clear of it. */
const MAX_ITEM_JSON = SIR_LIMITS.itemJsonMax;

interface SirEntity {
  partitionKey: string;
  rowKey: string;
  version: number;
  status: string;
  item: string;
  /** The last applied command ids, oldest first: `["id", …]`. */
  recent: string;
  /** The author's user id, for the per-author quota (items stored before it existed have none). */
  author?: string;
}

/** The series' counter row (`COUNTER_ROW`). */
interface CounterEntity {
  partitionKey: string;
  rowKey: string;
  count: number;
  /** True once `count` counts live items; before, it counted every item row. */
  live?: boolean;
}

/** A command applied to an item, kept so a late retry is recognised (`commandRow`). */
interface CommandEntity {
  partitionKey: string;
  rowKey: string;
  itemId: string;
  at: number;
}

interface Counter {
  readonly count: number;
  /** Null when the series has no counter row yet (stored before it existed, or empty). */
  readonly etag: string | null;
  /** `count` counts live items (a counter written before that counted every item row: recount). */
  readonly live: boolean;
}

interface Loaded {
  readonly item: SirItem;
  readonly etag: string;
  readonly recent: readonly string[];
}

/** Why the store refused, beyond the domain's own reasons. */
export type SirStoreError =
  | SirError
  /** The caller edited from an older version; `current` is what is stored now. */
  | { readonly code: "stale"; readonly message: string; readonly current: SirItem }
  | { readonly code: "seriesFull"; readonly message: string }
  /** The author has `SIR_LIMITS.openItemsPerAuthor` open items in the series already. */
  | { readonly code: "authorFull"; readonly message: string };

export type SirStoreResult = { readonly ok: true; readonly item: SirItem; readonly changed: boolean } | { readonly ok: false; readonly error: SirStoreError };

export interface SirExecuteOptions {
  /** Optimistic concurrency for people: refuse with `stale` unless the stored item still has this version. */
  readonly expectedVersion?: number;
}

export class SirStorageConflictError extends Error {}

/** One partition per series of a tenant, so listing a series is one partition query. */
export function sirPartition(tenantId: string, seriesId: string): string {
  return `s.${encodeKey(tenantId)}.${encodeKey(seriesId)}`;
}

const COUNTER_ROW = "~series";
/** Every item's RowKey starts so (`sirItemIdFor`); the bookkeeping rows sort outside this range. */
const ITEM_PREFIX = sirItemIdFor("");
const ITEM_PREFIX_END = ITEM_PREFIX.slice(0, -1) + String.fromCharCode(ITEM_PREFIX.charCodeAt(ITEM_PREFIX.length - 1) + 1);

const isItemRow = (rowKey: string): boolean => rowKey.startsWith(ITEM_PREFIX);
const itemRowsOf = (pk: string): string => odata`PartitionKey eq ${pk} and RowKey ge ${ITEM_PREFIX} and RowKey lt ${ITEM_PREFIX_END}`;
/** Items that count toward the series cap. */
const liveRowsOf = (pk: string): string => `${itemRowsOf(pk)} and status ne 'withdrawn' and status ne 'deleted'`;
const authorOpenRowsOf = (pk: string, userId: string): string => `${itemRowsOf(pk)} and status eq 'open' and ${odata`author eq ${userId}`}`;
/** Counts toward the series cap. */
const isLive = (item: SirItem | null): boolean => item !== null && item.status !== "withdrawn" && item.status !== "deleted";
/** Base64url has no '.', so item and command id cannot run into each other. */
const commandRow = (itemId: string, commandId: string): string => `c.${encodeKey(itemId)}.${encodeKey(commandId)}`;

/** The item a command is about; a create names its item after the command id, so a retry finds it. */
function targetOf(command: SirCommand): string {
  return command.type === "createSir" ? sirItemIdFor(command.id) : command.itemId;
}

export class SirStore {
  /** Per-item queue: commands for one item run one after another in this instance, so instances contend only with each other. */
  private readonly queue = new KeyedQueue();

  private readonly listeners = new Set<(tenantId: string, seriesId: string, item: SirItem) => void>();

  constructor(
    private readonly table: TableClient,
    private readonly now: () => number = Date.now,
  ) {}

  /** Called after every stored change, whoever made it (panel or chat): the service fans it out to open panels. */
  onChange(listener: (tenantId: string, seriesId: string, item: SirItem) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The series' items, oldest first; at most `SIR_LIMITS.itemsPerSeries` (creation is refused beyond it). */
  async list(tenantId: string, seriesId: string): Promise<SirItem[]> {
    const pk = sirPartition(tenantId, seriesId);
    // Live items first (at most the cap); withdrawn ones, which are not capped, only fill what is left. Never deleted ones.
    const items = await this.query(liveRowsOf(pk), SIR_LIMITS.itemsPerSeries);
    if (items.length < SIR_LIMITS.itemsPerSeries) items.push(...(await this.query(`${itemRowsOf(pk)} and status eq 'withdrawn'`, SIR_LIMITS.itemsPerSeries - items.length)));
    return items.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
  }

  /** The series' counter: how many live items it holds (tests, diagnostics). */
  async liveCount(tenantId: string, seriesId: string): Promise<number> {
    const pk = sirPartition(tenantId, seriesId);
    const counter = await this.loadCounter(pk);
    return counter.live ? counter.count : this.countUpTo(liveRowsOf(pk), SIR_LIMITS.itemsPerSeries);
  }

  private async query(filter: string, limit: number): Promise<SirItem[]> {
    const items: SirItem[] = [];
    if (limit <= 0) return items;
    for await (const page of this.table.listEntities<SirEntity>({ queryOptions: { filter, select: ["item"] } }).byPage({ maxPageSize: limit })) {
      for (const entity of page) {
        if (items.length >= limit) break;
        items.push(JSON.parse(entity.item) as SirItem);
      }
      if (items.length >= limit) break;
    }
    return items;
  }

  async get(tenantId: string, seriesId: string, itemId: string): Promise<SirItem | null> {
    return (await this.load(sirPartition(tenantId, seriesId), itemId))?.item ?? null;
  }

  execute(tenantId: string, seriesId: string, command: SirCommand, actor: SirActor, options: SirExecuteOptions = {}): Promise<SirStoreResult> {
    // Every create of a series moves its counter row, so creates queue per series: in parallel they would only fail
    // each other's ETag. Other instances still contend, through that ETag.
    const key = command.type === "createSir" ? COUNTER_ROW : targetOf(command);
    return this.queue.run(`${sirPartition(tenantId, seriesId)}\n${key}`, () => this.executeNow(tenantId, seriesId, command, actor, options));
  }

  private async executeNow(tenantId: string, seriesId: string, command: SirCommand, actor: SirActor, options: SirExecuteOptions): Promise<SirStoreResult> {
    const pk = sirPartition(tenantId, seriesId);
    const itemId = targetOf(command);
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const loaded = await this.load(pk, itemId);
      // A retried command (same id) answers with the item as it is, even if it changed since. The command rows are
      // only written with the item, so an item not (yet) stored has none to look up.
      if (loaded && (loaded.recent.includes(command.id) || (await this.applied(pk, itemId, command.id)))) return { ok: true, item: loaded.item, changed: false };
      if (loaded && options.expectedVersion !== undefined && command.type !== "createSir" && loaded.item.version !== options.expectedVersion) {
        return { ok: false, error: { code: "stale", message: `The item is at version ${loaded.item.version}, not ${options.expectedVersion}.`, current: loaded.item } };
      }
      const creating = !loaded && command.type === "createSir";
      // The counter first, then the rows: whatever is created, withdrawn or deleted after this read moves the counter,
      // so our write (conditional on this ETag) fails and we count again. Counted the other way round, a change in between
      // would be counted by one and not the other.
      const counter = creating ? await this.loadCounter(pk) : null;
      const rows = creating ? await this.countUpTo(liveRowsOf(pk), SIR_LIMITS.itemsPerSeries) : 0;
      const authorOpen = creating ? await this.countUpTo(authorOpenRowsOf(pk, actor.person.userId), SIR_LIMITS.openItemsPerAuthor) : 0;
      // The counter decides (its ETag makes the write fail if anyone created meanwhile). The rows counted guard against
      // items written around it, by an instance still on an older version, and heal the counter then.
      const count = creating ? Math.max(counter?.live ? counter.count : 0, rows) : 0;
      if (creating && count >= SIR_LIMITS.itemsPerSeries) {
        return { ok: false, error: { code: "seriesFull", message: `The series already holds ${SIR_LIMITS.itemsPerSeries} SIR items.` } };
      }
      if (creating && authorOpen >= SIR_LIMITS.openItemsPerAuthor) {
        return { ok: false, error: { code: "authorFull", message: `You already have ${SIR_LIMITS.openItemsPerAuthor} open SIR items in this series. Finish or withdraw one first.` } };
      }

      const decision = decideSir(loaded?.item ?? null, command, actor, { now: this.now(), tenantId, seriesId });
      if (!decision.ok) return decision;
      if (!decision.changed && !loaded) return decision;

      // A command that changes nothing still records its id, so a retry after a later change cannot act on it.
      const recent = [...(loaded?.recent ?? []), command.id].slice(-RECENT_IDS);
      const entity = this.toEntity(pk, decision.item, recent);
      if (!entity.ok) return entity;
      const applied: CommandEntity = { partitionKey: pk, rowKey: commandRow(itemId, command.id), itemId, at: this.now() };
      // A second instance applying the same command at the same time fails on this row (409) and then finds it.
      const actions: TransactionAction[] = [loaded ? ["update", { ...entity.entity }, "Replace", { etag: loaded.etag }] : ["create", { ...entity.entity }], ["create", { ...applied }]];
      if (!loaded) {
        const next: CounterEntity = { partitionKey: pk, rowKey: COUNTER_ROW, count: count + 1, live: true };
        // No counter row yet: creating it fails (409) if another instance created it meanwhile, with its own count.
        actions.push(counter?.etag ? ["update", { ...next }, "Replace", { etag: counter.etag }] : ["create", { ...next }]);
      } else if (isLive(loaded.item) && !isLive(decision.item)) {
        // Withdrawn or deleted: one live item fewer. Read here, as late as possible; its ETag orders this with every create.
        const current = await this.loadCounter(pk);
        const live = current.live ? current.count : await this.countUpTo(liveRowsOf(pk), SIR_LIMITS.itemsPerSeries);
        const next: CounterEntity = { partitionKey: pk, rowKey: COUNTER_ROW, count: Math.max(0, live - 1), live: true };
        actions.push(current.etag ? ["update", { ...next }, "Replace", { etag: current.etag }] : ["create", { ...next }]);
      }
      try {
        await this.table.submitTransaction(actions);
      } catch (err) {
        const status = restStatus(err);
        // 412: another instance wrote first; 409: another instance created it first. Either way, decide again on theirs.
        if (status === 412 || status === 409) {
          await new Promise((r) => setTimeout(r, Math.random() * Math.min(200, 5 * 2 ** attempt)));
          continue;
        }
        throw err;
      }
      if (decision.changed) for (const listener of this.listeners) listener(tenantId, seriesId, decision.item);
      return decision;
    }
    throw new SirStorageConflictError(`Too many concurrent changes to SIR item ${itemId}; try again.`);
  }

  private async load(pk: string, itemId: string): Promise<Loaded | null> {
    // Ids are checked at the edge already; this keeps a bookkeeping row from ever being read as an item.
    if (!isItemRow(itemId)) return null;
    const entity = await entityOrNull<SirEntity>(this.table, pk, itemId);
    return entity && { item: JSON.parse(entity.item) as SirItem, etag: entity.etag, recent: JSON.parse(entity.recent) as string[] };
  }

  /** True when the command was applied to the item before, however many commands ago. */
  private async applied(pk: string, itemId: string, commandId: string): Promise<boolean> {
    return (await entityOrNull<CommandEntity>(this.table, pk, commandRow(itemId, commandId), { queryOptions: { select: ["itemId"] } })) !== null;
  }

  /** The series' counter; `live: false` when there is none yet or it predates counting live items (then recount). */
  private async loadCounter(pk: string): Promise<Counter> {
    const entity = await entityOrNull<CounterEntity>(this.table, pk, COUNTER_ROW);
    return entity ? { count: entity.count, etag: entity.etag, live: entity.live === true } : { count: 0, etag: null, live: false };
  }

  /** Counts the rows matching `filter` (keys only), stopping at `limit`. */
  private async countUpTo(filter: string, limit: number): Promise<number> {
    let n = 0;
    const pages = this.table.listEntities({ queryOptions: { filter, select: ["RowKey"] } }).byPage({ maxPageSize: limit });
    for await (const page of pages) {
      n += page.length;
      if (n >= limit) break;
    }
    return n;
  }

  private toEntity(pk: string, item: SirItem, recent: readonly string[]): { ok: true; entity: SirEntity } | { ok: false; error: SirError } {
    const json = JSON.stringify(item);
    // The domain checks the same limit; the store checks again because this is where the 64 KiB property limit bites.
    if (json.length > MAX_ITEM_JSON) return { ok: false, error: { code: "tooLarge", message: `The item would be ${json.length} characters when stored, more than ${MAX_ITEM_JSON}.` } };
    return { ok: true, entity: { partitionKey: pk, rowKey: item.id, version: item.version, status: item.status, item: json, recent: JSON.stringify(recent), author: item.author.userId } };
  }
}
