/**
 * @module Good news from chat: `good news` / `godt nytt` / `goda nyheter` in the meeting's chat answers the form;
 * its Action.Execute submit stores the item through the same store as the panel (so every open panel gets it live)
 * and, when the author chose to share praise, posts the praise card to the team's channel. Every card payload is
 * validated first; every problem comes back as a card that says what is wrong. No botbuilder here (bot.ts routes).
 */
import { createHash, randomUUID } from "node:crypto";
import { z } from "zod";
import { can } from "../../../shared/src/auth/capabilities.js";
import type { AdaptiveCard } from "../../../shared/src/cards/card-types.js";
import { GOOD_NEWS_VERBS, GOOD_NEWS_VERB_LIST, goodNewsErrorCard, goodNewsFormCard, goodNewsSavedCard, parseGoodNewsSubmission, type GoodNewsFormValues } from "../../../shared/src/cards/good-news-card.js";
import type { CardLocale } from "../../../shared/src/cards/locale.js";
import { linkTitle } from "../../../shared/src/goodnews/meeting-list.js";
import { GOOD_NEWS_CAPABILITY } from "../../../shared/src/goodnews/model.js";
import { GOOD_NEWS_TEXT, goodNewsMessage } from "../../../shared/src/i18n/good-news-text.js";
import type { MeetingRef } from "../../../shared/src/meeting/state.js";
import type { Role } from "../../../shared/src/auth/capabilities.js";
import type { GoodNewsService } from "../http/good-news-api.js";
import { postPraise } from "./praise-post.js";
import type { RoleSource } from "./roles.js";
import { messageWords, type SirTurn } from "./sir-handler.js";

const WORDS = new Set(["good news", "godt nytt", "gode nyheter", "goda nyheter"]);

/** True for a message asking for the good-news form: "good news", "godt nytt", "gode nyheter", "goda nyheter", any case, @mentions removed. */
export function isGoodNewsRequest(text: string | undefined): boolean {
  return WORDS.has(messageWords(text));
}

export function isGoodNewsVerb(verb: unknown): boolean {
  return typeof verb === "string" && GOOD_NEWS_VERB_LIST.includes(verb);
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);
const DataObject = z.custom<Record<string, unknown>>((v) => isRecord(v) && Object.keys(v).length <= 20, "must be an object of at most 20 fields");
const CardActionValue = z.object({ action: z.object({ type: z.literal("Action.Execute"), verb: z.enum([GOOD_NEWS_VERBS.new, GOOD_NEWS_VERBS.submit]), data: DataObject.optional() }) });

export interface GoodNewsHandlerDeps {
  /** The API's service (the same store, so chat changes reach the panels); null until the service has made it. */
  readonly service: () => GoodNewsService | null;
  readonly roles: RoleSource;
}

type Place = { readonly ok: true; readonly ref: MeetingRef; readonly seriesId: string; readonly role: Role } | { readonly ok: false; readonly card: AdaptiveCard };

export class GoodNewsHandler {
  constructor(private readonly deps: GoodNewsHandlerDeps) {}

  /** A chat message: the keyword (a new form) or an old client's Action.Submit fallback (`value` with the verb). */
  async answer(turn: SirTurn | null, locale: CardLocale, value: unknown): Promise<AdaptiveCard> {
    if (isRecord(value) && isGoodNewsVerb(value.verb)) {
      const { verb, ...data } = value;
      return this.cardAction(turn, locale, { action: { type: "Action.Execute", verb, data } });
    }
    if (!turn) return goodNewsErrorCard(locale, GOOD_NEWS_TEXT[locale].cardNoIdentity);
    return this.guard(turn, () => this.newForm(turn));
  }

  /** An `adaptiveCard/action` invoke with one of the good-news verbs. Never throws. */
  async cardAction(turn: SirTurn | null, locale: CardLocale, value: unknown): Promise<AdaptiveCard> {
    if (!turn) return goodNewsErrorCard(locale, GOOD_NEWS_TEXT[locale].cardNoIdentity);
    const parsed = CardActionValue.safeParse(value);
    if (!parsed.success) return goodNewsErrorCard(turn.locale, GOOD_NEWS_TEXT[turn.locale].cardNotAForm);
    const data = parsed.data.action.data ?? {};
    return this.guard(turn, () => (parsed.data.action.verb === GOOD_NEWS_VERBS.new ? this.newForm(turn) : this.submit(turn, data)));
  }

