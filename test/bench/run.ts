/**
 * @module `npm run bench`: measures what the live core promises. Prints figures (and writes
 * test-results/bench.json); it asserts nothing, timing goals live here, not in tests.
 *  - propagation (test/bench/latency.ts): a lead's command → every one of N subscribers (real SSE connections held
 *    by two load-generator processes, test/bench/receiver.ts), one instance on embedded Azurite on disk, two
 *    instances through Redis, and a bare SSE broadcast baseline (test/bench/baseline-server.ts); median of BENCH_RUNS
 *  - quiet timer: messages and bytes per client while the timer runs; Bot Connector role calls per minute meanwhile
 *  - throughput: commands/s across 100 meetings × 20 subscribers, Table Storage requests per command (test/bench/throughput.ts)
 *  - memory: the service's RSS per connected subscriber; apart, what a stream keeps after a full collection and what
 *    opening it allocated (test/bench/memory.ts, through the service's inspector); both also in the production shape,
 *    storage and the Bot Connector stand-in in processes of their own (common.ts, Shape)
 *  - SIR card invoke: `sir.submit` posted to /api/messages (test/bench/invoke.ts)
 *  - bundle: gzipped JS and CSS the panel loads first
 *  - tab: navigation → agenda visible in headless Chromium (test/bench/tab.ts; CHROMIUM_PATH)
 *  - Actions section with 200 open actions at 320 px: render and a live change (test/bench/actions-panel.ts)
 *  - start-up: `node --import tsx bot/src/main.ts` until it says ready
 *  - KPI board: reading a board with 30 KPIs × 150 weeks of history, exporting it as CSV, importing that CSV
 *  - summary: the channel card and the Markdown record built for a large meeting (test/bench/summary.ts)
 *  - summary post: the card built and posted over HTTP for 50 actions, 30 KPIs, 20 SIR items (test/bench/summary-post.ts)
 * BENCH_QUICK=1: small sizes, one run (for development). See docs/PERFORMANCE.md.
 */
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { brotliCompressSync, constants as zlibConstants, gzipSync } from "node:zlib";
import { BROTLI_QUALITY } from "../../bot/src/http/static.js";
import { createApp } from "../../bot/src/app.js";
import { loadConfig } from "../../bot/src/config.js";
import type { Role } from "../../shared/src/auth/capabilities.js";
import { KpiCommand } from "../../shared/src/kpi/commands.js";
import { weeksEndingWith } from "../../shared/src/kpi/week.js";
import { median, pct, QUICK, r1, r2, ReceiverPool } from "./common.js";
import { invokeBench } from "./invoke.js";
import { prioritiesBench } from "./priorities.js";
import { prioritiesWalkBench } from "./priorities-walk.js";
import { tabBench } from "./tab.js";
import { actionsPanelBench } from "./actions-panel.js";
import { memoryBench } from "./memory.js";
import { throughputBench } from "./throughput.js";
import { baseline, COMMANDS, singleInstance, SIZES, twoInstances, type RoundResult, type SingleRun } from "./latency.js";
import { summaryBench } from "./summary.js";
import { summaryPostBench } from "./summary-post.js";

const TENANT = "00000000-0000-4000-8000-0000000000be";
const MEETING = "bench-meeting";


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
  if (!existsSync(path.join(root, "index.html"))) execFileSync(process.execPath, ["node_modules/vite/bin/vite.js", "build"], { stdio: "inherit" });
  const html = readFileSync(path.join(root, "index.html"), "utf8");
  const gz = (ext: string) => {
    const files = [...html.matchAll(new RegExp(`(?:src|href)="/tab/(assets/[^"]+\\.${ext})"`, "g"))].map((m) => m[1] ?? "");
    return files.map((f) => {
      const data = readFileSync(path.join(root, f));
      // Brotli as the service sends it to browsers that accept it (bot/src/http/static.ts).
      const br = brotliCompressSync(data, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY } });
      return { file: f, rawKiB: r1(data.length / 1024), gzipKiB: r1(gzipSync(data).length / 1024), brotliKiB: r1(br.length / 1024) };
    });
  };
  const js = gz("js");
  const css = gz("css");
  const sum = (list: typeof js, k: "rawKiB" | "gzipKiB" | "brotliKiB") => r1(list.reduce((s, f) => s + f[k], 0));
  return { initialJsGzipKiB: sum(js, "gzipKiB"), initialJsBrotliKiB: sum(js, "brotliKiB"), initialJsRawKiB: sum(js, "rawKiB"), initialCssGzipKiB: sum(css, "gzipKiB"), files: [...js, ...css] };
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
  // Its data folder goes only once it has stopped (it saves on the way out).
  const gone = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  await gone;
  rmSync(dir, { recursive: true, force: true });
  return { processStartToReadyMs: Math.round(ms) };
}

