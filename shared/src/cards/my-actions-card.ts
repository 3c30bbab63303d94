/**
 * @module The "My actions" card in chat: the person's open actions across their meetings (overdue first, said in
 * words and not by colour only), each with "Mark done" (Action.Execute carrying only which action; who acts is what
 * Teams says), a refresh for the person, and a notice on top after a card action. Pure.
 */
import { daysOverdue } from "../actions/dates.js";
import type { MyAction } from "../actions/my-actions.js";
import { CARD_SCHEMA, CARD_VERSION, executeAction, userMri, type AdaptiveCard } from "./card-types.js";
import type { CardLocale } from "./locale.js";
import { escapeCardMarkdown } from "./markdown.js";
import { MY_ACTIONS_CARD_TEXT } from "./my-actions-text.js";

export const MY_ACTIONS_VERBS = { done: "myActionDone", refresh: "myActionsRefresh" } as const;
export type MyActionsVerb = (typeof MY_ACTIONS_VERBS)[keyof typeof MY_ACTIONS_VERBS];

/** Actions on one card at most: the card stays well under Teams' size limit; the rest are in the panel. */
export const MY_ACTIONS_CARD_MAX = 15;

export interface MyActionsCardOptions {
  readonly locale: CardLocale;
  readonly userId: string;
  readonly actions: readonly MyAction[];
  readonly total: number;
  readonly now: number;
  /** What the last card action did (already in the person's language); `attention` for a refusal. */
  readonly notice?: { readonly text: string; readonly attention: boolean };
}

const text = (value: string, extra: Readonly<Record<string, unknown>> = {}) => ({ type: "TextBlock", text: escapeCardMarkdown(value), wrap: true, ...extra });

export function myActionsCard({ locale, userId, actions, total, now, notice }: MyActionsCardOptions): AdaptiveCard {
  const t = MY_ACTIONS_CARD_TEXT[locale];
  const shown = actions.slice(0, MY_ACTIONS_CARD_MAX);
  const body: unknown[] = [text(t.heading, { weight: "Bolder", size: "Medium" })];
  if (notice) body.push(text(notice.text, { color: notice.attention ? "Attention" : "Good", weight: "Bolder" }));
  body.push(text(total === 0 ? t.empty : t.intro(total), { spacing: "Small", isSubtle: true }));
  for (const row of shown) {
    const a = row.action;
    const late = daysOverdue(a, now, row.timeZone);
    const meta = [a.due === null ? t.noDue : t.due(a.due), ...(a.status === "inProgress" ? [t.inProgress] : a.status === "blocked" ? [t.blocked] : []), ...(row.seriesName ? [t.inSeries(row.seriesName)] : [])].join(" · ");
    body.push({
      type: "Container",
      separator: true,
      spacing: "Medium",
      ...(late > 0 ? { style: "attention" } : {}),
      items: [
        text(a.title, { weight: "Bolder" }),
        ...(late > 0 ? [text(t.overdue(late), { color: "Attention", weight: "Bolder", spacing: "None" })] : []),
        text(meta, { isSubtle: true, spacing: "None", size: "Small" }),
        {
          type: "ActionSet",
          actions: [executeAction({ id: `done.${a.id}`, title: t.markDone, verb: MY_ACTIONS_VERBS.done, data: { seriesId: a.seriesId, actionId: a.id }, style: "positive" })],
        },
      ],
    });
  }
  if (total > shown.length) body.push(text(t.more(total - shown.length), { isSubtle: true, spacing: "Medium" }));
  return {
    type: "AdaptiveCard",
    $schema: CARD_SCHEMA,
    version: CARD_VERSION,
    body,
    actions: [executeAction({ id: MY_ACTIONS_VERBS.refresh, title: t.refresh, verb: MY_ACTIONS_VERBS.refresh, data: {} })],
    refresh: { action: { type: "Action.Execute", verb: MY_ACTIONS_VERBS.refresh, data: {} }, userIds: [userMri(userId)] },
  };
}
