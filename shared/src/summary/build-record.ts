/**
 * @module Makes a meeting's record from what the stores hold: the meeting state (sections, timer, used time), the KPI
 * board with the week's values, and the series' SIR items. Pure: the service loads, this decides what the record says.
 */
import type { KpiBoard } from "../kpi/decide.js";
import { DEFAULT_TIME_ZONE, type Person, type WeeklyValue } from "../kpi/model.js";
import { STATUS_ORDER, statusOf } from "../kpi/status.js";
import { localDate, type IsoWeek } from "../kpi/week.js";
import { sectionElapsedMs } from "../meeting/clock.js";
import type { MeetingState } from "../meeting/state.js";
import type { SirItem } from "../sir/item.js";
import { itemsForMeeting } from "../sir/meeting-list.js";
import type { MeetingRecord, RecordKpi, RecordKpiStatus } from "./record.js";

/** What other features add to the record; each is optional (absent = the feature has not landed or has nothing). */
export type RecordExtras = Pick<MeetingRecord, "goodNews" | "actions" | "priorities" | "rating">;

export interface RecordSources {
  readonly meeting: MeetingState;
  readonly seriesId: string | null;
  readonly title: string | null;
  readonly attendees: readonly Person[];
  /** The series' KPI board; null when it could not be read (the record then reports no KPIs). */
  readonly board: KpiBoard | null;
  /** The week the KPI values are from, and its values. */
  readonly week: IsoWeek | null;
  readonly values: readonly WeeklyValue[];
  /** Every SIR item of the series (the record picks this meeting's). */
  readonly sirItems: readonly SirItem[];
  /** The team's day (YYYY-MM-DD): which items prepared for a later day are on the list. */
  readonly today: string;
  /** The server's clock: a running section's time counts up to now. */
  readonly now: number;
  readonly extras?: RecordExtras;
}

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());
const pad = (n: number, width = 2): string => String(n).padStart(width, "0");

function dayOf(ms: number, timeZone: string): string {
  const { year, month, day } = localDate(ms, timeZone);
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

function kpisOf(board: KpiBoard | null, week: IsoWeek | null, values: readonly WeeklyValue[]): MeetingRecord["kpis"] {
  const counts: Record<RecordKpiStatus, number> = { offTrack: 0, atRisk: 0, onTrack: 0, noData: 0 };
  if (!board) return { week, counts, items: [] };
  const objectives = new Map(board.objectives.map((o) => [o.id, o]));
  const thisWeek = new Map(values.filter((v) => v.week === week).map((v) => [v.metricId, v]));
  const items = board.metrics
    .filter((m) => !m.archived)
    .map((m, index): { kpi: RecordKpi; index: number } => {
      const objective = m.objectiveId ? (objectives.get(m.objectiveId) ?? null) : null;
      const value = thisWeek.get(m.id) ?? null;
      const view = value ? statusOf(m, value, objective) : null;
      const status: RecordKpiStatus = view?.status ?? "noData";
      counts[status]++;
      return {
        index,
        kpi: {
          id: m.id,
          kind: m.kind,
          name: m.name,
          objective: objective?.title ?? null,
          unit: m.unit,
          direction: m.direction,
          target: m.target,
          targetMax: m.targetMax,
          value: value?.value ?? null,
          status,
          comment: view?.override?.comment || null,
          owner: m.owner,
        },
      };
    })
    .sort((a, b) => STATUS_ORDER[a.kpi.status] - STATUS_ORDER[b.kpi.status] || a.index - b.index)
    .map((x) => x.kpi);
  return { week, counts, items };
}

function sirOf(items: readonly SirItem[], meetingId: string, today: string): MeetingRecord["sir"] {
  const list = itemsForMeeting(items, meetingId, today);
  const decisions = list
    .filter((i) => i.decision?.meetingId === meetingId)
    .map((i) => {
      const d = i.decision as NonNullable<SirItem["decision"]>;
      return { itemId: i.id, kind: i.kind, title: i.title, status: i.status, text: d.text, by: d.by, at: new Date(d.at).toISOString(), actions: d.actions.map((a) => ({ title: a.title, owner: a.owner, due: a.due })) };
    })
    .sort((a, b) => a.at.localeCompare(b.at));
  const carriedOver = list
    .filter((i) => i.status === "open")
    .map((i) => ({ itemId: i.id, kind: i.kind, title: i.title, author: i.author, meetings: i.meetingsSeen.length + (i.meetingsSeen.includes(meetingId) ? 0 : 1) }));
  const information = list.filter((i) => i.status === "informationOnly").map((i) => ({ itemId: i.id, title: i.title, author: i.author }));
  return { decisions, carriedOver, information };
}

export function buildMeetingRecord(src: RecordSources): MeetingRecord {
  const m = src.meeting;
  const timeZone = src.board?.settings.timeZone ?? DEFAULT_TIME_ZONE;
  return {
    meeting: {
      meetingId: m.meetingId,
      seriesId: src.seriesId,
      title: src.title,
      date: dayOf(m.startedAt ?? src.now, timeZone),
      timeZone,
      phase: m.phase,
      templateId: m.templateId,
      startedAt: iso(m.startedAt),
      endedAt: iso(m.endedAt),
    },
    attendees: [...src.attendees].sort((a, b) => a.name.localeCompare(b.name) || a.userId.localeCompare(b.userId)),
    sections: m.sections.map((s) => ({
      id: s.id,
      kind: s.kind,
      labelKey: s.labelKey,
      title: s.title,
      enabled: s.enabled,
      plannedMs: s.durationMs,
      extraMs: s.extraMs,
      usedMs: sectionElapsedMs(m, s, src.now),
    })),
    kpis: kpisOf(src.board, src.week, src.values),
    sir: sirOf(src.sirItems, m.meetingId, src.today),
    ...(src.extras ?? {}),
    generatedAt: new Date(src.now).toISOString(),
  };
}
