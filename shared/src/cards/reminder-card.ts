/**
 * @module The action reminder cards: the owner's 1:1 reminder ("due in 2 days" / "overdue") with Mark done, Snooze
 * (1–7 days) and Open (a deep link to the meeting's panel, no invoke), the states a button turns it into (done,
 * snoozed, what went wrong), and the note to the lead about an owner the bot cannot reach. Pure builders; every typed
 * text is escaped; parsing what Teams sends back is `parseReminderAction`.
 */
import { z } from "zod";
import { ActionId } from "../actions/commands.js";
import { DEFAULT_SNOOZE_DAYS, REMINDER_LIMITS, SnoozeDays, type ReminderKind } from "../actions/reminders.js";
import { SIR_LIMITS } from "../sir/item.js";
import { CARD_SCHEMA, CARD_VERSION, executeAction, type AdaptiveCard } from "./card-types.js";
import type { CardLocale } from "./locale.js";
import { escapeCardMarkdown, isAllowedLink } from "./markdown.js";
import { formatDay, REMINDER_TEXT, type ReminderProblem } from "./reminder-text.js";

export const REMINDER_VERBS = { done: "reminderDone", snooze: "reminderSnooze" } as const;
export type ReminderVerb = (typeof REMINDER_VERBS)[keyof typeof REMINDER_VERBS];
export const isReminderVerb = (verb: unknown): verb is ReminderVerb => verb === REMINDER_VERBS.done || verb === REMINDER_VERBS.snooze;

export const SNOOZE_INPUT = "snoozeDays";

export interface ReminderCardOptions {
  readonly locale: CardLocale;
  readonly kind: ReminderKind;
  /** Days to the due day (negative: days over). */
  readonly daysLeft: number;
  readonly seriesId: string;
  readonly action: { readonly id: string; readonly title: string; readonly due: string };
  /** The meeting panel's deep link; null: no Open button. */
  readonly openUrl: string | null;
}

const text = (value: string, extra: Readonly<Record<string, unknown>> = {}) => ({ type: "TextBlock", text: value, wrap: true, ...extra });
const shell = (body: readonly unknown[], actions?: readonly unknown[]): AdaptiveCard => ({ type: "AdaptiveCard", $schema: CARD_SCHEMA, version: CARD_VERSION, body, ...(actions && actions.length > 0 ? { actions } : {}) });

function openAction(title: string, url: string | null): readonly unknown[] {
  return url && isAllowedLink(url) ? [{ type: "Action.OpenUrl", id: "reminderOpen", title, url }] : [];
}

/** The reminder an owner gets in their 1:1 chat with the bot. */
export function reminderCard(o: ReminderCardOptions): AdaptiveCard {
  const t = REMINDER_TEXT[o.locale];
  const data = { seriesId: o.seriesId, actionId: o.action.id };
  const title = o.kind === "overdue" ? t.overdueTitle(Math.max(1, -o.daysLeft)) : t.dueSoonTitle(o.daysLeft);
  const choices = Array.from({ length: REMINDER_LIMITS.snoozeDaysMax }, (_, i) => ({ title: t.snoozeDays(i + 1), value: String(i + 1) }));
  return shell(
    [
      text(title, { weight: "Bolder", size: "Medium", ...(o.kind === "overdue" ? { color: "Attention" } : {}) }),
      text(t.intro, { isSubtle: true, spacing: "Small" }),
      text(`**${escapeCardMarkdown(o.action.title)}**`),
      text(t.due(formatDay(o.action.due, o.locale)), { spacing: "Small" }),
      { type: "Input.ChoiceSet", id: SNOOZE_INPUT, label: t.snoozeFor, style: "compact", value: String(DEFAULT_SNOOZE_DAYS), choices },
    ],
    [
      executeAction({ id: REMINDER_VERBS.done, title: t.markDone, verb: REMINDER_VERBS.done, data, style: "positive" }),
      executeAction({ id: REMINDER_VERBS.snooze, title: t.snooze, verb: REMINDER_VERBS.snooze, data }),
      ...openAction(t.open, o.openUrl),
    ],
  );
}

/** The reminder after Mark done: it says who marked it and that no more reminders come. */
export function reminderDoneCard(locale: CardLocale, actionTitle: string, by: string, openUrl: string | null): AdaptiveCard {
  const t = REMINDER_TEXT[locale];
  return shell([text(`✔ ${t.doneTitle}`, { weight: "Bolder", size: "Medium", color: "Good" }), text(`**${escapeCardMarkdown(actionTitle)}**`), text(t.doneBody(escapeCardMarkdown(by)), { isSubtle: true })], openAction(t.open, openUrl));
}

/** The reminder after Snooze: when the next one comes. */
export function reminderSnoozedCard(locale: CardLocale, actionTitle: string, nextDay: string, openUrl: string | null): AdaptiveCard {
  const t = REMINDER_TEXT[locale];
  return shell([text(t.snoozedTitle, { weight: "Bolder", size: "Medium" }), text(`**${escapeCardMarkdown(actionTitle)}**`), text(t.snoozedBody(formatDay(nextDay, locale)), { isSubtle: true })], openAction(t.open, openUrl));
}

/** A refused card action: what is wrong; nothing was changed. */
export function reminderProblemCard(locale: CardLocale, problem: ReminderProblem): AdaptiveCard {
  const t = REMINDER_TEXT[locale];
  return shell([text(t.problemTitle, { weight: "Bolder", size: "Medium", color: "Attention" }), text(t.problems[problem])]);
}

/** To the meeting chat (its leads): an owner the bot cannot reach with reminders. */
export function unreachableOwnerCard(locale: CardLocale, ownerName: string, actionTitle: string, openUrl: string | null): AdaptiveCard {
  const t = REMINDER_TEXT[locale];
  return shell([text(t.unreachableTitle, { weight: "Bolder", size: "Medium", color: "Warning" }), text(t.unreachableBody(escapeCardMarkdown(ownerName), escapeCardMarkdown(actionTitle)))], openAction(t.open, openUrl));
}

const SeriesId = z.string().min(1).max(SIR_LIMITS.seriesIdMax);
const SnoozeInput = z.union([SnoozeDays, z.string().regex(/^[1-7]$/).transform(Number)]);

/** What a reminder card's Action.Execute carries: the verb, the action and series (data), the snooze days (input). */
const ReminderInvoke = z.object({
  action: z.object({
    type: z.literal("Action.Execute"),
    verb: z.enum([REMINDER_VERBS.done, REMINDER_VERBS.snooze]),
    data: z.object({ seriesId: SeriesId, actionId: ActionId, [SNOOZE_INPUT]: SnoozeInput.optional() }),
  }),
});

export type ReminderInvoke = { readonly verb: ReminderVerb; readonly seriesId: string; readonly actionId: string; readonly snoozeDays: number };

/** The card action, validated; null when the value is not one a reminder card sends (bad data: answered with a card, never a throw). */
export function parseReminderAction(value: unknown): ReminderInvoke | null {
  const parsed = ReminderInvoke.safeParse(value);
  if (!parsed.success) return null;
  const { verb, data } = parsed.data.action;
  return { verb, seriesId: data.seriesId, actionId: data.actionId, snoozeDays: data[SNOOZE_INPUT] ?? DEFAULT_SNOOZE_DAYS };
}
