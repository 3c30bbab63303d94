/**
 * @module The KPI verbs of the bot: "Update my KPIs" for the acting user (their active KPIs and key results on the
 * series' board, this week's and last week's values, statuses), the per-user refresh, and saving the form: every
 * submission checked whole first (numbers, series, each KPI exists, is the user's, is active, week not in the
 * future), then one `recordValue` per entered value through the store, whose domain rules decide again.
 * No botbuilder here: bot.ts turns activities into a turn and carries the card back.
 */
import { createHash, randomUUID } from "node:crypto";
import { z } from "zod";
import { CARD_SCHEMA, CARD_VERSION, type AdaptiveCard } from "../../../shared/src/cards/card-types.js";
import { KPI_INPUT_PREFIX, KPI_VERBS, kpiInputId, kpiUpdateCard, parseKpiSubmission, type KpiCardError, type KpiCardMetric, type KpiVerb } from "../../../shared/src/cards/kpi-card.js";
import { KPI_TEXT, kpiErrorText, type KpiTextErrorCode } from "../../../shared/src/cards/kpi-text.js";
import type { CardLocale } from "../../../shared/src/cards/locale.js";
import { escapeCardMarkdown } from "../../../shared/src/cards/markdown.js";
import type { CardViewers } from "./card-viewers.js";
import { requestCardFor } from "./kpi-request.js";
import type { KpiCommand } from "../../../shared/src/kpi/commands.js";
import type { KpiActor, KpiBoard } from "../../../shared/src/kpi/decide.js";
import type { Metric, Person, WeeklyValue } from "../../../shared/src/kpi/model.js";
import { statusOf } from "../../../shared/src/kpi/status.js";
import { addWeeks, compareWeeks, type IsoWeek } from "../../../shared/src/kpi/week.js";
import type { KpiStore } from "../storage/kpi-store.js";
import type { MembersStore } from "../storage/members-store.js";
import { messageWords } from "./sir-handler.js";

/** What the bot knows about the person acting and where, from what Teams sent (never from card data). `SirTurn` fits. */
export interface KpiTurn {
  readonly tenantId: string;
  readonly user: Person;
  readonly locale: CardLocale;
  /** The conversation id without `;messageid=…`: the series, unless this is the 1:1 chat. */
  readonly conversationId: string;
  readonly personal: boolean;
  /** `channelData.meeting.id` in a meeting chat. */
  readonly meetingId?: string | null;
  /** The activity's id; a redelivered invoke carries the same, so it makes the same command ids. */
  readonly activityId: string | null;
  /** The message a card action came from (`replyToId`). */
  readonly messageId: string | null;
}

export interface KpiHandlerDeps {
  readonly kpi: KpiStore;
  readonly members: MembersStore;
  /** Who the request card is refreshed for besides its owners (see card-viewers.ts); absent = owners only. */
  readonly viewers?: CardViewers;
}

const KPI_WORDS = new Set(["kpi", "kpis", "nøkkeltall", "nyckeltal", "update kpis", "oppdater kpi", "uppdatera kpi"]);

/** True for a message asking for the update form: "kpi", "nøkkeltall", "nyckeltal", "update kpis", …, any case, @mentions removed. */
export function isKpiRequest(text: string | undefined): boolean {
  return KPI_WORDS.has(messageWords(text));
}

const VERBS: readonly string[] = Object.values(KPI_VERBS);
export const isKpiVerb = (verb: unknown): verb is KpiVerb => typeof verb === "string" && VERBS.includes(verb);

/** Words only the bot needs (situations the shared card texts do not cover). */
const BOT_TEXT: Record<CardLocale, { unknownSeries: string; wrongSeries: string; unavailable: string; noIdentity: string }> = {
  nb: {
    unknownSeries: "Jeg vet ikke hvilket team du vil oppdatere nøkkeltall for. Skriv «nøkkeltall» i teamets chat eller møtechat.",
    wrongSeries: "Dette skjemaet hører til en annen chat. Skriv «nøkkeltall» her for å få ditt eget skjema.",
    unavailable: "Det gikk ikke å lagre akkurat nå. Prøv igjen om litt.",
    noIdentity: "Teams oppga ikke hvem du er, så jeg kan ikke lagre tallene. Prøv igjen fra Teams.",
  },
  sv: {
    unknownSeries: "Jag vet inte vilket team du vill uppdatera nyckeltal för. Skriv ”nyckeltal” i teamets chatt eller möteschatt.",
    wrongSeries: "Det här formuläret hör till en annan chatt. Skriv ”nyckeltal” här för att få ditt eget formulär.",
    unavailable: "Det gick inte att spara just nu. Försök igen om en stund.",
    noIdentity: "Teams angav inte vem du är, så jag kan inte spara värdena. Försök igen från Teams.",
  },
  en: {
    unknownSeries: "I don't know which team's KPIs you want to update. Write \"kpi\" in the team's chat or meeting chat.",
    wrongSeries: "This form belongs to another chat. Write \"kpi\" here to get your own form.",
    unavailable: "Saving did not work just now. Please try again in a moment.",
    noIdentity: "Teams did not tell me who you are, so I cannot save your values. Please try again from Teams.",
  },
};

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** An object, checked without zod's record (which would copy keys such as `__proto__` onto a new object). */
const DataObject = z.custom<Record<string, unknown>>((v) => isRecord(v) && Object.keys(v).length <= 100, "must be an object of at most 100 fields");

