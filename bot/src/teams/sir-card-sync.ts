/**
 * @module Keeps SIR cards in chat up to date: after any stored change (from the panel or from chat) the
 * card posted for the item is replaced with everyone's current view, through the Bot Connector.
 * A change made in chat also replaces the card in its own turn (bot.ts): that is what turns a new item's
 * form into its read view before this store knows where the card is; for later chat edits the card is
 * replaced twice with the same content, which costs one extra request and keeps one path for the panel.
 */
import { CardFactory, type CloudAdapter } from "botbuilder";
import type { SirItem } from "../../../shared/src/sir/item.js";
import type { SirCardStore } from "../storage/sir-card-store.js";
import type { SirHandler } from "./sir-handler.js";

export function sirCardSync(adapter: CloudAdapter, appId: string, cards: SirCardStore, handler: SirHandler) {
  return async (item: SirItem): Promise<void> => {
    const ref = await cards.get(item.tenantId, item.seriesId, item.id);
    if (!ref) return;
    const card = await handler.sharedCard(ref.locale, ref.personal, item);
    let failure: unknown = null;
    await adapter.continueConversationAsync(appId, ref.reference, async (context) => {
      // Caught inside the turn: an escaping error would make the adapter post an apology into the chat.
      try {
        await context.updateActivity({ id: ref.activityId, type: "message", attachments: [CardFactory.adaptiveCard(card)] });
      } catch (err) {
        failure = err;
      }
    });
    if (failure) console.warn("Could not update the SIR card in chat", failure instanceof Error ? failure.message : failure);
  };
}
