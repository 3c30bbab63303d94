/** @module The Teams bot: remembers every conversation it sees (for proactive messages and meeting serviceUrls) and answers messages with the help card. */
import { CardFactory, TeamsActivityHandler, TurnContext, type TurnContext as Ctx } from "botbuilder";
import { cardLocale } from "../../../shared/src/cards/locale.js";
import { helpCard } from "../../../shared/src/cards/help-card.js";
import type { ConversationStore } from "../storage/conversation-store.js";

export class OkrBot extends TeamsActivityHandler {
  constructor(private readonly conversations: ConversationStore) {
    super();
    this.onMessage(async (context, next) => {
      const card = helpCard(cardLocale(context.activity.locale));
      await context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
      await next();
    });
  }

  override async run(context: Ctx): Promise<void> {
    await this.remember(context);
    await super.run(context);
  }

  private async remember(context: Ctx): Promise<void> {
    const activity = context.activity;
    const channelData = (activity.channelData ?? {}) as { tenant?: { id?: string }; meeting?: { id?: string } };
    const tenantId = channelData.tenant?.id ?? activity.conversation?.tenantId;
    if (!tenantId) return;
    await this.conversations.remember(tenantId, TurnContext.getConversationReference(activity), channelData.meeting?.id);
  }
}
