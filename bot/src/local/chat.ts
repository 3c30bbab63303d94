/**
 * @module The local chat pane's server side: a local attendee's message or card action becomes a real
 * Teams-shaped activity posted to this service's own /api/messages (as the Bot Connector would), and the
 * meeting chat's transcript streams to the page. Local mode only.
 */
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { HttpError, readJson, sendJson, type Router } from "../http/http.js";
import type { ConnectorStub, SentActivity } from "./connector-stub.js";
import { LOCAL_CHAT_ID, LOCAL_MEETING_ID, LOCAL_TENANT_ID } from "./roster.js";

const SendBody = z.strictObject({ userId: z.string().max(64), text: z.string().trim().min(1).max(4000) });
const InvokeBody = z.strictObject({
  userId: z.string().max(64),
  replyToId: z.string().max(128),
  verb: z.string().min(1).max(64),
  data: z.record(z.string(), z.unknown()),
  trigger: z.enum(["manual", "automatic"]).default("manual"),
});

export function registerLocalChat(router: Router, connector: ConnectorStub, baseUrl: string): void {
  const attendee = (userId: string) => {
    const a = connector.attendees.find((x) => x.userId === userId);
    if (!a) throw new HttpError(400, "unknownUser", "userId must be one of the local attendees (see /local/roster).");
    return a;
  };
  const activity = (userId: string, extra: Record<string, unknown>) => {
    const a = attendee(userId);
    return {
      id: `local-${randomUUID()}`,
      timestamp: new Date().toISOString(),
      serviceUrl: `${baseUrl}/local/connector/`,
      channelId: "msteams",
      from: { id: `29:${a.userId}`, aadObjectId: a.userId, name: a.name },
      recipient: { id: "28:local-bot", name: "OKR" },
      conversation: { id: LOCAL_CHAT_ID, conversationType: "groupChat", isGroup: true, tenantId: LOCAL_TENANT_ID },
      channelData: { tenant: { id: LOCAL_TENANT_ID }, meeting: { id: LOCAL_MEETING_ID } },
      locale: a.locale,
      ...extra,
    };
  };
  const post = async (body: object): Promise<{ status: number; body: unknown }> => {
    const res = await fetch(`${baseUrl}/api/messages`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as unknown) : null };
  };

  router.on("POST", "/local/chat/send", async (req, res) => {
    const parsed = SendBody.safeParse(await readJson(req, 16 * 1024));
    if (!parsed.success) throw new HttpError(400, "invalidMessage", parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
    const message = activity(parsed.data.userId, { type: "message", text: parsed.data.text });
    connector.record({ id: message.id, conversationId: LOCAL_CHAT_ID, activity: message, at: Date.now() });
    const answer = await post(message);
    sendJson(res, answer.status >= 400 ? 502 : 202, { id: message.id });
  });

  router.on("POST", "/local/chat/invoke", async (req, res) => {
    const parsed = InvokeBody.safeParse(await readJson(req, 256 * 1024));
    if (!parsed.success) throw new HttpError(400, "invalidInvoke", parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
    const { userId, replyToId, verb, data, trigger } = parsed.data;
    const answer = await post(activity(userId, { type: "invoke", name: "adaptiveCard/action", replyToId, value: { action: { type: "Action.Execute", verb, data }, trigger } }));
    sendJson(res, 200, answer.body ?? {});
  });

  // The team's channel: posts in channel threads (`<channel>;messageid=<id>`), sent again when updated.
  router.on("GET", "/local/channel/stream", (req, res) => {
    res.writeHead(200, { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-store", connection: "keep-alive" });
    const send = (a: SentActivity) => {
      if (a.conversationId.includes(";messageid=")) res.write(`data: ${JSON.stringify({ id: a.id, conversationId: a.conversationId, activity: a.activity })}\n\n`);
    };
    for (const a of connector.activities) send(a);
    const off = connector.onActivity(send);
    req.on("close", off);
  });

  router.on("GET", "/local/chat/stream", (req, res) => {
    res.writeHead(200, { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-store", connection: "keep-alive" });
    const send = (a: SentActivity) => {
      if (a.conversationId === LOCAL_CHAT_ID) res.write(`data: ${JSON.stringify({ id: a.id, activity: a.activity })}\n\n`);
    };
    for (const a of connector.activities) send(a);
    const off = connector.onActivity(send);
    req.on("close", off);
  });
}
