/**
 * @module Bench item 4: commands per second sustained across M concurrent meetings with S subscribers each (every
 * subscriber a different attendee), and Table Storage transactions per command. The service runs on Table Storage
 * as its own process (on disk) behind a counting HTTP proxy, so every storage request is counted from outside.
 * Each meeting's lead sends its next command as soon as the last is answered (closed loop), for WINDOW_MS, WINDOWS times.
 * Then delivery is checked: every subscriber must have received every commit of its meeting (counted by the
 * receivers), waited for up to DRAIN_MS after the last answer.
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { generatedAttendees } from "../../bot/src/local/roster.js";
import type { CommandResponse, SnapshotResponse } from "../../shared/src/wire/protocol.js";
import { startTablesProcess, type ChildHandle } from "../helpers/processes.js";
import { countingProxy, median, QUICK, r2, ReceiverPool, startService, stop, tokensFor } from "./common.js";
import { UNLIMITED } from "./latency.js";

const MEETINGS = Number(process.env.BENCH_MEETINGS ?? (QUICK ? 10 : 100));
const SUBSCRIBERS = Number(process.env.BENCH_MEETING_SUBSCRIBERS ?? (QUICK ? 5 : 20));
const WINDOW_MS = QUICK ? 3_000 : 10_000;
const WINDOWS = QUICK ? 1 : 3;
const DRAIN_MS = 15_000;

export interface Delivery {
  /** Commit frames owed: every command answered × the subscribers of its meeting. */
  readonly expectedFrames: number;
  readonly receivedFrames: number;
  /** How long after the last answer the last frame arrived (or DRAIN_MS, if some never did). */
  readonly drainMs: number;
  /** Subscribers the service dropped (as too slow) or that lost their stream during the measurement. */
  readonly connectionsLost: number;
}

