/**
 * @module Teams' meeting start and end events over real HTTP, through the Bot Connector stand-in: the occurrence is
 * started and ended once however often Teams delivers the event, the chat gets one card each (the end card names the
 * summary), and forged or stray events (another tenant, a meeting Teams does not know, another chat's meeting,
 * missing fields) change nothing, post nothing, and are answered without a 5xx.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { SnapshotResponse } from "../shared/src/wire/protocol.js";
import { MEETING_CARD_TEXT } from "../shared/src/cards/meeting-cards.js";
import { meetingEvent } from "./helpers/meeting-event.js";
import { ATTENDEE, cardText, meetingPath, ORGANIZER, postActivity, startService, TENANT, type Service } from "./helpers/service.js";

let service: Service;

beforeAll(async () => {
  service = await startService();
});

afterAll(async () => {
  await service?.close();
});

async function phaseOf(meetingId: string): Promise<SnapshotResponse["meeting"]> {
  const res = await service.api<SnapshotResponse>(meetingPath(meetingId), { token: await service.tokenFor(ATTENDEE) });
  expect(res.status).toBe(200);
  return res.body.meeting;
}

const cardsSince = (before: number, chatId: string) =>
  service.connector.activities.slice(before).filter((a) => a.conversationId === chatId && Array.isArray(a.activity.attachments));

describe("Teams' meeting start and end events", () => {
  it("start: the meeting runs (once, however often Teams delivers it) and the chat gets one card that opens the side panel", async () => {
    const meetingId = service.meeting();
    const chatId = service.connector.chatOf(meetingId);
    const stream = await service.openStream(meetingId, await service.tokenFor(ATTENDEE));
    expect((await stream.nextMessage()).type).toBe("hello");
    expect((await stream.nextMessage()).type).toBe("snapshot");
    const before = service.connector.activities.length;

    const event = meetingEvent(service, "start", meetingId);
    expect((await postActivity(service, event)).status).toBe(200);
    // Teams redelivers (same payload, even a new activity id): a duplicate, nothing applied twice.
    expect((await postActivity(service, event)).status).toBe(200);
    expect((await postActivity(service, { ...event, id: "event-again" })).status).toBe(200);

    const meeting = await phaseOf(meetingId);
    expect(meeting.phase).toBe("running");
    expect(meeting.version).toBe(1);
    // The open panel got the start live, as from the panel's own button.
    const live = await stream.nextMessage();
    expect(live).toMatchObject({ type: "commit", commit: { version: 1, events: [{ type: "meetingStarted" }] } });
    stream.close();

    const cards = cardsSince(before, chatId);
    expect(cards).toHaveLength(1);
    const attachments = cards[0]?.activity.attachments as Array<{ content: { actions?: Array<{ type: string; url: string; title: string }> } }>;
    expect(cardText(attachments[0]?.content)).toContain(MEETING_CARD_TEXT.en.startTitle);
    const open = attachments[0]?.content.actions?.[0];
    expect(open).toMatchObject({ type: "Action.OpenUrl", title: MEETING_CARD_TEXT.en.open });
    const link = new URL(open?.url ?? "");
    expect(link.origin + link.pathname).toBe("https://teams.microsoft.com/l/entity/00000000-0000-4000-8000-000000000001/okr-meeting");
    expect(JSON.parse(link.searchParams.get("context") ?? "{}")).toEqual({ chatId, contextType: "chat", subEntityId: "agenda" });
  });

  it("end: the meeting ends once and the lead's card names the summary, in the meeting's language", async () => {
    const meetingId = service.meeting();
    const chatId = service.connector.chatOf(meetingId);
    expect((await postActivity(service, meetingEvent(service, "start", meetingId))).status).toBe(200);
    const before = service.connector.activities.length;
    const end = meetingEvent(service, "end", meetingId, { locale: "nb-NO" });
    expect((await postActivity(service, end)).status).toBe(200);
    expect((await postActivity(service, end)).status).toBe(200);

    const meeting = await phaseOf(meetingId);
    expect(meeting.phase).toBe("ended");
    expect(meeting.version).toBe(2);
    const cards = cardsSince(before, chatId);
    expect(cards).toHaveLength(1);
    const card = (cards[0]?.activity.attachments as Array<{ content: { actions: Array<{ title: string; url: string }> } }>)[0]?.content;
    expect(cardText(card)).toContain(MEETING_CARD_TEXT.nb.endTitle);
    expect(card?.actions[0]?.title).toBe(MEETING_CARD_TEXT.nb.review);
    expect(JSON.parse(new URL(card?.actions[0]?.url ?? "").searchParams.get("context") ?? "{}")).toMatchObject({ subEntityId: "summary" });
  });

  it("a meeting the lead already ended in the panel still gets the review card, once, and stays as it was", async () => {
    const meetingId = service.meeting();
    const lead = await service.tokenFor(ORGANIZER);
    expect((await service.send(meetingId, lead, { id: "panel-start-0001", type: "startMeeting" })).status).toBe(200);
    expect((await service.send(meetingId, lead, { id: "panel-end-00001", type: "endMeeting" })).status).toBe(200);
    const before = service.connector.activities.length;
    expect((await postActivity(service, meetingEvent(service, "end", meetingId))).status).toBe(200);
    expect((await postActivity(service, meetingEvent(service, "end", meetingId))).status).toBe(200);
    expect((await phaseOf(meetingId)).version).toBe(2);
    expect(cardsSince(before, service.connector.chatOf(meetingId))).toHaveLength(1);
    expect(cardText((cardsSince(before, service.connector.chatOf(meetingId))[0]?.activity.attachments as Array<{ content: unknown }>)[0]?.content)).toContain(MEETING_CARD_TEXT.en.endTitle);
  });

  it("ignores forged and stray events: nothing changes, nothing is posted, no 5xx and no log line", async () => {
    const meetingId = service.meeting();
    const errors = vi.spyOn(console, "error");
    const warnings = vi.spyOn(console, "warn");
    const before = service.connector.activities.length;
    const forged: Array<Record<string, unknown>> = [
      // Another tenant's meeting (the tenant Teams names for it is not the event's).
      meetingEvent(service, "start", meetingId, { channelData: { tenant: { id: "another-tenant" }, meeting: { id: meetingId } }, conversation: { id: service.connector.chatOf(meetingId), conversationType: "groupChat", tenantId: "another-tenant" } }),
      // The conversation's tenant and the channel data's disagree.
      meetingEvent(service, "start", meetingId, { conversation: { id: service.connector.chatOf(meetingId), conversationType: "groupChat", tenantId: "another-tenant" } }),
      // A meeting Teams does not know.
      meetingEvent(service, "start", "MCMxOTptZWV0aW5nX3Vua25vd25AdGhyZWFkLnYyIzA="),
      // A real meeting, sent from another chat.
      meetingEvent(service, "start", meetingId, { conversation: { id: "19:someone-else@thread.v2", conversationType: "groupChat", tenantId: TENANT } }),
      // Missing fields and malformed payloads.
      meetingEvent(service, "start", meetingId, { channelData: { meeting: { id: meetingId } } }),
      meetingEvent(service, "start", meetingId, { channelData: { tenant: { id: TENANT } }, value: "not an object" }),
      meetingEvent(service, "start", meetingId, { value: null }),
      meetingEvent(service, "end", meetingId, { value: [1, 2] }),
      meetingEvent(service, "start", meetingId, { channelData: { tenant: { id: TENANT }, meeting: { id: "has spaces" } } }),
      meetingEvent(service, "start", meetingId, { conversation: { id: service.connector.chatOf(meetingId), conversationType: "personal", tenantId: TENANT } }),
      // A Bot Connector that does not answer.
      meetingEvent(service, "start", meetingId, { serviceUrl: "http://127.0.0.1:9/" }),
    ];
    try {
      for (const event of forged) expect((await postActivity(service, event)).status).toBe(200);
      expect(errors).not.toHaveBeenCalled();
      expect(warnings).not.toHaveBeenCalled();
    } finally {
      errors.mockRestore();
      warnings.mockRestore();
    }
    expect(service.connector.activities.length).toBe(before);
    expect((await phaseOf(meetingId)).phase).toBe("notStarted");
  });
});
