/** @module The bot endpoint (/api/messages) over real HTTP: a Teams message gets the help card in the user's language through the Bot Connector stand-in; bad or unauthenticated requests are refused. */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { LOCAL_CHAT_ID } from "../bot/src/local/roster.js";
import { ATTENDEE, meetingPath, ORGANIZER, startService, TENANT, type ErrorBody, type Service } from "./helpers/service.js";

let service: Service;
let counter = 0;

beforeAll(async () => {
  service = await startService();
});

afterAll(async () => {
  await service?.close();
});

interface TextBlock {
  readonly type: string;
  readonly text?: string;
}

/** A Teams `message` activity as the Bot Connector posts it to the bot. */
function teamsMessage(via: Service, overrides: Record<string, unknown> = {}): Record<string, unknown> & { id: string } {
  return {
    type: "message",
    id: `activity-${++counter}`,
    timestamp: new Date().toISOString(),
    serviceUrl: `${via.url}/local/connector/`,
    channelId: "msteams",
    from: { id: `29:${ORGANIZER}`, name: "Ingrid Organizer", aadObjectId: ORGANIZER },
    recipient: { id: "28:okr-bot", name: "OKR result meeting" },
    conversation: { id: LOCAL_CHAT_ID, conversationType: "groupChat", isGroup: true, tenantId: TENANT },
    channelData: { tenant: { id: TENANT } },
    locale: "nb-NO",
    text: "hjelp",
    ...overrides,
  };
}

const postActivity = (via: Service, body: unknown, headers: Record<string, string> = {}) => via.api<ErrorBody | string>("/api/messages", { body, headers });

describe("the bot in a Teams chat", () => {
  it("answers a message with the help card, in Norwegian for a nb-NO user, through the Bot Connector", async () => {
    const activity = teamsMessage(service);
    const before = service.connector.activities.length;
    const res = await postActivity(service, activity);
    expect(res.status).toBe(200);

    const sent = service.connector.activities.slice(before);
    expect(sent).toHaveLength(1);
    const reply = sent[0];
    expect(reply).toMatchObject({ conversationId: LOCAL_CHAT_ID, replyToId: activity.id });
    const attachments = reply?.activity.attachments as Array<{ contentType: string; content: { type: string; version: string; body: TextBlock[] } }>;
    expect(attachments).toHaveLength(1);
    expect(attachments[0]?.contentType).toBe("application/vnd.microsoft.card.adaptive");
    const card = attachments[0]?.content;
    expect(card).toMatchObject({ type: "AdaptiveCard", version: "1.5" });
    const text = card?.body.map((b) => b.text ?? "").join("\n") ?? "";
    expect(text).toMatch(/OKR-resultatmøte/);
    expect(text).toMatch(/Åpne appen i møtet/);
  });

  it("speaks English to a user whose Teams is in English", async () => {
    const before = service.connector.activities.length;
    expect((await postActivity(service, teamsMessage(service, { locale: "en-US", text: "help" }))).status).toBe(200);
    const reply = service.connector.activities[before];
    expect(JSON.stringify(reply?.activity.attachments)).toMatch(/OKR result meeting/);
  });

  it("refuses a body that is not an activity with 400, sending nothing", async () => {
    const before = service.connector.activities.length;
    const broken = await postActivity(service, '{"type": "message", "text": ');
    expect(broken.status).toBe(400);
    expect((broken.body as ErrorBody).error.code).toBe("malformedJson");
    const list = await postActivity(service, [teamsMessage(service)]);
    expect(list.status).toBe(400);
    expect((list.body as ErrorBody).error).toMatchObject({ code: "badActivity", message: expect.stringMatching(/activity object/) });
    expect(service.connector.activities.length).toBe(before);
  });
});

describe("with a Bot Framework app id configured", () => {
  let secured: Service;

  beforeAll(async () => {
    secured = await startService({ MicrosoftAppId: "00000000-0000-4000-8000-00000000c0de", MicrosoftAppPassword: "not-a-real-secret" });
  });

  afterAll(async () => {
    await secured?.close();
  });

  it("refuses an activity without a Bot Framework token with 401 and does not answer it", async () => {
    const res = await postActivity(secured, teamsMessage(secured));
    expect(res.status).toBe(401);
    expect(secured.connector.activities).toHaveLength(0);
  });

  it("refuses an activity with a token it cannot verify with 401", async () => {
    const forged = await secured.issuer.sign({ oid: ORGANIZER, tid: TENANT, name: "Mallory" });
    const res = await postActivity(secured, teamsMessage(secured), { authorization: `Bearer ${forged}` });
    expect(res.status).toBe(401);
    expect(secured.connector.activities).toHaveLength(0);
  });
});

describe("a meeting the bot has not seen yet", () => {
  let isolated: Service | undefined;
  const asked: string[] = [];
  const otherConnector = createServer((req, res) => {
    asked.push(`${req.method ?? ""} ${req.url ?? ""}`);
    res.writeHead(404, { "content-type": "application/json" }).end('{"error":{"code":"NotFound","message":"Unknown conversation."}}');
  });

  beforeAll(async () => {
    await new Promise<void>((resolve) => otherConnector.listen(0, "127.0.0.1", resolve));
  });

  afterEach(async () => {
    await isolated?.close();
    isolated = undefined;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => otherConnector.close(() => resolve()));
  });

  it("asks the default Bot Connector until the meeting chat tells the bot its own, then asks that one", async () => {
    // The default connector knows nothing of this meeting; the meeting's own connector (the stand-in) does.
    const port = (otherConnector.address() as AddressInfo).port;
    isolated = await startService({ DEFAULT_SERVICE_URL: `http://127.0.0.1:${port}/`, ROLE_TTL_MS: "0" });
    const meetingId = isolated.meeting();
    const token = await isolated.tokenFor(ATTENDEE);
    const before = await isolated.api<ErrorBody>(meetingPath(meetingId), { token });
    expect(before.status).toBe(403);
    expect(asked.some((r) => r.startsWith("GET /v1/meetings/"))).toBe(true);

    const hello = teamsMessage(isolated, { channelData: { tenant: { id: TENANT }, meeting: { id: meetingId } } });
    expect((await postActivity(isolated, hello)).status).toBe(200);
    const askedBefore = asked.length;
    const after = await isolated.api<{ viewer: { role: string } }>(meetingPath(meetingId), { token });
    expect(after.status).toBe(200);
    expect(after.body.viewer.role).toBe("Attendee");
    expect(asked.length).toBe(askedBefore);
  });
});
