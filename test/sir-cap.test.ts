/** @module The SIR store's series cap and command ids on a real in-process Azurite, with two service instances on one table: the cap holds under a race, old series are counted, a retry is recognised however late. */
import { randomUUID } from "node:crypto";
import type { TableTransaction } from "@azure/data-tables";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmbeddedTables, type EmbeddedTables } from "../bot/src/storage/azurite.js";
import { sirPartition, SirStore, type SirStoreResult } from "../bot/src/storage/sir-store.js";
import { openTables, type Tables } from "../bot/src/storage/tables.js";
import { SirCommand } from "../shared/src/sir/commands.js";
import type { SirActor } from "../shared/src/sir/decide.js";
import { SIR_LIMITS, type SirFields, type SirItem } from "../shared/src/sir/item.js";

const TENANT = "00000000-0000-4000-8000-0000000000c3";
const CAP = SIR_LIMITS.itemsPerSeries;
const FULL = { code: "seriesFull", message: `The series already holds ${CAP} SIR items.` };

let azurite: EmbeddedTables;
let tables: Tables;
let store: SirStore;
/** A second instance of the service: its own queue, the same table. */
let other: SirStore;

beforeAll(async () => {
  azurite = await startEmbeddedTables();
  tables = await openTables(azurite.connectionString);
  store = new SirStore(tables.sir);
  other = new SirStore(tables.sir);
});

afterAll(async () => {
  await azurite?.close();
});

const author: SirActor = { person: { userId: "user-author", name: "Ada Author" }, canHandle: false };
const lead: SirActor = { person: { userId: "user-lead", name: "Lea Lead" }, canHandle: true };
/** A different author per index, so the series cap is reached before anyone's own quota. */
const authorNo = (i: number): SirActor => ({ person: { userId: `user-${i % 40}`, name: `User ${i % 40}` }, canHandle: false });
const QUOTA = SIR_LIMITS.openItemsPerAuthor;
const AUTHOR_FULL = { code: "authorFull", message: `You already have ${QUOTA} open SIR items in this series. Finish or withdraw one first.` };

const fields = (extra: Partial<SirFields> = {}): SirFields => ({
  kind: "issue",
  title: "Churn is up",
  problem: "Two key accounts left.",
  proposals: ["Call them", "Discount"],
  recommendation: "Call them",
  concerns: "",
  meetingId: null,
  forDate: null,
  ...extra,
});

const id = () => `cmd-${randomUUID()}`;
const series = () => `19:cap-${randomUUID()}@thread.v2`;
const create = () => SirCommand.parse({ id: id(), type: "createSir", fields: fields() });
const withdraw = (itemId: string) => SirCommand.parse({ id: id(), type: "withdrawSir", itemId });
const del = (itemId: string) => SirCommand.parse({ id: id(), type: "deleteSir", itemId });
const edit = (itemId: string, extra: Partial<SirFields>, commandId = id()) => SirCommand.parse({ id: commandId, type: "editSir", itemId, fields: fields(extra) });
/** Instance by turn, so every race runs through both. */
const instance = (i: number) => (i % 2 === 0 ? store : other);

function ok(result: SirStoreResult): { item: SirItem; changed: boolean } {
  if (!result.ok) throw new Error(`Refused: ${result.error.code} ${result.error.message}`);
  return result;
}

/** Writes `count` items straight into the partition the way the store did before it kept a counter row. */
async function writeOldSeries(seriesId: string, count: number): Promise<void> {
  const pk = sirPartition(TENANT, seriesId);
  const template = ok(await store.execute(TENANT, series(), create(), author)).item;
  for (let start = 0; start < count; start += 100) {
    const batch: TableTransaction["actions"] = Array.from({ length: Math.min(100, count - start) }, (_, i) => {
      const item: SirItem = { ...template, seriesId, id: `sir-old-item-${String(start + i).padStart(4, "0")}`, createdAt: template.createdAt + start + i };
      return ["create", { partitionKey: pk, rowKey: item.id, version: 1, status: "open", item: JSON.stringify(item), recent: "[]" }];
    });
    await tables.sir.submitTransaction(batch);
  }
}