export async function throughputBench(pool: ReceiverPool): Promise<{ meetings: number; subscribersPerMeeting: number; windowMs: number; commandsPerSecond: number; tableRequestsPerCommand: number; batchRequestsPerCommand: number; windows: Array<{ commands: number; tableRequests: number; batches: number; perCommand: Record<string, number> }>; delivery: Delivery; tableRequestsPerStreamOpened: number }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "okr-bench-tp-"));
  const started: ChildHandle[] = [];
  const tables = await startTablesProcess({ dir });
  started.push(tables);
  // Counted per kind ("batch", "other") and, for the breakdown, per method and table ("GET meetings", "POST $batch").
  const perTable = new Map<string, number>();
  const proxy = await countingProxy({ host: "127.0.0.1", port: tables.port }, (m, p) => {
    const table = decodeURIComponent(p.split("?")[0]?.split("/")[2] ?? "").replace(/\(.*$/, "");
    const key = `${m} ${table}`;
    perTable.set(key, (perTable.get(key) ?? 0) + 1);
    return p.includes("$batch") ? "batch" : "other";
  });
  try {
    const people = generatedAttendees(MEETINGS * (SUBSCRIBERS + 1) + 1);
    const service = await startService({ STORAGE_CONNECTION_STRING: tables.connectionString.replace(`:${tables.port}/`, `:${proxy.port}/`), LOCAL_ATTENDEES: String(people.length), ...UNLIMITED });
    started.push(service);
    const meetings = Array.from({ length: MEETINGS }, (_x, m) => ({ id: `bench-meeting-${m}`, lead: people[1 + m * (SUBSCRIBERS + 1)]?.userId ?? "", subs: people.slice(2 + m * (SUBSCRIBERS + 1), 2 + m * (SUBSCRIBERS + 1) + SUBSCRIBERS).map((a) => a.userId) }));
    // The stand-in Teams learns who is in each meeting, with which role.
    for (const m of meetings) {
      for (const [userId, role] of [[m.lead, "Organizer"], ...m.subs.map((u) => [u, "Attendee"])] as const) {
        const res = await fetch(`${service.url}/local/roster/role`, { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify({ userId, role, meetingId: m.id }) });
        if (res.status !== 204) throw new Error(`role: HTTP ${res.status}`);
      }
    }
    const leads = await Promise.all(
      meetings.map(async (m) => {
        const [token] = await tokensFor(service.url, [m.lead]);
        const headers = { authorization: `Bearer ${token ?? ""}`, "content-type": "application/json" };
        const base = `${service.url}/api/meetings/${encodeURIComponent(m.id)}`;
        const post = async (command: Record<string, unknown>): Promise<CommandResponse> => {
          const res = await fetch(`${base}/commands`, { method: "POST", headers, body: JSON.stringify({ command: { id: randomUUID(), ...command } }) });
          if (!res.ok) throw new Error(`command: HTTP ${res.status} ${await res.text()}`);
          return (await res.json()) as CommandResponse;
        };
        const snapshot = (await (await fetch(base, { headers })).json()) as SnapshotResponse;
        if (snapshot.meeting.phase === "notStarted") await post({ type: "startMeeting" });
        const sectionId = snapshot.meeting.sections[0]?.id ?? "";
        let n = 0;
        return { stream: `${base}/stream`, send: () => post({ type: "renameSection", sectionId, title: `Bench title ${String(++n).padStart(7, "0")}` }) };
      }),
    );
    const targets = (await Promise.all(meetings.map(async (m, i) => (await tokensFor(service.url, m.subs)).map((token) => ({ url: leads[i]?.stream ?? "", token }))))).flat();
    const beforeOpen = (proxy.counts.get("other") ?? 0) + (proxy.counts.get("batch") ?? 0);
    await pool.open(pool.split(targets));
    // What opening the panels cost storage (they open in waves of 50 per receiver; see receiver.ts).
    const tableRequestsPerStreamOpened = r2(((proxy.counts.get("other") ?? 0) + (proxy.counts.get("batch") ?? 0) - beforeOpen) / targets.length);
    await pool.reset();
    const windows: Array<{ commands: number; tableRequests: number; batches: number; perCommand: Record<string, number> }> = [];
    for (let w = 0; w < WINDOWS; w++) {
      const before = { other: proxy.counts.get("other") ?? 0, batch: proxy.counts.get("batch") ?? 0 };
      const tablesBefore = new Map(perTable);
      const deadline = Date.now() + WINDOW_MS;
      let commands = 0;
      await Promise.all(
        leads.map(async (lead) => {
          while (Date.now() < deadline) {
            await lead.send();
            commands++;
          }
        }),
      );
      const batches = (proxy.counts.get("batch") ?? 0) - before.batch;
      const perCommand = Object.fromEntries([...perTable].map(([k, n]) => [k, r2((n - (tablesBefore.get(k) ?? 0)) / commands)]).filter(([, n]) => n !== 0));
      windows.push({ commands, tableRequests: (proxy.counts.get("other") ?? 0) - before.other + batches, batches, perCommand });
    }
    const delivery = await checkDelivery(pool, windows.reduce((n, w) => n + w.commands, 0) * SUBSCRIBERS, targets.length);
    await pool.close();
    return {
      meetings: MEETINGS,
      subscribersPerMeeting: SUBSCRIBERS,
      windowMs: WINDOW_MS,
      commandsPerSecond: Math.round(median(windows.map((w) => w.commands / (WINDOW_MS / 1000)))),
      tableRequestsPerCommand: r2(median(windows.map((w) => w.tableRequests / w.commands))),
      batchRequestsPerCommand: r2(median(windows.map((w) => w.batches / w.commands))),
      windows,
      delivery,
      tableRequestsPerStreamOpened,
    };
  } finally {
    for (const h of started.reverse()) await stop(h);
    await proxy.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Waits until the receivers hold every commit frame owed (the fan-out may still be draining after the last answer). */
async function checkDelivery(pool: ReceiverPool, expectedFrames: number, connections: number): Promise<Delivery> {
  const start = Date.now();
  let counters = await pool.counters();
  while (counters.commitFrames < expectedFrames && Date.now() - start < DRAIN_MS) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    counters = await pool.counters();
  }
  return { expectedFrames, receivedFrames: counters.commitFrames, drainMs: Date.now() - start, connectionsLost: counters.lostConnections + (connections - counters.connections) };
}
