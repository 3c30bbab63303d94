/**
 * @module The chat cards of the priorities round: the form (the method's three questions, pre-filled with last
 * week's plan to be marked), its parser, the saved entry as a card, and the error card. Pure builders; the bot sends them.
 */
import { LastWeekPrioritySchema, NextWeekPrioritySchema, PriorityFieldsSchema, type PriorityFields } from "../priorities/commands.js";
import { PRIORITY_LIMITS, PRIORITY_MARKS, type PriorityEntry, type PriorityMark } from "../priorities/model.js";
import type { PriorityDraft } from "../priorities/prefill.js";
import { PRIORITIES_TEXT } from "../i18n/priorities-text.js";
import { trimText } from "../wire/text.js";
import { CARD_MAX_BYTES, CARD_SCHEMA, CARD_VERSION, cardBytes, executeAction, type AdaptiveCard, type CardData } from "./card-types.js";
import type { CardLocale } from "./locale.js";
import { escapeCardMarkdown } from "./markdown.js";

export const PRIORITY_VERBS = { open: "priorities.open", save: "priorities.save" } as const;
export type PriorityVerb = (typeof PRIORITY_VERBS)[keyof typeof PRIORITY_VERBS];
export const isPriorityVerb = (v: unknown): v is PriorityVerb => v === PRIORITY_VERBS.open || v === PRIORITY_VERBS.save;

const SLOTS = PRIORITY_LIMITS.prioritiesMax;
const slots = Array.from({ length: SLOTS }, (_, i) => i + 1);
/** The form's input ids, as `parsePrioritiesSubmission` reads them. */
export const lastId = (n: number, part: "text" | "result" | "mark") => `last${n}_${part}`;
export const nextId = (n: number, part: "text" | "why") => `next${n}_${part}`;

const text = (value: string, extra: Readonly<Record<string, unknown>> = {}) => ({ type: "TextBlock", text: value, wrap: true, ...extra });
const card = (body: readonly unknown[], actions?: readonly unknown[]): AdaptiveCard => ({ type: "AdaptiveCard", $schema: CARD_SCHEMA, version: CARD_VERSION, body, ...(actions ? { actions } : {}) });

export interface PrioritiesFormOptions {
  readonly locale: CardLocale;
  /** The member's saved entry this week, or their pre-filled draft (version 0). */
  readonly draft: PriorityDraft | PriorityEntry;
  /** What the user typed last time (after a refused submission); wins over the draft. */
  readonly typed?: PriorityFields;
  readonly errors?: readonly string[];
  /** In the 1:1 chat: the series the form is for (carried in the save's data) and its chat's name. */
  readonly series?: { readonly seriesId: string; readonly name: string };
}

