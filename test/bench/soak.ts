/**
 * @module `npm run soak`: the crash and outage tests, repeated. Prints figures (and writes
 * test-results/soak.json); the pass/fail checks live in test/crash.test.ts and test/outage.test.ts.
 *  - kills: the service (embedded Table Storage, data folder) runs with 4 attendees sending commands as fast as it
 *    answers; it is killed with SIGKILL at a seeded random moment, restarted on the same folder, and every command
 *    and SIR item answered 200 is checked. Times: restart → /healthz 200, restart → a panel resumed on its stream.
 *  - outages: Table Storage as its own process is frozen (SIGSTOP) while commands flow; the slowest answer during
 *    the outage, and thaw → the first command accepted again.
 *  - fuzzing: the hostile-input fuzzer of test/fuzz.test.ts, for many more cases (seeded): cases tried, 4xx, 5xx
 *    (must be 0), refused requests that changed stored state (must be 0).
 * SOAK_KILLS (default 20), SOAK_OUTAGES (default 5), SOAK_FUZZ (default 10,000 cases), SOAK_SEED.
 */
import { randomUUID } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { LOCAL_ATTENDEES, LOCAL_MEETING_ID } from "../../bot/src/local/roster.js";
import type { CommandResponse } from "../../shared/src/wire/protocol.js";
import { checkKept, flow, FLOOD_ENV, seeded, type Acknowledged } from "../helpers/crash-flow.js";
import { sampleMeeting } from "../helpers/command-samples.js";
import { fuzz, type FuzzReport } from "../helpers/fuzz.js";
import { freePort, ServiceClient, startServiceProcess, startTablesProcess, waitFor } from "../helpers/processes.js";
import { ATTENDEE, startService, teamsActivity, teamsUser } from "../helpers/service.js";

const KILLS = Number(process.env.SOAK_KILLS ?? 20);
const OUTAGES = Number(process.env.SOAK_OUTAGES ?? 5);
const FUZZ = Number(process.env.SOAK_FUZZ ?? 10_000);
const random = seeded(Number(process.env.SOAK_SEED ?? 20261206));
const ORGANIZER = LOCAL_ATTENDEES[0]?.userId ?? "";
const meetingPath = (rest = "") => `/api/meetings/${encodeURIComponent(LOCAL_MEETING_ID)}${rest}`;

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};
const ms = (x: number) => `${Math.round(x)} ms`;

/** Opens the meeting's stream as a panel that last saw `since` (without a head it cannot prove its history) and resolves when the snapshot, the state as stored, has arrived. */
async function resume(client: ServiceClient, since: number): Promise<void> {
  const token = await client.token(ORGANIZER);
  const ac = new AbortController();
  const res = await fetch(`${client.url}${meetingPath("/stream")}?since=${since}`, { headers: { authorization: `Bearer ${token}`, accept: "text/event-stream" }, signal: ac.signal });
  if (!res.ok || !res.body) throw new Error(`stream: HTTP ${res.status}`);
  const reader = res.body.getReader();
  let text = "";
  const decoder = new TextDecoder();
  while (!text.includes('"type":"snapshot"')) {
    const { value, done } = await reader.read();
    if (done) throw new Error("stream ended before the snapshot");
    text += decoder.decode(value, { stream: true });
  }
  ac.abort();
}

async function kills(): Promise<Record<string, number>> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "okr-soak-"));
  const acked: Acknowledged = { commands: new Map(), sirItems: new Set() };
  const healthy: number[] = [];
  const resynced: number[] = [];
  const checked = new Set<string>();
  let lost = 0;
  try {
    let service = await startServiceProcess({ ...FLOOD_ENV, DATA_DIR: dataDir });
    for (let kill = 0; kill < KILLS; kill++) {
      const client = new ServiceClient(service.url);
      const stop = new AbortController();
      const flowing = flow(client, stop.signal, acked);
      // A seeded moment between 0.2 and 2 s into the flow.
      const at = Date.now() + 200 + random() * 1800;
      await waitFor("the kill moment", () => (Date.now() >= at ? true : undefined), 5_000, 5);
      service.kill("SIGKILL");
      await service.exited;
      stop.abort();
      await flowing;
      const newIds = [...acked.commands.keys()].filter((id) => !checked.has(id));
      for (const id of newIds) checked.add(id);

      const t0 = performance.now();
      service = await startServiceProcess({ ...FLOOD_ENV, DATA_DIR: dataDir });
      healthy.push(performance.now() - t0);
      const restarted = new ServiceClient(service.url);
      await resume(restarted, Math.max(0, ...acked.commands.values()));
      resynced.push(performance.now() - t0);
      // The ids acknowledged since the last check (all of them at the end, below).
      const report = await checkKept(restarted, acked, newIds);
      lost += report.lostCommands.length + report.lostSirItems.length + (report.versionWentBack ? 1 : 0);
      process.stdout.write(`kill ${kill + 1}/${KILLS}: ${acked.commands.size + acked.sirItems.size} acknowledged so far, lost ${lost}\n`);
    }
    const final = await checkKept(new ServiceClient(service.url), acked);
    lost = Math.max(lost, final.lostCommands.length + final.lostSirItems.length);
    service.kill("SIGTERM");
    await service.exited;
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  return {
    kills: KILLS,
    acknowledged: acked.commands.size + acked.sirItems.size,
    lost,
    healthyP50Ms: pct(healthy, 50),
    healthyMaxMs: Math.max(...healthy),
    resyncP50Ms: pct(resynced, 50),
    resyncMaxMs: Math.max(...resynced),
  };
}

