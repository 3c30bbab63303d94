/**
 * @module The Teams bot: remembers every conversation it sees (proactive messages, meeting serviceUrls) and who
 * was seen in which series; answers "sir" with the SIR form, "kpi"/"nøkkeltall"/"nyckeltal" with the sender's
 * "Update my KPIs" form, other messages with the help card; SIR card actions and the `prepareSir` messaging
 * extension go through the SIR handler, KPI card actions (kpiOpen/kpiSave/kpiRefresh) through the KPI handler. Card invokes are taken over before
 * botbuilder parses them: a malformed value would make it throw, and the user must get a card, not a failure.
 */
import { CardFactory, TeamsActivityHandler, TeamsInfo, TurnContext, type Activity, type InvokeResponse, type TurnContext as Ctx } from "botbuilder";
import { executeAction, type AdaptiveCard } from "../../../shared/src/cards/card-types.js";
import { helpCard } from "../../../shared/src/cards/help-card.js";
import { cardLocale, type CardLocale } from "../../../shared/src/cards/locale.js";
import { SIR_VERBS } from "../../../shared/src/cards/sir-form-card.js";
import { SIR_TEXT } from "../../../shared/src/cards/sir-text.js";
import { PersonSchema } from "../../../shared/src/sir/commands.js";
import { SIR_LIMITS } from "../../../shared/src/sir/item.js";
import type { ConversationStore } from "../storage/conversation-store.js";
import type { MembersStore, SeriesType } from "../storage/members-store.js";
import type { SirCardStore } from "../storage/sir-card-store.js";
import type { SirItem } from "../../../shared/src/sir/item.js";
import { isKpiRequest, isKpiVerb, KpiHandler } from "./kpi-handler.js";
import { KPI_VERBS } from "../../../shared/src/cards/kpi-card.js";
import { KPI_TEXT } from "../../../shared/src/cards/kpi-text.js";
import { seriesIdOf } from "./meeting-series.js";
import { isMeetingEvent, type MeetingEvents } from "./meeting-events.js";
import { isReminderVerb } from "../../../shared/src/cards/reminder-card.js";
import { ReminderVerbs } from "./reminder-verbs.js";
import { GoodNewsHandler, isGoodNewsRequest, isGoodNewsVerb } from "./good-news-handler.js";
import { isPrioritiesRequest, isPriorityVerb, PrioritiesHandler } from "./priorities-handler.js";
import { ADAPTIVE_CARD_TYPE, isSirRequest, SirHandler, type InvokeReply, type SirTurn } from "./sir-handler.js";
import { isMyActionsRequest, isMyActionsVerb, MyActionsHandler } from "./my-actions-handler.js";
import type { OccurrenceSource } from "../storage/occurrence-store.js";

interface TeamsChannelData {
  readonly tenant?: { readonly id?: unknown };
  readonly meeting?: { readonly id?: unknown };
  readonly team?: { readonly name?: unknown };
  readonly channel?: { readonly name?: unknown };
}

const str = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);


export class OkrBot extends TeamsActivityHandler {
  /** The priorities card flow (see priorities-handler.ts); set by the service once the round service exists. */
  private priorities: PrioritiesHandler | null = null;
  private occurrences: OccurrenceSource | null = null;
  /** "My actions" in chat (`actions` / `mine` / `mina` and its Mark done); set by the app once the action store exists. */
  myActions: MyActionsHandler | null = null;

  constructor(
    private readonly conversations: ConversationStore,
    private readonly members: MembersStore,
    private readonly sir: SirHandler,
    private readonly cards: SirCardStore,
    private readonly kpi: KpiHandler,
    /** Teams' meeting start/end events; absent = ignored. */
    private readonly meetingEvents?: MeetingEvents,
    /** The action reminder card's Mark done / Snooze; absent = not routed. */
    private readonly reminderVerbs?: ReminderVerbs,
    /** Good news from chat; absent = not offered. */
    private readonly goodNews?: GoodNewsHandler,
  ) {
    super();
    this.onMessage(async (context, next) => {
      await context.sendActivity({ attachments: [CardFactory.adaptiveCard(await this.answer(context))] });
      await next();
    });
  }

  usePriorities(handler: PrioritiesHandler): void {
    this.priorities = handler;
  }

