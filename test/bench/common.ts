/** @module What the bench's parts share: the monotonic clock, percentiles, the service / Redis child processes, the load-generator pool, a request-counting proxy. */
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { freePort, startTablesProcess, track, waitFor, type ChildHandle } from "../helpers/processes.js";
import { generatedAttendees, LOCAL_MEETING_ID } from "../../bot/src/local/roster.js";
import type { FrameCounters, ReceiverReply, ReceiverRequest, StreamTarget } from "./protocol.js";

export const ROOT = path.resolve(import.meta.dirname, "../..");
export const QUICK = process.env.BENCH_QUICK === "1";

/** CLOCK_MONOTONIC in ms: the same clock in every process of the machine (see receiver.ts). */
export const nowMs = (): number => Number(process.hrtime.bigint()) / 1e6;

export const pct = (xs: readonly number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};
export const median = (xs: readonly number[]): number => pct(xs, 50);
export const r1 = (x: number): number => Math.round(x * 10) / 10;
export const r2 = (x: number): number => Math.round(x * 100) / 100;

/** Resident memory of a process in KiB (Linux /proc). */
export function rssKiB(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, "utf8").split("\n").find((l) => l.startsWith("VmRSS:"));
  return Number(line?.replace(/\D+/g, "") ?? NaN);
}

export interface Service extends ChildHandle {
  readonly url: string;
  readonly pid: number;
}

/** The service (bot/src/main.ts, local mode) as a child process on `port` (free unless given); ready when /healthz is 200. */
export async function startService(env: Record<string, string>, port?: number): Promise<Service> {
  const p = port ?? (await freePort());
  const handle = track(
    // BENCH_SERVICE_NODE_ARGS: extra node flags for the service, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" (docs/PERFORMANCE.md).
    spawn(process.execPath, [...(process.env.BENCH_SERVICE_NODE_ARGS ?? "").split(" ").filter(Boolean), "--import", "tsx", "bot/src/main.ts"], {
      cwd: ROOT,
      env: { ...process.env, APP_ENV: "local", HOST: "127.0.0.1", ...env, PORT: String(p) },
      stdio: ["ignore", "pipe", "pipe"],
    }),
  );
  const url = `http://127.0.0.1:${p}`;
  await waitFor(
    "the service to answer /healthz",
    async () => {
      if (handle.child.exitCode !== null) throw new Error(`The service exited: ${handle.output()}`);
      const res = await fetch(`${url}/healthz`);
      return res.status === 200 ? true : undefined;
    },
    60_000,
  );
  return { ...handle, url, pid: handle.child.pid ?? -1 };
}

export async function stop(handle: ChildHandle): Promise<void> {
  handle.kill("SIGTERM");
  const timer = setTimeout(() => handle.kill("SIGKILL"), 5_000);
  await handle.exited;
  clearTimeout(timer);
}

/** Open streams the service counts (its /healthz), to wait for closed connections to be gone. */
export async function streamsOf(url: string): Promise<number> {
  const res = await fetch(`${url}/healthz`);
  return ((await res.json()) as { streams: number }).streams;
}

export async function startRedis(): Promise<ChildHandle & { readonly port: number }> {
  const port = await freePort();
  const bin = process.env.REDIS_SERVER_PATH ?? "redis-server";
  const handle = track(spawn(bin, ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: ["ignore", "pipe", "pipe"] }));
  handle.child.once("error", (err) => console.error(`redis-server: ${err.message}`));
  await waitFor("redis-server to accept connections", () => {
    if (handle.output().includes("Ready to accept connections")) return true;
    if (handle.child.exitCode !== null) throw new Error(`redis-server did not start: ${handle.output()}`);
    return undefined;
  });
  return { ...handle, port };
}

/** Tokens of these local attendees from the service's dev sign-in (`/local/token`), 16 requests at a time. */
export async function tokensFor(url: string, userIds: readonly string[]): Promise<string[]> {
  const out: string[] = new Array<string>(userIds.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < userIds.length) {
      const i = next++;
      const res = await fetch(`${url}/local/token`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ userId: userIds[i] }) });
      if (!res.ok) throw new Error(`/local/token: HTTP ${res.status} ${await res.text()}`);
      out[i] = ((await res.json()) as { token: string }).token;
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
  return out;
}

/** One load-generator process (test/bench/receiver.ts) and its IPC. */
class Receiver {
  private waiting: { type: ReceiverReply["type"]; resolve: (m: ReceiverReply) => void; reject: (e: Error) => void } | null = null;
  readonly handle: ChildHandle;

  constructor(onGot: (version: number) => void) {
    const child = spawn(process.execPath, ["--import", "tsx", "test/bench/receiver.ts"], { cwd: ROOT, stdio: ["ignore", "inherit", "inherit", "ipc"] });
    this.handle = track(child);
    child.on("message", (m: ReceiverReply) => {
      if (m.type === "got") onGot(m.version);
      else if (m.type === "error") {
        if (this.waiting) this.waiting.reject(new Error(m.message));
        else console.warn(`load generator: ${m.message}`);
        this.waiting = null;
      } else if (this.waiting?.type === m.type) {
        const w = this.waiting;
        this.waiting = null;
        w.resolve(m);
      }
    });
  }

