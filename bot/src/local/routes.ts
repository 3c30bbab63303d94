/** @module Local-mode routes: the simulated meeting's roster and roles, the dev issuer's tokens and JWKS. Never mounted in production. */
import type { DevIssuer } from "../auth/dev-issuer.js";
import { HttpError, readJson, sendJson, type Router } from "../http/http.js";
import { registerLocalChat } from "./chat.js";
import { LOCAL_TEAM, type ConnectorStub } from "./connector-stub.js";
import { LOCAL_CHAT_ID, LOCAL_MEETING_ID, LOCAL_NEXT_MEETING_ID, LOCAL_TENANT_ID } from "./roster.js";

export function registerLocalRoutes(router: Router, issuer: DevIssuer, connector: ConnectorStub, baseUrl: string): void {
  registerLocalChat(router, connector, baseUrl);
  router.on("GET", "/", (_req, res) => {
    res.writeHead(302, { location: "/tab/local/meeting.html" }).end();
  });
  router.on("GET", "/local/jwks.json", (_req, res) => sendJson(res, 200, issuer.jwks));
  router.on("GET", "/local/roster", (_req, res) =>
    sendJson(res, 200, {
      tenantId: LOCAL_TENANT_ID,
      meetingId: LOCAL_MEETING_ID,
      nextMeetingId: LOCAL_NEXT_MEETING_ID,
      chatId: LOCAL_CHAT_ID,
      // A channel meeting: its chat is this team's channel (the configuration page offers the team's channels).
      team: { id: LOCAL_TEAM.id, name: LOCAL_TEAM.name, channelName: LOCAL_TEAM.channels.find((c) => c.id === LOCAL_CHAT_ID)?.name ?? "" },
      attendees: connector.attendees.map((a) => ({ ...a, role: connector.roleOf(LOCAL_MEETING_ID, a.userId) ?? a.role })),
    }),
  );
  router.on("PUT", "/local/roster/role", async (req, res) => {
    connector.setRoleFromBody(await readJson(req, 4096));
    res.writeHead(204).end();
  });
  router.on("POST", "/local/token", async (req, res) => {
    const body = await readJson(req, 4096);
    // Any JSON may arrive (null, a number, an array): only an object's own userId names an attendee.
    const userId = typeof body === "object" && body !== null && Object.hasOwn(body, "userId") ? (body as { userId: unknown }).userId : undefined;
    const attendee = typeof userId === "string" ? connector.attendee(userId) : undefined;
    if (!attendee) throw new HttpError(400, "unknownUser", "userId must be one of the local attendees (see /local/roster).");
    const token = await issuer.sign({ oid: attendee.userId, tid: LOCAL_TENANT_ID, name: attendee.name, upn: attendee.upn });
    sendJson(res, 200, { token });
  });
}
