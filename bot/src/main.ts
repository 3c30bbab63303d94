/** @module Entry point: loads the configuration, starts the service, prints where to find it, stops cleanly (see lifecycle.ts). */
import { createApp, type App } from "./app.js";
import { ConfigError, loadConfig } from "./config.js";
import { createStopper, stopOnRequest } from "./lifecycle.js";

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`Configuration error: ${err.message}`);
      process.exit(2);
    }
    throw err;
  }
  // Listening from the start: a stop requested while the service starts waits for it and then closes it, so nothing started is left unsaved.
  let starting: Promise<App> | null = null;
  const stop = createStopper({
    close: async () => {
      if (starting) await (await starting).close();
    },
    exit: (code) => process.exit(code),
    log: (line) => console.log(line),
    error: (line, err) => (err === undefined ? console.error(line) : console.error(line, err)),
  });
  stopOnRequest(stop);
  starting = createApp(config);
  const app = await starting;
  // performance.now() counts from process start, so this includes loading the modules, not just our set-up.
  const ms = Math.round(performance.now());
  console.log(`OKR result meeting service (${config.env}, pid ${process.pid}) ready in ${ms} ms at ${app.url}`);
  console.log(`  storage: ${config.storageConnectionString ? "Azure Table Storage (STORAGE_CONNECTION_STRING)" : `embedded Azurite, data in ${config.dataDir}/azurite`}`);
  if (config.env === "local") console.log(`  local meeting page: ${app.url}/tab/local/meeting.html`);
}

main().catch((err: unknown) => {
  console.error("The service could not start:", err);
  process.exit(1);
});
