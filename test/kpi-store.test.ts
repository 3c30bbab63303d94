/** @module The KPI store on a real in-process Azurite: roles and ownership enforced, two instances lose no value, history of years stays small per entity and the board's weeks are one bounded read. */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmbeddedTables, type EmbeddedTables } from "../bot/src/storage/azurite.js";
import { kpiDefinitionsPartition, kpiValuesPartition, KpiStore, type KpiStoreEvent, type RecordValueCommand } from "../bot/src/storage/kpi-store.js";
import { openTables, type Tables } from "../bot/src/storage/tables.js";
import { KpiCommand } from "../shared/src/kpi/commands.js";
import type { KpiActor, KpiResult } from "../shared/src/kpi/decide.js";
import { KPI_LIMITS, metricIdFor, objectiveIdFor, type Metric, type MetricFields } from "../shared/src/kpi/model.js";
import { isoWeekAt, weeksEndingWith } from "../shared/src/kpi/week.js";

const TENANT = "00000000-0000-4000-8000-0000000000a1";
// Wednesday 2026-11-25 12:00 UTC: 2026-W48 in Oslo.
const NOW = Date.UTC(2026, 10, 25, 12, 0);
const WEEK = isoWeekAt(NOW, "Europe/Oslo");

let azurite: EmbeddedTables;
let tables: Tables;
let store: KpiStore;
let other: KpiStore;

beforeAll(async () => {
  azurite = await startEmbeddedTables();
  tables = await openTables(azurite.connectionString);
  store = new KpiStore(tables.kpis, () => NOW);
  other = new KpiStore(tables.kpis, () => NOW);
});

afterAll(async () => {
  await azurite?.close();
});

const lead: KpiActor = { person: { userId: "user-lead", name: "Lise Leder" }, canManage: true };
const kari: KpiActor = { person: { userId: "user-kari", name: "Kari Nordmann" }, canManage: false };
const ola: KpiActor = { person: { userId: "user-ola", name: "Ola Nordmann" }, canManage: false };

const cid = () => `cmd-${randomUUID()}`;
const series = () => `19:kpi-${randomUUID()}@thread.v2`;
const cmd = (c: Record<string, unknown>, id = cid()): KpiCommand => KpiCommand.parse({ id, ...c });
const kpi = (o: Partial<MetricFields> = {}): MetricFields => ({
  kind: "kpi", objectiveId: null, name: "Leveringspresisjon", unit: "%", direction: "higher", target: 95, targetMax: null, start: null, tolerancePct: 10, owner: kari.person, ...o,
});

function ok(result: KpiResult) {
  if (!result.ok) throw new Error(`Refused: ${result.error.code} ${result.error.message}`);
  return result;
}

async function createKpiBy(via: KpiStore, seriesId: string, fields: MetricFields): Promise<void> {
  ok(await via.execute(TENANT, seriesId, cmd({ type: "createMetric", fields }), lead));
}

async function createKpi(seriesId: string, fields: MetricFields = kpi()): Promise<Metric> {
  const id = cid();
  ok(await store.execute(TENANT, seriesId, cmd({ type: "createMetric", fields }, id), lead));
  const { board } = await store.loadBoard(TENANT, seriesId);
  const metric = board.metrics.find((m) => m.id === metricIdFor(id));
  if (!metric) throw new Error("not created");
  return metric;
}

