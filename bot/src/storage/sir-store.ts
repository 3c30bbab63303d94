/**
 * @module SIR items in Table Storage: one entity per item in its series' partition, written only with its
 * ETag. A conflict (412) reloads and decides again; a command id seen on the item before is not applied again.
 */
import { odata, type TableClient } from "@azure/data-tables";
import type { SirCommand } from "../../../shared/src/sir/commands.js";
import { decideSir, type SirActor, type SirError } from "../../../shared/src/sir/decide.js";
import { SIR_LIMITS, sirItemIdFor, type SirItem } from "../../../shared/src/sir/item.js";
import { KeyedQueue } from "./keyed-queue.js";
import { encodeKey } from "./keys.js";
import { restStatus } from "./tables.js";

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
  | { readonly code: "seriesFull"; readonly message: string };

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
    const items: SirItem[] = [];
    const pages = this.table
      .listEntities<SirEntity>({ queryOptions: { filter: odata`PartitionKey eq ${sirPartition(tenantId, seriesId)}`, select: ["item"] } })
      .byPage({ maxPageSize: SIR_LIMITS.itemsPerSeries });
    for await (const page of pages) {
      for (const entity of page) {
        if (items.length >= SIR_LIMITS.itemsPerSeries) break;
        items.push(JSON.parse(entity.item) as SirItem);
      }
      if (items.length >= SIR_LIMITS.itemsPerSeries) break;
    }
    return items.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
  }

  async get(tenantId: string, seriesId: string, itemId: string): Promise<SirItem | null> {
    return (await this.load(sirPartition(tenantId, seriesId), itemId))?.item ?? null;
  }

  execute(tenantId: string, seriesId: string, command: SirCommand, actor: SirActor, options: SirExecuteOptions = {}): Promise<SirStoreResult> {
    return this.queue.run(`${sirPartition(tenantId, seriesId)}\n${targetOf(command)}`, () => this.executeNow(tenantId, seriesId, command, actor, options));
  }

  private async executeNow(tenantId: string, seriesId: string, command: SirCommand, actor: SirActor, options: SirExecuteOptions): Promise<SirStoreResult> {
    const pk = sirPartition(tenantId, seriesId);
    const itemId = targetOf(command);
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const loaded = await this.load(pk, itemId);
      // A retried command (same id) answers with the item as it is, even if it changed since.
      if (loaded?.recent.includes(command.id)) return { ok: true, item: loaded.item, changed: false };
      if (loaded && options.expectedVersion !== undefined && command.type !== "createSir" && loaded.item.version !== options.expectedVersion) {
        return { ok: false, error: { code: "stale", message: `The item is at version ${loaded.item.version}, not ${options.expectedVersion}.`, current: loaded.item } };
      }
      if (!loaded && command.type === "createSir" && (await this.countUpTo(pk, SIR_LIMITS.itemsPerSeries)) >= SIR_LIMITS.itemsPerSeries) {
        return { ok: false, error: { code: "seriesFull", message: `The series already holds ${SIR_LIMITS.itemsPerSeries} SIR items.` } };
      }

      const decision = decideSir(loaded?.item ?? null, command, actor, { now: this.now(), tenantId, seriesId });
      if (!decision.ok) return decision;
      if (!decision.changed && !loaded) return decision;

      // A command that changes nothing still records its id, so a retry after a later change cannot act on it.
      const recent = [...(loaded?.recent ?? []), command.id].slice(-RECENT_IDS);
      const entity = this.toEntity(pk, decision.item, recent);
      if (!entity.ok) return entity;
      try {
        if (loaded) await this.table.updateEntity(entity.entity, "Replace", { etag: loaded.etag });
        else await this.table.createEntity(entity.entity);
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
    try {
      const entity = await this.table.getEntity<SirEntity>(pk, itemId);
      return { item: JSON.parse(entity.item) as SirItem, etag: entity.etag, recent: JSON.parse(entity.recent) as string[] };
    } catch (err) {
      if (restStatus(err) === 404) return null;
      throw err;
    }
  }

  /** Counts the partition's rows (keys only), stopping at `limit`. */
  private async countUpTo(pk: string, limit: number): Promise<number> {
    let n = 0;
    const pages = this.table.listEntities({ queryOptions: { filter: odata`PartitionKey eq ${pk}`, select: ["RowKey"] } }).byPage({ maxPageSize: limit });
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
    return { ok: true, entity: { partitionKey: pk, rowKey: item.id, version: item.version, status: item.status, item: json, recent: JSON.stringify(recent) } };
  }
}