describe("the SIR series cap", () => {
  it(`600 creates at once through two instances store exactly ${CAP}; the rest are refused as full`, async () => {
    const s = series();
    const results = await Promise.all(Array.from({ length: 600 }, (_, i) => instance(i).execute(TENANT, s, create(), authorNo(i))));
    const acknowledged = results.flatMap((r) => (r.ok ? [r.item.id] : []));
    const refused = results.flatMap((r) => (r.ok ? [] : [r.error]));
    expect(acknowledged).toHaveLength(CAP);
    expect(refused).toHaveLength(600 - CAP);
    for (const error of refused) expect(error).toEqual(FULL);
    const listed = (await store.list(TENANT, s)).map((item) => item.id);
    expect(listed).toHaveLength(CAP);
    expect(new Set(listed)).toEqual(new Set(acknowledged));
  }, 90_000);

  it("a series stored before the counter existed is counted: one more fits, then it is full", async () => {
    const s = series();
    await writeOldSeries(s, CAP - 2);
    const results = await Promise.all(Array.from({ length: 5 }, (_, i) => instance(i).execute(TENANT, s, create(), authorNo(i))));
    expect(results.filter((r) => r.ok)).toHaveLength(2);
    for (const r of results.filter((r) => !r.ok)) expect(r).toEqual({ ok: false, error: FULL });
    expect(await store.list(TENANT, s)).toHaveLength(CAP);
    expect(await other.execute(TENANT, s, create(), author)).toEqual({ ok: false, error: FULL });
  });

  it("an old series' items are still listed and edited as before", async () => {
    const s = series();
    await writeOldSeries(s, 3);
    const listed = await store.list(TENANT, s);
    expect(listed.map((item) => item.id)).toEqual(["sir-old-item-0000", "sir-old-item-0001", "sir-old-item-0002"]);
    expect(ok(await store.execute(TENANT, s, edit("sir-old-item-0001", { title: "Edited" }), author)).item).toMatchObject({ version: 2, title: "Edited" });
    expect(await store.list(TENANT, s)).toHaveLength(3);
  });
});

