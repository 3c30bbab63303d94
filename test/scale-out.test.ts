/**
 * Two service instances share the real-time fan-out through a real redis-server: each instance is its own process,
 * both on one Table Storage process. A change accepted by one reaches panels on the other; a killed instance's
 * panel resumes on the other without losing anything acknowledged; with Redis gone both keep serving their own
 * panels and say so in /healthz; with Redis back, panels resync and delivery across instances works again. A recurring
 * meeting moved on to its next occurrence by one instance moves the panels on the other at once.
 */
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOCAL_ATTENDEES, LOCAL_CHAT_ID, LOCAL_MEETING_ID, LOCAL_NEXT_MEETING_ID, LOCAL_TENANT_ID } from "../bot/src/local/roster.js";
import { meetingEventActivity } from "../tab/local/meeting-events.js";
import type { CommandResponse, Head, SnapshotResponse, StreamMessage } from "../shared/src/wire/protocol.js";
import { freePort, ServiceClient, startServiceProcess, startTablesProcess, waitFor, type ChildHandle, type ServiceProcess, type TablesProcess } from "./helpers/processes.js";
import { EventStream } from "./helpers/service.js";

const [ORGANIZER, , ATTENDEE] = LOCAL_ATTENDEES.map((a) => a.userId) as [string, string, string];
const meetingPath = (rest = "") => `/api/meetings/${encodeURIComponent(LOCAL_MEETING_ID)}${rest}`;

interface RedisProcess extends ChildHandle {
  readonly port: number;
}

