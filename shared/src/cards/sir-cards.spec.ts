/** @module Structure of the SIR cards: inputs and their ids, verbs and data, refresh, texts per language, user text escaped, size. */
import { describe, expect, it } from "vitest";
import { SIR_LIMITS, type SirDecision, type SirItem } from "../sir/item.js";
import { parseSirSubmission } from "../sir/commands.js";
import { KARI, LEAD, T0, sirItem } from "../sir/test-builders.js";
import type { AdaptiveCard } from "./card-types.js";
import type { CardLocale } from "./locale.js";
import { escapeCardMarkdown } from "./markdown.js";
import { SIR_INPUT_IDS, sirFormCard } from "./sir-form-card.js";
import { sirErrorCard, sirReadCard } from "./sir-read-card.js";
import { SIR_TEXT, sirErrorText } from "./sir-text.js";

const LOCALES: readonly CardLocale[] = ["nb", "sv", "en"];


const DECISION: SirDecision = {
  text: "Vi bytter transportør fra 1. februar.",
  at: T0 + 7 * 24 * 3_600_000,
  by: LEAD,
  meetingId: "meeting-week-2",
  actions: [
    { title: "Innhente tilbud", owner: KARI, due: "2025-01-17" },
    { title: "Varsle Nordic", owner: null, due: null },
  ],
};

/** Text that would be formatting, a link, HTML or a card template if it reached a TextBlock as typed. */
const HOSTILE = {
  title: "**Haster** [klikk her](https://evil.example) <b>nå</b>",
  problem: "# Overskrift\n- punkt\n![bilde](https://t.example/p.png) ${secret}",
  proposals: ["1. _kursiv_ forslag", "`kode` | tabell | ~~gammelt~~"],
  recommendation: "[Åpne](javascript:alert(1)) {{DATE(2030-01-01T00:00:00Z, SHORT)}}",
  concerns: "<script>alert(1)</script>",
  author: "[Sjefen](https://evil.example)",
  decision: "**Besluttet** av [alle](https://evil.example)",
  action: "_Fiks_ [alt](https://evil.example)",
  owner: "<i>Ola</i>",
} as const;

const hostileItem = (): SirItem =>
  sirItem({
    title: HOSTILE.title,
    problem: HOSTILE.problem,
    proposals: [...HOSTILE.proposals],
    recommendation: HOSTILE.recommendation,
    concerns: HOSTILE.concerns,
    author: { userId: KARI.userId, name: HOSTILE.author },
    decision: { ...DECISION, text: HOSTILE.decision, actions: [{ title: HOSTILE.action, owner: { userId: "u-2", name: HOSTILE.owner }, due: "2025-02-03" }] },
  });

type Node = Readonly<Record<string, unknown>>;
const isNode = (v: unknown): v is Node => typeof v === "object" && v !== null && !Array.isArray(v);

/** Every object in the card, depth first (elements, actions, fallbacks, choices, facts). */
function nodes(value: unknown, out: Node[] = []): Node[] {
  if (Array.isArray(value)) for (const v of value) nodes(v, out);
  else if (isNode(value)) {
    out.push(value);
    for (const v of Object.values(value)) nodes(v, out);
  }
  return out;
}
const ofType = (card: AdaptiveCard, type: string): Node[] => nodes(card).filter((n) => n.type === type);
const inputs = (card: AdaptiveCard): Node[] => nodes(card).filter((n) => typeof n.type === "string" && n.type.startsWith("Input."));
const inputIds = (card: AdaptiveCard): string[] => inputs(card).map((n) => String(n.id));
const inputById = (card: AdaptiveCard, id: string): Node => {
  const found = inputs(card).find((n) => n.id === id);
  if (!found) throw new Error(`no input '${id}' in [${inputIds(card).join(", ")}]`);
  return found;
};
/** The top-level actions of the card (fallbacks hang inside them). */
const actionsOf = (card: AdaptiveCard): Node[] => (card.actions ?? []).filter(isNode);
/** What a reader sees as markdown: TextBlock texts and FactSet titles and values. */
function displayed(card: AdaptiveCard): string[] {
  const out: string[] = [];
  for (const n of nodes(card)) {
    if (n.type === "TextBlock" && typeof n.text === "string") out.push(n.text);
    if (n.type === "FactSet" && Array.isArray(n.facts)) for (const f of n.facts.filter(isNode)) out.push(String(f.title), String(f.value));
  }
  return out;
}
const displayedText = (card: AdaptiveCard): string => displayed(card).join("\n");