/** `adaptiveCard/action` as Teams sends it for a KPI verb; everything else on the value is ignored. */
const CardActionValue = z.object({
  action: z.object({
    type: z.literal("Action.Execute"),
    verb: z.enum([KPI_VERBS.open, KPI_VERBS.save, KPI_VERBS.refresh]),
    data: DataObject.optional(),
  }),
  trigger: z.enum(["manual", "automatic"]).optional(),
});

/** Open and refresh carry at most the series (and the request card's week, which is ignored: the form is for now). */
const SeriesData = z.object({ seriesId: z.string().regex(/^[\x20-\x7E]{1,512}$/).optional() });

type Series = { readonly ok: true; readonly seriesId: string } | { readonly ok: false; readonly card: AdaptiveCard };

interface Loaded {
  readonly board: KpiBoard;
  readonly currentWeek: IsoWeek;
}

export class KpiHandler {
  constructor(private readonly deps: KpiHandlerDeps) {}

  /** The card for a turn whose sender Teams did not identify. */
  static identityError(locale: CardLocale): AdaptiveCard {
    return errorCard(locale, [BOT_TEXT[locale].noIdentity]);
  }

  /** "Update my KPIs" for the acting user, for this conversation's series (in the 1:1 chat: where they were last seen). Never throws. */
  async cardFor(turn: KpiTurn, picked?: string): Promise<AdaptiveCard> {
    try {
      const series = await this.series(turn, picked);
      if (!series.ok) return series.card;
      if (!turn.personal) await this.remember(turn, series.seriesId);
      const loaded = await this.load(turn, series.seriesId);
      return await this.updateCard(turn, series.seriesId, loaded, loaded.currentWeek, {});
    } catch (err) {
      console.error("KPI card failed", err);
      return errorCard(turn.locale, [BOT_TEXT[turn.locale].unavailable]);
    }
  }

  /** An `adaptiveCard/action` invoke with a KPI verb (or the Action.Submit fallback of an old client). Never throws. */
  async cardAction(turn: KpiTurn, value: unknown): Promise<AdaptiveCard> {
    const parsed = CardActionValue.safeParse(value);
    if (!parsed.success) return errorCard(turn.locale, [kpiErrorText(turn.locale, "notAForm")]);
    const data = parsed.data.action.data ?? {};
    if (parsed.data.action.verb === KPI_VERBS.save) return this.save(turn, data);
    const open = SeriesData.safeParse(data);
    if (!open.success) return errorCard(turn.locale, [kpiErrorText(turn.locale, "notAForm")]);
    // The request card refreshing for a member who owns nothing: the request itself, in their language.
    if (parsed.data.trigger === "automatic" && typeof data.week === "string" && !turn.personal) {
      const request = await this.requestView(turn).catch((err: unknown) => {
        console.error("KPI request view failed", err);
        return null;
      });
      if (request) return request;
    }
    return this.cardFor(turn, open.data.seriesId);
  }

  /** The request card as this member sees it, or null when they own a KPI here (they get their form instead). */
  private async requestView(turn: KpiTurn): Promise<AdaptiveCard | null> {
    const seriesId = turn.conversationId;
    const { board } = await this.deps.kpi.loadBoard(turn.tenantId, seriesId);
    if (board.metrics.some((m) => !m.archived && m.owner?.userId === turn.user.userId)) return null;
    const viewers = this.deps.viewers;
    const { card } = await requestCardFor(this.deps.kpi, turn.tenantId, seriesId, turn.locale, viewers && ((ownerIds) => viewers({ tenantId: turn.tenantId, seriesId, meetingId: turn.meetingId ?? null }, ownerIds)));
    return card;
  }

