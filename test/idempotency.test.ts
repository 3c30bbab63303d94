/** @module Acknowledged means applied once: a command id sent again is recognised however many commands came in between (meeting and KPI stores on a real in-process Azurite). */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmbeddedTables, type EmbeddedTables } from "../bot/src/storage/azurite.js";
import { KpiStore } from "../bot/src/storage/kpi-store.js";
import { MeetingStore, type ExecuteResult } from "../bot/src/storage/meeting-store.js";
import { openTables, type Tables } from "../bot/src/storage/tables.js";
import { KpiCommand } from "../shared/src/kpi/commands.js";
import type { KpiActor, KpiResult } from "../shared/src/kpi/decide.js";
import { metricIdFor } from "../shared/src/kpi/model.js";
import { isoWeekAt } from "../shared/src/kpi/week.js";
import { MeetingCommand } from "../shared/src/meeting/commands.js";
import { LIMITS, MINUTE } from "../shared/src/meeting/section.js";
import type { MeetingRef } from "../shared/src/meeting/state.js";
import { command } from "./helpers/service.js";

const TENANT = "00000000-0000-4000-8000-0000000000a1";
/** Far more than any in-entity list of recent ids holds (the meeting's keeps `LIMITS.recentCommandIds`). */
const BETWEEN = 1_000;

let azurite: EmbeddedTables;
let tables: Tables;

beforeAll(async () => {
  azurite = await startEmbeddedTables();
  tables = await openTables(azurite.connectionString);
});

afterAll(async () => {
  await azurite?.close();
});

const cmd = (type: MeetingCommand["type"], extra: Record<string, unknown> = {}): MeetingCommand => MeetingCommand.parse(command(type, extra));

function applied(result: ExecuteResult): { version: number; duplicate: boolean } {
  if (!result.ok) throw new Error(`Refused: ${result.error.code}`);
  return { version: result.commit.version, duplicate: result.duplicate };
}

describe("a meeting command sent again", () => {
  it(`after ${BETWEEN} newer commands is answered as a duplicate and changes nothing`, async () => {
    expect(BETWEEN).toBeGreaterThan(LIMITS.recentCommandIds);
    const store = new MeetingStore(tables.meetings);
    const ref: MeetingRef = { tenantId: TENANT, meetingId: `idem-${randomUUID()}` };
    const start = cmd("startMeeting");
    const extend = cmd("extendTimer", { minutes: 5 });
    expect(applied(await store.execute(ref, start)).version).toBe(1);
    expect(applied(await store.execute(ref, extend))).toEqual({ version: 2, duplicate: false });

    // Each of these changes the meeting (pause, start, pause, …), so each takes a version.
    const started = Date.now();
    for (let i = 0; i < BETWEEN; i++) applied(await store.execute(ref, cmd(i % 2 === 0 ? "pauseTimer" : "startTimer")));
    const elapsed = Date.now() - started;
    const before = await store.get(ref);
    expect(before.version).toBe(2 + BETWEEN);

    // The retry of the extension: not applied again (the section would get 10 minutes), answered with its own version.
    expect(await store.execute(ref, extend)).toMatchObject({ ok: true, duplicate: true, commit: { version: 2, commandId: extend.id, events: [] } });
    // A retry that the meeting as it is now would refuse (it has started) is still a duplicate, not a refusal.
    expect(await store.execute(ref, start)).toMatchObject({ ok: true, duplicate: true, commit: { version: 1 } });

    const after = await store.get(ref);
    expect(after).toEqual(before);
    expect(after.sections.find((s) => s.id === after.currentSectionId)?.extraMs).toBe(5 * MINUTE);
    // Kept fast: the commands in between must not cost extra round trips each.
    expect(elapsed).toBeLessThan(30_000);
  });

  it("is recognised by another instance on the same storage, which has never seen it", async () => {
    const ref: MeetingRef = { tenantId: TENANT, meetingId: `idem-${randomUUID()}` };
    const first = new MeetingStore(tables.meetings);
    await first.execute(ref, cmd("startMeeting"));
    const extend = cmd("extendTimer", { minutes: 5 });
    await first.execute(ref, extend);
    for (let i = 0; i < LIMITS.recentCommandIds + 10; i++) await first.execute(ref, cmd(i % 2 === 0 ? "pauseTimer" : "startTimer"));

    const second = new MeetingStore((await openTables(azurite.connectionString)).meetings);
    const results = (await Promise.all([first, second, second].map((s) => s.execute(ref, extend)))).map(applied);
    expect(results).toEqual([...Array<unknown>(3)].map(() => ({ version: 2, duplicate: true })));
    const state = await second.get(ref);
    expect(state.sections.find((s) => s.id === state.currentSectionId)?.extraMs).toBe(5 * MINUTE);
  });
});

describe("a KPI command sent again", () => {
  const NOW = Date.UTC(2026, 10, 25, 12, 0);
  const WEEK = isoWeekAt(NOW, "Europe/Oslo");
  const lead: KpiActor = { person: { userId: "user-lead", name: "Lise Leder" }, canManage: true };
  const kpiCmd = (c: Record<string, unknown>, id = `cmd-${randomUUID()}`): KpiCommand => KpiCommand.parse({ id, ...c });
  const ok = (result: KpiResult) => {
    if (!result.ok) throw new Error(`Refused: ${result.error.code}`);
    return result;
  };

  it("after many later values of the same week is not applied again (the later value stays)", async () => {
    const store = new KpiStore(tables.kpis, () => NOW);
    const seriesId = `19:idem-${randomUUID()}@thread.v2`;
    const createId = `cmd-${randomUUID()}`;
    const fields = { kind: "kpi", objectiveId: null, name: "Leveringspresisjon", unit: "%", direction: "higher", target: 95, targetMax: null, start: null, tolerancePct: 10, owner: lead.person };
    ok(await store.execute(TENANT, seriesId, kpiCmd({ type: "createMetric", fields }, createId), lead));
    const metricId = metricIdFor(createId);
    const first = kpiCmd({ type: "recordValue", metricId, week: WEEK, value: 90 });
    ok(await store.execute(TENANT, seriesId, first, lead));
    for (let i = 0; i < 100; i++) ok(await store.execute(TENANT, seriesId, kpiCmd({ type: "recordValue", metricId, week: WEEK, value: 91 + (i % 2) }), lead));

    const retry = ok(await store.execute(TENANT, seriesId, first, lead));
    expect(retry.changed).toBe(false);
    expect((await store.values(TENANT, seriesId, WEEK, WEEK))[0]?.value).toBe(92);

    // The same for a definition: an edit sent again after many others does not undo them.
    const rename = kpiCmd({ type: "editMetric", metricId, fields: { ...fields, name: "Presisjon" } });
    ok(await store.execute(TENANT, seriesId, rename, lead));
    for (let i = 0; i < 40; i++) ok(await store.execute(TENANT, seriesId, kpiCmd({ type: "editMetric", metricId, fields: { ...fields, name: `Presisjon ${i}` } }), lead));
    expect(ok(await store.execute(TENANT, seriesId, rename, lead)).changed).toBe(false);
    const { board } = await store.loadBoard(TENANT, seriesId);
    expect(board.metrics.map((m) => m.name)).toEqual(["Presisjon 39"]);
  });
});