  private async guard(turn: SirTurn, work: () => Promise<AdaptiveCard>): Promise<AdaptiveCard> {
    try {
      return await work();
    } catch (err) {
      // A storage or Teams failure: a card saying to try again, never a failed invoke.
      console.error("Good news card action failed", err);
      return goodNewsErrorCard(turn.locale, GOOD_NEWS_TEXT[turn.locale].cardUnavailable);
    }
  }

  /** The meeting of this chat and the sender's role in it; good news belongs to one meeting, so the 1:1 chat has none. */
  private async place(turn: SirTurn): Promise<Place> {
    const t = GOOD_NEWS_TEXT[turn.locale];
    if (turn.personal || !turn.meetingId) return { ok: false, card: goodNewsErrorCard(turn.locale, t.cardNotInMeeting) };
    const ref: MeetingRef = { tenantId: turn.tenantId, meetingId: turn.meetingId };
    const role = await this.deps.roles.roleOf(ref, turn.user.userId);
    if (!role || !can(role, GOOD_NEWS_CAPABILITY.add)) return { ok: false, card: goodNewsErrorCard(turn.locale, t.cardNotParticipant) };
    return { ok: true, ref, seriesId: turn.conversationId, role };
  }

  private service(): GoodNewsService {
    const service = this.deps.service();
    if (!service) throw new Error("The good-news service is not ready yet.");
    return service;
  }

  private async newForm(turn: SirTurn, values?: GoodNewsFormValues, errors?: readonly string[], formId?: string): Promise<AdaptiveCard> {
    const place = await this.place(turn);
    if (!place.ok) return place.card;
    const { choices } = await this.service().boardOf(turn.tenantId, place.seriesId);
    return goodNewsFormCard({ locale: turn.locale, formId: formId ?? randomUUID(), board: choices, ...(values ? { values } : {}), ...(errors ? { errors } : {}) });
  }

  private async submit(turn: SirTurn, data: Record<string, unknown>): Promise<AdaptiveCard> {
    const t = GOOD_NEWS_TEXT[turn.locale];
    const submission = parseGoodNewsSubmission(data, turn.locale);
    if (!submission.ok) {
      // A form without its id is not ours (or forged): a fresh form; otherwise the same form, as typed, with the problems.
      if (submission.formId === null) return goodNewsErrorCard(turn.locale, t.cardNotAForm);
      return this.newForm(turn, submission.values, submission.errors, submission.formId);
    }
    const place = await this.place(turn);
    if (!place.ok) return place.card;
    const service = this.service();
    const { board, choices } = await service.boardOf(turn.tenantId, place.seriesId);
    // Named after the form and the user: a double click or a Teams retry of one form stores one item.
    const id = createHash("sha256").update(`${turn.tenantId}\n${place.ref.meetingId}\n${turn.user.userId}\n${submission.formId}`).digest("base64url").slice(0, 32);
    const result = await service.store.execute({ ref: place.ref, board }, { id, type: "addGoodNews", fields: submission.fields }, { person: turn.user, isLead: can(place.role, GOOD_NEWS_CAPABILITY.lead) });
    if (!result.ok) return goodNewsFormCard({ locale: turn.locale, formId: submission.formId, board: choices, values: valuesOf(data), errors: [goodNewsMessage(t, result.error.code)] });
    let note: string | null = null;
    if (result.item.praise?.share) {
      const outcome = await postPraise(service.praise, place.ref, place.seriesId, result.item, turn.locale);
      note = outcome.ok ? t.posted(outcome.post.channelName) : goodNewsMessage(t, outcome.code);
    }
    return goodNewsSavedCard({ locale: turn.locale, item: result.item, linkTitle: linkTitle(result.item.link, { objectives: choices.objectives, metrics: choices.metrics }), note });
  }
}

function valuesOf(data: Record<string, unknown>): GoodNewsFormValues {
  const s = (v: unknown) => (typeof v === "string" ? v : undefined);
  return { kind: s(data.kind), text: s(data.text), link: s(data.link), praise: s(data.praise), share: s(data.share) };
}
