/** @module The real-time stream (SSE over real HTTP): live commits reach every open panel, a reconnect resumes from its version, a gap gets a snapshot. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Commit, StreamMessage } from "../shared/src/wire/protocol.js";
import { ATTENDEE, command, ORGANIZER, startService, TENANT, type EventStream, type Service } from "./helpers/service.js";

let service: Service;
let organizerToken: string;
let attendeeToken: string;
const open: EventStream[] = [];

beforeAll(async () => {
  service = await startService();
  organizerToken = await service.tokenFor(ORGANIZER);
  attendeeToken = await service.tokenFor(ATTENDEE);
});

afterEach(() => {
  for (const s of open.splice(0)) s.close();
});

afterAll(async () => {
  await service?.close();
});

async function connect(meetingId: string, token: string | null, since: number | null = null, via: Service = service, head?: string | null): Promise<EventStream> {
  const stream = await via.openStream(meetingId, token, since, head);
  open.push(stream);
  return stream;
}

async function drive(meetingId: string, cmd: Record<string, unknown>, via: Service = service, token = organizerToken): Promise<number> {
  const res = await via.send(meetingId, token, cmd);
  expect(res.status).toBe(200);
  return (res.body as { version: number }).version;
}

function expectType<T extends StreamMessage["type"]>(message: StreamMessage, type: T): Extract<StreamMessage, { type: T }> {
  expect(message.type).toBe(type);
  return message as Extract<StreamMessage, { type: T }>;
}

async function nextCommit(stream: EventStream): Promise<Commit> {
  return expectType(await stream.nextMessage(), "commit").commit;
}

describe("the meeting's real-time stream", () => {
  it("a lead's command reaches an attendee's open stream as a commit with the next version", async () => {
    const meetingId = service.meeting();
    const stream = await connect(meetingId, attendeeToken);
    expect(stream.status).toBe(200);
    expect(stream.response.headers.get("content-type")).toMatch(/^text\/event-stream/);
    expect(expectType(await stream.nextMessage(), "hello").version).toBe(0);
    const snapshot = expectType(await stream.nextMessage(), "snapshot");
    expect(snapshot.meeting).toMatchObject({ meetingId, version: 0, phase: "notStarted" });

    const start = command("startMeeting");
    await drive(meetingId, start);
    const commit = await nextCommit(stream);
    expect(commit).toMatchObject({ meetingId, version: 1, commandId: start.id });
    expect(commit.events.map((e) => e.type)).toEqual(["meetingStarted"]);
  });

  it("connecting with the current version and its head gets only hello, then live commits (no snapshot)", async () => {
    const meetingId = service.meeting();
    await drive(meetingId, command("startMeeting"));
    const pause = command("pauseTimer");
    await drive(meetingId, pause);
    const stream = await connect(meetingId, attendeeToken, 2, service, pause.id as string);
    expect(expectType(await stream.nextMessage(), "hello").version).toBe(2);

    await drive(meetingId, command("nextSection"));
    const commit = await nextCommit(stream);
    expect(commit.version).toBe(3);
    expect(commit.events).toEqual([expect.objectContaining({ type: "sectionEntered", sectionId: "kpis" })]);
    expect(stream.pending()).toEqual([]);
  });

  it("connecting with an older version resumes with exactly the missed commits, in order", async () => {
    const meetingId = service.meeting();
    const start = command("startMeeting");
    await drive(meetingId, start);
    const missed = [command("extendTimer", { minutes: 1 }), command("nextSection"), command("pauseTimer")];
    for (const c of missed) await drive(meetingId, c);

    const stream = await connect(meetingId, attendeeToken, 1, service, start.id as string);
    expect(expectType(await stream.nextMessage(), "hello").version).toBe(4);
    const resumed = [await nextCommit(stream), await nextCommit(stream), await nextCommit(stream)];
    expect(resumed.map((c) => [c.version, c.commandId, c.base])).toEqual(missed.map((c, i) => [i + 2, c.id, i === 0 ? start.id : missed[i - 1]?.id]));

    await drive(meetingId, command("startTimer"));
    expect((await nextCommit(stream)).version).toBe(5);
    expect(stream.pending()).toEqual([]);
  });

  it("connecting without a version gets a snapshot of the current state", async () => {
    const meetingId = service.meeting();
    await drive(meetingId, command("startMeeting"));
    await drive(meetingId, command("nextSection"));
    const stream = await connect(meetingId, attendeeToken);
    expect(expectType(await stream.nextMessage(), "hello").version).toBe(2);
    const snapshot = expectType(await stream.nextMessage(), "snapshot");
    expect(snapshot.meeting).toMatchObject({ version: 2, phase: "running", currentSectionId: "kpis" });
  });

  it("a client ahead of storage (a version from the future) gets a snapshot, then live commits", async () => {
    const meetingId = service.meeting();
    await drive(meetingId, command("startMeeting"));
    const stream = await connect(meetingId, attendeeToken, 1000);
    expectType(await stream.nextMessage(), "hello");
    expect(expectType(await stream.nextMessage(), "snapshot").meeting.version).toBe(1);
    await drive(meetingId, command("pauseTimer"));
    expect((await nextCommit(stream)).version).toBe(2);
  });

  it("20 open streams all receive the same commit", async () => {
    const meetingId = service.meeting();
    const streams = await Promise.all(Array.from({ length: 20 }, (_, i) => connect(meetingId, i % 2 === 0 ? attendeeToken : organizerToken)));
    for (const s of streams) {
      expectType(await s.nextMessage(), "hello");
      expectType(await s.nextMessage(), "snapshot");
    }
    const start = command("startMeeting");
    await drive(meetingId, start);
    const commits = await Promise.all(streams.map(nextCommit));
    for (const c of commits) expect(c).toMatchObject({ version: 1, commandId: start.id });
  });

  it("an invalid token gets 401 with a JSON error, not a stream", async () => {
    const meetingId = service.meeting();
    const expired = await service.issuer.sign({ oid: ATTENDEE, tid: TENANT, name: "Alex" }, { expiresInSeconds: -120 });
    const stream = await connect(meetingId, expired);
    expect(stream.status).toBe(401);
    expect(stream.response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await stream.response.json()).toMatchObject({ error: { code: "unauthenticated" } });
    const none = await connect(meetingId, null);
    expect(none.status).toBe(401);
  });

  it("someone who is not in the meeting gets 403, not a stream", async () => {
    const stream = await connect(service.meeting(), await service.tokenFor("00000000-0000-4000-8000-0000000000ff"));
    expect(stream.status).toBe(403);
    expect(await stream.response.json()).toMatchObject({ error: { code: "notParticipant" } });
  });

  it("a malformed 'since' is refused with 400", async () => {
    const stream = await connect(service.meeting(), attendeeToken, -1);
    expect(stream.status).toBe(400);
    expect(await stream.response.json()).toMatchObject({ error: { code: "badSince" } });
  });
});

describe("role changes reach the open stream", () => {
  it("a role switched in the (local) Teams is pushed to the user's open stream at once, long before a heartbeat", async () => {
    const meetingId = service.meeting();
    const stream = await connect(meetingId, organizerToken);
    expectType(await stream.nextMessage(), "hello");
    expectType(await stream.nextMessage(), "snapshot");
    service.connector.setRole(meetingId, ORGANIZER, "Attendee");
    const viewer = expectType(await stream.nextMessage(1_000), "viewer").viewer;
    expect(viewer).toMatchObject({ role: "Attendee", capabilities: ["meeting:read", "sir:prepare", "kpi:update", "actions:add"] });
  });

  it("a lead whom Teams no longer lists (no event is sent for that) loses the stream within a few seconds", async () => {
    const meetingId = service.meeting();
    const stream = await connect(meetingId, organizerToken);
    expectType(await stream.nextMessage(), "hello");
    expectType(await stream.nextMessage(), "snapshot");
    service.connector.removeParticipant(meetingId, ORGANIZER);
    const started = Date.now();
    await expect(stream.nextMessage(6_000)).rejects.toThrow(/ended/);
    expect(Date.now() - started).toBeLessThan(6_000);
  });
});

describe("another instance on the same storage", () => {
  let second: Service | undefined;

  afterEach(async () => {
    for (const s of open.splice(0)) s.close();
    await second?.close();
    second = undefined;
  });

  it("cannot fill a gap from its memory, so a resuming panel gets a snapshot with the stored state", async () => {
    const meetingId = service.meeting();
    await drive(meetingId, command("startMeeting"));
    await drive(meetingId, command("nextSection"));

    // A restarted (or another) instance shares the storage but not the first one's recent commits.
    second = await startService({ STORAGE_CONNECTION_STRING: service.app.storageConnectionString });
    second.meeting({}, meetingId);
    const stream = await connect(meetingId, await second.tokenFor(ATTENDEE), 1, second);
    expect(expectType(await stream.nextMessage(), "hello").version).toBe(2);
    expect(expectType(await stream.nextMessage(), "snapshot").meeting).toMatchObject({ version: 2, currentSectionId: "kpis" });

    await drive(meetingId, command("pauseTimer"), second, await second.tokenFor(ORGANIZER));
    expect((await nextCommit(stream)).version).toBe(3);
  });
});
