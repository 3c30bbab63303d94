/**
 * @module Good news in chat: the form (win or challenge, text, a KPI/objective from the board, praise and whether to
 * share it) submitted with Action.Execute, its parser (every problem named, in the user's language), the card after
 * saving, and the small praise card the bot posts to the team's channel.
 */
import { GoodNewsFieldsSchema, type GoodNewsFields } from "../goodnews/commands.js";
import { GOOD_NEWS_KINDS, GOOD_NEWS_LIMITS, type GoodNewsItem, type GoodNewsLink } from "../goodnews/model.js";
import { GOOD_NEWS_TEXT } from "../i18n/good-news-text.js";
import type { GoodNewsBoardChoices } from "../wire/good-news-protocol.js";
import { CARD_SCHEMA, CARD_VERSION, executeAction, type AdaptiveCard } from "./card-types.js";
import type { CardLocale } from "./locale.js";
import { escapeCardMarkdown } from "./markdown.js";

export const GOOD_NEWS_VERBS = { new: "goodNewsNew", submit: "goodNewsSubmit" } as const;
export const GOOD_NEWS_VERB_LIST: readonly string[] = Object.values(GOOD_NEWS_VERBS);
/** The form's own id (a fresh one per form): a double click or a Teams retry of one form stores one item. */
export const FORM_ID_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;

const text = (value: string, extra: Readonly<Record<string, unknown>> = {}) => ({ type: "TextBlock", text: value, wrap: true, ...extra });
const card = (body: unknown[], actions?: unknown[]): AdaptiveCard => ({ type: "AdaptiveCard", $schema: CARD_SCHEMA, version: CARD_VERSION, body, ...(actions ? { actions } : {}) });

/** What the user typed, as strings (to show the form again as it was). */
export interface GoodNewsFormValues {
  readonly kind?: string;
  readonly text?: string;
  readonly link?: string;
  readonly praise?: string;
  readonly share?: string;
}

export interface GoodNewsFormOptions {
  readonly locale: CardLocale;
  readonly formId: string;
  readonly board: GoodNewsBoardChoices;
  readonly values?: GoodNewsFormValues;
  readonly errors?: readonly string[];
}

const linkValue = (link: GoodNewsLink): string => (link.kind === "objective" ? link.objectiveId : link.metricId);

export function goodNewsFormCard({ locale, formId, board, values = {}, errors = [] }: GoodNewsFormOptions): AdaptiveCard {
  const t = GOOD_NEWS_TEXT[locale];
  const body: unknown[] = [text(t.cardTitle, { size: "Medium", weight: "Bolder" }), text(t.cardIntro, { isSubtle: true, spacing: "Small" })];
  if (errors.length > 0) body.push({ type: "Container", style: "attention", items: errors.map((e) => text(escapeCardMarkdown(e), { color: "Attention" })) });
  const choices = [
    { title: t.noLink, value: "none" },
    ...board.objectives.map((o) => ({ title: `${t.objectiveGroup}: ${o.title}`, value: o.id })),
    ...board.metrics.map((m) => ({ title: `${t.kpiGroup}: ${m.name}`, value: m.id })),
  ];
  body.push(
    { type: "Input.ChoiceSet", id: "kind", label: t.kindLabel, style: "expanded", isRequired: true, errorMessage: t.kindLabel, value: values.kind ?? "win", choices: GOOD_NEWS_KINDS.map((k) => ({ title: t.kinds[k], value: k })) },
    { type: "Input.Text", id: "text", label: t.textLabel, isMultiline: true, isRequired: true, errorMessage: t.needText, maxLength: GOOD_NEWS_LIMITS.textMax, ...(values.text ? { value: values.text } : {}) },
    { type: "Input.ChoiceSet", id: "link", label: t.linkLabel, style: "compact", value: values.link ?? "none", choices },
    { type: "Input.Text", id: "praise", label: t.praiseLabel, placeholder: t.praiseHint, maxLength: GOOD_NEWS_LIMITS.praiseNameMax, ...(values.praise ? { value: values.praise } : {}) },
    { type: "Input.Toggle", id: "share", title: t.shareLabel, valueOn: "true", valueOff: "false", value: values.share === "true" ? "true" : "false" },
  );
  return card(body, [executeAction({ id: GOOD_NEWS_VERBS.submit, title: t.cardSubmit, verb: GOOD_NEWS_VERBS.submit, data: { formId } })]);
}

