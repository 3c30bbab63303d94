/** @module The SIR wire schemas (what a client may send) and the form card's submission parser, including hostile input. */
import { describe, expect, it } from "vitest";
import type { CardLocale } from "../cards/locale.js";
import { SirCommand, SirFieldsSchema, isRealDate, parseSirSubmission, type SirSubmission } from "./commands.js";
import { SIR_LIMITS, type SirFields } from "./item.js";

const fields: SirFields = {
  forDate: null,
  kind: "issue",
  title: "Leveransene er forsinket",
  problem: "Tre av fem kom for sent.",
  proposals: ["Bytte transportør", "Flytte lageret"],
  recommendation: "Bytte transportør.",
  concerns: "O2 KR1",
  meetingId: null,
};
const ID = "cmd-000001";
const ITEM = "sir-cmd-000001";

const valid: Record<SirCommand["type"], Record<string, unknown>> = {
  createSir: { id: ID, type: "createSir", fields },
  editSir: { id: ID, type: "editSir", itemId: ITEM, fields },
  withdrawSir: { id: ID, type: "withdrawSir", itemId: ITEM },
  recordDecision: {
    id: ID,
    type: "recordDecision",
    itemId: ITEM,
    meetingId: "MCMxOTptZWV0aW5nX05qRTRaVEF3@thread.v2",
    text: "Ja.",
    actions: [{ title: "Innhente tilbud", owner: { userId: "a1b2c3d4-0000-4000-8000-00000000a001", name: "Kari" }, due: "2025-01-31" }],
  },
  resolveSir: { id: ID, type: "resolveSir", itemId: ITEM },
  convertToInformation: { id: ID, type: "convertToInformation", itemId: ITEM },
  carryOverSir: { id: ID, type: "carryOverSir", itemId: ITEM, meetingId: "meeting-week-2" },
  deleteSir: { id: ID, type: "deleteSir", itemId: ITEM },
};

const accepts = (input: unknown): boolean => SirCommand.safeParse(input).success;
const withFields = (over: Record<string, unknown>) => ({ ...valid.createSir, fields: { ...fields, ...over } });
const decision = (over: Record<string, unknown>) => ({ ...valid.recordDecision, ...over });
const action = (over: Record<string, unknown>) => decision({ actions: [{ title: "Gjøre noe", owner: null, due: null, ...over }] });

