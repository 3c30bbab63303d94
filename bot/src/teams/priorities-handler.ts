/**
 * @module The priorities verbs of the bot: the message `priorities` / `prioriteringer` / `prioriteringar` answers the
 * member's pre-filled form; its Action.Execute save is validated, stored through the round service and answered with
 * the saved entry (or the form again, saying what is wrong). No botbuilder here: bot.ts hands over a `SirTurn`.
 */
import { createHash, randomUUID } from "node:crypto";
import { z } from "zod";
import { can } from "../../../shared/src/auth/capabilities.js";
import type { AdaptiveCard } from "../../../shared/src/cards/card-types.js";
import type { CardLocale } from "../../../shared/src/cards/locale.js";
import { isPriorityVerb, parsePrioritiesSubmission, prioritiesErrorCard, prioritiesFormCard, prioritiesSavedCard, PRIORITY_VERBS } from "../../../shared/src/cards/priorities-card.js";
import { PRIORITIES_TEXT } from "../../../shared/src/i18n/priorities-text.js";
import { MemberId, PriorityWeek, type PriorityCommand } from "../../../shared/src/priorities/commands.js";
import { SirSeriesId } from "../../../shared/src/sir/commands.js";
import type { MeetingRef } from "../../../shared/src/meeting/state.js";
import type { PriorityRounds } from "../http/priorities-api.js";
import type { MembersStore } from "../storage/members-store.js";
import type { RoleSource } from "./roles.js";
import { messageWords, type SirTurn } from "./sir-handler.js";

export { isPriorityVerb };

const WORDS = new Set(["priorities", "prioriteringer", "prioriteringar", "my priorities", "mine prioriteringer", "mina prioriteringar"]);

/** True for a message asking for the priorities form (any case, @mentions removed, a final "." or "!" dropped). */
export function isPrioritiesRequest(text: string | undefined): boolean {
  return WORDS.has(messageWords(text));
}

export interface PrioritiesHandlerDeps {
  readonly rounds: PriorityRounds;
  readonly roles: RoleSource;
  /** Where each user was seen: in the 1:1 chat the form is for the series they were last seen in. */
  readonly members?: MembersStore;
}

/** The series a turn is about: the chat's own, or in the 1:1 chat the one named by the card or last seen. */
type Series = { readonly ok: true; readonly seriesId: string; readonly chat: { seriesId: string; name: string } | undefined } | { readonly ok: false; readonly card: AdaptiveCard };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const DataObject = z.custom<Record<string, unknown>>((v) => isRecord(v) && Object.keys(v).length <= 60, "must be an object of at most 60 fields");
const CardActionValue = z.object({ action: z.object({ type: z.literal("Action.Execute"), verb: z.enum([PRIORITY_VERBS.open, PRIORITY_VERBS.save]), data: DataObject.optional() }) });
const OpenData = z.object({ memberId: MemberId.optional(), seriesId: SirSeriesId.optional() });
const SaveData = z.object({ memberId: MemberId, week: PriorityWeek, version: z.coerce.number().int().min(0).max(1_000_000), seriesId: SirSeriesId.optional() });

export class PrioritiesHandler {
  constructor(private readonly deps: PrioritiesHandlerDeps) {}

  static identityError(locale: CardLocale): AdaptiveCard {
    return prioritiesErrorCard(locale, PRIORITIES_TEXT[locale].card.noIdentity);
  }

  /** The answer to the message: the sender's form for this chat's series, pre-filled. Never throws. */
  async form(turn: SirTurn, memberId?: string): Promise<AdaptiveCard> {
    const t = PRIORITIES_TEXT[turn.locale];
    try {
      const series = await this.series(turn, undefined);
      if (!series.ok) return series.card;
      return await this.formFor(turn, series, memberId ?? turn.user.userId);
    } catch (err) {
      console.error("Priorities form failed", err);
      return prioritiesErrorCard(turn.locale, t.card.unavailable);
    }
  }

  /** An `adaptiveCard/action` invoke with a priorities verb (or an old client's Action.Submit fallback). Never throws. */
  async cardAction(turn: SirTurn, value: unknown): Promise<AdaptiveCard> {
    const t = PRIORITIES_TEXT[turn.locale];
    const parsed = CardActionValue.safeParse(value);
    if (!parsed.success) return prioritiesErrorCard(turn.locale, t.card.notAForm);
    const data = parsed.data.action.data ?? {};
    try {
      if (parsed.data.action.verb === PRIORITY_VERBS.open) {
        const open = OpenData.safeParse(data);
        if (!open.success) return prioritiesErrorCard(turn.locale, t.card.notAForm);
        const series = await this.series(turn, open.data.seriesId);
        if (!series.ok) return series.card;
        return await this.formFor(turn, series, open.data.memberId ?? turn.user.userId);
      }
      return await this.save(turn, data);
    } catch (err) {
      console.error("Priorities card action failed", err);
      return prioritiesErrorCard(turn.locale, t.card.unavailable);
    }
  }

