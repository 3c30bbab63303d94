/**
 * @module The SIR verbs of the bot (form, submit, edit, withdraw, refresh, the messaging extension): every
 * card payload validated first, then a command through the store, then a card from the pure builders.
 * No botbuilder here: bot.ts turns activities into a `SirTurn` and carries the answers back.
 */
import { createHash, randomUUID } from "node:crypto";
import { z } from "zod";
import { can, type Capability } from "../../../shared/src/auth/capabilities.js";
import type { AdaptiveCard } from "../../../shared/src/cards/card-types.js";
import type { CardLocale } from "../../../shared/src/cards/locale.js";
import { escapeCardMarkdown } from "../../../shared/src/cards/markdown.js";
import { SIR_VERBS, sirFormCard, type SirFormCardOptions, type SirSeriesChoice } from "../../../shared/src/cards/sir-form-card.js";
import { sirErrorCard, sirReadCard } from "../../../shared/src/cards/sir-read-card.js";
import { SIR_TEXT, sirErrorText } from "../../../shared/src/cards/sir-text.js";
import { parseSirSubmission, SirItemId, SirSeriesId, type SirCommand } from "../../../shared/src/sir/commands.js";
import type { SirActor } from "../../../shared/src/sir/decide.js";
import type { Person, SirFields, SirItem } from "../../../shared/src/sir/item.js";
import type { MembersStore, SeenSeries } from "../storage/members-store.js";
import type { SirStore, SirStoreError, SirStoreResult } from "../storage/sir-store.js";
import type { CardViewers } from "./card-viewers.js";
import type { RoleSource } from "./roles.js";

export const ADAPTIVE_CARD_TYPE = "application/vnd.microsoft.card.adaptive";
export const PREPARE_SIR_COMMAND = "prepareSir";

/**
 * The lead's capability. The design names it `sir:handle` (Organizer/Presenter); until the shared capability
 * table has it, the lead is whoever may drive the meeting, which is the same set of roles.
 */
const LEAD_CAPABILITY: Capability = "sir:handle";

/** What the bot knows about the person acting and where, taken from the activity Teams sent (never from card data). */
export interface SirTurn {
  readonly tenantId: string;
  readonly user: Person;
  readonly locale: CardLocale;
  /** The conversation id without `;messageid=…`: the series, unless this is the 1:1 chat. */
  readonly conversationId: string;
  readonly personal: boolean;
  /** `channelData.meeting.id` in a meeting chat. */
  readonly meetingId: string | null;
  /** The activity's id; a redelivered activity carries the same, so it makes the same command id. */
  readonly activityId: string | null;
  /** The message a card action came from (`replyToId`): one form message makes at most one item per user. */
  readonly messageId: string | null;
}

/** The answer to a card action: the card for the person who acted, and after a stored change the card everyone sees. */
export interface SirCardOutcome {
  readonly card: AdaptiveCard;
  /** Replaces the message's card for everyone (the response card reaches only the acting user's client). */
  readonly shared: AdaptiveCard | null;
  /** The item the shared card shows, so later changes (e.g. from the panel) can update that card too. */
  readonly item?: SirItem;
}

export interface InvokeReply {
  readonly status: number;
  readonly body: unknown;
}

export interface SirHandlerDeps {
  readonly store: SirStore;
  readonly members: MembersStore;
  readonly roles: RoleSource;
  /** Who a shared card in a chat is refreshed for besides the author (chat members, leads first); absent = the author only. */
  readonly viewers?: CardViewers;
}

