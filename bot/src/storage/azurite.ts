/**
 * @module The embedded Table Storage: Azurite's table service started in-process, for local runs and tests.
 *
 * Durable like Azure: Azurite itself keeps its tables in memory (LokiJS) and writes them to disk every 5 s,
 * so a crash would lose changes it had already answered. Here its timer is off and every change goes into an
 * append-only journal instead: Loki's Changes API hands over each document inserted, updated or removed, a
 * hook on the database each collection (table) created or removed, and the answer to a request that changes
 * data is held back until a journal record holding its changes is appended and fdatasynced. Changes that
 * arrive while a record is being written share the next one (group commit), so a burst costs one append and
 * one fdatasync, of the size of what changed, not of the database. The journal is folded into the snapshot
 * (`azurite-table.json`) when it outgrows it and at a clean close; at start, before Azurite loads the
 * snapshot, the journals are replayed into it. The files and their crash points: table-journal.ts; the
 * promise: docs/RELIABILITY.md, "Acknowledged ⇒ durable".
 */
import fs from "node:fs";
import fsp, { type FileHandle } from "node:fs/promises";
import type http from "node:http";
import path from "node:path";
import { createRequire } from "node:module";
import type TableConfigurationClass from "azurite/dist/src/table/TableConfiguration.js";
import type TableServerClass from "azurite/dist/src/table/TableServer.js";
import type { LokiCollection, LokiDb } from "azurite/dist/src/table/TableServer.js";
import { encodeRecord, journalPath, listJournals, recoverTables, removeJournals, syncDir, withGeneration, writeFileDurably, type Recovered } from "./table-journal.js";

// Azurite is CommonJS with `exports.default`; the package root import fails, so load the two classes directly.
const require = createRequire(import.meta.url);
const TableConfiguration = (require("azurite/dist/src/table/TableConfiguration.js") as { default: typeof TableConfigurationClass }).default;
const TableServer = (require("azurite/dist/src/table/TableServer.js") as { default: typeof TableServerClass }).default;

export interface EmbeddedTables {
  readonly connectionString: string;
  readonly port: number;
  close(): Promise<void>;
}

const ACCOUNT = "devstoreaccount1";
// Azurite's well-known development key (public, documented by Microsoft; not a secret).
const KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

export function connectionStringFor(port: number, host = "127.0.0.1"): string {
  return `DefaultEndpointsProtocol=http;AccountName=${ACCOUNT};AccountKey=${KEY};TableEndpoint=http://${host}:${port}/${ACCOUNT};`;
}

/**
 * Starts Azurite's table service. With `dir`, data is kept in that folder so a restart keeps the
 * meetings; without it, data lives in memory (tests). Port 0 picks a free port.
 */
export async function startEmbeddedTables(options: { dir?: string; port?: number } = {}): Promise<EmbeddedTables> {
  const dbPath = options.dir ? path.join(options.dir, "azurite-table.json") : "azurite-table.json";
  let recovered: Recovered | null = null;
  if (options.dir) {
    fs.mkdirSync(options.dir, { recursive: true });
    recovered = await recoverTables(dbPath);
  }
  const config = new TableConfiguration(
    "127.0.0.1",
    options.port ?? 0,
    undefined,
    dbPath,
    false,
    false,
    undefined,
    undefined,
    false,
    false,
    "",
    "",
    "",
    undefined,
    false,
    !options.dir,
  );
  const server = new TableServer(config);
  // Azurite saves once at start through Loki's own file adapter (no fsync, no generation): the journal stores snapshots itself.
  if (recovered) server.metadataStore.saveDBState = () => Promise.resolve();
  await server.start();
  // Before anything else can run: no request may be answered before its change is tracked and held.
  const journaled = recovered ? holdAnswersUntilJournaled(server, new TableJournal(server.metadataStore.db, dbPath, recovered)) : null;
  const address = server.getHttpServerAddress();
  const port = Number(new URL(address).port);
  let closing: Promise<void> | null = null;
  return {
    connectionString: connectionStringFor(port),
    port,
    close: () =>
      (closing ??= (async () => {
        // Azurite stops taking requests and waits for the ones in flight; then the last commit and the final snapshot.
        await server.close();
        await journaled?.close();
      })()),
  };
}

