/**
 * @module CSV import and export of a team's KPI board, so a team moves in from a spreadsheet and out again.
 * Wide format: one row per objective, KPI or key result, one column per ISO week. An import becomes a plan of the
 * board's ordinary commands, each checked by the same zod schemas as the panel, or every error with its line:
 * all or nothing. Pure: text in, text or commands out.
 */
import { KpiCommand } from "./commands.js";
import type { KpiBoard } from "./decide.js";
import {
  DEFAULT_TOLERANCE_PCT,
  DIRECTIONS,
  KPI_LIMITS,
  metricIdFor,
  objectiveIdFor,
  sameMetric,
  sameObjective,
  type Direction,
  type Metric,
  type MetricFields,
  type MetricKind,
  type Objective,
  type ObjectiveFields,
  type Person,
  type WeeklyValue,
} from "./model.js";
import type { Locale } from "../i18n/format.js";
import { CSV_TEXT, type CsvText } from "./csv-text.js";
import { readKpiNumber } from "./number.js";
import { isIsoWeek, type IsoWeek } from "./week.js";

/** Sizes an import may have: one bounded parse, and far above what a focused board needs. */
export const CSV_LIMITS = {
  /** Measured as string length (characters), which is close enough to bytes for this purpose. */
  bytesMax: 512 * 1024,
  rowsMax: 200,
  cellMax: 500,
  /** Five years of weeks. */
  weekColumnsMax: 260,
  /** More errors than this help nobody; the first ones show what to fix. */
  errorsMax: 50,
  /** Weekly values one import writes (40 numbers × 5 years is 10,400): a bound on one request's work. */
  valuesMax: 10_000,
} as const;

/** The fixed columns, in order; the week columns follow them. */
export const CSV_COLUMNS = ["type", "name", "objective", "owner", "unit", "direction", "target", "target_max", "start", "tolerance_pct", "from", "to"] as const;
type Column = (typeof CSV_COLUMNS)[number];

/** One problem in the file, with the 1-based physical line its row starts on (the header is line 1). */
export interface CsvError {
  readonly line: number;
  readonly message: string;
}

/** What an export needs: the board's definitions and the stored weekly values. */
export interface KpiCsvData {
  readonly board: KpiBoard;
  readonly values: readonly WeeklyValue[];
}

/** The commands an import would run, in order (objectives, metrics, values), and what they amount to. */
export interface ImportPlan {
  readonly commands: readonly KpiCommand[];
  readonly summary: {
    readonly objectivesCreated: number;
    readonly objectivesUpdated: number;
    readonly metricsCreated: number;
    readonly metricsUpdated: number;
    readonly valuesWritten: number;
  };
}

export type ImportResult = { readonly ok: true; readonly plan: ImportPlan } | { readonly ok: false; readonly errors: readonly CsvError[] };

/** What an import is matched against. */
export interface ImportContext {
  /** What is stored now. */
  readonly board: KpiBoard;
  readonly values: readonly WeeklyValue[];
  /** People the board knows; owner names are matched to these (trimmed, case-insensitive). */
  readonly people: readonly Person[];
  /** Week columns after this one are refused: values for future weeks cannot be entered. */
  readonly currentWeek: IsoWeek;
  /** Command ids are `${prefix}-1`, `${prefix}-2`, …; the prefix is at most 40 letters, digits, '-' or '_'. */
  readonly commandIdPrefix: string;
  /** The language of the error messages (the lead's panel); English when absent. */
  readonly locale?: Locale;
}

const COLUMN_INDEX = Object.fromEntries(CSV_COLUMNS.map((c, i) => [c, i])) as Record<Column, number>;
const WEEK_START = CSV_COLUMNS.length;

// ---------------------------------------------------------------------------------------------------------------
// Export
// ---------------------------------------------------------------------------------------------------------------

/** Text a spreadsheet would run as a formula (or that starts with our own guard) gets a leading apostrophe. */
const FORMULA_START = /^'*[=+\-@\t\r]/;
const GUARDED = /^'+[=+\-@\t\r]/;