/** Words the shared SIR texts do not have yet: situations only the bot meets. */
const BOT_TEXT: Record<CardLocale, { changedMeanwhile: string; unknownSeries: string; noIdentity: string; seriesFull: string; authorFull: string; unavailable: string; seriesNames: Record<SeenSeries["type"], string> }> = {
  nb: {
    changedMeanwhile: "Noen endret saken mens du redigerte. Her er den gjeldende versjonen; gjør endringene dine på nytt.",
    unknownSeries: "Jeg har ikke sett deg i den chatten. Forbered saken i teamets møtechat (skriv «sir» der).",
    noIdentity: "Teams oppga ikke hvem du er, så jeg kan ikke lagre saken. Prøv igjen fra Teams.",
    seriesFull: "Denne møteserien har allerede 500 SIR-saker. Be en møteleder rydde i gamle saker.",
    authorFull: "Du har allerede 30 åpne SIR-saker i denne møteserien. Fullfør eller trekk tilbake en først.",
    unavailable: "Det gikk ikke å lagre akkurat nå. Prøv igjen om litt.",
    seriesNames: { groupChat: "Gruppechat", channel: "Kanal", meeting: "Møtechat" },
  },
  sv: {
    changedMeanwhile: "Någon ändrade ärendet medan du redigerade. Här är den aktuella versionen; gör dina ändringar igen.",
    unknownSeries: "Jag har inte sett dig i den chatten. Förbered ärendet i teamets mötes-chatt (skriv ”sir” där).",
    noIdentity: "Teams angav inte vem du är, så jag kan inte spara ärendet. Försök igen från Teams.",
    seriesFull: "Den här mötesserien har redan 500 SIR-ärenden. Be en mötesledare rensa bland gamla ärenden.",
    authorFull: "Du har redan 30 öppna SIR-ärenden i den här mötesserien. Slutför eller återkalla ett först.",
    unavailable: "Det gick inte att spara just nu. Försök igen om en stund.",
    seriesNames: { groupChat: "Gruppchatt", channel: "Kanal", meeting: "Möteschatt" },
  },
  en: {
    changedMeanwhile: "Someone changed the item while you were editing. This is the current version; please make your changes again.",
    unknownSeries: "I have not seen you in that chat. Prepare the item in the team's meeting chat (type \"sir\" there).",
    noIdentity: "Teams did not tell me who you are, so I cannot save the item. Please try again from Teams.",
    seriesFull: "This meeting series already holds 500 SIR items. Ask a meeting lead to tidy up old ones.",
    authorFull: "You already have 30 open SIR items in this meeting series. Finish or withdraw one first.",
    unavailable: "Saving did not work just now. Please try again in a moment.",
    seriesNames: { groupChat: "Group chat", channel: "Channel", meeting: "Meeting chat" },
  },
};

const SIR_WORDS = new Set(["sir", "ny sak", "nytt ärende", "new sir", "ny sir"]);

/** True for a message asking for the SIR form: "sir", "ny sak", "nytt ärende", "new sir", "ny sir", any case, @mentions removed. */
export function isSirRequest(text: string | undefined): boolean {
  return SIR_WORDS.has(messageWords(text));
}

/** A chat message as the words a keyword is compared with: @mentions of the bot removed, spaces folded, a final "." or "!" dropped, lower case. */
export function messageWords(text: string | undefined): string {
  return (text ?? "")
    .normalize("NFC")
    .replace(/<at\b[^>]*>[\s\S]*?<\/at>/gi, " ")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/[.!]+$/, "")
    .toLowerCase();
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** An object, checked without zod's record (which would copy keys such as `__proto__` onto a new object). */
const DataObject = z.custom<Record<string, unknown>>((v) => isRecord(v) && Object.keys(v).length <= 40, "must be an object of at most 40 fields");

/** `adaptiveCard/action` as Teams sends it; everything else on the value is ignored. */
const CardActionValue = z.object({
  action: z.object({
    type: z.literal("Action.Execute"),
    verb: z.enum([SIR_VERBS.new, SIR_VERBS.submit, SIR_VERBS.edit, SIR_VERBS.withdraw, SIR_VERBS.refresh]),
    data: DataObject.optional(),
  }),
});

const ItemData = z.object({
  itemId: SirItemId,
  version: z.number().int().min(1).optional(),
  seriesId: SirSeriesId.optional(),
});

const NewData = z.object({ seriesId: SirSeriesId.optional() });

const FetchTaskValue = z.object({ commandId: z.literal(PREPARE_SIR_COMMAND) });
const SubmitActionValue = z.object({ commandId: z.literal(PREPARE_SIR_COMMAND), data: DataObject });

/** What a command was tried on: the item before (null for a create) and the fields the user typed (null when none). */
interface Attempt {
  readonly before: SirItem | null;
  readonly typed: SirFields | null;
}

type Series = { readonly ok: true; readonly seriesId: string } | { readonly ok: false; readonly card: AdaptiveCard };

