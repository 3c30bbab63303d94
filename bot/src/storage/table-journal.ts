/**
 * @module The embedded Table Storage's files: the journal's record format, reading it back, and recovery
 * (the snapshot with the journals replayed into it, stored durably before Azurite loads it).
 *
 * In the data folder:
 * - `azurite-table.json`: a LokiJS snapshot as Azurite loads it, with one field put at its head,
 *   `"journalGeneration": G`: the snapshot holds every change of the journals below G.
 * - `azurite-table.<g>.journal`: the changes since, one record per group commit, appended and fdatasynced
 *   before the commit's answers are sent. A compaction starts journal g + 1, stores a snapshot with
 *   generation g + 1 and only then removes journal g, so at every crash point recovery finds either the old
 *   snapshot with both journals (it replays g, then g + 1) or the new one, for which journal g is stale (it
 *   is skipped and removed): a journal is never replayed onto a snapshot that already holds it.
 *
 * A record is one line: `<CRC-32 of the payload, 8 hex digits> <payload length in bytes> <payload>\n`, the
 * payload `{"g":<generation>,"n":<record number in its file, from 0>,"ops":[…]}` with, in the order they
 * happened:
 * - `{"o":"C","c":<collection>,"opt":<Loki options>}`  a collection was created (a table, with its indices);
 * - `{"o":"D","c":<collection>}`                      a collection was removed (a table deleted);
 * - `{"o":"I"|"U","c":<collection>,"d":<document>}`   a document was inserted / updated (whole, with `$loki`, `meta`);
 * - `{"o":"R","c":<collection>,"id":<$loki>}`         a document was removed.
 * Only the last record can be torn by a crash (each is fdatasynced before the next is written, and its
 * answers wait for that), so a bad last record was never acknowledged and is dropped; a bad record with
 * more after it is damage to acknowledged data and stops the start.
 */
import fs from "node:fs";
import fsp from "node:fs/promises";
import path from "node:path";
import { createRequire } from "node:module";
import zlib from "node:zlib";
import type { LokiCollection, LokiConstructor, LokiDb, LokiDoc } from "azurite/dist/src/table/TableServer.js";

// The LokiJS that Azurite itself loads (a dependency of Azurite, not of this package), so the snapshot is
// read and written exactly as Azurite reads and writes it.
const requireFromAzurite = createRequire(createRequire(import.meta.url).resolve("azurite/dist/src/table/TableServer.js"));
const Loki = requireFromAzurite("lokijs") as LokiConstructor;

export type JournalOp =
  | { o: "C"; c: string; opt: object }
  | { o: "D"; c: string }
  | { o: "I" | "U"; c: string; d: LokiDoc }
  | { o: "R"; c: string; id: number };

/** A journal that cannot be trusted: recovery stops rather than drop acknowledged changes. */
export class JournalCorruptError extends Error {
  override readonly name = "JournalCorruptError";
}

export function journalPath(dbPath: string, generation: number): string {
  return `${dbPath.replace(/\.json$/, "")}.${generation}.journal`;
}

/** The journals next to `dbPath`, oldest generation first. */
export async function listJournals(dbPath: string): Promise<Array<{ generation: number; file: string }>> {
  const dir = path.dirname(dbPath);
  const pattern = new RegExp(`^${escapeRegExp(path.basename(dbPath).replace(/\.json$/, ""))}\\.(\\d+)\\.journal$`);
  const found: Array<{ generation: number; file: string }> = [];
  for (const name of await fsp.readdir(dir)) {
    const match = pattern.exec(name);
    if (match?.[1] !== undefined) found.push({ generation: Number(match[1]), file: path.join(dir, name) });
  }
  return found.sort((a, b) => a.generation - b.generation);
}

/** One record: the payload is `{"g":…,"n":…,"ops":[…]}` built from ops that are already JSON. */
export function encodeRecord(generation: number, n: number, ops: readonly string[]): Buffer {
  const payload = Buffer.from(`{"g":${generation},"n":${n},"ops":[${ops.join(",")}]}`);
  const header = Buffer.from(`${zlib.crc32(payload).toString(16).padStart(8, "0")} ${payload.length} `);
  return Buffer.concat([header, payload, NEWLINE]);
}

const NEWLINE = Buffer.from("\n");
const HEADER = /^([0-9a-f]{8}) (\d{1,10}) /;

/**
 * The ops of every sound record of one journal file, in order. A bad record at the end is a write a crash
 * cut short: dropped, and reported in `torn`, if `tornAllowed` (the newest journal); anywhere else it throws.
 */
