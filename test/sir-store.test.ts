/** @module The SIR and members stores on a real in-process Azurite: concurrent writers on two instances lose no edit, retries apply once, stale and refused commands change nothing, series are bounded and kept apart. */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmbeddedTables, type EmbeddedTables } from "../bot/src/storage/azurite.js";
import { MembersStore, SERIES_PER_USER } from "../bot/src/storage/members-store.js";
import { sirPartition, SirStore, type SirStoreResult } from "../bot/src/storage/sir-store.js";
import { openTables, type Tables } from "../bot/src/storage/tables.js";
import { SirCommand } from "../shared/src/sir/commands.js";
import type { SirActor } from "../shared/src/sir/decide.js";
import { SIR_LIMITS, sirItemIdFor, type SirFields, type SirItem } from "../shared/src/sir/item.js";

const TENANT_A = "00000000-0000-4000-8000-0000000000a1";
const TENANT_B = "00000000-0000-4000-8000-0000000000b2";

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
const stranger: SirActor = { person: { userId: "user-stranger", name: "Sam Stranger" }, canHandle: false };
const lead: SirActor = { person: { userId: "user-lead", name: "Lee Lead" }, canHandle: true };

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
const series = () => `19:store-${randomUUID()}@thread.v2`;
const create = (extra: Partial<SirFields> = {}, commandId = id()) => SirCommand.parse({ id: commandId, type: "createSir", fields: fields(extra) });
const edit = (itemId: string, extra: Partial<SirFields>, commandId = id()) => SirCommand.parse({ id: commandId, type: "editSir", itemId, fields: fields(extra) });

function ok(result: SirStoreResult): { item: SirItem; changed: boolean } {
  if (!result.ok) throw new Error(`Refused: ${result.error.code} ${result.error.message}`);
  return result;
}

async function created(seriesId: string, tenantId = TENANT_A): Promise<SirItem> {
  return ok(await store.execute(tenantId, seriesId, create(), author)).item;
}

describe("the SIR store", () => {
  it("creates an item named after the command, readable by get and list", async () => {
    const s = series();
    const command = create();
    const { item, changed } = ok(await store.execute(TENANT_A, s, command, author));
    expect(changed).toBe(true);
    expect(item).toMatchObject({ id: sirItemIdFor(command.id), version: 1, seriesId: s, tenantId: TENANT_A, author: author.person, status: "open" });
    expect(await store.get(TENANT_A, s, item.id)).toEqual(item);
    expect(await store.list(TENANT_A, s)).toEqual([item]);
  });

  it("a retried command applies once, even after a later change", async () => {
    const s = series();
    const item = await created(s);
    const first = edit(item.id, { title: "First" });
    expect(ok(await store.execute(TENANT_A, s, first, author)).item.version).toBe(2);
    expect(ok(await store.execute(TENANT_A, s, edit(item.id, { title: "Second" }), author)).item.version).toBe(3);
    const retry = ok(await store.execute(TENANT_A, s, first, author));
    expect(retry).toMatchObject({ changed: false, item: { version: 3, title: "Second" } });
  });

  it("20 edits through two instances at once: every one applied, none lost", async () => {
    const s = series();
    const item = await created(s);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? store : other).execute(TENANT_A, s, edit(item.id, { title: `Edit ${i}` }), author)),
    );
    const versions = results.map((r) => ok(r).item.version).sort((a, b) => a - b);
    expect(versions).toEqual(Array.from({ length: 20 }, (_, i) => i + 2));
    expect((await store.get(TENANT_A, s, item.id))?.version).toBe(21);
  });

  it("an edit from an older version is refused as stale with the current item, and changes nothing", async () => {
    const s = series();
    const item = await created(s);
    ok(await store.execute(TENANT_A, s, edit(item.id, { title: "Newer" }), author));
    const stale = await store.execute(TENANT_A, s, edit(item.id, { title: "Older" }), author, { expectedVersion: 1 });
    expect(stale).toMatchObject({ ok: false, error: { code: "stale", current: { version: 2, title: "Newer" } } });
    expect((await store.get(TENANT_A, s, item.id))?.title).toBe("Newer");
  });

  it("someone else's edit is refused; a lead's is applied", async () => {
    const s = series();
    const item = await created(s);
    expect(await store.execute(TENANT_A, s, edit(item.id, { title: "Mine now" }), stranger)).toMatchObject({ ok: false, error: { code: "notAuthor" } });
    expect(await store.get(TENANT_A, s, item.id)).toEqual(item);
    expect(ok(await store.execute(TENANT_A, s, edit(item.id, { title: "Clarified" }), lead)).item).toMatchObject({ title: "Clarified", author: author.person });
  });

  it("keeps tenants and series apart: the same item id elsewhere is not found", async () => {
    const s = series();
    const item = await created(s);
    expect(await store.execute(TENANT_B, s, edit(item.id, { title: "x" }), author)).toMatchObject({ ok: false, error: { code: "notFound" } });
    expect(await store.execute(TENANT_A, series(), edit(item.id, { title: "x" }), author)).toMatchObject({ ok: false, error: { code: "notFound" } });
    expect(await store.list(TENANT_B, s)).toEqual([]);
  });

  it("refuses an item too large for its storage row, storing nothing", async () => {
    const s = series();
    const huge: SirActor = { person: { userId: "user-huge", name: "n".repeat(SIR_LIMITS.itemJsonMax) }, canHandle: false };
    expect(await store.execute(TENANT_A, s, create(), huge)).toMatchObject({ ok: false, error: { code: "tooLarge" } });
    expect(await store.list(TENANT_A, s)).toEqual([]);
  });

  it("a series holds at most 500 items: list returns them all, a further create is refused", async () => {
    const s = series();
    const pk = sirPartition(TENANT_A, s);
    const filler = await created(s);
    // Fill the partition directly in batches (the store's own path is tested above); 499 + the one created = 500.
    for (let start = 1; start < SIR_LIMITS.itemsPerSeries; start += 100) {
      const batch = Array.from({ length: Math.min(100, SIR_LIMITS.itemsPerSeries - start) }, (_, i) => {
        const item: SirItem = { ...filler, id: `sir-filler-${String(start + i).padStart(4, "0")}`, createdAt: filler.createdAt + start + i };
        return ["create", { partitionKey: pk, rowKey: item.id, version: 1, status: "open", item: JSON.stringify(item), recent: "[]" }] as ["create", Record<string, unknown> & { partitionKey: string; rowKey: string }];
      });
      await tables.sir.submitTransaction(batch);
    }
    const items = await store.list(TENANT_A, s);
    expect(items).toHaveLength(SIR_LIMITS.itemsPerSeries);
    expect(items[0]?.id).toBe(filler.id);
    expect(await store.execute(TENANT_A, s, create(), author)).toMatchObject({ ok: false, error: { code: "seriesFull" } });
    expect(await store.list(TENANT_A, s)).toHaveLength(SIR_LIMITS.itemsPerSeries);
  });
});