async function startRedis(port: number): Promise<RedisProcess> {
  const bin = process.env.REDIS_SERVER_PATH ?? "redis-server";
  const child = spawn(bin, ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr.on("data", (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | string>((resolve) => child.once("exit", (code, signal) => resolve(code ?? signal ?? -1)));
  child.once("error", (err) => (output += `spawn failed: ${err.message}`));
  await waitFor("redis-server to accept connections", () => {
    if (output.includes("Ready to accept connections")) return true;
    if (child.exitCode !== null || output.includes("spawn failed")) throw new Error(`redis-server did not start: ${output}`);
    return undefined;
  });
  return {
    child,
    port,
    output: () => output,
    exited,
    kill: (signal = "SIGKILL") => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    },
  };
}

interface Health {
  readonly status: string;
  readonly realtime: string;
  readonly streams: number;
}

const health = async (service: ServiceProcess): Promise<{ code: number; body: Health }> => {
  const res = await fetch(`${service.url}/healthz`);
  return { code: res.status, body: (await res.json()) as Health };
};

const realtimeIs = (service: ServiceProcess, wanted: string) =>
  waitFor(`${service.url} /healthz to say realtime: ${wanted}`, async () => {
    const h = await health(service);
    return h.body.realtime === wanted ? h : undefined;
  });

/** A panel's view of one meeting as the stream tells it: version, head, the commands it saw, the agenda's first title. */
class Panel {
  version = -1;
  head: Head = null;
  title: string | null = null;
  readonly seen = new Set<string>();
  snapshots = 0;
  gaps = 0;
  stream: EventStream | null = null;

  constructor(private client: ServiceClient) {}

  /** Connects (or reconnects, to `client`), resuming from the panel's version and head once it has one. */
  async connect(client = this.client): Promise<void> {
    this.client = client;
    const abort = new AbortController();
    const query = this.version >= 0 ? `?since=${this.version}&head=${encodeURIComponent(this.head ?? "")}` : "";
    const res = await fetch(`${client.url}${meetingPath("/stream")}${query}`, {
      headers: { accept: "text/event-stream", authorization: `Bearer ${await client.token(ATTENDEE)}` },
      signal: abort.signal,
    });
    expect(res.status).toBe(200);
    this.stream = new EventStream(res, abort);
    const hello = await this.stream.nextMessage();
    expect(hello.type).toBe("hello");
  }

  /** Reads messages until `done` holds for the panel. */
  async until(what: string, done: () => boolean, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!done()) {
      const stream = this.stream;
      if (!stream) throw new Error("not connected");
      const message = await stream.nextMessage(Math.max(1, deadline - Date.now())).catch((err: unknown) => {
        throw new Error(`Waiting for ${what}: ${String(err)}`);
      });
      if (!this.apply(message)) await this.takeSnapshot();
    }
  }

  /** What the panel does on a version gap: read the meeting again. */
  private async takeSnapshot(): Promise<void> {
    this.gaps++;
    const res = await this.client.request<SnapshotResponse>(ATTENDEE, meetingPath());
    expect(res.status).toBe(200);
    this.version = res.body.meeting.version;
    this.head = res.body.head;
    this.title = res.body.meeting.sections[0]?.title ?? null;
  }

  close(): void {
    this.stream?.close();
  }

  /** False when a commit does not follow on the panel's head (a gap): the panel then needs a snapshot. */
  private apply(m: StreamMessage): boolean {
    if (m.type === "snapshot") {
      this.snapshots++;
      this.version = m.meeting.version;
      this.head = m.head;
      this.title = m.meeting.sections[0]?.title ?? null;
    } else if (m.type === "commit") {
      // The panel's own rule: a commit applies only on the head it names.
      if (m.commit.version !== this.version + 1 || (m.commit.base !== undefined && m.commit.base !== this.head)) return false;
      this.version = m.commit.version;
      this.head = m.commit.commandId;
      this.seen.add(m.commit.commandId);
      for (const e of m.commit.events) if (e.type === "sectionRenamed") this.title = e.title;
    }
    return true;
  }
}

async function rename(client: ServiceClient, title: string): Promise<{ id: string; version: number }> {
  const id = `scale-${randomUUID()}`;
  const sectionId = (await client.request<{ meeting: { sections: { id: string }[] } }>(ORGANIZER, meetingPath())).body.meeting.sections[0]?.id ?? "";
  const res = await client.request<CommandResponse>(ORGANIZER, meetingPath("/commands"), { command: { id, type: "renameSection", sectionId, title } });
  expect(res.status).toBe(200);
  return { id, version: res.body.version };
}

let redis: RedisProcess;
let tables: TablesProcess;
let a: ServiceProcess;
let b: ServiceProcess;
const all: ChildHandle[] = [];
const panels: Panel[] = [];

async function startInstance(): Promise<ServiceProcess> {
  const service = await startServiceProcess({ STORAGE_CONNECTION_STRING: tables.connectionString, REDIS_URL: `redis://127.0.0.1:${redis.port}` });
  all.push(service);
  return service;
}

const panelOn = async (service: ServiceProcess): Promise<Panel> => {
  const panel = new Panel(new ServiceClient(service.url));
  panels.push(panel);
  await panel.connect();
  return panel;
};

beforeAll(async () => {
  redis = await startRedis(await freePort());
  all.push(redis);
  tables = await startTablesProcess();
  all.push(tables);
  [a, b] = await Promise.all([startInstance(), startInstance()]);
  await Promise.all([realtimeIs(a, "redis"), realtimeIs(b, "redis")]);
});

afterAll(async () => {
  for (const p of panels) p.close();
  for (const p of all) p.kill();
  await Promise.all(all.map((p) => p.exited));
});

describe("two instances sharing fan-out through Redis", () => {
  it("delivers a command accepted by one instance to a panel on the other, both ways", async () => {
    const onB = await panelOn(b);
    const onA = await panelOn(a);
    await onB.until("the snapshot", () => onB.version >= 0);
    await onA.until("the snapshot", () => onA.version >= 0);

    const fromA = await rename(new ServiceClient(a.url), "from A");
    await onB.until("A's command on B", () => onB.seen.has(fromA.id));
    expect(onB.title).toBe("from A");

    const fromB = await rename(new ServiceClient(b.url), "from B");
    await onA.until("B's command on A", () => onA.seen.has(fromB.id));
    expect(onA.title).toBe("from B");
    await onB.until("B's own command", () => onB.seen.has(fromB.id));
    for (const p of [onA, onB]) p.close();
  });

  it("resumes a killed instance's panel on the other instance without losing an acknowledged command", async () => {
    // B keeps a panel of the meeting open, so it hears (and remembers) every commit through Redis.
    const watcher = await panelOn(b);
    const onA = await panelOn(a);
    await onA.until("the snapshot", () => onA.version >= 0);
    const clientA = new ServiceClient(a.url);
    const acked: { id: string; version: number }[] = [];
    for (let i = 0; i < 5; i++) acked.push(await rename(clientA, `acked ${i}`));
    const last = acked[acked.length - 1];
    if (!last) throw new Error("no command acknowledged");
    await watcher.until("A's commands on B", () => watcher.seen.has(last.id));

    // A dies before its panel read everything it was sent; the panel reconnects to B with what it has.
    a.kill("SIGKILL");
    await a.exited;
    onA.close();
    await onA.connect(new ServiceClient(b.url));
    await onA.until("the resync on B", () => onA.version >= last.version);
    expect(onA.title).toBe(`acked ${acked.length - 1}`);
    expect(onA.version).toBe(last.version);
    // Nothing acknowledged is missing: each came as a commit, or the snapshot that holds the last one.
    const viaCommits = acked.every((c) => onA.seen.has(c.id));
    expect(viaCommits || onA.snapshots > 0).toBe(true);
    for (const p of [watcher, onA]) p.close();

    a = await startInstance();
    await realtimeIs(a, "redis");
  });

  it("keeps serving each instance's own panels while Redis is down, says so, and recovers when it is back", async () => {
    const onA = await panelOn(a);
    const onB = await panelOn(b);
    await onA.until("the snapshot", () => onA.version >= 0);
    await onB.until("the snapshot", () => onB.version >= 0);

    redis.kill("SIGKILL");
    await redis.exited;
    const [ha, hb] = await Promise.all([realtimeIs(a, "redis-unavailable"), realtimeIs(b, "redis-unavailable")]);
    // Degraded, but still in the load balancer: 200, with the reason.
    for (const h of [ha, hb]) expect(h).toMatchObject({ code: 200, body: { status: "degraded", realtime: "redis-unavailable" } });
    expect(a.output()).toMatch(/Redis unavailable/);

    const duringA = await rename(new ServiceClient(a.url), "during the outage, on A");
    await onA.until("A's own command", () => onA.seen.has(duringA.id));
    const duringB = await rename(new ServiceClient(b.url), "during the outage, on B");
    // B never heard of A's command: its panel sees a version gap and reads the meeting again.
    await onB.until("B's own command", () => onB.version >= duringB.version);
    expect(onB.gaps).toBe(1);
    expect(onB.title).toBe("during the outage, on B");
    // A missed B's command (nothing crosses without Redis): its panel is behind, and must not stay so.
    expect(onA.seen.has(duringB.id)).toBe(false);
    expect(onA.version).toBe(duringA.version);

    redis = await startRedis(redis.port);
    all.push(redis);
    await Promise.all([realtimeIs(a, "redis"), realtimeIs(b, "redis")]);
    // Back: the instances may have missed messages, so their streams end and the panels resume.
    await expect(onA.until("the stream to end after the resync", () => false)).rejects.toThrow(/ended/);
    await onA.connect();
    await onA.until("the missed command", () => onA.version >= duringB.version);
    expect(onA.title).toBe("during the outage, on B");
    await expect(onB.until("the stream to end after the resync", () => false)).rejects.toThrow(/ended/);
    await onB.connect();
    await onB.until("the resync", () => onB.version >= duringB.version);

    const after = await rename(new ServiceClient(a.url), "after the outage");
    await onB.until("A's command on B after recovery", () => onB.seen.has(after.id));
    expect(b.output()).toMatch(/Redis is reachable again/);
    for (const p of [onA, onB]) p.close();
  });

  it("starts and serves without Redis, and joins the others once Redis is there", async () => {
    const port = await freePort();
    const c = await startServiceProcess({ STORAGE_CONNECTION_STRING: tables.connectionString, REDIS_URL: `redis://127.0.0.1:${port}` });
    all.push(c);
    expect(await realtimeIs(c, "redis-unavailable")).toMatchObject({ code: 200, body: { status: "degraded" } });
    expect(c.output()).toMatch(/Redis unavailable/);
    const onC = await panelOn(c);
    await onC.until("the snapshot", () => onC.version >= 0);
    const own = await rename(new ServiceClient(c.url), "C alone");
    await onC.until("C's own command", () => onC.seen.has(own.id));

    const late = await startRedis(port);
    all.push(late);
    await realtimeIs(c, "redis");
    expect(c.output()).toMatch(/Redis is reachable again/);
    onC.close();
  });

  it("a recurring meeting moved on by one instance (Teams' start after an ended call) moves a panel on the other at once", async () => {
    // Another meeting than the other tests': this one gets a second occurrence.
    const organizer = LOCAL_ATTENDEES[0];
    if (!organizer) throw new Error("no local organizer");
    const teamsEvent = async (kind: "start" | "end"): Promise<void> => {
      const activity = meetingEventActivity(kind, { tenantId: LOCAL_TENANT_ID, meetingId: LOCAL_NEXT_MEETING_ID, chatId: LOCAL_CHAT_ID }, { userId: organizer.userId, name: organizer.name, locale: organizer.locale }, a.url);
      const res = await fetch(`${a.url}/api/messages`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(activity) });
      expect(res.status).toBe(200);
    };
    const clientB = new ServiceClient(b.url);
    const openOnB = async (): Promise<EventStream> => {
      const abort = new AbortController();
      const res = await fetch(`${b.url}/api/meetings/${encodeURIComponent(LOCAL_NEXT_MEETING_ID)}/stream`, { headers: { accept: "text/event-stream", authorization: `Bearer ${await clientB.token(ATTENDEE)}` }, signal: abort.signal });
      expect(res.status).toBe(200);
      const stream = new EventStream(res, abort);
      expect(await stream.nextMessage()).toMatchObject({ type: "hello" });
      return stream;
    };
    await teamsEvent("start");
    await teamsEvent("end");
    const week1 = await openOnB();
    expect(await week1.nextMessage()).toMatchObject({ type: "snapshot", meeting: { meetingId: LOCAL_NEXT_MEETING_ID, phase: "ended" } });

    await teamsEvent("start");
    // Through Redis, not the next heartbeat (15 s): the stream on B ends within moments.
    await week1.end(5_000);
    // B remembered the move it was told of, so the panel's reconnect there is to week 2 at once.
    const week2 = await openOnB();
    expect(await week2.nextMessage()).toMatchObject({ type: "snapshot", meeting: { meetingId: `${LOCAL_NEXT_MEETING_ID}~2`, phase: "running" } });
    week2.close();
  });
});
