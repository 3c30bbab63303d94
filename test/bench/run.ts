/**
 * @module `npm run bench`: measures what the live core promises. Prints figures (and writes
 * test-results/bench.json); it asserts nothing, timing goals live here, not in tests.
 *  - fan-out: a lead's command → every one of N open panels' streams, durable write included
 *  - quiet timer: bytes sent to panels while the timer runs
 *  - bundle: gzipped JS the panel loads first
 *  - start-up: `node --import tsx bot/src/main.ts` until it says ready
 *  - KPI board: reading a board with 30 KPIs × 150 weeks of history, exporting it as CSV, importing that CSV
 *  - summary: the channel card and the Markdown record built for a large meeting (test/bench/summary.ts)
 */
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { createApp } from "../../bot/src/app.js";
import { loadConfig } from "../../bot/src/config.js";
import type { Role } from "../../shared/src/auth/capabilities.js";
import { KpiCommand } from "../../shared/src/kpi/commands.js";
import { weeksEndingWith } from "../../shared/src/kpi/week.js";
import type { StreamMessage } from "../../shared/src/wire/protocol.js";
import { summaryBench } from "./summary.js";

const PANELS = Number(process.env.BENCH_PANELS ?? 100);
const COMMANDS = Number(process.env.BENCH_COMMANDS ?? 50);
const TENANT = "00000000-0000-4000-8000-0000000000be";
const MEETING = "bench-meeting";

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};
const r1 = (x: number) => Math.round(x * 10) / 10;

async function openPanel(url: string, token: string, onMessage: (m: StreamMessage) => void, counter: { bytes: number }): Promise<() => void> {
  const ac = new AbortController();
  const res = await fetch(`${url}/api/meetings/${encodeURIComponent(MEETING)}/stream`, { headers: { authorization: `Bearer ${token}` }, signal: ac.signal });
  if (!res.ok || !res.body) throw new Error(`stream failed: ${res.status}`);
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let buf = "";
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        counter.bytes += value.byteLength;
        buf += decoder.decode(value, { stream: true });
        let i;
        while ((i = buf.indexOf("\n\n")) >= 0) {
          const block = buf.slice(0, i);
          buf = buf.slice(i + 2);
          const data = block.split("\n").find((l) => l.startsWith("data: "));
          if (data) onMessage(JSON.parse(data.slice(6)) as StreamMessage);
        }
      }
    } catch {
      // aborted at the end of the run
    }
  })();
  return () => ac.abort();
}

