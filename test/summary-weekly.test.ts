/**
 * @module The summary carries the meeting's good news and the priorities round, over real HTTP on real Azurite: a win
 * and a challenge added in the panel, and a member's saved entry for the meeting's week, show in the record, the card
 * and the Markdown export; an entry saved for another week does not.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SummaryResponse } from "../shared/src/summary/wire.js";
import type { PriorityRoundResponse } from "../shared/src/wire/priorities-protocol.js";
import { ATTENDEE, command, meetingPath, ORGANIZER, startService, cardText, type Service } from "./helpers/service.js";

let service: Service;
beforeAll(async () => {
  service = await startService();
});
afterAll(async () => {
  await service?.close();
});

async function as<T>(userId: string, path: string, body?: unknown) {
  return service.api<T>(path, { token: await service.tokenFor(userId), ...(body === undefined ? {} : { body }) });
}

describe("the summary's good news and priorities", () => {
  let meetingId: string;

  beforeAll(async () => {
    meetingId = service.meeting();
    service.connector.setChat(meetingId, `19:series-${meetingId}@thread.v2`);
    expect((await as(ORGANIZER, meetingPath(meetingId, "/commands"), { command: command("startMeeting") })).status).toBe(200);
    const add = (kind: "win" | "challenge", text: string) =>
      as(ATTENDEE, meetingPath(meetingId, "/good-news/commands"), { command: { id: randomUUID(), type: "addGoodNews", fields: { kind, text, link: null, praise: null } } });
    // Added challenge first: the summary still lists the win first (the method's order).
    expect((await add("challenge", "Leverandøren er sen")).status).toBe(200);
    expect((await add("win", "Rekordmåned i salg")).status).toBe(200);
    const round = await as<PriorityRoundResponse>(ATTENDEE, meetingPath(meetingId, "/priorities"));
    expect(round.status).toBe(200);
    const saved = await as(ATTENDEE, meetingPath(meetingId, "/priorities/commands"), {
      command: { id: randomUUID(), type: "savePriorities", week: round.body.week, memberId: ATTENDEE, fields: { lastWeek: [], nextWeek: [{ text: "Tre tilbud fra transportører", why: "Kostnadene" }], learned: "Spør tidlig", change: "" } },
    });
    expect(saved.status).toBe(200);
  });

  it("lists wins before challenges and each member's priorities for the meeting's week, in the record, the card and the Markdown", async () => {
    const res = await as<SummaryResponse>(ATTENDEE, `${meetingPath(meetingId, "/summary")}?lang=nb`);
    expect(res.status).toBe(200);
    const { record, card } = res.body;
    expect(record.goodNews?.map((g) => [g.text, g.by?.userId])).toEqual([
      ["Rekordmåned i salg", ATTENDEE],
      ["⚠ Leverandøren er sen", ATTENDEE],
    ]);
    expect(record.priorities?.map((p) => [p.person.userId, p.nextWeek, p.learned])).toEqual([[ATTENDEE, ["Tre tilbud fra transportører – Kostnadene"], "Spør tidlig"]]);
    const text = cardText(card);
    expect(text).toContain("Rekordmåned i salg");
    expect(text).toContain("Tre tilbud fra transportører");
    const md = await as<string>(ATTENDEE, `${meetingPath(meetingId, "/record")}?format=md&lang=nb`);
    expect(md.status).toBe(200);
    expect(md.body).toContain("Rekordmåned i salg");
    expect(md.body).toContain("Tre tilbud fra transportører");
  });
});