export class SirHandler {
  constructor(private readonly deps: SirHandlerDeps) {}

  /** The card for a turn whose sender Teams did not identify. */
  static identityError(locale: CardLocale): AdaptiveCard {
    return sirErrorCard({ locale, message: BOT_TEXT[locale].noIdentity });
  }

  /** The empty form: for this conversation's series, or in the 1:1 chat with the series the user was seen in to pick from. */
  async newForm(turn: SirTurn): Promise<AdaptiveCard> {
    const formFor = turn.user.userId;
    if (!turn.personal) return sirFormCard({ locale: turn.locale, formFor });
    return sirFormCard({ locale: turn.locale, formFor, seriesChoices: await this.choices(turn) });
  }

  /** An `adaptiveCard/action` invoke (or the Action.Submit fallback of an old client). Never throws. */
  async cardAction(turn: SirTurn, value: unknown): Promise<SirCardOutcome> {
    const parsed = CardActionValue.safeParse(value);
    if (!parsed.success) return only(this.error(turn, SIR_TEXT[turn.locale].parse.notAForm));
    const { verb } = parsed.data.action;
    const data = parsed.data.action.data ?? {};
    try {
      switch (verb) {
        case SIR_VERBS.new: {
          if (!NewData.safeParse(data).success) return only(this.error(turn, SIR_TEXT[turn.locale].parse.notAForm));
          return only(await this.newForm(turn));
        }
        case SIR_VERBS.submit:
          return await this.submit(turn, data);
        case SIR_VERBS.edit:
        case SIR_VERBS.withdraw:
        case SIR_VERBS.refresh: {
          const item = ItemData.safeParse(data);
          if (!item.success) return only(this.error(turn, SIR_TEXT[turn.locale].parse.staleForm));
          if (verb === SIR_VERBS.edit) return only(await this.edit(turn, item.data));
          if (verb === SIR_VERBS.withdraw) return await this.withdraw(turn, item.data);
          return only(await this.refresh(turn, item.data));
        }
      }
    } catch (err) {
      // A storage or Teams failure: the user gets a card saying to try again, never a failed invoke.
      console.error("SIR card action failed", err);
      return only(this.error(turn, BOT_TEXT[turn.locale].unavailable));
    }
  }

  /** `composeExtension/fetchTask` for the `prepareSir` command: the form in a dialog. */
  async fetchTask(turn: SirTurn, value: unknown): Promise<unknown> {
    if (!FetchTaskValue.safeParse(value).success) return this.task(turn, this.error(turn, SIR_TEXT[turn.locale].parse.notAForm));
    try {
      return this.task(turn, await this.newForm(turn));
    } catch (err) {
      console.error("SIR fetchTask failed", err);
      return this.task(turn, this.error(turn, BOT_TEXT[turn.locale].unavailable));
    }
  }

  /** `composeExtension/submitAction`: store the item and hand the compose box its card, or show the form again with the errors. */
  async submitAction(turn: SirTurn, value: unknown): Promise<unknown> {
    const parsed = SubmitActionValue.safeParse(value);
    if (!parsed.success) return this.task(turn, this.error(turn, SIR_TEXT[turn.locale].parse.notAForm));
    try {
      const outcome = await this.submit(turn, parsed.data.data);
      // Stored: the shared card (everyone's view) goes into the message; otherwise the dialog stays open with the form or the error.
      if (outcome.shared) {
        return { composeExtension: { type: "result", attachmentLayout: "list", attachments: [{ contentType: ADAPTIVE_CARD_TYPE, content: outcome.shared }] } };
      }
      return this.task(turn, outcome.card);
    } catch (err) {
      console.error("SIR submitAction failed", err);
      return this.task(turn, this.error(turn, BOT_TEXT[turn.locale].unavailable));
    }
  }

