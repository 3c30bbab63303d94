/** @module Behaviour of the KPI board's CSV import and export: round trips, Nordic Excel files, every error with its line, limits, formula guard. */
import { describe, expect, it } from "vitest";
import type { KpiCommand } from "./commands.js";
import { CSV_LIMITS, boardToCsv, planCsvImport, type ImportContext, type ImportResult, type KpiCsvData } from "./csv.js";
import type { KpiBoard } from "./decide.js";
import { metricFieldsOf, objectiveFieldsOf, type Metric, type MetricFields, type Objective, type Person, type WeeklyValue } from "./model.js";

const KARI: Person = { userId: "a1b2c3d4-0000-4000-8000-00000000c001", name: "Kari Nordmann" };
const OLA: Person = { userId: "a1b2c3d4-0000-4000-8000-00000000c003", name: "Ola Ærlig" };
const PEOPLE = [KARI, OLA];
const T0 = 1_767_600_000_000;

const objective = (id: string, title: string, extra: Partial<Objective> = {}): Objective => ({
  id,
  title,
  from: "2026-W01",
  to: "2026-W13",
  owner: KARI,
  archived: false,
  version: 1,
  createdAt: T0,
  updatedAt: T0,
  ...extra,
});

const metric = (id: string, fields: Partial<MetricFields> & Pick<MetricFields, "name">, extra: Partial<Metric> = {}): Metric => ({
  id,
  kind: "kpi",
  objectiveId: null,
  unit: "",
  direction: "higher",
  target: 100,
  targetMax: null,
  start: null,
  tolerancePct: 10,
  owner: null,
  archived: false,
  version: 1,
  createdAt: T0,
  updatedAt: T0,
  ...fields,
  ...extra,
});

const value = (metricId: string, week: string, v: number): WeeklyValue => ({ metricId, week, value: v, by: KARI, at: T0, override: null, version: 1 });

const GROW = objective("obj-cmd-000001", 'Grow "Nordic", æøå');
const CUSTOMERS = metric("kpi-cmd-000002", { kind: "keyResult", objectiveId: GROW.id, name: "Customers, new", unit: "customers", target: 120, start: 80, owner: OLA });
const CHURN = metric("kpi-cmd-000003", { name: '=Churn "rate"', unit: "%", direction: "lower", target: 2.5, tolerancePct: 15 });
const RESPONSE = metric("kpi-cmd-000004", { name: "Svartid på kø – æøå", unit: "-h", direction: "range", target: 1, targetMax: 4.5, owner: KARI });
const OLD = metric("kpi-cmd-000005", { name: "Old number" }, { archived: true });

const BOARD: KpiBoard = { settings: { timeZone: "Europe/Oslo", version: 1 }, objectives: [GROW], metrics: [CUSTOMERS, CHURN, OLD, RESPONSE] };
const VALUES: WeeklyValue[] = [
  value(CUSTOMERS.id, "2026-W02", 85.5),
  value(CUSTOMERS.id, "2026-W03", 90),
  value(CHURN.id, "2026-W01", 2.75),
  value(CHURN.id, "2026-W03", -0.125),
  value(RESPONSE.id, "2026-W02", 3.25),
  value(OLD.id, "2026-W04", 7),
];
const DATA: KpiCsvData = { board: BOARD, values: VALUES };
const EMPTY: KpiBoard = { settings: { timeZone: "Europe/Oslo", version: 1 }, objectives: [], metrics: [] };

const context = (over: Partial<ImportContext> = {}): ImportContext => ({ board: EMPTY, values: [], people: PEOPLE, currentWeek: "2026-W10", commandIdPrefix: "imp-abc123", ...over });

function commandsOf(result: ImportResult): readonly KpiCommand[] {
  if (!result.ok) throw new Error(`expected a plan, got errors:\n${result.errors.map((e) => e.message).join("\n")}`);
  return result.plan.commands;
}

