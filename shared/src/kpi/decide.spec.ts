import { describe, expect, it } from "vitest";
import { KpiCommand } from "./commands.js";
import { decideKpi, type KpiActor, type KpiResult } from "./decide.js";
import { KPI_LIMITS, type MetricFields } from "./model.js";
import { board, KARI, LEAD, metric, objective, weeklyValue } from "./test-builders.js";

// Wednesday 2025-01-15 12:00 UTC: 2025-W03 in Oslo.
const NOW = Date.UTC(2025, 0, 15, 12, 0);
const lead: KpiActor = { person: LEAD, canManage: true };
const kari: KpiActor = { person: KARI, canManage: false };
const ola: KpiActor = { person: { userId: "ola-0000", name: "Ola" }, canManage: false };

/** Parses like the API does, so every test command passes the wire schema first. */
const command = (c: Record<string, unknown>): KpiCommand => KpiCommand.parse({ id: "cmd-12345678", ...c });
const fields = (o: Partial<MetricFields> = {}): MetricFields => ({
  kind: "kpi", objectiveId: null, name: "Svartid support", unit: "t", direction: "lower", target: 4, targetMax: null, start: null, tolerancePct: 10, owner: KARI, ...o,
});
const err = (r: KpiResult) => (r.ok ? null : r.error.code);

describe("decideKpi: setting up the board", () => {
  it("lets the lead create a KPI whose id comes from the command id, and a retry finds it", () => {
    const r = decideKpi(board(), null, command({ type: "createMetric", fields: fields() }), lead, { now: NOW });
    expect(r.ok && r.changed && r.change.kind === "metric" && r.change.metric.id).toBe("kpi-cmd-12345678");
    const stored = r.ok && r.change.kind === "metric" ? r.change.metric : null;
    const again = decideKpi(board({ metrics: [metric(), stored!] }), null, command({ type: "createMetric", fields: fields() }), lead, { now: NOW });
    expect(again.ok && again.changed).toBe(false);
  });

  it("refuses an attendee setting up the board", () => {
    expect(err(decideKpi(board(), null, command({ type: "createMetric", fields: fields() }), kari, { now: NOW }))).toBe("forbidden");
    expect(err(decideKpi(board(), null, command({ type: "archiveMetric", metricId: metric().id, archived: true }), kari, { now: NOW }))).toBe("forbidden");
  });

  it("refuses a key result for an unknown or archived objective, and a second active number with the same name", () => {
    const kr = fields({ kind: "keyResult", objectiveId: "obj-unknown-1", direction: "higher", target: 50, start: 30 });
    expect(err(decideKpi(board(), null, command({ type: "createMetric", fields: kr }), lead, { now: NOW }))).toBe("invalid");
    const archived = board({ objectives: [objective({ archived: true })] });
    expect(err(decideKpi(archived, null, command({ type: "createMetric", fields: { ...kr, objectiveId: objective().id } }), lead, { now: NOW }))).toBe("archived");
    expect(err(decideKpi(board(), null, command({ type: "createMetric", fields: fields({ name: "leveringspresisjon" }) }), lead, { now: NOW }))).toBe("invalid");
  });

  it("limits active numbers and keeps archived ones with their history", () => {
    const full = board({ metrics: Array.from({ length: KPI_LIMITS.activeMetricsMax }, (_, i) => metric({ id: `kpi-m${String(i).padStart(8, "0")}`, name: `K${i}` })) });
    expect(err(decideKpi(full, null, command({ type: "createMetric", fields: fields() }), lead, { now: NOW }))).toBe("tooMany");
    const r = decideKpi(board(), null, command({ type: "archiveMetric", metricId: metric().id, archived: true }), lead, { now: NOW });
    expect(r.ok && r.change.kind === "metric" && r.change.metric).toMatchObject({ archived: true, version: 2, name: "Leveringspresisjon" });
  });

  it("limits active objectives and edits one without touching its id", () => {
    const six = board({ objectives: Array.from({ length: KPI_LIMITS.activeObjectivesMax }, (_, i) => objective({ id: `obj-o${String(i).padStart(8, "0")}` })) });
    const create = command({ type: "createObjective", fields: { title: "Ny", from: "2025-W01", to: "2025-W13", owner: null } });
    expect(err(decideKpi(six, null, create, lead, { now: NOW }))).toBe("tooMany");
    const edit = decideKpi(board(), null, command({ type: "editObjective", objectiveId: objective().id, fields: { title: "Lojale kunder", from: "2025-W01", to: "2025-W13", owner: LEAD } }), lead, { now: NOW });
    expect(edit.ok && edit.change.kind === "objective" && edit.change.objective).toMatchObject({ id: objective().id, title: "Lojale kunder", version: 2 });
  });
});