  /** Recurring meetings: a meeting chat's turn is about the meeting's current occurrence (docs/OCCURRENCES.md). */
  useOccurrences(occurrences: OccurrenceSource): void {
    this.occurrences = occurrences;
  }

  /** Who acts and where; in a meeting chat, `meetingId` is the current occurrence's (Teams gives every occurrence one id). */
  private async turnOf(activity: Activity): Promise<SirTurn | null> {
    const turn = turnFrom(activity);
    if (!turn?.meetingId || !this.occurrences) return turn;
    const current = await this.occurrences.current({ tenantId: turn.tenantId, meetingId: turn.meetingId });
    return { ...turn, meetingId: current.meetingId };
  }

  override async run(context: Ctx): Promise<void> {
    // A meeting event's conversation is remembered only once Teams has confirmed the meeting (see meeting-events.ts).
    if (!isMeetingEvent(context.activity)) await this.remember(context);
    await super.run(context);
  }

  // Taken over before botbuilder parses the payload: a malformed one would make it throw (a 500 and a log line).
  protected override async onTeamsMeetingStart(context: Ctx): Promise<void> {
    await this.meetingEvent("start", context);
  }

  protected override async onTeamsMeetingEnd(context: Ctx): Promise<void> {
    await this.meetingEvent("end", context);
  }

  private async meetingEvent(kind: "start" | "end", context: Ctx): Promise<void> {
    if (!this.meetingEvents) return;
    const genuine = await this.meetingEvents.handle(kind, context.activity, {
      meetingInfo: (meetingId) => TeamsInfo.getMeetingInfo(context, meetingId),
      send: async (card) => {
        await context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
      },
    });
    if (genuine) await this.remember(context);
  }

  /** Takes over the invokes the SIR flow owns; every other invoke goes to botbuilder as before. */
  protected override async onInvokeActivity(context: Ctx): Promise<InvokeResponse> {
    const activity = context.activity;
    switch (activity.name) {
      case "adaptiveCard/action":
        return this.cardAction(context);
      case "composeExtension/fetchTask":
        return this.withTurn(context, async (turn) => ({ status: 200, body: await this.sir.fetchTask(turn, activity.value) }));
      case "composeExtension/submitAction":
        return this.withTurn(context, async (turn) => ({ status: 200, body: await this.sir.submitAction(turn, activity.value) }));
      default:
        return super.onInvokeActivity(context);
    }
  }

  private async cardAction(context: Ctx): Promise<InvokeResponse> {
    const value: unknown = context.activity.value;
    if (this.reminderVerbs && isReminderVerb(actionVerb(value))) {
      const turn = await this.turnOf(context.activity);
      if (!turn) return cardReply(ReminderVerbs.identityError(cardLocale(context.activity.locale)));
      return cardReply(await this.reminderVerbs.cardAction({ tenantId: turn.tenantId, user: turn.user, locale: turn.locale, activityId: turn.activityId }, value));
    }
    // Good news' card verbs go to its own handler (see good-news-handler.ts).
    if (this.goodNews && isGoodNewsVerb(actionVerb(value))) return cardReply(await this.goodNews.cardAction(await this.turnOf(context.activity), cardLocale(context.activity.locale), value));
    if (this.priorities && isPriorityVerb(actionVerb(value))) {
      const turn = await this.turnOf(context.activity);
      return cardReply(turn ? await this.priorities.cardAction(turn, value) : PrioritiesHandler.identityError(cardLocale(context.activity.locale)));
    }
    if (this.myActions && isMyActionsVerb(actionVerb(value))) {
      const turn = await this.turnOf(context.activity);
      if (!turn) return cardReply(MyActionsHandler.identityError(cardLocale(context.activity.locale)));
      return cardReply(await this.myActions.cardAction(turn, value));
    }
    if (isKpiVerb(actionVerb(value))) {
      const turn = await this.turnOf(context.activity);
      if (!turn) return cardReply(KpiHandler.identityError(cardLocale(context.activity.locale)));
      return cardReply(await this.kpi.cardAction(turn, value));
    }
    return this.withTurn(context, async (turn) => {
      const outcome = await this.sir.cardAction(turn, context.activity.value);
      if (outcome.shared) await this.updateSharedCard(context, outcome.shared);
      if (outcome.item && context.activity.replyToId) await this.rememberCard(context, outcome.item, context.activity.replyToId);
      return cardReply(outcome.card);
    });
  }