describe("a series cannot be filled by one attendee", () => {
  it(`one author gets at most ${QUOTA} open items in a series, however many instances create at once; others still can`, async () => {
    const s = series();
    const results = await Promise.all(Array.from({ length: 100 }, (_, i) => instance(i).execute(TENANT, s, create(), author)));
    expect(results.filter((r) => r.ok)).toHaveLength(QUOTA);
    for (const r of results.filter((r) => !r.ok)) expect(r).toEqual({ ok: false, error: AUTHOR_FULL });
    expect(ok(await store.execute(TENANT, s, create(), lead)).changed).toBe(true);
    expect(ok(await other.execute(TENANT, s, create(), authorNo(1))).changed).toBe(true);
  }, 90_000);

  it("withdrawn items count neither toward the author's quota nor toward the series cap", async () => {
    const s = series();
    const mine = await Promise.all(Array.from({ length: QUOTA }, (_, i) => instance(i).execute(TENANT, s, create(), author)));
    expect(await store.execute(TENANT, s, create(), author)).toEqual({ ok: false, error: AUTHOR_FULL });
    // Withdrawn through both instances while creates race them: the counter stays exact.
    await Promise.all(mine.slice(0, 10).map((r, i) => instance(i).execute(TENANT, s, withdraw(ok(r).item.id), author)));
    const again = await Promise.all(Array.from({ length: 15 }, (_, i) => instance(i).execute(TENANT, s, create(), author)));
    expect(again.filter((r) => r.ok)).toHaveLength(10);
    const live = (await store.list(TENANT, s)).filter((item) => item.status !== "withdrawn");
    expect(live).toHaveLength(QUOTA);
    expect(await store.liveCount(TENANT, s)).toBe(QUOTA);
  }, 90_000);

  it(`a full series takes new items again once a lead deletes or an author withdraws some; the counter counts live items under concurrency`, async () => {
    const s = series();
    const created = await Promise.all(Array.from({ length: CAP }, (_, i) => instance(i).execute(TENANT, s, create(), authorNo(i))));
    const items = created.map((r) => ok(r).item);
    expect(await store.execute(TENANT, s, create(), lead)).toEqual({ ok: false, error: FULL });
    // 20 deleted by the lead and 20 withdrawn by their authors, on both instances, racing 60 creates.
    const changes = [
      ...items.slice(0, 20).map((item, i) => instance(i).execute(TENANT, s, del(item.id), lead)),
      ...items.slice(20, 40).map((item, i) => instance(i + 1).execute(TENANT, s, withdraw(item.id), { person: item.author, canHandle: false })),
    ];
    const creates = Array.from({ length: 60 }, (_, i) => instance(i).execute(TENANT, s, create(), authorNo(i + 7)));
    const [changed, raced] = await Promise.all([Promise.all(changes), Promise.all(creates)]);
    for (const r of changed) expect(ok(r).changed).toBe(true);
    const liveNow = (await store.list(TENANT, s)).filter((item) => item.status !== "withdrawn");
    // However the race went, never more than the cap live, and the counter says exactly what is there.
    expect(liveNow.length).toBeLessThanOrEqual(CAP);
    expect(await store.liveCount(TENANT, s)).toBe(liveNow.length);
    const createdInRace = raced.filter((r) => r.ok).length;
    expect(liveNow.length).toBe(CAP - 40 + createdInRace);
    // Once the race is over, what is free can be taken, and then the series is full again.
    const free = CAP - liveNow.length;
    const fill = await Promise.all(Array.from({ length: free + 3 }, (_, i) => instance(i).execute(TENANT, s, create(), authorNo(i + 11))));
    expect(fill.filter((r) => r.ok)).toHaveLength(free);
    expect(await store.liveCount(TENANT, s)).toBe(CAP);
  }, 60_000);

  it("a deleted item is gone from the list and its content from storage; a retried delete is answered as a retry", async () => {
    const s = series();
    const item = ok(await store.execute(TENANT, s, create(), author)).item;
    const command = del(item.id);
    const first = ok(await store.execute(TENANT, s, command, lead));
    expect(first).toMatchObject({ changed: true, item: { status: "deleted", title: "" } });
    expect(await other.execute(TENANT, s, command, lead)).toEqual({ ok: true, item: first.item, changed: false });
    expect(await store.list(TENANT, s)).toEqual([]);
    const row = await tables.sir.getEntity<{ item: string }>(sirPartition(TENANT, s), item.id);
    expect(row.item).not.toContain("Churn is up");
    expect(await store.execute(TENANT, s, del(item.id), author)).toMatchObject({ ok: false, error: { code: "forbidden" } });
  });
});

describe("SIR command ids", () => {
  it("a command resent after 100 later commands on the same item is not applied again", async () => {
    const s = series();
    const item = ok(await store.execute(TENANT, s, create(), author)).item;
    const first = edit(item.id, { title: "First" });
    expect(ok(await store.execute(TENANT, s, first, author)).item.version).toBe(2);
    for (let i = 0; i < 100; i++) ok(await instance(i).execute(TENANT, s, edit(item.id, { title: `Later ${i}` }), author));
    const latest = await store.get(TENANT, s, item.id);
    expect(latest).toMatchObject({ version: 102, title: "Later 99" });
    expect(await store.execute(TENANT, s, first, author)).toEqual({ ok: true, item: latest, changed: false });
    expect(await other.execute(TENANT, s, first, author)).toEqual({ ok: true, item: latest, changed: false });
    expect(await store.get(TENANT, s, item.id)).toEqual(latest);
  });

  it("the same command sent to both instances at once is applied once", async () => {
    const s = series();
    const item = ok(await store.execute(TENANT, s, create(), author)).item;
    const once = edit(item.id, { title: "Once" });
    const results = await Promise.all([store.execute(TENANT, s, once, author), other.execute(TENANT, s, once, author)]);
    expect(results.map((r) => ok(r).item.version)).toEqual([2, 2]);
    expect(results.filter((r) => ok(r).changed)).toHaveLength(1);
    expect(await store.get(TENANT, s, item.id)).toMatchObject({ version: 2, title: "Once" });
  });
});
