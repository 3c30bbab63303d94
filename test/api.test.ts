/** @module The panel's HTTP API over real HTTP and Azurite: who gets in, what a role may do, clear errors for bad input, and nothing changed by a refused request. */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDevIssuer } from "../bot/src/auth/dev-issuer.js";
import type { CommandResponse, SnapshotResponse, TimeResponse } from "../shared/src/wire/protocol.js";
import { ATTENDEE, command, meetingPath, ORGANIZER, PRESENTER, startService, TENANT, type ErrorBody, type Service } from "./helpers/service.js";

const STRANGER = "00000000-0000-4000-8000-0000000000ff";

let service: Service;

beforeAll(async () => {
  service = await startService();
});

afterAll(async () => {
  await service?.close();
});

async function snapshot(meetingId: string, userId = ORGANIZER): Promise<SnapshotResponse> {
  const res = await service.api<SnapshotResponse>(meetingPath(meetingId), { token: await service.tokenFor(userId) });
  expect(res.status).toBe(200);
  return res.body;
}

async function expectUnchanged(meetingId: string): Promise<void> {
  const { meeting } = await snapshot(meetingId);
  expect(meeting.version).toBe(0);
  expect(meeting.phase).toBe("notStarted");
}

describe("only a valid Teams sign-in token gets in", () => {
  const identity = { oid: ORGANIZER, tid: TENANT, name: "Ingrid Organizer" };

  const refusals: ReadonlyArray<readonly [string, () => Promise<string | undefined>, RegExp]> = [
    ["no token", async () => undefined, /Sign-in required/],
    ["a header that is not 'Bearer <token>'", async () => `Basic ${Buffer.from("ingrid:secret").toString("base64")}`, /must be 'Bearer <token>'/],
    ["a token signed by another key", async () => `Bearer ${await (await createDevIssuer(service.url)).sign(identity)}`, /signature is not valid/],
    ["a token for another app (audience)", async () => `Bearer ${await service.issuer.sign(identity, { audience: "api://elsewhere/app" })}`, /not issued for this app \(aud/],
    ["a token from an untrusted issuer", async () => `Bearer ${await service.issuer.sign(identity, { issuer: "https://evil.example/v2.0" })}`, /issuer this app does not trust/],
    ["an expired token", async () => `Bearer ${await service.issuer.sign(identity, { expiresInSeconds: -120 })}`, /expired/],
    ["a token without the access_as_user scope", async () => `Bearer ${await service.issuer.sign(identity, { scope: "User.Read" })}`, /lacks the 'access_as_user' permission/],
  ];

  it.each(refusals)("refuses %s with 401 and says why", async (_name, authorization, message) => {
    const meetingId = service.meeting();
    const header = await authorization();
    const res = await service.api<ErrorBody>(meetingPath(meetingId), { headers: header ? { authorization: header } : {} });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe("unauthenticated");
    expect(res.body.error.message).toMatch(message);
  });

  it("a command without a token is refused and changes nothing", async () => {
    const meetingId = service.meeting();
    const res = await service.api<ErrorBody>(meetingPath(meetingId, "/commands"), { body: { command: command("startMeeting") } });
    expect(res.status).toBe(401);
    await expectUnchanged(meetingId);
  });

  it("a valid token of a participant reads the meeting, with the viewer's role from Teams", async () => {
    const meetingId = service.meeting();
    const res = await service.api<SnapshotResponse>(meetingPath(meetingId), { token: await service.tokenFor(ATTENDEE) });
    expect(res.status).toBe(200);
    expect(res.body.meeting).toMatchObject({ meetingId, tenantId: TENANT, version: 0, phase: "notStarted" });
    expect(res.body.viewer).toMatchObject({ userId: ATTENDEE, tenantId: TENANT, role: "Attendee", capabilities: ["meeting:read", "sir:prepare", "kpi:update", "actions:add"] });
  });
});

describe("roles from Teams decide who may do what", () => {
  it("someone who is not in the meeting can neither read nor drive it", async () => {
    const meetingId = service.meeting();
    const token = await service.tokenFor(STRANGER);
    const read = await service.api<ErrorBody>(meetingPath(meetingId), { token });
    expect(read.status).toBe(403);
    expect(read.body.error.code).toBe("notParticipant");
    const drive = await service.send(meetingId, token, command("startMeeting"));
    expect(drive.status).toBe(403);
    expect((drive.body as ErrorBody).error.code).toBe("notParticipant");
    await expectUnchanged(meetingId);
    // Asking Teams for a stranger's role is only a lookup: nothing is posted into the meeting chat.
    expect(service.connector.activities).toEqual([]);
  });

  it("an attendee cannot start the meeting, and the meeting stays as it was", async () => {
    const meetingId = service.meeting();
    const res = await service.send(meetingId, await service.tokenFor(ATTENDEE), command("startMeeting"));
    expect(res.status).toBe(403);
    expect((res.body as ErrorBody).error).toMatchObject({ code: "forbidden", message: expect.stringMatching(/organizer or a presenter/) });
    await expectUnchanged(meetingId);
  });

  it("a presenter can drive the meeting, and everyone then sees it running", async () => {
    const meetingId = service.meeting();
    const res = await service.send(meetingId, await service.tokenFor(PRESENTER), command("startMeeting"));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ version: 1, duplicate: false });
    const { meeting } = await snapshot(meetingId, ATTENDEE);
    expect(meeting).toMatchObject({ version: 1, phase: "running", currentSectionId: "goodNews", timer: { running: true } });
  });

  it("a retried command (same id) is applied once and reported as a duplicate", async () => {
    const meetingId = service.meeting();
    const token = await service.tokenFor(ORGANIZER);
    await service.send(meetingId, token, command("startMeeting"));
    const extend = command("extendTimer", { minutes: 5 });
    const first = await service.send(meetingId, token, extend);
    const retry = await service.send(meetingId, token, extend);
    expect(first.body).toMatchObject({ version: 2, duplicate: false });
    expect(retry.status).toBe(200);
    expect(retry.body).toMatchObject({ version: 2, duplicate: true });
    const { meeting } = await snapshot(meetingId);
    expect(meeting.version).toBe(2);
    expect(meeting.sections.find((s) => s.id === "goodNews")?.extraMs).toBe(5 * 60_000);
  });

  it("a meeting id seen in another tenant is another meeting", async () => {
    const meetingId = service.meeting();
    await service.send(meetingId, await service.tokenFor(ORGANIZER), command("startMeeting"));
    // The stand-in connector knows the roster only in the local tenant: Teams says "not a participant" elsewhere.
    const other = await service.api<ErrorBody>(meetingPath(meetingId), { token: await service.tokenFor(ORGANIZER, "00000000-0000-4000-8000-00000000a002") });
    expect(other.status).toBe(403);
    expect(other.body.error.code).toBe("notParticipant");
  });
});