export function readJournal(file: string, generation: number, tornAllowed: boolean): { records: JournalOp[][]; torn: boolean } {
  const bytes = fs.readFileSync(file);
  const records: JournalOp[][] = [];
  let at = 0;
  const bad = (why: string, endsTheFile: boolean): { records: JournalOp[][]; torn: boolean } => {
    if (endsTheFile && tornAllowed) return { records, torn: true };
    throw new JournalCorruptError(
      `The embedded Table Storage cannot start: ${file} is damaged at byte ${at} (record ${records.length}: ${why})` +
        (endsTheFile ? ", and it is not the newest journal" : ", with more records after it") +
        `. Acknowledged changes would be lost, so nothing was changed; restore the data folder from a backup or move the journal away to start without it.`,
    );
  };
  while (at < bytes.length) {
    const record = soundRecordAt(bytes, at);
    if (typeof record === "string") {
      // A complete record (its line end where its length says) was written whole, so a later write followed it only
      // if it had been synced: torn only at the very end. A cut-off one is torn unless a sound record follows it.
      const complete = record === "checksum mismatch";
      return bad(record, complete ? nextRecordAt(bytes, at) === bytes.length : !soundRecordAfter(bytes, at));
    }
    const ops = parsePayload(bytes.toString("utf8", record.start, record.end), generation, records.length);
    if (typeof ops === "string") return bad(ops, false);
    records.push(ops);
    at = record.end + 1;
  }
  return { records, torn: false };
}

/** The payload's bounds of the record at `at` if it is whole and its checksum right, else what is wrong. */
function soundRecordAt(bytes: Buffer, at: number): { start: number; end: number } | string {
  const header = HEADER.exec(bytes.toString("latin1", at, Math.min(bytes.length, at + 20)));
  if (!header?.[1] || !header[2]) return "no record header";
  const start = at + header[0].length;
  const end = start + Number(header[2]);
  if (end + 1 > bytes.length) return "shorter than its length";
  if (bytes[end] !== 0x0a) return "no line end where its length ends";
  if (zlib.crc32(bytes.subarray(start, end)) !== Number.parseInt(header[1], 16)) return "checksum mismatch";
  return { start, end };
}

/** Where the record after the (complete) one at `at` starts. */
function nextRecordAt(bytes: Buffer, at: number): number {
  const header = HEADER.exec(bytes.toString("latin1", at, at + 20));
  return header?.[2] ? at + header[0].length + Number(header[2]) + 1 : bytes.length;
}

/** Whether a sound record starts after some line end beyond `at` (payloads are JSON: a raw line end only ends a record). */
function soundRecordAfter(bytes: Buffer, at: number): boolean {
  for (let lf = bytes.indexOf(0x0a, at); lf !== -1 && lf + 1 < bytes.length; lf = bytes.indexOf(0x0a, lf + 1)) {
    if (typeof soundRecordAt(bytes, lf + 1) !== "string") return true;
  }
  return false;
}

/** The ops of a payload whose checksum is right, or why it does not fit (a bug, not a crash: never dropped). */
function parsePayload(text: string, generation: number, n: number): JournalOp[] | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return "not JSON";
  }
  if (!isObject(value) || value.g !== generation || value.n !== n || !Array.isArray(value.ops)) return `not record ${n} of generation ${generation}`;
  for (const op of value.ops as unknown[]) if (!isOp(op)) return `an op of unknown shape: ${JSON.stringify(op).slice(0, 200)}`;
  return value.ops as JournalOp[];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isOp(op: unknown): op is JournalOp {
  if (!isObject(op) || typeof op.c !== "string") return false;
  switch (op.o) {
    case "C":
      return isObject(op.opt);
    case "D":
      return true;
    case "I":
    case "U":
      return isObject(op.d) && Number.isInteger(op.d.$loki);
    case "R":
      return Number.isInteger(op.id);
    default:
      return false;
  }
}

/** Applies journal ops to a Loki database loaded from a snapshot, then rebuilds what Loki derives from the documents. */
class Replay {
  /** Per touched collection its documents by `$loki`, rebuilt into `data` once at the end (a Map keeps their order). */
  private readonly docs = new Map<LokiCollection, Map<number, LokiDoc>>();

  constructor(private readonly db: LokiDb) {}

  apply(op: JournalOp): void {
    const coll = this.db.collections.find((c) => c.name === op.c);
    if (op.o === "C") {
      if (coll) throw new JournalCorruptError(`The journal creates the collection ${op.c}, which already exists.`);
      this.db.addCollection(op.c, op.opt);
      return;
    }
    if (!coll) throw new JournalCorruptError(`The journal changes the collection ${op.c}, which does not exist.`);
    if (op.o === "D") {
      this.docs.delete(coll);
      this.db.removeCollection(op.c);
      return;
    }
    let docs = this.docs.get(coll);
    if (!docs) {
      docs = new Map(coll.data.map((d) => [d.$loki, d]));
      this.docs.set(coll, docs);
    }
    const id = op.o === "R" ? op.id : op.d.$loki;
    // Loki records an insert with a new id, an update or a removal only of a document it holds: anything else means the journal does not belong to this snapshot.
    if ((op.o === "I") === docs.has(id)) throw new JournalCorruptError(`The journal ${op.o === "I" ? "inserts" : "changes"} document ${id} of ${op.c}, which ${op.o === "I" ? "already exists" : "does not exist"}.`);
    if (op.o === "R") docs.delete(id);
    else docs.set(id, op.d);
    coll.maxId = Math.max(coll.maxId, id);
  }