  ask<T extends ReceiverReply["type"]>(request: ReceiverRequest, reply: T): Promise<Extract<ReceiverReply, { type: T }>> {
    return new Promise((resolve, reject) => {
      this.waiting = { type: reply, resolve: resolve as (m: ReceiverReply) => void, reject };
      this.handle.child.send(request);
    });
  }
}

/** The load generators: `count` processes, each holding its share of the connections. */
export class ReceiverPool {
  private readonly receivers: Receiver[];
  private readonly gotCount = new Map<number, number>();
  private readonly gotWaiters = new Map<number, () => void>();
  /** Which receivers hold connections in the current round (an empty share sends no "got"). */
  private active = 0;

  constructor(count: number) {
    this.receivers = Array.from({ length: count }, () => new Receiver((v) => this.onGot(v)));
  }

  private onGot(version: number): void {
    const n = (this.gotCount.get(version) ?? 0) + 1;
    this.gotCount.set(version, n);
    if (n === this.active) this.gotWaiters.get(version)?.();
  }

  /** Resolves when every connection has the commit of this version (call before sending the command). */
  allGot(version: number): Promise<void> {
    return new Promise((resolve) => {
      if ((this.gotCount.get(version) ?? 0) >= this.active) resolve();
      else this.gotWaiters.set(version, resolve);
    });
  }

  /** Opens the connections: `shares[i]` go to receiver i; resolves when each has its first snapshot. */
  async open(shares: ReadonlyArray<readonly StreamTarget[]>): Promise<void> {
    this.gotCount.clear();
    this.gotWaiters.clear();
    this.active = shares.filter((s) => s.length > 0).length;
    await Promise.all(shares.map((targets, i) => (targets.length > 0 ? this.at(i).ask({ type: "open", targets }, "ready") : Promise.resolve())));
  }

  /** Splits targets evenly across the receivers. */
  split(targets: readonly StreamTarget[]): StreamTarget[][] {
    const shares = this.receivers.map((): StreamTarget[] => []);
    targets.forEach((t, i) => shares[i % shares.length]?.push(t));
    return shares;
  }

  private at(i: number): Receiver {
    const r = this.receivers[i];
    if (!r) throw new Error(`no receiver ${i}`);
    return r;
  }

  async reset(): Promise<void> {
    await Promise.all(this.receivers.map((r) => r.ask({ type: "reset" }, "reset")));
  }

  async counters(): Promise<FrameCounters> {
    const all = await Promise.all(this.receivers.map((r) => r.ask({ type: "counters" }, "counters")));
    return all.reduce((a, c) => ({ commitFrames: a.commitFrames + c.commitFrames, heartbeatFrames: a.heartbeatFrames + c.heartbeatFrames, otherFrames: a.otherFrames + c.otherFrames, bytes: a.bytes + c.bytes, connections: a.connections + c.connections, lostConnections: a.lostConnections + c.lostConnections }), { commitFrames: 0, heartbeatFrames: 0, otherFrames: 0, bytes: 0, connections: 0, lostConnections: 0 });
  }

  /** Every receiver's arrival times per version (index = receiver), after the measurement. */
  async reports(): Promise<Array<{ arrivals: Map<number, readonly number[]>; sampleFrameBytes: number }>> {
    const all = await Promise.all(this.receivers.map((r) => r.ask({ type: "report" }, "report")));
    return all.map((r) => ({ arrivals: new Map(r.arrivals.map((a) => [a.version, a.times])), sampleFrameBytes: r.sampleFrameBytes }));
  }

  async close(): Promise<void> {
    await Promise.all(this.receivers.map((r) => r.ask({ type: "close" }, "closed")));
  }

  async exit(): Promise<void> {
    for (const r of this.receivers) r.handle.child.send({ type: "exit" } satisfies ReceiverRequest);
    await Promise.all(this.receivers.map((r) => r.handle.exited));
  }
}

export interface CountingProxy {
  readonly port: number;
  /** Requests forwarded per class (see `classify`). */
  readonly counts: Map<string, number>;
  close(): Promise<void>;
}

/**
 * A plain HTTP proxy on loopback that forwards every request to `target` (prefixing `prefix` to the path) and counts
 * it under `classify(method, path)`: how Table Storage transactions and Bot Connector calls are counted, from
 * outside the service, with no mock in between.
 */