describe("bad input gets a clear error and changes nothing", () => {
  let meetingId: string;
  let token: string;

  beforeAll(async () => {
    meetingId = service.meeting();
    token = await service.tokenFor(ORGANIZER);
  });

  afterAll(async () => {
    await expectUnchanged(meetingId);
  });

  const post = (body: unknown, contentType?: string) => service.api<ErrorBody>(meetingPath(meetingId, "/commands"), { token, body, ...(contentType ? { contentType } : {}) });

  it("malformed JSON → 400 malformedJson", async () => {
    const res = await post('{"command": {"type": "startMeeting"');
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: "malformedJson", message: expect.stringMatching(/not valid JSON/) });
  });

  it("an unknown command type → 400 with the issue named", async () => {
    const res = await post({ command: { id: "cmd-12345678", type: "launchRocket" } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("invalidCommand");
    expect(res.body.error.issues?.join("\n")).toMatch(/command\.type/);
  });

  it("extra keys in a command or around it → 400", async () => {
    const inside = await post({ command: { ...command("startMeeting"), userId: ORGANIZER } });
    expect(inside.status).toBe(400);
    expect(inside.body.error.issues?.join("\n")).toMatch(/userId/);
    const outside = await post({ command: command("startMeeting"), role: "Organizer" });
    expect(outside.status).toBe(400);
    expect(outside.body.error.issues?.join("\n")).toMatch(/role/);
  });

  it("a section title longer than 80 characters → 400 naming the title", async () => {
    const res = await post({ command: command("addSection", { kind: "discussion", title: "x".repeat(81), durationMs: 5 * 60_000 }) });
    expect(res.status).toBe(400);
    expect(res.body.error.issues?.join("\n")).toMatch(/command\.title: must be at most 80 characters/);
  });

  it("a bad meeting id → 400 badMeetingId", async () => {
    for (const bad of ["has space", "x".repeat(513)]) {
      const read = await service.api<ErrorBody>(meetingPath(bad), { token });
      expect(read.status).toBe(400);
      expect(read.body.error.code).toBe("badMeetingId");
      const write = await service.api<ErrorBody>(meetingPath(bad, "/commands"), { token, body: { command: command("startMeeting") } });
      expect(write.status).toBe(400);
      expect(write.body.error.code).toBe("badMeetingId");
    }
  });

  it("a body over 16 KiB → 413 bodyTooLarge", async () => {
    const res = await post({ command: command("addSection", { kind: "discussion", title: "x".repeat(17 * 1024), durationMs: 60_000 }) });
    expect(res.status).toBe(413);
    expect(res.body.error).toMatchObject({ code: "bodyTooLarge", message: expect.stringMatching(/16384 bytes/) });
  });

  it("a body that is not JSON → 415", async () => {
    const res = await post("command=startMeeting", "application/x-www-form-urlencoded");
    expect(res.status).toBe(415);
    expect(res.body.error).toMatchObject({ code: "unsupportedMediaType", message: expect.stringMatching(/application\/json/) });
  });

  it("a command the meeting's rules refuse → 409 with the domain code", async () => {
    const res = await post({ command: command("nextSection") });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: "meetingNotStarted", message: expect.stringMatching(/Start the meeting first/) });
  });

  it("an unknown route → 404, a wrong method → 405, both as JSON errors", async () => {
    const missing = await service.api<ErrorBody>("/api/nothing-here", { token });
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe("notFound");
    const getCommands = await service.api<ErrorBody>(meetingPath(meetingId, "/commands"), { token });
    expect(getCommands.status).toBe(405);
    expect(getCommands.body.error.code).toBe("methodNotAllowed");
    const deleteMeeting = await service.api<ErrorBody>(meetingPath(meetingId), { token, method: "DELETE" });
    expect(deleteMeeting.status).toBe(405);
  });
});

