/** @module Versions never go backwards for a panel: one that holds a history the service does not have (storage lost commits) gets a snapshot, never commits on top of it (real service, HTTP, SSE, Azurite). */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { meetingPartition } from "../bot/src/storage/keys.js";
import { openTables, type Tables } from "../bot/src/storage/tables.js";
import { MINUTE } from "../shared/src/meeting/section.js";
import type { MeetingState } from "../shared/src/meeting/state.js";
import type { Commit, StreamMessage } from "../shared/src/wire/protocol.js";
import { createApiClient, fetchServerTime } from "../tab/src/api/api-client.js";
import { ServerClock } from "../tab/src/api/clock-sync.js";
import { MeetingSession } from "../tab/src/api/meeting-session.js";
import { ATTENDEE, command, ORGANIZER, startService, TENANT, type EventStream, type Service } from "./helpers/service.js";

let service: Service;
let tables: Tables;
let organizerToken: string;
let attendeeToken: string;
const open: EventStream[] = [];
const sessions: MeetingSession[] = [];

beforeAll(async () => {
  service = await startService();
  tables = await openTables(service.app.storageConnectionString);
  organizerToken = await service.tokenFor(ORGANIZER);
  attendeeToken = await service.tokenFor(ATTENDEE);
});

afterEach(() => {
  for (const s of open.splice(0)) s.close();
  for (const s of sessions.splice(0)) s.stop();
});

afterAll(async () => {
  await service?.close();
});

async function drive(meetingId: string, cmd: Record<string, unknown>): Promise<string> {
  const res = await service.send(meetingId, organizerToken, cmd);
  expect(res.status).toBe(200);
  return cmd.id as string;
}

async function connect(meetingId: string, since: number | null, head?: string | null): Promise<EventStream> {
  const stream = await service.openStream(meetingId, attendeeToken, since, head);
  open.push(stream);
  return stream;
}

function expectType<T extends StreamMessage["type"]>(message: StreamMessage, type: T): Extract<StreamMessage, { type: T }> {
  expect(message.type).toBe(type);
  return message as Extract<StreamMessage, { type: T }>;
}

const extraOf = (meeting: MeetingState): number | undefined => meeting.sections.find((s) => s.id === "goodNews")?.extraMs;

/**
 * Storage "restored from a backup": the meeting's state entity written back as it was when taken. The commits after it
 * are lost to storage, while this instance's memory of recent commits (the hub) still holds them.
 */
async function takeBackup(meetingId: string): Promise<() => Promise<void>> {
  const pk = meetingPartition({ tenantId: TENANT, meetingId });
  const { version, state, recent, head } = await tables.meetings.getEntity<{ version: number; state: string; recent: string; head?: string }>(pk, "state");
  return async () => {
    await tables.meetings.updateEntity({ partitionKey: pk, rowKey: "state", version, state, recent, ...(head !== undefined ? { head } : {}) }, "Replace");
  };
}

/** A meeting whose storage knew start (v1), +5 min (v2), pause (v3), then lost the last two. */
async function meetingThatLostTwoCommits(): Promise<{ meetingId: string; start: string; pause: string }> {
  const meetingId = service.meeting();
  const start = await drive(meetingId, command("startMeeting"));
  const restore = await takeBackup(meetingId);
  await drive(meetingId, command("extendTimer", { minutes: 5 }));
  const pause = await drive(meetingId, command("pauseTimer"));
  await restore();
  return { meetingId, start, pause };
}

