/** @module The card that shows a SIR item in chat (content, readiness, status, decision), and the error card of the SIR flow. */
import { SIR_LIMITS, sirReadiness, type SirItem } from "../sir/item.js";
import { CARD_MAX_BYTES, CARD_SCHEMA, CARD_VERSION, cardBytes, executeAction, userMri, type AdaptiveCard } from "./card-types.js";
import type { CardLocale } from "./locale.js";
import { escapeCardMarkdown } from "./markdown.js";
import { SIR_VERBS } from "./sir-form-card.js";
import { SIR_TEXT } from "./sir-text.js";

export interface SirReadCardOptions {
  readonly locale: CardLocale;
  readonly item: SirItem;
  /** The viewer is the author or a lead: the card offers edit and withdraw. */
  readonly canEdit: boolean;
  /**
   * The others whose clients ask for their own view (their language; edit and withdraw for leads), by Entra object
   * id, e.g. the chat's members with the leads first. The author is always first; Teams takes at most 60.
   */
  readonly viewerIds?: readonly string[];
}


const text = (value: string, extra: Readonly<Record<string, unknown>> = {}) => ({ type: "TextBlock", text: value, wrap: true, ...extra });

/** Adaptive Cards' own date function: Teams shows the time in each viewer's language and time zone. */
function cardDate(ms: number): string {
  return `{{DATE(${new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z")}, SHORT)}}`;
}

/** Longest text shown when a card would be too large: only text made mostly of escaped characters gets there. */
const SHORTENED_CHARS = 300;

function shorten(value: string): string {
  if (value.length <= SHORTENED_CHARS) return value;
  // Do not cut a surrogate pair in half.
  const end = /[\uD800-\uDBFF]/.test(value.charAt(SHORTENED_CHARS - 1)) ? SHORTENED_CHARS - 1 : SHORTENED_CHARS;
  return `${value.slice(0, end)}…`;
}

/**
 * The item as everyone sees it. Escaping can make text up to four times longer in JSON, so an item full
 * of markdown characters could exceed Teams' size limit: then the long texts are shortened, and the card says so.
 */
export function sirReadCard(options: SirReadCardOptions): AdaptiveCard {
  const card = buildReadCard(options, false);
  return cardBytes(card) <= CARD_MAX_BYTES ? card : buildReadCard(options, true);
}

function buildReadCard({ locale, item, canEdit, viewerIds = [] }: SirReadCardOptions, shortened: boolean): AdaptiveCard {
  const t = SIR_TEXT[locale];
  const esc = (s: string) => escapeCardMarkdown(shortened ? shorten(s) : s);
  const answer = (value: string) => (value === "" ? text(t.noAnswer, { isSubtle: true, spacing: "Small" }) : text(esc(value), { spacing: "Small" }));
  const question = (q: string) => text(q, { weight: "Bolder", spacing: "Medium" });

  const facts = [
    { title: t.preparedBy, value: esc(item.author.name) },
    { title: t.status, value: t.statuses[item.status] },
  ];
  // Readiness matters while the item waits for a meeting; once handled it is history.
  if (item.status === "open") {
    const readiness = sirReadiness(item);
    facts.push({ title: t.preparation, value: readiness.ready ? t.ready : t.missing(readiness.missing.map((g) => t.gaps[g])) });
  }
  if (item.concerns !== "") facts.push({ title: t.concerns, value: esc(item.concerns) });
  if (item.forDate) facts.push({ title: t.meetingDate, value: t.forDate(item.forDate) });

  const body: unknown[] = [
    text(`${t.kinds[item.kind]}: ${esc(item.title)}`, { weight: "Bolder", size: "Medium" }),
    { type: "FactSet", facts },
  ];
  if (item.meetingsSeen.length > 0) body.push(text(t.meetingsSeen(item.meetingsSeen.length), { isSubtle: true, spacing: "Small" }));

  body.push(question(t.q1), answer(item.problem), question(t.q2));
  if (item.proposals.length === 0) body.push(answer(""));
  // The number is escaped with the text: "1. " must not start a markdown list of its own.
  else body.push(...item.proposals.map((p, i) => text(esc(`${i + 1}. ${p}`), { spacing: "Small" })));
  body.push(question(t.q3), answer(item.recommendation));

  const decision = item.decision;
  if (decision) {
    const items: unknown[] = [
      text(t.decision, { weight: "Bolder" }),
      text(esc(decision.text), { spacing: "Small" }),
      text(t.decidedBy(esc(decision.by.name), cardDate(decision.at)), { isSubtle: true, spacing: "Small" }),
    ];
    if (decision.actions.length > 0) {
      items.push(text(t.actions, { weight: "Bolder", spacing: "Medium" }));
      for (const a of decision.actions) {
        const line = `${a.title} – ${a.owner?.name ?? t.noOwner}${a.due ? `, ${t.due(a.due)}` : ""}`;
        items.push(text(esc(line), { spacing: "Small" }));
      }
    }
    body.push({ type: "Container", style: "good", spacing: "Medium", items });
  }
  if (shortened) body.push(text(t.shortened, { isSubtle: true, spacing: "Medium" }));

  // Closed items cannot change, so their card offers nothing to press.
  const closed = item.status === "resolved" || item.status === "withdrawn" || item.status === "deleted";
  const data = { itemId: item.id, version: item.version };
  const actions =
    canEdit && !closed
      ? [
          executeAction({ id: SIR_VERBS.edit, title: t.edit, verb: SIR_VERBS.edit, data }),
          executeAction({ id: SIR_VERBS.withdraw, title: t.withdraw, verb: SIR_VERBS.withdraw, data, style: "destructive" }),
        ]
      : undefined;

  return {
    type: "AdaptiveCard",
    $schema: CARD_SCHEMA,
    version: CARD_VERSION,
    body,
    ...(actions ? { actions } : {}),
    // The shared card is everyone's read view in the poster's language; each listed viewer's client asks for their
    // own: in their language, editable for the author and the leads.
    refresh: {
      action: { type: "Action.Execute", verb: SIR_VERBS.refresh, data: { itemId: item.id } },
      userIds: [...new Set([item.author.userId, ...viewerIds])].slice(0, SIR_LIMITS.refreshUserIdsMax).map(userMri),
    },
  };
}

export interface SirErrorCardOptions {
  readonly locale: CardLocale;
  /** Already in the user's language (e.g. from `sirErrorText`). */
  readonly message: string;
}

export function sirErrorCard({ locale, message }: SirErrorCardOptions): AdaptiveCard {
  return {
    type: "AdaptiveCard",
    $schema: CARD_SCHEMA,
    version: CARD_VERSION,
    body: [text(SIR_TEXT[locale].errorTitle, { weight: "Bolder", color: "Attention" }), text(escapeCardMarkdown(message))],
  };
}