describe("every SIR card", () => {
  const cards = (locale: CardLocale): AdaptiveCard[] => [
    sirFormCard({ locale }),
    sirFormCard({ locale, item: sirItem(), errors: ["x"] }),
    sirReadCard({ locale, item: sirItem({ decision: DECISION }), canEdit: true }),
    sirErrorCard({ locale, message: "x" }),
  ];

  it.each(LOCALES)("is an Adaptive Card 1.5 with its schema (%s)", (locale) => {
    for (const card of cards(locale)) expect(card).toMatchObject({ type: "AdaptiveCard", version: "1.5", $schema: "http://adaptivecards.io/schemas/adaptive-card.json" });
  });

  it.each(LOCALES)("gives every Action.Execute an id and an Action.Submit fallback with the same data plus the verb (%s)", (locale) => {
    for (const card of cards(locale)) {
      for (const action of ofType(card, "Action.Execute").filter((a) => a !== card.refresh?.action)) {
        expect(action.id).toEqual(expect.any(String));
        expect(action.fallback).toEqual({
          type: "Action.Submit",
          id: `${String(action.id)}.fallback`,
          title: action.title,
          data: { ...(action.data as object), verb: action.verb },
          ...(action.style ? { style: action.style } : {}),
        });
      }
    }
  });
});

