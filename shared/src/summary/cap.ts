/**
 * @module Bounds a meeting record: every string cleaned (control characters, bidi overrides and lone surrogates out,
 * NFC) and cut to its limit, every list cut to its count. The builders run it first, so whatever reaches them (stored
 * data from an older version, a future feature's field, hostile text) the exports stay bounded and well-formed.
 */
import {
  RECORD_LIMITS,
  type MeetingRecord,
  type Person,
  type RecordAction,
  type RecordDecision,
  type RecordGoodNews,
  type RecordKpi,
  type RecordPriorities,
  type RecordRating,
  type RecordSection,
} from "./record.js";

// eslint-disable-next-line no-control-regex -- control characters are exactly what is removed.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/gu;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Cuts to at most `max` UTF-16 units without splitting a surrogate pair; `…` marks the cut. */
export function cutText(value: string, max: number): string {
  if (value.length <= max) return value;
  const end = /[\uD800-\uDBFF]/.test(value.charAt(max - 2)) ? max - 2 : max - 1;
  return `${value.slice(0, Math.max(0, end))}…`;
}

/** Cleaned and cut: what every string of a record is. Line breaks and tabs stay (the builders decide how to show them). */
export function cleanText(value: unknown, max: number): string {
  const text = typeof value === "string" ? value : "";
  // Cut first (bounded work on a huge string; a little over, for what cleaning removes), clean, then cut to the limit.
  return cutText(cutText(text, max + 32).replace(LONE_SURROGATE, "\uFFFD").replace(CONTROL, "").normalize("NFC").trim(), max);
}

export type RecordLimits = { readonly [K in keyof typeof RECORD_LIMITS]: number };

