/**
 * The embedded Table Storage's journal keeps every acknowledged change: Table Storage runs as its own process
 * on a data folder, is sent changes through @azure/data-tables and killed with SIGKILL (no close, no final
 * snapshot), then started again on the same folder and read back through the same client. The folder's
 * files are real; a torn or damaged record and a crash in the middle of a compaction are made by changing or
 * combining the files a real run left.
 */
import { TableClient, TableServiceClient, TableTransaction, odata, type TableEntityResult } from "@azure/data-tables";
import { spawn } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startEmbeddedTables } from "../bot/src/storage/azurite.js";
import { startTablesProcess, track, waitFor, type TablesProcess } from "./helpers/processes.js";

const ROOT = path.resolve(import.meta.dirname, "..");
// No retries: a dropped answer must show as a failure, not as the retry's 409.
const CLIENT_OPTIONS = { allowInsecureConnection: true, retryOptions: { maxRetries: 0 } };

const dirs: string[] = [];
const running: TablesProcess[] = [];
afterAll(() => {
  for (const p of running) p.kill("SIGKILL");
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "okr-journal-"));
  dirs.push(dir);
  return dir;
}

async function start(dir: string): Promise<TablesProcess> {
  const tables = await startTablesProcess({ dir });
  running.push(tables);
  return tables;
}

/** SIGKILL: the process's memory is gone, only what is on disk remains. */
async function crash(tables: TablesProcess): Promise<void> {
  tables.kill("SIGKILL");
  await tables.exited;
}

function clients(connectionString: string): { service: TableServiceClient; table: (name: string) => TableClient } {
  return {
    service: TableServiceClient.fromConnectionString(connectionString, CLIENT_OPTIONS),
    table: (name) => TableClient.fromConnectionString(connectionString, name, CLIENT_OPTIONS),
  };
}

/** Every table with every entity (ETag and timestamp included), as the client reads them. */
async function dump(connectionString: string): Promise<Record<string, Array<TableEntityResult<Record<string, unknown>>>>> {
  const { service, table } = clients(connectionString);
  const names: string[] = [];
  for await (const t of service.listTables()) if (t.name) names.push(t.name);
  const out: Record<string, Array<TableEntityResult<Record<string, unknown>>>> = {};
  for (const name of names.sort()) {
    const rows: Array<TableEntityResult<Record<string, unknown>>> = [];
    for await (const row of table(name).listEntities()) rows.push(row);
    out[name] = rows;
  }
  return out;
}

async function rowKeys(client: TableClient, partitionKey: string): Promise<string[]> {
  const keys: string[] = [];
  for await (const row of client.listEntities({ queryOptions: { filter: odata`PartitionKey eq ${partitionKey}` } })) keys.push(row.rowKey ?? "");
  return keys;
}

function journals(dir: string): Array<{ file: string; generation: number; bytes: number }> {
  return readdirSync(dir)
    .map((name) => ({ name, match: /^azurite-table\.(\d+)\.journal$/.exec(name) }))
    .filter((j) => j.match)
    .map((j) => ({ file: path.join(dir, j.name), generation: Number(j.match?.[1]), bytes: statSync(path.join(dir, j.name)).size }))
    .sort((a, b) => a.generation - b.generation);
}

function onlyJournal(dir: string): string {
  const all = journals(dir);
  expect(all, "one journal in the folder").toHaveLength(1);
  return all[0]?.file ?? "";
}

function snapshotGeneration(dir: string): number {
  const match = /^\{"journalGeneration":(\d+),/.exec(readFileSync(path.join(dir, "azurite-table.json"), "utf8").slice(0, 64));
  return match ? Number(match[1]) : -1;
}

/** The byte offsets where each record of a journal starts (a record is one line). */
function recordStarts(file: string): number[] {
  const bytes = readFileSync(file);
  const starts = [0];
  for (let lf = bytes.indexOf(0x0a); lf !== -1 && lf + 1 < bytes.length; lf = bytes.indexOf(0x0a, lf + 1)) starts.push(lf + 1);
  return starts;
}

/** The Table Storage process as `startTablesProcess` runs it, for a start that is expected to fail. */
async function failedStart(dir: string): Promise<{ exit: number | string; output: string }> {
  const child = track(spawn(process.execPath, ["--import", "tsx", "scripts/tables-server.ts", "--port", "0", "--dir", dir], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] }));
  const exit = await child.exited;
  return { exit, output: child.output() };
}

