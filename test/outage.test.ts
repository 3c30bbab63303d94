/**
 * Storage failure is a clean, quick answer: Table Storage runs as its own process (the embedded store,
 * durable, on a data folder) and is frozen (SIGSTOP) or stopped mid-run. Every request answers
 * `503 storageUnavailable` with `Retry-After` within the storage deadline instead of hanging or
 * failing with a 500; when storage is back the service recovers by itself, and the same command
 * sent again (same id) is applied exactly once.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { STORAGE_FAULT_DEFAULTS } from "../bot/src/storage/storage-faults.js";
import type { SnapshotResponse } from "../shared/src/wire/protocol.js";
import type { SirListResponse } from "../shared/src/wire/sir-protocol.js";
import { startTablesProcess, waitFor, type TablesProcess } from "./helpers/processes.js";
import { ATTENDEE, command, meetingPath, ORGANIZER, startService, type ApiResult, type ErrorBody, type Service } from "./helpers/service.js";

/** The longest a request may take while storage is down: the storage deadline plus room for a loaded CI machine. */
const ANSWER_WITHIN_MS = STORAGE_FAULT_DEFAULTS.deadlineMs + 2_000;

let dataDir: string;
let tables: TablesProcess;
let service: Service;
beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), "okr-outage-"));
  tables = await startTablesProcess({ dir: dataDir });
  service = await startService({ STORAGE_CONNECTION_STRING: tables.connectionString });
});
afterAll(async () => {
  tables?.thaw();
  await service?.close();
  tables?.kill("SIGKILL");
  rmSync(dataDir, { recursive: true, force: true });
});

async function timed<T>(work: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const t0 = performance.now();
  const result = await work();
  return { result, ms: performance.now() - t0 };
}

function expectUnavailable(res: ApiResult, ms: number): void {
  expect(res.status).toBe(503);
  expect((res.body as ErrorBody).error.code).toBe("storageUnavailable");
  expect((res.body as ErrorBody).error.message).toMatch(/temporarily unable to save/);
  expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
  expect(ms).toBeLessThan(ANSWER_WITHIN_MS);
}

async function healthy(): Promise<void> {
  await waitFor("the service to report storage reachable", async () => ((await service.api("/healthz")).status === 200 ? true : undefined), 30_000, 100);
}

const sirCreate = (title: string) => ({ id: `sir-${title}`, type: "createSir", fields: { kind: "information", title, problem: "", proposals: [], recommendation: "", concerns: "", meetingId: null } });

describe("Table Storage frozen or stopped mid-run", () => {
  it("frozen: commands, reads and SIR changes answer 503 with Retry-After quickly; after it thaws the resent command applies once", async () => {
    const meetingId = service.meeting();
    const token = await service.tokenFor(ORGANIZER);
    expect((await service.send(meetingId, token, command("startMeeting"))).status).toBe(200);

    tables.freeze();
    const extend = command("extendTimer", { minutes: 5 });
    // Several at once, as a meeting would send them: none waits behind another for long.
    const answers = await Promise.all([
      timed(() => service.send(meetingId, token, extend)),
      timed(() => service.send(meetingId, token, command("extendTimer", { minutes: 1 }))),
      timed(() => service.api(meetingPath(meetingId), { token })),
      timed(async () => service.api(meetingPath(meetingId, "/sir/commands"), { token: await service.tokenFor(ATTENDEE), body: { command: sirCreate("frozen") } })),
    ]);
    for (const { result, ms } of answers) expectUnavailable(result, ms);
    const health = await service.api<{ storage: string }>("/healthz");
    expect(health.status).toBe(503);
    expect(health.body.storage).toBe("unreachable");

    tables.thaw();
    await healthy();
    // The panel sends the pending command again with the same id: applied exactly once (never twice, even if the frozen store took the first try late).
    const resent = await service.send(meetingId, token, extend);
    expect(resent.status).toBe(200);
    const again = await service.send(meetingId, token, extend);
    expect(again.body).toMatchObject({ duplicate: true });
    const snap = await service.api<SnapshotResponse>(meetingPath(meetingId), { token });
    const extraMs = snap.body.meeting.sections.find((s) => s.id === snap.body.meeting.currentSectionId)?.extraMs ?? 0;
    // 5 min once; the 1-minute extension was refused (503) and not resent, so it may or may not have landed late — never twice.
    expect([5 * 60_000, 6 * 60_000]).toContain(extraMs);

    const sir = await service.api(meetingPath(meetingId, "/sir/commands"), { token: await service.tokenFor(ATTENDEE), body: { command: sirCreate("frozen") } });
    expect(sir.status).toBe(200);
    const list = await service.api<SirListResponse>(meetingPath(meetingId, "/sir"), { token });
    expect(list.body.items.filter((i) => i.title === "frozen")).toHaveLength(1);
  });

  it("stopped: requests answer 503 at once; restarted on the same data, nothing acknowledged is lost and the service recovers by itself", async () => {
    const meetingId = service.meeting();
    const token = await service.tokenFor(ORGANIZER);
    expect((await service.send(meetingId, token, command("startMeeting"))).status).toBe(200);
    const kept = await service.send(meetingId, token, command("extendTimer", { minutes: 5 }));
    expect(kept.status).toBe(200);

    const { port } = tables;
    tables.kill("SIGKILL");
    await tables.exited;
    const extend = command("extendTimer", { minutes: 1 });
    const down = await timed(() => service.send(meetingId, token, extend));
    expectUnavailable(down.result, down.ms);
    const read = await timed(() => service.api(meetingPath(meetingId), { token }));
    expectUnavailable(read.result, read.ms);

    tables = await startTablesProcess({ dir: dataDir, port });
    await healthy();
    const resent = await service.send(meetingId, token, extend);
    expect(resent.body).toMatchObject({ duplicate: false });
    const snap = await service.api<SnapshotResponse>(meetingPath(meetingId), { token });
    expect(snap.body.meeting.version).toBe((kept.body as { version: number }).version + 1);
    expect(snap.body.meeting.sections.find((s) => s.id === snap.body.meeting.currentSectionId)?.extraMs).toBe(6 * 60_000);
  });
});