describe("the form card", () => {
  it.each(LOCALES)("asks the method's questions with one input each, Q2 as three (%s)", (locale) => {
    const t = SIR_TEXT[locale];
    const card = sirFormCard({ locale });
    expect(inputIds(card)).toEqual(SIR_INPUT_IDS.filter((id) => id !== "seriesId"));
    expect(inputById(card, "problem").label).toBe(t.q1);
    expect(displayed(card)).toContain(t.q2);
    expect(inputById(card, "recommendation").label).toBe(t.q3);
    for (const id of ["problem", "proposal1", "proposal2", "proposal3", "recommendation"]) expect(inputById(card, id).isMultiline, id).toBe(true);
  });

  it("every input has a label and an error message", () => {
    for (const locale of LOCALES) {
      for (const input of inputs(sirFormCard({ locale, seriesChoices: [{ seriesId: "19:a@thread.v2", title: "Salg" }] }))) {
        expect(input.label, `${locale} ${String(input.id)}`).toEqual(expect.stringMatching(/\S/));
        expect(input.errorMessage, `${locale} ${String(input.id)}`).toEqual(expect.stringMatching(/\S/));
      }
    }
  });

  it("the title is required and the texts have the model's maximum lengths", () => {
    const card = sirFormCard({ locale: "nb" });
    expect(inputById(card, "title")).toMatchObject({ isRequired: true, maxLength: SIR_LIMITS.titleMax });
    expect(inputById(card, "problem").maxLength).toBe(SIR_LIMITS.problemMax);
    for (const id of ["proposal1", "proposal2", "proposal3"]) expect(inputById(card, id).maxLength).toBe(SIR_LIMITS.proposalMax);
    expect(inputById(card, "recommendation").maxLength).toBe(SIR_LIMITS.recommendationMax);
    expect(inputById(card, "concerns").maxLength).toBe(SIR_LIMITS.concernsMax);
  });

  it.each<[CardLocale, string[]]>([
    ["nb", ["Sak", "Informasjon", "Risiko"]],
    ["sv", ["Ärende", "Information", "Risk"]],
    ["en", ["Issue", "Information", "Risk"]],
  ])("offers the kinds in the method's words (%s)", (locale, titles) => {
    const kind = inputById(sirFormCard({ locale }), "kind");
    expect(kind).toMatchObject({ type: "Input.ChoiceSet", isRequired: true, value: "issue" });
    expect(kind.choices).toEqual([
      { title: titles[0], value: "issue" },
      { title: titles[1], value: "information" },
      { title: titles[2], value: "risk" },
    ]);
  });

  it("a new item submits with verb sir.submit and no item data", () => {
    const [submit] = actionsOf(sirFormCard({ locale: "en" }));
    expect(submit).toMatchObject({ type: "Action.Execute", id: "sir.submit", verb: "sir.submit", data: {}, title: "Save" });
  });

  it("editing carries the item, its version, its series and its meeting, and fills in its answers", () => {
    const item = sirItem({ meetingId: "meeting-week-4" });
    const card = sirFormCard({ locale: "sv", item });
    expect(actionsOf(card)[0]?.data).toEqual({ itemId: item.id, version: 3, seriesId: item.seriesId, meetingId: "meeting-week-4" });
    expect(inputById(card, "title").value).toBe(item.title);
    expect(inputById(card, "proposal2").value).toBe(item.proposals[1]);
    expect(inputById(card, "proposal3").value).toBeUndefined();
    expect(displayed(card)).toContain(SIR_TEXT.sv.formTitleEdit);
  });

  it("fills inputs with the text as typed, not escaped: inputs are plain text", () => {
    const card = sirFormCard({ locale: "nb", item: hostileItem() });
    expect(inputById(card, "title").value).toBe(HOSTILE.title);
    expect(inputById(card, "recommendation").value).toBe(HOSTILE.recommendation);
  });

  it("after a refused submission: errors at the top in words, and what was typed filled in again", () => {
    const result = parseSirSubmission({ kind: "risk", title: "", problem: "Nøkkelperson slutter", proposal2: "Rekruttere" }, "nb");
    if (result.ok) throw new Error("expected errors");
    const card = sirFormCard({ locale: "nb", fields: result.fields, errors: result.errors });
    const [, , errors] = card.body as Node[];
    expect(errors).toMatchObject({ type: "Container", style: "attention" });
    expect(displayed(card)).toEqual(expect.arrayContaining([SIR_TEXT.nb.errorsHeading, escapeCardMarkdown("Tittel mangler. Fyll inn feltet.")]));
    expect(inputById(card, "kind").value).toBe("risk");
    expect(inputById(card, "problem").value).toBe("Nøkkelperson slutter");
    expect(inputById(card, "proposal1").value).toBe("Rekruttere");
  });

  it("escapes error messages like any other text", () => {
    const card = sirFormCard({ locale: "en", errors: ["[x](https://evil.example)"] });
    expect(displayed(card)).toContain("\\[x\\](https://evil.example)");
  });

  it("in the 1:1 chat the user picks the series, which then arrives as an input, not as data", () => {
    const card = sirFormCard({ locale: "en", seriesChoices: [{ seriesId: "19:a@thread.v2", title: "Salg – ukemøte" }, { seriesId: "19:b@thread.v2", title: "Ledergruppen" }] });
    expect(inputIds(card)[0]).toBe("seriesId");
    expect(inputById(card, "seriesId")).toMatchObject({ type: "Input.ChoiceSet", isRequired: true, choices: [{ title: "Salg – ukemøte", value: "19:a@thread.v2" }, { title: "Ledergruppen", value: "19:b@thread.v2" }] });
    expect(inputById(card, "seriesId").value).toBeUndefined();
    expect(actionsOf(card)[0]?.data).toEqual({});
  });

  it("preselects the only series, or the one picked before", () => {
    expect(inputById(sirFormCard({ locale: "en", seriesChoices: [{ seriesId: "19:a@thread.v2", title: "Salg" }] }), "seriesId").value).toBe("19:a@thread.v2");
    const two = [{ seriesId: "19:a@thread.v2", title: "A" }, { seriesId: "19:b@thread.v2", title: "B" }];
    expect(inputById(sirFormCard({ locale: "en", seriesChoices: two, seriesId: "19:b@thread.v2" }), "seriesId").value).toBe("19:b@thread.v2");
  });

  it("in a team chat the conversation's series travels in the data", () => {
    expect(actionsOf(sirFormCard({ locale: "en", seriesId: "19:a@thread.v2" }))[0]?.data).toEqual({ seriesId: "19:a@thread.v2" });
  });

  it.each(LOCALES)("with no series known, says where to start instead of showing a form that cannot be saved (%s)", (locale) => {
    const card = sirFormCard({ locale, seriesChoices: [] });
    expect(inputs(card)).toEqual([]);
    expect(card.actions).toBeUndefined();
    expect(displayed(card)).toContain(SIR_TEXT[locale].noSeries);
  });
});

