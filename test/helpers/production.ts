/** @module Test harness: the real service in production mode (real Entra settings, Bot Framework credentials, storage by connection string) on 127.0.0.1, with a built-looking tab folder and its console output captured. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createApp, type App } from "../../bot/src/app.js";
import { startEmbeddedTables } from "../../bot/src/storage/azurite.js";
import { loadConfig } from "../../bot/src/config.js";

/** What production needs to start (see test/config.test.ts); the keys are never fetched unless a token arrives. */
export const PRODUCTION_ENV = {
  APP_ENV: "production",
  AUTH_ISSUER: "https://login.microsoftonline.com/{tenantid}/v2.0",
  AUTH_AUDIENCE: "api://okr.example.com/botid-11111111-2222-4333-8444-555555555555",
  AUTH_JWKS_URL: "https://login.microsoftonline.com/common/discovery/v2.0/keys",
  MicrosoftAppId: "11111111-2222-4333-8444-555555555555",
  MicrosoftAppPassword: "secret-from-key-vault",
  // A multi-tenant app, explicitly: production refuses to start without a tenant policy.
  AUTH_ALLOWED_TENANTS: "*",
} as const;

export interface ProductionService {
  readonly app: App;
  readonly url: string;
  /** Every console.error/warn/log line written while the service ran. */
  readonly logs: string[];
  fetch(pathAndQuery: string, init?: RequestInit): Promise<Response>;
  close(): Promise<void>;
}

export async function startProductionService(): Promise<ProductionService> {
  const tabDir = mkdtempSync(path.join(os.tmpdir(), "okr-prod-tab-"));
  writeFileSync(path.join(tabDir, "index.html"), "<!doctype html><title>panel</title>");
  mkdirSync(path.join(tabDir, "local"));
  writeFileSync(path.join(tabDir, "local", "meeting.html"), "<!doctype html><title>local meeting</title>");
  const tables = await startEmbeddedTables();
  const logs: string[] = [];
  const original = { error: console.error, warn: console.warn, log: console.log };
  for (const level of ["error", "warn", "log"] as const) {
    console[level] = (...args: unknown[]) => {
      logs.push(args.map((a) => (a instanceof Error ? (a.stack ?? a.message) : String(a))).join(" "));
    };
  }
  const config = loadConfig({ ...PRODUCTION_ENV, PORT: "0", HOST: "127.0.0.1", TAB_DIR: tabDir, STORAGE_CONNECTION_STRING: tables.connectionString });
  const app = await createApp(config, { inMemoryStorage: true });
  return {
    app,
    url: app.url,
    logs,
    fetch: (p, init) => fetch(`${app.url}${p}`, init),
    close: async () => {
      await app.close();
      await tables.close();
      Object.assign(console, original);
      rmSync(tabDir, { recursive: true, force: true });
    },
  };
}
