/** The meeting set-up API (the configuration page's back end) over real HTTP on real Azurite, with Teams' team and channel calls answered by the Bot Connector stand-in: who may save, what is applied, and bad input that changes nothing. */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOCAL_TEAM } from "../bot/src/local/connector-stub.js";
import { LOCAL_CHAT_ID } from "../bot/src/local/roster.js";
import type { SnapshotResponse } from "../shared/src/wire/protocol.js";
import type { SaveSetupResponse, SetupResponse } from "../shared/src/wire/setup-protocol.js";
import { ATTENDEE, meetingPath, ORGANIZER, PRESENTER, startService, type ErrorBody, type Service } from "./helpers/service.js";

const OTHER_TEAM = { id: "19:other-team@thread.tacv2", name: "Another team", channels: [{ id: "19:other-team@thread.tacv2" }, { id: "19:other-general@thread.tacv2", name: "Elsewhere" }] };
const RESULTS_CHANNEL = "19:local-okr-results@thread.tacv2";

let service: Service;
beforeAll(async () => {
  service = await startService();
  service.connector.addTeam(OTHER_TEAM);
});
afterAll(async () => {
  await service?.close();
});

/** A meeting of the local team's "Weekly result meeting" channel (so the local team is its team). */
function channelMeeting(): string {
  const meetingId = service.meeting();
  service.connector.setChat(meetingId, LOCAL_CHAT_ID);
  return meetingId;
}

const save = (body: Record<string, unknown>) => ({ id: `save-${randomUUID()}`, templateId: "okrCheckIn15", teamId: LOCAL_TEAM.id, channelId: RESULTS_CHANNEL, ...body });

async function put<T = SaveSetupResponse>(meetingId: string, userId: string, body: unknown) {
  return service.api<T>(meetingPath(meetingId, "/setup"), { method: "PUT", token: await service.tokenFor(userId), body });
}
async function read(meetingId: string, userId = ORGANIZER, team: string | null = LOCAL_TEAM.id) {
  const query = team === null ? "" : `?team=${encodeURIComponent(team)}`;
  return service.api<SetupResponse>(meetingPath(meetingId, `/setup${query}`), { token: await service.tokenFor(userId) });
}
/** The meeting's own set-up (not one inherited from another meeting of its series: these tests' meetings share one). */
async function ownSetup(meetingId: string) {
  const { body } = await read(meetingId);
  return body.inheritedFrom === null ? body.setup : null;
}
async function snapshot(meetingId: string) {
  const res = await service.api<SnapshotResponse>(meetingPath(meetingId), { token: await service.tokenFor(ORGANIZER) });
  expect(res.status).toBe(200);
  return res.body;
}

describe("reading the set-up", () => {
  it("a channel meeting's team comes with its channels; nothing saved yet; the lead may save, an attendee may not", async () => {
    const meetingId = channelMeeting();
    const lead = await read(meetingId, ORGANIZER);
    expect(lead.status).toBe(200);
    expect(lead.body.setup).toBeNull();
    expect(lead.body.currentTemplateId).toBe("teamWeekly60");
    expect(lead.body.canSave).toBe(true);
    expect(lead.body.team).toMatchObject({ kind: "team", id: LOCAL_TEAM.id, name: LOCAL_TEAM.name });
    if (lead.body.team.kind !== "team") throw new Error("no team");
    expect(lead.body.team.channels.map((c) => c.name)).toEqual(["", "Weekly result meeting", "Results", "Sales"]);

    const attendee = await read(meetingId, ATTENDEE);
    expect(attendee.status).toBe(200);
    expect(attendee.body.canSave).toBe(false);
  });

  it("without a team (a scheduled meeting outside a channel) it says so", async () => {
    const res = await read(channelMeeting(), ORGANIZER, null);
    expect(res.body.team).toEqual({ kind: "none", problem: "noTeam" });
  });

  it("a team the bot is not in, and a team that is not the meeting's, are named as such", async () => {
    const meetingId = channelMeeting();
    expect((await read(meetingId, ORGANIZER, "19:unknown-team@thread.tacv2")).body.team).toEqual({ kind: "none", problem: "botNotInTeam" });
    expect((await read(meetingId, ORGANIZER, OTHER_TEAM.id)).body.team).toEqual({ kind: "none", problem: "notMeetingTeam" });
  });

  it("refuses a caller without a token, one who is not in the meeting, and a malformed team id", async () => {
    const meetingId = channelMeeting();
    expect((await service.api(meetingPath(meetingId, "/setup"))).status).toBe(401);
    const outsider = await service.api<ErrorBody>(meetingPath(meetingId, "/setup"), { token: await service.tokenFor("00000000-0000-4000-8000-0000000000ff") });
    expect(outsider.status).toBe(403);
    const bad = await service.api<ErrorBody>(meetingPath(meetingId, `/setup?team=${encodeURIComponent("has space")}`), { token: await service.tokenFor(ORGANIZER) });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("badTeamId");
  });
});