function errorsOf(result: ImportResult): readonly { line: number; message: string }[] {
  if (result.ok) throw new Error(`expected errors, got ${result.plan.commands.length} commands`);
  return result.errors;
}

const HEADER = "type,name,objective,owner,unit,direction,target,target_max,start,tolerance_pct,from,to";
const csv = (...lines: string[]): string => lines.join("\n");

describe("export", () => {
  const text = boardToCsv(DATA);
  const lines = text.slice(1).split("\r\n");

  it("starts with a byte order mark, uses CRLF, and has one column per week with a value", () => {
    expect(text.startsWith("\uFEFF")).toBe(true);
    expect(text.endsWith("\r\n")).toBe(true);
    expect(lines[0]).toBe(`${HEADER},2026-W01,2026-W02,2026-W03`);
  });

  it("writes objectives first, then KPIs, then key results, and leaves archived ones out", () => {
    expect(lines.slice(1, -1).map((l) => l.split(",")[0])).toEqual(["objective", "kpi", "kpi", "keyResult"]);
    expect(text).not.toContain("Old number");
    expect(text).not.toContain("2026-W04");
  });

  it("quotes fields with commas and quotes, and keeps plain decimals", () => {
    expect(lines[1]).toBe('objective,"Grow ""Nordic"", æøå",,Kari Nordmann,,,,,,,2026-W01,2026-W13,,,');
    expect(lines[4]).toBe('keyResult,"Customers, new","Grow ""Nordic"", æøå",Ola Ærlig,customers,higher,120,,80,10,,,,85.5,90');
  });

  it("puts an apostrophe before text a spreadsheet would run as a formula", () => {
    expect(lines[2]).toBe(`kpi,"'=Churn ""rate""",,,%,lower,2.5,,,15,,,2.75,,-0.125`);
    expect(lines[3]).toBe("kpi,Svartid på kø – æøå,,Kari Nordmann,'-h,range,1,4.5,,10,,,,3.25,");
  });

  it("guards owners and objective titles too, and a text that already starts with the guard", () => {
    const sneaky = objective("obj-cmd-000009", "@SUM(A1)", { owner: { userId: "u-9", name: "+47 Hacker" } });
    const quoted = metric("kpi-cmd-000010", { name: "'=not a formula" });
    const out = boardToCsv({ board: { ...EMPTY, objectives: [sneaky], metrics: [quoted] }, values: [] });
    expect(out).toContain("objective,'@SUM(A1),,'+47 Hacker,");
    expect(out).toContain("kpi,''=not a formula,");
  });
});

