/** Local mode can simulate a meeting of a real size (`LOCAL_ATTENDEES=N`) or given people (`LOCAL_ROSTER=file.json`); production refuses both. */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../bot/src/config.js";
import { LOCAL_ATTENDEES, LOCAL_MEETING_ID } from "../bot/src/local/roster.js";
import type { SnapshotResponse } from "../shared/src/wire/protocol.js";
import { command, meetingPath, startService, type Service } from "./helpers/service.js";

const dir = mkdtempSync(path.join(os.tmpdir(), "okr-roster-"));
const services: Service[] = [];
afterAll(async () => {
  await Promise.all(services.map((s) => s.close()));
  rmSync(dir, { recursive: true, force: true });
});

const tokenOf = async (service: Service, userId: string) => {
  const res = await service.api<{ token: string }>("/local/token", { body: { userId } });
  expect(res.status).toBe(200);
  return res.body.token;
};

describe("the local roster", () => {
  it("LOCAL_ATTENDEES=1000 makes a meeting of 1,000 different people: the four named ones, then generated attendees", () => {
    const roster = loadConfig({ LOCAL_ATTENDEES: "1000" }).localRoster ?? [];
    expect(roster).toHaveLength(1000);
    expect(roster.slice(0, 4)).toEqual(LOCAL_ATTENDEES);
    expect(new Set(roster.map((a) => a.userId)).size).toBe(1000);
    expect(roster.filter((a) => a.role === "Organizer")).toHaveLength(1);
    expect(roster[999]).toMatchObject({ name: "Attendee 1000", role: "Attendee" });
  });

  it("is never simulated in production, and a bad roster file is refused with every problem named", () => {
    const production = {
      APP_ENV: "production",
      AUTH_ISSUER: "https://login.microsoftonline.com/{tenantid}/v2.0",
      AUTH_AUDIENCE: "api://okr.example.com/botid-11111111-2222-4333-8444-555555555555",
      AUTH_JWKS_URL: "https://login.microsoftonline.com/common/discovery/v2.0/keys",
      MicrosoftAppId: "11111111-2222-4333-8444-555555555555",
      MicrosoftAppPassword: "secret-from-key-vault",
      STORAGE_CONNECTION_STRING: "DefaultEndpointsProtocol=https;AccountName=okr;AccountKey=a2V5;EndpointSuffix=core.windows.net",
      AUTH_ALLOWED_TENANTS: "*",
    };
    expect(() => loadConfig(production)).not.toThrow();
    expect(() => loadConfig({ ...production, LOCAL_ATTENDEES: "10" })).toThrow(/production takes its people and roles from Teams/);
    const bad = path.join(dir, "bad.json");
    writeFileSync(bad, JSON.stringify([{ userId: "a", name: "A", role: "Attendee" }, { userId: "a", name: "", role: "Boss" }]));
    let error: unknown;
    try {
      loadConfig({ LOCAL_ROSTER: bad });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect(String(error)).toMatch(/1\.name/);
    expect(String(error)).toMatch(/1\.role/);
    expect(() => loadConfig({ LOCAL_ATTENDEES: "0" })).toThrow(ConfigError);
  });

  it("lets the thousandth attendee sign in and read the meeting, and only as an attendee", async () => {
    const service = await startService({ LOCAL_ATTENDEES: "1000" });
    services.push(service);
    const roster = await service.api<{ attendees: { userId: string }[] }>("/local/roster");
    expect(roster.body.attendees).toHaveLength(1000);
    const last = roster.body.attendees[999]?.userId ?? "";
    const token = await tokenOf(service, last);
    const snap = await service.api<SnapshotResponse>(meetingPath(LOCAL_MEETING_ID), { token });
    expect(snap.status).toBe(200);
    expect(snap.body.viewer).toMatchObject({ userId: last, role: "Attendee" });
    const denied = await service.send(LOCAL_MEETING_ID, token, command("startTimer"));
    expect(denied.status).toBe(403);
  });

  it("takes the people and roles of a LOCAL_ROSTER file", async () => {
    const file = path.join(dir, "roster.json");
    writeFileSync(file, JSON.stringify([{ userId: "lead-1", name: "Lea Lead", role: "Organizer" }, { userId: "guest-1", name: "Gus Guest", role: "Attendee", locale: "sv-SE" }]));
    const service = await startService({ LOCAL_ROSTER: file });
    services.push(service);
    const roster = await service.api<{ attendees: { userId: string; role: string }[] }>("/local/roster");
    expect(roster.body.attendees.map((a) => [a.userId, a.role])).toEqual([
      ["lead-1", "Organizer"],
      ["guest-1", "Attendee"],
    ]);
    const lead = await tokenOf(service, "lead-1");
    const snap = await service.api<SnapshotResponse>(meetingPath(LOCAL_MEETING_ID), { token: lead });
    expect(snap.body.viewer.role).toBe("Organizer");
    const sectionId = snap.body.meeting.sections[0]?.id;
    expect((await service.send(LOCAL_MEETING_ID, lead, command("renameSection", { sectionId, title: "Lea's agenda" }))).status).toBe(200);
    expect((await service.api("/local/token", { body: { userId: LOCAL_ATTENDEES[0]?.userId } })).status).toBe(400);
  });
});