  private async submit(turn: SirTurn, data: Record<string, unknown>): Promise<SirCardOutcome> {
    const { locale } = turn;
    // A form in a group chat is seen by everyone; it saves only for the user it was opened for.
    if (Object.hasOwn(data, "formFor") && data.formFor !== turn.user.userId) return only(this.error(turn, SIR_TEXT[locale].parse.notYourForm));
    const submission = parseSirSubmission(data, locale);
    const seriesChoices = turn.personal ? await this.choices(turn) : undefined;
    const editing = ItemData.safeParse(data);

    if (!submission.ok) {
      // Show the form again as it was: the same item and version (so a later save still detects changes made meanwhile) and the user's text.
      let item: SirItem | undefined;
      if (editing.success) {
        const series = await this.series(turn, editing.data.seriesId);
        const stored = series.ok ? await this.deps.store.get(turn.tenantId, series.seriesId, editing.data.itemId) : null;
        if (stored) item = { ...stored, version: editing.data.version ?? stored.version };
      }
      const pickedSeries = typeof data.seriesId === "string" && SirSeriesId.safeParse(data.seriesId).success ? data.seriesId : undefined;
      return only(this.form(turn, { item, fields: submission.fields, errors: submission.errors, seriesChoices: item ? undefined : seriesChoices, seriesId: pickedSeries }));
    }

    const series = await this.series(turn, submission.seriesId);
    if (!series.ok) return only(series.card);
    const { fields } = submission;

    if (submission.itemId === undefined) {
      // Named after the form's message and the user, so a double click or a Teams retry finds the item made first.
      const command: SirCommand = { id: this.commandId(turn, "create", turn.messageId ?? turn.activityId), type: "createSir", fields: { ...fields, proposals: [...fields.proposals] } };
      return this.changed(turn, series.seriesId, await this.deps.store.execute(turn.tenantId, series.seriesId, command, { person: turn.user, canHandle: false }), { before: null, typed: fields });
    }

    const stored = await this.deps.store.get(turn.tenantId, series.seriesId, submission.itemId);
    if (!stored) return only(this.error(turn, sirErrorText(locale, "notFound")));
    const command: SirCommand = { id: this.commandId(turn, "edit", turn.activityId), type: "editSir", itemId: stored.id, fields: { ...fields, proposals: [...fields.proposals] } };
    const actor = await this.actor(turn, stored);
    const result = await this.deps.store.execute(turn.tenantId, series.seriesId, command, actor, submission.version === undefined ? {} : { expectedVersion: submission.version });
    return this.changed(turn, series.seriesId, result, { before: stored, typed: fields });
  }

  private async edit(turn: SirTurn, data: z.infer<typeof ItemData>): Promise<AdaptiveCard> {
    const series = await this.series(turn, data.seriesId);
    if (!series.ok) return series.card;
    const item = await this.deps.store.get(turn.tenantId, series.seriesId, data.itemId);
    if (!item) return this.error(turn, sirErrorText(turn.locale, "notFound"));
    if (!(await this.canEdit(turn, item))) return this.readCard(turn, item, false, sirErrorText(turn.locale, "notAuthor"));
    if (item.status === "resolved" || item.status === "withdrawn" || item.status === "deleted") return this.readCard(turn, item, true, sirErrorText(turn.locale, "closed"));
    return this.form(turn, { item });
  }

  private async withdraw(turn: SirTurn, data: z.infer<typeof ItemData>): Promise<SirCardOutcome> {
    const series = await this.series(turn, data.seriesId);
    if (!series.ok) return only(series.card);
    const item = await this.deps.store.get(turn.tenantId, series.seriesId, data.itemId);
    if (!item) return only(this.error(turn, sirErrorText(turn.locale, "notFound")));
    const command: SirCommand = { id: this.commandId(turn, "withdraw", turn.activityId), type: "withdrawSir", itemId: item.id };
    const actor = await this.actor(turn, item);
    return this.changed(turn, series.seriesId, await this.deps.store.execute(turn.tenantId, series.seriesId, command, actor), { before: item, typed: null });
  }

  private async refresh(turn: SirTurn, data: z.infer<typeof ItemData>): Promise<AdaptiveCard> {
    const series = await this.series(turn, data.seriesId);
    if (!series.ok) return series.card;
    const item = await this.deps.store.get(turn.tenantId, series.seriesId, data.itemId);
    if (!item) return this.error(turn, sirErrorText(turn.locale, "notFound"));
    return this.readCard(turn, item, await this.canEdit(turn, item));
  }