const RUNS = Number(process.env.BENCH_RUNS ?? (QUICK ? 1 : 3));

/** The median over the runs of each figure of each size. */
function medianRounds(runs: readonly (readonly RoundResult[])[]): Array<{ subscribers: number; p50: number; p95: number; p99: number; lastP99: number; perReceiverP99: number[] }> {
  return SIZES.map((n, i) => {
    const at = runs.map((r) => r[i]).filter((x): x is RoundResult => x !== undefined);
    return {
      subscribers: n,
      p50: median(at.map((x) => x.p50)),
      p95: median(at.map((x) => x.p95)),
      p99: median(at.map((x) => x.p99)),
      lastP99: median(at.map((x) => x.last.p99)),
      perReceiverP99: [0, 1].map((k) => median(at.map((x) => x.perReceiver[k]?.p99 ?? NaN))),
    };
  });
}

const started = new Date();
const machine = { cores: os.cpus().length, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version, date: started.toISOString(), quick: QUICK, runs: RUNS, commandsPerRound: COMMANDS };
console.log(`machine: ${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node}, ${machine.date}${QUICK ? " (BENCH_QUICK)" : ""}`);
const pool = new ReceiverPool(2);
const single: SingleRun[] = [];
/** The same rounds with storage and the Bot Connector stand-in in their own processes (memory as in production). */
const production: SingleRun[] = [];
const dual: RoundResult[][] = [];
const bare: RoundResult[][] = [];
for (let run = 0; run < RUNS; run++) {
  const s = await singleInstance(pool, { quiet: run === 0 });
  single.push(s);
  bare.push(await baseline(pool, Math.max(...s.rounds.map((r) => r.frameBytes))));
  dual.push(await twoInstances(pool));
  production.push(await singleInstance(pool, { quiet: false, shape: "production" }));
  console.log(`run ${run + 1}/${RUNS} done`);
}
const throughput = await throughputBench(pool);
const kept = await memoryBench(pool, Math.max(...SIZES));
const keptProduction = await memoryBench(pool, Math.max(...SIZES), "production");
await pool.exit();
const ours = medianRounds(single.map((s) => s.rounds));
const two = medianRounds(dual);
const base = medianRounds(bare);
const quiet = single[0]?.quiet;
const latency = {
  singleInstance: ours,
  twoInstances: two,
  baseline: base,
  ratio: ours.map((o, i) => ({ subscribers: o.subscribers, p50: r2(o.p50 / (base[i]?.p50 ?? NaN)), p99: r2(o.p99 / (base[i]?.p99 ?? NaN)) })),
  frameBytes: single[0]?.rounds[0]?.frameBytes,
  raw: { single: single.map((s) => s.rounds), dual, baseline: bare },
};
const memory = {
  rssKiBAt0: median(single.map((s) => s.rssKiBAt0)),
  rssKiBAtMax: median(single.map((s) => s.rssKiBAtMax)),
  subscribers: Math.max(...SIZES),
  perSubscriberKiB: median(single.map((s) => s.rssPerSubscriberKiB)),
  marginalKiB: median(single.map((s) => s.rssMarginalKiB)),
  bySize: single.map((s) => s.rssKiBBySize),
  /** After the timer window (the first run only): the steady state with every subscriber connected. */
  steadyPerSubscriberKiB: single[0]?.quiet ? r1((single[0].quiet.rssKiBAfterWindow - single[0].rssKiBAt0) / Math.max(...SIZES)) : null,
  kept,
  /** Storage and the Bot Connector stand-in out of the service's process, as in Azure (bench/common.ts, Shape). */
  production: {
    perSubscriberKiB: median(production.map((s) => s.rssPerSubscriberKiB)),
    marginalKiB: median(production.map((s) => s.rssMarginalKiB)),
    rssKiBAt0: median(production.map((s) => s.rssKiBAt0)),
    rssKiBAtMax: median(production.map((s) => s.rssKiBAtMax)),
    latency: medianRounds(production.map((s) => s.rounds)),
    kept: keptProduction,
  },
};
const invoke = await invokeBench();
const priorities = await prioritiesBench();
const walk = await prioritiesWalkBench();
const size = bundle();
const tab = await tabBench();
const actionsPanel = await actionsPanelBench();
const start = await startup();
const kpi = await kpiBoard();
const summary = summaryBench();
const summaryPost = await summaryPostBench();

