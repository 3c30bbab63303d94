/**
 * @module Propagation latency, the bare baseline, timer traffic, memory per subscriber and role calls (bench items
 * 1, 2, 3, 5, 8). One round: N real SSE subscribers (each a different local attendee with their own token) are
 * opened by the load-generator processes; then the lead sends C commands one at a time, each only after every
 * subscriber has received the previous one. Latency of a command at a subscriber = its arrival there − the moment
 * the lead's POST was sent, both on CLOCK_MONOTONIC (see receiver.ts).
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawn } from "node:child_process";
import { generatedAttendees, LOCAL_MEETING_ID } from "../../bot/src/local/roster.js";
import type { CommandResponse, SnapshotResponse } from "../../shared/src/wire/protocol.js";
import { startTablesProcess, waitFor, type ChildHandle } from "../helpers/processes.js";
import { countingProxy, nowMs, pct, QUICK, r1, ReceiverPool, ROOT, rssKiB, startNeighbours, startRedis, startService, stop, streamsOf, tokensFor, type CountingProxy, type Service, type Shape } from "./common.js";
import { freePort } from "../helpers/processes.js";
import type { StreamTarget } from "./protocol.js";

export const SIZES: readonly number[] = process.env.BENCH_SIZES ? process.env.BENCH_SIZES.split(",").map(Number) : QUICK ? [10, 50] : [10, 100, 300, 1000];
export const COMMANDS = Number(process.env.BENCH_COMMANDS ?? (QUICK ? 10 : 50));
const WARMUP = QUICK ? 2 : 5;
/** How long the timer runs while nothing else changes (15 s heartbeats: the full window sees them). */
const QUIET_MS = Number(process.env.BENCH_QUIET_MS ?? (QUICK ? 3_000 : 60_000));
/** Commands only the lead sends, as fast as the round allows: the per-user abuse limit would refuse them (429). */
export const UNLIMITED = { COMMAND_RATE: "1000000", COMMAND_BURST: "1000000", MEETING_COMMAND_RATE: "1000000", MEETING_COMMAND_BURST: "1000000" };

const MEETING_PATH = `/api/meetings/${encodeURIComponent(LOCAL_MEETING_ID)}`;

export interface Percentiles {
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
}

export interface RoundResult extends Percentiles {
  readonly subscribers: number;
  readonly commands: number;
  /** The slowest subscriber of each command. */
  readonly last: { readonly p50: number; readonly p99: number };
  /** Per load-generator process (two instances: [0] on the instance the command went to, [1] on the other). */
  readonly perReceiver: ReadonlyArray<{ readonly p50: number; readonly p99: number }>;
  readonly frameBytes: number;
}

const summarize = (xs: readonly number[]): Percentiles => ({ p50: r1(pct(xs, 50)), p95: r1(pct(xs, 95)), p99: r1(pct(xs, 99)) });

/** C commands, one at a time; `send` posts one and returns the version it made. */
async function round(pool: ReceiverPool, shares: StreamTarget[][], send: (c: number) => Promise<number>): Promise<RoundResult> {
  await pool.open(shares);
  for (let c = 0; c < WARMUP; c++) await pool.allGot(await send(-1 - c));
  const sentAt = new Map<number, number>();
  for (let c = 0; c < COMMANDS; c++) {
    const t0 = nowMs();
    const version = await send(c);
    sentAt.set(version, t0);
    await pool.allGot(version);
  }
  const reports = await pool.reports();
  const all: number[] = [];
  const last = new Map<number, number>();
  const perReceiver = reports.map((r) => {
    const mine: number[] = [];
    for (const [version, t0] of sentAt) {
      for (const t of r.arrivals.get(version) ?? []) {
        mine.push(t - t0);
        last.set(version, Math.max(last.get(version) ?? 0, t - t0));
      }
    }
    all.push(...mine);
    return { p50: r1(pct(mine, 50)), p99: r1(pct(mine, 99)) };
  });
  const subscribers = shares.reduce((s, x) => s + x.length, 0);
  if (all.length !== subscribers * COMMANDS) throw new Error(`expected ${subscribers * COMMANDS} receipts, got ${all.length}`);
  const lastMs = [...last.values()];
  return { subscribers, commands: COMMANDS, ...summarize(all), last: { p50: r1(pct(lastMs, 50)), p99: r1(pct(lastMs, 99)) }, perReceiver: perReceiver.filter((_r, i) => (shares[i]?.length ?? 0) > 0), frameBytes: Math.max(...reports.map((r) => r.sampleFrameBytes)) };
}

