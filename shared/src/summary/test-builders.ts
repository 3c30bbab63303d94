/** @module Test data for the summary: a realistic weekly meeting record, a huge one, and hostile text for every field. */
import { MINUTE } from "../meeting/section.js";
import type { MeetingRecord, Person, RecordKpi } from "./record.js";

export const INGRID: Person = { userId: "00000000-0000-4000-8000-000000000001", name: "Ingrid Organizer" };
export const PER: Person = { userId: "00000000-0000-4000-8000-000000000002", name: "Per Presenter" };
export const KARI: Person = { userId: "00000000-0000-4000-8000-000000000003", name: "Kari Attendee" };
export const ALEX: Person = { userId: "00000000-0000-4000-8000-000000000004", name: "Alex Attendee" };

const kpi = (overrides: Partial<RecordKpi> & Pick<RecordKpi, "id" | "name">): RecordKpi => ({
  kind: "kpi",
  objective: null,
  unit: "%",
  direction: "higher",
  target: 95,
  targetMax: null,
  value: 96,
  status: "onTrack",
  comment: null,
  owner: KARI,
  ...overrides,
});

/** A weekly meeting of four that ended: a little overrun, two numbers off track, two decisions, one item carried over. */
export function meetingRecord(overrides: Partial<MeetingRecord> = {}): MeetingRecord {
  return {
    meeting: {
      meetingId: "meeting-week-49",
      seriesId: "19:meeting_weekly@thread.v2",
      title: null,
      date: "2026-12-07",
      timeZone: "Europe/Oslo",
      phase: "ended",
      templateId: "teamWeekly60",
      startedAt: "2026-12-07T08:00:00.000Z",
      endedAt: "2026-12-07T09:04:00.000Z",
    },
    attendees: [ALEX, INGRID, KARI, PER],
    sections: [
      { id: "goodNews", kind: "goodNews", labelKey: "section.goodNews", title: null, enabled: true, plannedMs: 5 * MINUTE, extraMs: 0, usedMs: 6 * MINUTE },
      { id: "kpis", kind: "kpis", labelKey: "section.kpis", title: null, enabled: true, plannedMs: 10 * MINUTE, extraMs: 0, usedMs: 9 * MINUTE },
      { id: "salesFunnel", kind: "salesFunnel", labelKey: "section.salesFunnel", title: null, enabled: false, plannedMs: 5 * MINUTE, extraMs: 0, usedMs: 0 },
      { id: "sir", kind: "sir", labelKey: "section.sir", title: null, enabled: true, plannedMs: 20 * MINUTE, extraMs: 5 * MINUTE, usedMs: 25 * MINUTE },
      { id: "actions", kind: "actions", labelKey: "section.actions", title: null, enabled: true, plannedMs: 10 * MINUTE, extraMs: 0, usedMs: 8 * MINUTE },
      { id: "priorities", kind: "priorities", labelKey: "section.priorities", title: "Ukens tre viktigste", enabled: true, plannedMs: 15 * MINUTE, extraMs: 0, usedMs: 16 * MINUTE },
    ],
    kpis: {
      week: "2026-W50",
      counts: { offTrack: 2, atRisk: 1, onTrack: 1, noData: 1 },
      items: [
        kpi({ id: "kpi-1", name: "Leveringspresisjon", value: 70, status: "offTrack", owner: ALEX }),
        kpi({ id: "kpi-2", name: "Kundetilfredshet", unit: "", direction: "range", target: 8, targetMax: 10, value: 5.5, status: "offTrack", comment: "Ny leverandør, venter bedring", owner: PER }),
        kpi({ id: "kpi-3", name: "Reklamasjoner", unit: "stk", direction: "lower", target: 5, value: 6, status: "atRisk" }),
        kpi({ id: "kpi-4", name: "Nye kunder", kind: "keyResult", objective: "Vokse i Norden", unit: "", target: 40, value: null, status: "noData", owner: INGRID }),
        kpi({ id: "kpi-5", name: "Oppetid", value: 99.9, status: "onTrack", owner: null }),
      ],
    },
    sir: {
      decisions: [
        {
          itemId: "sir-1",
          kind: "issue",
          title: "Transportøren leverer for sent",
          status: "resolved",
          text: "Vi bytter transportør fra februar.",
          by: INGRID,
          at: "2026-12-07T08:30:00.000Z",
          actions: [
            { title: "Innhente tre tilbud", owner: KARI, due: "2026-12-14" },
            { title: "Varsle kundene", owner: null, due: null },
          ],
        },
        { itemId: "sir-2", kind: "risk", title: "Nøkkelperson kan slutte", status: "open", text: "Lære opp en til innen mars.", by: PER, at: "2026-12-07T08:40:00.000Z", actions: [] },
      ],
      carriedOver: [
        { itemId: "sir-2", kind: "risk", title: "Nøkkelperson kan slutte", author: ALEX, meetings: 2 },
        { itemId: "sir-3", kind: "issue", title: "Budsjett 2027", author: KARI, meetings: 1 },
      ],
      information: [{ itemId: "sir-4", title: "Nytt kontor fra januar", author: PER }],
    },
    generatedAt: "2026-12-07T09:05:00.000Z",
    ...overrides,
  };
}

