/**
 * @module Local mode's 1:1 chats and reminders: each attendee's 1:1 chat with the bot (the reminder cards the Bot
 * Connector stand-in recorded) streams to the local meeting page; its card buttons go to this service's own
 * /api/messages as real `adaptiveCard/action` invokes from that user's personal conversation; and "Send due reminders
 * now" runs one scheduler poll with the clock moved to the next planned reminder, so a reminder can be seen without
 * waiting days. Local mode only (never registered in production, so 404 there).
 */
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { HttpError, readJson, sendJson, type Router } from "../http/http.js";
import type { ReminderScheduler } from "../reminders/scheduler.js";
import type { ReminderStore } from "../storage/reminder-store.js";
import { personalConversationId, type ConnectorStub, type SentActivity } from "./connector-stub.js";
import { LOCAL_TENANT_ID } from "./roster.js";

const InvokeBody = z.strictObject({
  userId: z.string().max(64),
  replyToId: z.string().max(128),
  verb: z.string().min(1).max(64),
  data: z.record(z.string(), z.unknown()),
});

/** How far ahead "Send due reminders now" looks for the next reminder (action due days are at most two years out). */
const LOOK_AHEAD_MS = 3 * 366 * 86_400_000;

export interface LocalRemindersDeps {
  readonly connector: ConnectorStub;
  readonly scheduler: ReminderScheduler;
  readonly store: ReminderStore;
  readonly baseUrl: string;
  readonly now: () => number;
}

export function registerLocalReminders(router: Router, deps: LocalRemindersDeps): void {
  const { connector, baseUrl } = deps;
  const attendee = (userId: string | null) => {
    const a = userId === null ? undefined : connector.attendee(userId);
    if (!a) throw new HttpError(400, "unknownUser", "userId must be one of the local attendees (see /local/roster).");
    return a;
  };

  // The user's 1:1 chat with the bot: every message the bot sent there (updates replace the message), as JSON. The
  // page polls it rather than holding a stream open: a browser keeps at most 6 connections to one origin, and the
  // panels' streams, the chat's and the channel's already hold most of them (a third attendee's panel would wait).
  router.on("GET", "/local/personal/messages", (_req, res, _params, url) => {
    const a = attendee(url.searchParams.get("userId"));
    const messages = connector.personalMessages(a.userId).map((s: SentActivity) => ({ id: s.id, activity: s.activity }));
    res.writeHead(200, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" });
    res.end(JSON.stringify({ messages }));
  });

  // A card button pressed in the user's 1:1 chat: the invoke Teams sends from a personal conversation.
  router.on("POST", "/local/personal/invoke", async (req, res) => {
    const parsed = InvokeBody.safeParse(await readJson(req, 64 * 1024));
    if (!parsed.success) throw new HttpError(400, "invalidInvoke", parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
    const { userId, replyToId, verb, data } = parsed.data;
    const a = attendee(userId);
    const activity = {
      type: "invoke",
      name: "adaptiveCard/action",
      id: `local-${randomUUID()}`,
      timestamp: new Date().toISOString(),
      serviceUrl: `${baseUrl}/local/connector/`,
      channelId: "msteams",
      from: { id: `29:${a.userId}`, aadObjectId: a.userId, name: a.name },
      recipient: { id: "28:local-bot", name: "OKR" },
      conversation: { id: personalConversationId(a.userId), conversationType: "personal", tenantId: LOCAL_TENANT_ID },
      channelData: { tenant: { id: LOCAL_TENANT_ID } },
      locale: a.locale,
      replyToId,
      value: { action: { type: "Action.Execute", verb, data }, trigger: "manual" },
    };
    const answer = await fetch(`${baseUrl}/api/messages`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(activity) });
    const text = await answer.text();
    sendJson(res, 200, text ? (JSON.parse(text) as unknown) : {});
  });

  // One poll of the scheduler with the clock at the next planned reminder (or now, when one is already due).
  router.on("POST", "/local/reminders/send-due", async (_req, res) => {
    const now = deps.now();
    const [next] = await deps.store.due(now + LOOK_AHEAD_MS, 1);
    if (!next) {
      sendJson(res, 200, { at: null, sent: 0, rateLimited: 0, unreachable: 0, dropped: 0 });
      return;
    }
    const at = Math.max(now, next.at);
    const report = await deps.scheduler.tick(at);
    sendJson(res, 200, { at, ...report });
  });
}
