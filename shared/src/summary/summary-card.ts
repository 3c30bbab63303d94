/**
 * @module The meeting summary as an Adaptive Card 1.5 for the team's channel: date and attendees, good news, KPI
 * status (counts by status and the off-track ones), SIR decisions, the series' actions (new, updated, done, and the
 * open ones that carry over), SIR items that carry over, priorities, time per section planned against used, rating. Pure: `summaryCard(record, locale, { recordUrl })`.
 *
 * Every user text is escaped for card markdown (TextBlock and FactSet text is markdown in Teams). The card stays
 * under SUMMARY_CARD_MAX_BYTES however large the meeting: lists are cut with "and N more", long texts shortened,
 * step by step, and a link to the full record (an https URL passed in) is offered.
 */
import { CARD_SCHEMA, CARD_VERSION, cardBytes, type AdaptiveCard } from "../cards/card-types.js";
import type { CardLocale } from "../cards/locale.js";
import { escapeCardMarkdown, isAllowedLink } from "../cards/markdown.js";
import { SIR_TEXT } from "../cards/sir-text.js";
import { capRecord, cutText, type RecordLimits } from "./cap.js";
import {
  actionDraftLine,
  kpiValueLine,
  meetingDate,
  meetingMinutes,
  meetingTitle,
  minutesOf,
  oneLine,
  ratingAverage,
  reportedSections,
  sectionName,
  statusLabel,
  weekNumber,
} from "./format.js";
import { RECORD_KPI_STATUSES, RECORD_LIMITS, type MeetingRecord } from "./record.js";
import { SUMMARY_TEXT } from "./summary-text.js";

/**
 * The most UTF-8 bytes the card's JSON may take. Teams refuses messages over about 28 KB (the figure Microsoft gives
 * for posting a card to a channel; bot messages in general may be up to 100 KB, counted in UTF-16, of which 80 KB is
 * the recommended ceiling). 24,000 leaves room for the activity around the card and stays under 48 KB in UTF-16.
 */
export const SUMMARY_CARD_MAX_BYTES = 24_000;

export interface SummaryCardOptions {
  /** Where the full record can be read (https only; anything else is left out). */
  readonly recordUrl?: string | null;
}

/** How much of each list and text a build shows. The first that fits wins; the last always fits. */
interface Detail {
  readonly list: number;
  readonly attendees: number;
  readonly sections: number;
  readonly actionsPerDecision: number;
  readonly text: number;
  readonly title: number;
  readonly name: number;
}

const DETAILS: readonly Detail[] = [
  { list: 12, attendees: 40, sections: 20, actionsPerDecision: 5, text: 400, title: 120, name: 60 },
  { list: 8, attendees: 30, sections: 16, actionsPerDecision: 4, text: 300, title: 100, name: 50 },
  { list: 6, attendees: 20, sections: 12, actionsPerDecision: 3, text: 200, title: 80, name: 40 },
  { list: 4, attendees: 15, sections: 10, actionsPerDecision: 2, text: 150, title: 70, name: 35 },
  { list: 3, attendees: 10, sections: 8, actionsPerDecision: 2, text: 100, title: 60, name: 30 },
  { list: 2, attendees: 5, sections: 6, actionsPerDecision: 1, text: 80, title: 60, name: 30 },
  { list: 0, attendees: 0, sections: 0, actionsPerDecision: 0, text: 60, title: 60, name: 30 },
];

/**
 * The record's texts cut to one character past the most the card shows (so the card still sees that it cut): cleaning
 * 100 KB strings to 2,000 characters for a card that shows 400 would be most of the work. Lists keep the record's
 * limits, so every count the card shows is the record's.
 */
const CARD_TEXT_LIMITS: RecordLimits = { ...RECORD_LIMITS, nameMax: 61, titleMax: 121, textMax: 401 };

const text = (value: string, extra: Readonly<Record<string, unknown>> = {}) => ({ type: "TextBlock", text: value, wrap: true, ...extra });
const heading = (value: string) => text(value, { weight: "Bolder", spacing: "Medium", separator: true });
const line = (value: string, extra: Readonly<Record<string, unknown>> = {}) => text(value, { spacing: "Small", ...extra });

