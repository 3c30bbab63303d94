/**
 * @module The embedded Table Storage: Azurite's table service started in-process, for local runs and tests.
 *
 * Durable like Azure: Azurite itself keeps its tables in memory and writes them to disk every 5 s, so
 * a crash would lose changes it had already answered. Here its timer is off and every change is
 * written through instead: the answer to a request that changes data is held back until the whole
 * database is on disk (written to a temporary file, fsynced, renamed over the old one, folder fsynced).
 * Changes that arrive while a save runs share the next save (group commit), so the cost is one file
 * write per burst, not per change. See docs/ARCHITECTURE.md, "Durability".
 */
import fs from "node:fs";
import fsp from "node:fs/promises";
import type http from "node:http";
import path from "node:path";
import { createRequire } from "node:module";
import type TableConfigurationClass from "azurite/dist/src/table/TableConfiguration.js";
import type TableServerClass from "azurite/dist/src/table/TableServer.js";
import type { LokiDb } from "azurite/dist/src/table/TableServer.js";

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
  if (options.dir) fs.mkdirSync(options.dir, { recursive: true });
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
  await server.start();
  const writeThrough = options.dir ? holdAnswersUntilSaved(server, dbPath) : null;
  const address = server.getHttpServerAddress();
  const port = Number(new URL(address).port);
  let closing: Promise<void> | null = null;
  return {
    connectionString: connectionStringFor(port),
    port,
    close: () =>
      (closing ??= (async () => {
        // Azurite stops taking requests and waits for the ones in flight; then the last save.
        await server.close();
        await writeThrough?.flush();
      })()),
  };
}

/** Methods that can change data; reads are answered at once. */
const READS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Writes Loki's database atomically and durably: temp file, fsync, rename, fsync of the folder. */
async function saveDurably(db: LokiDb, dbPath: string): Promise<void> {
  const data = db.serialize();
  const tmp = `${dbPath}.saving`;
  const file = await fsp.open(tmp, "w");
  try {
    await file.writeFile(data);
    await file.datasync();
  } finally {
    await file.close();
  }
  await fsp.rename(tmp, dbPath);
  const dir = await fsp.open(path.dirname(dbPath), "r");
  try {
    await dir.sync();
  } finally {
    await dir.close();
  }
}

/**
 * Replaces Azurite's timed autosave with write-through: a changing request's answer (status, headers,
 * body) is queued and sent only after a save that started after the change completed.
 */
function holdAnswersUntilSaved(server: TableServerClass, dbPath: string): { flush(): Promise<void> } {
  const db = server.metadataStore.db;
  db.autosaveDisable();
  db.autosave = false;
  let saving: Promise<void> | null = null;
  let next: Promise<void> | null = null;
  const save = (): Promise<void> => {
    if (!saving) {
      saving = saveDurably(db, dbPath).finally(() => (saving = null));
      return saving;
    }
    // A save is running and may have serialised before this change: the change goes into the next one, shared by all who wait.
    next ??= saving
      .catch(() => undefined)
      .then(() => {
        next = null;
        return save();
      });
    return next;
  };

  const httpServer = server.httpServer;
  const listeners = httpServer.listeners("request") as Array<(req: http.IncomingMessage, res: http.ServerResponse) => void>;
  httpServer.removeAllListeners("request");
  httpServer.on("request", (req: http.IncomingMessage, res: http.ServerResponse) => {
    if (!READS.has(req.method ?? "GET")) holdUntilSaved(res, save);
    for (const listener of listeners) listener(req, res);
  });
  return { flush: save };
}

/** Queues what the handler writes to `res` and sends it once `save()` resolves; a failed save drops the connection (the client sees no answer, never a false success). */
function holdUntilSaved(res: http.ServerResponse, save: () => Promise<void>): void {
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
    save().then(
      () => {
        for (const step of queued) step();
      },
      (err: unknown) => {
        console.error("The embedded Table Storage could not save its data; the change was not confirmed.", err);
        res.destroy();
      },
    );
    return res;
  }) as typeof res.end;
}
