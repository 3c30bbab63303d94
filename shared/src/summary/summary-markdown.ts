/**
 * @module The full meeting record as Markdown for the team's wiki (CommonMark + GFM tables), and as the documented JSON
 * export (docs/SUMMARY.md). Nothing is cut here beyond RECORD_LIMITS: this is the full record the card links to.
 *
 * Every text is escaped: each ASCII punctuation character gets a backslash (CommonMark lets any of them be escaped,
 * and then none can start a link, emphasis, HTML, an entity, a table cell or a heading), and line breaks become
 * spaces so no text can start a block of its own. `https:` becomes `https\:`, which also stops GFM's bare-URL links.
 */
import type { CardLocale } from "../cards/locale.js";
import { SIR_TEXT } from "../cards/sir-text.js";
import { capRecord } from "./cap.js";
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
import { RECORD_FORMAT, RECORD_KPI_STATUSES, RECORD_VERSION, type MeetingRecord } from "./record.js";
import { SUMMARY_TEXT } from "./summary-text.js";

/** Text shown as typed in CommonMark/GFM: one line, every ASCII punctuation character escaped. */
export function escapeMarkdown(value: string): string {
  return oneLine(value).replace(/[!-/:-@[-`{-~]/g, "\\$&");
}

export function summaryMarkdown(record: MeetingRecord, locale: CardLocale): string {
  const r = capRecord(record);
  const t = SUMMARY_TEXT[locale];
  const s = SIR_TEXT[locale];
  const e = escapeMarkdown;
  const out: string[] = [];
  const para = (value: string) => out.push(value, "");
  const h = (level: 1 | 2 | 3, value: string) => out.push(`${"#".repeat(level)} ${e(value)}`, "");
  const list = (items: readonly string[]) => {
    for (const item of items) out.push(`- ${e(item)}`);
    out.push("");
  };
  const table = (head: readonly string[], rows: readonly (readonly string[])[]) => {
    out.push(`| ${head.map(e).join(" | ")} |`, `|${head.map(() => "---").join("|")}|`);
    for (const row of rows) out.push(`| ${row.map((c) => (c === "" ? " " : e(c))).join(" | ")} |`);
    out.push("");
  };

  const minutes = meetingMinutes(r);
  h(1, t.heading(meetingTitle(locale, r)));
  para(e(`${meetingDate(locale, r.meeting.date)} · ${t.timeUsed(minutes.used, minutes.planned)}`));
  if (r.meeting.phase !== "ended") para(`_${e(t.preview)}_`);

  h(2, t.attendees(r.attendees.length));
  if (r.attendees.length === 0) para(e(t.noAttendees));
  else list(r.attendees.map((p) => p.name));

  if (r.goodNews && r.goodNews.length > 0) {
    h(2, t.goodNews);
    list(r.goodNews.map((g) => (g.by ? `${g.text} – ${g.by.name}` : g.text)));
  }

  h(2, t.kpiStatus(weekNumber(r.kpis.week)));
  if (r.kpis.items.length === 0) para(e(t.noKpis));
  else {
    para(e(RECORD_KPI_STATUSES.map((st) => `${statusLabel(locale, st)}: ${r.kpis.counts[st]}`).join(" · ")));
    table(
      [t.kpiColumns.status, t.kpiColumns.name, t.kpiColumns.value, t.kpiColumns.owner],
      r.kpis.items.map((k) => [statusLabel(locale, k.status), k.objective ? `${k.name} (${k.objective})` : k.name, kpiValueLine(locale, k), [k.owner?.name ?? "", k.comment ?? ""].filter(Boolean).join(": ")]),
    );
  }

  h(2, t.decisions);
  if (r.sir.decisions.length === 0) para(e(t.noDecisions));
  for (const d of r.sir.decisions) {
    h(3, `${s.kinds[d.kind]}: ${d.title}`);
    para(e(d.text));
    para(`_${e(`${t.decidedBy(d.by.name)} · ${s.statuses[d.status]}`)}_`);
    // The follow-up drafts only for a record without the real actions: with them, the drafts are actions there.
    if (r.actions === undefined && d.actions.length > 0) list(d.actions.map((a) => `→ ${actionDraftLine(locale, a)}`));
  }

  if (r.actions && r.actions.length > 0) {
    h(2, t.actions);
    list(r.actions.map((a) => `${a.title} – ${a.owners.length === 0 ? s.noOwner : a.owners.map((o) => o.name).join(", ")}${a.due ? `, ${s.due(a.due)}` : ""} (${t.actionStates[a.state]})`));
  }

  h(2, t.carriesOver);
  if (r.sir.carriedOver.length === 0) para(e(t.nothingCarries));
  else list(r.sir.carriedOver.map((c) => `${s.kinds[c.kind]}: ${c.title} – ${c.author.name} (${s.meetingsSeen(c.meetings)})`));

  if (r.sir.information.length > 0) {
    h(2, t.information);
    list(r.sir.information.map((i) => `${i.title} – ${i.author.name}`));
  }

  if (r.priorities && r.priorities.length > 0) {
    h(2, t.priorities);
    for (const p of r.priorities) {
      h(3, p.person.name);
      const lines = [`${t.lastWeek}: ${p.lastWeek.join("; ")}`, `${t.nextWeek}: ${p.nextWeek.join("; ")}`];
      if (p.learned) lines.push(`${t.learned}: ${p.learned}`);
      list(lines);
    }
  }

  const sections = reportedSections(r);
  if (sections.length > 0) {
    h(2, t.timePerSection);
    table(
      [t.section, t.planned, t.used],
      sections.map((sec) => [
        sectionName(locale, sec),
        sec.enabled ? t.minutes(minutesOf(sec.plannedMs)) : t.sectionOff,
        sec.usedMs === 0 ? t.notReached : t.minutes(minutesOf(sec.usedMs)),
      ]),
    );
  }

  if (r.rating !== undefined) {
    h(2, r.rating && r.rating.count > 0 ? t.rating(ratingAverage(locale, r.rating.average), r.rating.count) : t.noRatings);
    if (r.rating && r.rating.comments.length > 0) list(r.rating.comments);
  }

  out.push("---", "", e(`${t.exportedAt(r.generatedAt)} · ${RECORD_FORMAT} v${RECORD_VERSION}`), "");
  return out.join("\n");
}

/** The JSON export: the record itself under a format name and version (docs/SUMMARY.md). */
export interface MeetingRecordExport extends MeetingRecord {
  readonly format: typeof RECORD_FORMAT;
  readonly version: typeof RECORD_VERSION;
}

export function recordExport(record: MeetingRecord): MeetingRecordExport {
  return { format: RECORD_FORMAT, version: RECORD_VERSION, ...capRecord(record) };
}

export const recordJson = (record: MeetingRecord): string => `${JSON.stringify(recordExport(record), null, 2)}\n`;
