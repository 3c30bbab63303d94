/**
 * @module The summary API over real HTTP on real Azurite: a meeting run through the API (agenda, a KPI off track, a SIR
 * decision with its action, an item carried over) comes back as the preview card and the record, and as Markdown and
 * JSON downloads; who may read it, and clear 4xx answers for bad input.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOCAL_ATTENDEES } from "../bot/src/local/roster.js";
import { cardBytes } from "../shared/src/cards/card-types.js";
import type { KpiBoardResponse, KpiCommandResponse } from "../shared/src/wire/kpi-protocol.js";
import type { SirCommandResponse } from "../shared/src/wire/sir-protocol.js";
import { RECORD_FORMAT, RECORD_VERSION, type MeetingRecord } from "../shared/src/summary/record.js";
import type { SummaryResponse } from "../shared/src/summary/wire.js";
import { ATTENDEE, command, meetingPath, ORGANIZER, PRESENTER, startService, type ErrorBody, type Service } from "./helpers/service.js";

let service: Service;
beforeAll(async () => {
  service = await startService();
});
afterAll(async () => {
  await service?.close();
});

const OUTSIDER = "00000000-0000-4000-8000-0000000000ff";
/** A KPI command as the panel sends it, with a fresh client-made id. */
const kpiCommand = (type: string, extra: Record<string, unknown>) => ({ id: `cmd-${randomUUID()}`, type, ...extra });
const HOSTILE_TITLE = "**Frist** [klikk](https://evil.example) <b>x</b> ${x}";

async function as<T>(userId: string, path: string, body?: unknown) {
  return service.api<T>(path, { token: await service.tokenFor(userId), ...(body === undefined ? {} : { body }) });
}

/** Runs a short meeting: started, a KPI off track, a decision with an action, one item left open, ended. */
async function runMeeting(): Promise<string> {
  const meetingId = service.meeting();
  const board = await as<KpiBoardResponse>(ATTENDEE, meetingPath(meetingId, "/kpi"));
  const me = board.body.people.find((p) => p.userId === ATTENDEE) ?? null;
  const fields = { kind: "kpi", objectiveId: null, name: "Leveringspresisjon", unit: "%", direction: "higher", target: 95, targetMax: null, start: null, tolerancePct: 10, owner: me };
  const metric = await as<KpiCommandResponse>(ORGANIZER, meetingPath(meetingId, "/kpi/commands"), { command: kpiCommand("createMetric", { fields }) });
  expect(metric.status).toBe(200);
  const metricId = metric.body.change.kind === "metric" ? metric.body.change.metric.id : "";
  expect((await as(ATTENDEE, meetingPath(meetingId, "/kpi/commands"), { command: kpiCommand("recordValue", { metricId, week: board.body.currentWeek, value: 70 }) })).status).toBe(200);

  expect((await as(ORGANIZER, meetingPath(meetingId, "/commands"), { command: command("startMeeting") })).status).toBe(200);
  const sir = (title: string) => ({ command: { id: randomUUID(), type: "createSir", fields: { kind: "issue", title, problem: "Sent", proposals: ["A", "B"], recommendation: "A", concerns: "", meetingId: null } } });
  const decided = await as<SirCommandResponse>(ATTENDEE, meetingPath(meetingId, "/sir/commands"), sir(HOSTILE_TITLE));
  const open = await as<SirCommandResponse>(ATTENDEE, meetingPath(meetingId, "/sir/commands"), sir("Budsjett 2027"));
  expect([decided.status, open.status]).toEqual([200, 200]);
  const decision = {
    command: { id: randomUUID(), type: "recordDecision", itemId: decided.body.item.id, meetingId, text: "Bytte transportør", actions: [{ title: "Tre tilbud", owner: { userId: ATTENDEE, name: "Alex" }, due: "2026-12-14" }] },
  };
  expect((await as(ORGANIZER, meetingPath(meetingId, "/sir/commands"), decision)).status).toBe(200);
  expect((await as(ORGANIZER, meetingPath(meetingId, "/sir/commands"), { command: { id: randomUUID(), type: "resolveSir", itemId: decided.body.item.id } })).status).toBe(200);
  expect((await as(PRESENTER, meetingPath(meetingId, "/commands"), { command: command("endMeeting") })).status).toBe(200);
  return meetingId;
}

