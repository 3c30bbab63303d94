/**
 * The priorities round with two service instances on one Table Storage process, sharing fan-out through a real
 * redis-server: an entry saved on one instance reaches a panel's stream on the other, the walk moved on the other
 * reaches the first, and one command sent to both instances at once is applied once.
 */
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOCAL_ATTENDEES, LOCAL_MEETING_ID } from "../bot/src/local/roster.js";
import { isoWeekAt } from "../shared/src/kpi/week.js";
import type { PriorityCommandResponse, PriorityRoundResponse } from "../shared/src/wire/priorities-protocol.js";
import type { StreamMessage } from "../shared/src/wire/protocol.js";
import { freePort, ServiceClient, startServiceProcess, startTablesProcess, waitFor, type ChildHandle, type ServiceProcess } from "./helpers/processes.js";
import { EventStream } from "./helpers/service.js";

const [ORGANIZER, , ATTENDEE] = LOCAL_ATTENDEES.map((a) => a.userId) as [string, string, string];
const path = (rest = "") => `/api/meetings/${encodeURIComponent(LOCAL_MEETING_ID)}${rest}`;
const all: ChildHandle[] = [];
const streams: EventStream[] = [];
let a: ServiceProcess;
let b: ServiceProcess;

beforeAll(async () => {
  const port = await freePort();
  const child = spawn(process.env.REDIS_SERVER_PATH ?? "redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | string>((resolve) => child.once("exit", (code, signal) => resolve(code ?? signal ?? -1)));
  all.push({ child, output: () => output, exited, kill: (signal = "SIGKILL") => void (child.exitCode === null && child.kill(signal)) } as ChildHandle);
  await waitFor("redis-server to accept connections", () => (output.includes("Ready to accept connections") ? true : undefined));
  const tables = await startTablesProcess();
  all.push(tables);
  const start = async () => {
    const s = await startServiceProcess({ STORAGE_CONNECTION_STRING: tables.connectionString, REDIS_URL: `redis://127.0.0.1:${port}` });
    all.push(s);
    await waitFor(`${s.url} to share fan-out through Redis`, async () => (((await (await fetch(`${s.url}/healthz`)).json()) as { realtime: string }).realtime === "redis" ? true : undefined));
    return s;
  };
  [a, b] = await Promise.all([start(), start()]);
}, 120_000);

afterAll(async () => {
  for (const s of streams) s.close();
  for (const p of all) p.kill();
  await Promise.all(all.map((p) => p.exited));
});

async function streamOn(service: ServiceProcess, userId: string): Promise<EventStream> {
  const client = new ServiceClient(service.url);
  const abort = new AbortController();
  const res = await fetch(`${service.url}${path("/stream")}`, { headers: { accept: "text/event-stream", authorization: `Bearer ${await client.token(userId)}` }, signal: abort.signal });
  expect(res.status).toBe(200);
  const stream = new EventStream(res, abort);
  streams.push(stream);
  expect((await stream.nextMessage(20_000)).type).toBe("hello");
  return stream;
}

async function nextPriority(stream: EventStream): Promise<Extract<StreamMessage, { type: "priority" }>> {
  for (;;) {
    const m = await stream.nextMessage(20_000);
    if (m.type === "priority") return m;
  }
}

describe("the priorities round across two instances", () => {
  it("an entry saved on A reaches a panel on B; the walk moved on B reaches a panel on A", async () => {
    const week = (await new ServiceClient(a.url).request<PriorityRoundResponse>(ATTENDEE, path("/priorities"))).body.week;
    expect(week).toBe(isoWeekAt(Date.now(), "Europe/Oslo"));
    const onB = await streamOn(b, ATTENDEE);
    const onA = await streamOn(a, ATTENDEE);
    const saved = await new ServiceClient(a.url).request<PriorityCommandResponse>(ATTENDEE, path("/priorities/commands"), {
      command: { id: randomUUID(), type: "savePriorities", week, memberId: ATTENDEE, fields: { lastWeek: [], nextWeek: [{ text: "Across instances", why: "" }], learned: "", change: "" } },
    });
    expect(saved.status).toBe(200);
    expect((await nextPriority(onB)).event).toMatchObject({ kind: "entry", entry: { member: { userId: ATTENDEE }, nextWeek: [{ text: "Across instances" }] } });
    const moved = await new ServiceClient(b.url).request(ORGANIZER, path("/priorities/commands"), { command: { id: randomUUID(), type: "setPrioritySpeaker", week, memberId: ATTENDEE } });
    expect(moved.status).toBe(200);
    let m = await nextPriority(onA);
    while (m.event.kind !== "round") m = await nextPriority(onA);
    expect(m.event.round).toMatchObject({ speakerId: ATTENDEE });
  });

  it("one command sent to both instances at once is applied once", async () => {
    const week = (await new ServiceClient(a.url).request<PriorityRoundResponse>(ORGANIZER, path("/priorities"))).body.week;
    const before = (await new ServiceClient(a.url).request<PriorityRoundResponse>(ORGANIZER, path("/priorities"))).body.mine.entry?.version ?? 0;
    const command = { id: randomUUID(), type: "savePriorities", week, memberId: ORGANIZER, fields: { lastWeek: [], nextWeek: [{ text: `Once ${randomUUID()}`, why: "" }], learned: "", change: "" } };
    const [ra, rb] = await Promise.all([new ServiceClient(a.url).request<PriorityCommandResponse>(ORGANIZER, path("/priorities/commands"), { command }), new ServiceClient(b.url).request<PriorityCommandResponse>(ORGANIZER, path("/priorities/commands"), { command })]);
    expect([ra.status, rb.status]).toEqual([200, 200]);
    const after = (await new ServiceClient(b.url).request<PriorityRoundResponse>(ORGANIZER, path("/priorities"))).body.mine.entry;
    expect(after?.version).toBe(before + 1);
    expect([ra.body, rb.body].filter((r) => r.changed)).toHaveLength(1);
  });
});
