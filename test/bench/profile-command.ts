/**
 * @module The fixed per-command cost, measured alone (docs/PERFORMANCE.md, "The fixed per-command cost"): one
 * service (local mode, embedded Azurite on disk), PROBE_SUBS subscribers (10) in the two load-generator processes,
 * and the lead's renames one after another, each sent once every subscriber has the previous one. Prints the service
 * process's CPU time per command (user + system, from /proc: less sensitive to other load than wall-clock) and the
 * command → every subscriber p50/p99. With BENCH_SERVICE_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" the service
 * writes a CPU profile when it stops.
 *   npx tsx test/bench/profile-command.ts      (PROBE_COMMANDS=300, PROBE_SUBS=10)
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { nowMs, pct, probeMeeting, ReceiverPool, startService, stop } from "./common.js";
import { UNLIMITED } from "./latency.js";

const COMMANDS = Number(process.env.PROBE_COMMANDS ?? 300);
const SUBS = Number(process.env.PROBE_SUBS ?? 10);
const WARMUP = 20;

const dir = mkdtempSync(path.join(os.tmpdir(), "okr-prof-"));
const service = await startService({ DATA_DIR: dir, LOCAL_ATTENDEES: String(SUBS + 1), ...UNLIMITED });
const pool = new ReceiverPool(2);
try {
  const meeting = await probeMeeting(pool, service.url, SUBS);
  const rename = async (i: number): Promise<void> => pool.allGot(await meeting.rename(i));
  /** The service's user + system CPU time in ms (/proc/<pid>/stat, clock ticks of 10 ms). */
  const cpuMs = (): number => {
    const fields = readFileSync(`/proc/${service.pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
    return (Number(fields[11]) + Number(fields[12])) * 10;
  };
  for (let i = 0; i < WARMUP; i++) await rename(-1 - i);
  const cpu0 = cpuMs();
  const ms: number[] = [];
  for (let i = 0; i < COMMANDS; i++) {
    const t0 = nowMs();
    await rename(i);
    ms.push(nowMs() - t0);
  }
  const cpu = cpuMs() - cpu0;
  console.log(`${COMMANDS} commands, ${SUBS} subscribers: service CPU ${(cpu / COMMANDS).toFixed(2)} ms per command; command → every subscriber p50 ${pct(ms, 50).toFixed(2)} ms, p99 ${pct(ms, 99).toFixed(2)} ms`);
  await pool.close();
} finally {
  await pool.exit();
  await stop(service);
  rmSync(dir, { recursive: true, force: true });
}
process.exit(0);