export async function countingProxy(target: { host: string; port: number; prefix?: string }, classify: (method: string, path: string) => string): Promise<CountingProxy> {
  const counts = new Map<string, number>();
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const server = http.createServer((req, res) => {
    const key = classify(req.method ?? "GET", req.url ?? "/");
    counts.set(key, (counts.get(key) ?? 0) + 1);
    const upstream = http.request({ host: target.host, port: target.port, method: req.method, path: `${target.prefix ?? ""}${req.url ?? "/"}`, headers: req.headers, agent }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    upstream.on("error", (err) => {
      if (!res.headersSent) res.writeHead(502);
      res.end(String(err));
    });
    req.pipe(upstream);
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as AddressInfo).port,
    counts,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      agent.destroy();
    },
  };
}

/**
 * Where the measured service's neighbours run. `local`: as `npm start` runs it, the embedded Azurite and the Bot
 * Connector stand-in inside the service's process, so their work for each request (a read's answer, a role
 * look-up's answer) is in the service's CPU and memory. `production`: as in Azure, where Table Storage and the Bot
 * Connector are other machines': the same embedded Azurite with its durable journal as its own process
 * (scripts/tables-server.ts) behind a request-counting proxy, and the stand-in answered by another local service
 * process, so the figures are the service's own. The durable write is in the latency either way.
 */
export type Shape = "local" | "production";

export interface Neighbours {
  /** The measured service's storage and Teams settings (DATA_DIR for `local`). */
  readonly env: Record<string, string>;
  /** Production shape: counts Table Storage requests by `method table`. */
  readonly tables: CountingProxy | null;
  /** Production shape: the stand-in's service URL (role look-ups are `GET v1/meetings/…/participants/…` there). */
  readonly teamsUrl: string | null;
  close(): Promise<void>;
}

/** A Table Storage request's kind: method and table, e.g. "GET conversations" for `/devstoreaccount1/conversations(PartitionKey=…)`, "POST $batch". */
export const tableKind = (method: string, p: string): string => `${method} ${/^\/[^/]+\/([A-Za-z0-9$]+)/.exec(p)?.[1] ?? p}`;

/** Starts what the service needs beside it in `shape`; `dir` is a scratch folder, `attendees` the local roster's size. */
export async function startNeighbours(shape: Shape, dir: string, attendees: number): Promise<Neighbours> {
  if (shape === "local") return { env: { DATA_DIR: path.join(dir, "service") }, tables: null, teamsUrl: null, close: async () => undefined };
  const handles: ChildHandle[] = [];
  let proxy: CountingProxy | null = null;
  try {
    const tables = await startTablesProcess({ dir: path.join(dir, "tables") });
    handles.push(tables);
    proxy = await countingProxy({ host: "127.0.0.1", port: tables.port }, tableKind);
    // Its own storage: it only answers the Bot Connector's participant look-ups, from the same generated roster.
    const teams = await startService({ DATA_DIR: path.join(dir, "teams"), LOCAL_ATTENDEES: String(attendees) });
    handles.push(teams);
    const tablesProxy = proxy;
    return {
      env: { STORAGE_CONNECTION_STRING: tables.connectionString.replace(`:${tables.port}/`, `:${proxy.port}/`), DEFAULT_SERVICE_URL: `${teams.url}/local/connector/` },
      tables: proxy,
      teamsUrl: teams.url,
      close: async () => {
        await tablesProxy.close();
        for (const h of handles.reverse()) await stop(h);
      },
    };
  } catch (err) {
    await proxy?.close();
    for (const h of handles.reverse()) await stop(h);
    throw err;
  }
}

/**
 * The probes' meeting (profile-command.ts, breakdown.ts): `subscribers` attendees of the local meeting open their
 * streams in `pool`, and its lead (the organizer) gets `rename(i)`, which renames the first section (the same size
 * every time) and returns the version it made. `answered` is called as soon as the lead's answer arrives.
 */
export async function probeMeeting(pool: ReceiverPool, url: string, subscribers: number, answered: () => void = () => undefined): Promise<{ rename: (i: number) => Promise<number> }> {
  const [lead, ...subs] = await tokensFor(url, generatedAttendees(subscribers + 1).map((a) => a.userId));
  const base = `${url}/api/meetings/${encodeURIComponent(LOCAL_MEETING_ID)}`;
  await pool.open(pool.split(subs.map((token) => ({ url: `${base}/stream`, token }))));
  const headers = { authorization: `Bearer ${lead ?? ""}`, "content-type": "application/json" };
  const post = async (command: Record<string, unknown>): Promise<number> => {
    const res = await fetch(`${base}/commands`, { method: "POST", headers, body: JSON.stringify({ command: { id: randomUUID(), ...command } }) });
    answered();
    if (!res.ok) throw new Error(`HTTP ${res.status} ${await res.text()}`);
    return ((await res.json()) as { version: number }).version;
  };
  const snapshot = (await (await fetch(base, { headers })).json()) as { meeting: { phase: string; sections: Array<{ id: string }> } };
  if (snapshot.meeting.phase === "notStarted") await post({ type: "startMeeting" });
  const sectionId = snapshot.meeting.sections[0]?.id;
  return { rename: (i) => post({ type: "renameSection", sectionId, title: `Bench title ${String(i).padStart(7, "0")}` }) };
}