async function outages(): Promise<Record<string, number>> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "okr-soak-outage-"));
  const tables = await startTablesProcess({ dir: dataDir, port: await freePort() });
  const service = await startServiceProcess({ ...FLOOD_ENV, STORAGE_CONNECTION_STRING: tables.connectionString });
  const client = new ServiceClient(service.url);
  const slowest: number[] = [];
  const recovered: number[] = [];
  let refused = 0;
  let wrong = 0;
  try {
    await client.request(ORGANIZER, meetingPath("/commands"), { command: { id: `soak-${randomUUID()}`, type: "startMeeting" } });
    for (let n = 0; n < OUTAGES; n++) {
      tables.freeze();
      let worst = 0;
      const until = Date.now() + 3_000 + random() * 3_000;
      // 4 senders during the outage: each answer must be a quick 503, never a hang or a 500.
      await Promise.all(
        Array.from({ length: 4 }, async () => {
          while (Date.now() < until) {
            const t0 = performance.now();
            const res = await client.request<CommandResponse>(ORGANIZER, meetingPath("/commands"), { command: { id: `soak-${randomUUID()}`, type: "renameSection", sectionId: "goodNews", title: `outage ${n}` } });
            worst = Math.max(worst, performance.now() - t0);
            if (res.status === 503 && res.headers.get("retry-after")) refused++;
            else wrong++;
          }
        }),
      );
      slowest.push(worst);
      tables.thaw();
      const t0 = performance.now();
      await waitFor("a command accepted after the thaw", async () => {
        const res = await client.request(ORGANIZER, meetingPath("/commands"), { command: { id: `soak-${randomUUID()}`, type: "renameSection", sectionId: "goodNews", title: `after ${n} ${randomUUID().slice(0, 8)}` } });
        return res.status === 200 ? true : undefined;
      }, 30_000, 20);
      recovered.push(performance.now() - t0);
      process.stdout.write(`outage ${n + 1}/${OUTAGES}: slowest answer ${ms(worst)}, back after ${ms(recovered.at(-1) ?? 0)}\n`);
    }
  } finally {
    tables.thaw();
    service.kill("SIGTERM");
    await service.exited;
    tables.kill("SIGTERM");
    await tables.exited;
    rmSync(dataDir, { recursive: true, force: true });
  }
  return { outages: OUTAGES, refusedWith503: refused, otherAnswers: wrong, slowestAnswerMs: Math.max(...slowest), recoveryP50Ms: pct(recovered, 50), recoveryMaxMs: Math.max(...recovered) };
}

async function fuzzing(): Promise<FuzzReport> {
  const service = await startService({ ...FLOOD_ENV });
  try {
    const [lead, author] = await Promise.all([service.tokenFor(ORGANIZER), service.tokenFor(ATTENDEE)]);
    const ids = await sampleMeeting(service, lead, author, { userId: ATTENDEE, name: LOCAL_ATTENDEES[2]?.name ?? "Alex" });
    const target = { url: service.url, token: lead, ids, activity: (o: Record<string, unknown>) => teamsActivity(service, teamsUser(ORGANIZER), o) };
    return await fuzz(target, {
      runs: FUZZ,
      seed: Number(process.env.SOAK_SEED ?? 20261206),
      onProgress: (done, r) => process.stdout.write(`fuzz: ${done}/${FUZZ} cases, ${r.answered5xx} × 5xx, ${r.unintendedChanges} unintended changes\n`),
    });
  } finally {
    await service.close();
  }
}

const crash = await kills();
const outage = await outages();
const fuzzed = await fuzzing();
console.log("\nSoak results");
console.log(`  kills: ${crash.kills}, commands acknowledged: ${crash.acknowledged}, lost: ${crash.lost}`);
console.log(`  restart → healthy: p50 ${ms(crash.healthyP50Ms ?? NaN)}, max ${ms(crash.healthyMaxMs ?? NaN)}`);
console.log(`  restart → panel resynced: p50 ${ms(crash.resyncP50Ms ?? NaN)}, max ${ms(crash.resyncMaxMs ?? NaN)}`);
console.log(`  outages: ${outage.outages}, answers during outages: ${outage.refusedWith503} × 503 + Retry-After, ${outage.otherAnswers} other; slowest ${ms(outage.slowestAnswerMs ?? NaN)}`);
console.log(`  thaw → first command accepted: p50 ${ms(outage.recoveryP50Ms ?? NaN)}, max ${ms(outage.recoveryMaxMs ?? NaN)}`);
console.log(`  fuzzing: ${fuzzed.cases} cases, ${fuzzed.answered4xx} × 4xx, ${fuzzed.answered2xx} × 2xx, ${fuzzed.answered5xx} × 5xx, ${fuzzed.unintendedChanges} unintended changes, ${fuzzed.withoutMessage} refusals without a message`);
for (const p of fuzzed.problems) console.log(`    ${p}`);
mkdirSync("test-results", { recursive: true });
writeFileSync("test-results/soak.json", JSON.stringify({ crash, outage, fuzz: fuzzed, node: process.version, cpus: os.cpus().length }, null, 2));
const fuzzClean = fuzzed.answered5xx === 0 && fuzzed.unintendedChanges === 0 && fuzzed.withoutMessage === 0;
process.exit(crash.lost === 0 && outage.otherAnswers === 0 && fuzzClean ? 0 : 1);