  private async save(turn: KpiTurn, data: Record<string, unknown>): Promise<AdaptiveCard> {
    const { locale } = turn;
    const submission = parseKpiSubmission(data);
    try {
      // The series is checked before anything is read: a form of another chat never reaches another board.
      if (typeof data.seriesId !== "string") return errorCard(locale, [kpiErrorText(locale, "notAForm")]);
      const series = await this.series(turn, data.seriesId);
      if (!series.ok) return series.card;
      if (!submission.ok) {
        const loaded = await this.load(turn, series.seriesId);
        const names = new Map(loaded.board.metrics.map((m) => [m.id, m.name]));
        const errors = submission.errors.map((e) => ({ metricId: e.metricId, message: kpiErrorText(locale, e.code === "invalid" ? "notAForm" : e.code) }));
        return await this.updateCard(turn, series.seriesId, loaded, loaded.currentWeek, { errors, names, typed: typedValues(data) });
      }

      const { seriesId } = series;
      const week = submission.week;
      const loaded = await this.load(turn, seriesId);
      const names = new Map(loaded.board.metrics.map((m) => [m.id, m.name]));
      const typed = new Map(submission.values.map((v) => [v.metricId, v.value]));
      // Everything is checked before anything is written: a form with one bad value stores none of them.
      const refusals = this.check(turn, loaded, week, submission.values.map((v) => v.metricId));
      if (refusals.length > 0) return await this.updateCard(turn, seriesId, loaded, this.shownWeek(loaded, week), { errors: refusals, names, typed });

      const actor: KpiActor = { person: turn.user, canManage: false };
      const failed: KpiCardError[] = [];
      for (const { metricId, value } of submission.values) {
        const command: KpiCommand = { id: this.commandId(turn, seriesId, metricId, week), type: "recordValue", metricId, week, value };
        // The domain decides again on what is stored now (the board may have changed since the check).
        const result = await this.deps.kpi.execute(turn.tenantId, seriesId, command, actor);
        if (!result.ok) failed.push({ metricId, message: kpiErrorText(locale, result.error.code) });
      }
      const after = await this.load(turn, seriesId);
      return await this.updateCard(turn, seriesId, after, this.shownWeek(after, week), failed.length > 0 ? { errors: failed, names, typed } : { saved: true });
    } catch (err) {
      // A storage failure: the user gets a card saying to try again, never a failed invoke.
      console.error("KPI save failed", err);
      return errorCard(locale, [BOT_TEXT[locale].unavailable]);
    }
  }

  /** Why each value cannot be stored (the domain's rules, for all of them at once), empty when all can. */
  private check(turn: KpiTurn, { board, currentWeek }: Loaded, week: IsoWeek, metricIds: readonly string[]): KpiCardError[] {
    const { locale } = turn;
    const refuse = (metricId: string, code: KpiTextErrorCode): KpiCardError => ({ metricId, message: kpiErrorText(locale, code) });
    if (compareWeeks(week, currentWeek) > 0) return [{ metricId: null, message: kpiErrorText(locale, "futureWeek") }];
    const errors: KpiCardError[] = [];
    for (const metricId of metricIds) {
      const metric = board.metrics.find((m) => m.id === metricId);
      if (!metric) errors.push(refuse(metricId, "notFound"));
      else if (metric.owner?.userId !== turn.user.userId) errors.push(refuse(metricId, "notOwner"));
      else if (metric.archived) errors.push(refuse(metricId, "archived"));
    }
    return errors;
  }

  /** The week the answer shows: the form's own week (a late entry for last week), never one in the future. */
  private shownWeek({ currentWeek }: Loaded, week: IsoWeek): IsoWeek {
    return compareWeeks(week, currentWeek) > 0 ? currentWeek : week;
  }

  private async load(turn: KpiTurn, seriesId: string): Promise<Loaded> {
    const { board } = await this.deps.kpi.loadBoard(turn.tenantId, seriesId);
    return { board, currentWeek: this.deps.kpi.currentWeek(board) };
  }

  /** The acting user's form for `week`, with their stored values and statuses, errors named by KPI and what they typed kept. */
  private async updateCard(
    turn: KpiTurn,
    seriesId: string,
    { board }: Loaded,
    week: IsoWeek,
    extra: { readonly errors?: readonly KpiCardError[]; readonly names?: ReadonlyMap<string, string>; readonly typed?: ReadonlyMap<string, number>; readonly saved?: boolean },
  ): Promise<AdaptiveCard> {
    const mine = board.metrics.filter((m) => !m.archived && m.owner?.userId === turn.user.userId);
    const values = mine.length === 0 ? [] : await this.deps.kpi.values(turn.tenantId, seriesId, addWeeks(week, -1), week);
    const valueOf = (metricId: string, w: IsoWeek): WeeklyValue | null => values.find((v) => v.metricId === metricId && v.week === w) ?? null;
    const metrics: KpiCardMetric[] = mine.map((metric) => {
      const value = valueOf(metric.id, week);
      return { metric, value, previous: valueOf(metric.id, addWeeks(week, -1)), status: value ? statusOf(metric, value, periodOf(board, metric)) : null };
    });
    // Errors about KPIs that are not on this user's form (someone else's, or gone) carry the KPI's name themselves.
    const shown = new Set(mine.map((m) => m.id));
    const errors = (extra.errors ?? []).map((e): KpiCardError => {
      if (e.metricId === null || shown.has(e.metricId)) return e;
      const name = extra.names?.get(e.metricId);
      return { metricId: null, message: name === undefined ? e.message : `${name}: ${e.message}` };
    });
    if (mine.length === 0 && errors.length > 0) return errorCard(turn.locale, errors.map((e) => e.message), true);
    const card = kpiUpdateCard({ locale: turn.locale, week, seriesId, owner: turn.user, metrics, errors, saved: extra.saved ?? false });
    return extra.typed && extra.typed.size > 0 ? withTyped(card, extra.typed) : card;
  }