  /** The reply to a message: the SIR form, the KPI form, the result of an old client's Action.Submit fallback, or the help card. */
  private async answer(context: Ctx): Promise<AdaptiveCard> {
    const activity = context.activity;
    const locale = cardLocale(activity.locale);
    const value: unknown = activity.value;
    const fallbackVerb = typeof value === "object" && value !== null && "verb" in value ? (value as { verb: unknown }).verb : undefined;
    if (this.reminderVerbs && isReminderVerb(fallbackVerb)) {
      // A reminder card's Action.Submit fallback (clients without Universal Actions): routed like the invoke.
      const turn = await this.turnOf(activity);
      if (!turn) return ReminderVerbs.identityError(locale);
      const { verb: _verb, ...data } = value as Record<string, unknown>;
      return this.reminderVerbs.cardAction({ tenantId: turn.tenantId, user: turn.user, locale: turn.locale, activityId: turn.activityId }, { action: { type: "Action.Execute", verb: fallbackVerb, data } });
    }
    // "good news" / "godt nytt" / "goda nyheter", and its card's Action.Submit fallback: the good-news handler's.
    if (this.goodNews && (isGoodNewsVerb(fallbackVerb) || (fallbackVerb === undefined && isGoodNewsRequest(activity.text)))) return this.goodNews.answer(await this.turnOf(activity), locale, value);
    if (isKpiVerb(fallbackVerb) || (fallbackVerb === undefined && isKpiRequest(activity.text))) {
      const turn = await this.turnOf(activity);
      if (!turn) return KpiHandler.identityError(locale);
      if (!isKpiVerb(fallbackVerb)) return this.kpi.cardFor(turn);
      // Clients without Universal Actions send the Action.Execute fallback as a message: route it like the invoke.
      const { verb: _verb, ...data } = value as Record<string, unknown>;
      return this.kpi.cardAction(turn, { action: { type: "Action.Execute", verb: fallbackVerb, data } });
    }
    if (this.priorities && (isPriorityVerb(fallbackVerb) || (fallbackVerb === undefined && isPrioritiesRequest(activity.text)))) {
      const turn = await this.turnOf(activity);
      if (!turn) return PrioritiesHandler.identityError(locale);
      if (!isPriorityVerb(fallbackVerb)) return this.priorities.form(turn);
      const { verb: _verb, ...data } = value as Record<string, unknown>;
      return this.priorities.cardAction(turn, { action: { type: "Action.Execute", verb: fallbackVerb, data } });
    }
    if (this.myActions && (isMyActionsVerb(fallbackVerb) || (fallbackVerb === undefined && isMyActionsRequest(activity.text)))) {
      const turn = await this.turnOf(activity);
      if (!turn) return MyActionsHandler.identityError(locale);
      if (!isMyActionsVerb(fallbackVerb)) return this.myActions.cardFor(turn);
      const { verb: _verb, ...data } = value as Record<string, unknown>;
      return this.myActions.cardAction(turn, { action: { type: "Action.Execute", verb: fallbackVerb, data } });
    }
    if (isSirRequest(activity.text) || typeof fallbackVerb === "string") {
      const turn = await this.turnOf(activity);
      if (!turn) return SirHandler.identityError(locale);
      if (typeof fallbackVerb !== "string") return this.sir.newForm(turn);
      // Clients without Universal Actions send the Action.Execute fallback as a message: route it like the invoke.
      const { verb: _verb, ...data } = value as Record<string, unknown>;
      const outcome = await this.sir.cardAction(turn, { action: { type: "Action.Execute", verb: fallbackVerb, data } });
      return outcome.card;
    }
    return withPrepareSirButton(helpCard(locale), locale);
  }

  /** Replaces the card of the message the action came from, for everyone; a failure only costs the others' view, not the user's action. */
  private async updateSharedCard(context: Ctx, card: AdaptiveCard): Promise<void> {
    const id = context.activity.replyToId;
    if (!id) return;
    try {
      await context.updateActivity({ id, type: "message", attachments: [CardFactory.adaptiveCard(card)] });
    } catch (err) {
      console.warn("Could not update the shared SIR card", err instanceof Error ? err.message : err);
    }
  }

