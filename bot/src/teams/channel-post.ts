/**
 * @module Posts a card to a team's channel and updates it later, through the Bot Connector with the bot's credentials
 * (the adapter's own connector client, as every proactive post here). The first post is Teams' "create conversation
 * in a channel" (what `TeamsInfo.sendMessageToTeamsChannel` sends: `POST /v3/conversations` with
 * `channelData.channel.id`), called on the connector client directly because botbuilder's helper drops the new
 * activity's id, which the update needs; the update is `updateActivity` (`PUT /v3/conversations/{id}/activities/{id}`).
 */
import { CardFactory, type CloudAdapter, type ConversationParameters, type TurnContext } from "botbuilder";
import type { AdaptiveCard } from "../../../shared/src/cards/card-types.js";

export interface ChannelMessage {
  readonly conversationId: string;
  readonly activityId: string;
}

/** Teams said no: `status` is Teams' HTTP status (403/404: the bot is not in the team; 429: too many messages). */
export class ChannelPostError extends Error {
  constructor(
    message: string,
    readonly status: number | undefined,
    readonly retryAfterSeconds: number | undefined,
  ) {
    super(message);
  }
}

export interface ChannelPoster {
  create(serviceUrl: string, tenantId: string, channelId: string, card: AdaptiveCard): Promise<ChannelMessage>;
  update(serviceUrl: string, message: ChannelMessage, card: AdaptiveCard): Promise<void>;
}

/** The slice of botframework-connector's ConnectorClient used here (it is botbuilder's dependency, not ours). */
interface ConversationsClient {
  readonly conversations: { createConversation(parameters: ConversationParameters): Promise<{ id?: string; activityId?: string }> };
}

export const statusOf = (err: unknown): number | undefined => (typeof err === "object" && err !== null && "statusCode" in err && typeof err.statusCode === "number" ? err.statusCode : undefined);

export function retryAfterOf(err: unknown): number | undefined {
  const response = typeof err === "object" && err !== null && "response" in err ? err.response : undefined;
  const headers = typeof response === "object" && response !== null && "headers" in response ? response.headers : undefined;
  const value = typeof headers === "object" && headers !== null && "get" in headers && typeof headers.get === "function" ? (headers.get as (n: string) => unknown).call(headers, "retry-after") : undefined;
  const seconds = typeof value === "string" ? Number(value) : NaN;
  return Number.isFinite(seconds) && seconds >= 0 ? Math.min(Math.ceil(seconds), 300) : undefined;
}

export function channelPoster(adapter: CloudAdapter, appId: string): ChannelPoster {
  /** Runs `logic` in a proactive turn; Teams' refusal comes back as a ChannelPostError (caught inside: no apology posted). */
  const turn = async <T>(serviceUrl: string, conversationId: string, logic: (context: TurnContext) => Promise<T>): Promise<T> => {
    let result: { value: T } | null = null;
    let failure: unknown = null;
    await adapter.continueConversationAsync(appId, { channelId: "msteams", serviceUrl, conversation: { id: conversationId, isGroup: true, conversationType: "channel", name: "" } }, async (context) => {
      try {
        result = { value: await logic(context) };
      } catch (err) {
        failure = err;
      }
    });
    if (failure !== null || result === null) throw new ChannelPostError(failure instanceof Error ? failure.message : "Teams did not answer.", statusOf(failure), retryAfterOf(failure));
    return (result as { value: T }).value;
  };
  return {
    create: (serviceUrl, tenantId, channelId, card) =>
      turn(serviceUrl, channelId, async (context) => {
        const client = context.turnState.get<ConversationsClient>(context.adapter.ConnectorClientKey);
        const created = await client.conversations.createConversation({
          isGroup: true,
          channelData: { channel: { id: channelId }, tenant: { id: tenantId } },
          tenantId,
          activity: { type: "message", attachments: [CardFactory.adaptiveCard(card)] },
        } as ConversationParameters);
        if (!created.id || !created.activityId) throw new Error("Teams created the post but did not say its id.");
        return { conversationId: created.id, activityId: created.activityId };
      }),
    update: (serviceUrl, message, card) =>
      turn(serviceUrl, message.conversationId, async (context) => {
        await context.updateActivity({ type: "message", id: message.activityId, conversation: { id: message.conversationId, isGroup: true, conversationType: "channel", name: "" }, attachments: [CardFactory.adaptiveCard(card)] });
      }),
  };
}