describe("the embedded Table Storage killed with SIGKILL and started again on its folder", () => {
  it("keeps every acknowledged insert, update, upsert, delete, batch, table create and delete, and answers queries on them", async () => {
    const dir = tempDir();
    let tables = await start(dir);
    const { service } = clients(tables.connectionString);
    let { table } = clients(tables.connectionString);
    for (const name of ["kept", "dropped", "again"]) await service.createTable(name);
    const kept = table("kept");
    for (let i = 0; i < 10; i++) await kept.createEntity({ partitionKey: `p${i % 2}`, rowKey: `r${i}`, n: i });
    const r0 = await kept.getEntity("p0", "r0");
    const merged = await kept.updateEntity({ partitionKey: "p0", rowKey: "r0", note: "merged" }, "Merge", { etag: r0.etag });
    const r1 = await kept.getEntity("p1", "r1");
    await kept.updateEntity({ partitionKey: "p1", rowKey: "r1", only: "replaced" }, "Replace", { etag: r1.etag });
    await kept.upsertEntity({ partitionKey: "p0", rowKey: "r2", up: "merged" }, "Merge");
    await kept.upsertEntity({ partitionKey: "p1", rowKey: "new", up: "inserted" }, "Replace");
    await kept.deleteEntity("p1", "r3");
    await kept.submitTransaction([
      ["create", { partitionKey: "p0", rowKey: "t1", n: 1 }],
      ["upsert", { partitionKey: "p0", rowKey: "r4", n: 44 }, "Replace"],
      ["update", { partitionKey: "p0", rowKey: "r6", n: 66 }, "Merge"],
      ["delete", { partitionKey: "p0", rowKey: "r8" }],
    ]);
    // A refused batch (its second create conflicts) is rolled back: nothing of it may come back either.
    await expect(kept.submitTransaction([["create", { partitionKey: "p1", rowKey: "t2" }], ["create", { partitionKey: "p1", rowKey: "r5" }]])).rejects.toThrow();
    await service.deleteTable("dropped");
    await service.deleteTable("again");
    await service.createTable("again");
    await table("again").createEntity({ partitionKey: "g", rowKey: "1", second: true });
    const acknowledged = await dump(tables.connectionString);
    expect(Object.keys(acknowledged)).toEqual(["again", "kept"]);
    expect(onlyJournal(dir)).toMatch(/\.journal$/);

    await crash(tables);
    tables = await start(dir);
    ({ table } = clients(tables.connectionString));
    expect(await dump(tables.connectionString)).toEqual(acknowledged);
    // Look-ups by key and filter go through Loki's rebuilt indexes.
    const after = table("kept");
    expect(await rowKeys(after, "p1")).toEqual(["new", "r1", "r5", "r7", "r9"]);
    expect(await rowKeys(after, "p0")).toEqual(["r0", "r2", "r4", "r6", "t1"]);
    expect((await after.getEntity("p0", "r0")).note).toBe("merged");
    // The ETag acknowledged before the crash is still the entity's: a write conditional on it succeeds, one on the older ETag is refused.
    await expect(after.updateEntity({ partitionKey: "p0", rowKey: "r0", n: 0.5 }, "Merge", { etag: r0.etag })).rejects.toMatchObject({ statusCode: 412 });
    await after.updateEntity({ partitionKey: "p0", rowKey: "r0", n: 0.5 }, "Merge", { etag: merged.etag });
    // New documents take ids after the stored ones: old and new rows are both kept through a second crash.
    await after.createEntity({ partitionKey: "p1", rowKey: "later" });
    await after.deleteEntity("p0", "r2");
    await table("again").createEntity({ partitionKey: "g", rowKey: "2" });
    const second = await dump(tables.connectionString);
    await crash(tables);
    tables = await start(dir);
    expect(await dump(tables.connectionString)).toEqual(second);
    await crash(tables);
  });

  it("drops a torn last record (cut short, or with a wrong checksum) and keeps every record before it", async () => {
    for (const tear of ["cut short", "checksum"] as const) {
      const dir = tempDir();
      let tables = await start(dir);
      let { table } = clients(tables.connectionString);
      await clients(tables.connectionString).service.createTable("rows");
      for (let i = 1; i <= 5; i++) await table("rows").createEntity({ partitionKey: "p", rowKey: `r${i}`, n: i });
      await crash(tables);
      // The last record is r5's insert: as if the crash had come during its write (so its answer was never sent).
      const file = onlyJournal(dir);
      const bytes = readFileSync(file);
      const last = recordStarts(file).at(-1) ?? 0;
      if (tear === "cut short") writeFileSync(file, bytes.subarray(0, last + Math.floor((bytes.length - last) / 2)));
      else writeFileSync(file, Buffer.concat([bytes.subarray(0, bytes.length - 20), Buffer.from(bytes.subarray(bytes.length - 20).toString("latin1").replace("5", "6"), "latin1")]));
      expect(readFileSync(file).equals(bytes), tear).toBe(false);

      tables = await start(dir);
      ({ table } = clients(tables.connectionString));
      expect(await rowKeys(table("rows"), "p"), tear).toEqual(["r1", "r2", "r3", "r4"]);
      await waitFor("the warning about the dropped record", () => (tables.output().includes("dropped the last record") ? true : undefined));
      // Merged into the snapshot: the torn bytes are gone, and the next change goes to a fresh journal.
      expect(journals(dir)).toEqual([]);
      await table("rows").createEntity({ partitionKey: "p", rowKey: "r5", n: 5 });
      await crash(tables);
      tables = await start(dir);
      expect(await rowKeys(clients(tables.connectionString).table("rows"), "p"), tear).toEqual(["r1", "r2", "r3", "r4", "r5"]);
      await crash(tables);
    }
  });

  it("refuses to start on a damaged record with more after it, says where, and leaves the files as they are", async () => {
    for (const damage of ["payload", "length"] as const) {
      const dir = tempDir();
      const tables = await start(dir);
      const { table, service } = clients(tables.connectionString);
      await service.createTable("rows");
      for (let i = 1; i <= 3; i++) await table("rows").createEntity({ partitionKey: "p", rowKey: `r${i}`, n: i });
      await crash(tables);
      const file = onlyJournal(dir);
      const bytes = readFileSync(file);
      const text = bytes.toString("latin1");
      // The first record (r1's insert), with later ones after it: acknowledged data, so the start must not drop it.
      const damaged =
        damage === "payload"
          ? text.replace('"RowKey":"r1"', '"RowKey":"r7"')
          : text.replace(/^([0-9a-f]{8}) (\d)/, (_m, crc: string, digit: string) => `${crc} ${(Number(digit) + 1) % 10}`);
      expect(damaged).not.toBe(text);
      writeFileSync(file, Buffer.from(damaged, "latin1"));
      const snapshotBefore = readFileSync(path.join(dir, "azurite-table.json"));

      const { exit, output } = await failedStart(dir);
      expect(exit, damage).not.toBe(0);
      expect(output, damage).toContain(`cannot start: ${file} is damaged at byte 0 (record 0:`);
      expect(output, damage).toContain("with more records after it");
      expect(readFileSync(file).equals(Buffer.from(damaged, "latin1")), damage).toBe(true);
      expect(readFileSync(path.join(dir, "azurite-table.json")).equals(snapshotBefore), damage).toBe(true);
    }
  });

  it("writes about the size of the changed row per change, not the database: one upsert beside 1 MB of rows", async () => {
    const dir = tempDir();
    const tables = await startEmbeddedTables({ dir });
    try {
      const { service, table } = clients(tables.connectionString);
      await service.createTable("big");
      const big = table("big");
      for (let batch = 0; batch < 5; batch++) {
        const actions = new TableTransaction();
        for (let i = 0; i < 50; i++) actions.createEntity({ partitionKey: "p", rowKey: `${batch}-${i}`, filler: "x".repeat(4000) });
        await big.submitTransaction(actions.actions);
      }
      const snapshot = path.join(dir, "azurite-table.json");
      const journalBytes = () => journals(dir).reduce((sum, j) => sum + j.bytes, 0);
      const databaseBytes = statSync(snapshot).size + journalBytes();
      expect(databaseBytes).toBeGreaterThan(1_000_000);
      const snapshotBefore = { size: statSync(snapshot).size, mtimeMs: statSync(snapshot).mtimeMs };
      const before = journalBytes();

      const row = { partitionKey: "p", rowKey: "small", text: "y".repeat(300) };
      await big.upsertEntity(row, "Replace");
      const grew = journalBytes() - before;
      // The row as Azurite stores it (its properties, timestamp, ETag, Loki's id and meta) plus the record's framing: under 1 KB here.
      expect(grew).toBeGreaterThan(row.text.length);
      expect(grew).toBeLessThan(1_200);
      expect(grew).toBeLessThan(databaseBytes / 500);
      // And the snapshot was not rewritten for it.
      expect({ size: statSync(snapshot).size, mtimeMs: statSync(snapshot).mtimeMs }).toEqual(snapshotBefore);
    } finally {
      await tables.close();
    }
  });

  it("compacts once the journal outgrows its bound, and a crash after the compaction keeps everything", async () => {
    const dir = tempDir();
    let tables = await start(dir);
    const { service, table } = clients(tables.connectionString);
    await service.createTable("heavy");
    const heavy = table("heavy");
    const firstGeneration = snapshotGeneration(dir);
    // Five rows of ~120 KB rewritten over and over: the journal passes 4 MiB while the database stays ~600 KB.
    const payload = (round: number) => Object.fromEntries(["a", "b", "c", "d"].map((k) => [k, `${round}`.padEnd(30_000, k)]));
    let round = 0;
    for (; round < 60 && snapshotGeneration(dir) === firstGeneration; round++) await heavy.upsertEntity({ partitionKey: "p", rowKey: `r${round % 5}`, round, ...payload(round) }, "Replace");
    expect(snapshotGeneration(dir), "a compaction stored a snapshot of a newer generation").toBeGreaterThan(firstGeneration);
    expect(round).toBeGreaterThan(30);
    // Changes go on beside it; the old journal is removed once the snapshot is stored.
    await heavy.deleteEntity("p", "r1");
    await heavy.upsertEntity({ partitionKey: "p", rowKey: "r2", round: -1 }, "Merge");
    await heavy.createEntity({ partitionKey: "q", rowKey: "after-compaction" });
    const compacted = snapshotGeneration(dir);
    await waitFor("the old journal to be removed", () => (journals(dir).every((j) => j.generation >= compacted) ? true : undefined));
    expect(journals(dir).every((j) => j.bytes < 4 * 1024 * 1024)).toBe(true);
    const acknowledged = await dump(tables.connectionString);

    await crash(tables);
    tables = await start(dir);
    expect(await dump(tables.connectionString)).toEqual(acknowledged);
    expect(await rowKeys(clients(tables.connectionString).table("heavy"), "p")).toEqual(["r0", "r2", "r3", "r4"]);
    await crash(tables);
  });

  it("recovers exactly from both crash points of a compaction: before its snapshot is stored, and before the old journal is removed", async () => {
    // Run 1 leaves snapshot S1 and journal J1; run 2 (started on them) leaves S2 = S1 + J1 and journal J2, just as
    // a compaction from generation 1 to 2 does. J2 changes rows J1 wrote, so replaying J1 onto S2 would not be harmless.
    const dir = tempDir();
    let tables = await start(dir);
    let { service, table } = clients(tables.connectionString);
    await service.createTable("rows");
    for (let i = 1; i <= 4; i++) await table("rows").createEntity({ partitionKey: "p", rowKey: `r${i}`, n: i });
    await crash(tables);
    const s1 = readFileSync(path.join(dir, "azurite-table.json"));
    const j1 = journals(dir);
    expect(j1).toHaveLength(1);
    const j1Bytes = readFileSync(j1[0]?.file ?? "");

    tables = await start(dir);
    ({ service, table } = clients(tables.connectionString));
    const r1 = await table("rows").getEntity("p", "r1");
    await table("rows").updateEntity({ partitionKey: "p", rowKey: "r1", n: 10 }, "Replace", { etag: r1.etag });
    await table("rows").deleteEntity("p", "r2");
    await table("rows").createEntity({ partitionKey: "p", rowKey: "r5", n: 5 });
    await service.createTable("second");
    await table("second").createEntity({ partitionKey: "s", rowKey: "1" });
    const acknowledged = await dump(tables.connectionString);
    await crash(tables);
    const s2 = readFileSync(path.join(dir, "azurite-table.json"));
    const j2 = journals(dir);
    expect(j2).toHaveLength(1);
    expect(j2[0]?.generation).toBeGreaterThan(j1[0]?.generation ?? 0);

    for (const [point, snapshot] of [
      ["before the new snapshot is stored", s1],
      ["after the new snapshot, before the old journal is removed", s2],
    ] as const) {
      const folder = tempDir();
      cpSync(j2[0]?.file ?? "", path.join(folder, path.basename(j2[0]?.file ?? "")));
      writeFileSync(path.join(folder, path.basename(j1[0]?.file ?? "")), j1Bytes);
      writeFileSync(path.join(folder, "azurite-table.json"), snapshot);
      const restarted = await start(folder);
      expect(await dump(restarted.connectionString), point).toEqual(acknowledged);
      expect(journals(folder), point).toEqual([]);
      await crash(restarted);
    }
  });

  it("drops the answer of a change whose journal write failed (never a false success), then stores a snapshot and goes on", async () => {
    const dir = tempDir();
    let tables = await start(dir);
    await clients(tables.connectionString).service.createTable("rows");
    await clients(tables.connectionString).table("rows").createEntity({ partitionKey: "p", rowKey: "before" });
    await crash(tables);
    tables = await start(dir);
    const { table } = clients(tables.connectionString);
    // The next journal's name taken by a folder: its file cannot be created, so the first write fails.
    const blocker = path.join(dir, `azurite-table.${snapshotGeneration(dir)}.journal`);
    mkdirSync(blocker);
    await expect(table("rows").createEntity({ partitionKey: "p", rowKey: "failed" })).rejects.toThrow();
    // The next change stores the whole database instead, under a newer generation, and later ones go to its journal.
    await table("rows").createEntity({ partitionKey: "p", rowKey: "next" });
    await table("rows").createEntity({ partitionKey: "p", rowKey: "journaled" });
    expect(journals(dir).filter((j) => j.file !== blocker)).toHaveLength(1);
    await crash(tables);
    rmSync(blocker, { recursive: true });
    tables = await start(dir);
    const keys = await rowKeys(clients(tables.connectionString).table("rows"), "p");
    // "failed" was applied in memory and is in the snapshot; it was never confirmed, so either way is allowed.
    expect(keys.filter((k) => k !== "failed")).toEqual(["before", "journaled", "next"]);
    await crash(tables);
  });
});

describe("the embedded Table Storage closed cleanly", () => {
  it("folds the journal into one snapshot: no journal is left, and a start reads everything from it", async () => {
    const dir = tempDir();
    let tables = await startEmbeddedTables({ dir });
    const { service, table } = clients(tables.connectionString);
    await service.createTable("rows");
    for (let i = 1; i <= 3; i++) await table("rows").createEntity({ partitionKey: "p", rowKey: `r${i}` });
    await table("rows").deleteEntity("p", "r2");
    expect(journals(dir)).toHaveLength(1);
    const acknowledged = await dump(tables.connectionString);
    await tables.close();
    expect(journals(dir)).toEqual([]);
    tables = await startEmbeddedTables({ dir });
    try {
      expect(await dump(tables.connectionString)).toEqual(acknowledged);
    } finally {
      await tables.close();
    }
  });
});
