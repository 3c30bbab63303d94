/** @module The action store on a real in-process Azurite: retries apply once, refused commands change nothing, the open-action cap holds under concurrency on two instances, series are kept apart, done ones leave the list. */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ActionStore, type ActionScope, type ActionStoreResult } from "../bot/src/storage/action-store.js";
import { startEmbeddedTables, type EmbeddedTables } from "../bot/src/storage/azurite.js";
import { openTables, type Tables } from "../bot/src/storage/tables.js";
import { ActionCommand } from "../shared/src/actions/commands.js";
import type { ActionActor } from "../shared/src/actions/decide.js";
import type { Action } from "../shared/src/actions/model.js";

const TENANT = "00000000-0000-4000-8000-0000000000a1";
const DAY = 86_400_000;
let clock = Date.UTC(2026, 11, 7, 9, 0);

let azurite: EmbeddedTables;
let tables: Tables;
let store: ActionStore;
/** A second instance of the service: its own queue, the same table. */
let other: ActionStore;

beforeAll(async () => {
  azurite = await startEmbeddedTables();
  tables = await openTables(azurite.connectionString);
  store = new ActionStore(tables.actions, { now: () => clock });
  other = new ActionStore(tables.actions, { now: () => clock });
});

afterAll(async () => {
  await azurite?.close();
});

const kari: ActionActor = { person: { userId: "user-kari", name: "Kari" }, isLead: false };
const ola: ActionActor = { person: { userId: "user-ola", name: "Ola" }, isLead: false };
const lead: ActionActor = { person: { userId: "user-lead", name: "Lee Lead" }, isLead: true };
const scopeOf = (seriesId: string): ActionScope => ({ tenantId: TENANT, seriesId, timeZone: "Europe/Oslo", people: [kari.person, ola.person, lead.person] });
const newScope = () => scopeOf(`19:actions-${randomUUID()}@thread.v2`);
const id = () => `cmd-${randomUUID()}`;
const create = (commandId = id(), owners = [kari.person.userId]) =>
  ActionCommand.parse({ id: commandId, type: "createAction", fields: { title: "Ring transportøren", owners, due: "2026-12-10", subtasks: [], source: null } });
const status = (actionId: string, s: string, commandId = id()) => ActionCommand.parse({ id: commandId, type: "setActionStatus", actionId, status: s });

function ok(r: ActionStoreResult): Action {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.action;
}

describe("the action store", () => {
  it("a create sent twice (and to two instances at once) makes one action", async () => {
    const scope = newScope();
    const c = create();
    const [a, b] = await Promise.all([store.execute(scope, c, kari), other.execute(scope, c, kari)]);
    expect(ok(a).id).toBe(ok(b).id);
    expect((await store.list(TENANT, scope.seriesId, "Europe/Oslo")).map((x) => x.id)).toEqual([ok(a).id]);
    expect(await store.openCount(TENANT, scope.seriesId)).toBe(1);
  });

  it("a command resent after later changes is a retry, not applied again", async () => {
    const scope = newScope();
    const a = ok(await store.execute(scope, create(), kari));
    const done = status(a.id, "done");
    expect(ok(await store.execute(scope, done, kari)).status).toBe("done");
    ok(await store.execute(scope, status(a.id, "open"), kari));
    const again = await store.execute(scope, done, kari);
    expect(again).toMatchObject({ ok: true, changed: false });
    expect((await store.get(TENANT, scope.seriesId, a.id))?.status).toBe("open");
    expect((await store.get(TENANT, scope.seriesId, a.id))?.version).toBe(3);
  });

  it("a refused command changes nothing and records nothing", async () => {
    const scope = newScope();
    const a = ok(await store.execute(scope, create(), kari));
    const refused = status(a.id, "done");
    expect(await store.execute(scope, refused, ola)).toMatchObject({ ok: false, error: { code: "notOwner" } });
    expect(await store.get(TENANT, scope.seriesId, a.id)).toEqual(a);
    // The same command id from an owner later is still a fresh command (the refusal recorded nothing).
    expect(ok(await store.execute(scope, refused, kari)).status).toBe("done");
  });

  it("200 concurrent creates on eight instances against a cap of 150 open actions: exactly 150 are stored", async () => {
    const scope = newScope();
    const instances = Array.from({ length: 8 }, () => new ActionStore(tables.actions, { now: () => clock, openMax: 150 }));
    const [a, b] = instances as [ActionStore, ActionStore];
    const results = await Promise.all(Array.from({ length: 200 }, (_, i) => (instances[i % 8] ?? a).execute(scope, create(), kari)));
    expect(results.filter((r) => r.ok)).toHaveLength(150);
    expect(results.filter((r) => !r.ok).map((r) => (r.ok ? "" : r.error.code))).toEqual(Array(50).fill("seriesFull"));
    expect(await a.openCount(TENANT, scope.seriesId)).toBe(150);
    expect(await a.list(TENANT, scope.seriesId, "Europe/Oslo")).toHaveLength(150);
    // Done ones make room again, and the counter follows under concurrency too.
    const stored = results.flatMap((r) => (r.ok ? [r.action] : []));
    await Promise.all(stored.slice(0, 10).map((x, i) => (i % 2 ? a : b).execute(scope, status(x.id, "done"), kari)));
    const more = await Promise.all(Array.from({ length: 15 }, (_, i) => (i % 2 ? a : b).execute(scope, create(), kari)));
    expect(more.filter((r) => r.ok)).toHaveLength(10);
    expect(await a.openCount(TENANT, scope.seriesId)).toBe(150);
  }, 60_000);

  it("series and tenants are kept apart", async () => {
    const one = newScope();
    const two = newScope();
    const a = ok(await store.execute(one, create(), kari));
    expect(await store.execute(two, status(a.id, "done"), lead)).toMatchObject({ ok: false, error: { code: "notFound" } });
    expect(await store.list(TENANT, two.seriesId, "Europe/Oslo")).toEqual([]);
  });

  it("done actions stay in the list four weeks, deleted ones leave it at once", async () => {
    const scope = newScope();
    const a = ok(await store.execute(scope, create(), kari));
    const b = ok(await store.execute(scope, create(), kari));
    ok(await store.execute(scope, status(a.id, "done"), kari));
    ok(await store.execute(scope, ActionCommand.parse({ id: id(), type: "deleteAction", actionId: b.id }), lead));
    expect((await store.list(TENANT, scope.seriesId, "Europe/Oslo")).map((x) => x.id)).toEqual([a.id]);
    expect(await store.openCount(TENANT, scope.seriesId)).toBe(0);
    const saved = clock;
    clock += 40 * DAY;
    try {
      expect(await store.list(TENANT, scope.seriesId, "Europe/Oslo")).toEqual([]);
    } finally {
      clock = saved;
    }
  });

  it("every stored change is announced once; a retry is not", async () => {
    const scope = newScope();
    const seen: string[] = [];
    const off = store.onChange((_t, _s, action) => seen.push(`${action.id}@${action.version}`));
    const c = create();
    const a = ok(await store.execute(scope, c, kari));
    await store.execute(scope, c, kari);
    off();
    expect(seen).toEqual([`${a.id}@1`]);
  });
});
