/**
 * @module The meeting rating and the history over real HTTP on real Azurite: participants rate 1–10 once the meeting
 * has started (the last rating of a person counts, a retry is a duplicate), bad ratings and outsiders are refused with
 * nothing changed, the count and average reach the summary (card and export); the history lists the series'
 * occurrences with date, rating, decisions and links to each record.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { HistoryResponse } from "../shared/src/rating/history.js";
import type { RatingResponse } from "../shared/src/rating/rating.js";
import type { SummaryResponse } from "../shared/src/summary/wire.js";
import { LOCAL_ATTENDEES } from "../bot/src/local/roster.js";
import { SummaryPostStore } from "../bot/src/storage/summary-post-store.js";
import { ATTENDEE, cardText, meetingPath, ORGANIZER, PRESENTER, startService, TENANT, type ErrorBody, type Service } from "./helpers/service.js";

let service: Service;
const KARI = LOCAL_ATTENDEES[3]?.userId ?? "";
const OUTSIDER = "00000000-0000-4000-8000-00000000c001";

beforeAll(async () => {
  service = await startService({ COMMAND_RATE: "100000", COMMAND_BURST: "100000" });
});

afterAll(async () => {
  await service?.close();
});

const rid = () => `rate-${randomUUID()}`;
const rate = async (meetingId: string, userId: string, body: unknown) => service.api<RatingResponse & ErrorBody>(meetingPath(meetingId, "/rating"), { token: await service.tokenFor(userId), body });
const readRating = async (meetingId: string, userId: string) => service.api<RatingResponse & ErrorBody>(meetingPath(meetingId, "/rating"), { token: await service.tokenFor(userId) });

async function startedMeeting(chatId?: string): Promise<string> {
  const meetingId = service.meeting();
  if (chatId) service.connector.setChat(meetingId, chatId);
  const lead = await service.tokenFor(ORGANIZER);
  expect((await service.send(meetingId, lead, { id: rid(), type: "startMeeting" })).status).toBe(200);
  return meetingId;
}

describe("the meeting rating", () => {
  it("is open once the meeting has started; before, a rating is 409 and nothing is stored", async () => {
    const meetingId = service.meeting();
    const before = await rate(meetingId, ATTENDEE, { id: rid(), score: 7 });
    expect(before.status).toBe(409);
    expect(before.body.error.code).toBe("meetingNotStarted");
    expect((await readRating(meetingId, ATTENDEE)).body).toMatchObject({ mine: null, summary: { count: 0, average: null }, open: false });
  });

  it("counts each person's last rating; a retried request is a duplicate; everyone sees the count and average, only their own score", async () => {
    const meetingId = await startedMeeting();
    expect((await rate(meetingId, ORGANIZER, { id: rid(), score: 9 })).status).toBe(200);
    const first = { id: rid(), score: 4, comment: "  Too long on KPIs  " };
    const r1 = await rate(meetingId, ATTENDEE, first);
    expect(r1.status).toBe(200);
    expect(r1.body).toMatchObject({ mine: { score: 4, comment: "Too long on KPIs" }, summary: { count: 2, average: 6.5 }, duplicate: false });
    // Rates again: the last one counts.
    expect((await rate(meetingId, ATTENDEE, { id: rid(), score: 8, comment: null })).body.summary).toEqual({ count: 2, average: 8.5 });
    // The first request retried late: a duplicate, it does not undo the newer rating.
    const retry = await rate(meetingId, ATTENDEE, first);
    expect(retry.body).toMatchObject({ duplicate: true, mine: { score: 8, comment: null }, summary: { count: 2, average: 8.5 } });
    expect((await rate(meetingId, PRESENTER, { id: rid(), score: 7 })).body.summary).toEqual({ count: 3, average: 8 });

    const seen = await readRating(meetingId, KARI);
    expect(seen.body).toEqual({ mine: null, summary: { count: 3, average: 8 }, open: true });
    expect(JSON.stringify(seen.body)).not.toContain(ATTENDEE);
  });

  it("refuses scores outside 1–10, non-integers, long comments, extra fields and outsiders with 4xx, nothing changed", async () => {
    const meetingId = await startedMeeting();
    expect((await rate(meetingId, ATTENDEE, { id: rid(), score: 6 })).status).toBe(200);
    const bad: unknown[] = [
      { id: rid(), score: 0 },
      { id: rid(), score: 11 },
      { id: rid(), score: 7.5 },
      { id: rid(), score: "8" },
      { id: rid(), score: -3 },
      { id: rid() },
      { score: 5 },
      { id: "x", score: 5 },
      { id: rid(), score: 5, comment: "x".repeat(501) },
      { id: rid(), score: 5, comment: "bidi \u202e text" },
      { id: rid(), score: 5, userId: KARI },
      [5],
    ];
    for (const body of bad) {
      const res = await rate(meetingId, ATTENDEE, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.message.length).toBeGreaterThan(10);
    }
    const huge = await rate(meetingId, ATTENDEE, { id: rid(), score: 5, comment: "x".repeat(100_000) });
    expect(huge.status).toBe(413);
    const outsider = await rate(meetingId, OUTSIDER, { id: rid(), score: 1 });
    expect(outsider.status).toBe(403);
    expect(outsider.body.error.code).toBe("notParticipant");
    expect((await readRating(meetingId, ATTENDEE)).body).toMatchObject({ mine: { score: 6 }, summary: { count: 1, average: 6 } });
  });

  it("goes into the summary: the card's and the export's rating, the comments without names", async () => {
    const meetingId = await startedMeeting();
    const token = await service.tokenFor(ATTENDEE);
    const none = await service.api<SummaryResponse>(meetingPath(meetingId, "/summary?lang=en"), { token });
    expect(none.body.record.rating).toBeNull();
    expect(cardText(none.body.card)).toContain("Nobody has rated the meeting.");

    await rate(meetingId, ATTENDEE, { id: rid(), score: 7, comment: "Good pace" });
    await rate(meetingId, ORGANIZER, { id: rid(), score: 10 });
    const res = await service.api<SummaryResponse>(meetingPath(meetingId, "/summary?lang=en"), { token });
    expect(res.body.record.rating).toEqual({ average: 8.5, count: 2, comments: ["Good pace"] });
    expect(cardText(res.body.card)).toContain("Meeting rating: 8.5 of 10 (2 ratings)");
    const md = await service.api<string>(meetingPath(meetingId, "/record?format=md&lang=en"), { token });
    expect(md.body).toContain(String.raw`## Meeting rating\: 8\.5 of 10 \(2 ratings\)`);
    expect(md.body).toContain("Good pace");
    const json = await service.api<{ rating: unknown }>(meetingPath(meetingId, "/record?format=json"), { token });
    expect(json.body.rating).toEqual({ average: 8.5, count: 2, comments: ["Good pace"] });
  });
});

describe("the meeting history", () => {
  it("lists the series' started occurrences, newest first, with date, rating, decisions and links to each record", async () => {
    const chatId = `19:meeting_history-${randomUUID()}@thread.v2`;
    const first = await startedMeeting(chatId);
    const lead = await service.tokenFor(ORGANIZER);
    await rate(first, ATTENDEE, { id: rid(), score: 6 });
    expect((await service.send(first, lead, { id: rid(), type: "endMeeting" })).status).toBe(200);
    const second = await startedMeeting(chatId);
    // Not started: not in the history.
    const third = service.meeting();
    service.connector.setChat(third, chatId);

    const res = await service.api<HistoryResponse>(meetingPath(third, "/history"), { token: await service.tokenFor(ATTENDEE) });
    expect(res.status).toBe(200);
    expect(res.body.seriesId).toBe(chatId);
    expect(res.body.truncated).toBe(false);
    expect(res.body.entries.map((e) => e.meetingId)).toEqual([second, first]);
    const [now, past] = res.body.entries;
    expect(past).toMatchObject({ rating: { count: 1, average: 6 }, decisions: 0, summaryPosted: false, endedAt: expect.any(String) });
    expect(past?.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(now).toMatchObject({ rating: { count: 0, average: null }, endedAt: null });
    const record = await service.api<{ meeting: { meetingId: string } }>(past?.record.json ?? "", { token: lead });
    expect(record.status).toBe(200);
    expect(record.body.meeting.meetingId).toBe(first);
    expect((await service.api<string>(past?.record.md ?? "", { token: lead })).status).toBe(200);

    // The channel post records where the summary went: the history says it was posted.
    const posts = new SummaryPostStore(service.app.tables.meetings);
    const claim = await posts.claim({ tenantId: TENANT, meetingId: first }, "post-00000001");
    if (claim.kind !== "claimed") throw new Error("expected a fresh claim");
    const by = { userId: ORGANIZER, name: "Ingrid" };
    await posts.store({ tenantId: TENANT, meetingId: first }, claim.etag, "post-00000001", { channelId: "19:c@thread.tacv2", conversationId: "19:c@thread.tacv2", activityId: "a1", serviceUrl: service.url, postedAt: Date.now(), postedBy: by, updatedAt: null, updatedBy: null, lastRequestId: "post-00000001" });
    const after = await service.api<HistoryResponse>(meetingPath(third, "/history"), { token: lead });
    expect(after.body.entries.map((e) => [e.meetingId, e.summaryPosted])).toEqual([
      [second, false],
      [first, true],
    ]);
  });

  it("is refused to someone outside the meeting", async () => {
    const meetingId = await startedMeeting();
    const res = await service.api<ErrorBody>(meetingPath(meetingId, "/history"), { token: await service.tokenFor(OUTSIDER) });
    expect(res.status).toBe(403);
  });
});