describe("round trip", () => {
  const text = boardToCsv(DATA);

  it("into an empty board creates the same objectives, KPIs, key results and values", () => {
    const result = planCsvImport(text, context());
    const commands = commandsOf(result);
    expect(commands.map((c) => c.type)).toEqual(["createObjective", "createMetric", "createMetric", "createMetric", ...Array(5).fill("recordValue")]);
    // Ids are made from what each command is about: unique, valid, and the same when the file is planned again.
    expect(new Set(commands.map((c) => c.id)).size).toBe(commands.length);
    for (const c of commands) expect(c.id).toMatch(/^imp-abc123-[a-z]{1,2}[0-9a-z]{14}$/);
    expect(commandsOf(planCsvImport(text, context())).map((c) => c.id)).toEqual(commands.map((c) => c.id));

    const [createObjective, ...rest] = commands;
    if (createObjective?.type !== "createObjective") throw new Error("objective first");
    expect(createObjective.fields).toEqual(objectiveFieldsOf(GROW));
    const newObjectiveId = `obj-${createObjective.id}`;

    const created = new Map<string, string>();
    const fieldsByName = new Map<string, MetricFields>();
    for (const c of rest) {
      if (c.type !== "createMetric") continue;
      created.set(`kpi-${c.id}`, c.fields.name);
      fieldsByName.set(c.fields.name, c.fields);
    }
    expect(fieldsByName.get(CUSTOMERS.name)).toEqual({ ...metricFieldsOf(CUSTOMERS), objectiveId: newObjectiveId });
    expect(fieldsByName.get(CHURN.name)).toEqual(metricFieldsOf(CHURN));
    expect(fieldsByName.get(RESPONSE.name)).toEqual(metricFieldsOf(RESPONSE));

    const written = rest.flatMap((c) => (c.type === "recordValue" ? [`${created.get(c.metricId)}|${c.week}|${c.value}`] : []));
    const original = VALUES.filter((v) => v.metricId !== OLD.id).map((v) => `${BOARD.metrics.find((m) => m.id === v.metricId)?.name}|${v.week}|${v.value}`);
    expect(written.sort()).toEqual(original.sort());
    if (!result.ok) return;
    expect(result.plan.summary).toEqual({ objectivesCreated: 1, objectivesUpdated: 0, metricsCreated: 3, metricsUpdated: 0, valuesWritten: 5 });
  });

  it("into the same board changes nothing", () => {
    const result = planCsvImport(text, context({ board: BOARD, values: VALUES }));
    expect(commandsOf(result)).toEqual([]);
    if (result.ok) expect(result.plan.summary).toEqual({ objectivesCreated: 0, objectivesUpdated: 0, metricsCreated: 0, metricsUpdated: 0, valuesWritten: 0 });
  });

  it("writes only what differs from the stored board", () => {
    const edited = text.replace("customers,higher,120,", "customers,higher,130,").replace(",85.5,90", ",85.5,91");
    const commands = commandsOf(planCsvImport(edited, context({ board: BOARD, values: VALUES })));
    expect(commands).toEqual([
      { id: expect.any(String), type: "editMetric", metricId: CUSTOMERS.id, fields: { ...metricFieldsOf(CUSTOMERS), target: 130 } },
      { id: expect.any(String), type: "recordValue", metricId: CUSTOMERS.id, week: "2026-W03", value: 91 },
    ]);
  });

  it("never reuses an id that a number renamed since an earlier import still has", () => {
    const first = commandsOf(planCsvImport(text, context())).find((c) => c.type === "createMetric" && c.fields.name === CHURN.name);
    if (first?.type !== "createMetric") throw new Error("no create");
    const renamed = { ...EMPTY, metrics: [metric(`kpi-${first.id}`, { name: "Frafall" })] };
    const again = commandsOf(planCsvImport(text, context({ board: renamed, values: [] }))).find((c) => c.type === "createMetric" && c.fields.name === CHURN.name);
    expect(again?.id).toBeDefined();
    expect(again?.id).not.toBe(first.id);
  });

  it("restores archived numbers the file names again instead of creating twins, and writes their values to them", () => {
    const archived = { ...BOARD, metrics: BOARD.metrics.map((m) => (m.id === CHURN.id || m.id === RESPONSE.id ? { ...m, archived: true } : m)) };
    const commands = commandsOf(planCsvImport(text, context({ board: archived, values: [] })));
    expect(commands.filter((c) => c.type === "createMetric")).toEqual([]);
    expect(commands.flatMap((c) => (c.type === "archiveMetric" ? [[c.metricId, c.archived]] : [])).sort()).toEqual([[CHURN.id, false], [RESPONSE.id, false]].sort());
    const valueTargets = new Set(commands.flatMap((c) => (c.type === "recordValue" ? [c.metricId] : [])));
    expect(valueTargets.has(CHURN.id)).toBe(true);
  });
});