  /**
   * The chat's own series; in the 1:1 chat (which has none) the one the card names, if the user was seen there, or
   * the one they were last seen in. Nobody seen anywhere is told where to start.
   */
  private async series(turn: SirTurn, picked: string | undefined): Promise<Series> {
    const t = PRIORITIES_TEXT[turn.locale];
    if (!turn.personal) return { ok: true, seriesId: turn.conversationId, chat: undefined };
    const seen = this.deps.members ? await this.deps.members.seriesOf(turn.tenantId, turn.user.userId) : [];
    const chosen = picked === undefined ? [...seen].sort((a, b) => b.at - a.at)[0] : seen.find((s) => s.seriesId === picked);
    if (!chosen) return { ok: false, card: prioritiesErrorCard(turn.locale, t.card.inTeamChat) };
    return { ok: true, seriesId: chosen.seriesId, chat: { seriesId: chosen.seriesId, name: chosen.name } };
  }

  private async formFor(turn: SirTurn, series: Extract<Series, { ok: true }>, memberId: string): Promise<AdaptiveCard> {
    const t = PRIORITIES_TEXT[turn.locale];
    const round = await this.deps.rounds.round(turn.tenantId, series.seriesId, this.ref(turn), turn.user);
    if (memberId === turn.user.userId) return prioritiesFormCard({ locale: turn.locale, draft: round.mine.draft, series: series.chat });
    const other = round.members.find((m) => m.member.userId === memberId);
    if (!other) return prioritiesErrorCard(turn.locale, t.errors.unknownMember ?? t.genericError);
    if (!(await this.isLead(turn))) return other.entry ? prioritiesSavedCard({ locale: turn.locale, entry: other.entry, canEdit: false, note: t.errors.notYours }) : prioritiesErrorCard(turn.locale, t.errors.notYours ?? t.genericError);
    return prioritiesFormCard({ locale: turn.locale, draft: other.draft, series: series.chat });
  }

  private async save(turn: SirTurn, data: Record<string, unknown>): Promise<AdaptiveCard> {
    const { locale } = turn;
    const t = PRIORITIES_TEXT[locale];
    const target = SaveData.safeParse(data);
    if (!target.success) return prioritiesErrorCard(locale, t.card.notAForm);
    const submission = parsePrioritiesSubmission(data, locale);
    const series = await this.series(turn, target.data.seriesId);
    if (!series.ok) return series.card;
    const seriesId = series.seriesId;
    const own = target.data.memberId === turn.user.userId;
    // Nobody but the member and a lead gets as far as a store call: a forged card changes nothing.
    const isLead = own ? false : await this.isLead(turn);
    if (!own && !isLead) return prioritiesErrorCard(locale, t.errors.notYours ?? t.genericError);
    if (!submission.ok) {
      // The form again as the user had it: the same entry and version (a later save still notices changes meanwhile).
      const round = await this.deps.rounds.round(turn.tenantId, seriesId, this.ref(turn), turn.user);
      const member = own ? round.mine : round.members.find((m) => m.member.userId === target.data.memberId);
      if (!member) return prioritiesErrorCard(locale, t.errors.unknownMember ?? t.genericError);
      return prioritiesFormCard({ locale, draft: { ...member.draft, version: target.data.version }, typed: submission.typed, errors: submission.errors, series: series.chat });
    }

    const command: PriorityCommand = {
      id: this.commandId(turn, seriesId, target.data),
      type: "savePriorities",
      week: target.data.week,
      memberId: target.data.memberId,
      expectedVersion: target.data.version,
      fields: submission.fields,
    };
    const result = await this.deps.rounds.execute(turn.tenantId, seriesId, this.ref(turn), command, { person: turn.user, isLead });
    if (result.ok && result.kind === "entry") return prioritiesSavedCard({ locale, entry: result.entry, canEdit: true, note: t.saved, ...(series.chat ? { seriesId } : {}) });
    if (result.ok) return prioritiesErrorCard(locale, t.genericError);
    const message = t.errors[result.error.code] ?? t.genericError;
    // The week turned or someone saved meanwhile: the form as it is now, with what the user typed and why.
    if (result.error.code === "weekChanged" || result.error.code === "stale" || result.error.code === "tooLarge") {
      const fresh = await this.deps.rounds.round(turn.tenantId, seriesId, this.ref(turn), turn.user);
      const now = own ? fresh.mine : (fresh.members.find((m) => m.member.userId === target.data.memberId) ?? fresh.mine);
      return prioritiesFormCard({ locale, draft: now.draft, typed: submission.fields, errors: [message], series: series.chat });
    }
    return prioritiesErrorCard(locale, message);
  }

  private ref(turn: SirTurn): MeetingRef | null {
    return turn.meetingId ? { tenantId: turn.tenantId, meetingId: turn.meetingId } : null;
  }

  /** An organizer or presenter of the meeting whose chat this is; without a meeting, or when Teams does not answer, nobody is. */
  private async isLead(turn: SirTurn): Promise<boolean> {
    const ref = this.ref(turn);
    if (!ref) return false;
    try {
      const role = await this.deps.roles.roleOf(ref, turn.user.userId);
      return role !== null && can(role, "meeting:drive");
    } catch {
      return false;
    }
  }

  /** From what Teams sent: a redelivered activity makes the same command, which applies once. */
  private commandId(turn: SirTurn, seriesId: string, target: { memberId: string; week: string; version: number }): string {
    const basis = turn.activityId ?? randomUUID();
    return createHash("sha256").update(`${turn.tenantId}\n${seriesId}\n${turn.user.userId}\n${target.memberId}\n${target.week}\n${target.version}\n${basis}\npriorities`).digest("base64url").slice(0, 32);
  }
}
