/**
 * @module The meeting summary: golden card and Markdown in bokmål, Swedish and English, a huge meeting under Teams'
 * size limit, hostile text escaped everywhere, the Markdown read back with every fact intact, the JSON export, and
 * the record made from the meeting, the board and the SIR items.
 */
import { describe, expect, it } from "vitest";
import type { AdaptiveCard } from "../cards/card-types.js";
import { cardBytes } from "../cards/card-types.js";
import type { CardLocale } from "../cards/locale.js";
import { SIR_TEXT } from "../cards/sir-text.js";
import { board, metric, objective, weeklyValue } from "../kpi/test-builders.js";
import { MINUTE } from "../meeting/section.js";
import { cmd, minutes, runCommands, startedMeeting, testClock } from "../meeting/test-builders.js";
import { KARI, LEAD, sirItem } from "../sir/test-builders.js";
import { buildMeetingRecord } from "./build-record.js";
import { capRecord, cleanText } from "./cap.js";
import { oneLine } from "./format.js";
import { RECORD_FORMAT, RECORD_LIMITS, RECORD_VERSION, type MeetingRecord } from "./record.js";
import { SUMMARY_CARD_MAX_BYTES, summaryCard } from "./summary-card.js";
import { escapeMarkdown, recordExport, recordJson, summaryMarkdown } from "./summary-markdown.js";
import { SUMMARY_TEXT } from "./summary-text.js";
import { ALEX, fullRecord, HOSTILE, hostileRecord, hugeRecord, INGRID, KARI as KARI_A, meetingRecord } from "./test-builders.js";

const LOCALES: readonly CardLocale[] = ["nb", "sv", "en"];
const RECORD_URL = "https://okr.example.com/tab/record.html?meeting=meeting-week-49";

/** Every string the card shows as markdown: TextBlock text and FactSet titles and values. */
function markdownTexts(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) for (const n of node) markdownTexts(n, out);
  else if (node && typeof node === "object") {
    const o = node as Record<string, unknown>;
    if (o.type === "TextBlock" && typeof o.text === "string") out.push(o.text);
    if (o.type === "FactSet" && Array.isArray(o.facts)) for (const f of o.facts as { title: string; value: string }[]) out.push(f.title, f.value);
    for (const [k, v] of Object.entries(o)) if (k !== "facts") markdownTexts(v, out);
  }
  return out;
}

/**
 * The card markdown characters that can start formatting, a link, an image, HTML or a template expression. Our own
 * words use only ( ) . - + : which do nothing in the middle of a line; a line never starts with a list marker.
 */