export function prioritiesFormCard({ locale, draft, typed, errors, series }: PrioritiesFormOptions): AdaptiveCard {
  const t = PRIORITIES_TEXT[locale];
  const values = typed ?? draft;
  const input = (id: string, label: string, maxLength: number, value: string, extra: Readonly<Record<string, unknown>> = {}) => ({
    type: "Input.Text",
    id,
    label,
    maxLength,
    errorMessage: t.card.tooLong(label, maxLength),
    ...(value === "" ? {} : { value }),
    ...extra,
  });
  const body: unknown[] = [text(t.card.title(draft.week), { weight: "Bolder", size: "Medium" }), text(escapeCardMarkdown(series?.name ? `${draft.member.name} · ${series.name}` : draft.member.name), { isSubtle: true, spacing: "None" }), text(t.card.intro, { isSubtle: true, spacing: "Small" })];
  if (errors && errors.length > 0) {
    body.push({ type: "Container", style: "attention", items: [text(t.card.errorsHeading, { weight: "Bolder", color: "Attention" }), ...errors.map((e) => text(escapeCardMarkdown(e), { color: "Attention", spacing: "Small" }))] });
  }
  if ("prefilledFrom" in draft && draft.prefilledFrom && !typed) body.push(text(escapeCardMarkdown(t.prefilled(t.week(draft.prefilledFrom))), { isSubtle: true }));
  body.push(text(t.q1, { weight: "Bolder", spacing: "Medium" }));
  for (const n of slots) {
    const p = values.lastWeek[n - 1];
    const carried = draft.lastWeek[n - 1]?.carriedWeeks ?? 0;
    body.push({
      type: "Container",
      spacing: "Small",
      items: [
        input(lastId(n, "text"), t.priority(n), PRIORITY_LIMITS.textMax, p?.text ?? ""),
        ...(carried > 0 && p ? [text(escapeCardMarkdown(t.carried(carried)), { isSubtle: true, spacing: "None", size: "Small" })] : []),
        input(lastId(n, "result"), t.result, PRIORITY_LIMITS.resultMax, p?.result ?? ""),
        {
          type: "Input.ChoiceSet",
          id: lastId(n, "mark"),
          label: t.mark,
          style: "compact",
          placeholder: t.unmarked,
          errorMessage: t.card.badMark(n),
          choices: PRIORITY_MARKS.map((m) => ({ title: t.marks[m], value: m })),
          ...(p?.mark ? { value: p.mark } : {}),
        },
      ],
    });
  }
  body.push(text(t.q2, { weight: "Bolder", spacing: "Medium" }));
  for (const n of slots) {
    const p = values.nextWeek[n - 1];
    body.push({
      type: "Container",
      spacing: "Small",
      items: [input(nextId(n, "text"), t.priority(n), PRIORITY_LIMITS.textMax, p?.text ?? "", n === 1 ? { isRequired: true, errorMessage: t.card.needNext } : {}), input(nextId(n, "why"), t.why, PRIORITY_LIMITS.whyMax, p?.why ?? "")],
    });
  }
  body.push(
    text(t.q3, { weight: "Bolder", spacing: "Medium" }),
    input("learned", t.learned, PRIORITY_LIMITS.learnedMax, values.learned, { isMultiline: true }),
    input("change", t.change, PRIORITY_LIMITS.changeMax, values.change, { isMultiline: true }),
  );
  // What the user does not type: whose entry, for which week, on which version (a save on a changed copy is refused).
  const data: CardData = { memberId: draft.member.userId, week: draft.week, version: draft.version, ...(series ? { seriesId: series.seriesId } : {}) };
  return card(body, [executeAction({ id: PRIORITY_VERBS.save, title: t.save, verb: PRIORITY_VERBS.save, data, style: "positive" })]);
}

export type PrioritiesSubmission = { readonly ok: true; readonly fields: PriorityFields } | { readonly ok: false; readonly errors: readonly string[]; readonly typed: PriorityFields };

const str = (v: unknown): string => (typeof v === "string" ? v : "");
const clip = (s: string, max: number): string => trimText(s).slice(0, max);

/**
 * The form's inputs as fields, or what is wrong in the user's words (Teams checks `maxLength` and `isRequired` only
 * as a hint; this is the check). Empty slots are skipped; a slot with a result or reason but no priority is an error.
 */
export function parsePrioritiesSubmission(data: Readonly<Record<string, unknown>>, locale: CardLocale): PrioritiesSubmission {
  const t = PRIORITIES_TEXT[locale];
  const errors: string[] = [];
  const lastWeek: { text: string; result: string; mark: PriorityMark | null }[] = [];
  const nextWeek: { text: string; why: string }[] = [];
  const long = (label: string, value: string, max: number) => {
    if (trimText(value).length > max) errors.push(t.card.tooLong(label, max));
  };
  for (const n of slots) {
    const [pText, result, mark] = [str(data[lastId(n, "text")]), str(data[lastId(n, "result")]), str(data[lastId(n, "mark")])];
    if (trimText(pText) === "") {
      if (trimText(result) !== "") errors.push(t.card.resultWithoutText(n));
      continue;
    }
    long(t.priority(n), pText, PRIORITY_LIMITS.textMax);
    long(t.result, result, PRIORITY_LIMITS.resultMax);
    if (mark !== "" && !(PRIORITY_MARKS as readonly string[]).includes(mark)) errors.push(t.card.badMark(n));
    const parsed = LastWeekPrioritySchema.safeParse({ text: pText, result, mark: mark === "" || !(PRIORITY_MARKS as readonly string[]).includes(mark) ? null : mark });
    lastWeek.push(parsed.success ? parsed.data : { text: clip(pText, PRIORITY_LIMITS.textMax), result: clip(result, PRIORITY_LIMITS.resultMax), mark: null });
  }
  for (const n of slots) {
    const [pText, why] = [str(data[nextId(n, "text")]), str(data[nextId(n, "why")])];
    if (trimText(pText) === "") {
      if (trimText(why) !== "") errors.push(t.card.needText(n));
      continue;
    }
    long(t.priority(n), pText, PRIORITY_LIMITS.textMax);
    long(t.why, why, PRIORITY_LIMITS.whyMax);
    const parsed = NextWeekPrioritySchema.safeParse({ text: pText, why });
    nextWeek.push(parsed.success ? parsed.data : { text: clip(pText, PRIORITY_LIMITS.textMax), why: clip(why, PRIORITY_LIMITS.whyMax) });
  }
  const [learned, change] = [str(data.learned), str(data.change)];
  long(t.learned, learned, PRIORITY_LIMITS.learnedMax);
  long(t.change, change, PRIORITY_LIMITS.changeMax);
  if (nextWeek.length === 0) errors.push(t.card.needNext);
  const typed: PriorityFields = { lastWeek, nextWeek, learned: clip(learned, PRIORITY_LIMITS.learnedMax), change: clip(change, PRIORITY_LIMITS.changeMax) };
  if (errors.length > 0) return { ok: false, errors, typed };
  const parsed = PriorityFieldsSchema.safeParse({ lastWeek, nextWeek, learned, change });
  // Whatever the checks above did not name (a control character, say) still gets a message, never a silent failure.
  if (!parsed.success) return { ok: false, errors: [t.errors.invalidCommand ?? t.genericError], typed };
  return { ok: true, fields: parsed.data };
}

