/** @module Teams' meeting start and end events as Teams posts them to the bot, for tests over real HTTP. */
import { ORGANIZER, TENANT, type Service } from "./service.js";

let counter = 0;

/** A meeting event as Teams posts it to the bot (PascalCase payload, the meeting in channelData). */
export function meetingEvent(via: Service, kind: "start" | "end", meetingId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const now = new Date().toISOString();
  return {
    type: "event",
    name: kind === "start" ? "application/vnd.microsoft.meetingStart" : "application/vnd.microsoft.meetingEnd",
    id: `event-${++counter}`,
    timestamp: now,
    serviceUrl: `${via.url}/local/connector/`,
    channelId: "msteams",
    from: { id: `29:${ORGANIZER}`, aadObjectId: ORGANIZER },
    recipient: { id: "28:okr-bot", name: "OKR result meeting" },
    conversation: { id: via.connector.chatOf(meetingId), conversationType: "groupChat", isGroup: true, tenantId: TENANT },
    channelData: { tenant: { id: TENANT }, meeting: { id: meetingId } },
    locale: "en-US",
    value: { Id: meetingId, MeetingType: "Scheduled", JoinUrl: "https://teams.microsoft.com/l/meetup-join/x", Title: "Weekly result meeting", ...(kind === "start" ? { StartTime: now } : { EndTime: now }) },
    ...overrides,
  };
}