describe("a panel on a history the service does not have", () => {
  it("naming a version the service has, but made by another command, gets a snapshot instead of the next commits", async () => {
    const meetingId = service.meeting();
    await drive(meetingId, command("startMeeting"));
    const extend = await drive(meetingId, command("extendTimer", { minutes: 5 }));
    const stream = await connect(meetingId, 2, "cmd-never-made-here");
    expect(expectType(await stream.nextMessage(), "hello").version).toBe(2);
    const snapshot = expectType(await stream.nextMessage(), "snapshot");
    expect(snapshot).toMatchObject({ head: extend, meeting: { version: 2 } });

    const pause = command("pauseTimer");
    await drive(meetingId, pause);
    expect(expectType(await stream.nextMessage(), "commit").commit).toMatchObject({ version: 3, commandId: pause.id, base: extend });
  });

  it("resuming from an older version it names wrongly gets a snapshot, not the missed commits", async () => {
    const meetingId = service.meeting();
    await drive(meetingId, command("startMeeting"));
    await drive(meetingId, command("nextSection"));
    const pause = await drive(meetingId, command("pauseTimer"));
    const stream = await connect(meetingId, 1, "cmd-another-start");
    expectType(await stream.nextMessage(), "hello");
    expect(expectType(await stream.nextMessage(), "snapshot")).toMatchObject({ head: pause, meeting: { version: 3 } });
    expect(stream.pending()).toEqual([]);
  });

  it("not naming its head at all cannot resume: it gets a snapshot", async () => {
    const meetingId = service.meeting();
    await drive(meetingId, command("startMeeting"));
    const stream = await connect(meetingId, 1);
    expectType(await stream.nextMessage(), "hello");
    expectType(await stream.nextMessage(), "snapshot");
  });

  it("storage lost two commits; when its version equals and then passes the panel's, the panel still gets a snapshot", async () => {
    const { meetingId, start, pause } = await meetingThatLostTwoCommits();

    // Ahead of storage (3 > 1): a snapshot.
    const ahead = await connect(meetingId, 3, pause);
    expect(expectType(await ahead.nextMessage(), "hello").version).toBe(1);
    expect(expectType(await ahead.nextMessage(), "snapshot")).toMatchObject({ head: start, meeting: { version: 1 } });
    ahead.close();

    // Storage goes on from version 1 with other commands: version 3 again, made by another pause.
    await drive(meetingId, command("nextSection"));
    const otherPause = await drive(meetingId, command("pauseTimer"));
    const equal = await connect(meetingId, 3, pause);
    expect(expectType(await equal.nextMessage(), "hello").version).toBe(3);
    const snapshot = expectType(await equal.nextMessage(), "snapshot");
    expect(snapshot).toMatchObject({ head: otherPause, meeting: { version: 3, currentSectionId: "kpis" } });
    expect(extraOf(snapshot.meeting)).toBe(0);
    equal.close();

    // And past it: the service remembers version 4, but it was made on the other pause, not the panel's.
    const resume = await drive(meetingId, command("startTimer"));
    const past = await connect(meetingId, 3, pause);
    expect(expectType(await past.nextMessage(), "hello").version).toBe(4);
    expect(expectType(await past.nextMessage(), "snapshot")).toMatchObject({ head: resume, meeting: { version: 4 } });
    expect(past.pending()).toEqual([]);

    // A panel on the stored history resumes from the same instance's memory as before.
    const onStored = await connect(meetingId, 3, otherPause);
    expectType(await onStored.nextMessage(), "hello");
    expect(expectType(await onStored.nextMessage(), "commit").commit).toMatchObject<Partial<Commit>>({ version: 4, commandId: resume, base: otherPause });
  });

  it("a live panel (the real session) replaces its copy with the service's when storage lost commits, never applying later ones on top", async () => {
    const meetingId = service.meeting();
    const api = createApiClient({ baseUrl: service.url, getToken: async () => attendeeToken });
    const session = new MeetingSession({ meetingId, api, clock: new ServerClock({ fetchServerTime: () => fetchServerTime(undefined, service.url), now: Date.now }), catchUpMs: 60_000 });
    sessions.push(session);
    const changed = (cond: (m: MeetingState) => boolean): Promise<void> =>
      new Promise((resolve) => {
        const check = () => {
          const m = session.getState().meeting;
          if (m && cond(m)) {
            off();
            resolve();
          }
        };
        const off = session.subscribe(check);
        check();
      });
    session.start();
    await changed((m) => m.version === 0);
    await changed(() => session.getState().connection === "live");

    await drive(meetingId, command("startMeeting"));
    const restore = await takeBackup(meetingId);
    await drive(meetingId, command("extendTimer", { minutes: 5 }));
    await drive(meetingId, command("pauseTimer"));
    await changed((m) => m.version === 3);
    expect(extraOf(session.getState().meeting as MeetingState)).toBe(5 * MINUTE);

    await restore();
    for (const c of [command("nextSection"), command("pauseTimer"), command("startTimer")]) await drive(meetingId, c);
    const stored = (await service.api<{ meeting: MeetingState }>(`/api/meetings/${encodeURIComponent(meetingId)}`, { token: attendeeToken })).body.meeting;
    expect(stored.version).toBe(4);
    await changed((m) => m.version === 4);
    expect(session.getState().meeting).toEqual(stored);
    expect(extraOf(session.getState().meeting as MeetingState)).toBe(0);
  });
});