/**
 * When a journal is folded into the snapshot: once it is larger than the snapshot, and not before 4 MiB. A
 * compaction serialises the whole database (this blocks the process, about 20 ms per MB of data) and writes
 * it beside the journal, so it comes at most once per a database's worth of journal: it at most doubles the
 * bytes written, and a start never replays more than about one database's worth of journal.
 */
const COMPACT_AT_LEAST_BYTES = 4 * 1024 * 1024;

/**
 * The journal of one running Azurite: collects Loki's changes as JSON, appends them per group commit, and
 * compacts. Commits run one at a time (the caller's group commit); a compaction runs beside them.
 */
class TableJournal {
  /** The ops since the last commit, each already JSON (taken when it happened: Azurite reuses the objects). */
  private pending: string[] = [];
  private generation: number;
  /** The current generation's journal file, opened by its first commit. */
  private file: FileHandle | null = null;
  private records = 0;
  private bytes = 0;
  private snapshotBytes: number;
  /** A snapshot is due: a new folder, or a journal write failed (the file may end in part of a record and its ops are in memory only). */
  private needsSnapshot: boolean;
  private writing = false;
  private compaction: Promise<void> | null = null;
  private closed = false;

  constructor(
    private readonly db: LokiDb,
    private readonly dbPath: string,
    recovered: Recovered,
  ) {
    this.generation = recovered.generation;
    this.snapshotBytes = recovered.snapshotBytes;
    this.needsSnapshot = !recovered.snapshotExists;
    db.autosaveDisable();
    db.autosave = false;
    this.track();
  }

  /** Takes over Loki's change tracking on every collection, and on every one Azurite creates later (a new table). */
  private track(): void {
    for (const coll of this.db.collections) this.trackCollection(coll);
    const addCollection = this.db.addCollection.bind(this.db);
    const removeCollection = this.db.removeCollection.bind(this.db);
    const exists = (name: string) => this.db.collections.some((c) => c.name === name);
    this.db.addCollection = (name, options) => {
      const existed = exists(name);
      const opt = JSON.stringify(options ?? {}); // before Loki normalises the options in place
      const coll = addCollection(name, options);
      if (!existed) {
        this.pending.push(`{"o":"C","c":${JSON.stringify(name)},"opt":${opt}}`);
        this.trackCollection(coll);
      }
      return coll;
    };
    this.db.removeCollection = (name) => {
      const existed = exists(name);
      removeCollection(name);
      if (existed) this.pending.push(`{"o":"D","c":${JSON.stringify(name)}}`);
    };
  }

  private trackCollection(coll: LokiCollection): void {
    const name = JSON.stringify(coll.name);
    coll.setChangesApi(true);
    // Loki would keep a parsed copy of every changed document in the collection until `clearChanges`; the journal
    // takes the JSON at once instead (remove() deletes `$loki` and `meta` from the object right after).
    coll.createChange = (_name, op, obj) => {
      this.pending.push(op === "R" ? `{"o":"R","c":${name},"id":${obj.$loki}}` : `{"o":${JSON.stringify(op)},"c":${name},"d":${JSON.stringify(obj)}}`);
    };
  }

  /** One group commit: what changed since the last one, appended as one record, then one fdatasync. */
  async commit(): Promise<void> {
    if (this.needsSnapshot) return this.snapshot();
    if (this.pending.length === 0) return;
    const record = encodeRecord(this.generation, this.records, this.pending);
    this.pending = [];
    this.writing = true;
    try {
      const created = !this.file;
      this.file ??= await fsp.open(journalPath(this.dbPath, this.generation), "wx");
      await this.file.appendFile(record);
      await this.file.datasync();
      // A new file's name must be durable too before its first record counts.
      if (created) await syncDir(path.dirname(this.dbPath));
      this.records++;
      this.bytes += record.length;
    } catch (err) {
      this.needsSnapshot = true;
      throw err;
    } finally {
      this.writing = false;
    }
    // After this commit's answers are sent (they wait on this promise).
    if (this.bytes >= this.compactAt()) setImmediate(() => this.compact());
  }

  private compactAt(): number {
    return Math.max(COMPACT_AT_LEAST_BYTES, this.snapshotBytes);
  }

