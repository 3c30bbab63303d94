/** @module The card for preparing or editing a SIR item in chat: the method's three questions as inputs, errors at the top. */
import { SIR_KINDS, SIR_LIMITS, type SirFields, type SirItem } from "../sir/item.js";
import { CARD_SCHEMA, CARD_VERSION, executeAction, type AdaptiveCard, type CardData } from "./card-types.js";
import type { CardLocale } from "./locale.js";
import { escapeCardMarkdown } from "./markdown.js";
import { SIR_TEXT } from "./sir-text.js";

export const SIR_VERBS = {
  new: "sir.new",
  submit: "sir.submit",
  edit: "sir.edit",
  withdraw: "sir.withdraw",
  refresh: "sir.refresh",
} as const;
export type SirVerb = (typeof SIR_VERBS)[keyof typeof SIR_VERBS];

/** The form's input ids: the names `parseSirSubmission` reads. */
export const SIR_INPUT_IDS = ["seriesId", "kind", "title", "problem", "proposal1", "proposal2", "proposal3", "recommendation", "concerns", "forDate"] as const;

const PROPOSAL_INPUTS = ["proposal1", "proposal2", "proposal3"] as const;

/** A meeting series the user may prepare an item for (the 1:1 chat has no series of its own). */
export interface SirSeriesChoice {
  readonly seriesId: string;
  /** The chat's or channel's name as Teams shows it; ChoiceSet titles are plain text, not markdown. */
  readonly title: string;
}

export interface SirFormCardOptions {
  readonly locale: CardLocale;
  /** The item being edited; absent for a new one. */
  readonly item?: SirItem;
  /** What the user typed last time (after a refused submission); wins over the item's values. */
  readonly fields?: Partial<SirFields>;
  /** Shown at the top, already in the user's language. */
  readonly errors?: readonly string[];
  /** Given in the 1:1 chat: the user picks the series. Empty: the user must start in the team's chat first. */
  readonly seriesChoices?: readonly SirSeriesChoice[];
  /** The series already chosen (the conversation's own, or the pick before a refused submission). */
  readonly seriesId?: string;
  /**
   * The user the form was opened for. A form posted in a group chat is seen by everyone there; the service saves
   * it only for this user, so nobody's Save can create or change an item in someone else's name.
   */
  readonly formFor?: string;
}

const text = (value: string, extra: Readonly<Record<string, unknown>> = {}) => ({ type: "TextBlock", text: value, wrap: true, ...extra });

function card(body: readonly unknown[], actions?: readonly unknown[]): AdaptiveCard {
  return { type: "AdaptiveCard", $schema: CARD_SCHEMA, version: CARD_VERSION, body, ...(actions ? { actions } : {}) };
}

export function sirFormCard({ locale, item, fields, errors, seriesChoices, seriesId, formFor }: SirFormCardOptions): AdaptiveCard {
  const t = SIR_TEXT[locale];
  const heading = text(item ? t.formTitleEdit : t.formTitleNew, { weight: "Bolder", size: "Medium" });

  const pickSeries = !item && seriesChoices !== undefined;
  if (pickSeries && seriesChoices.length === 0) return card([heading, text(t.noSeries)]);

  const value = (key: "title" | "problem" | "recommendation" | "concerns"): string => fields?.[key] ?? item?.[key] ?? "";
  const proposals = fields?.proposals ?? item?.proposals ?? [];
  const kind = fields?.kind ?? item?.kind ?? "issue";
  const meetingId = fields?.meetingId ?? item?.meetingId ?? null;
  const forDate = fields?.forDate ?? item?.forDate ?? null;
  const chosenSeries = item?.seriesId ?? seriesId ?? (seriesChoices?.length === 1 ? seriesChoices[0]?.seriesId : undefined);

  const input = (id: string, label: string, errorMessage: string, maxLength: number, current: string, extra: Readonly<Record<string, unknown>> = {}) => ({
    type: "Input.Text",
    id,
    label,
    errorMessage,
    maxLength,
    ...(current === "" ? {} : { value: current }),
    ...extra,
  });

  const body: unknown[] = [heading, text(t.formIntro, { isSubtle: true, spacing: "Small" })];
  if (errors && errors.length > 0) {
    body.push({
      type: "Container",
      style: "attention",
      items: [text(t.errorsHeading, { weight: "Bolder", color: "Attention" }), ...errors.map((e) => text(escapeCardMarkdown(e), { color: "Attention", spacing: "Small" }))],
    });
  }
  if (pickSeries) {
    body.push({
      type: "Input.ChoiceSet",
      id: "seriesId",
      label: t.seriesLabel,
      errorMessage: t.inputErrors.seriesId,
      isRequired: true,
      style: "compact",
      choices: seriesChoices.map((c) => ({ title: c.title, value: c.seriesId })),
      ...(chosenSeries ? { value: chosenSeries } : {}),
    });
  }
  body.push(
    {
      type: "Input.ChoiceSet",
      id: "kind",
      label: t.fields.kind,
      errorMessage: t.inputErrors.kind,
      isRequired: true,
      style: "expanded",
      choices: SIR_KINDS.map((k) => ({ title: t.kinds[k], value: k })),
      value: kind,
    },
    input("title", t.fields.title, t.inputErrors.title, SIR_LIMITS.titleMax, value("title"), { isRequired: true }),
    input("problem", t.q1, t.inputErrors.problem, SIR_LIMITS.problemMax, value("problem"), { isMultiline: true }),
    text(t.q2, { weight: "Bolder", spacing: "Medium" }),
    ...PROPOSAL_INPUTS.map((id, i) => input(id, t.fields[id], t.inputErrors.proposal, SIR_LIMITS.proposalMax, proposals[i] ?? "", { isMultiline: true })),
    input("recommendation", t.q3, t.inputErrors.recommendation, SIR_LIMITS.recommendationMax, value("recommendation"), { isMultiline: true }),
    input("concerns", t.concernsLabel, t.inputErrors.concerns, SIR_LIMITS.concernsMax, value("concerns")),
    // Which meeting: empty = the series' next one; a day = the first meeting on or after it.
    { type: "Input.Date", id: "forDate", label: t.fields.forDate, errorMessage: t.inputErrors.forDate, ...(forDate ? { value: forDate } : {}) },
  );

  // The card carries what the user does not type: which item and version they edit, the series, the target meeting.
  const data: Record<string, string | number> = {};
  if (item) {
    data.itemId = item.id;
    data.version = item.version;
  }
  if (chosenSeries && !pickSeries) data.seriesId = chosenSeries;
  if (meetingId !== null) data.meetingId = meetingId;
  if (formFor !== undefined) data.formFor = formFor;

  return card(body, [executeAction({ id: SIR_VERBS.submit, title: t.save, verb: SIR_VERBS.submit, data: data satisfies CardData, style: "positive" })]);
}
