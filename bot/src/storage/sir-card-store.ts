/** @module Where each SIR item's card was posted in chat (conversation reference + activity id), so a change made anywhere can update it. */
import type { TableClient } from "@azure/data-tables";
import type { ConversationReference } from "botbuilder";
import type { CardLocale } from "../../../shared/src/cards/locale.js";
import { encodeKey } from "./keys.js";
import { sirPartition } from "./sir-store.js";
import { entityOrNull } from "./tables.js";

export interface SirCardRef {
  readonly reference: Partial<ConversationReference>;
  readonly activityId: string;
  readonly locale: CardLocale;
  readonly personal: boolean;
}

interface CardEntity {
  partitionKey: string;
  rowKey: string;
  ref: string;
}

/** One card per item is kept: the last chat message that showed it (a re-posted form moves it there). */
export class SirCardStore {
  constructor(private readonly table: TableClient) {}

  async remember(tenantId: string, seriesId: string, itemId: string, ref: SirCardRef): Promise<void> {
    await this.table.upsertEntity<CardEntity>({ partitionKey: sirPartition(tenantId, seriesId), rowKey: encodeKey(itemId), ref: JSON.stringify(ref) }, "Replace");
  }

  async get(tenantId: string, seriesId: string, itemId: string): Promise<SirCardRef | null> {
    const e = await entityOrNull<CardEntity>(this.table, sirPartition(tenantId, seriesId), encodeKey(itemId));
    return e && (JSON.parse(e.ref) as SirCardRef);
  }
}