/** The capping functions for one set of limits. */
function capper(L: RecordLimits): (record: MeetingRecord) => MeetingRecord {
  const nullableText = (value: string | null | undefined, max: number): string | null => (value == null ? null : cleanText(value, max));
  const person = (p: Person): Person => ({ userId: cleanText(p.userId, L.idMax), name: cleanText(p.name, L.nameMax) });
  const nullablePerson = (p: Person | null | undefined): Person | null => (p ? person(p) : null);
  const finite = (n: number, fallback = 0): number => (Number.isFinite(n) ? n : fallback);
  const nullableNumber = (n: number | null): number | null => (n === null || !Number.isFinite(n) ? null : n);
  const day = (d: string | null): string | null => (d !== null && /^\d{4}-\d{2}-\d{2}$/.test(d) ? d : null);

  function section(s: RecordSection): RecordSection {
    return {
      id: cleanText(s.id, L.idMax),
      kind: s.kind,
      labelKey: cleanText(s.labelKey, L.titleMax),
      title: nullableText(s.title, L.titleMax),
      enabled: s.enabled,
      plannedMs: Math.max(0, finite(s.plannedMs)),
      extraMs: Math.max(0, finite(s.extraMs)),
      usedMs: Math.max(0, finite(s.usedMs)),
    };
  }

  function kpi(k: RecordKpi): RecordKpi {
    return {
      id: cleanText(k.id, L.idMax),
      kind: k.kind,
      name: cleanText(k.name, L.titleMax),
      objective: nullableText(k.objective, L.titleMax),
      unit: cleanText(k.unit, L.unitMax),
      direction: k.direction,
      target: finite(k.target),
      targetMax: nullableNumber(k.targetMax),
      value: nullableNumber(k.value),
      status: k.status,
      comment: nullableText(k.comment, L.textMax),
      owner: nullablePerson(k.owner),
    };
  }

  function decision(d: RecordDecision): RecordDecision {
    return {
      itemId: cleanText(d.itemId, L.idMax),
      kind: d.kind,
      title: cleanText(d.title, L.titleMax),
      status: d.status,
      text: cleanText(d.text, L.textMax),
      by: person(d.by),
      at: cleanText(d.at, 40),
      actions: d.actions.slice(0, L.actionsPerDecisionMax).map((a) => ({ title: cleanText(a.title, L.titleMax), owner: nullablePerson(a.owner), due: day(a.due) })),
    };
  }

  const goodNews = (g: RecordGoodNews): RecordGoodNews => ({ text: cleanText(g.text, L.textMax), by: nullablePerson(g.by) });

  function action(a: RecordAction): RecordAction {
    return { id: cleanText(a.id, L.idMax), title: cleanText(a.title, L.titleMax), owners: a.owners.slice(0, L.ownersMax).map(person), due: day(a.due), state: a.state };
  }

  function priorities(p: RecordPriorities): RecordPriorities {
    const lines = (xs: readonly string[]) => xs.slice(0, L.priorityLinesMax).map((x) => cleanText(x, L.textMax));
    return { person: person(p.person), lastWeek: lines(p.lastWeek), nextWeek: lines(p.nextWeek), learned: nullableText(p.learned, L.textMax) };
  }

  function rating(r: RecordRating): RecordRating {
    return { average: Math.min(10, Math.max(0, finite(r.average))), count: Math.max(0, Math.floor(finite(r.count))), comments: r.comments.slice(0, L.ratingCommentsMax).map((c) => cleanText(c, L.textMax)) };
  }

  return (record) => {
    const m = record.meeting;
    const items = record.kpis.items.slice(0, L.kpisMax).map(kpi);
    return {
      meeting: {
        meetingId: cleanText(m.meetingId, L.idMax),
        seriesId: nullableText(m.seriesId, L.idMax),
        title: nullableText(m.title, L.titleMax),
        date: day(m.date) ?? "1970-01-01",
        timeZone: cleanText(m.timeZone, 64),
        phase: m.phase,
        templateId: m.templateId,
        startedAt: nullableText(m.startedAt, 40),
        endedAt: nullableText(m.endedAt, 40),
      },
      attendees: record.attendees.slice(0, L.attendeesMax).map(person),
      sections: record.sections.slice(0, L.sectionsMax).map(section),
      kpis: {
        week: nullableText(record.kpis.week, 10),
        counts: {
          offTrack: Math.max(0, finite(record.kpis.counts.offTrack)),
          atRisk: Math.max(0, finite(record.kpis.counts.atRisk)),
          onTrack: Math.max(0, finite(record.kpis.counts.onTrack)),
          noData: Math.max(0, finite(record.kpis.counts.noData)),
        },
        items,
      },
      sir: {
        decisions: record.sir.decisions.slice(0, L.decisionsMax).map(decision),
        carriedOver: record.sir.carriedOver
          .slice(0, L.carriedOverMax)
          .map((c) => ({ itemId: cleanText(c.itemId, L.idMax), kind: c.kind, title: cleanText(c.title, L.titleMax), author: person(c.author), meetings: Math.max(0, Math.floor(finite(c.meetings))) })),
        information: record.sir.information.slice(0, L.carriedOverMax).map((i) => ({ itemId: cleanText(i.itemId, L.idMax), title: cleanText(i.title, L.titleMax), author: person(i.author) })),
      },
      ...(record.goodNews ? { goodNews: record.goodNews.slice(0, L.goodNewsMax).map(goodNews) } : {}),
      ...(record.actions ? { actions: record.actions.slice(0, L.actionsMax).map(action) } : {}),
      ...(record.priorities ? { priorities: record.priorities.slice(0, L.prioritiesMax).map(priorities) } : {}),
      ...(record.rating !== undefined ? { rating: record.rating === null ? null : rating(record.rating) } : {}),
      generatedAt: cleanText(record.generatedAt, 40),
    };
  };
}

/**
 * The record with every string and list within `limits` (RECORD_LIMITS unless smaller ones are given, as the card
 * does: it shows far less). Idempotent: capping a capped record with the same limits changes nothing.
 */
export function capRecord(record: MeetingRecord, limits: RecordLimits = RECORD_LIMITS): MeetingRecord {
  return capper(limits)(record);
}