async function fanOut() {
  const dir = mkdtempSync(path.join(os.tmpdir(), "okr-bench-"));
  const config = loadConfig({ APP_ENV: "local", PORT: "0", DATA_DIR: dir, TAB_DIR: dir, ROLE_TTL_MS: "60000" });
  // Teams is not here: a fixed role table stands in for the meeting-participant API (the stand-in connector knows only 4 people).
  const roles = { roleOf: async (_ref: unknown, userId: string): Promise<Role | null> => (userId === "lead" ? "Organizer" : "Attendee") };
  const app = await createApp(config, { roles });
  const issuer = app.devIssuer;
  if (!issuer) throw new Error("dev issuer missing");
  const leadToken = await issuer.sign({ oid: "lead", tid: TENANT, name: "Lead" });
  const post = async (command: Record<string, unknown>) => {
    const res = await fetch(`${app.url}/api/meetings/${encodeURIComponent(MEETING)}/commands`, {
      method: "POST",
      headers: { authorization: `Bearer ${leadToken}`, "content-type": "application/json" },
      body: JSON.stringify({ command: { id: crypto.randomUUID(), ...command } }),
    });
    if (!res.ok) throw new Error(`command failed: ${res.status} ${await res.text()}`);
  };
  await post({ type: "startMeeting" });

  const waiting = new Map<number, { left: number; t0: number; arrivals: number[]; done: () => void }>();
  const counter = { bytes: 0 };
  const closers: Array<() => void> = [];
  let hellos = 0;
  let allHello: () => void = () => undefined;
  const helloDone = new Promise<void>((r) => (allHello = r));
  for (let i = 0; i < PANELS; i++) {
    const token = await issuer.sign({ oid: `attendee-${i}`, tid: TENANT, name: `Attendee ${i}` });
    closers.push(
      await openPanel(
        app.url,
        token,
        (m) => {
          if (m.type === "snapshot" && ++hellos === PANELS) allHello();
          if (m.type === "commit") {
            const w = waiting.get(m.commit.version);
            if (!w) return;
            w.arrivals.push(performance.now() - w.t0);
            if (--w.left === 0) w.done();
          }
        },
        counter,
      ),
    );
  }
  await helloDone;

  const lastPanel: number[] = [];
  const everyPanel: number[] = [];
  for (let c = 0; c < COMMANDS; c++) {
    const version = c + 2;
    let done: () => void = () => undefined;
    const arrived = new Promise<void>((r) => (done = r));
    const w = { left: PANELS, t0: performance.now(), arrivals: [] as number[], done };
    waiting.set(version, w);
    await post({ type: c % 2 === 0 ? "pauseTimer" : "startTimer" });
    await arrived;
    lastPanel.push(Math.max(...w.arrivals));
    everyPanel.push(...w.arrivals);
    waiting.delete(version);
  }

  // The timer runs: count what the panels receive while nothing changes.
  await post({ type: "startTimer" }).catch(() => undefined);
  const before = counter.bytes;
  const quietMs = 3000;
  await new Promise((r) => setTimeout(r, quietMs));
  const quietBytes = counter.bytes - before;

  const rss = process.memoryUsage().rss;
  closers.forEach((close) => close());
  await app.close();
  rmSync(dir, { recursive: true, force: true });
  return {
    panels: PANELS,
    commands: COMMANDS,
    clickToLastPanelMs: { p50: r1(pct(lastPanel, 50)), p95: r1(pct(lastPanel, 95)), max: r1(Math.max(...lastPanel)) },
    clickToEachPanelMs: { p50: r1(pct(everyPanel, 50)), p95: r1(pct(everyPanel, 95)) },
    bytesToAllPanelsWhileTimerRuns: { windowMs: quietMs, bytes: quietBytes },
    processRssMiB: r1(rss / 1024 / 1024),
  };
}

