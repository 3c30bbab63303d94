/**
 * @module A recurring Teams meeting over real HTTP on real Azurite: every occurrence has Teams' one meeting id and one
 * chat, yet each week gets its own record. Week 1 runs and ends (Teams' events); its review stays reachable after the
 * end; a week later what attendees prepare goes to week 2, Teams' start event begins week 2 (its own start card), the
 * history lists both weeks, and week 1's record keeps its own good news. The service's clock is the test's.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OccurrenceStore } from "../bot/src/storage/occurrence-store.js";
import { MEETING_CARD_TEXT } from "../shared/src/cards/meeting-cards.js";
import { ENDED_STAYS_CURRENT_MS, RUNNING_GOES_STALE_MS } from "../shared/src/meeting/occurrence.js";
import type { HistoryResponse } from "../shared/src/rating/history.js";
import type { GoodNewsListResponse } from "../shared/src/wire/good-news-protocol.js";
import type { SnapshotResponse } from "../shared/src/wire/protocol.js";
import { meetingEvent } from "./helpers/meeting-event.js";
import { ATTENDEE, meetingPath, ORGANIZER, postActivity, startService, TENANT, type Service } from "./helpers/service.js";

const DAY = 86_400_000;
let offset = 0;
const clock = (): number => Date.now() + offset;
const moveClock = (ms: number): void => {
  offset += ms;
};

let service: Service;
beforeAll(async () => {
  // A short heartbeat: a stream checks at each one whether its meeting moved on (in case the hub's message was lost).
  service = await startService({ ROLE_TTL_MS: "0" }, { now: clock, heartbeatMs: 200 });
});
afterAll(async () => {
  await service?.close();
});

async function snapshot(meetingId: string): Promise<SnapshotResponse["meeting"]> {
  const res = await service.api<SnapshotResponse>(meetingPath(meetingId), { token: await service.tokenFor(ATTENDEE) });
  expect(res.status).toBe(200);
  return res.body.meeting;
}

async function addWin(meetingId: string, text: string): Promise<void> {
  const command = { id: randomUUID(), type: "addGoodNews", fields: { kind: "win", text, link: null, praise: null } };
  const res = await service.api(meetingPath(meetingId, "/good-news/commands"), { token: await service.tokenFor(ATTENDEE), body: { command } });
  expect(res.status).toBe(200);
}

async function wins(meetingId: string): Promise<string[]> {
  const res = await service.api<GoodNewsListResponse>(meetingPath(meetingId, "/good-news"), { token: await service.tokenFor(ATTENDEE) });
  expect(res.status).toBe(200);
  return res.body.items.map((i) => i.text);
}

async function event(kind: "start" | "end", meetingId: string): Promise<void> {
  expect((await postActivity(service, meetingEvent(service, kind, meetingId))).status).toBe(200);
}

const startCards = (chatId: string): number =>
  service.connector.activities.filter((a) => a.conversationId === chatId && JSON.stringify(a.activity.attachments ?? []).includes(MEETING_CARD_TEXT.en.startTitle)).length;

describe("a recurring Teams meeting: one meeting id, a record per week", () => {
  it("week 2 is its own occurrence: prepared for ahead, started by Teams, listed in the history beside week 1", async () => {
    const teamsId = service.meeting();
    const chatId = service.connector.chatOf(teamsId);

    // Week 1, as Teams runs it.
    await event("start", teamsId);
    await addWin(teamsId, "Week 1: record sales");
    await event("end", teamsId);
    expect(await snapshot(teamsId)).toMatchObject({ meetingId: teamsId, phase: "ended" });

    // The same evening the ended meeting is still the one the panel shows: review, rating and summary.
    moveClock(ENDED_STAYS_CURRENT_MS - 60_000);
    expect(await snapshot(teamsId)).toMatchObject({ meetingId: teamsId, phase: "ended" });

    // During the week, preparing for the next meeting goes to week 2, not to the ended week 1.
    moveClock(5 * DAY);
    await addWin(teamsId, "Week 2: first customer in Sweden");
    const week2 = await snapshot(teamsId);
    expect(week2).toMatchObject({ meetingId: `${teamsId}~2`, phase: "notStarted", version: 0 });
    expect(await wins(teamsId)).toEqual(["Week 2: first customer in Sweden"]);

    // Teams starts the week 2 call: week 2 runs, and the chat gets week 2's own start card.
    moveClock(DAY);
    await event("start", teamsId);
    expect(await snapshot(teamsId)).toMatchObject({ meetingId: `${teamsId}~2`, phase: "running" });
    expect(startCards(chatId)).toBe(2);

    // The history lists both weeks; week 1's record is named for good and keeps its own good news.
    const history = await service.api<HistoryResponse>(meetingPath(teamsId, "/history"), { token: await service.tokenFor(ATTENDEE) });
    expect(history.status).toBe(200);
    expect(history.body.entries.map((e) => e.meetingId)).toEqual([`${teamsId}~2`, teamsId]);
    const week1Link = history.body.entries[1]?.record.json ?? "";
    expect(week1Link).toContain(encodeURIComponent(`${teamsId}~1`));
    const record = await service.api<{ meeting: { meetingId: string; phase: string } }>(week1Link, { token: await service.tokenFor(ORGANIZER) });
    expect(record.status).toBe(200);
    expect(record.body.meeting).toMatchObject({ meetingId: teamsId, phase: "ended" });
    expect(await wins(`${teamsId}~1`)).toEqual(["Week 1: record sales"]);
  });

  it("Teams' start right after an ended call begins the next occurrence at once; a redelivered start changes nothing", async () => {
    const teamsId = service.meeting();
    await event("start", teamsId);
    await event("end", teamsId);
    const again = meetingEvent(service, "start", teamsId);
    expect((await postActivity(service, again)).status).toBe(200);
    expect((await postActivity(service, again)).status).toBe(200);
    expect(await snapshot(teamsId)).toMatchObject({ meetingId: `${teamsId}~2`, phase: "running", version: 1 });
  });

  it("a week left running (its end never arrived) is ended when the next call starts, then the next week runs", async () => {
    const teamsId = service.meeting();
    await event("start", teamsId);
    moveClock(RUNNING_GOES_STALE_MS);
    await event("start", teamsId);
    expect(await snapshot(teamsId)).toMatchObject({ meetingId: `${teamsId}~2`, phase: "running" });
    expect(await snapshot(`${teamsId}~1`)).toMatchObject({ meetingId: teamsId, phase: "ended" });
  });

  it("a panel open across the move follows the meeting on: Teams' start ends its stream, and the reconnect brings the next week's snapshot", async () => {
    const teamsId = service.meeting();
    await event("start", teamsId);
    await event("end", teamsId);
    const token = await service.tokenFor(ATTENDEE);
    const following = await service.openStream(teamsId, token);
    const week1 = await service.openStream(`${teamsId}~1`, token);
    expect(await following.nextMessage()).toMatchObject({ type: "hello" });
    const last = await following.nextMessage();
    expect(last).toMatchObject({ type: "snapshot", meeting: { meetingId: teamsId, phase: "ended" } });
    const position = last.type === "snapshot" ? { version: last.meeting.version, head: last.head } : null;

    await event("start", teamsId);
    await following.end();
    // The panel reconnects from where it was; that position is last week's, so it gets week 2 whole.
    const again = await service.openStream(teamsId, token, position?.version, position?.head);
    expect(await again.nextMessage()).toMatchObject({ type: "hello" });
    expect(await again.nextMessage()).toMatchObject({ type: "snapshot", meeting: { meetingId: `${teamsId}~2`, phase: "running" } });
    // A stream of a named occurrence (week 1's record, from the history) is not moved.
    expect(week1.isEnded).toBe(false);
    again.close();
    week1.close();
  });

  it("a move whose message never came (another instance, Redis down) still reaches the open panel at its next heartbeat", async () => {
    const teamsId = service.meeting();
    await event("start", teamsId);
    await event("end", teamsId);
    const following = await service.openStream(teamsId, await service.tokenFor(ATTENDEE));
    expect(await following.nextMessage()).toMatchObject({ type: "hello" });
    // Another instance moves the meeting on; nothing tells this one.
    const elsewhere = new OccurrenceStore(service.app.tables.meetings, () => Promise.reject(new Error("not read")));
    expect(await elsewhere.advance({ tenantId: TENANT, meetingId: teamsId }, 1)).toBe(2);
    await following.end(10_000);
    expect(await snapshot(teamsId)).toMatchObject({ meetingId: `${teamsId}~2`, phase: "notStarted" });
  });

  it("an occurrence that has not begun cannot be named: 404 with what to do, and nothing is created", async () => {
    const teamsId = service.meeting();
    const res = await service.api<{ error: { code: string; message: string } }>(meetingPath(`${teamsId}~3`), { token: await service.tokenFor(ATTENDEE) });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe("unknownOccurrence");
    expect(res.body.error.message).toMatch(/Open the meeting from its chat or the history/);
    expect(await snapshot(teamsId)).toMatchObject({ meetingId: teamsId, version: 0 });
  });

  it("someone outside the meeting moves nothing on: 403, and the ended week stays current", async () => {
    const teamsId = service.meeting();
    await event("start", teamsId);
    await event("end", teamsId);
    moveClock(ENDED_STAYS_CURRENT_MS);
    const outsider = await service.api(meetingPath(teamsId), { token: await service.tokenFor("00000000-0000-4000-8000-0000000000ff") });
    expect(outsider.status).toBe(403);
    const stored = new OccurrenceStore(service.app.tables.meetings, () => Promise.reject(new Error("not read")));
    expect(await stored.number({ tenantId: TENANT, meetingId: teamsId }, false)).toBe(1);
    // A participant's look does move it on, once the ended week has had its evening.
    expect(await snapshot(teamsId)).toMatchObject({ meetingId: `${teamsId}~2`, phase: "notStarted" });
  });

  it("a meeting in use costs a read of its state only when a use could move it on, not at every look-up", async () => {
    const teams = { tenantId: TENANT, meetingId: service.meeting() };
    let now = Date.now();
    let state: { phase: "notStarted" | "running" | "ended"; startedAt: number | null; endedAt: number | null } = { phase: "running", startedAt: now, endedAt: null };
    let reads = 0;
    const store = new OccurrenceStore(service.app.tables.meetings, async () => (reads++, state), () => now);
    // A meeting running all afternoon, looked up every few seconds: one read of its state.
    for (let i = 0; i < 20; i++) {
      expect(await store.current(teams)).toEqual(teams);
      now += 3_000;
    }
    expect(reads).toBe(1);
    // It ends; 12 hours after the first look the state is read again, and the ended meeting stays until its own 12 hours.
    state = { phase: "ended", startedAt: state.startedAt, endedAt: now };
    now += ENDED_STAYS_CURRENT_MS - 60_000;
    expect(await store.current(teams)).toEqual(teams);
    expect(reads).toBe(2);
    now += 30_000;
    expect(await store.current(teams)).toEqual(teams);
    expect(reads).toBe(2);
    // Its 12 hours are over: the next look moves on.
    now += 60_000;
    expect(await store.current(teams)).toEqual({ tenantId: TENANT, meetingId: `${teams.meetingId}~2` });
  });
});
