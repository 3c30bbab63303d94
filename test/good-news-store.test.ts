/** @module The good-news store on a real in-process Azurite: the per-meeting and per-author limits hold under concurrency on two instances, a retried command applies once however it arrives, a deleted item leaves the list and frees its place, meetings are kept apart. */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmbeddedTables, type EmbeddedTables } from "../bot/src/storage/azurite.js";
import { GoodNewsStore, type GoodNewsScope } from "../bot/src/storage/good-news-store.js";
import { openTables, type Tables } from "../bot/src/storage/tables.js";
import { GoodNewsCommand } from "../shared/src/goodnews/commands.js";
import type { GoodNewsActor } from "../shared/src/goodnews/decide.js";

const TENANT = "00000000-0000-4000-8000-0000000000a1";
let azurite: EmbeddedTables;
let tables: Tables;
let store: GoodNewsStore;
/** A second instance of the service: its own queue, the same table. */
let other: GoodNewsStore;

beforeAll(async () => {
  azurite = await startEmbeddedTables();
  tables = await openTables(azurite.connectionString);
  const limits = { perMeeting: 6, perAuthor: 4 };
  store = new GoodNewsStore(tables.meetings, { limits });
  other = new GoodNewsStore(tables.meetings, { limits });
});
afterAll(async () => {
  await azurite?.close();
});

const actor = (name: string): GoodNewsActor => ({ person: { userId: `user-${name}`, name }, isLead: false });
const scope = (): GoodNewsScope => ({ ref: { tenantId: TENANT, meetingId: `meeting-${randomUUID()}` }, board: { objectiveIds: [], metricIds: [] } });
const add = (id = `cmd-${randomUUID()}`) => GoodNewsCommand.parse({ id, type: "addGoodNews", fields: { kind: "win", text: "Rekord", link: null, praise: null } });

describe("the good-news store", () => {
  it("two instances adding at once for three authors store exactly the meeting's limit, and no author more than theirs", async () => {
    const s = scope();
    const people = ["kari", "ola", "per"].map(actor);
    const results = await Promise.all(Array.from({ length: 15 }, (_, i) => (i % 2 ? store : other).execute(s, add(), people[i % 3] ?? actor("x"))));
    const stored = await store.list(s.ref);
    expect(stored).toHaveLength(6);
    expect(results.filter((r) => r.ok)).toHaveLength(6);
    for (const p of people) expect(stored.filter((i) => i.author.userId === p.person.userId).length).toBeLessThanOrEqual(4);
    for (const r of results) if (!r.ok) expect(["meetingFull", "authorFull"]).toContain(r.error.code);
  });

  it("a command resent on the other instance, even after later changes, is not applied again", async () => {
    const s = scope();
    const kari = actor("kari");
    const first = add();
    const made = await store.execute(s, first, kari);
    expect(made.ok).toBe(true);
    if (!made.ok) return;
    const edit = GoodNewsCommand.parse({ id: `cmd-${randomUUID()}`, type: "editGoodNews", itemId: made.item.id, fields: { kind: "challenge", text: "Endret", link: null, praise: null } });
    expect(await other.execute(s, edit, kari)).toMatchObject({ ok: true, changed: true });
    expect(await other.execute(s, first, kari)).toMatchObject({ ok: true, changed: false });
    expect(await store.execute(s, edit, kari)).toMatchObject({ ok: true, changed: false, item: { version: 2, text: "Endret" } });
    expect(await store.list(s.ref)).toHaveLength(1);
  });

  it("a deleted item leaves the list and frees the author's place; another meeting's items are not this one's", async () => {
    const s = scope();
    const kari = actor("kari");
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      const r = await store.execute(s, add(), kari);
      if (r.ok) ids.push(r.item.id);
    }
    expect(await store.execute(s, add(), kari)).toMatchObject({ ok: false, error: { code: "authorFull" } });
    expect(await other.execute(s, GoodNewsCommand.parse({ id: `cmd-${randomUUID()}`, type: "deleteGoodNews", itemId: ids[0] }), kari)).toMatchObject({ ok: true, changed: true });
    expect(await store.list(s.ref)).toHaveLength(3);
    expect((await store.execute(s, add(), kari)).ok).toBe(true);
    const elsewhere = scope();
    expect(await store.list(elsewhere.ref)).toEqual([]);
    expect(await store.execute(elsewhere, GoodNewsCommand.parse({ id: `cmd-${randomUUID()}`, type: "deleteGoodNews", itemId: ids[1] }), actor("lead"))).toMatchObject({ ok: false, error: { code: "notFound" } });
  });
});
