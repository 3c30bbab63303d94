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
import type { CommandResponse } from "../shared/src/wire/protocol.js";
import { checkKept, flow, FLOOD_ENV, seeded, type Acknowledged } from "./helpers/crash-flow.js";
import { ServiceClient, startServiceProcess, waitFor, type ServiceProcess } from "./helpers/processes.js";

const ORGANIZER = LOCAL_ATTENDEES[0]?.userId ?? "";
const meetingPath = (rest = "") => `/api/meetings/${encodeURIComponent(LOCAL_MEETING_ID)}${rest}`;

async function verifyKept(client: ServiceClient, acked: Acknowledged): Promise<{ version: number }> {
  const report = await checkKept(client, acked);
  expect(report.lostCommands).toEqual([]);
  expect(report.lostSirItems).toEqual([]);
  expect(report.versionWentBack).toBe(false);
  return report;
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
      const service = await startServiceProcess({ ...FLOOD_ENV, DATA_DIR: dataDir });
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
    const service = await startServiceProcess({ ...FLOOD_ENV, DATA_DIR: dataDir });
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