describe("decideKpi: keeping the board whole", () => {
  it("refuses to archive an objective while it has active key results, and allows it once they are archived", () => {
    const kr = metric({ id: "kpi-kr-00000001", kind: "keyResult", objectiveId: objective().id, name: "NPS" });
    const archive = command({ type: "archiveObjective", objectiveId: objective().id, archived: true });
    expect(err(decideKpi(board({ metrics: [kr] }), null, archive, lead, { now: NOW }))).toBe("hasKeyResults");
    expect(decideKpi(board({ metrics: [{ ...kr, archived: true }] }), null, archive, lead, { now: NOW }).ok).toBe(true);
  });

  it("does not take a create's id for a different number (a retry is the same name)", () => {
    const taken = board({ metrics: [metric({ id: "kpi-cmd-12345678", name: "Noe annet" })] });
    expect(err(decideKpi(taken, null, command({ type: "createMetric", fields: fields() }), lead, { now: NOW }))).toBe("invalid");
  });
});

describe("decideKpi: weekly values", () => {
  const record = (value: number, week = "2025-W03") => command({ type: "recordValue", metricId: metric().id, week, value });

  it("lets the owner and the lead record a value, nobody else", () => {
    const mine = decideKpi(board(), null, record(96), kari, { now: NOW });
    expect(mine.ok && mine.change.kind === "value" && mine.change.value).toMatchObject({ value: 96, week: "2025-W03", by: KARI, version: 1 });
    expect(decideKpi(board(), null, record(96), lead, { now: NOW }).ok).toBe(true);
    expect(err(decideKpi(board(), null, record(96), ola, { now: NOW }))).toBe("notOwner");
  });

  it("refuses a week that has not started for the team, an unknown KPI and an archived one", () => {
    expect(err(decideKpi(board(), null, record(96, "2025-W04"), kari, { now: NOW }))).toBe("futureWeek");
    expect(err(decideKpi(board(), null, command({ type: "recordValue", metricId: "kpi-nothere-1", week: "2025-W03", value: 1 }), lead, { now: NOW }))).toBe("notFound");
    expect(err(decideKpi(board({ metrics: [metric({ archived: true })] }), null, record(96), kari, { now: NOW }))).toBe("archived");
    // Five years back is as far as a board goes.
    expect(err(decideKpi(board(), null, record(96, "2020-W03"), kari, { now: NOW }))).toBe("invalid");
    expect(decideKpi(board(), null, record(96, "2020-W05"), kari, { now: NOW }).ok).toBe(true);
  });

  it("treats the same value again as no change, and a new value as a new judgement (override cleared)", () => {
    const stored = weeklyValue({ week: "2025-W03", value: 80, override: { status: "onTrack", comment: "Sesong" }, version: 2 });
    const same = decideKpi(board(), stored, record(80), kari, { now: NOW });
    expect(same.ok && same.changed).toBe(false);
    const next = decideKpi(board(), stored, record(85), kari, { now: NOW });
    expect(next.ok && next.change.kind === "value" && next.change.value).toMatchObject({ value: 85, override: null, version: 3 });
  });

  it("lets the owner override the status with a comment, only once a value exists", () => {
    const override = command({ type: "overrideStatus", metricId: metric().id, week: "2025-W03", override: { status: "atRisk", comment: "Ny kunde i oppstart" } });
    expect(err(decideKpi(board(), null, override, kari, { now: NOW }))).toBe("invalid");
    const r = decideKpi(board(), weeklyValue({ week: "2025-W03" }), override, kari, { now: NOW });
    expect(r.ok && r.change.kind === "value" && r.change.value.override).toEqual({ status: "atRisk", comment: "Ny kunde i oppstart" });
  });
});

describe("KPI commands on the wire", () => {
  it("refuses numbers that are not finite or absurdly large, and ranges without a sane upper bound", () => {
    const bad = [Number.NaN, Number.POSITIVE_INFINITY, 1e13, "12"];
    for (const value of bad) expect(KpiCommand.safeParse({ id: "cmd-12345678", type: "recordValue", metricId: metric().id, week: "2025-W03", value }).success).toBe(false);
    expect(KpiCommand.safeParse({ id: "cmd-12345678", type: "createMetric", fields: fields({ direction: "range", target: 10, targetMax: 5 }) }).success).toBe(false);
    expect(KpiCommand.safeParse({ id: "cmd-12345678", type: "createMetric", fields: fields({ kind: "keyResult" }) }).success).toBe(false);
    expect(KpiCommand.safeParse({ id: "cmd-12345678", type: "recordValue", metricId: metric().id, week: "2025-W53", value: 1 }).success).toBe(false);
    expect(KpiCommand.safeParse({ id: "cmd-12345678", type: "setTimeZone", timeZone: "Nowhere/City" }).success).toBe(false);
  });
});