describe("the read card", () => {
  it.each<[CardLocale, string, string, string]>([
    ["nb", "Sak", "Åpen", "Klar"],
    ["sv", "Ärende", "Öppet", "Redo"],
    ["en", "Issue", "Open", "Ready"],
  ])("shows kind and title, author, status and readiness (%s)", (locale, kind, status, ready) => {
    const t = SIR_TEXT[locale];
    const card = sirReadCard({ locale, item: sirItem(), canEdit: false });
    const [heading, facts] = card.body as Node[];
    expect(heading?.text).toBe(`${kind}: ${escapeCardMarkdown("Leveransene til Nordic er forsinket")}`);
    expect(facts?.facts).toEqual([
      { title: t.preparedBy, value: "Kari Nordmann" },
      { title: t.status, value: status },
      { title: t.preparation, value: ready },
      { title: t.concerns, value: escapeCardMarkdown("O2 KR1: leveringspresisjon") },
    ]);
  });

  it.each<[CardLocale, string]>([
    ["nb", "Mangler minst 2 forslag, anbefaling"],
    ["sv", "Saknar minst 2 förslag, rekommendation"],
    ["en", "Missing at least 2 proposals, recommendation"],
  ])("says what is missing for a draft (%s)", (locale, missing) => {
    const card = sirReadCard({ locale, item: sirItem({ proposals: ["Bare ett"], recommendation: "" }), canEdit: false });
    expect(displayed(card)).toContain(missing);
    expect(displayed(card)).toContain(SIR_TEXT[locale].noAnswer);
  });

  it.each(LOCALES)("shows the three answers under the method's questions (%s)", (locale) => {
    const t = SIR_TEXT[locale];
    const texts = displayed(sirReadCard({ locale, item: sirItem(), canEdit: false }));
    const at = (s: string) => texts.indexOf(s);
    expect(at(t.q1)).toBeGreaterThan(0);
    expect(at(escapeCardMarkdown("Tre av fem leveranser kom for sent i uke 1."))).toBe(at(t.q1) + 1);
    expect(at(t.q2)).toBe(at(t.q1) + 2);
    expect(texts[at(t.q2) + 1]).toBe(escapeCardMarkdown("1. Bytte transportør"));
    expect(texts[at(t.q2) + 2]).toBe(escapeCardMarkdown("2. Flytte lageret nærmere kunden"));
    expect(at(t.q3)).toBe(at(t.q2) + 3);
    expect(texts[at(t.q3) + 1]).toBe(escapeCardMarkdown("Bytte transportør fra februar."));
  });

  it.each<[CardLocale, string, string, string]>([
    ["nb", "Beslutning", "Besluttet av Lars Leder, {{DATE(2025-01-13T09:00:00Z, SHORT)}}", "Innhente tilbud – Kari Nordmann, frist 2025-01-17"],
    ["sv", "Beslut", "Beslutat av Lars Leder, {{DATE(2025-01-13T09:00:00Z, SHORT)}}", "Innhente tilbud – Kari Nordmann, senast 2025-01-17"],
    ["en", "Decision", "Decided by Lars Leder, {{DATE(2025-01-13T09:00:00Z, SHORT)}}", "Innhente tilbud – Kari Nordmann, due 2025-01-17"],
  ])("shows the decision with who, when (in the viewer's time zone) and its actions (%s)", (locale, heading, by, action) => {
    const texts = displayed(sirReadCard({ locale, item: sirItem({ decision: DECISION }), canEdit: false }));
    expect(texts).toEqual(expect.arrayContaining([heading, escapeCardMarkdown(DECISION.text), by, escapeCardMarkdown(action), escapeCardMarkdown(`Varsle Nordic – ${SIR_TEXT[locale].noOwner}`)]));
  });

  it("without a decision there is no decision section", () => {
    const texts = displayed(sirReadCard({ locale: "en", item: sirItem(), canEdit: false }));
    expect(texts).not.toContain("Decision");
  });

  it("the author's client fetches its own view: refresh with sir.refresh for the author only", () => {
    const item = sirItem();
    for (const canEdit of [true, false]) {
      const card = sirReadCard({ locale: "nb", item, canEdit });
      expect(card.refresh).toEqual({ action: { type: "Action.Execute", verb: "sir.refresh", data: { itemId: item.id } }, userIds: [`8:orgid:${KARI.userId}`] });
      expect(card.refresh?.userIds.length).toBeLessThanOrEqual(SIR_LIMITS.refreshUserIdsMax);
    }
  });

  it("the chat's members and leads get their own view too: the author first, each once, at most Teams' 60", () => {
    const item = sirItem();
    const others = Array.from({ length: 80 }, (_, i) => `member-${i}`);
    const card = sirReadCard({ locale: "nb", item, canEdit: false, viewerIds: [LEAD.userId, KARI.userId, ...others] });
    const ids = card.refresh?.userIds ?? [];
    expect(ids.slice(0, 2)).toEqual([`8:orgid:${KARI.userId}`, `8:orgid:${LEAD.userId}`]);
    expect(ids).toHaveLength(SIR_LIMITS.refreshUserIdsMax);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each<[CardLocale, string, string]>([
    ["nb", "Rediger", "Trekk tilbake"],
    ["sv", "Redigera", "Dra tillbaka"],
    ["en", "Edit", "Withdraw"],
  ])("offers edit and withdraw to the author or a lead, with the item and version (%s)", (locale, edit, withdraw) => {
    const actions = actionsOf(sirReadCard({ locale, item: sirItem(), canEdit: true }));
    expect(actions.map((a) => [a.type, a.id, a.verb, a.title, a.data])).toEqual([
      ["Action.Execute", "sir.edit", "sir.edit", edit, { itemId: "sir-cmd-000001", version: 3 }],
      ["Action.Execute", "sir.withdraw", "sir.withdraw", withdraw, { itemId: "sir-cmd-000001", version: 3 }],
    ]);
  });

  it("offers nothing to others, nor on a resolved or withdrawn item", () => {
    expect(sirReadCard({ locale: "en", item: sirItem(), canEdit: false }).actions).toBeUndefined();
    expect(sirReadCard({ locale: "en", item: sirItem({ status: "resolved", decision: DECISION }), canEdit: true }).actions).toBeUndefined();
    expect(sirReadCard({ locale: "en", item: sirItem({ status: "withdrawn" }), canEdit: true }).actions).toBeUndefined();
    expect(actionsOf(sirReadCard({ locale: "en", item: sirItem({ status: "informationOnly" }), canEdit: true }))).toHaveLength(2);
  });

  it.each<[CardLocale, string, string]>([
    ["nb", "Løst", "Har vært på agendaen i 3 møter"],
    ["sv", "Löst", "Har varit på agendan i 3 möten"],
    ["en", "Resolved", "On the agenda of 3 meetings"],
  ])("a handled item shows its status and age, not its readiness (%s)", (locale, status, age) => {
    const card = sirReadCard({ locale, item: sirItem({ status: "resolved", decision: DECISION, meetingsSeen: ["m1", "m2", "m3"], proposals: [] }), canEdit: false });
    const text = displayed(card);
    expect(text).toEqual(expect.arrayContaining([status, age]));
    expect(text).not.toContain(SIR_TEXT[locale].preparation);
  });

  it("says '1 meeting' in the singular", () => {
    expect(displayed(sirReadCard({ locale: "nb", item: sirItem({ meetingsSeen: ["m1"] }), canEdit: false }))).toContain("Har vært på agendaen i 1 møte");
  });
});

describe("user text in the cards", () => {
  /** Our own date function is the only template left in a card; everything else in braces would be user text. */
  const withoutDates = (s: string) => s.replace(/\{\{DATE\(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ, SHORT\)\}\}/g, "");
  const unescapedMarkup = /(^|[^\\])[[\]<*_`~{}]|^\s*([#>+=|-]|\d+[.)])/;
  const userStrings = Object.values(HOSTILE).flat();

  it.each(LOCALES)("reaches the read card escaped: markdown, links, HTML and templates stay literal text (%s)", (locale) => {
    const card = sirReadCard({ locale, item: hostileItem(), canEdit: true });
    for (const text of displayed(card)) expect(withoutDates(text), text).not.toMatch(unescapedMarkup);
    const all = displayedText(card);
    // Markdown gives back exactly what was typed.
    for (const s of userStrings) expect(all.replace(/\\(.)/gs, "$1"), s).toContain(s);
    expect(all).not.toMatch(/(^|[^\\])\]\(/);
  });

  it("the viewer's date function cannot be smuggled in through user text", () => {
    const all = displayedText(sirReadCard({ locale: "en", item: hostileItem(), canEdit: false }));
    expect(all.match(/\{\{DATE\(/g)).toHaveLength(1);
  });

  it("the error card escapes its message", () => {
    const card = sirErrorCard({ locale: "sv", message: "**Nej** [här](https://evil.example)" });
    expect(displayed(card)).toEqual([SIR_TEXT.sv.errorTitle, escapeCardMarkdown("**Nej** [här](https://evil.example)")]);
  });

  it.each(LOCALES)("error texts for every refusal exist in each language (%s)", (locale) => {
    for (const code of ["notFound", "notAuthor", "forbidden", "closed", "noDecision", "tooLarge"] as const) expect(sirErrorText(locale, code)).toMatch(/\S/);
  });
});

describe("card size (Teams refuses cards over 28 KB)", () => {
  const size = (card: AdaptiveCard) => new TextEncoder().encode(JSON.stringify(card)).length;
  const full = (c: string): SirItem =>
    sirItem({
      title: c.repeat(SIR_LIMITS.titleMax),
      problem: c.repeat(SIR_LIMITS.problemMax),
      proposals: [c.repeat(SIR_LIMITS.proposalMax), c.repeat(SIR_LIMITS.proposalMax), c.repeat(SIR_LIMITS.proposalMax)],
      recommendation: c.repeat(SIR_LIMITS.recommendationMax),
      concerns: c.repeat(SIR_LIMITS.concernsMax),
      author: { userId: KARI.userId, name: c.repeat(SIR_LIMITS.personNameMax) },
      meetingsSeen: Array.from({ length: SIR_LIMITS.meetingsSeenMax }, (_, i) => `m${i}`),
      decision: {
        ...DECISION,
        text: c.repeat(SIR_LIMITS.decisionTextMax),
        by: { userId: LEAD.userId, name: c.repeat(SIR_LIMITS.personNameMax) },
        actions: Array.from({ length: SIR_LIMITS.actionsMax }, () => ({
          title: c.repeat(SIR_LIMITS.actionTitleMax),
          owner: { userId: KARI.userId, name: c.repeat(SIR_LIMITS.personNameMax) },
          due: "2025-12-31",
        })),
      },
    });

  it("every field at its maximum, in Norwegian letters, stays well under the limit", () => {
    for (const locale of LOCALES) {
      expect(size(sirReadCard({ locale, item: full("ø"), canEdit: true }))).toBeLessThan(20_000);
      expect(size(sirFormCard({ locale, item: full("ø"), errors: ["x".repeat(200)] }))).toBeLessThan(20_000);
    }
  });

  it.each(["*", "\\"])("text made only of %s (escaping doubles it) still fits: the long texts are shortened, and the card says so", (c) => {
    for (const locale of LOCALES) {
      const card = sirReadCard({ locale, item: full(c), canEdit: true });
      expect(size(card)).toBeLessThan(28_000);
      expect(displayed(card)).toContain(SIR_TEXT[locale].shortened);
      expect(displayedText(card)).toContain(escapeCardMarkdown(c.repeat(SIR_LIMITS.titleMax)));
      expect(displayedText(card)).toContain(`${escapeCardMarkdown(c.repeat(300))}…`);
    }
  });

  it.each(['"', "ø", "a"])("text made only of %s fits whole: a card that fits is never shortened", (c) => {
    for (const locale of LOCALES) {
      const card = sirReadCard({ locale, item: full(c), canEdit: true });
      expect(size(card)).toBeLessThan(28_000);
      expect(displayed(card)).not.toContain(SIR_TEXT[locale].shortened);
    }
  });
});