describe("KpiStore", () => {
  it("stores a quarter's objective, key result and KPI, and the owner's weekly value", async () => {
    const s = series();
    const objId = cid();
    ok(await store.execute(TENANT, s, cmd({ type: "createObjective", fields: { title: "Fornøyde kunder", from: "2026-W40", to: "2026-W52", owner: lead.person } }, objId), lead));
    const kr = await createKpi(s, kpi({ kind: "keyResult", objectiveId: objectiveIdFor(objId), name: "NPS", unit: "", target: 50, start: 30 }));
    const m = await createKpi(s);
    ok(await store.execute(TENANT, s, cmd({ type: "recordValue", metricId: m.id, week: WEEK, value: 96.5 }), kari));
    const { board } = await store.loadBoard(TENANT, s);
    expect(board.objectives.map((o) => o.title)).toEqual(["Fornøyde kunder"]);
    expect(board.metrics.map((x) => [x.name, x.kind]).sort()).toEqual([["Leveringspresisjon", "kpi"], ["NPS", "keyResult"]]);
    expect(kr.objectiveId).toBe(objectiveIdFor(objId));
    const { currentWeek, values } = await store.recentValues(TENANT, s, board, 13);
    expect(currentWeek).toBe(WEEK);
    expect(values).toMatchObject([{ metricId: m.id, week: WEEK, value: 96.5, by: kari.person }]);
  });

  it("refuses another attendee's value and changes nothing", async () => {
    const s = series();
    const m = await createKpi(s);
    const r = await store.execute(TENANT, s, cmd({ type: "recordValue", metricId: m.id, week: WEEK, value: 1 }), ola);
    expect(r.ok ? null : r.error.code).toBe("notOwner");
    expect(await store.values(TENANT, s, WEEK, WEEK)).toEqual([]);
  });

  it("keeps boards of different series apart", async () => {
    const a = series();
    const m = await createKpi(a);
    const r = await store.execute(TENANT, series(), cmd({ type: "recordValue", metricId: m.id, week: WEEK, value: 1 }), lead);
    expect(r.ok ? null : r.error.code).toBe("notFound");
  });

  it("loses no value when two instances write the same board at once, and tells listeners about each", async () => {
    const s = series();
    const metrics = await Promise.all(["A", "B", "C", "D"].map((name) => createKpi(s, kpi({ name }))));
    const seen: KpiStoreEvent[] = [];
    const off = other.onChange((_t, _s, e) => seen.push(e));
    const weeks = weeksEndingWith(WEEK, 5);
    await Promise.all(
      metrics.flatMap((m, i) => weeks.map((week, j) => (j % 2 === 0 ? store : other).execute(TENANT, s, cmd({ type: "recordValue", metricId: m.id, week, value: i * 10 + j }), lead).then(ok))),
    );
    off();
    const values = await store.values(TENANT, s, weeks[0] ?? WEEK, WEEK);
    expect(values).toHaveLength(20);
    expect(values.find((v) => v.metricId === metrics[2]?.id && v.week === weeks[3])?.value).toBe(23);
    // The second instance wrote weeks 2 and 4 of each KPI.
    expect(seen.filter((e) => e.type === "change")).toHaveLength(8);
  });

  it("keeps board-wide rules across instances: two leads taking the last free place at once, one wins", async () => {
    const s = series();
    for (let i = 0; i < KPI_LIMITS.activeMetricsMax - 1; i++) await createKpiBy(store, s, kpi({ name: `K${i}` }));
    const results = await Promise.all([store, other].map((st, i) => st.execute(TENANT, s, cmd({ type: "createMetric", fields: kpi({ name: `Last ${i}` }) }), lead)));
    expect(results.filter((r) => r.ok).length).toBe(1);
    expect(results.find((r) => !r.ok)?.ok === false && results.find((r) => !r.ok)).toMatchObject({ error: { code: "tooMany" } });
    const { board } = await store.loadBoard(TENANT, s);
    expect(board.metrics.filter((m) => !m.archived)).toHaveLength(KPI_LIMITS.activeMetricsMax);
    // Two leads naming a new number the same at once: one of them is told the name is taken.
    const t = series();
    const same = await Promise.all([store, other].map((st) => st.execute(TENANT, t, cmd({ type: "createMetric", fields: kpi({ name: "Omsetning" }) }), lead)));
    expect(same.map((r) => (r.ok ? "ok" : r.error.code)).sort()).toEqual(["invalid", "ok"]);
  });

  it("applies a retried command once, even after a later change", async () => {
    const s = series();
    const m = await createKpi(s);
    const first = cmd({ type: "recordValue", metricId: m.id, week: WEEK, value: 90 });
    ok(await store.execute(TENANT, s, first, kari));
    ok(await store.execute(TENANT, s, cmd({ type: "recordValue", metricId: m.id, week: WEEK, value: 97 }), kari));
    const retry = ok(await store.execute(TENANT, s, first, kari));
    expect(retry.changed).toBe(false);
    expect((await store.values(TENANT, s, WEEK, WEEK))[0]?.value).toBe(97);
  });

  it("holds 150 weeks of 30 KPIs in small entities and reads the board's 13 weeks in one range", async () => {
    const s = series();
    const metrics: Metric[] = [];
    for (let i = 0; i < 30; i++) metrics.push(await createKpi(s, kpi({ name: `KPI ${i + 1}` })));
    const weeks = weeksEndingWith(WEEK, 150);
    const commands: RecordValueCommand[] = metrics.flatMap((m, i) =>
      weeks.map((week, j) => cmd({ type: "recordValue", metricId: m.id, week, value: 1000 * i + j + 0.25 }) as RecordValueCommand),
    );
    const bulk = await store.recordValues(TENANT, s, commands, lead);
    expect(bulk).toEqual({ ok: true, written: 4500 });

    const { board } = await store.loadBoard(TENANT, s);
    const { values } = await store.recentValues(TENANT, s, board, 13);
    expect(values).toHaveLength(13 * 30);
    expect(new Set(values.map((v) => v.week))).toEqual(new Set(weeks.slice(-13)));
    expect(values.find((v) => v.metricId === metrics[7]?.id && v.week === WEEK)?.value).toBe(7149.25);
    expect(await store.values(TENANT, s, weeks[0] ?? WEEK, WEEK)).toHaveLength(4500);

    // No entity comes near the 1 MiB entity or 64 KiB property limits: years of history are many tiny rows.
    let largest = 0;
    for (const pk of [kpiDefinitionsPartition(TENANT, s), kpiValuesPartition(TENANT, s)]) {
      // Command rows (one per applied command, see kpi-store.ts) carry no JSON.
      for await (const e of tables.kpis.listEntities<{ json?: string }>({ queryOptions: { filter: `PartitionKey eq '${pk}'` } })) largest = Math.max(largest, e.json?.length ?? 0);
    }
    expect(largest).toBeGreaterThan(0);
    expect(largest).toBeLessThan(2_000);
  });

  it("writes nothing of a bulk write if one value is not allowed", async () => {
    const s = series();
    const m = await createKpi(s);
    const good = cmd({ type: "recordValue", metricId: m.id, week: WEEK, value: 1 }) as RecordValueCommand;
    const unknown = cmd({ type: "recordValue", metricId: "kpi-nothere-123", week: WEEK, value: 2 }) as RecordValueCommand;
    const r = await store.recordValues(TENANT, s, [good, unknown], lead);
    expect(r.ok ? null : r.errors.map((e) => [e.index, e.error.code])).toEqual([[1, "notFound"]]);
    expect(await store.values(TENANT, s, WEEK, WEEK)).toEqual([]);
  });

  it("remembers the people who open the board, once each, with their latest name", async () => {
    const s = series();
    await store.rememberPerson(TENANT, s, kari.person);
    await other.rememberPerson(TENANT, s, ola.person);
    await store.rememberPerson(TENANT, s, { userId: kari.person.userId, name: "Kari N. Hansen" });
    const { people } = await store.loadBoard(TENANT, s);
    expect(people).toEqual([ola.person, { userId: kari.person.userId, name: "Kari N. Hansen" }]);
  });
});
