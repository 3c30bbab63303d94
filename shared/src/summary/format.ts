/**
 * @module What the card and the Markdown export say the same way: a section's name, the meeting's date and minutes,
 * a KPI's value against its target, an action's owner and due date. Plain text, not escaped: each builder escapes
 * for its own markup.
 */
import { formatKpiNumber, kpiStatusText } from "../cards/kpi-text.js";
import type { CardLocale } from "../cards/locale.js";
import { SIR_TEXT } from "../cards/sir-text.js";
import { tKey } from "../i18n/index.js";
import { parseIsoWeek } from "../kpi/week.js";
import type { MeetingRecord, RecordActionDraft, RecordKpi, RecordKpiStatus, RecordSection } from "./record.js";
import { SUMMARY_TEXT } from "./summary-text.js";

const DATE_LOCALES: Readonly<Record<CardLocale, string>> = { nb: "nb-NO", sv: "sv-SE", en: "en-GB" };

/** The lead's title, else the template's name for it in the reader's language. */
export function sectionName(locale: CardLocale, section: Pick<RecordSection, "title" | "labelKey" | "kind">): string {
  return section.title ?? tKey(locale, section.labelKey) ?? tKey(locale, `section.${section.kind}`) ?? section.labelKey;
}

export const meetingTitle = (locale: CardLocale, record: MeetingRecord): string => record.meeting.title ?? SUMMARY_TEXT[locale].defaultTitle;

/** "mandag 7. desember 2026": the day as the reader writes it (the day is the team's, so no time zone moves it). */
export function meetingDate(locale: CardLocale, date: string): string {
  const [y, m, d] = date.split("-").map(Number);
  if (y === undefined || m === undefined || d === undefined) return date;
  return new Intl.DateTimeFormat(DATE_LOCALES[locale], { dateStyle: "full", timeZone: "UTC" }).format(Date.UTC(y, m - 1, d));
}

export const minutesOf = (ms: number): number => Math.round(ms / 60_000);

/** Planned = the boxes of the sections switched on; used = every section's time. */
export function meetingMinutes(record: MeetingRecord): { readonly used: number; readonly planned: number } {
  const planned = record.sections.reduce((sum, s) => sum + (s.enabled ? s.plannedMs : 0), 0);
  const used = record.sections.reduce((sum, s) => sum + s.usedMs, 0);
  return { used: minutesOf(used), planned: minutesOf(planned) };
}

/** The sections worth reporting: those switched on, and any that used time while off. */
export const reportedSections = (record: MeetingRecord): RecordSection[] => record.sections.filter((s) => s.enabled || s.usedMs > 0);

export const weekNumber = (week: string | null): number | null => (week === null ? null : (parseIsoWeek(week)?.week ?? null));

export function statusLabel(locale: CardLocale, status: RecordKpiStatus): string {
  return status === "noData" ? SUMMARY_TEXT[locale].noData : kpiStatusText(locale, status);
}

/** "70 % (target ≥ 95 %)", "not reported (target 10–20)". */
export function kpiValueLine(locale: CardLocale, kpi: RecordKpi): string {
  const t = SUMMARY_TEXT[locale];
  const amount = (n: number) => (kpi.unit === "" ? formatKpiNumber(locale, n) : `${formatKpiNumber(locale, n)} ${kpi.unit}`);
  const target =
    kpi.direction === "range" ? `${formatKpiNumber(locale, kpi.target)}–${amount(kpi.targetMax ?? kpi.target)}` : `${kpi.direction === "higher" ? "≥" : "≤"} ${amount(kpi.target)}`;
  return `${kpi.value === null ? t.notReported : amount(kpi.value)} (${t.target} ${target})`;
}

/** "Ask for quotes – Kari, due 2026-12-14". */
export function actionDraftLine(locale: CardLocale, action: RecordActionDraft): string {
  const s = SIR_TEXT[locale];
  return `${action.title} – ${action.owner?.name ?? s.noOwner}${action.due ? `, ${s.due(action.due)}` : ""}`;
}

export function ratingAverage(locale: CardLocale, average: number): string {
  return new Intl.NumberFormat(DATE_LOCALES[locale], { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(average);
}

/** Line breaks and runs of white space as one space: a card line or a Markdown list item is one line. */
export const oneLine = (text: string): string => text.replace(/\s+/g, " ").trim();