  /** The cards after a command: the acting user's view plus everyone's; a refusal explains itself and changes nothing. */
  private async changed(turn: SirTurn, seriesId: string, result: SirStoreResult, attempt: Attempt): Promise<SirCardOutcome> {
    if (!result.ok) return only(await this.refused(turn, seriesId, result.error, attempt));
    const item = result.item;
    const shared = await this.sharedCard(turn.locale, turn.personal, item, turn.personal ? null : turn.meetingId);
    return { card: this.readCard(turn, item, await this.canEdit(turn, item)), shared, item };
  }

  /**
   * Everyone's view of an item in a chat (no buttons). The author's, the leads' and the members' clients (up to
   * Teams' 60) fetch their own view through refresh: in their language, with edit and withdraw where allowed.
   */
  async sharedCard(locale: CardLocale, personal: boolean, item: SirItem, chatMeetingId: string | null = null): Promise<AdaptiveCard> {
    const viewerIds = personal || !this.deps.viewers ? [] : await this.deps.viewers({ tenantId: item.tenantId, seriesId: item.seriesId, meetingId: item.meetingId ?? chatMeetingId }, [item.author.userId]);
    const card = sirReadCard({ locale, item, canEdit: false, viewerIds });
    return personal ? withSeriesData(card, item.seriesId) : card;
  }

  private async refused(turn: SirTurn, seriesId: string, error: SirStoreError, { before, typed }: Attempt): Promise<AdaptiveCard> {
    const { locale } = turn;
    switch (error.code) {
      case "stale":
        return this.form(turn, { item: error.current, errors: [BOT_TEXT[locale].changedMeanwhile] });
      case "seriesFull":
        return this.error(turn, BOT_TEXT[locale].seriesFull);
      case "authorFull":
        return this.error(turn, BOT_TEXT[locale].authorFull);
      case "tooLarge":
        // Keep what the user typed, so shortening it is all they need to do.
        return typed ? this.form(turn, { ...(before ? { item: before } : { seriesId }), fields: typed, errors: [sirErrorText(locale, "tooLarge")] }) : this.error(turn, sirErrorText(locale, "tooLarge"));
      case "notAuthor":
      case "closed": {
        // Show the item as it is now, with why nothing changed.
        const current = before ? await this.deps.store.get(turn.tenantId, seriesId, before.id) : null;
        return current ? this.readCard(turn, current, error.code === "closed" && (await this.canEdit(turn, current)), sirErrorText(locale, error.code)) : this.error(turn, sirErrorText(locale, error.code));
      }
      default:
        return this.error(turn, sirErrorText(locale, error.code));
    }
  }

  /** The series of this turn: the conversation, or in the 1:1 chat the one picked, if the user was seen there. */
  private async series(turn: SirTurn, picked: string | undefined): Promise<Series> {
    if (!turn.personal) return { ok: true, seriesId: turn.conversationId };
    if (picked === undefined) return { ok: false, card: await this.newForm(turn) };
    const seen = await this.deps.members.seriesOf(turn.tenantId, turn.user.userId);
    if (!seen.some((s) => s.seriesId === picked)) return { ok: false, card: this.error(turn, BOT_TEXT[turn.locale].unknownSeries) };
    return { ok: true, seriesId: picked };
  }

  private async choices(turn: SirTurn): Promise<SirSeriesChoice[]> {
    const names = BOT_TEXT[turn.locale].seriesNames;
    const seen = await this.deps.members.seriesOf(turn.tenantId, turn.user.userId);
    // Untitled chats get their kind and a short tail of the id, so two of them can still be told apart.
    return seen.map((s) => ({ seriesId: s.seriesId, title: s.name || `${names[s.type]} (${s.seriesId.replace(/@.*$/, "").slice(-6)})` }));
  }

  /** The author needs no lead rights to change their own item, so Teams is asked only about others. */
  private async actor(turn: SirTurn, item: SirItem): Promise<SirActor> {
    return { person: turn.user, canHandle: item.author.userId !== turn.user.userId && (await this.isLead(turn, item)) };
  }

  private async canEdit(turn: SirTurn, item: SirItem): Promise<boolean> {
    return item.author.userId === turn.user.userId || (await this.isLead(turn, item));
  }

