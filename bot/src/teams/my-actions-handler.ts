/**
 * @module "My actions" in chat: `actions` / `mine` / `mina` (and `my actions`, `mine tiltak`, `mina åtgärder`, …)
 * answers a card with the sender's open actions across their meetings; "Mark done" on it marks one done as the sender,
 * through the action store and so through `decideAction` (only an owner may, here: a chat has no meeting role). A
 * forged or stale action gets a card that says what is wrong and changes nothing. Every answer is the refreshed list.
 * No botbuilder here: bot.ts turns activities into a turn and carries the card back.
 */
import { createHash, randomUUID } from "node:crypto";
import { z } from "zod";
import { ActionId } from "../../../shared/src/actions/commands.js";
import { MY_ACTIONS_LIMITS } from "../../../shared/src/actions/my-actions.js";
import { CARD_SCHEMA, CARD_VERSION, type AdaptiveCard } from "../../../shared/src/cards/card-types.js";
import type { CardLocale } from "../../../shared/src/cards/locale.js";
import { escapeCardMarkdown } from "../../../shared/src/cards/markdown.js";
import { MY_ACTIONS_VERBS, myActionsCard, type MyActionsVerb } from "../../../shared/src/cards/my-actions-card.js";
import { MY_ACTIONS_CARD_TEXT } from "../../../shared/src/cards/my-actions-text.js";
import { SirSeriesId } from "../../../shared/src/sir/commands.js";
import { loadMyActions } from "../http/my-actions-api.js";
import { ActionStorageConflictError, type ActionStore } from "../storage/action-store.js";
import type { KpiStore } from "../storage/kpi-store.js";
import type { MembersStore } from "../storage/members-store.js";
import type { KpiTurn } from "./kpi-handler.js";
import { messageWords } from "./sir-handler.js";

export interface MyActionsHandlerDeps {
  readonly actions: ActionStore;
  readonly kpi: KpiStore;
  readonly members: MembersStore;
  readonly now?: () => number;
}

const WORDS = new Set(["actions", "my actions", "mine", "mina", "tiltak", "mine tiltak", "åtgärder", "mina åtgärder"]);

/** True for a message asking for the list: "actions", "mine", "mina", "mine tiltak", "mina åtgärder", any case, @mentions removed. */
export function isMyActionsRequest(text: string | undefined): boolean {
  return WORDS.has(messageWords(text));
}

const VERBS: readonly string[] = Object.values(MY_ACTIONS_VERBS);
export const isMyActionsVerb = (verb: unknown): verb is MyActionsVerb => typeof verb === "string" && VERBS.includes(verb);

const CardActionValue = z.object({
  action: z.object({ type: z.literal("Action.Execute"), verb: z.enum([MY_ACTIONS_VERBS.done, MY_ACTIONS_VERBS.refresh]), data: z.unknown().optional() }),
});
const DoneData = z.object({ seriesId: SirSeriesId, actionId: ActionId });

export class MyActionsHandler {
  private readonly now: () => number;

  constructor(private readonly deps: MyActionsHandlerDeps) {
    this.now = deps.now ?? Date.now;
  }

  static identityError(locale: CardLocale): AdaptiveCard {
    return messageCard(locale, MY_ACTIONS_CARD_TEXT[locale].noIdentity);
  }

  /** The sender's list, with a notice on top. Never throws. */
  async cardFor(turn: KpiTurn, notice?: { text: string; attention: boolean }): Promise<AdaptiveCard> {
    try {
      const { actions, total } = await loadMyActions(this.deps, turn.tenantId, turn.user.userId, MY_ACTIONS_LIMITS.maxLimit);
      return myActionsCard({ locale: turn.locale, userId: turn.user.userId, actions, total, now: this.now(), ...(notice ? { notice } : {}) });
    } catch (err) {
      console.error("My actions card failed", err);
      return messageCard(turn.locale, MY_ACTIONS_CARD_TEXT[turn.locale].unavailable);
    }
  }

  /** An `adaptiveCard/action` with a my-actions verb (or an old client's Action.Submit fallback). Never throws. */
  async cardAction(turn: KpiTurn, value: unknown): Promise<AdaptiveCard> {
    const t = MY_ACTIONS_CARD_TEXT[turn.locale];
    const parsed = CardActionValue.safeParse(value);
    if (!parsed.success) return this.cardFor(turn, { text: t.notAnAction, attention: true });
    if (parsed.data.action.verb === MY_ACTIONS_VERBS.refresh) return this.cardFor(turn);
    const data = DoneData.safeParse(parsed.data.action.data);
    if (!data.success) return this.cardFor(turn, { text: t.notAnAction, attention: true });
    const { seriesId, actionId } = data.data;
    try {
      // The tenant is the turn's (Teams'); the series and action only say which one. The domain decides who may.
      const { board, people } = await this.deps.kpi.loadBoard(turn.tenantId, seriesId);
      const before = await this.deps.actions.get(turn.tenantId, seriesId, actionId);
      const result = await this.deps.actions.execute(
        { tenantId: turn.tenantId, seriesId, timeZone: board.settings.timeZone, people },
        { id: this.commandId(turn, seriesId, actionId), type: "setActionStatus", actionId, status: "done" },
        { person: turn.user, isLead: false },
      );
      if (!result.ok) {
        const code = result.error.code;
        const says = code === "notOwner" && before ? t.notOwner(before.title) : code === "deleted" ? t.deleted : t.gone;
        return this.cardFor(turn, { text: says, attention: true });
      }
      return this.cardFor(turn, { text: result.changed ? t.markedDone(result.action.title) : t.alreadyDone(result.action.title), attention: false });
    } catch (err) {
      if (!(err instanceof ActionStorageConflictError)) console.error("Mark done from chat failed", err);
      return messageCard(turn.locale, t.unavailable);
    }
  }

  /** Named after the invoke and the action: Teams redelivering the same invoke writes once. Random without an activity id. */
  private commandId(turn: KpiTurn, seriesId: string, actionId: string): string {
    const basis = turn.activityId ?? randomUUID();
    return `chat-${createHash("sha256").update(`${turn.tenantId}\n${seriesId}\n${turn.user.userId}\n${basis}\n${actionId}`).digest("base64url").slice(0, 32)}`;
  }
}

function messageCard(locale: CardLocale, message: string): AdaptiveCard {
  return {
    type: "AdaptiveCard",
    $schema: CARD_SCHEMA,
    version: CARD_VERSION,
    body: [
      { type: "TextBlock", text: escapeCardMarkdown(MY_ACTIONS_CARD_TEXT[locale].heading), weight: "Bolder", size: "Medium", wrap: true },
      { type: "TextBlock", text: escapeCardMarkdown(message), color: "Attention", wrap: true },
    ],
  };
}