describe("saving the set-up", () => {
  it("the organizer saves template and channel: the agenda gets the template, live, and the set-up is stored", async () => {
    const meetingId = channelMeeting();
    const stream = await service.openStream(meetingId, await service.tokenFor(ATTENDEE));
    await stream.nextMessage(); // hello
    await stream.nextMessage(); // snapshot
    const res = await put(meetingId, ORGANIZER, save({}));
    expect(res.status).toBe(200);
    expect(res.body.duplicate).toBe(false);
    expect(res.body.setup).toMatchObject({ templateId: "okrCheckIn15", revision: 1, channel: { teamId: LOCAL_TEAM.id, teamName: LOCAL_TEAM.name, channelId: RESULTS_CHANNEL, channelName: "Results" }, savedBy: { userId: ORGANIZER } });

    const commit = await stream.nextMessage();
    expect(commit).toMatchObject({ type: "commit", commit: { version: res.body.version, events: [{ type: "templateApplied", templateId: "okrCheckIn15" }] } });
    const { meeting } = await snapshot(meetingId);
    expect(meeting.templateId).toBe("okrCheckIn15");
    expect(meeting.sections.map((s) => s.id)).toEqual(["checkInStatus", "checkInObstacles", "checkInDependencies"]);
    const after = await read(meetingId, ATTENDEE);
    expect(after.body.setup).toEqual(res.body.setup);
    expect(after.body.inheritedFrom).toBeNull();
    expect(after.body.currentTemplateId).toBe("okrCheckIn15");
  });

  it("a presenter may save too, and without a channel; a retry with the same id applies nothing twice", async () => {
    const meetingId = channelMeeting();
    const body = save({ templateId: "okrReview120", channelId: null });
    const first = await put(meetingId, PRESENTER, body);
    expect(first.status).toBe(200);
    expect(first.body.setup.channel).toBeNull();
    // Someone edits the agenda's template in between; the retried save must not undo that.
    const edit = await service.send(meetingId, await service.tokenFor(ORGANIZER), { id: `cmd-${randomUUID()}`, type: "applyTemplate", templateId: "teamWeekly45" });
    expect(edit.status).toBe(200);
    const retry = await put(meetingId, PRESENTER, body);
    expect(retry.status).toBe(200);
    expect(retry.body.duplicate).toBe(true);
    expect(retry.body.setup.revision).toBe(1);
    expect((await snapshot(meetingId)).meeting.templateId).toBe("teamWeekly45");
  });

  it("re-saving only the channel keeps an edited agenda (the template it already has is not applied again)", async () => {
    const meetingId = channelMeeting();
    expect((await put(meetingId, ORGANIZER, save({}))).status).toBe(200);
    const before = await snapshot(meetingId);
    const again = await put(meetingId, ORGANIZER, save({ channelId: LOCAL_CHAT_ID }));
    expect(again.status).toBe(200);
    expect(again.body.setup).toMatchObject({ revision: 2, channel: { channelId: LOCAL_CHAT_ID, channelName: "Weekly result meeting" } });
    expect((await snapshot(meetingId)).meeting.version).toBe(before.meeting.version);
  });

  it("the next occurrence of the series (same chat) starts from the latest set-up until it saves its own", async () => {
    const first = channelMeeting();
    const saved = await put(first, ORGANIZER, save({ templateId: "leadershipWeekly90" }));
    expect(saved.status).toBe(200);
    const next = channelMeeting();
    const inherited = await read(next, ATTENDEE);
    expect(inherited.body).toMatchObject({ inheritedFrom: first, setup: { templateId: "leadershipWeekly90", channel: { channelId: RESULTS_CHANNEL } } });
    const own = await put(next, ORGANIZER, save({ templateId: "teamWeekly45", channelId: null }));
    expect(own.status).toBe(200);
    expect((await read(next)).body).toMatchObject({ inheritedFrom: null, setup: { templateId: "teamWeekly45", channel: null } });
    // The first meeting keeps its own; a third one now starts from the newest save.
    expect((await read(first)).body).toMatchObject({ inheritedFrom: null, setup: { templateId: "leadershipWeekly90" } });
    expect((await read(channelMeeting())).body).toMatchObject({ inheritedFrom: next, setup: { templateId: "teamWeekly45" } });
  });

  it("a meeting outside any team saves without a channel", async () => {
    const meetingId = channelMeeting();
    const res = await put(meetingId, ORGANIZER, save({ teamId: null, channelId: null }));
    expect(res.status).toBe(200);
    expect(res.body.setup.channel).toBeNull();
  });
});

