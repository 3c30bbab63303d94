/** @module The meeting store on a real in-process Azurite: concurrent writers never lose an update, a retried command applies once, refused commands change nothing, meetings are kept apart by tenant and survive a new store. */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmbeddedTables, type EmbeddedTables } from "../bot/src/storage/azurite.js";
import { MeetingStore, type ExecuteResult } from "../bot/src/storage/meeting-store.js";
import type { TableClient } from "@azure/data-tables";
import { openTables, type Tables } from "../bot/src/storage/tables.js";
import { MeetingCommand } from "../shared/src/meeting/commands.js";
import { MINUTE } from "../shared/src/meeting/section.js";
import type { MeetingRef } from "../shared/src/meeting/state.js";
import { command } from "./helpers/service.js";

const TENANT_A = "00000000-0000-4000-8000-0000000000a1";
const TENANT_B = "00000000-0000-4000-8000-0000000000b2";

let azurite: EmbeddedTables;
let tables: Tables;
let store: MeetingStore;

beforeAll(async () => {
  azurite = await startEmbeddedTables();
  tables = await openTables(azurite.connectionString);
  store = new MeetingStore(tables.meetings);
});

afterAll(async () => {
  await azurite?.close();
});

/** A meeting of its own for each test. */
const meeting = (tenantId = TENANT_A): MeetingRef => ({ tenantId, meetingId: `store-${randomUUID()}` });

/** The harness's command builder, checked against the wire schema so the store gets what the API would pass it. */
const cmd = (type: MeetingCommand["type"], extra: Record<string, unknown> = {}): MeetingCommand => MeetingCommand.parse(command(type, extra));

function applied(result: ExecuteResult): { version: number; duplicate: boolean } {
  if (!result.ok) throw new Error(`Refused: ${result.error.code}`);
  return { version: result.commit.version, duplicate: result.duplicate };
}

