/**
 * Two service instances share what Teams answers about roles through a real redis-server: a user whose panel is on
 * one instance and whose request reaches the other costs one Teams look-up, not one per instance. Both instances ask
 * one Bot Connector (the first instance's stand-in) through a counting proxy, so the look-ups are counted as Teams
 * would see them.
 */
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOCAL_ATTENDEES, LOCAL_MEETING_ID, LOCAL_TENANT_ID } from "../bot/src/local/roster.js";
import { meetingPartition } from "../bot/src/storage/keys.js";
import { teamsMeetingRef } from "../shared/src/meeting/occurrence.js";
import type { SnapshotResponse, StreamMessage } from "../shared/src/wire/protocol.js";
import { countingProxy, startRedis, type CountingProxy } from "./bench/common.js";
import { freePort, ServiceClient, startServiceProcess, startTablesProcess, waitFor, type ChildHandle, type ServiceProcess } from "./helpers/processes.js";
import { EventStream } from "./helpers/service.js";

const [, , ALEX, KARI] = LOCAL_ATTENDEES.map((a) => a.userId) as [string, string, string, string];
const meetingPath = (rest = "") => `/api/meetings/${encodeURIComponent(LOCAL_MEETING_ID)}${rest}`;
const roleChannel = `okr:rt:u:${meetingPartition(teamsMeetingRef({ tenantId: LOCAL_TENANT_ID, meetingId: LOCAL_MEETING_ID }))}`;

const all: ChildHandle[] = [];
const streams: AbortController[] = [];
let connector: CountingProxy;
let a: ServiceProcess;
let b: ServiceProcess;
let redisPort: number;
let listener: Redis | undefined;
const heard: string[] = [];

const lookUps = (): number => connector.counts.get("participant") ?? 0;

/** Opens a user's panel stream on an instance and waits for its first snapshot. */
async function openPanel(service: ServiceProcess, userId: string): Promise<void> {
  const abort = new AbortController();
  streams.push(abort);
  const token = await new ServiceClient(service.url).token(userId);
  const res = await fetch(`${service.url}${meetingPath("/stream")}`, { headers: { authorization: `Bearer ${token}` }, signal: abort.signal });
  expect(res.status).toBe(200);
  const stream = new EventStream(res, abort);
  let first: StreamMessage = await stream.next();
  while (first.type === "heartbeat" || first.type === "hello") first = await stream.next();
  expect(first.type).toBe("snapshot");
}

/** Instances subscribed to the meeting's role reports, as Redis counts them. */
const subscribers = async (): Promise<number> => {
  const probe = new Redis(`redis://127.0.0.1:${redisPort}`);
  try {
    const reply = (await probe.pubsub("NUMSUB", roleChannel)) as [string, number];
    return Number(reply[1]);
  } finally {
    probe.disconnect();
  }
};

beforeAll(async () => {
  const redis = await startRedis();
  all.push(redis);
  redisPort = redis.port;
  const tables = await startTablesProcess();
  all.push(tables);
  // Both instances' Teams is the first instance's stand-in, behind a proxy that counts participant look-ups.
  const portA = await freePort();
  connector = await countingProxy({ host: "127.0.0.1", port: portA, prefix: "/local/connector" }, (_m, p) => (/^\/v1\/meetings\/[^/]+\/participants\//.test(p) ? "participant" : "other"));
  const env = { STORAGE_CONNECTION_STRING: tables.connectionString, REDIS_URL: `redis://127.0.0.1:${redis.port}`, DEFAULT_SERVICE_URL: `http://127.0.0.1:${connector.port}/`, ROLE_TTL_MS: "600000" };
  [a, b] = await Promise.all([startServiceProcess(env, portA), startServiceProcess(env)]);
  all.push(a, b);
  await waitFor("both instances on Redis", async () => {
    const h = await Promise.all([a, b].map(async (s) => ((await (await fetch(`${s.url}/healthz`)).json()) as { realtime: string }).realtime));
    return h.every((x) => x === "redis") ? true : undefined;
  });
  // The test hears the reports too, to know when one has been sent.
  const reports = new Redis(`redis://127.0.0.1:${redis.port}`);
  listener = reports;
  reports.on("message", (_channel: string, text: string) => heard.push(text));
  await reports.subscribe(roleChannel);
}, 60_000);

afterAll(async () => {
  for (const s of streams) s.abort();
  listener?.disconnect();
  await connector.close();
  for (const p of all) p.kill();
  await Promise.all(all.map((p) => p.exited));
});

describe("role look-ups shared between instances through Redis", () => {
  it("a role one instance asked Teams for is used by the other without asking again", async () => {
    // Kari's panel is on A: A listens to the meeting's role reports.
    await openPanel(a, KARI);
    await waitFor("A to listen to the meeting's role reports", async () => ((await subscribers()) >= 2 ? true : undefined));
    const before = lookUps();
    // Alex opens the panel on B: B asks Teams once and tells the others.
    await openPanel(b, ALEX);
    expect(lookUps()).toBe(before + 1);
    await waitFor("B's report of Alex's role", () => (heard.some((t) => t.includes(ALEX) && t.includes("Attendee")) ? true : undefined));
    // Alex's next request reaches A: A knows the role from B's report.
    const snapshot = await new ServiceClient(a.url).request<SnapshotResponse>(ALEX, meetingPath());
    expect(snapshot.status).toBe(200);
    expect(snapshot.body.viewer.role).toBe("Attendee");
    expect(lookUps()).toBe(before + 1);
  });
});
