/**
 * @module Where the wall-clock time of one command goes, at small N (docs/PERFORMANCE.md, "Wall-clock breakdown"):
 * the service runs in this process (local mode, embedded Azurite on disk) so that its steps can be timed on the same
 * monotonic clock as the load-generator processes' receipts; the lead's renames go one after another, each once every
 * subscriber has the previous one. Timed by wrapping, for this run only, the methods every command passes through:
 * `MeetingStore.execute`, `TableClient.submitTransaction`, the embedded Azurite's HTTP server taking a `$batch`
 * request, the journal's `FileHandle.datasync` and the hub's `publish`. Prints, per step, the p50 and p90 from the POST being sent. The lead's HTTP client shares the service's
 * process here (unlike the suite), so the first step includes its cost.
 *   npx tsx test/bench/breakdown.ts      (BREAKDOWN_COMMANDS=200, BREAKDOWN_SUBS=10)
 */
import { mkdtempSync, rmSync } from "node:fs";
import fsp, { type FileHandle } from "node:fs/promises";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { TableClient } from "@azure/data-tables";
import { createApp } from "../../bot/src/app.js";
import { loadConfig } from "../../bot/src/config.js";
import { InProcessHub } from "../../bot/src/realtime/hub.js";
import { MeetingStore } from "../../bot/src/storage/meeting-store.js";
import { nowMs, pct, probeMeeting, ReceiverPool } from "./common.js";
import { UNLIMITED } from "./latency.js";

const COMMANDS = Number(process.env.BREAKDOWN_COMMANDS ?? 200);
const SUBS = Number(process.env.BREAKDOWN_SUBS ?? 10);
const WARMUP = 20;

const STEPS = ["routed", "transaction sent", "storage has the request", "journal fdatasync begins", "journal fdatasync done", "transaction answered", "published", "first subscriber has it", "last subscriber has it", "lead has the answer"] as const;
type Step = (typeof STEPS)[number];
/** The current command's steps: the first time each is reached, ms on CLOCK_MONOTONIC. */
let current: Partial<Record<Step, number>> = {};
const mark = (step: Step): void => void (current[step] ??= nowMs());

/** Wraps `owner[name]` so that `before` / `after` are marked around each call (async or not). */
function time<T extends object>(owner: T, name: keyof T & string, before: Step, after?: Step): void {
  const original = owner[name] as (...args: unknown[]) => unknown;
  const wrapped = function (this: unknown, ...args: unknown[]): unknown {
    mark(before);
    const result = original.apply(this, args);
    if (after && result instanceof Promise) return result.finally(() => mark(after));
    return result;
  };
  Object.assign(owner, { [name]: wrapped });
}

const probe = await fsp.open(path.join(os.tmpdir(), `okr-breakdown-${process.pid}`), "w");
const fileHandle = Object.getPrototypeOf(probe) as FileHandle;
await probe.close();
await fsp.rm(path.join(os.tmpdir(), `okr-breakdown-${process.pid}`));
time(MeetingStore.prototype, "execute", "routed");
time(TableClient.prototype, "submitTransaction", "transaction sent", "transaction answered");
time(fileHandle, "datasync", "journal fdatasync begins", "journal fdatasync done");
time(InProcessHub.prototype, "publish", "published");
// The embedded Azurite is an http.Server in this process: its `request` event is when it has the transaction's head.
// (EventEmitter's overloads are not expressible as one signature: the arguments are passed through untouched.)
const emit = http.Server.prototype.emit as (this: http.Server, event: string | symbol, ...args: unknown[]) => boolean;
Object.assign(http.Server.prototype, {
  emit(this: http.Server, event: string | symbol, ...args: unknown[]): boolean {
    if (event === "request" && (args[0] as http.IncomingMessage).url?.includes("$batch")) mark("storage has the request");
    return emit.call(this, event, ...args);
  },
});

const dir = mkdtempSync(path.join(os.tmpdir(), "okr-breakdown-"));
Object.assign(process.env, { APP_ENV: "local", HOST: "127.0.0.1", PORT: "0", DATA_DIR: dir, LOCAL_ATTENDEES: String(SUBS + 1), ...UNLIMITED });
const app = await createApp(loadConfig());
const pool = new ReceiverPool(2);
try {
  const meeting = await probeMeeting(pool, app.url, SUBS, () => mark("lead has the answer"));
  const measured = new Map<number, { readonly sent: number; readonly steps: Partial<Record<Step, number>> }>();
  for (let i = -WARMUP; i < COMMANDS; i++) {
    current = {};
    const sent = nowMs();
    const version = await meeting.rename(i);
    await pool.allGot(version);
    if (i >= 0) measured.set(version, { sent, steps: current });
  }
  for (const report of await pool.reports()) {
    for (const [version, m] of measured) {
      for (const t of report.arrivals.get(version) ?? []) {
        m.steps["first subscriber has it"] = Math.min(m.steps["first subscriber has it"] ?? Infinity, t);
        m.steps["last subscriber has it"] = Math.max(m.steps["last subscriber has it"] ?? -Infinity, t);
      }
    }
  }
  console.log(`${COMMANDS} commands, ${SUBS} subscribers, ms from the POST being sent (p50 / p90):`);
  for (const step of STEPS) {
    const xs = [...measured.values()].map((m) => (m.steps[step] ?? NaN) - m.sent).filter((x) => !Number.isNaN(x));
    console.log(`  ${step.padEnd(26)} ${pct(xs, 50).toFixed(2).padStart(6)} / ${pct(xs, 90).toFixed(2).padStart(6)}${xs.length < measured.size ? ` (${xs.length} of ${measured.size})` : ""}`);
  }
  await pool.close();
} finally {
  await pool.exit();
  await app.close();
  rmSync(dir, { recursive: true, force: true });
}
process.exit(0);
