// The embedded Table Storage as its own process (the same durable journal as inside the service): for outage and crash tests, and to keep local data running while the service restarts.
// Usage: node --import tsx scripts/tables-server.ts [--dir .data/azurite] [--port 10002]; prints one JSON line {"port":N,"connectionString":"…"} when ready.
import { parseArgs } from "node:util";
import { startEmbeddedTables } from "../bot/src/storage/azurite.js";

const { values } = parseArgs({ options: { dir: { type: "string" }, port: { type: "string", default: "10002" } } });
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be a port number, not "${values.port}".`);
  process.exit(2);
}
const tables = await startEmbeddedTables({ ...(values.dir ? { dir: values.dir } : {}), port });
console.log(JSON.stringify({ port: tables.port, connectionString: tables.connectionString }));
let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    tables.close().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(err);
        process.exit(1);
      },
    );
  });
}