describe("the SIR commands on the wire", () => {
  it.each(Object.entries(valid))("accepts a well-formed %s", (_type, command) => {
    expect(accepts(command)).toBe(true);
  });

  it.each(Object.entries(valid))("%s is a strict object: an unknown property is refused", (_type, command) => {
    expect(accepts({ ...command, author: { userId: "forged", name: "Sjefen" } })).toBe(false);
  });

  it("needs a client-made command id of 8–64 safe characters", () => {
    for (const id of ["short", "x".repeat(65), "has space 123", "semi;colon12", "", 12345678]) expect(accepts({ ...valid.withdrawSir, id }), String(id)).toBe(false);
  });

  it("refuses unknown command types and item ids that are not ours", () => {
    expect(accepts({ ...valid.withdrawSir, type: "eraseSir" })).toBe(false);
    for (const itemId of ["cmd-000001", "sir-short", "sir-../../etc", ""]) expect(accepts({ ...valid.withdrawSir, itemId }), itemId).toBe(false);
  });

  it("trims the texts it keeps", () => {
    const parsed = SirCommand.parse(withFields({ title: "  Tittel  ", proposals: [" A ", "B\n"], concerns: "  " }));
    expect(parsed.type === "createSir" && parsed.fields).toMatchObject({ title: "Tittel", proposals: ["A", "B"], concerns: "" });
  });

  it.each([
    ["an empty title", "title", ""],
    ["a blank title", "title", "   "],
    ["a title over 120 characters", "title", "x".repeat(SIR_LIMITS.titleMax + 1)],
    ["a problem over 2000 characters", "problem", "x".repeat(SIR_LIMITS.problemMax + 1)],
    ["a recommendation over 1000 characters", "recommendation", "x".repeat(SIR_LIMITS.recommendationMax + 1)],
    ["concerns over 200 characters", "concerns", "x".repeat(SIR_LIMITS.concernsMax + 1)],
    ["four proposals", "proposals", ["A", "B", "C", "D"]],
    ["a blank proposal", "proposals", ["A", " "]],
    ["a proposal over 500 characters", "proposals", ["x".repeat(SIR_LIMITS.proposalMax + 1)]],
    ["an unknown kind", "kind", "sak"],
    ["an empty meeting id", "meetingId", ""],
    ["a meeting id over 512 characters", "meetingId", "m".repeat(SIR_LIMITS.meetingIdMax + 1)],
    ["a meeting id with a space", "meetingId", "meeting 7"],
    ["a meeting id with a control character", "meetingId", "meeting\u0000"],
  ])("refuses fields with %s", (_what, key, value) => {
    expect(accepts(withFields({ [key]: value }))).toBe(false);
  });

  it("accepts the limits themselves", () => {
    const max = withFields({
      title: "x".repeat(SIR_LIMITS.titleMax),
      problem: "x".repeat(SIR_LIMITS.problemMax),
      proposals: Array.from({ length: SIR_LIMITS.proposalsMax }, () => "x".repeat(SIR_LIMITS.proposalMax)),
      recommendation: "x".repeat(SIR_LIMITS.recommendationMax),
      concerns: "x".repeat(SIR_LIMITS.concernsMax),
      meetingId: "m".repeat(SIR_LIMITS.meetingIdMax),
    });
    expect(accepts(max)).toBe(true);
    expect(accepts(withFields({ problem: "", proposals: [], recommendation: "", concerns: "" }))).toBe(true);
  });

  it("a decision has text and at most 10 actions", () => {
    expect(accepts(decision({ text: "  " }))).toBe(false);
    expect(accepts(decision({ text: "x".repeat(SIR_LIMITS.decisionTextMax + 1) }))).toBe(false);
    const act = { title: "Gjøre noe", owner: null, due: null };
    expect(accepts(decision({ actions: Array.from({ length: SIR_LIMITS.actionsMax }, () => act) }))).toBe(true);
    expect(accepts(decision({ actions: Array.from({ length: SIR_LIMITS.actionsMax + 1 }, () => act) }))).toBe(false);
    expect(accepts(decision({ meetingId: undefined }))).toBe(false);
  });

  it.each(["2025-01-31", "2024-02-29", "2025-12-01"])("accepts the due date %s", (due) => {
    expect(accepts(action({ due }))).toBe(true);
  });

  it.each(["2025-02-29", "2025-04-31", "2025-13-01", "2025-00-10", "2025-1-5", "31.01.2025", "2025-01-31T00:00:00Z", ""])("refuses the due date %s", (due) => {
    expect(accepts(action({ due }))).toBe(false);
  });

  it("an action needs a title; its owner is a person or nobody", () => {
    expect(accepts(action({ title: " " }))).toBe(false);
    expect(accepts(action({ title: "x".repeat(SIR_LIMITS.actionTitleMax + 1) }))).toBe(false);
    expect(accepts(action({ owner: { userId: "u-1", name: " " } }))).toBe(false);
    expect(accepts(action({ owner: { userId: "u-1", name: "Kari", role: "Organizer" } }))).toBe(false);
  });

  it("knows the calendar", () => {
    expect([isRealDate("2024-02-29"), isRealDate("2100-02-29"), isRealDate("2000-02-29"), isRealDate("2025-06-31")]).toEqual([true, false, true, false]);
  });

  it("the fields schema is the same one the form parser uses", () => {
    expect(SirFieldsSchema.parse(fields)).toEqual(fields);
  });
});

/** The form's inputs as Teams sends them: flat strings beside the action's data. */
const form = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
  kind: "issue",
  title: "Leveransene er forsinket",
  problem: "Tre av fem kom for sent.",
  proposal1: "Bytte transportør",
  proposal2: "Flytte lageret",
  proposal3: "",
  recommendation: "Bytte transportør.",
  concerns: "O2 KR1",
  ...over,
});

function errorsOf(result: SirSubmission): readonly string[] {
  if (result.ok) throw new Error(`expected errors, got ${JSON.stringify(result.fields)}`);
  return result.errors;
}

function fieldsOf(result: SirSubmission): SirFields {
  if (!result.ok) throw new Error(`expected fields, got ${result.errors.join(" | ")}`);
  return result.fields;
}