/** What the features still to come add: good news, actions, priorities, a rating. */
export function fullRecord(): MeetingRecord {
  return meetingRecord({
    goodNews: [{ text: "Rekordsalg i november!", by: KARI }, { text: "Ny avtale med Nordic AS", by: null }],
    // The real actions: the first decision's two drafts became actions in the meeting, one changed, one done, one carries over.
    actions: [
      { id: "act-1", title: "Innhente tre tilbud", owners: [KARI], due: "2026-12-14", state: "new" },
      { id: "act-2", title: "Varsle kundene", owners: [INGRID], due: null, state: "new" },
      { id: "act-3", title: "Oppdatere prisliste", owners: [PER], due: "2026-12-18", state: "updated" },
      { id: "act-4", title: "Rydde i CRM", owners: [KARI, ALEX], due: null, state: "done" },
      { id: "act-5", title: "Ny nettside", owners: [ALEX], due: "2027-01-15", state: "open" },
    ],
    priorities: [{ person: KARI, lastWeek: ["Tilbud til Nordic AS"], nextWeek: ["Tre tilbud fra transportører", "Budsjett"], learned: "Be om hjelp tidligere" }],
    rating: { average: 7.75, count: 4, comments: ["Godt tempo"] },
  });
}

/**
 * Markdown, link, HTML, template and control-character injection, bidi overrides and a lone surrogate: what a hostile
 * attendee can type into any text field.
 */
export const HOSTILE = "**bold** _it_ [click](https://evil.example/x) ![img](https://t.example/p.png) <script>alert(1)</script> <b>hi</b> &lt;x&gt; ${secret} {{DATE(2026-01-01T00:00:00Z)}} `code` # head\n- list\n1. num\n> quote\n| a | b |\u0000\u0007\u001b[31m\u202eRTL\u202c\ud800 https://bare.example www.evil.example x@y.example ~~s~~ \\";

/** Every text field of every part of the record holds `text`. */
export function hostileRecord(text = HOSTILE): MeetingRecord {
  const p = (i: number): Person => ({ userId: `user-${i}`, name: `${text} ${i}` });
  const base = fullRecord();
  return {
    ...base,
    meeting: { ...base.meeting, title: text },
    attendees: [p(1), p(2)],
    sections: base.sections.map((s) => ({ ...s, title: text })),
    kpis: { ...base.kpis, items: base.kpis.items.map((k) => ({ ...k, name: text, unit: text, objective: text, comment: text, owner: p(3), status: "offTrack" })) },
    sir: {
      decisions: base.sir.decisions.map((d) => ({ ...d, title: text, text, by: p(4), actions: [{ title: text, owner: p(5), due: "2026-12-14" }] })),
      carriedOver: base.sir.carriedOver.map((c) => ({ ...c, title: text, author: p(6) })),
      information: [{ itemId: "sir-9", title: text, author: p(7) }],
    },
    goodNews: [{ text, by: p(8) }],
    actions: [{ id: "act-1", title: text, owners: [p(9)], due: "2026-12-11", state: "updated" }],
    priorities: [{ person: p(10), lastWeek: [text], nextWeek: [text], learned: text }],
    rating: { average: 6, count: 2, comments: [text] },
  };
}

/**
 * 50 actions, 30 KPIs, 20 SIR items (10 actions each), 200 attendees and priorities, and 100 KB in every text; with
 * `repeat` small, the same meeting with texts of an ordinary length.
 */
export function hugeRecord(repeat = 10_000): MeetingRecord {
  const big = (label: string, i: number) => `${label} ${i} ${"Ø*[x](y)<b>".repeat(repeat)}`;
  const person = (i: number): Person => ({ userId: `user-${i}`, name: big("Person", i) });
  const base = fullRecord();
  return {
    ...base,
    meeting: { ...base.meeting, title: big("Møte", 0) },
    attendees: Array.from({ length: 200 }, (_, i) => person(i)),
    sections: base.sections.map((s, i) => ({ ...s, title: big("Del", i) })),
    kpis: {
      week: "2026-W50",
      counts: { offTrack: 30, atRisk: 0, onTrack: 0, noData: 0 },
      items: Array.from({ length: 30 }, (_, i) => kpi({ id: `kpi-${i}`, name: big("KPI", i), unit: big("u", i), value: 1, status: "offTrack", comment: big("c", i), owner: person(i) })),
    },
    sir: {
      decisions: Array.from({ length: 20 }, (_, i) => ({
        itemId: `sir-${i}`,
        kind: "issue" as const,
        title: big("Sak", i),
        status: "resolved" as const,
        text: big("Beslutning", i),
        by: person(i),
        at: "2026-12-07T08:30:00.000Z",
        actions: Array.from({ length: 10 }, (_, j) => ({ title: big("Oppgave", j), owner: person(j), due: "2026-12-14" })),
      })),
      carriedOver: Array.from({ length: 20 }, (_, i) => ({ itemId: `sir-c${i}`, kind: "risk" as const, title: big("Videre", i), author: person(i), meetings: 3 })),
      information: Array.from({ length: 20 }, (_, i) => ({ itemId: `sir-i${i}`, title: big("Info", i), author: person(i) })),
    },
    goodNews: Array.from({ length: 50 }, (_, i) => ({ text: big("Nyhet", i), by: person(i) })),
    actions: Array.from({ length: 50 }, (_, i) => ({ id: `act-${i}`, title: big("Action", i), owners: [person(i), person(i + 1)], due: "2026-12-20", state: "new" as const })),
    priorities: Array.from({ length: 200 }, (_, i) => ({ person: person(i), lastWeek: [big("a", i)], nextWeek: [big("b", i), big("c", i)], learned: big("l", i) })),
    rating: { average: 8.2, count: 180, comments: Array.from({ length: 180 }, (_, i) => big("k", i)) },
  };
}
