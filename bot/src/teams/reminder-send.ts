/**
 * @module Proactive 1:1 messages for action reminders, through the Bot Connector with the bot's credentials: into the
 * user's stored personal conversation (`continueConversationAsync`), or, when the bot has none, a new 1:1
 * conversation with the user and tenant (`createConversationAsync`, whose reference is then kept). Teams' answer comes
 * back as an outcome: sent, rate-limited (429 with its Retry-After), unreachable (403/404: the app is not installed
 * for the user, or they left), or failed.
 */
import { CardFactory, type CloudAdapter, type ConversationParameters, type ConversationReference, TurnContext } from "botbuilder";
import type { AdaptiveCard } from "../../../shared/src/cards/card-types.js";
import { cardLocale, type CardLocale } from "../../../shared/src/cards/locale.js";
import type { ConversationStore } from "../storage/conversation-store.js";
import { retryAfterOf, statusOf } from "./channel-post.js";

export type SendOutcome =
  | { readonly kind: "sent" }
  | { readonly kind: "rateLimited"; readonly retryAfterSeconds: number }
  | { readonly kind: "unreachable"; readonly status: number }
  | { readonly kind: "failed"; readonly message: string };

/** Sends the card built for the user's language (their 1:1 chat's last locale, else the team chat's, else English). */
export type PersonalSender = (tenantId: string, seriesId: string, userId: string, card: (locale: CardLocale) => AdaptiveCard) => Promise<SendOutcome>;

/** The Bot Framework's audience for calls to the channel. */
const CHANNEL_AUDIENCE = "https://api.botframework.com";

function outcomeOf(err: unknown): SendOutcome {
  const status = statusOf(err);
  if (status === 429) return { kind: "rateLimited", retryAfterSeconds: retryAfterOf(err) ?? 30 };
  if (status === 403 || status === 404) return { kind: "unreachable", status };
  return { kind: "failed", message: err instanceof Error ? err.message : String(err) };
}

export function personalSender(adapter: CloudAdapter, appId: string, conversations: ConversationStore, defaultServiceUrl: () => string | null): PersonalSender {
  return async (tenantId, seriesId, userId, card) => {
    const personal = await conversations.forUser(tenantId, userId);
    const team = await conversations.forConversation(tenantId, seriesId);
    const locale = cardLocale(personal?.locale ?? team?.locale ?? "en");
    const activity = { type: "message", attachments: [CardFactory.adaptiveCard(card(locale))] };
    let failure: unknown = null;
    // Caught inside the turn: an escaping error would make the adapter post an apology into the chat.
    const logic = async (context: TurnContext): Promise<void> => {
      try {
        await context.sendActivity(activity);
      } catch (err) {
        failure = err;
      }
    };
    try {
      if (personal?.conversation?.id && personal.serviceUrl) {
        await adapter.continueConversationAsync(appId, personal, logic);
      } else {
        const serviceUrl = team?.serviceUrl ?? defaultServiceUrl();
        if (!serviceUrl) return { kind: "failed", message: "No Bot Connector URL is known for this tenant yet." };
        const parameters = {
          isGroup: false,
          bot: { id: appId ? `28:${appId}` : "28:okr-bot", name: "OKR result meeting" },
          // Teams takes the user's Entra object id here; the tenant says whose directory it is in.
          members: [{ id: userId }],
          tenantId,
          channelData: { tenant: { id: tenantId } },
        } as ConversationParameters;
        await adapter.createConversationAsync(appId, "msteams", serviceUrl, CHANNEL_AUDIENCE, parameters, async (context) => {
          const reference: Partial<ConversationReference> = { ...TurnContext.getConversationReference(context.activity), user: { id: userId, aadObjectId: userId, name: "" }, locale };
          reference.conversation = { ...context.activity.conversation, conversationType: "personal", tenantId };
          await logic(context);
          if (failure === null) await conversations.rememberPersonal(tenantId, userId, reference);
        });
      }
    } catch (err) {
      return outcomeOf(err);
    }
    return failure === null ? { kind: "sent" } : outcomeOf(failure);
  };
}