  /** The series of this turn: the conversation; in the 1:1 chat the one picked (if the user was seen there) or where they were last seen. */
  private async series(turn: KpiTurn, picked: string | undefined): Promise<Series> {
    if (!turn.personal) {
      if (picked !== undefined && picked !== turn.conversationId) return { ok: false, card: errorCard(turn.locale, [BOT_TEXT[turn.locale].wrongSeries]) };
      return { ok: true, seriesId: turn.conversationId };
    }
    const seen = await this.deps.members.seriesOf(turn.tenantId, turn.user.userId);
    const series = picked === undefined ? seen[0] : seen.find((s) => s.seriesId === picked);
    if (!series) return { ok: false, card: errorCard(turn.locale, [BOT_TEXT[turn.locale].unknownSeries]) };
    return { ok: true, seriesId: series.seriesId };
  }

  /** Whoever asks for the form becomes someone the lead can make an owner; best effort. */
  private async remember(turn: KpiTurn, seriesId: string): Promise<void> {
    try {
      await this.deps.kpi.rememberPerson(turn.tenantId, seriesId, turn.user);
    } catch (err) {
      console.warn("Could not add the sender to the KPI board's people", err instanceof Error ? err.message : err);
    }
  }

  /** Named after the invoke, the KPI and the week: Teams redelivering the same invoke writes once. Random without an activity id. */
  private commandId(turn: KpiTurn, seriesId: string, metricId: string, week: IsoWeek): string {
    // Not the form's message id: saving the same form again with a corrected number must store the correction.
    const basis = turn.activityId ?? randomUUID();
    return createHash("sha256").update(`${turn.tenantId}\n${seriesId}\n${turn.user.userId}\n${basis}\n${metricId}\n${week}`).digest("base64url").slice(0, 32);
  }
}

/** The objective's cycle of a key result (its expected progress depends on it); null for a KPI. */
function periodOf(board: KpiBoard, metric: Metric): { from: IsoWeek; to: IsoWeek } | null {
  if (metric.objectiveId === null) return null;
  const objective = board.objectives.find((o) => o.id === metric.objectiveId);
  return objective ? { from: objective.from, to: objective.to } : null;
}

/** The numbers the user typed that are numbers, by KPI: a refused form comes back with them filled in, not emptied. */
function typedValues(data: Record<string, unknown>): Map<string, number> {
  const out = new Map<string, number>();
  for (const key of Object.keys(data).filter((k) => k.startsWith(KPI_INPUT_PREFIX)).slice(0, 100)) {
    const one = parseKpiSubmission({ seriesId: "x", week: "2020-W01", [key]: data[key] });
    if (one.ok && one.values[0]) out.set(one.values[0].metricId, one.values[0].value);
  }
  return out;
}

function withTyped(card: AdaptiveCard, typed: ReadonlyMap<string, number>): AdaptiveCard {
  const ids = new Map([...typed].map(([metricId, value]) => [kpiInputId(metricId), value]));
  const body = card.body.map((element) => {
    if (!isRecord(element) || element.type !== "Input.Number" || typeof element.id !== "string") return element;
    const value = ids.get(element.id);
    return value === undefined ? element : { ...element, value };
  });
  return { ...card, body };
}

/** A card that only says what went wrong (no form to show: no series, no KPIs of the user's, a malformed action). */
function errorCard(locale: CardLocale, messages: readonly string[], notSaved = false): AdaptiveCard {
  const t = KPI_TEXT[locale];
  return {
    type: "AdaptiveCard",
    $schema: CARD_SCHEMA,
    version: CARD_VERSION,
    body: [
      { type: "TextBlock", text: escapeCardMarkdown(t.open), weight: "Bolder", size: "Medium", wrap: true },
      ...(notSaved ? [{ type: "TextBlock", text: t.errorsHeading, weight: "Bolder", color: "Attention", wrap: true }] : []),
      ...messages.map((m) => ({ type: "TextBlock", text: escapeCardMarkdown(m), color: "Attention", wrap: true, spacing: "Small" })),
    ],
  };
}