describe("import of hand-made files", () => {
  it("reads a semicolon file with decimal commas, as Nordic Excel saves it", () => {
    const text = [
      "\uFEFFtype;name;objective;owner;unit;direction;target;target_max;start;tolerance_pct;from;to;2026-W05;2026-W06",
      "objective;Vekst;;kari nordmann;;;;;;;2026-W01;2026-W13;;",
      "Key Result;Nye kunder;vekst;;stk;higher;120,5;;80;;;;93,5;1e2",
      "kr;Andel fornøyde;Vekst;;%;range;90;97,25;;5;;;;",
      "",
    ].join("\r\n");
    const commands = commandsOf(planCsvImport(text, context()));
    const objectiveId = `obj-${commands[0]?.id ?? ""}`;
    const krId = `kpi-${commands[1]?.id ?? ""}`;
    expect(commands).toEqual([
      { id: expect.any(String), type: "createObjective", fields: { title: "Vekst", from: "2026-W01", to: "2026-W13", owner: KARI } },
      {
        id: expect.any(String),
        type: "createMetric",
        fields: { kind: "keyResult", objectiveId, name: "Nye kunder", unit: "stk", direction: "higher", target: 120.5, targetMax: null, start: 80, tolerancePct: 10, owner: null },
      },
      {
        id: expect.any(String),
        type: "createMetric",
        fields: { kind: "keyResult", objectiveId, name: "Andel fornøyde", unit: "%", direction: "range", target: 90, targetMax: 97.25, start: null, tolerancePct: 5, owner: null },
      },
      { id: expect.any(String), type: "recordValue", metricId: krId, week: "2026-W05", value: 93.5 },
      { id: expect.any(String), type: "recordValue", metricId: krId, week: "2026-W06", value: 100 },
    ]);
  });

  it("links a key result to an active objective already on the board", () => {
    const text = csv(`${HEADER},2026-W02`, 'keyResult,New KR,"grow ""nordic"", ÆØÅ",,,higher,5,,,,,,');
    const [command] = commandsOf(planCsvImport(text, context({ board: BOARD })));
    expect(command?.type === "createMetric" && command.fields.objectiveId).toBe(GROW.id);
  });

  it("counts lines inside quoted fields and skips empty lines, so a later error names the right line", () => {
    const text = csv(HEADER + ",2026-W02", "", 'kpi,"Two\nline name",,,,higher,5,,,,,,1', "", "kpi,Bad,,,,higher,abc,,,,,,");
    expect(errorsOf(planCsvImport(text, context()))).toEqual([{ line: 6, message: "Line 6: 'target' must be a number such as 93.5, not 'abc'." }]);
  });

  it("keeps a quoted newline with CRLF line endings counted too", () => {
    const text = [HEADER, 'kpi,"A\r\nB\r\nC",,,,higher,5,,,,,', "kpi,X,,,,sideways,5,,,,,"].join("\r\n");
    expect(errorsOf(planCsvImport(text, context())).map((e) => e.line)).toEqual([5]);
  });
});