const rows: string[] = ["| what | figure |", "|---|---|"];
for (const [i, o] of ours.entries()) {
  const t = two[i];
  const b = base[i];
  const ratio = latency.ratio[i];
  rows.push(`| propagation, ${o.subscribers} subscribers, one instance (p50 / p95 / p99) | ${o.p50} / ${o.p95} / ${o.p99} ms |`);
  if (t) rows.push(`| the same, two instances through Redis (p50 / p95 / p99; p99 on the sending instance / the other) | ${t.p50} / ${t.p95} / ${t.p99} ms; ${t.perReceiverP99[0]} / ${t.perReceiverP99[1]} ms |`);
  if (b && ratio) rows.push(`| bare SSE baseline, ${o.subscribers} subscribers (p50 / p95 / p99); ours ÷ baseline | ${b.p50} / ${b.p95} / ${b.p99} ms; p50 ${ratio.p50}×, p99 ${ratio.p99}× |`);
}
if (quiet) {
  rows.push(`| timer running, ${quiet.subscribers} clients, ${quiet.windowMs / 1000} s: messages / bytes per client per second (heartbeats excluded: messages) | ${quiet.messagesPerClientPerSecond} / ${quiet.bytesPerClientPerSecond} B (${quiet.nonHeartbeatMessagesPerClientPerSecond}) |`);
  rows.push(`| Bot Connector role calls per minute, ${quiet.subscribers} attendees connected | ${quiet.roleCallsPerMinute} (${quiet.roleCallsInWindow} in ${quiet.windowMs / 1000} s) |`);
}
rows.push(`| throughput, ${throughput.meetings} meetings × ${throughput.subscribersPerMeeting} subscribers, closed loop | ${throughput.commandsPerSecond} commands/s; ${throughput.tableRequestsPerCommand} Table Storage requests per command (${throughput.batchRequestsPerCommand} of them batch transactions); delivered ${throughput.delivery.receivedFrames} of ${throughput.delivery.expectedFrames} commit frames owed to the subscribers (${throughput.delivery.connectionsLost} streams lost), the last ${throughput.delivery.drainMs} ms after the last answer; opening the panels cost ${throughput.tableRequestsPerStreamOpened} Table Storage requests per stream |`);
const sizes = [...SIZES].sort((a, b) => a - b);
const nextSize = sizes[sizes.length - 2];
const steady = memory.steadyPerSubscriberKiB ?? NaN;
rows.push(`| service RSS per connected subscriber at ${memory.subscribers}: right after they opened and ${COMMANDS} changes (growth ÷ N / each subscriber past ${nextSize ?? 0}) / after the ${quiet ? quiet.windowMs / 1000 : "?"} s timer window, all still connected | ${memory.perSubscriberKiB} / ${memory.marginalKiB} / ${steady} KiB (RSS ${Math.round(memory.rssKiBAt0 / 1024)} → ${Math.round(memory.rssKiBAtMax / 1024)} → ${quiet ? Math.round(quiet.rssKiBAfterWindow / 1024) : "?"} MiB) |`);
rows.push(`| the same apart, ${kept.subscribers} streams opened at once: live heap kept after a full collection / V8 external memory / allocated while they opened (garbage included), per subscriber | ${kept.heapKeptPerSubscriberKiB} / ${kept.externalPerSubscriberKiB} / ${kept.allocatedPerStreamOpenedKiB} KiB (RSS in that run: ${kept.rssPerSubscriberKiB} KiB, of it V8's young generation grew ${kept.youngGenerationGrowthMiB} MiB; without it ${kept.rssWithoutYoungGenerationPerSubscriberKiB} KiB) |`);
const prod = memory.production;
rows.push(`| the same with storage and the Bot Connector stand-in in their own processes, as in Azure: RSS per subscriber right after they opened (growth ÷ N / each past ${nextSize ?? 0}); apart: live heap kept / allocated per stream opened / Table Storage requests per stream opened | ${prod.perSubscriberKiB} / ${prod.marginalKiB} KiB (RSS ${Math.round(prod.rssKiBAt0 / 1024)} → ${Math.round(prod.rssKiBAtMax / 1024)} MiB); ${prod.kept.heapKeptPerSubscriberKiB} / ${prod.kept.allocatedPerStreamOpenedKiB} KiB / ${prod.kept.tableRequestsPerStreamOpened ?? "?"} |`);
rows.push(`| propagation in that shape (p50 / p99; one more hop, through the counting proxy, to storage) | ${prod.latency.map((o) => `${o.subscribers}: ${o.p50} / ${o.p99} ms`).join(" · ")} |`);
rows.push(`| SIR card invoke (sir.submit over HTTP), ${invoke.invokes} invokes: p50 / p99 | ${invoke.p50Ms} / ${invoke.p99Ms} ms |`);
rows.push(`| priorities card round trip (message → pre-filled form, Action.Execute save → saved card), ${priorities.rounds} rounds: p50 / p99 | ${priorities.roundTripMs.p50} / ${priorities.roundTripMs.p99} ms |`);
rows.push(`| priorities walk, ${walk.members} members, lead's panel: open → all drawn / a saved entry → shown prepared / Next person → next speaker (median of ${walk.runs}) | ${walk.openToMembersMs} / ${walk.liveEntryMs} / ${walk.nextSpeakerMs} ms |`);
rows.push(`| tab first-load JS / CSS, gzip | ${size.initialJsGzipKiB} / ${size.initialCssGzipKiB} KiB (JS as the service sends it, Brotli: ${size.initialJsBrotliKiB} KiB; uncompressed ${size.initialJsRawKiB} KiB) |`);
rows.push(`| tab: navigation → agenda visible in headless Chromium, local meeting page, median of ${tab.loads} | ${tab.agendaVisibleMedianMs} ms (max ${tab.maxMs}); of it the local meeting page before the panel's frame began ${tab.panelFrameStartMedianMs} ms, the panel's frame → agenda visible ${tab.panelOwnMedianMs} ms; the browser painted the agenda at ${tab.agendaPaintedMedianMs} ms (Element Timing) |`);
rows.push(`| Actions section, ${actionsPanel.actions} open actions at 320 px: open → rows painted (first / re-open median); longest task | ${actionsPanel.firstOpenMs} / ${actionsPanel.reopenMedianMs} ms; ${Math.max(actionsPanel.firstLongestTaskMs, actionsPanel.renderLongestTaskMs)} ms |`);
rows.push(`| the same, a live status change by another user → row shows it (median / max); longest task | ${actionsPanel.liveChangeMedianMs} / ${actionsPanel.liveChangeMaxMs} ms; ${actionsPanel.liveLongestTaskMs} ms |`);
rows.push(`| summary card built for 200 attendees, 50 actions, 30 KPIs, 20 SIR decisions (in-process, ${summary.runs} builds): ordinary texts / 100 KB in every text, p50 / p99 and bytes | ${summary.ordinaryCard.p50Ms} / ${summary.ordinaryCard.p99Ms} ms, ${summary.ordinaryCardBytes} B; ${summary.card.p50Ms} / ${summary.card.p99Ms} ms, ${summary.cardBytes} B (cap ${summary.cardMaxBytes}) |`);
rows.push(`| service process start → ready | ${start.processStartToReadyMs} ms |`);
rows.push(`| KPI board 30 × 150 weeks: GET /kpi p50 / p95 | ${kpi.boardReadMs.p50} / ${kpi.boardReadMs.p95} ms |`);
rows.push(`| summary card built and posted (POST …/summary/post, ${summaryPost.actions} actions, ${summaryPost.kpis} KPIs, ${summaryPost.sirDecisions} SIR items), ${summaryPost.posts} posts: p50 / p99 | ${summaryPost.p50Ms} / ${summaryPost.p99Ms} ms; card ${summaryPost.cardBytes} B |`);
console.log(`\n${machine.cores} cores, Node ${machine.node}, ${machine.date}, median of ${RUNS} run(s), ${COMMANDS} commands per size\n`);
console.log(rows.join("\n"));
const results = { machine, latency, timer: quiet ?? null, memory, throughput, sirInvoke: invoke, prioritiesCard: priorities, prioritiesWalk: walk, bundle: size, tab, actionsPanel, startup: start, kpiBoard: kpi, summary, summaryPost, table: rows.join("\n") };
mkdirSync("test-results", { recursive: true });
writeFileSync("test-results/bench.json", JSON.stringify(results, null, 2));
process.exit(0);