async function kpiBoard() {
  const KPIS = 30;
  const WEEKS = 150;
  const config = loadConfig({ APP_ENV: "local", PORT: "0", TAB_DIR: "dist/tab", ROLE_TTL_MS: "60000" });
  const roles = { roleOf: async (): Promise<Role | null> => "Organizer" };
  const app = await createApp(config, { inMemoryStorage: true, roles });
  const token = await app.devIssuer?.sign({ oid: "lead", tid: TENANT, name: "Lead" });
  const connector = app.connector;
  if (!token || !connector) throw new Error("local mode expected");
  // The stand-in Teams knows a meeting once it has participants.
  connector.setRole(MEETING, "lead", "Organizer");
  connector.setRole("bench-meeting-import", "lead", "Organizer");
  const seriesId = connector.chatOf(MEETING);
  const lead = { person: { userId: "lead", name: "Lead" }, canManage: true };
  const metricIds: string[] = [];
  for (let i = 0; i < KPIS; i++) {
    const id = `bench-kpi-${String(i).padStart(4, "0")}`;
    const fields = { kind: "kpi", objectiveId: null, name: `KPI ${i + 1}`, unit: "%", direction: "higher", target: 95, targetMax: null, start: null, tolerancePct: 10, owner: null };
    const r = await app.kpi.execute(TENANT, seriesId, KpiCommand.parse({ id, type: "createMetric", fields }), lead);
    if (!r.ok || r.change.kind !== "metric") throw new Error("create failed");
    metricIds.push(r.change.metric.id);
  }
  const { board } = await app.kpi.loadBoard(TENANT, seriesId);
  const weeks = weeksEndingWith(app.kpi.currentWeek(board), WEEKS);
  const commands = metricIds.flatMap((metricId, i) => weeks.map((week, j) => KpiCommand.parse({ id: `v-${i}-${j}-${"x".repeat(4)}`, type: "recordValue", metricId, week, value: 80 + ((i * 7 + j) % 30) })));
  const t0 = performance.now();
  const written = await app.kpi.recordValues(TENANT, seriesId, commands as Extract<KpiCommand, { type: "recordValue" }>[], lead);
  const bulkMs = performance.now() - t0;
  if (!written.ok) throw new Error("bulk write failed");
  const get = async (p: string) => {
    const t = performance.now();
    const res = await fetch(`${app.url}/api/meetings/${encodeURIComponent(MEETING)}${p}`, { headers: { authorization: `Bearer ${token}` } });
    const text = await res.text();
    if (!res.ok) throw new Error(`${p}: ${res.status} ${text}`);
    return { ms: performance.now() - t, text };
  };
  const reads: number[] = [];
  let boardBytes = 0;
  for (let i = 0; i < 30; i++) {
    const r = await get("/kpi");
    reads.push(r.ms);
    boardBytes = r.text.length;
  }
  const exported = await get("/kpi/export.csv");
  const other = "bench-meeting-import";
  const t1 = performance.now();
  const imported = await fetch(`${app.url}/api/meetings/${encodeURIComponent(other)}/kpi/import`, { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "text/csv" }, body: exported.text });
  const importMs = performance.now() - t1;
  if (!imported.ok) throw new Error(`import: ${imported.status} ${await imported.text()}`);
  await app.close();
  return {
    kpis: KPIS,
    weeksOfHistory: WEEKS,
    bulkWrite4500ValuesMs: Math.round(bulkMs),
    boardReadMs: { p50: r1(pct(reads, 50)), p95: r1(pct(reads, 95)) },
    boardResponseKiB: r1(boardBytes / 1024),
    csvExportMs: Math.round(exported.ms),
    csvKiB: r1(exported.text.length / 1024),
    csvImportMs: Math.round(importMs),
  };
}

function bundle() {
  const root = "dist/tab";
  const html = readFileSync(path.join(root, "index.html"), "utf8");
  const files = [...html.matchAll(/(?:src|href)="\/tab\/(assets\/[^"]+\.js)"/g)].map((m) => m[1] ?? "");
  const sizes = files.map((f) => ({ file: f, gzipKiB: r1(gzipSync(readFileSync(path.join(root, f))).length / 1024) }));
  return { initialJsGzipKiB: r1(sizes.reduce((s, f) => s + f.gzipKiB, 0)), files: sizes };
}

async function startup() {
  const dir = mkdtempSync(path.join(os.tmpdir(), "okr-start-"));
  const t0 = performance.now();
  const child = spawn(process.execPath, ["--import", "tsx", "bot/src/main.ts"], { env: { ...process.env, APP_ENV: "local", PORT: "0", DATA_DIR: dir }, stdio: ["ignore", "pipe", "inherit"] });
  const ms = await new Promise<number>((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
      if (out.includes("ready in")) resolve(performance.now() - t0);
    });
    child.on("exit", (code) => reject(new Error(`service exited with ${code}`)));
  });
  child.kill("SIGTERM");
  rmSync(dir, { recursive: true, force: true });
  return { processStartToReadyMs: Math.round(ms) };
}

const machine = `${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
console.log(`machine: ${machine}`);
const fan = await fanOut();
console.log("fan-out:", JSON.stringify(fan, null, 2));
const size = bundle();
console.log("bundle:", JSON.stringify(size, null, 2));
const start = await startup();
console.log("start-up:", JSON.stringify(start));
const kpi = await kpiBoard();
console.log("KPI board:", JSON.stringify(kpi, null, 2));
const summary = summaryBench();
console.log("summary:", JSON.stringify(summary, null, 2));
const results = { machine, fanOut: fan, bundle: size, startup: start, kpiBoard: kpi, summary };
mkdirSync("test-results", { recursive: true });
writeFileSync("test-results/bench.json", JSON.stringify(results, null, 2));
process.exit(0);