describe("a refused save changes nothing", () => {
  async function expectUnchanged(meetingId: string): Promise<void> {
    expect(await ownSetup(meetingId)).toBeNull();
    const { meeting } = await snapshot(meetingId);
    expect(meeting.templateId).toBe("teamWeekly60");
    expect(meeting.version).toBe(0);
  }

  it("an attendee cannot save (403)", async () => {
    const meetingId = channelMeeting();
    const res = await put<ErrorBody>(meetingId, ATTENDEE, save({}));
    expect(res.status).toBe(403);
    expect(res.body.error.message).toContain("organizer or a presenter");
    await expectUnchanged(meetingId);
  });

  it.each([
    ["a channel of another team, named as the meeting's team's", { channelId: "19:other-general@thread.tacv2" }, 403, "channelNotInTeam"],
    ["another team (the bot is in it, but the meeting is not)", { teamId: OTHER_TEAM.id, channelId: "19:other-general@thread.tacv2" }, 403, "otherTeam"],
    ["a team the bot is not in", { teamId: "19:unknown-team@thread.tacv2" }, 409, "botNotInTeam"],
    ["a channel without its team", { teamId: null }, 400, "channelWithoutTeam"],
    ["an unknown template", { templateId: "weekly999" }, 400, "invalidSetup"],
    ["a template id of the wrong type", { templateId: 60 }, 400, "invalidSetup"],
    ["a channel id of the wrong type", { channelId: { id: RESULTS_CHANNEL } }, 400, "invalidSetup"],
    ["a huge channel id", { channelId: `19:${"x".repeat(1000)}@thread.tacv2` }, 400, "invalidSetup"],
    ["a channel id with spaces", { channelId: "19:a b@thread.tacv2" }, 400, "invalidSetup"],
    ["a missing save id", { id: undefined }, 400, "invalidSetup"],
    ["a malformed save id", { id: "short" }, 400, "invalidSetup"],
    ["an unknown field", { postNow: true }, 400, "invalidSetup"],
  ] as const)("%s → %i", async (_what, change, status, code) => {
    const meetingId = channelMeeting();
    const res = await put<ErrorBody>(meetingId, ORGANIZER, save(change));
    expect(res.status).toBe(status);
    expect(res.body.error.code).toBe(code);
    expect(res.body.error.message.length).toBeGreaterThan(10);
    await expectUnchanged(meetingId);
  });

  it("a body over the size limit is 413, a non-JSON body 400/415, and no token 401", async () => {
    const meetingId = channelMeeting();
    const huge = await put<ErrorBody>(meetingId, ORGANIZER, save({ templateId: "x".repeat(100_000) }));
    expect(huge.status).toBe(413);
    const token = await service.tokenFor(ORGANIZER);
    expect((await service.api(meetingPath(meetingId, "/setup"), { method: "PUT", token, body: "{not json" })).status).toBe(400);
    expect((await service.api(meetingPath(meetingId, "/setup"), { method: "PUT", token, body: "a=b", contentType: "application/x-www-form-urlencoded" })).status).toBe(415);
    expect((await service.api(meetingPath(meetingId, "/setup"), { method: "PUT", body: save({}) })).status).toBe(401);
    await expectUnchanged(meetingId);
  });

  it("a save into an ended meeting that would change its template is refused with the domain's reason", async () => {
    const meetingId = channelMeeting();
    const token = await service.tokenFor(ORGANIZER);
    for (const type of ["startMeeting", "endMeeting"]) expect((await service.send(meetingId, token, { id: `cmd-${randomUUID()}`, type })).status).toBe(200);
    const res = await put<ErrorBody>(meetingId, ORGANIZER, save({}));
    expect(res.status).toBe(409);
    expect(await ownSetup(meetingId)).toBeNull();
  });
});
