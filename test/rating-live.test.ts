/**
 * @module The meeting rating is pushed live on the meeting's stream: every open panel of the meeting gets the new count
 * and average after each stored rating, never who gave what; a retried request (a duplicate) pushes nothing; another
 * meeting's panels get nothing.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StreamMessage } from "../shared/src/wire/protocol.js";
import { ATTENDEE, command, meetingPath, ORGANIZER, PRESENTER, startService, type EventStream, type Service } from "./helpers/service.js";

let service: Service;
beforeAll(async () => {
  service = await startService();
});
afterAll(async () => {
  await service?.close();
});

async function nextOfType(stream: EventStream, type: StreamMessage["type"], timeoutMs = 10_000): Promise<StreamMessage> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const m = await stream.nextMessage(Math.max(1, deadline - Date.now()));
    if (m.type === type) return m;
  }
}

describe("the rating on the meeting stream", () => {
  it("each stored rating reaches every open panel of the meeting as count and average; a retry pushes nothing; another meeting hears nothing", async () => {
    const meetingId = service.meeting();
    const other = service.meeting();
    const lead = await service.tokenFor(ORGANIZER);
    expect((await service.send(meetingId, lead, command("startMeeting"))).status).toBe(200);
    const leadStream = await service.openStream(meetingId, lead);
    const presenterStream = await service.openStream(meetingId, await service.tokenFor(PRESENTER));
    const otherStream = await service.openStream(other, lead);
    for (const s of [leadStream, presenterStream, otherStream]) await nextOfType(s, "snapshot");

    const id = `rate-${randomUUID()}`;
    const rate = async (score: number, ratingId = id) => service.api(meetingPath(meetingId, "/rating"), { token: await service.tokenFor(ATTENDEE), body: { id: ratingId, score, comment: "Bra" } });
    expect((await rate(7)).status).toBe(200);
    for (const s of [leadStream, presenterStream]) {
      const m = await nextOfType(s, "rating");
      expect(m).toMatchObject({ type: "rating", rating: { count: 1, average: 7 } });
      // Only the count, the average and when: no score of a person, no name, no comment.
      expect(Object.keys((m as Extract<StreamMessage, { type: "rating" }>).rating).sort()).toEqual(["at", "average", "count"]);
    }
    // The same request again (a retry): answered as a duplicate, nothing pushed. A new rating of the lead's: pushed.
    expect((await rate(7)).status).toBe(200);
    expect((await service.api(meetingPath(meetingId, "/rating"), { token: lead, body: { id: `rate-${randomUUID()}`, score: 9 } })).status).toBe(200);
    const next = await nextOfType(leadStream, "rating");
    expect(next).toMatchObject({ rating: { count: 2, average: 8 } });
    expect(otherStream.pending().filter((m) => m.type === "rating")).toEqual([]);
  });
});