/** The lead of the local meeting on one service: renames the first section (same size every time), returns the version. */
async function leadOf(url: string): Promise<(c: number) => Promise<number>> {
  const [token] = await tokensFor(url, [generatedAttendees(1)[0]?.userId ?? ""]);
  const headers = { authorization: `Bearer ${token ?? ""}`, "content-type": "application/json" };
  const post = async (command: Record<string, unknown>): Promise<CommandResponse> => {
    const res = await fetch(`${url}${MEETING_PATH}/commands`, { method: "POST", headers, body: JSON.stringify({ command: { id: randomUUID(), ...command } }) });
    if (!res.ok) throw new Error(`command ${String(command.type)}: HTTP ${res.status} ${await res.text()}`);
    return (await res.json()) as CommandResponse;
  };
  const snapshot = (await (await fetch(`${url}${MEETING_PATH}`, { headers })).json()) as SnapshotResponse;
  if (snapshot.meeting.phase === "notStarted") await post({ type: "startMeeting" });
  const sectionId = snapshot.meeting.sections[0]?.id;
  if (!sectionId) throw new Error("the meeting has no section to rename");
  let n = 0;
  return async () => (await post({ type: "renameSection", sectionId, title: `Bench title ${String(++n).padStart(7, "0")}` })).version;
}

const subscriberIds = (n: number): string[] => generatedAttendees(n + 1).slice(1).map((a) => a.userId);

async function waitNoStreams(urls: readonly string[]): Promise<void> {
  await waitFor("closed streams to be gone", async () => ((await Promise.all(urls.map(streamsOf))).every((n) => n === 0) ? true : undefined), 30_000, 20);
}

export interface SingleRun {
  readonly rounds: RoundResult[];
  readonly rssKiBAt0: number;
  readonly rssKiBAtMax: number;
  readonly rssPerSubscriberKiB: number;
  /** The service's RSS with each size's streams open (after its commands), by size: their slope is what one more subscriber costs. */
  readonly rssKiBBySize: Readonly<Record<number, number>>;
  /** (RSS at the largest size − RSS at the next one) ÷ their difference in subscribers: the cost of one more, without the fixed part. */
  readonly rssMarginalKiB: number;
  /** Measured in the run that asks for it only. */
  readonly quiet?: QuietFigures;
}

export interface QuietFigures {
  readonly subscribers: number;
  readonly windowMs: number;
  readonly bytesPerClientPerSecond: number;
  readonly messagesPerClientPerSecond: number;
  /** The same without the heartbeats (the figure that must be 0: the timer sends nothing). */
  readonly nonHeartbeatMessagesPerClientPerSecond: number;
  readonly heartbeatsPerClient: number;
  /** Bot Connector participant (role) look-ups the service made in the window, per minute. */
  readonly roleCallsPerMinute: number;
  readonly roleCallsInWindow: number;
  /** The service's RSS at the end of the window: the subscribers still connected, the meeting quiet (the steady state). */
  readonly rssKiBAfterWindow: number;
}

/**
 * Items 1, 5, 8: one service process, every size in turn on the same service; in the `local` shape (default) on the
 * embedded Azurite on disk (DATA_DIR), in the `production` shape with storage and Teams' stand-in apart (common.ts).
 */
