// `npm test`: typecheck, lint, build the panel, run every test (domain, storage, API, bot, browser), and end with "N passed, N failed, N skipped".
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import { ensureChromium } from "./ensure-chromium.mjs";
import { ensureRedis } from "./ensure-redis.mjs";

function step(title, cmd, args) {
  console.log(`\n▶ ${title}`);
  const t0 = Date.now();
  const r = spawnSync(cmd, args, { stdio: "inherit", env: process.env });
  if (r.status !== 0) {
    console.error(`✖ ${title} failed (exit ${r.status ?? r.signal}).`);
    return false;
  }
  console.log(`✔ ${title} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  return true;
}

process.env.CHROMIUM_PATH = ensureChromium();
process.env.REDIS_SERVER_PATH = ensureRedis();
mkdirSync("test-results", { recursive: true });

const ok =
  step("Typecheck (tsc --noEmit)", "npx", ["tsc", "--noEmit", "-p", "tsconfig.json"]) &&
  step("Lint (eslint)", "npx", ["eslint", ".", "--max-warnings", "0"]) &&
  step("Build the panel (vite build)", "npx", ["vite", "build", "--logLevel", "warn"]);
if (!ok) {
  console.log("\n0 passed, 1 failed");
  process.exit(1);
}

const tests = spawnSync("npx", ["vitest", "run", "--reporter=default", "--reporter=json", "--outputFile.json=test-results/vitest.json"], { stdio: "inherit", env: process.env });
let passed = 0;
let failed = 0;
let skipped = 0;
try {
  const report = JSON.parse(readFileSync("test-results/vitest.json", "utf8"));
  passed = report.numPassedTests ?? 0;
  // A failed suite is a describe block or file holding failed tests (not counted again), or a file that did not load.
  failed = report.numFailedTests || report.numFailedTestSuites || 0;
  skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
} catch {
  failed = Math.max(failed, 1);
}
if (tests.status !== 0 && failed === 0) failed = 1;
console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || tests.status !== 0 ? 1 : 0);