const CARD_SPECIAL = "\\`*_{}[]<~";
/** True when every card markdown character is preceded by an escaping backslash. */
function escapedFor(specials: (c: string) => boolean, text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    if (c === "\\") {
      i++;
      if (i >= text.length) return false;
      continue;
    }
    if (specials(c)) return false;
  }
  return true;
}
const cardEscaped = (text: string) => escapedFor((c) => CARD_SPECIAL.includes(c), text);
const mdEscaped = (text: string) => escapedFor((c) => /[!-/:-@[-`{-~]/.test(c), text);
const unescape = (text: string) => text.replace(/\\([!-/:-@[-`{-~])/g, "$1");
// eslint-disable-next-line no-control-regex -- what must never reach a card or the wiki.
const FORBIDDEN = /[\u0000-\u0008\u000b-\u001f\u007f\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

describe.each(LOCALES)("the summary in %s", (locale) => {
  it("card: golden file", async () => {
    const card = summaryCard(fullRecord(), locale, { recordUrl: RECORD_URL });
    await expect(`${JSON.stringify(card, null, 2)}\n`).toMatchFileSnapshot(`./__snapshots__/summary-card.${locale}.json`);
  });

  it("Markdown: golden file", async () => {
    await expect(summaryMarkdown(fullRecord(), locale)).toMatchFileSnapshot(`./__snapshots__/summary.${locale}.md`);
  });

  it("card without the features still to come: no empty sections for good news, actions, priorities or rating", () => {
    const card = summaryCard(meetingRecord(), locale);
    const headings = card.body.filter((b): b is { text: string } => typeof b === "object" && b !== null && (b as { separator?: boolean }).separator === true).map((b) => b.text);
    const t = SUMMARY_TEXT[locale];
    expect(headings).toEqual([t.attendees(4), t.kpiStatus(50), t.decisions, t.carriesOver, t.information, t.timePerSection]);
    expect(card.actions).toBeUndefined();
  });

  it("a huge meeting (200 attendees, 30 KPIs, 20 SIR items, 50 actions, 100 KB texts) stays under the size limit and says what it left out", () => {
    const record = hugeRecord();
    const card = summaryCard(record, locale, { recordUrl: RECORD_URL });
    const bytes = cardBytes(card);
    expect(bytes).toBeLessThanOrEqual(SUMMARY_CARD_MAX_BYTES);
    // Teams counts UTF-16: 2 bytes per unit, under the recommended 80 KB.
    expect(JSON.stringify(card).length * 2).toBeLessThan(80_000);
    const texts = markdownTexts(card.body);
    const t = SUMMARY_TEXT[locale];
    const more = new RegExp(t.andMore(12345).replace("12345", "\\d+"));
    // Attendees, decisions, actions, carry-over, information, good news, priorities: each list says how many it left out.
    expect(texts.filter((x) => more.test(x)).length).toBeGreaterThanOrEqual(7);
    expect(texts.join("\n")).toContain(t.shortened);
    expect(card.actions).toEqual([{ type: "Action.OpenUrl", title: t.openRecord, url: RECORD_URL }]);
    // Counts are never cut: the attendees heading and the KPI counts tell the whole truth.
    expect(texts).toContain(t.attendees(200));
    // The 50 real actions: the ones shown and "and N more" add up to 50; no decision lists its drafts again.
    const blocks = card.body as { type?: string; text?: string; separator?: boolean }[];
    const at = blocks.findIndex((b) => b.separator === true && b.text === t.actions);
    const next = blocks.findIndex((b, i) => i > at && b.separator === true);
    const part = blocks.slice(at + 1, next).map((b) => b.text ?? "");
    const rest = Number(/\d+/.exec(part[part.length - 1] ?? "")?.[0] ?? "0");
    expect(at).toBeGreaterThan(0);
    expect(part.length - 1 + rest).toBe(50);
    expect(texts.some((x) => x.startsWith("→"))).toBe(false);
  });

  it("hostile text in every field: escaped in the card, no control or direction characters, no line breaks", () => {
    const card = summaryCard(hostileRecord(), locale, { recordUrl: RECORD_URL });
    const texts = markdownTexts(card.body);
    expect(texts.length).toBeGreaterThan(20);
    for (const text of texts) {
      expect(cardEscaped(text), text).toBe(true);
      expect(text, "starts a list, heading or quote").not.toMatch(/^\s*([-+*#>|=]|\d+[.)])/);
      expect(FORBIDDEN.test(text), JSON.stringify(text)).toBe(false);
      expect(text).not.toMatch(/\n/);
    }
    const json = JSON.stringify(card);
    expect(json).not.toContain("{{");
    expect(json).not.toMatch(/(^|[^\\])\]\(/);
    expect(cardBytes(card)).toBeLessThanOrEqual(SUMMARY_CARD_MAX_BYTES);
  });

  it("hostile text in every field: every Markdown line is our structure around escaped text", () => {
    const md = summaryMarkdown(hostileRecord(), locale);
    for (const content of markdownContents(md)) {
      expect(mdEscaped(content), content).toBe(true);
      expect(FORBIDDEN.test(content), JSON.stringify(content)).toBe(false);
    }
    expect(md).not.toMatch(/(^|[^\\])<script/);
    expect(md).not.toMatch(/(^|[^\\])\]\(/);
    expect(md).not.toMatch(/(^|[^\\])https:\/\//);
  });

  it("Markdown round trip: every fact of the record can be read back from what was written", () => {
    const record = fullRecord();
    const doc = parseMarkdown(summaryMarkdown(record, locale));
    const t = SUMMARY_TEXT[locale];
    const s = SIR_TEXT[locale];
    expect(doc.title).toBe(t.heading(t.defaultTitle));
    expect(doc.section(t.attendees(4)).list).toEqual(record.attendees.map((p) => p.name));
    expect(doc.section(t.goodNews).list).toEqual(["Rekordsalg i november! – Kari Attendee", "Ny avtale med Nordic AS"]);
    const kpiRows = doc.section(t.kpiStatus(50)).rows;
    expect(kpiRows.map((r) => r[1])).toEqual(record.kpis.items.map((k) => (k.objective ? `${k.name} (${k.objective})` : k.name)));
    expect(kpiRows[1]?.[3]).toBe("Per Presenter: Ny leverandør, venter bedring");
    for (const d of record.sir.decisions) {
      const part = doc.section(`${s.kinds[d.kind]}: ${d.title}`);
      expect(part.paragraphs[0]).toBe(d.text);
      expect(part.paragraphs[1]).toBe(`_${t.decidedBy(d.by.name)} · ${s.statuses[d.status]}_`);
      // The drafts are real actions now: listed once, under Actions, not again under the decision.
      expect(part.list).toEqual([]);
    }
    const noActions = parseMarkdown(summaryMarkdown({ ...record, actions: undefined }, locale));
    const decision = record.sir.decisions[0];
    if (!decision) throw new Error("no decision");
    expect(noActions.section(`${s.kinds[decision.kind]}: ${decision.title}`).list).toEqual(decision.actions.map((a) => `→ ${a.title} – ${a.owner?.name ?? s.noOwner}${a.due ? `, ${s.due(a.due)}` : ""}`));
    expect(doc.section(t.carriesOver).list).toEqual(record.sir.carriedOver.map((c) => `${s.kinds[c.kind]}: ${c.title} – ${c.author.name} (${s.meetingsSeen(c.meetings)})`));
    expect(doc.section(t.information).list).toEqual(["Nytt kontor fra januar – Per Presenter"]);
    expect(doc.section(t.actions).list).toEqual([
      `Innhente tre tilbud – Kari Attendee, ${s.due("2026-12-14")} (${t.actionStates.new})`,
      `Varsle kundene – Ingrid Organizer (${t.actionStates.new})`,
      `Oppdatere prisliste – Per Presenter, ${s.due("2026-12-18")} (${t.actionStates.updated})`,
      `Rydde i CRM – Kari Attendee, Alex Attendee (${t.actionStates.done})`,
      `Ny nettside – Alex Attendee, ${s.due("2027-01-15")} (${t.actionStates.open})`,
    ]);
    expect(doc.section(KARI_A.name).list).toEqual([`${t.lastWeek}: Tilbud til Nordic AS`, `${t.nextWeek}: Tre tilbud fra transportører; Budsjett`, `${t.learned}: Be om hjelp tidligere`]);
    const times = doc.section(t.timePerSection).rows;
    expect(times.map((r) => r[2])).toEqual(["6 min", "9 min", "25 min", "8 min", "16 min"]);
    expect(times[4]?.[0]).toBe("Ukens tre viktigste");
    expect(doc.headings.some((h) => h.startsWith(t.rating("", 4).split(":")[0] ?? "?"))).toBe(true);
  });

  it("Markdown round trip of hostile text: it reads back exactly as typed (made one line, cleaned)", () => {
    const doc = parseMarkdown(summaryMarkdown(hostileRecord(), locale));
    const typed = oneLine(cleanText(HOSTILE, RECORD_LIMITS.titleMax));
    expect(doc.title).toBe(SUMMARY_TEXT[locale].heading(typed));
    expect(doc.section(SUMMARY_TEXT[locale].attendees(2)).list[0]).toBe(oneLine(cleanText(`${HOSTILE} 1`, RECORD_LIMITS.nameMax)));
  });
});

describe("links and limits", () => {
  it.each(["http://okr.example.com/x", "javascript:alert(1)", "data:text/html,x", "", "not a url"])("a record URL that is not https (%s) is left out", (url) => {
    expect(summaryCard(fullRecord(), "en", { recordUrl: url }).actions).toBeUndefined();
  });

  it("caps every string and list of the record, and capping twice changes nothing", () => {
    const capped = capRecord(hugeRecord());
    expect(capped.attendees).toHaveLength(200);
    expect(capped.priorities).toHaveLength(RECORD_LIMITS.prioritiesMax);
    const strings: string[] = [];
    JSON.stringify(capped, (_k, v: unknown) => {
      if (typeof v === "string") strings.push(v);
      return v;
    });
    expect(Math.max(...strings.map((s) => s.length))).toBeLessThanOrEqual(RECORD_LIMITS.textMax);
    expect(capRecord(capped)).toEqual(capped);
  });

  it("a cut never splits an emoji in half", () => {
    const text = cleanText("😀".repeat(200), 101);
    expect(text.length).toBeLessThanOrEqual(101);
    expect(FORBIDDEN.test(text)).toBe(false);
    expect(text.endsWith("…")).toBe(true);
  });

  it("escapeMarkdown escapes every ASCII punctuation character and nothing else", () => {
    expect(escapeMarkdown("a.b [c](d) <e> & f_g æ")).toBe("a\\.b \\[c\\]\\(d\\) \\<e\\> \\& f\\_g æ");
    expect(escapeMarkdown("line one\n# two")).toBe("line one \\# two");
  });
});

describe("the JSON export", () => {
  it("is the capped record under its format name and version, and parses back to it", () => {
    const record = hostileRecord();
    const parsed = JSON.parse(recordJson(record)) as Record<string, unknown>;
    expect(parsed.format).toBe(RECORD_FORMAT);
    expect(parsed.version).toBe(RECORD_VERSION);
    expect(parsed).toEqual(JSON.parse(JSON.stringify(recordExport(record))));
    const { format: _f, version: _v, ...rest } = parsed;
    expect(rest).toEqual(JSON.parse(JSON.stringify(capRecord(record))));
  });
});

describe("the record of a meeting", () => {
  const clock = testClock();
  // Good news 7 min of 5, KPIs 3 min, then the SIR section running for 2 min when the record is made.
  const state = runCommands(startedMeeting("teamWeekly60", clock), [minutes(7), cmd.next(), minutes(3), cmd.next(), minutes(2)], clock).state;
  const kpiBoard = board({
    objectives: [objective({ id: "obj-1", title: "Fornøyde kunder", from: "2025-W01", to: "2025-W13" })],
    metrics: [
      metric({ id: "kpi-a", name: "Leveringspresisjon" }),
      metric({ id: "kpi-b", name: "Reklamasjoner", direction: "lower", target: 5 }),
      metric({ id: "kpi-c", name: "Oppetid", target: 99 }),
      metric({ id: "kpi-d", name: "Arkivert", archived: true }),
      metric({ id: "kpi-e", kind: "keyResult", objectiveId: "obj-1", name: "NPS", target: 50 }),
    ],
  });
  const week = "2025-W02";
  const values = [
    weeklyValue({ metricId: "kpi-a", week, value: 70 }),
    weeklyValue({ metricId: "kpi-b", week, value: 5.4 }),
    weeklyValue({ metricId: "kpi-c", week, value: 99.5 }),
    weeklyValue({ metricId: "kpi-c", week: "2025-W01", value: 10 }),
  ];
  const meetingId = state.meetingId;
  const decided = { text: "Bytte transportør", at: clock.now, by: LEAD, meetingId, actions: [{ title: "Tre tilbud", owner: KARI, due: "2025-01-20" }] };
  const items = [
    sirItem({ id: "sir-resolved", status: "resolved", decision: decided, meetingId }),
    sirItem({ id: "sir-open", title: "Budsjett", meetingsSeen: ["earlier-meeting"], createdAt: 1 }),
    sirItem({ id: "sir-info", title: "Nytt kontor", status: "informationOnly", meetingsSeen: [meetingId] }),
    sirItem({ id: "sir-withdrawn", status: "withdrawn" }),
    sirItem({ id: "sir-other", status: "resolved", decision: { ...decided, meetingId: "another" }, meetingsSeen: ["another"] }),
  ];
  const record: MeetingRecord = buildMeetingRecord({
    meeting: state,
    seriesId: "19:meeting_weekly@thread.v2",
    title: null,
    attendees: [KARI, LEAD, ALEX, INGRID],
    board: kpiBoard,
    week,
    values,
    sirItems: items,
    today: "2025-01-06",
    now: clock.now,
  });

  it("says when and how long: the team's day, planned against used per section, the running one counted to now", () => {
    expect(record.meeting).toMatchObject({ date: "2025-01-06", phase: "running", timeZone: "Europe/Oslo", startedAt: new Date(state.startedAt ?? 0).toISOString(), endedAt: null });
    expect(record.sections.slice(0, 4).map((s) => [s.id, s.plannedMs / MINUTE, s.usedMs / MINUTE, s.enabled])).toEqual([
      ["goodNews", 5, 7, true],
      ["kpis", 10, 3, true],
      ["salesFunnel", 5, 0, false],
      ["sir", 20, 2, true],
    ]);
    expect(record.attendees.map((p) => p.name)).toEqual(["Alex Attendee", "Ingrid Organizer", "Kari Nordmann", "Lars Leder"]);
  });

  it("counts the active KPIs by this week's status, off track first; the archived one and other weeks do not count", () => {
    expect(record.kpis.counts).toEqual({ offTrack: 1, atRisk: 1, onTrack: 1, noData: 1 });
    expect(record.kpis.items.map((k) => [k.name, k.status, k.value])).toEqual([
      ["Leveringspresisjon", "offTrack", 70],
      ["Reklamasjoner", "atRisk", 5.4],
      ["NPS", "noData", null],
      ["Oppetid", "onTrack", 99.5],
    ]);
    expect(record.kpis.items[2]?.objective).toBe("Fornøyde kunder");
  });

  it("has this meeting's decisions with their actions, what carries over, and what was information only", () => {
    expect(record.sir.decisions).toEqual([
      { itemId: "sir-resolved", kind: "issue", title: "Leveransene til Nordic er forsinket", status: "resolved", text: "Bytte transportør", by: LEAD, at: new Date(clock.now).toISOString(), actions: [{ title: "Tre tilbud", owner: KARI, due: "2025-01-20" }] },
    ]);
    expect(record.sir.carriedOver).toEqual([{ itemId: "sir-open", kind: "issue", title: "Budsjett", author: KARI, meetings: 2 }]);
    expect(record.sir.information).toEqual([{ itemId: "sir-info", title: "Nytt kontor", author: KARI }]);
  });

  it("renders: the built record goes through every builder", () => {
    const card: AdaptiveCard = summaryCard(record, "nb");
    expect(markdownTexts(card.body).join("\n")).toContain("Leveringspresisjon");
    expect(summaryMarkdown(record, "sv")).toContain("Budsjett");
  });
});

/** The content of each Markdown line with our structure (headings, list items, table cells, emphasis) taken off. */
function markdownContents(md: string): string[] {
  const out: string[] = [];
  for (const raw of md.split("\n")) {
    if (raw === "" || raw === "---" || /^\|(---\|)+$/.test(raw)) continue;
    const heading = /^#{1,3} (.*)$/.exec(raw);
    const item = /^- (.*)$/.exec(raw);
    const row = /^\| (.*) \|$/.exec(raw);
    const emphasis = /^_(.*)_$/.exec(raw);
    if (row) out.push(...(row[1] ?? "").split(/(?<!\\) \| /).map((c) => c.trim()));
    else out.push(heading?.[1] ?? item?.[1] ?? emphasis?.[1] ?? raw);
  }
  return out;
}

interface MdSection {
  readonly list: string[];
  readonly rows: string[][];
  readonly paragraphs: string[];
}

/** Reads the export back: headings with their list items, table rows and paragraphs, every text unescaped. */
function parseMarkdown(md: string): { title: string; headings: string[]; section(heading: string): MdSection } {
  const sections = new Map<string, MdSection>();
  const headings: string[] = [];
  let title = "";
  let current: MdSection = { list: [], rows: [], paragraphs: [] };
  for (const raw of md.split("\n")) {
    const heading = /^(#{1,3}) (.*)$/.exec(raw);
    if (heading) {
      const text = unescape(heading[2] ?? "");
      if (heading[1] === "#") title = text;
      headings.push(text);
      current = { list: [], rows: [], paragraphs: [] };
      sections.set(text, current);
      continue;
    }
    if (/^\|(---\|)+$/.test(raw)) {
      // The row above was the table's head.
      current.rows.pop();
      continue;
    }
    if (raw === "" || raw === "---") continue;
    const item = /^- (.*)$/.exec(raw);
    const row = /^\| (.*) \|$/.exec(raw);
    if (item) current.list.push(unescape(item[1] ?? ""));
    else if (row) current.rows.push((row[1] ?? "").split(/(?<!\\) \| /).map((c) => unescape(c.trim())));
    else current.paragraphs.push(unescape(raw));
  }
  return {
    title,
    headings,
    section(heading) {
      const found = sections.get(heading);
      if (!found) throw new Error(`no heading '${heading}' in: ${headings.join(" / ")}`);
      return found;
    },
  };
}