describe("the meeting store", () => {
  it("creates a meeting on first read: version 0, not started, the default agenda", async () => {
    const ref = meeting();
    const state = await store.get(ref);
    expect(state).toMatchObject({ ...ref, version: 0, phase: "notStarted", templateId: "teamWeekly60", currentSectionId: null });
    expect(state.sections.map((s) => s.id)).toEqual(["goodNews", "kpis", "salesFunnel", "sir", "actions", "priorities"]);
  });

  it("20 clients extending the timer at once: every +1 is applied exactly once, none lost", async () => {
    const ref = meeting();
    expect(applied(await store.execute(ref, cmd("startMeeting"))).version).toBe(1);

    const results = (await Promise.all(Array.from({ length: 20 }, () => store.execute(ref, cmd("extendTimer", { minutes: 1 }))))).map(applied);
    expect(results.map((r) => r.version).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 2));
    expect(results.every((r) => !r.duplicate)).toBe(true);

    const state = await store.get(ref);
    expect(state.version).toBe(21);
    expect(state.sections.find((s) => s.id === state.currentSectionId)?.extraMs).toBe(20 * MINUTE);
  });

  it("50 clients at once on two service instances: every +1 is applied exactly once, none lost", async () => {
    const ref = meeting();
    const other = new MeetingStore(tables.meetings); // a second instance on the same storage: only ETags keep them apart
    await store.execute(ref, cmd("startMeeting"));

    const writes = Array.from({ length: 50 }, (_, i) => (i % 2 === 0 ? store : other).execute(ref, cmd("extendTimer", { minutes: 1 })));
    const results = (await Promise.all(writes)).map(applied);
    expect(results.map((r) => r.version).sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 2));

    const state = await store.get(ref);
    expect(state.version).toBe(51);
    expect(state.sections.find((s) => s.id === state.currentSectionId)?.extraMs).toBe(50 * MINUTE);
  });

  it("the same command sent 10 times at once is applied once; the others are reported as duplicates", async () => {
    const ref = meeting();
    await store.execute(ref, cmd("startMeeting"));
    const extend = cmd("extendTimer", { minutes: 5 });
    const results = (await Promise.all(Array.from({ length: 10 }, () => store.execute(ref, extend)))).map(applied);
    expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
    expect(results.filter((r) => r.duplicate)).toHaveLength(9);
    expect(new Set(results.map((r) => r.version))).toEqual(new Set([2]));

    const state = await store.get(ref);
    expect(state.version).toBe(2);
    expect(state.sections.find((s) => s.id === "goodNews")?.extraMs).toBe(5 * MINUTE);
  });

  it("a refused command changes nothing and says why", async () => {
    const ref = meeting();
    await store.execute(ref, cmd("startMeeting"));
    for (let i = 0; i < 4; i++) expect((await store.execute(ref, cmd("extendTimer", { minutes: 30 }))).ok).toBe(true);
    const before = await store.get(ref);
    expect(before.sections.find((s) => s.id === "goodNews")?.extraMs).toBe(120 * MINUTE);

    expect(await store.execute(ref, cmd("startMeeting"))).toMatchObject({ ok: false, error: { code: "meetingAlreadyStarted" } });
    expect(await store.execute(ref, cmd("extendTimer", { minutes: 1 }))).toMatchObject({ ok: false, error: { code: "extensionTooLong", message: expect.stringMatching(/at most 120 minutes/) } });
    expect(await store.get(ref)).toEqual(before);
  });

  it("a command refused before the meeting starts leaves the stored meeting as it was", async () => {
    const ref = meeting();
    const before = await store.get(ref);
    const result = await store.execute(ref, cmd("nextSection"));
    expect(result).toMatchObject({ ok: false, error: { code: "meetingNotStarted" } });
    expect(await store.get(ref)).toEqual(before);
  });

  it("two meetings with the same id in different tenants are separate", async () => {
    const meetingId = `shared-${randomUUID()}`;
    const a: MeetingRef = { tenantId: TENANT_A, meetingId };
    const b: MeetingRef = { tenantId: TENANT_B, meetingId };
    await store.execute(a, cmd("startMeeting"));
    await store.execute(a, cmd("nextSection"));

    expect(await store.get(b)).toMatchObject({ tenantId: TENANT_B, version: 0, phase: "notStarted" });
    expect(await store.get(a)).toMatchObject({ tenantId: TENANT_A, version: 2, phase: "running", currentSectionId: "kpis" });
  });

  it("state and seen command ids survive a new store instance over a new connection", async () => {
    const ref = meeting();
    const start = cmd("startMeeting");
    await store.execute(ref, start);
    await store.execute(ref, cmd("extendTimer", { minutes: 5 }));

    const reopened = new MeetingStore((await openTables(azurite.connectionString)).meetings);
    expect(await reopened.get(ref)).toEqual(await store.get(ref));
    const retry = await reopened.execute(ref, start);
    expect(retry).toMatchObject({ ok: true, duplicate: true, commit: { version: 1 } });
    expect((await reopened.get(ref)).version).toBe(2);
  });

  it("after its own write a command costs one request, the transaction; another instance's write in between is still built on", async () => {
    const calls: string[] = [];
    // The real client, with every call to it noted.
    const counted = new Proxy(tables.meetings, {
      get(target, name, receiver) {
        const value: unknown = Reflect.get(target, name, receiver);
        if (typeof value !== "function") return value;
        return (...args: unknown[]) => {
          calls.push(String(name));
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    }) as TableClient;
    const here = new MeetingStore(counted);
    const other = new MeetingStore(tables.meetings);
    const ref = meeting();
    await here.execute(ref, cmd("startMeeting"));
    calls.length = 0;
    for (let i = 0; i < 5; i++) applied(await here.execute(ref, cmd("extendTimer", { minutes: 1 })));
    expect(calls).toEqual(Array.from({ length: 5 }, () => "submitTransaction"));

    // Another instance writes: this one's guess is old, its write is refused by the ETag, it reads and applies on top.
    applied(await other.execute(ref, cmd("extendTimer", { minutes: 10 })));
    expect(applied(await here.execute(ref, cmd("extendTimer", { minutes: 1 }))).version).toBe(8);
    expect((await store.get(ref)).sections.find((s) => s.id === "goodNews")?.extraMs).toBe(16 * MINUTE);
  });

  it("what this instance's old guess would refuse or not know is decided on the stored meeting", async () => {
    const ref = meeting();
    const here = new MeetingStore(tables.meetings);
    const other = new MeetingStore(tables.meetings);
    expect((await here.get(ref)).phase).toBe("notStarted");
    const start = cmd("startMeeting");
    applied(await other.execute(ref, start));
    // Refused by the old guess (not started), allowed by the stored meeting.
    expect(applied(await here.execute(ref, cmd("nextSection")))).toEqual({ version: 2, duplicate: false });
    // Applied by the other instance only, after this one's last look: a duplicate here too, with the version it made.
    const extend = cmd("extendTimer", { minutes: 1 });
    applied(await other.execute(ref, extend));
    expect(applied(await here.execute(ref, extend))).toEqual({ version: 3, duplicate: true });
    expect(applied(await here.execute(ref, start))).toEqual({ version: 1, duplicate: true });
    expect((await store.get(ref)).version).toBe(3);
  });
});