export type GoodNewsSubmission = { readonly ok: true; readonly formId: string; readonly fields: GoodNewsFields } | { readonly ok: false; readonly formId: string | null; readonly values: GoodNewsFormValues; readonly errors: readonly string[] };

const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);

/** The form's data (inputs merged by the client) as fields, or the problems in the user's language. Card data is never trusted. */
export function parseGoodNewsSubmission(data: Readonly<Record<string, unknown>>, locale: CardLocale): GoodNewsSubmission {
  const t = GOOD_NEWS_TEXT[locale];
  const values: GoodNewsFormValues = { kind: str(data.kind), text: str(data.text), link: str(data.link), praise: str(data.praise), share: str(data.share) };
  const formId = typeof data.formId === "string" && FORM_ID_PATTERN.test(data.formId) ? data.formId : null;
  const errors: string[] = [];
  if (formId === null) return { ok: false, formId, values, errors: [t.cardNotAForm] };
  const rawLink = values.link ?? "none";
  const link = rawLink === "none" || rawLink === "" ? null : rawLink.startsWith("obj-") ? { kind: "objective", objectiveId: rawLink } : { kind: "kpi", metricId: rawLink };
  const praiseName = (values.praise ?? "").trim();
  const share = values.share === "true";
  if (share && praiseName === "") errors.push(t.needPraiseName);
  const parsed = GoodNewsFieldsSchema.safeParse({ kind: values.kind ?? "win", text: values.text ?? "", link, praise: praiseName === "" ? null : { name: praiseName, share } });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? "");
      const message = field === "text" ? textProblem(values.text ?? "") : field === "link" ? (t.errors.unknownLink ?? t.genericError) : field === "praise" ? t.praiseLabel : t.kindLabel;
      if (!errors.includes(message)) errors.push(message);
    }
  }
  function textProblem(typed: string): string {
    if (typed.trim() === "") return t.needText;
    return (typed.trim().length > GOOD_NEWS_LIMITS.textMax ? t.errors.tooLarge : t.errors.invalidCommand) ?? t.genericError;
  }
  if (errors.length > 0 || !parsed.success) return { ok: false, formId, values, errors: [t.cardBadInput(errors.join(" "))] };
  return { ok: true, formId, fields: parsed.data };
}

/** The card after saving: what was stored, with a button for another form; `note` says e.g. where the praise went. */
export function goodNewsSavedCard(options: { readonly locale: CardLocale; readonly item: GoodNewsItem; readonly linkTitle: string | null; readonly note?: string | null }): AdaptiveCard {
  const { locale, item, linkTitle, note } = options;
  const t = GOOD_NEWS_TEXT[locale];
  const body: unknown[] = [text(t.cardSaved(t.kinds[item.kind]), { weight: "Bolder", color: "Good" }), text(escapeCardMarkdown(item.text))];
  if (linkTitle) body.push(text(escapeCardMarkdown(t.about(linkTitle)), { isSubtle: true, spacing: "Small" }));
  if (item.praise) body.push(text(escapeCardMarkdown(t.praiseFor(item.praise.name)), { spacing: "Small" }));
  if (note) body.push(text(escapeCardMarkdown(note), { spacing: "Small", color: "Attention" }));
  return card(body, [executeAction({ id: GOOD_NEWS_VERBS.new, title: t.cardAddAnother, verb: GOOD_NEWS_VERBS.new, data: {} })]);
}

/** Something is wrong (not in a meeting chat, not a participant, storage away): what, and what to do. */
export function goodNewsErrorCard(locale: CardLocale, message: string): AdaptiveCard {
  const t = GOOD_NEWS_TEXT[locale];
  return card([text(t.cardTitle, { weight: "Bolder", color: "Attention" }), text(escapeCardMarkdown(message))]);
}

/** The praise card in the team's channel: who praises whom, and for what. Small, no buttons. */
export function praiseCard(locale: CardLocale, item: GoodNewsItem): AdaptiveCard {
  const t = GOOD_NEWS_TEXT[locale];
  const name = item.praise?.name ?? "";
  return card([text(t.praiseCardTitle, { size: "Medium", weight: "Bolder" }), text(escapeCardMarkdown(t.praiseCardBody(item.author.name, name)), { spacing: "Small" }), text(escapeCardMarkdown(item.text), { spacing: "Small" })]);
}

export { linkValue };