describe("reading the form card's submission", () => {
  it("turns the inputs into the item's fields, trimmed", () => {
    expect(fieldsOf(parseSirSubmission(form({ title: "  Leveransene er forsinket \n" }), "nb"))).toEqual(fields);
  });

  it("drops empty proposal inputs and keeps the others in order", () => {
    expect(fieldsOf(parseSirSubmission(form({ proposal1: "", proposal2: " B ", proposal3: "C" }), "en")).proposals).toEqual(["B", "C"]);
    expect(fieldsOf(parseSirSubmission(form({ proposal1: "  ", proposal2: undefined, proposal3: undefined }), "en")).proposals).toEqual([]);
  });

  it("a draft needs only a kind and a title", () => {
    expect(fieldsOf(parseSirSubmission({ kind: "risk", title: "Nøkkelperson slutter" }, "nb"))).toEqual({
      kind: "risk",
      title: "Nøkkelperson slutter",
      problem: "",
      proposals: [],
      recommendation: "",
      concerns: "",
      meetingId: null,
      forDate: null,
    });
  });

  it("reads the meeting day: empty means the next meeting, a real day waits for that meeting, anything else is named", () => {
    expect(fieldsOf(parseSirSubmission(form({ forDate: "" }), "en")).forDate).toBeNull();
    expect(fieldsOf(parseSirSubmission(form({ forDate: "2030-01-15" }), "en")).forDate).toBe("2030-01-15");
    for (const bad of ["2030-02-30", "15.01.2030", 20300115]) {
      const result = parseSirSubmission(form({ forDate: bad }), "nb");
      expect(result.ok).toBe(false);
      expect(result.ok ? [] : result.errors).toContain("Velg en gyldig dato, eller la feltet stå tomt for neste møte.");
    }
  });

  it("passes on the card's own data: item, version, series and target meeting; the fallback's verb is ignored", () => {
    const result = parseSirSubmission(form({ itemId: ITEM, version: 4, seriesId: "19:meeting_x@thread.v2", meetingId: "meeting-7", verb: "sir.submit" }), "en");
    expect(result).toMatchObject({ ok: true, itemId: ITEM, version: 4, seriesId: "19:meeting_x@thread.v2" });
    expect(fieldsOf(result).meetingId).toBe("meeting-7");
  });

  it("leaves item, version and series out when the card has none", () => {
    expect(Object.keys(parseSirSubmission(form(), "en"))).toEqual(["ok", "fields"]);
  });

  it.each<[CardLocale, string]>([
    ["nb", "Tittel mangler. Fyll inn feltet."],
    ["sv", "Rubrik saknas. Fyll i fältet."],
    ["en", "Title is missing. Please fill it in."],
  ])("a missing title is named in the user's language (%s)", (locale, message) => {
    expect(errorsOf(parseSirSubmission(form({ title: "   " }), locale))).toEqual([message]);
  });

  it.each<[CardLocale, string]>([
    ["nb", "Problembeskrivelse er for lang: 2001 tegn, høyst 2000. Kort den ned."],
    ["sv", "Problembeskrivning är för lång: 2001 tecken, högst 2000. Korta ned den."],
    ["en", "Problem description is too long: 2001 characters, at most 2000. Please shorten it."],
  ])("an over-long field is named with its length and the limit (%s)", (locale, message) => {
    expect(errorsOf(parseSirSubmission(form({ problem: "x".repeat(2001) }), locale))).toEqual([message]);
  });

  it("names the proposal input the user typed in, even when an earlier one is empty", () => {
    expect(errorsOf(parseSirSubmission(form({ proposal1: "", proposal2: "", proposal3: "y".repeat(501) }), "en"))).toEqual([
      "Proposal 3 is too long: 501 characters, at most 500. Please shorten it.",
    ]);
  });

  it("lists every problem at once, in the form's order", () => {
    const errors = errorsOf(parseSirSubmission(form({ kind: "sak", title: "", concerns: "c".repeat(201), recommendation: "r".repeat(1001) }), "en"));
    expect(errors).toEqual([
      "Type is missing. Choose Issue, Information or Risk.",
      "Title is missing. Please fill it in.",
      "Recommendation is too long: 1001 characters, at most 1000. Please shorten it.",
      "Concerns is too long: 201 characters, at most 200. Please shorten it.",
    ]);
  });

  it("gives back what was typed, within the limits, so the form can be shown again", () => {
    const result = parseSirSubmission(form({ title: "", problem: "p".repeat(3000), proposal1: "", proposal2: "B" }), "nb");
    if (result.ok) throw new Error("expected errors");
    expect(result.fields).toMatchObject({ kind: "issue", title: "", proposals: ["B"], recommendation: "Bytte transportør." });
    expect(result.fields.problem).toHaveLength(SIR_LIMITS.problemMax);
  });

  it("a picker left empty asks for the meeting", () => {
    expect(errorsOf(parseSirSubmission(form({ seriesId: "" }), "en"))).toEqual(["Meeting is missing. Please fill it in."]);
  });

  it.each([
    ["an item id that is not ours", { itemId: "../../other-tenant" }],
    ["a version that is not a positive whole number", { version: "3" }],
    ["version 0", { version: 0 }],
    ["a fractional version", { version: 1.5 }],
    ["a series id with spaces", { seriesId: "19: x" }],
    ["a meeting id that is too long", { meetingId: "m".repeat(513) }],
    ["a meeting id that is not text", { meetingId: 7 }],
  ])("refuses a card whose own data was tampered with: %s", (_what, over) => {
    expect(errorsOf(parseSirSubmission(form(over), "en"))).toEqual(["The form does not belong to a known item. Open the item again and try once more."]);
  });

  it.each([
    ["null", null],
    ["undefined", undefined],
    ["a number", 42],
    ["a string", "kind=issue&title=x"],
    ["a boolean", true],
    ["an array", [form()]],
    ["a function", () => form()],
  ])("refuses %s as not being the form", (_what, value) => {
    expect(errorsOf(parseSirSubmission(value, "en"))).toEqual(["The form did not arrive correctly. Open it again and try once more."]);
  });

  it("refuses inputs that are not text, naming the field", () => {
    expect(errorsOf(parseSirSubmission(form({ title: 7, proposal2: { x: 1 }, problem: ["a"] }), "en"))).toEqual([
      "Title has an invalid value. Please fill it in again.",
      "Problem description has an invalid value. Please fill it in again.",
      "Proposal 2 has an invalid value. Please fill it in again.",
    ]);
  });

  it("handles huge strings without trouble", () => {
    const huge = "x".repeat(2_000_000);
    expect(errorsOf(parseSirSubmission(form({ title: huge, problem: huge }), "en"))).toEqual([
      "Title is too long: 2000000 characters, at most 120. Please shorten it.",
      "Problem description is too long: 2000000 characters, at most 2000. Please shorten it.",
    ]);
  });

  it("reads only the object's own properties (no prototype tricks)", () => {
    const hostile: unknown = JSON.parse('{"__proto__": {"title": "from the prototype"}, "kind": "issue"}');
    expect(errorsOf(parseSirSubmission(hostile, "en"))).toEqual(["Title is missing. Please fill it in."]);
    const inherited = Object.assign(Object.create({ title: "inherited" }) as object, { kind: "issue" });
    expect(errorsOf(parseSirSubmission(inherited, "en"))).toEqual(["Title is missing. Please fill it in."]);
  });

  it("keeps markdown and links as the literal text typed (the card escapes them when it shows them)", () => {
    const title = "**Haster** [klikk her](javascript:alert(1))";
    expect(fieldsOf(parseSirSubmission(form({ title }), "en")).title).toBe(title);
  });

  it("never throws, whatever arrives", () => {
    // mulberry32, seeded: the same values on every run.
    let a = 4242;
    const random = (): number => {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
    };
    const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
    const values: unknown[] = [null, undefined, 0, -1, 1.5, NaN, Infinity, true, "", " ", "issue", "x".repeat(600), [], {}, ["a"], { toString: 1 }, "\u0000", "💥".repeat(70)];
    const keys = ["kind", "title", "problem", "proposal1", "proposal2", "proposal3", "recommendation", "concerns", "itemId", "version", "seriesId", "meetingId", "constructor", "__proto__"];
    for (let n = 0; n < 300; n++) {
      const input: Record<string, unknown> = {};
      for (const key of keys) if (random() < 0.6) input[key] = pick(values);
      const result = parseSirSubmission(input, pick(["nb", "sv", "en"] as const));
      expect(result.ok ? result.fields.title.length > 0 : result.errors.length > 0).toBe(true);
    }
  });
});