  /** `data` in `$loki` order, `idIndex`, and every binary index rebuilt (Loki trusts a loaded index as it is). */
  finish(): void {
    for (const [coll, docs] of this.docs) {
      coll.data = [...docs.values()].sort((a, b) => a.$loki - b.$loki);
      coll.idIndex = coll.data.map((d) => d.$loki);
      coll.ensureAllIndexes(true);
    }
  }
}

/** Puts the generation at the head of Loki's serialised database (where `snapshotGeneration` reads it without parsing the rest). */
export function withGeneration(serialized: string, generation: number): string {
  if (!serialized.startsWith("{") || serialized.startsWith("{}")) throw new Error("Loki's serialised database is not a JSON object.");
  return `{"journalGeneration":${generation},${serialized.slice(1)}`;
}

/** The generation at the head of the snapshot; 0 for a snapshot without one (written by Azurite or before the journal). */
async function snapshotGeneration(dbPath: string): Promise<number> {
  const file = await fsp.open(dbPath, "r");
  try {
    const { buffer, bytesRead } = await file.read(Buffer.alloc(64), 0, 64, 0);
    const match = /^\{"journalGeneration":(\d+),/.exec(buffer.toString("utf8", 0, bytesRead));
    return match?.[1] ? Number(match[1]) : 0;
  } finally {
    await file.close();
  }
}

/** Writes `data` atomically and durably: temporary file, fdatasync, rename over `file`, fsync of the folder. */
export async function writeFileDurably(file: string, data: string): Promise<void> {
  const tmp = `${file}.saving`;
  const handle = await fsp.open(tmp, "w");
  try {
    await handle.writeFile(data);
    await handle.datasync();
  } finally {
    await handle.close();
  }
  await fsp.rename(tmp, file);
  await syncDir(path.dirname(file));
}

/** Makes the folder's entries (a created, renamed or removed file) durable. */
export async function syncDir(dir: string): Promise<void> {
  const handle = await fsp.open(dir, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Removes the journals below `generation` (all of them without it), durably. */
export async function removeJournals(dbPath: string, generation = Number.POSITIVE_INFINITY): Promise<void> {
  const old = (await listJournals(dbPath)).filter((j) => j.generation < generation);
  for (const j of old) await fsp.rm(j.file, { force: true });
  if (old.length > 0) await syncDir(path.dirname(dbPath));
}

export interface Recovered {
  /** The generation the next journal takes. */
  readonly generation: number;
  /** False for a new data folder: nothing is stored yet. */
  readonly snapshotExists: boolean;
  readonly snapshotBytes: number;
  /** Journal records replayed into the snapshot. */
  readonly replayed: number;
}

/**
 * Brings `dbPath` up to date before Azurite loads it: the snapshot with every journal of its generation or
 * later replayed in order, stored durably under the next generation, then every journal removed durably.
 */
export async function recoverTables(dbPath: string): Promise<Recovered> {
  const journals = await listJournals(dbPath);
  const snapshotExists = fs.existsSync(dbPath);
  if (!snapshotExists) {
    if (journals.length > 0) throw new JournalCorruptError(`The embedded Table Storage cannot start: ${path.dirname(dbPath)} holds journals but no ${path.basename(dbPath)} to replay them onto.`);
    return { generation: 0, snapshotExists, snapshotBytes: 0, replayed: 0 };
  }
  const stored = await snapshotGeneration(dbPath);
  const live = journals.filter((j) => j.generation >= stored);
  if (live.length === 0) {
    // Left over from a crash after a compaction stored its snapshot: already in it.
    await removeJournals(dbPath);
    return { generation: stored, snapshotExists, snapshotBytes: fs.statSync(dbPath).size, replayed: 0 };
  }
  const snapshot: unknown = JSON.parse(await fsp.readFile(dbPath, "utf8"));
  const db = new Loki(dbPath);
  db.loadJSONObject(snapshot, {});
  const replay = new Replay(db);
  let replayed = 0;
  for (const [i, journal] of live.entries()) {
    const { records, torn } = readJournal(journal.file, journal.generation, i === live.length - 1);
    try {
      for (const ops of records) for (const op of ops) replay.apply(op);
    } catch (err) {
      if (err instanceof JournalCorruptError) throw new JournalCorruptError(`The embedded Table Storage cannot start: ${journal.file} does not fit ${dbPath}. ${err.message}`);
      throw err;
    }
    replayed += records.length;
    if (torn) console.warn(`The embedded Table Storage dropped the last record of ${journal.file}: a write cut short by a crash, never acknowledged.`);
  }
  replay.finish();
  const generation = (live.at(-1)?.generation ?? stored) + 1;
  const merged = withGeneration(db.serialize(), generation);
  await writeFileDurably(dbPath, merged);
  await removeJournals(dbPath);
  return { generation, snapshotExists, snapshotBytes: Buffer.byteLength(merged), replayed };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
