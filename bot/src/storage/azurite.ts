/** @module The embedded Table Storage: Azurite's table service started in-process, for local runs and tests. */
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import type TableConfigurationClass from "azurite/dist/src/table/TableConfiguration.js";
import type TableServerClass from "azurite/dist/src/table/TableServer.js";

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
  const address = server.getHttpServerAddress();
  const port = Number(new URL(address).port);
  return {
    connectionString: connectionStringFor(port),
    port,
    close: async () => {
      await server.close();
    },
  };
}