describe("bad rows", () => {
  const text = csv(
    `${HEADER},2026-W01,2026-W02`,
    "objective,Grow,,,,,,,,,2026-W01,2026-W13,,", // 2 fine
    "kpi,Good,,,,higher,5,,,,,,1,2", // 3 fine
    "kpi,Words,,,,higher,5,,,,,,abc,", // 4
    "kpi,NotANumber,,,,higher,5,,,,,,NaN,", // 5
    "kpi,Endless,,,,higher,5,,,,,,,Infinity", // 6
    "kpi,Huge,,,,higher,5,,,,,,1e13,", // 7
    "kpi,Owned,,Nobody Known,,higher,5,,,,,,,", // 8
    "keyResult,Orphan,,,,higher,5,,,,,,,", // 9
    "kpi,Band,,,,range,5,,,,,,,", // 10
    "metric,Strange,,,,higher,5,,,,,,,", // 11
    "keyResult,Lost,No such objective,,,higher,5,,,,,,,", // 12
    "kpi,Good,,,,lower,5,,,,,,,", // 13 duplicate name
    "objective,Grow,,,,,,,,,2026-W01,2026-W13,,", // 14 duplicate title
    "objective,Numbers,,,,,5,,,,2026-W01,2026-W13,3,", // 15
  );
  const errors = errorsOf(planCsvImport(text, context()));
  const at = (line: number): string[] => errors.filter((e) => e.line === line).map((e) => e.message);

  it("refuses the whole file, good rows included, and lists errors by line", () => {
    expect(errors.map((e) => e.line)).toEqual([4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 15]);
    expect(errors.every((e) => e.message.startsWith(`Line ${e.line}: `))).toBe(true);
  });

  it("says what is wrong with each value and what to write instead", () => {
    expect(at(4)).toEqual(["Line 4: the value for 2026-W01 must be a number such as 93.5, not 'abc'."]);
    expect(at(5)).toEqual(["Line 5: the value for 2026-W01 must be a number such as 93.5, not 'NaN'."]);
    expect(at(6)).toEqual(["Line 6: the value for 2026-W02 must be a number such as 93.5, not 'Infinity'."]);
    expect(at(7)).toEqual(["Line 7: the value for 2026-W01 must be between -1000000000000 and 1000000000000, not '1e13'."]);
  });

  it("names unknown owners, missing objectives, a range without upper bound and an unknown type", () => {
    expect(at(8)).toEqual(["Line 8: nobody called 'Nobody Known' is known on this board; use the name as Teams shows it, or leave owner empty."]);
    expect(at(9)).toEqual(["Line 9: a key result needs its objective; write the objective's title in 'objective'."]);
    expect(at(10)).toEqual(["Line 10: target_max: a range needs an upper bound"]);
    expect(at(11)).toEqual(["Line 11: 'type' must be objective, kpi or keyResult, not 'metric'."]);
    expect(at(12)).toEqual(["Line 12: there is no objective 'No such objective' in this file or on the board; add an objective row with that name."]);
  });

  it("reports duplicates on the second line, and numbers on an objective row", () => {
    expect(at(13)).toEqual(["Line 13: 'Good' is already on line 3; two KPIs or key results cannot share a name."]);
    expect(at(14)).toEqual(["Line 14: the objective 'Grow' is already on line 2; keep one row for it."]);
    expect(at(15)).toEqual([
      "Line 15: an objective row has no 'target'; leave it empty and put the numbers on its keyResult rows.",
      "Line 15: an objective has no weekly values; leave its week cells empty and enter the values on its keyResult rows.",
    ]);
  });

  it("refuses a name two people share", () => {
    const twins = [KARI, { userId: "u-2", name: " kari NORDMANN " }];
    const result = planCsvImport(csv(HEADER, "kpi,X,,Kari Nordmann,,higher,5,,,,,"), context({ people: twins }));
    expect(errorsOf(result)[0]?.message).toMatch(/^Line 2: 2 people are called 'Kari Nordmann'/);
  });

  it("turns the schema's own rules into errors on the row, naming the column", () => {
    const result = planCsvImport(csv(HEADER, `kpi,${"x".repeat(81)},,,,higher,5,,3,,,`, "objective,Long,,,,,,,,,2026-W01,2026-W40"), context());
    expect(errorsOf(result)).toEqual([
      { line: 2, message: "Line 2: name: must be at most 80 characters" },
      { line: 2, message: "Line 2: start: only a key result has a start value" },
      { line: 3, message: "Line 3: to: the cycle must be at most 27 weeks" },
    ]);
  });
});

