/**
 * @module The local meeting page's *Start meeting* / *End meeting*: Teams' meeting start and end `event` activities
 * (`application/vnd.microsoft.meetingStart` / `meetingEnd`, PascalCase payload, the meeting in `channelData`), posted
 * to the bot's /api/messages as Teams' Bot Connector would, with the local Bot Connector stand-in as `serviceUrl`, so
 * the bot's cards appear in the local chat pane and the panels follow the meeting's start and end.
 */

export type MeetingEventKind = "start" | "end";

export interface LocalMeeting {
  readonly tenantId: string;
  readonly meetingId: string;
  readonly chatId: string;
}

/** The event activity as Teams sends it (the organizer is who Teams names as `from`). */
export function meetingEventActivity(kind: MeetingEventKind, meeting: LocalMeeting, organizer: { readonly userId: string; readonly name: string; readonly locale: string }, origin: string, now = new Date()): Record<string, unknown> {
  const at = now.toISOString();
  return {
    type: "event",
    name: kind === "start" ? "application/vnd.microsoft.meetingStart" : "application/vnd.microsoft.meetingEnd",
    id: `local-event-${crypto.randomUUID()}`,
    timestamp: at,
    serviceUrl: `${origin}/local/connector/`,
    channelId: "msteams",
    from: { id: `29:${organizer.userId}`, aadObjectId: organizer.userId, name: organizer.name },
    recipient: { id: "28:local-bot", name: "OKR" },
    conversation: { id: meeting.chatId, conversationType: "groupChat", isGroup: true, tenantId: meeting.tenantId },
    channelData: { tenant: { id: meeting.tenantId }, meeting: { id: meeting.meetingId } },
    locale: organizer.locale,
    value: {
      Id: meeting.meetingId,
      MeetingType: "Recurring",
      JoinUrl: "https://teams.microsoft.com/l/meetup-join/local",
      Title: "Weekly OKR result meeting",
      ...(kind === "start" ? { StartTime: at } : { EndTime: at }),
    },
  };
}

/** Posts the event to the bot; resolves with the HTTP status (the bot answers 200 with no body). */
export async function sendMeetingEvent(activity: Record<string, unknown>): Promise<number> {
  const res = await fetch("/api/messages", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(activity) });
  return res.status;
}