export async function singleInstance(pool: ReceiverPool, options: { quiet: boolean; shape?: Shape }): Promise<SingleRun> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "okr-bench-"));
  const port = await freePort();
  const max = Math.max(...SIZES);
  const neighbours = await startNeighbours(options.shape ?? "local", dir, max + 1);
  // Teams' side (the Bot Connector stand-in: the service's own, or the neighbour's) is reached through a counting proxy, so role calls are counted as Teams would see them.
  const teams = neighbours.teamsUrl ? new URL(neighbours.teamsUrl) : null;
  const connector: CountingProxy = await countingProxy({ host: "127.0.0.1", port: teams ? Number(teams.port) : port, prefix: "/local/connector" }, (_m, p) => (/^\/v1\/meetings\/[^/]+\/participants\//.test(p) ? "participant" : "other"));
  const service = await startService({ ...neighbours.env, LOCAL_ATTENDEES: String(max + 1), DEFAULT_SERVICE_URL: `http://127.0.0.1:${connector.port}/`, ...UNLIMITED }, port).catch(async (err: unknown) => {
    await connector.close();
    await neighbours.close();
    throw err;
  });
  try {
    const send = await leadOf(service.url);
    for (let i = 0; i < WARMUP; i++) await send(-1);
    const rssKiBAt0 = rssKiB(service.pid);
    const tokens = await tokensFor(service.url, subscriberIds(max));
    const rounds: RoundResult[] = [];
    let rssKiBAtMax = NaN;
    const rssKiBBySize: Record<number, number> = {};
    let quiet: QuietFigures | undefined;
    for (const n of SIZES) {
      const targets = tokens.slice(0, n).map((token) => ({ url: `${service.url}${MEETING_PATH}/stream`, token }));
      const result = await round(pool, pool.split(targets), send);
      rounds.push(result);
      rssKiBBySize[n] = rssKiB(service.pid);
      if (n === max) {
        rssKiBAtMax = rssKiBBySize[n];
        if (options.quiet) quiet = await quietTimer(pool, service, connector, n);
      }
      await pool.close();
      await waitNoStreams([service.url]);
    }
    const next = Math.max(0, ...SIZES.filter((n) => n < max));
    const rssMarginalKiB = r1((rssKiBAtMax - (next > 0 ? (rssKiBBySize[next] ?? NaN) : rssKiBAt0)) / (max - next));
    return { rounds, rssKiBAt0, rssKiBAtMax, rssPerSubscriberKiB: r1((rssKiBAtMax - rssKiBAt0) / max), rssKiBBySize, rssMarginalKiB, ...(quiet ? { quiet } : {}) };
  } finally {
    await stop(service);
    await connector.close();
    await neighbours.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Item 5 and the role calls of item 8: the timer runs, nothing else changes; what reaches the clients, what the service asks Teams. */
async function quietTimer(pool: ReceiverPool, service: Service, connector: CountingProxy, subscribers: number): Promise<QuietFigures> {
  const [token] = await tokensFor(service.url, [generatedAttendees(1)[0]?.userId ?? ""]);
  const res = await fetch(`${service.url}${MEETING_PATH}/commands`, { method: "POST", headers: { authorization: `Bearer ${token ?? ""}`, "content-type": "application/json" }, body: JSON.stringify({ command: { id: randomUUID(), type: "startTimer" } }) });
  if (!res.ok) throw new Error(`startTimer: HTTP ${res.status}`);
  const { version } = (await res.json()) as CommandResponse;
  await pool.allGot(version);
  await pool.reset();
  const callsBefore = connector.counts.get("participant") ?? 0;
  // The one timed wait of the bench: a fixed observation window, during which nothing is sent.
  await new Promise((r) => setTimeout(r, QUIET_MS));
  const c = await pool.counters();
  const calls = (connector.counts.get("participant") ?? 0) - callsBefore;
  const perClientPerSecond = (x: number) => Math.round((x / c.connections / (QUIET_MS / 1000)) * 1000) / 1000;
  return {
    subscribers,
    windowMs: QUIET_MS,
    bytesPerClientPerSecond: perClientPerSecond(c.bytes),
    messagesPerClientPerSecond: perClientPerSecond(c.commitFrames + c.heartbeatFrames + c.otherFrames),
    nonHeartbeatMessagesPerClientPerSecond: perClientPerSecond(c.commitFrames + c.otherFrames),
    heartbeatsPerClient: r1(c.heartbeatFrames / c.connections),
    roleCallsPerMinute: Math.round((calls * 60_000) / QUIET_MS),
    roleCallsInWindow: calls,
    rssKiBAfterWindow: rssKiB(service.pid),
  };
}

/** Item 2: two service processes sharing one Table Storage process (on disk) and a real redis-server; half the subscribers on each, the commands sent to the first. */
export async function twoInstances(pool: ReceiverPool): Promise<RoundResult[]> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "okr-bench-tables-"));
  const max = Math.max(...SIZES);
  const started: ChildHandle[] = [];
  try {
    const redis = await startRedis();
    started.push(redis);
    const tables = await startTablesProcess({ dir });
    started.push(tables);
    const env = { STORAGE_CONNECTION_STRING: tables.connectionString, REDIS_URL: `redis://127.0.0.1:${redis.port}`, LOCAL_ATTENDEES: String(max + 1), ...UNLIMITED };
    const [a, b] = await Promise.all([startService(env), startService(env)]);
    if (!a || !b) throw new Error("instances did not start");
    started.push(a, b);
    await waitFor("both instances on Redis", async () => {
      const h = await Promise.all([a, b].map(async (s) => ((await (await fetch(`${s.url}/healthz`)).json()) as { realtime: string }).realtime));
      return h.every((x) => x === "redis") ? true : undefined;
    });
    const send = await leadOf(a.url);
    const ids = subscriberIds(max);
    // Each instance signs its own tokens (the dev issuer's key is per process).
    const [tokensA, tokensB] = await Promise.all([tokensFor(a.url, ids), tokensFor(b.url, ids)]);
    const rounds: RoundResult[] = [];
    for (const n of SIZES) {
      const half = Math.ceil(n / 2);
      const onA = (tokensA ?? []).slice(0, half).map((token) => ({ url: `${a.url}${MEETING_PATH}/stream`, token }));
      const onB = (tokensB ?? []).slice(half, n).map((token) => ({ url: `${b.url}${MEETING_PATH}/stream`, token }));
      rounds.push(await round(pool, [onA, onB], send));
      await pool.close();
      await waitNoStreams([a.url, b.url]);
    }
    return rounds;
  } finally {
    for (const h of started.reverse()) await stop(h);
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Item 3: the bare broadcast server (test/bench/baseline-server.ts), frames of `frameBytes` like the service's commits. */
export async function baseline(pool: ReceiverPool, frameBytes: number): Promise<RoundResult[]> {
  const child = spawn(process.execPath, ["--import", "tsx", "test/bench/baseline-server.ts"], { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"] });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  try {
    const port = await new Promise<number>((resolve, reject) => {
      child.stdout.once("data", (d: Buffer) => resolve((JSON.parse(d.toString()) as { port: number }).port));
      child.once("exit", (code) => reject(new Error(`baseline server exited with ${code}`)));
    });
    const url = `http://127.0.0.1:${port}`;
    let id = 0;
    const send = async (): Promise<number> => {
      const version = ++id;
      // Padded so the whole frame (`id: N\ndata: …\n\n`) is as long as the service's commit frame.
      const fixed = `id: ${version}\ndata: \n\n`.length + '{"type":"commit","pad":""}'.length;
      const body = `{"type":"commit","pad":"${"x".repeat(Math.max(0, frameBytes - fixed))}"}`;
      const res = await fetch(`${url}/publish?id=${version}`, { method: "POST", body });
      if (res.status !== 204) throw new Error(`baseline publish: HTTP ${res.status}`);
      return version;
    };
    const rounds: RoundResult[] = [];
    for (const n of SIZES) {
      const targets = Array.from({ length: n }, () => ({ url: `${url}/stream` }));
      rounds.push(await round(pool, pool.split(targets), send));
      await pool.close();
      await waitNoStreams([url]);
    }
    return rounds;
  } finally {
    child.kill("SIGTERM");
    await exited;
  }
}