describe("the summary preview", () => {
  let meetingId: string;
  let preview: SummaryResponse;
  beforeAll(async () => {
    meetingId = await runMeeting();
    const res = await as<SummaryResponse>(ATTENDEE, `${meetingPath(meetingId, "/summary")}?lang=nb`);
    expect(res.status).toBe(200);
    preview = res.body;
  });

  it("an attendee sees the record: attendees, time per section, the KPI off track, the decision with its action, what carries over", () => {
    const r = preview.record;
    expect(r.meeting).toMatchObject({ meetingId, phase: "ended" });
    expect(r.attendees.map((p) => p.userId).sort()).toEqual(LOCAL_ATTENDEES.map((a) => a.userId).sort());
    expect(r.sections.map((s) => s.id)).toEqual(["goodNews", "kpis", "salesFunnel", "sir", "actions", "priorities"]);
    expect(r.kpis.counts).toEqual({ offTrack: 1, atRisk: 0, onTrack: 0, noData: 0 });
    expect(r.kpis.items[0]).toMatchObject({ name: "Leveringspresisjon", value: 70, status: "offTrack" });
    expect(r.sir.decisions).toHaveLength(1);
    expect(r.sir.decisions[0]).toMatchObject({ title: HOSTILE_TITLE, text: "Bytte transportør", status: "resolved", actions: [{ title: "Tre tilbud", due: "2026-12-14" }] });
    expect(r.sir.carriedOver.map((c) => c.title)).toEqual(["Budsjett 2027"]);
  });

  it("the card is Adaptive Card 1.5 in the asked language, under the size limit, with user text escaped", () => {
    expect(preview.locale).toBe("nb");
    expect(preview.card.version).toBe("1.5");
    expect(preview.cardBytes).toBe(cardBytes(preview.card));
    expect(preview.cardBytes).toBeLessThanOrEqual(preview.cardMaxBytes);
    const json = JSON.stringify(preview.card);
    expect(json).toContain("Beslutninger (SIR)");
    expect(json).toContain("Leveringspresisjon");
    expect(json).toContain(JSON.stringify("\\*\\*Frist\\*\\* \\[klikk\\](https://evil.example) \\<b>x\\</b> $\\{x\\}").slice(1, -1));
    expect(json).not.toContain("[klikk](");
  });

  it("the Markdown download: an attachment named by the meeting's day, with every fact and the hostile title escaped", async () => {
    const res = await as<string>(ORGANIZER, `${meetingPath(meetingId, "/record")}?format=md&lang=en`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/markdown; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="okr-meeting-${preview.record.meeting.date}.md"`);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.body).toContain("## Decisions \\(SIR\\)");
    expect(res.body).toContain("Bytte transportør");
    expect(res.body).toContain("\\*\\*Frist\\*\\* \\[klikk\\]\\(https\\:\\/\\/evil\\.example\\)");
    expect(res.body).not.toContain("[klikk](");
    expect(res.body).toContain("Budsjett 2027");
  });

  it("the JSON download: the documented format, the same record as the preview", async () => {
    const res = await as<MeetingRecord & { format: string; version: number }>(ATTENDEE, `${meetingPath(meetingId, "/record")}?format=json`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="okr-meeting-${preview.record.meeting.date}.json"`);
    const { format, version, generatedAt: _g, ...rest } = res.body;
    expect([format, version]).toEqual([RECORD_FORMAT, RECORD_VERSION]);
    const { generatedAt: _p, ...previewRest } = preview.record;
    expect(rest).toEqual(previewRest);
  });
});

describe("who may read the summary, and bad input", () => {
  it("no token: 401 on both", async () => {
    const meetingId = service.meeting();
    expect((await service.api(meetingPath(meetingId, "/summary"))).status).toBe(401);
    expect((await service.api(`${meetingPath(meetingId, "/record")}?format=md`)).status).toBe(401);
  });

  it("someone who is not a participant: 403 on both, and nothing is said about the meeting", async () => {
    const meetingId = service.meeting();
    for (const path of [meetingPath(meetingId, "/summary"), `${meetingPath(meetingId, "/record")}?format=json`]) {
      const res = await as<ErrorBody>(OUTSIDER, path);
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe("notParticipant");
    }
  });

  it.each([
    ["no format", "", "badFormat"],
    ["an unknown format", "?format=pdf", "badFormat"],
    ["an unknown language", "?format=md&lang=de", "badLang"],
  ])("%s: 400 with a message saying what to send", async (_what, query, code) => {
    const res = await as<ErrorBody>(ATTENDEE, `${meetingPath(service.meeting(), "/record")}${query}`);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe(code);
    expect(res.body.error.message).toMatch(/md|json|nb/);
  });

  it("a bad language on the preview, a meeting id that is not one: 400", async () => {
    expect((await as<ErrorBody>(ATTENDEE, `${meetingPath(service.meeting(), "/summary")}?lang=xx`)).body.error.code).toBe("badLang");
    const bad = await as<ErrorBody>(ATTENDEE, "/api/meetings/has%20space/summary");
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("badMeetingId");
  });

  it("a meeting that has not started: a preview all the same, saying so", async () => {
    const res = await as<SummaryResponse>(ATTENDEE, meetingPath(service.meeting(), "/summary"));
    expect(res.status).toBe(200);
    expect(res.body.record.meeting.phase).toBe("notStarted");
    expect(JSON.stringify(res.body.card)).toContain("Preview – the meeting has not ended yet.");
  });
});