describe("a role changed in Teams mid-meeting", () => {
  let fresh: Service;

  beforeAll(async () => {
    fresh = await startService({ ROLE_TTL_MS: "0" });
  });

  afterAll(async () => {
    await fresh?.close();
  });

  it("takes effect once the role cache has expired: an attendee made presenter can drive, and demoted again cannot", async () => {
    const meetingId = fresh.meeting();
    const token = await fresh.tokenFor(ATTENDEE);
    expect((await fresh.send(meetingId, token, command("startMeeting"))).status).toBe(403);

    fresh.connector.setRole(meetingId, ATTENDEE, "Presenter");
    const started = await fresh.send(meetingId, token, command("startMeeting"));
    expect(started.status).toBe(200);
    expect((started.body as CommandResponse).version).toBe(1);

    fresh.connector.setRole(meetingId, ATTENDEE, "Attendee");
    const paused = await fresh.send(meetingId, token, command("pauseTimer"));
    expect(paused.status).toBe(403);
    const after = await fresh.api<SnapshotResponse>(meetingPath(meetingId), { token });
    expect(after.body.meeting).toMatchObject({ version: 1, timer: { running: true } });
    expect(after.body.viewer.role).toBe("Attendee");
  });
});

describe("when Teams cannot tell the role", () => {
  it("a Bot Connector failure gives 503 'try again', not a wrong 403, and posts nothing to the chat", async () => {
    const failing = http.createServer((_req, res) => res.writeHead(500, { "content-type": "application/json" }).end('{"error":{"code":"ServiceError","message":"boom"}}'));
    await new Promise<void>((resolve) => failing.listen(0, "127.0.0.1", resolve));
    const port = (failing.address() as AddressInfo).port;
    const broken = await startService({ DEFAULT_SERVICE_URL: `http://127.0.0.1:${port}/` });
    try {
      const meetingId = broken.meeting();
      const res = await broken.api<ErrorBody>(meetingPath(meetingId), { token: await broken.tokenFor(ORGANIZER) });
      expect(res.status).toBe(503);
      expect(res.body.error).toMatchObject({ code: "teamsUnavailable", message: expect.stringMatching(/Try again/) });
      expect(broken.connector.activities).toEqual([]);
    } finally {
      await broken.close();
      await new Promise<void>((resolve) => failing.close(() => resolve()));
    }
  });
});

describe("service endpoints", () => {
  it("GET /api/time gives the server's clock", async () => {
    const before = Date.now();
    const res = await service.api<TimeResponse>("/api/time");
    const after = Date.now();
    expect(res.status).toBe(200);
    expect(res.body.serverTime).toBeGreaterThanOrEqual(before);
    expect(res.body.serverTime).toBeLessThanOrEqual(after);
  });

  it("GET /healthz reports storage reachable, as JSON", async () => {
    const res = await service.api<{ status: string; storage: string; env: string }>("/healthz");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(res.body).toMatchObject({ status: "ok", storage: "reachable", env: "local" });
  });
});