export interface PrioritiesSavedOptions {
  readonly locale: CardLocale;
  readonly entry: PriorityEntry;
  /** Offers "Change" (the member or a lead). */
  readonly canEdit: boolean;
  readonly note?: string;
  /** In the 1:1 chat: the series, so "Change" opens the same round's form. */
  readonly seriesId?: string;
}

/** The saved entry as the member sees it, with a button back to the form. Long texts are shortened if the card would be too large. */
export function prioritiesSavedCard(options: PrioritiesSavedOptions): AdaptiveCard {
  const full = savedCard(options, Number.POSITIVE_INFINITY);
  return cardBytes(full) <= CARD_MAX_BYTES ? full : savedCard(options, 300);
}

function savedCard({ locale, entry, canEdit, note, seriesId }: PrioritiesSavedOptions, max: number): AdaptiveCard {
  const t = PRIORITIES_TEXT[locale];
  const e = (s: string) => escapeCardMarkdown(s.length > max ? `${s.slice(0, max)}…` : s);
  const body: unknown[] = [text(t.card.savedTitle, { weight: "Bolder", size: "Medium" }), text(`${e(entry.member.name)} · ${t.week(entry.week)}`, { isSubtle: true, spacing: "None" })];
  if (note) body.push(text(escapeCardMarkdown(note), { color: "Good" }));
  if (entry.lastWeek.length > 0) {
    body.push(text(t.q1, { weight: "Bolder", spacing: "Medium" }));
    for (const p of entry.lastWeek) body.push(text(`- **${e(p.text)}** (${p.mark ? t.marks[p.mark] : t.unmarked})${p.result ? `: ${e(p.result)}` : ""}`, { spacing: "Small" }));
  }
  body.push(text(t.q2, { weight: "Bolder", spacing: "Medium" }));
  for (const p of entry.nextWeek) body.push(text(`- **${e(p.text)}**${p.why ? `: ${e(p.why)}` : ""}`, { spacing: "Small" }));
  if (entry.learned || entry.change) {
    body.push(text(t.q3, { weight: "Bolder", spacing: "Medium" }));
    if (entry.learned) body.push(text(`${t.learned} ${e(entry.learned)}`, { spacing: "Small" }));
    if (entry.change) body.push(text(`${t.change} ${e(entry.change)}`, { spacing: "Small" }));
  }
  const actions = canEdit ? [executeAction({ id: PRIORITY_VERBS.open, title: t.card.edit, verb: PRIORITY_VERBS.open, data: { memberId: entry.member.userId, ...(seriesId ? { seriesId } : {}) } })] : undefined;
  return card(body, actions);
}

export function prioritiesErrorCard(locale: CardLocale, message: string): AdaptiveCard {
  return card([text(PRIORITIES_TEXT[locale].heading, { weight: "Bolder", size: "Medium" }), text(escapeCardMarkdown(message), { color: "Attention" })]);
}