  /**
   * A lead is an organizer or presenter of the item's meeting, or of the meeting whose chat this is. Teams is
   * asked each time (briefly cached): roles change. Without a known meeting, or when Teams does not answer, nobody is a lead.
   */
  private async isLead(turn: SirTurn, item: SirItem): Promise<boolean> {
    const meetingId = item.meetingId ?? (turn.personal ? null : turn.meetingId);
    if (!meetingId) return false;
    try {
      const role = await this.deps.roles.roleOf({ tenantId: turn.tenantId, meetingId }, turn.user.userId);
      return role !== null && can(role, LEAD_CAPABILITY);
    } catch (err) {
      console.warn("SIR: no meeting role from Teams; treating the user as not a lead", err instanceof Error ? err.message : err);
      return false;
    }
  }

  /** A command id derived from what Teams sent (the same again makes the same command, which applies once); random without it. */
  private commandId(turn: SirTurn, purpose: string, basis: string | null): string {
    const source = basis ? `${turn.tenantId}\n${turn.conversationId}\n${turn.user.userId}\n${basis}\n${purpose}` : randomUUID();
    return createHash("sha256").update(source).digest("base64url").slice(0, 32);
  }

  private readCard(turn: SirTurn, item: SirItem, canEdit: boolean, note?: string): AdaptiveCard {
    const card = sirReadCard({ locale: turn.locale, item, canEdit });
    return this.forChat(turn, item.seriesId, note ? withNote(card, note) : card);
  }

  private form(turn: SirTurn, options: Omit<SirFormCardOptions, "locale">): AdaptiveCard {
    const card = sirFormCard({ locale: turn.locale, formFor: turn.user.userId, ...options });
    return options.item ? this.forChat(turn, options.item.seriesId, card) : card;
  }

  private error(turn: SirTurn, message: string): AdaptiveCard {
    return sirErrorCard({ locale: turn.locale, message });
  }

  /** The 1:1 chat has no series of its own: its cards carry the item's series in their actions' data. */
  private forChat(turn: SirTurn, seriesId: string, card: AdaptiveCard): AdaptiveCard {
    return turn.personal ? withSeriesData(card, seriesId) : card;
  }

  private task(turn: SirTurn, card: AdaptiveCard): unknown {
    return { task: { type: "continue", value: { title: SIR_TEXT[turn.locale].formTitleNew, card: { contentType: ADAPTIVE_CARD_TYPE, content: asDialogCard(card) } } } };
  }
}

const only = (card: AdaptiveCard): SirCardOutcome => ({ card, shared: null });

/** A note above the card's content (e.g. why the user cannot edit), escaped like every text the builders put in cards. */
function withNote(card: AdaptiveCard, note: string): AdaptiveCard {
  return { ...card, body: [{ type: "TextBlock", text: escapeCardMarkdown(note), wrap: true, color: "Attention", weight: "Bolder" }, ...card.body] };
}

function mapExecuteData(action: unknown, seriesId: string): unknown {
  if (!isRecord(action) || action.type !== "Action.Execute") return action;
  const data = isRecord(action.data) ? action.data : {};
  const fallback = isRecord(action.fallback) && isRecord(action.fallback.data) ? { ...action.fallback, data: { ...action.fallback.data, seriesId } } : action.fallback;
  return { ...action, data: { ...data, seriesId }, ...(fallback === undefined ? {} : { fallback }) };
}

/** Adds the series to every Action.Execute of the card (actions and refresh). */
export function withSeriesData(card: AdaptiveCard, seriesId: string): AdaptiveCard {
  const refresh = card.refresh ? { ...card.refresh, action: { ...card.refresh.action, data: { ...card.refresh.action.data, seriesId } } } : undefined;
  return { ...card, ...(card.actions ? { actions: card.actions.map((a) => mapExecuteData(a, seriesId)) } : {}), ...(refresh ? { refresh } : {}) };
}

/** Teams dialogs submit with Action.Submit, not Action.Execute: use each action's fallback, which carries the verb in its data. */
export function asDialogCard(card: AdaptiveCard): AdaptiveCard {
  const actions = card.actions?.map((a) => (isRecord(a) && a.type === "Action.Execute" && isRecord(a.fallback) ? a.fallback : a));
  const { refresh: _refresh, ...rest } = card;
  return { ...rest, ...(actions ? { actions } : {}) };
}
