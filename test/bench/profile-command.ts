/**
 * @module The fixed per-command cost, measured alone (docs/PERFORMANCE.md, "The fixed per-command cost"): one
 * service (local mode, embedded Azurite on disk), PROBE_SUBS subscribers (10) in the two load-generator processes,
 * and the lead's renames one after another, each sent once every subscriber has the previous one. Prints the service
 * process's CPU time per command (user + system, from /proc: less sensitive to other load than wall-clock) and the
 * command → every subscriber p50/p99. With BENCH_SERVICE_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" the service
 * writes a CPU profile when it stops.
 *   npx tsx test/bench/profile-command.ts      (PROBE_COMMANDS=300, PROBE_SUBS=10)
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { generatedAttendees, LOCAL_MEETING_ID } from "../../bot/src/local/roster.js";
import { nowMs, pct, ReceiverPool, startService, stop, tokensFor } from "./common.js";
import { UNLIMITED } from "./latency.js";

const COMMANDS = Number(process.env.PROBE_COMMANDS ?? 300);
const SUBS = Number(process.env.PROBE_SUBS ?? 10);
const WARMUP = 20;

const dir = mkdtempSync(path.join(os.tmpdir(), "okr-prof-"));
const service = await startService({ DATA_DIR: dir, LOCAL_ATTENDEES: String(SUBS + 1), ...UNLIMITED });
const pool = new ReceiverPool(2);
try {
  const [lead, ...subs] = await tokensFor(service.url, generatedAttendees(SUBS + 1).map((a) => a.userId));
  const base = `${service.url}/api/meetings/${encodeURIComponent(LOCAL_MEETING_ID)}`;
  await pool.open(pool.split(subs.map((token) => ({ url: `${base}/stream`, token }))));
  const headers = { authorization: `Bearer ${lead ?? ""}`, "content-type": "application/json" };
  const post = async (command: Record<string, unknown>): Promise<number> => {
    const res = await fetch(`${base}/commands`, { method: "POST", headers, body: JSON.stringify({ command: { id: randomUUID(), ...command } }) });
    if (!res.ok) throw new Error(`HTTP ${res.status} ${await res.text()}`);
    return ((await res.json()) as { version: number }).version;
  };
  const snapshot = (await (await fetch(base, { headers })).json()) as { meeting: { phase: string; sections: Array<{ id: string }> } };
  if (snapshot.meeting.phase === "notStarted") await post({ type: "startMeeting" });
  const sectionId = snapshot.meeting.sections[0]?.id;
  const rename = async (i: number): Promise<void> => pool.allGot(await post({ type: "renameSection", sectionId, title: `Bench title ${String(i).padStart(7, "0")}` }));
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