/** The summary card in the reader's language. Never throws for a record of any size or content. */
export function summaryCard(record: MeetingRecord, locale: CardLocale, options: SummaryCardOptions = {}): AdaptiveCard {
  const capped = capRecord(record, CARD_TEXT_LIMITS);
  const recordUrl = options.recordUrl && isAllowedLink(options.recordUrl) ? options.recordUrl : null;
  let card: AdaptiveCard | null = null;
  for (const detail of DETAILS) {
    card = buildCard(capped, locale, recordUrl, detail);
    if (cardBytes(card) <= SUMMARY_CARD_MAX_BYTES) return card;
  }
  // The last level shows counts only and fits by construction; return it even so rather than nothing.
  return card ?? buildCard(capped, locale, recordUrl, DETAILS[DETAILS.length - 1] as Detail);
}

function buildCard(record: MeetingRecord, locale: CardLocale, recordUrl: string | null, d: Detail): AdaptiveCard {
  const t = SUMMARY_TEXT[locale];
  const s = SIR_TEXT[locale];
  let shortened = false;
  /** User text as it goes into card markdown: one line, cut to `max`, escaped. */
  const esc = (value: string, max: number): string => {
    const flat = oneLine(value);
    if (flat.length > max) shortened = true;
    return escapeCardMarkdown(cutText(flat, max));
  };
  const name = (value: string) => esc(value, d.name);
  /** The first `n` of a list, and a line saying how many more there are. */
  const some = <T>(items: readonly T[], n: number): { shown: readonly T[]; more: unknown[] } => {
    const shown = items.slice(0, n);
    const rest = items.length - shown.length;
    if (rest > 0) shortened = true;
    return { shown, more: rest > 0 ? [line(t.andMore(rest), { isSubtle: true })] : [] };
  };

  const minutes = meetingMinutes(record);
  const body: unknown[] = [
    text(esc(t.heading(meetingTitle(locale, record)), d.title + 20), { weight: "Bolder", size: "Medium" }),
    text(`${meetingDate(locale, record.meeting.date)} · ${t.timeUsed(minutes.used, minutes.planned)}`, { isSubtle: true, spacing: "None" }),
  ];
  if (record.meeting.phase !== "ended") body.push(line(t.preview, { color: "Warning" }));

  // Attendees: names in one line, the rest counted.
  body.push(heading(t.attendees(record.attendees.length)));
  if (record.attendees.length === 0) body.push(line(t.noAttendees, { isSubtle: true }));
  else {
    const shown = record.attendees.slice(0, d.attendees).map((p) => name(p.name));
    const rest = record.attendees.length - shown.length;
    if (rest > 0) {
      shortened = true;
      shown.push(t.andMore(rest));
    }
    body.push(line(shown.join(", ")));
  }

  if (record.goodNews && record.goodNews.length > 0) {
    body.push(heading(t.goodNews));
    const { shown, more } = some(record.goodNews, d.list);
    for (const g of shown) body.push(line(g.by ? `${esc(g.text, d.text)} – ${name(g.by.name)}` : esc(g.text, d.text)));
    body.push(...more);
  }

  // KPI status: the counts by status, then the numbers off track (those need the meeting's attention).
  const kpis = record.kpis;
  body.push(heading(t.kpiStatus(weekNumber(kpis.week))));
  if (kpis.items.length === 0 && RECORD_KPI_STATUSES.every((st) => kpis.counts[st] === 0)) body.push(line(t.noKpis, { isSubtle: true }));
  else {
    body.push(line(RECORD_KPI_STATUSES.map((st) => `${statusLabel(locale, st)}: ${kpis.counts[st]}`).join(" · ")));
    const offTrack = kpis.items.filter((k) => k.status === "offTrack");
    const { shown, more } = some(offTrack, d.list);
    for (const k of shown) {
      const owner = k.owner ? ` – ${name(k.owner.name)}` : "";
      body.push(line(`${esc(k.name, d.title)}: ${esc(kpiValueLine(locale, k), d.text)}${owner}`, { color: "Attention" }));
    }
    body.push(...more);
  }

  // SIR decisions (their follow-up drafts are actions, listed below; shown here only for a record without actions).
  body.push(heading(t.decisions));
  if (record.sir.decisions.length === 0) body.push(line(t.noDecisions, { isSubtle: true }));
  else {
    const { shown, more } = some(record.sir.decisions, d.list);
    for (const dec of shown) {
      const items: unknown[] = [
        text(`${s.kinds[dec.kind]}: ${esc(dec.title, d.title)}`, { weight: "Bolder" }),
        line(esc(dec.text, d.text)),
        line(`${t.decidedBy(name(dec.by.name))} · ${s.statuses[dec.status]}`, { isSubtle: true }),
      ];
      // The follow-up drafts only for a record without the real actions: with them, the drafts are actions there.
      const actions = some(record.actions === undefined ? dec.actions : [], d.actionsPerDecision);
      for (const a of actions.shown) items.push(line(`→ ${esc(actionDraftLine(locale, a), d.title + d.name + 20)}`));
      items.push(...actions.more);
      body.push({ type: "Container", spacing: "Small", items });
    }
    body.push(...more);
  }

  if (record.actions && record.actions.length > 0) {
    body.push(heading(t.actions));
    const { shown, more } = some(record.actions, d.list);
    for (const a of shown) {
      const owners = a.owners.length === 0 ? s.noOwner : a.owners.map((o) => o.name).join(", ");
      const due = a.due ? `, ${s.due(a.due)}` : "";
      body.push(line(`${esc(`${a.title} – ${owners}${due}`, d.title + d.name + 20)} (${t.actionStates[a.state]})`));
    }
    body.push(...more);
  }

  body.push(heading(t.carriesOver));
  if (record.sir.carriedOver.length === 0) body.push(line(t.nothingCarries, { isSubtle: true }));
  else {
    const { shown, more } = some(record.sir.carriedOver, d.list);
    for (const c of shown) body.push(line(`${s.kinds[c.kind]}: ${esc(c.title, d.title)} – ${name(c.author.name)} (${s.meetingsSeen(c.meetings)})`));
    body.push(...more);
  }

  if (record.sir.information.length > 0) {
    body.push(heading(t.information));
    const { shown, more } = some(record.sir.information, d.list);
    for (const i of shown) body.push(line(`${esc(i.title, d.title)} – ${name(i.author.name)}`));
    body.push(...more);
  }

  if (record.priorities && record.priorities.length > 0) {
    body.push(heading(t.priorities));
    const { shown, more } = some(record.priorities, d.list);
    for (const p of shown) body.push(line(`${name(p.person.name)}: ${esc(p.nextWeek.join("; "), d.text)}`));
    body.push(...more);
  }

  // Time per section, used against planned: an overrun shows, it is never hidden.
  const sections = reportedSections(record);
  if (sections.length > 0) {
    body.push(heading(t.timePerSection));
    const { shown, more } = some(sections, d.sections);
    const facts = shown.map((sec) => {
      const planned = minutesOf(sec.plannedMs);
      const used = minutesOf(sec.usedMs);
      const over = used - planned;
      const value = !sec.enabled ? `${t.minutes(used)} (${t.sectionOff})` : sec.usedMs === 0 ? `${t.notReached} / ${t.minutes(planned)}` : `${used} / ${t.minutes(planned)}${over > 0 ? ` (+${over})` : ""}`;
      return { title: esc(sectionName(locale, sec), d.title), value };
    });
    if (facts.length > 0) body.push({ type: "FactSet", spacing: "Small", facts });
    body.push(...more);
  }

  if (record.rating !== undefined) {
    body.push(heading(record.rating && record.rating.count > 0 ? t.rating(ratingAverage(locale, record.rating.average), record.rating.count) : t.noRatings));
  }

  if (shortened) body.push(line(recordUrl ? t.shortened : `${t.shortened} ${t.recordInPanel}`, { isSubtle: true, spacing: "Medium" }));

  return {
    type: "AdaptiveCard",
    $schema: CARD_SCHEMA,
    version: CARD_VERSION,
    body,
    ...(recordUrl ? { actions: [{ type: "Action.OpenUrl", title: t.openRecord, url: recordUrl }] } : {}),
  };
}
