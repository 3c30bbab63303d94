/**
 * Acknowledged means durable: the service runs as a child process on the embedded Table Storage
 * with a data folder, attendees send commands as fast as it answers, and at a seeded random moment
 * the service is killed with SIGKILL. After a restart on the same folder, every command and SIR item
 * that was answered 200 is there, versions are contiguous, and no version number is given out twice.
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { LOCAL_ATTENDEES, LOCAL_MEETING_ID } from "../bot/src/local/roster.js";
import type { SirItem } from "../shared/src/sir/item.js";
import type { CommandResponse, SnapshotResponse } from "../shared/src/wire/protocol.js";
import type { SirCommandResponse, SirListResponse } from "../shared/src/wire/sir-protocol.js";
import { ServiceClient, startServiceProcess, waitFor, type ServiceProcess } from "./helpers/processes.js";

const [ORGANIZER, , ATTENDEE] = LOCAL_ATTENDEES.map((a) => a.userId) as [string, string, string];
const meetingPath = (rest = "") => `/api/meetings/${encodeURIComponent(LOCAL_MEETING_ID)}${rest}`;

/** mulberry32: the same seed gives the same kill moments in every run. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Acknowledged {
  /** Meeting command id → the version its 200 answer named. */
  readonly commands: Map<string, number>;
  readonly sirItems: Set<string>;
}

/**
 * Sends renames (meeting commands) and SIR creates from `workers` concurrent loops until `stop` aborts;
 * records what was answered 200. Requests cut off by the kill count as not acknowledged.
 */
export async function flow(client: ServiceClient, stop: AbortSignal, acked: Acknowledged, workers = 4): Promise<void> {
  const loop = async (w: number) => {
    for (let n = 0; !stop.aborted; n++) {
      try {
        if (n % 3 === 2) {
          const res = await client.request<SirCommandResponse>(ATTENDEE, meetingPath("/sir/commands"), { command: { id: randomUUID(), type: "createSir", fields: { kind: "information", title: `w${w} n${n}`, problem: "", proposals: [], recommendation: "", concerns: "", meetingId: null } } }, stop);
          if (res.status === 200) acked.sirItems.add(res.body.item.id);
        } else {
          const id = `crash-${randomUUID()}`;
          const res = await client.request<CommandResponse>(ORGANIZER, meetingPath("/commands"), { command: { id, type: "renameSection", sectionId: "goodNews", title: `w${w} n${n}` } }, stop);
          if (res.status === 200) acked.commands.set(id, res.body.version);
        }
      } catch {
        if (stop.aborted) return;
        return; // The service is gone (killed): this worker's in-flight request was never answered.
      }
    }
  };
  await Promise.all(Array.from({ length: workers }, (_, w) => loop(w)));
}

/** Checks a restarted service against what was acknowledged before the kill. */
export async function verifyKept(client: ServiceClient, acked: Acknowledged): Promise<{ version: number }> {
  const snap = await client.request<SnapshotResponse>(ORGANIZER, meetingPath());
  expect(snap.status).toBe(200);
  const versions = [...acked.commands.values()].sort((a, b) => a - b);
  const maxAcked = versions.at(-1) ?? 0;
  expect(snap.body.meeting.version).toBeGreaterThanOrEqual(maxAcked);
  // Every acknowledged command is known with the version it was given: a retry is recognised, nothing is applied twice.
  for (const [id, version] of acked.commands) {
    const retry = await client.request<CommandResponse>(ORGANIZER, meetingPath("/commands"), { command: { id, type: "renameSection", sectionId: "goodNews", title: "retried" } });
    expect(retry.status).toBe(200);
    expect(retry.body).toMatchObject({ duplicate: true, version });
  }
  const list = await client.request<SirListResponse>(ATTENDEE, meetingPath("/sir"));
  expect(list.status).toBe(200);
  const stored = new Set(list.body.items.map((i: SirItem) => i.id));
  const lost = [...acked.sirItems].filter((id) => !stored.has(id));
  expect(lost).toEqual([]);
  return { version: snap.body.meeting.version };
}

const dirs: string[] = [];
const running: ServiceProcess[] = [];
afterAll(() => {
  for (const p of running) p.kill();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe("a service killed with SIGKILL while commands flow", () => {
  it("keeps every acknowledged command and SIR item, with contiguous versions and none reused", async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), "okr-crash-"));
    dirs.push(dataDir);
    const random = seeded(20261206);
    const acked: Acknowledged = { commands: new Map(), sirItems: new Set() };
    let lastVersion = 0;
    for (let round = 0; round < 3; round++) {
      const service = await startServiceProcess({ DATA_DIR: dataDir });
      running.push(service);
      const client = new ServiceClient(service.url);
      if (round > 0) lastVersion = (await verifyKept(client, acked)).version;

      const before = acked.commands.size + acked.sirItems.size;
      const stop = new AbortController();
      const flowing = flow(client, stop.signal, acked);
      // Kill at a seeded moment once this round has had some answers (between 20 and 120 of them).
      const target = before + 20 + Math.floor(random() * 100);
      await waitFor("commands to be acknowledged", () => (acked.commands.size + acked.sirItems.size >= target ? true : undefined), 30_000, 1);
      service.kill("SIGKILL");
      await service.exited;
      stop.abort();
      await flowing;
      // Versions are handed out one by one: every acknowledged version is new and above the last round's.
      const roundVersions = [...acked.commands.values()].filter((v) => v > lastVersion);
      expect(new Set(roundVersions).size).toBe(roundVersions.length);
    }
    const service = await startServiceProcess({ DATA_DIR: dataDir });
    running.push(service);
    const client = new ServiceClient(service.url);
    const { version } = await verifyKept(client, acked);
    // Contiguous: every version up to the stored one was given to exactly one acknowledged or unanswered command, never twice.
    const all = [...acked.commands.values()];
    expect(new Set(all).size).toBe(all.length);
    expect(Math.max(...all)).toBeLessThanOrEqual(version);
    // The next command continues from the stored version: no number is given out again.
    const next = await client.request<CommandResponse>(ORGANIZER, meetingPath("/commands"), { command: { id: `after-${randomUUID()}`, type: "renameSection", sectionId: "goodNews", title: "after the crashes" } });
    expect(next.status).toBe(200);
    expect(next.body.version).toBe(version + 1);
    service.kill("SIGTERM");
    await service.exited;
  });
});