describe("header", () => {
  it("must have the columns in order", () => {
    const result = planCsvImport(csv("type,name,owner,objective,unit", "kpi,X,,,"), context());
    expect(errorsOf(result)).toEqual([
      { line: 1, message: `Line 1: the header must start with ${HEADER}; column 3 is 'owner' but should be 'objective'.` },
    ]);
  });

  it("refuses weeks that have not started yet, out of order or not weeks at all", () => {
    const result = planCsvImport(csv(`${HEADER},2026-W03,2026-W02,week 4,2026-W11`, "kpi,X,,,,higher,5,,,,,,1,,,"), context());
    expect(errorsOf(result).map((e) => e.message)).toEqual([
      "Line 1: week 2026-W02 comes after 2026-W03; week columns must be in order, each week once.",
      "Line 1: column 15 must be an ISO week such as 2026-W05, not 'week 4'.",
      "Line 1: 2026-W11 has not started yet (it is 2026-W10); values for future weeks are refused, so remove those columns.",
    ]);
  });

  it("refuses an empty file and an unclosed quote", () => {
    expect(errorsOf(planCsvImport("\uFEFF\r\n", context()))[0]?.message).toMatch(/^Line 1: the file is empty/);
    expect(errorsOf(planCsvImport(csv(HEADER, "kpi,ok,,,,higher,5,,,,,", 'kpi,"open,,,,higher,5,,,,,'), context()))[0]).toMatchObject({ line: 3 });
  });
});

describe("limits", () => {
  it("refuses more than 200 rows", () => {
    const rows = Array.from({ length: CSV_LIMITS.rowsMax + 1 }, (_, i) => `kpi,K${i},,,,higher,5,,,,,`);
    expect(errorsOf(planCsvImport(csv(HEADER, ...rows), context()))).toEqual([
      { line: 1, message: "Line 1: the file has 201 rows; at most 200 can be imported at once." },
    ]);
  });

  it("refuses a file over 512 KiB", () => {
    const text = csv(HEADER, `kpi,K,,,,higher,5,,,,,${" ".repeat(CSV_LIMITS.bytesMax)}`);
    expect(errorsOf(planCsvImport(text, context()))[0]?.message).toMatch(/^Line 1: the file is 513 KiB; at most 512 KiB can be imported/);
  });

  it("refuses a cell over 500 characters", () => {
    const text = csv(HEADER, `kpi,${"x".repeat(CSV_LIMITS.cellMax + 1)},,,,higher,5,,,,,`);
    expect(errorsOf(planCsvImport(text, context()))).toEqual([{ line: 2, message: "Line 2: column 2 has 501 characters; a cell may have at most 500." }]);
  });

  it("refuses more active KPIs than a board may have", () => {
    const rows = Array.from({ length: 41 }, (_, i) => `kpi,K${i},,,,higher,5,,,,,`);
    expect(errorsOf(planCsvImport(csv(HEADER, ...rows), context()))).toEqual([
      { line: 1, message: "Line 1: after this import the board would have 41 active KPIs and key results; at most 40 are allowed." },
    ]);
  });

  it("reports at most 50 errors", () => {
    const rows = Array.from({ length: 60 }, (_, i) => `kpi,K${i},,,,higher,x,,,,,`);
    expect(errorsOf(planCsvImport(csv(HEADER, ...rows), context()))).toHaveLength(CSV_LIMITS.errorsMax);
  });
});

describe("import errors in the lead's language", () => {
  /** A file with one mistake of each kind a row can have. */
  const messy = [
    `${HEADER},2026-W05,2099-W01`,
    "objective,Fornøyde kunder,,,%,,,,,,,,,",
    "kpi,Sykefravær,,Nobody Known,%,sideways,abc,,,,,,12,",
    "keyResult,NPS,Finnes ikke,,,higher,,,,,2026-W01,2026-W10,,",
    "bogus,X,,,,,,,,,,,,",
  ].join("\n");

  it.each(["nb", "sv"] as const)("every message is in %s: no English sentence, the file's own column names quoted", (locale) => {
    const errors = errorsOf(planCsvImport(messy, context({ locale })));
    const english = errorsOf(planCsvImport(messy, context()));
    expect(errors.length).toBe(english.length);
    expect(errors.length).toBeGreaterThan(5);
    for (const [i, e] of errors.entries()) {
      expect(e.line).toBe(english[i]?.line);
      expect(e.message).toMatch(locale === "nb" ? /^Linje \d+: / : /^Rad \d+: /);
      expect(e.message, e.message).not.toMatch(/\b(the|must|is|not|on this board|leave|row|file)\b/);
    }
  });
});