/** Keeps a spreadsheet from running a name such as "=HYPERLINK(…)" as a formula. */
const guardFormula = (text: string): string => (FORMULA_START.test(text) ? `'${text}` : text);
/** Undoes `guardFormula`, so a round trip gives back exactly what was exported. */
const unguardFormula = (text: string): string => (GUARDED.test(text) ? text.slice(1) : text);

const quote = (field: string): string => (/[",\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field);
const numberCell = (n: number | null): string => (n === null ? "" : String(n));

/**
 * The board's active objectives, KPIs and key results as CSV with one column per week that has a value: comma
 * separated, point decimals, CRLF, with a UTF-8 byte order mark so Excel shows æøå right. Archived ones stay out.
 */
export function boardToCsv(data: KpiCsvData): string {
  const objectives = data.board.objectives.filter((o) => !o.archived);
  const active = data.board.metrics.filter((m) => !m.archived);
  const metrics = [...active.filter((m) => m.kind === "kpi"), ...active.filter((m) => m.kind === "keyResult")];
  const exported = new Set(metrics.map((m) => m.id));
  const byMetric = new Map<string, Map<IsoWeek, number>>();
  const weekSet = new Set<IsoWeek>();
  for (const v of data.values) {
    if (!exported.has(v.metricId)) continue;
    weekSet.add(v.week);
    let weeks = byMetric.get(v.metricId);
    if (!weeks) byMetric.set(v.metricId, (weeks = new Map()));
    weeks.set(v.week, v.value);
  }
  const weeks = [...weekSet].sort();
  const titleOf = new Map(data.board.objectives.map((o) => [o.id, o.title]));

  const rows: string[][] = [[...CSV_COLUMNS, ...weeks]];
  for (const o of objectives) {
    rows.push(["objective", guardFormula(o.title), "", guardFormula(o.owner?.name ?? ""), "", "", "", "", "", "", o.from, o.to, ...weeks.map(() => "")]);
  }
  for (const m of metrics) {
    const values = byMetric.get(m.id);
    rows.push([
      m.kind,
      guardFormula(m.name),
      guardFormula(m.objectiveId === null ? "" : (titleOf.get(m.objectiveId) ?? "")),
      guardFormula(m.owner?.name ?? ""),
      guardFormula(m.unit),
      m.direction,
      numberCell(m.target),
      numberCell(m.targetMax),
      numberCell(m.start),
      numberCell(m.tolerancePct),
      "",
      "",
      ...weeks.map((w) => numberCell(values?.get(w) ?? null)),
    ]);
  }
  return `\uFEFF${rows.map((r) => r.map(quote).join(",")).join("\r\n")}\r\n`;
}

// ---------------------------------------------------------------------------------------------------------------
// Reading the file
// ---------------------------------------------------------------------------------------------------------------

interface CsvRecord {
  readonly line: number;
  readonly cells: readonly string[];
}

const errorAt = (x: CsvText, line: number, message: string): CsvError => ({ line, message: x.line(line, message) });

/** Shows a cell in a message without letting a 500-character cell drown it. */
const shown = (text: string): string => (text.length > 40 ? `${text.slice(0, 40)}…` : text);

/** RFC 4180 records with the physical line each starts on; lines with nothing in them are skipped. */
function readRecords(text: string, delimiter: string, x: CsvText): { records: CsvRecord[]; error: CsvError | null } {
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let field = "";
  let inQuotes = false;
  let wasQuoted = false;
  let line = 1;
  let recordLine = 1;
  let quoteLine = 1;
  const endRecord = (): void => {
    cells.push(field);
    if (cells.some((c) => c.trim() !== "")) records.push({ line: recordLine, cells });
    cells = [];
    field = "";
    wasQuoted = false;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    if (inQuotes) {
      if (c === '"') {
        if (text.charAt(i + 1) === '"') {
          field += '"';
          i++;
        } else inQuotes = false;
      } else {
        if (c === "\n" || (c === "\r" && text.charAt(i + 1) !== "\n")) line++;
        field += c;
      }
    } else if (c === '"' && !wasQuoted && field.trim() === "") {
      inQuotes = true;
      wasQuoted = true;
      field = "";
      quoteLine = line;
    } else if (c === delimiter) {
      cells.push(field);
      field = "";
      wasQuoted = false;
    } else if (c === "\r" || c === "\n") {
      if (c === "\r" && text.charAt(i + 1) === "\n") i++;
      endRecord();
      line++;
      recordLine = line;
    } else {
      field += c;
    }
  }
  if (inQuotes) return { records, error: errorAt(x, quoteLine, x.unclosedQuote) };
  endRecord();
  return { records, error: null };
}

type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

/** A plain number (decimal comma too when the file is semicolon separated), within the board's value limit. */
function parseNumber(raw: string, delimiter: string, what: string, x: CsvText): Parsed<number> {
  const value = readKpiNumber(raw, { decimalComma: delimiter === ";", groupSpaces: false });
  if (value === "tooLarge") return { ok: false, message: x.outOfRange(what, KPI_LIMITS.valueAbsMax, shown(raw)) };
  if (typeof value !== "number") return { ok: false, message: x.notANumber(what, delimiter === ";" ? "93,5" : "93.5", shown(raw)) };
  return { ok: true, value };
}

const lower = (text: string): string => text.trim().toLocaleLowerCase();

const TYPE_ALIASES: Record<string, "objective" | MetricKind> = { objective: "objective", kpi: "kpi", keyresult: "keyResult", kr: "keyResult" };

/** The zod field a message is about, named as the CSV column the user wrote it in. */
const COLUMN_OF_FIELD: Record<string, string> = {
  title: "name",
  kind: "type",
  objectiveId: "objective",
  name: "name",
  unit: "unit",
  direction: "direction",
  target: "target",
  targetMax: "target_max",
  start: "start",
  tolerancePct: "tolerance_pct",
  owner: "owner",
  from: "from",
  to: "to",
};

function columnOf(path: readonly PropertyKey[], week: IsoWeek | null): string {
  const [head, field] = path;
  if (head === "fields") return typeof field === "string" ? (COLUMN_OF_FIELD[field] ?? field) : "row";
  if ((head === "value" || head === "week") && week !== null) return week;
  if (head === "id") return "command id";
  return typeof head === "string" ? head : "row";
}


/** The most recently changed of some archived records (the one a name in the file most likely means). */
function latest<T extends { updatedAt: number }>(list: readonly T[]): T | undefined {
  return list.reduce<T | undefined>((best, x) => (best === undefined || x.updatedAt > best.updatedAt ? x : best), undefined);
}

/** A short, stable, id-safe digest of a text (two FNV-1a rounds, base 36): enough to tell a file's rows apart. */
export function shortHash(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193) >>> 0;
    b = Math.imul(b ^ c, 0x5bd1e995) >>> 0;
  }
  return a.toString(36).padStart(7, "0") + b.toString(36).padStart(7, "0");
}