  /** Keeps where the item's card is, so a change from the panel updates it too (see sir-card-sync.ts). */
  private async rememberCard(context: Ctx, item: SirItem, activityId: string): Promise<void> {
    const turn = await this.turnOf(context.activity);
    if (!turn) return;
    await this.cards.remember(item.tenantId, item.seriesId, item.id, {
      reference: TurnContext.getConversationReference(context.activity),
      activityId,
      locale: turn.locale,
      personal: turn.personal,
    });
  }

  private async withTurn(context: Ctx, handle: (turn: SirTurn) => Promise<InvokeReply>): Promise<InvokeResponse> {
    const turn = await this.turnOf(context.activity);
    if (!turn) return cardReply(SirHandler.identityError(cardLocale(context.activity.locale)));
    return handle(turn);
  }

  private async remember(context: Ctx): Promise<void> {
    const activity = context.activity;
    const channelData = (activity.channelData ?? {}) as TeamsChannelData;
    const tenantId = str(channelData.tenant?.id) ?? activity.conversation?.tenantId;
    if (!tenantId) return;
    await this.conversations.remember(tenantId, TurnContext.getConversationReference(activity), str(channelData.meeting?.id));
    await this.rememberMember(activity, tenantId, channelData);
  }

  /** Notes the series the sender was seen in, so their 1:1 chat can offer it; best effort, it must not cost them this turn. */
  private async rememberMember(activity: Activity, tenantId: string, channelData: TeamsChannelData): Promise<void> {
    const conversation = activity.conversation;
    const userId = activity.from?.aadObjectId;
    if (!conversation?.id || !userId || conversation.conversationType === "personal") return;
    const seriesId = seriesIdOf(conversation.id);
    if (seriesId.length > SIR_LIMITS.seriesIdMax) return;
    const meetingId = str(channelData.meeting?.id);
    const type: SeriesType = meetingId ? "meeting" : conversation.conversationType === "channel" ? "channel" : "groupChat";
    const channel = [str(channelData.team?.name), str(channelData.channel?.name)].filter(Boolean).join(" › ");
    const name = str(conversation.name) ?? channel;
    try {
      await this.members.remember(tenantId, userId, { seriesId, name, type });
    } catch (err) {
      console.warn("Could not record the sender's series", err instanceof Error ? err.message : err);
    }
  }
}

/** The verb of an `adaptiveCard/action` value, if it has one (the handlers validate the rest). */
function actionVerb(value: unknown): unknown {
  if (typeof value !== "object" || value === null) return undefined;
  const action = (value as { action?: unknown }).action;
  return typeof action === "object" && action !== null ? (action as { verb?: unknown }).verb : undefined;
}

function cardReply(card: AdaptiveCard): InvokeReply {
  return { status: 200, body: { statusCode: 200, type: ADAPTIVE_CARD_TYPE, value: card } };
}

/** The help card with a button that opens the SIR form (the shared builder has no buttons). */
function withPrepareSirButton(card: AdaptiveCard, locale: CardLocale): AdaptiveCard {
  const button = executeAction({ id: SIR_VERBS.new, title: SIR_TEXT[locale].formTitleNew, verb: SIR_VERBS.new, data: {} });
  // "Update my KPIs" opens the owner's form for this chat's board (the handler takes the series from the conversation).
  const kpis = executeAction({ id: KPI_VERBS.open, title: KPI_TEXT[locale].open, verb: KPI_VERBS.open, data: {} });
  return { ...card, actions: [...(card.actions ?? []), button, kpis] };
}

/** Who acts and where, from what Teams sent (identity never comes from card data); null when Teams did not say who. */
function turnFrom(activity: Activity): SirTurn | null {
  const channelData = (activity.channelData ?? {}) as TeamsChannelData;
  const tenantId = str(channelData.tenant?.id) ?? activity.conversation?.tenantId;
  const conversationId = activity.conversation?.id;
  const person = PersonSchema.safeParse({ userId: activity.from?.aadObjectId, name: ((activity.from?.name ?? "").trim() || "Teams user").slice(0, SIR_LIMITS.personNameMax) });
  if (!tenantId || !conversationId || !person.success) return null;
  return {
    tenantId,
    user: person.data,
    locale: cardLocale(activity.locale),
    conversationId: seriesIdOf(conversationId),
    personal: activity.conversation.conversationType === "personal",
    meetingId: str(channelData.meeting?.id) ?? null,
    activityId: str(activity.id) ?? null,
    messageId: str(activity.replyToId) ?? null,
  };
}
