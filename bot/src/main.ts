/** @module Entry point: loads the configuration, starts the service, prints where to find it, stops cleanly. */
import { createApp } from "./app.js";
import { ConfigError, loadConfig } from "./config.js";

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
  const app = await createApp(config);
  // performance.now() counts from process start, so this includes loading the modules, not just our set-up.
  const ms = Math.round(performance.now());
  console.log(`OKR result meeting service (${config.env}) ready in ${ms} ms at ${app.url}`);
  console.log(`  storage: ${config.storageConnectionString ? "Azure Table Storage (STORAGE_CONNECTION_STRING)" : `embedded Azurite, data in ${config.dataDir}/azurite`}`);
  if (config.env === "local") console.log(`  local meeting page: ${app.url}/tab/local/meeting.html`);
  const stop = (signal: string) => {
    console.log(`${signal}: stopping…`);
    app.close().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(err);
        process.exit(1);
      },
    );
  };
  process.once("SIGINT", () => stop("SIGINT"));
  process.once("SIGTERM", () => stop("SIGTERM"));
}

main().catch((err: unknown) => {
  console.error("The service could not start:", err);
  process.exit(1);
});