describe("the members store", () => {
  it("lists the series a user was seen in, most recent first, each once", async () => {
    const members = new MembersStore(tables.members);
    const user = `user-${randomUUID()}`;
    await members.remember(TENANT_A, user, { seriesId: "19:a@thread.v2", name: "Team A", type: "groupChat" });
    await members.remember(TENANT_A, user, { seriesId: "19:b@thread.v2", name: "Team B › General", type: "channel" });
    await members.remember(TENANT_A, user, { seriesId: "19:a@thread.v2", name: "Team A", type: "groupChat" });
    await members.remember(TENANT_A, user, { seriesId: "19:a@thread.v2", name: "Team A", type: "groupChat" });
    const seen = await new MembersStore(tables.members).seriesOf(TENANT_A, user);
    expect(seen.map((s) => [s.seriesId, s.name, s.type])).toEqual([
      ["19:a@thread.v2", "Team A", "groupChat"],
      ["19:b@thread.v2", "Team B › General", "channel"],
    ]);
    expect(await members.seriesOf(TENANT_B, user)).toEqual([]);
  });

  it("keeps only the 20 most recent series", async () => {
    let clock = 1_000_000;
    const members = new MembersStore(tables.members, () => (clock += 1000));
    const user = `user-${randomUUID()}`;
    for (let i = 0; i < SERIES_PER_USER + 5; i++) await members.remember(TENANT_A, user, { seriesId: `19:s${i}@thread.v2`, name: `S${i}`, type: "meeting" });
    const seen = await members.seriesOf(TENANT_A, user);
    expect(seen).toHaveLength(SERIES_PER_USER);
    expect(seen[0]?.seriesId).toBe(`19:s${SERIES_PER_USER + 4}@thread.v2`);
    expect(seen.at(-1)?.seriesId).toBe("19:s5@thread.v2");
  });

  it("two instances recording the same user at once keep both series", async () => {
    const user = `user-${randomUUID()}`;
    const [one, two] = [new MembersStore(tables.members), new MembersStore(tables.members)];
    await Promise.all(
      Array.from({ length: 6 }, (_, i) => (i % 2 === 0 ? one : two).remember(TENANT_A, user, { seriesId: `19:c${i}@thread.v2`, name: "", type: "groupChat" })),
    );
    expect((await one.seriesOf(TENANT_A, user)).map((s) => s.seriesId).sort()).toEqual(Array.from({ length: 6 }, (_, i) => `19:c${i}@thread.v2`));
  });
});