/** Stands in for the id of an objective whose own row has errors, so its key results are still checked. */
const UNKNOWN_OBJECTIVE_ID = "obj-row-with-errors";

// ---------------------------------------------------------------------------------------------------------------
// Import
// ---------------------------------------------------------------------------------------------------------------

/**
 * Reads a CSV board and plans the commands that make the stored board match it: rows are matched to active
 * objectives (by title) and KPIs/key results (by name), case-insensitively; only what differs is written. Any
 * error anywhere (up to CSV_LIMITS.errorsMax are reported) means no plan at all.
 */
export function planCsvImport(input: string, ctx: ImportContext): ImportResult {
  const x = CSV_TEXT[ctx.locale ?? "en"];
  const at = (line: number, message: string): CsvError => errorAt(x, line, message);
  const errors: CsvError[] = [];
  const failed = (): ImportResult => ({ ok: false, errors: [...errors].sort((a, b) => a.line - b.line).slice(0, CSV_LIMITS.errorsMax) });

  if (input.length > CSV_LIMITS.bytesMax) {
    errors.push(at(1, x.fileTooLarge(Math.ceil(input.length / 1024), CSV_LIMITS.bytesMax / 1024)));
    return failed();
  }
  const text = input.startsWith("\uFEFF") ? input.slice(1) : input;
  const firstLine = text.split(/\r\n|\r|\n/, 1)[0] ?? "";
  const delimiter = firstLine.includes(";") ? ";" : ",";

  const { records, error } = readRecords(text, delimiter, x);
  if (error) {
    errors.push(error);
    return failed();
  }
  const [header, ...rows] = records;
  if (!header) {
    errors.push(at(1, x.empty(CSV_COLUMNS.join(","))));
    return failed();
  }
  if (rows.length > CSV_LIMITS.rowsMax) {
    errors.push(at(header.line, x.tooManyRows(rows.length, CSV_LIMITS.rowsMax)));
    return failed();
  }

  // Header: the fixed columns, then strictly increasing past or current weeks.
  const headerCells = header.cells.map((c) => c.trim());
  while (headerCells.length > WEEK_START && headerCells[headerCells.length - 1] === "") headerCells.pop();
  for (let i = 0; i < CSV_COLUMNS.length; i++) {
    const got = headerCells[i] ?? "";
    if (got.toLowerCase() !== CSV_COLUMNS[i]) {
      errors.push(at(header.line, x.headerStart(CSV_COLUMNS.join(","), i + 1, shown(got), CSV_COLUMNS[i] ?? "")));
      return failed();
    }
  }
  const weekCells = headerCells.slice(WEEK_START);
  if (weekCells.length > CSV_LIMITS.weekColumnsMax) {
    errors.push(at(header.line, x.tooManyWeeks(weekCells.length, CSV_LIMITS.weekColumnsMax)));
  }
  const weeks: (IsoWeek | null)[] = [];
  const future: IsoWeek[] = [];
  let previous: IsoWeek | null = null;
  for (const [i, cell] of weekCells.entries()) {
    const week = cell.toUpperCase();
    if (!isIsoWeek(week)) {
      errors.push(at(header.line, x.weekColumn(WEEK_START + i + 1, shown(cell))));
      weeks.push(null);
      continue;
    }
    if (previous !== null && week <= previous) {
      errors.push(at(header.line, x.weekOrder(week, previous)));
    }
    if (week > ctx.currentWeek) future.push(week);
    previous = week;
    weeks.push(week);
  }
  if (future.length > 0) {
    errors.push(at(header.line, x.futureWeeks(future, ctx.currentWeek)));
  }

  // Rows: cell sizes, row width and type, before anything is matched.
  interface Row {
    readonly line: number;
    readonly type: "objective" | MetricKind;
    readonly get: (column: Column) => string;
    readonly weekCells: readonly string[];
  }
  const objectiveRows: Row[] = [];
  const metricRows: Row[] = [];
  for (const record of rows) {
    const { line, cells } = record;
    const long = cells.findIndex((c) => c.length > CSV_LIMITS.cellMax);
    if (long >= 0) {
      errors.push(at(line, x.cellTooLong(long + 1, cells[long]?.length ?? 0, CSV_LIMITS.cellMax)));
      continue;
    }
    if (cells.slice(headerCells.length).some((c) => c.trim() !== "")) {
      errors.push(at(line, x.rowTooWide(cells.length, headerCells.length)));
      continue;
    }
    const rawType = cells[0] ?? "";
    const type = TYPE_ALIASES[lower(rawType).replace(/[\s_-]+/g, "")];
    if (!type) {
      errors.push(at(line, x.badType(shown(rawType.trim()))));
      continue;
    }
    const get = (column: Column): string => {
      const value = (cells[COLUMN_INDEX[column]] ?? "").trim();
      return column === "name" || column === "objective" || column === "owner" || column === "unit" ? unguardFormula(value).trim() : value;
    };
    const row: Row = { line, type, get, weekCells: cells.slice(WEEK_START, headerCells.length).map((c) => c.trim()) };
    (type === "objective" ? objectiveRows : metricRows).push(row);
  }

  // Owners: the display name as Teams shows it, matched to exactly one known person.
  const ownerOf = (row: Row): Parsed<Person | null> => {
    const name = row.get("owner");
    if (name === "") return { ok: true, value: null };
    const matches = ctx.people.filter((p) => lower(p.name) === lower(name));
    if (matches.length === 1 && matches[0]) return { ok: true, value: matches[0] };
    if (matches.length === 0) return { ok: false, message: x.unknownOwner(shown(name)) };
    return { ok: false, message: x.ambiguousOwner(matches.length, shown(name)) };
  };

  const commands: KpiCommand[] = [];
  let restoredObjectives = 0;
  let restoredMetrics = 0;
  const summary = { objectivesCreated: 0, objectivesUpdated: 0, metricsCreated: 0, metricsUpdated: 0, valuesWritten: 0 };
  /**
   * Command ids come from what a command is about (the row's name, the metric and week), not from its position: the
   * same file imported again makes the same ids, so a retried or repeated import creates nothing twice.
   */
  const idFor = (kind: string, subject: string): string => `${ctx.commandIdPrefix}-${kind}${shortHash(subject)}`;
  /** A create's id, never one a record on the board already has under another name (renamed since an earlier import). */
  const freshId = (kind: "o" | "m", key: string, taken: (id: string) => boolean): string => {
    let id = idFor(kind, key);
    for (let n = 2; taken(id); n++) id = idFor(kind, `${key}#${n}`);
    return id;
  };
  const objectiveTaken = (id: string): boolean => ctx.board.objectives.some((o) => o.id === objectiveIdFor(id));
  const metricTaken = (id: string): boolean => ctx.board.metrics.some((m) => m.id === metricIdFor(id));
  const emit = (command: KpiCommand): void => {
    commands.push(command);
  };
  /** The one source of truth for field rules: the command schema; its issues become errors on the row. */
  const validate = (candidate: unknown, line: number, week: IsoWeek | null = null): KpiCommand | null => {
    const parsed = KpiCommand.safeParse(candidate);
    if (parsed.success) return parsed.data;
    for (const issue of parsed.error.issues) errors.push(at(line, x.invalidField(columnOf(issue.path, week), { code: issue.code, message: issue.message, ...("maximum" in issue ? { maximum: issue.maximum } : {}), ...("minimum" in issue ? { minimum: issue.minimum } : {}), ...("origin" in issue && typeof issue.origin === "string" ? { origin: issue.origin } : {}) })));
    return null;
  };

  // Objectives.
  const activeObjectives = ctx.board.objectives.filter((o) => !o.archived);
  /** Objective titles of the file (lower case) → id, or null when that row has errors. */
  const fileObjectives = new Map<string, { readonly id: string | null; readonly line: number }>();
  for (const row of objectiveRows) {
    const before = errors.length;
    const title = row.get("name");
    const key = lower(title);
    const first = fileObjectives.get(key);
    if (key !== "" && first) {
      errors.push(at(row.line, x.duplicateObjective(shown(title), first.line)));
      continue;
    }
    const metricColumns = (["objective", "unit", "direction", "target", "target_max", "start", "tolerance_pct"] as const).filter((c) => row.get(c) !== "");
    if (metricColumns.length > 0) {
      errors.push(at(row.line, x.objectiveMetricColumns(metricColumns)));
    }
    if (row.weekCells.some((c) => c !== "")) {
      errors.push(at(row.line, x.objectiveValues));
    }
    const owner = ownerOf(row);
    if (!owner.ok) errors.push(at(row.line, owner.message));
    const fields: ObjectiveFields = { title, from: row.get("from").toUpperCase(), to: row.get("to").toUpperCase(), owner: owner.ok ? owner.value : null };
    // A title that matches an archived objective (and no active one) restores it: the file says the board has it.
    const existing: Objective | undefined = activeObjectives.find((o) => lower(o.title) === key) ?? latest(ctx.board.objectives.filter((o) => o.archived && lower(o.title) === key));
    // An edit's id names its content too: the same edit again is a retry, another edit is new.
    const id = existing ? idFor("eo", `${existing.id}|${JSON.stringify(fields)}`) : freshId("o", key, objectiveTaken);
    const command = validate(existing ? { id, type: "editObjective", objectiveId: existing.id, fields } : { id, type: "createObjective", fields }, row.line);
    if (!command || errors.length > before) {
      if (key !== "") fileObjectives.set(key, { id: null, line: row.line });
      continue;
    }
    if (existing) {
      fileObjectives.set(key, { id: existing.id, line: row.line });
      if (existing.archived) {
        emit({ id: idFor("ro", existing.id), type: "archiveObjective", objectiveId: existing.id, archived: false });
        restoredObjectives++;
      }
      if (!sameObjective(existing, fields)) emit(command);
      if (existing.archived || !sameObjective(existing, fields)) summary.objectivesUpdated++;
    } else {
      fileObjectives.set(key, { id: objectiveIdFor(id), line: row.line });
      emit(command);
      summary.objectivesCreated++;
    }
  }

  // KPIs and key results, collecting their values for afterwards.
  const activeMetrics = ctx.board.metrics.filter((m) => !m.archived);
  const fileMetrics = new Map<string, number>();
  const pendingValues: { readonly line: number; readonly metricId: string; readonly week: IsoWeek; readonly value: number }[] = [];
  for (const row of metricRows) {
    const before = errors.length;
    const kind = row.type as MetricKind;
    const name = row.get("name");
    const key = lower(name);
    const firstLine = fileMetrics.get(key);
    if (key !== "" && firstLine !== undefined) {
      errors.push(at(row.line, x.duplicateMetric(shown(name), firstLine)));
      continue;
    }
    if (key !== "") fileMetrics.set(key, row.line);

    let objectiveId: string | null = null;
    const objectiveTitle = row.get("objective");
    if (kind === "kpi") {
      if (objectiveTitle !== "") errors.push(at(row.line, x.kpiWithObjective));
    } else if (objectiveTitle === "") {
      errors.push(at(row.line, x.keyResultNeedsObjective));
    } else {
      const inFile = fileObjectives.get(lower(objectiveTitle));
      const onBoard = activeObjectives.find((o) => lower(o.title) === lower(objectiveTitle));
      if (inFile) objectiveId = inFile.id ?? UNKNOWN_OBJECTIVE_ID;
      else if (onBoard) objectiveId = onBoard.id;
      else errors.push(at(row.line, x.noSuchObjective(shown(objectiveTitle))));
    }
    const owner = ownerOf(row);
    if (!owner.ok) errors.push(at(row.line, owner.message));
    const rawDirection = row.get("direction");
    const direction = DIRECTIONS.find((d) => d === lower(rawDirection));
    if (!direction) errors.push(at(row.line, x.badDirection(shown(rawDirection))));
    const numberIn = (column: Column, fallback: number | null): number | null => {
      const raw = row.get(column);
      if (raw === "") return fallback;
      const parsed = parseNumber(raw, delimiter, x.column(column), x);
      if (parsed.ok) return parsed.value;
      errors.push(at(row.line, parsed.message));
      return null;
    };
    const target = numberIn("target", null);
    if (row.get("target") === "") errors.push(at(row.line, x.targetRequired));
    const targetMax = numberIn("target_max", null);
    const start = numberIn("start", null);
    const tolerancePct = numberIn("tolerance_pct", DEFAULT_TOLERANCE_PCT);
    if (row.get("from") !== "" || row.get("to") !== "") {
      errors.push(at(row.line, x.fromToOnlyObjectives));
    }

    const existing: Metric | undefined = activeMetrics.find((m) => lower(m.name) === key) ?? latest(ctx.board.metrics.filter((m) => m.archived && lower(m.name) === key));
    const createId = freshId("m", key, metricTaken);
    const metricId = existing ? existing.id : metricIdFor(createId);
    for (const [i, cell] of row.weekCells.entries()) {
      const week = weeks[i];
      if (cell === "" || !week) continue;
      const parsed = parseNumber(cell, delimiter, x.weekValue(week), x);
      if (parsed.ok) pendingValues.push({ line: row.line, metricId, week, value: parsed.value });
      else errors.push(at(row.line, parsed.message));
    }
    // Only a row whose cells all read well goes to the schema, so one mistake is not reported twice.
    if (errors.length > before || !direction || target === null || tolerancePct === null) continue;

    const fields: MetricFields = { kind, objectiveId, name, unit: row.get("unit"), direction: direction satisfies Direction, target, targetMax, start, tolerancePct, owner: owner.ok ? owner.value : null };
    const id = existing ? idFor("em", `${existing.id}|${JSON.stringify(fields)}`) : createId;
    const command = validate(existing ? { id, type: "editMetric", metricId: existing.id, fields } : { id, type: "createMetric", fields }, row.line);
    if (!command) continue;
    if (existing) {
      if (existing.archived) {
        emit({ id: idFor("rm", existing.id), type: "archiveMetric", metricId: existing.id, archived: false });
        restoredMetrics++;
      }
      if (!sameMetric(existing, fields)) emit(command);
      if (existing.archived || !sameMetric(existing, fields)) summary.metricsUpdated++;
    } else {
      emit(command);
      summary.metricsCreated++;
    }
  }

  // Limits the import would obviously break.
  const activeObjectivesAfter = activeObjectives.length + summary.objectivesCreated + restoredObjectives;
  if (activeObjectivesAfter > KPI_LIMITS.activeObjectivesMax) {
    errors.push(at(header.line, x.activeObjectives(activeObjectivesAfter, KPI_LIMITS.activeObjectivesMax)));
  } else if (ctx.board.objectives.length + summary.objectivesCreated > KPI_LIMITS.objectivesMax) {
    errors.push(at(header.line, x.allObjectives(ctx.board.objectives.length + summary.objectivesCreated, KPI_LIMITS.objectivesMax)));
  }
  const activeMetricsAfter = activeMetrics.length + summary.metricsCreated + restoredMetrics;
  if (activeMetricsAfter > KPI_LIMITS.activeMetricsMax) {
    errors.push(at(header.line, x.activeMetrics(activeMetricsAfter, KPI_LIMITS.activeMetricsMax)));
  } else if (ctx.board.metrics.length + summary.metricsCreated > KPI_LIMITS.metricsMax) {
    errors.push(at(header.line, x.allMetrics(ctx.board.metrics.length + summary.metricsCreated, KPI_LIMITS.metricsMax)));
  }
  if (errors.length > 0) return failed();

  // Values last: their metrics exist by then.
  const stored = new Map(ctx.values.map((v) => [`${v.metricId}|${v.week}`, v.value]));
  for (const v of pendingValues) {
    if (stored.get(`${v.metricId}|${v.week}`) === v.value) continue;
    const command = validate({ id: idFor("v", `${v.metricId}|${v.week}|${v.value}`), type: "recordValue", metricId: v.metricId, week: v.week, value: v.value }, v.line, v.week);
    if (!command) continue;
    if (summary.valuesWritten >= CSV_LIMITS.valuesMax) {
      errors.push(at(header.line, x.tooManyValues(CSV_LIMITS.valuesMax)));
      break;
    }
    emit(command);
    summary.valuesWritten++;
  }
  if (errors.length > 0) return failed();
  return { ok: true, plan: { commands, summary } };
}