  /**
   * Folds the journal into the snapshot without holding answers back: the next commits go to a new generation's
   * journal while the snapshot of that generation (everything up to now, taken at once) is stored; then the old
   * journal is removed. Runs only between journal writes, so the old journal ends exactly where the new one starts.
   */
  private compact(): void {
    if (this.closed || this.compaction || this.writing || this.needsSnapshot || this.bytes < this.compactAt()) return;
    const old = this.file;
    this.file = null;
    this.records = 0;
    this.bytes = 0;
    this.generation++;
    const snapshot = withGeneration(this.db.serialize(), this.generation);
    const generation = this.generation;
    this.compaction = (async () => {
      await old?.close();
      await writeFileDurably(this.dbPath, snapshot);
      this.snapshotBytes = Buffer.byteLength(snapshot);
      await removeJournals(this.dbPath, generation);
    })()
      .catch((err: unknown) => console.error("The embedded Table Storage could not compact its journal; nothing is lost (the journals stay and are replayed at start).", err))
      .finally(() => (this.compaction = null));
  }

  /** Stores the whole database as the snapshot of a new generation and removes every journal: after a failed journal write, for a new folder, and at close. */
  private async snapshot(): Promise<void> {
    this.needsSnapshot = true;
    await this.compaction;
    const old = this.file;
    this.file = null;
    this.records = 0;
    this.bytes = 0;
    this.generation++;
    this.pending = [];
    const snapshot = withGeneration(this.db.serialize(), this.generation);
    await old?.close().catch(() => undefined);
    await writeFileDurably(this.dbPath, snapshot);
    this.snapshotBytes = Buffer.byteLength(snapshot);
    this.needsSnapshot = false;
    // Stored: the older journals are stale now (a start skips them by their generation), so failing to remove them loses nothing.
    await removeJournals(this.dbPath, this.generation).catch((err: unknown) => console.error("The embedded Table Storage could not remove its old journals (they are skipped at start).", err));
  }

  /** At a clean close, after the last commit: the final snapshot, so the next start replays nothing. */
  async close(): Promise<void> {
    this.closed = true;
    await this.compaction;
    if (this.needsSnapshot || this.pending.length > 0 || this.file || (await listJournals(this.dbPath)).length > 0) await this.snapshot();
  }
}

/** Methods that can change data; reads are answered at once. */
const READS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Replaces Azurite's timed autosave with the journal: a changing request's answer (status, headers, body) is
 * queued and sent only after a commit that started after the change completed.
 */
function holdAnswersUntilJournaled(server: TableServerClass, journal: TableJournal): { close(): Promise<void> } {
  let committing: Promise<void> | null = null;
  let next: Promise<void> | null = null;
  const commit = (): Promise<void> => {
    if (!committing) {
      committing = journal.commit().finally(() => (committing = null));
      return committing;
    }
    // A commit is running and may have taken its changes before this one: this change goes into the next, shared by all who wait.
    next ??= committing
      .catch(() => undefined)
      .then(() => {
        next = null;
        return commit();
      });
    return next;
  };

  const httpServer = server.httpServer;
  const listeners = httpServer.listeners("request") as Array<(req: http.IncomingMessage, res: http.ServerResponse) => void>;
  httpServer.removeAllListeners("request");
  httpServer.on("request", (req: http.IncomingMessage, res: http.ServerResponse) => {
    if (!READS.has(req.method ?? "GET")) holdUntilCommitted(res, commit);
    for (const listener of listeners) listener(req, res);
  });
  return {
    close: async () => {
      // A failed last commit leaves a snapshot due, which close stores.
      await commit().catch(() => undefined);
      await journal.close();
    },
  };
}

/** Queues what the handler writes to `res` and sends it once `commit()` resolves; a failed commit drops the connection (the client sees no answer, never a false success). */
function holdUntilCommitted(res: http.ServerResponse, commit: () => Promise<void>): void {
  const queued: Array<() => void> = [];
  const write = res.write.bind(res) as (...args: unknown[]) => boolean;
  const end = res.end.bind(res) as (...args: unknown[]) => http.ServerResponse;
  const flushHeaders = res.flushHeaders.bind(res);
  // Node's overloads are not expressible as one signature here: the arguments are passed through untouched.
  res.write = ((...args: unknown[]) => {
    queued.push(() => write(...args));
    return true;
  }) as typeof res.write;
  res.flushHeaders = () => void queued.push(flushHeaders);
  res.end = ((...args: unknown[]) => {
    queued.push(() => end(...args));
    commit().then(
      () => {
        for (const step of queued) step();
      },
      (err: unknown) => {
        console.error("The embedded Table Storage could not store a change; it was not confirmed.", err);
        res.destroy();
      },
    );
    return res;
  }) as typeof res.end;
}
