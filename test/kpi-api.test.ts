/** The panel's KPI API over real HTTP on real Azurite: a lead sets up the board, owners enter values, other panels hear it live, bad input changes nothing, CSV goes out and comes back in. */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Metric } from "../shared/src/kpi/model.js";
import { addWeeks } from "../shared/src/kpi/week.js";
import type { KpiBoardResponse, KpiCommandResponse, KpiImportResponse } from "../shared/src/wire/kpi-protocol.js";
import { LOCAL_ATTENDEES } from "../bot/src/local/roster.js";
import { ATTENDEE, meetingPath, ORGANIZER, PRESENTER, startService, type ErrorBody, type Service } from "./helpers/service.js";

let service: Service;
beforeAll(async () => {
  service = await startService();
});
afterAll(async () => {
  await service?.close();
});

const cmd = (type: string, extra: Record<string, unknown>) => ({ id: `cmd-${randomUUID()}`, type, ...extra });
const person = (userId: string, name: string) => ({ userId, name });

async function kpi<T>(meetingId: string, userId: string, command: Record<string, unknown>) {
  return service.api<T>(meetingPath(meetingId, "/kpi/commands"), { token: await service.tokenFor(userId), body: { command } });
}
async function board(meetingId: string, userId = ATTENDEE): Promise<KpiBoardResponse> {
  const res = await service.api<KpiBoardResponse>(meetingPath(meetingId, "/kpi"), { token: await service.tokenFor(userId) });
  expect(res.status).toBe(200);
  return res.body;
}
async function createKpi(meetingId: string, name: string, owner: { userId: string; name: string } | null, extra: Record<string, unknown> = {}): Promise<Metric> {
  const fields = { kind: "kpi", objectiveId: null, name, unit: "%", direction: "higher", target: 95, targetMax: null, start: null, tolerancePct: 10, owner, ...extra };
  const res = await kpi<KpiCommandResponse>(meetingId, ORGANIZER, cmd("createMetric", { fields }));
  expect(res.status).toBe(200);
  if (res.body.change.kind !== "metric") throw new Error("expected a metric");
  return res.body.change.metric;
}

describe("the KPI board over HTTP", () => {
  it("a lead sets up a KPI for an attendee; the owner enters this week's value and every panel sees it", async () => {
    const meetingId = service.meeting();
    const { currentWeek, people } = await board(meetingId, ATTENDEE);
    // Owners to pick from: the meeting chat's members as Teams lists them (here the local roster), and whoever opened the board.
    expect(people.map((p) => p.userId).sort()).toEqual(LOCAL_ATTENDEES.map((a) => a.userId).sort());
    const me = people.find((p) => p.userId === ATTENDEE);
    expect(me).toBeDefined();
    const m = await createKpi(meetingId, "Leveringspresisjon", me ?? null);
    const res = await kpi<KpiCommandResponse>(meetingId, ATTENDEE, cmd("recordValue", { metricId: m.id, week: currentWeek, value: 96.5 }));
    expect(res.status).toBe(200);
    const seen = await board(meetingId, PRESENTER);
    expect(seen.metrics.map((x) => x.name)).toEqual(["Leveringspresisjon"]);
    expect(seen.values).toMatchObject([{ metricId: m.id, week: currentWeek, value: 96.5 }]);
  });

  it("an attendee cannot set up the board nor enter someone else's value; nothing changes", async () => {
    const meetingId = service.meeting();
    const m = await createKpi(meetingId, "Churn", person(PRESENTER, "Per"));
    const { currentWeek } = await board(meetingId);
    const setUp = await kpi<ErrorBody>(meetingId, ATTENDEE, cmd("archiveMetric", { metricId: m.id, archived: true }));
    expect(setUp.status).toBe(403);
    const notMine = await kpi<ErrorBody>(meetingId, ATTENDEE, cmd("recordValue", { metricId: m.id, week: currentWeek, value: 3 }));
    expect(notMine.status).toBe(403);
    expect(notMine.body.error.code).toBe("notOwner");
    const after = await board(meetingId);
    expect(after.values).toEqual([]);
    expect(after.metrics[0]?.archived).toBe(false);
  });

  it("bad values are refused with a reason and change nothing", async () => {
    const meetingId = service.meeting();
    const m = await createKpi(meetingId, "Svartid", person(ORGANIZER, "Ingrid"));
    const { currentWeek } = await board(meetingId);
    for (const [value, week] of [["12", currentWeek], [1e13, currentWeek], [null, currentWeek], [5, "2026-W99"]] as const) {
      const res = await kpi<ErrorBody>(meetingId, ORGANIZER, cmd("recordValue", { metricId: m.id, week, value }));
      expect(res.status).toBe(400);
      expect(res.body.error.issues?.join(" ")).toMatch(/value|week/);
    }
    const future = await kpi<ErrorBody>(meetingId, ORGANIZER, cmd("recordValue", { metricId: m.id, week: addWeeks(currentWeek, 1), value: 5 }));
    expect(future.status).toBe(409);
    expect(future.body.error.code).toBe("futureWeek");
    const unknown = await kpi<ErrorBody>(meetingId, ORGANIZER, cmd("recordValue", { metricId: "kpi-doesnotexist", week: currentWeek, value: 5 }));
    expect(unknown.status).toBe(404);
    expect((await board(meetingId)).values).toEqual([]);
  });

  it("a value entered in one panel reaches the other panels' streams as it happens", async () => {
    const meetingId = service.meeting();
    const m = await createKpi(meetingId, "NPS", person(ATTENDEE, "Aksel"));
    const { currentWeek } = await board(meetingId);
    const stream = await service.openStream(meetingId, await service.tokenFor(PRESENTER));
    expect((await stream.nextMessage()).type).toBe("hello");
    expect((await kpi(meetingId, ATTENDEE, cmd("recordValue", { metricId: m.id, week: currentWeek, value: 42 }))).status).toBe(200);
    let message = await stream.nextMessage();
    while (message.type !== "kpi") message = await stream.nextMessage();
    expect(message.event).toMatchObject({ type: "change", change: { kind: "value", value: { metricId: m.id, value: 42, week: currentWeek } } });
  });

  it("exports the board as CSV and imports it into another team's board, all or nothing", async () => {
    const from = service.meeting();
    const { currentWeek, people } = await board(from, ORGANIZER);
    const lead = people.find((p) => p.userId === ORGANIZER) ?? null;
    const m = await createKpi(from, "Omsetning, Oslo", lead, { unit: "NOK" });
    await kpi(from, ORGANIZER, cmd("recordValue", { metricId: m.id, week: addWeeks(currentWeek, -1), value: 1200.5 }));
    await kpi(from, ORGANIZER, cmd("recordValue", { metricId: m.id, week: currentWeek, value: 1300 }));
    const exported = await service.api<string>(meetingPath(from, "/kpi/export.csv"), { token: await service.tokenFor(ATTENDEE) });
    expect(exported.status).toBe(200);
    expect(exported.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(exported.body).toContain('"Omsetning, Oslo"');

    const to = service.meeting({}, `okr-${randomUUID()}==`);
    // The owner must be someone the target board knows: the lead opens it once.
    await board(to, ORGANIZER);
    const token = await service.tokenFor(ORGANIZER);
    const dry = await service.api<KpiImportResponse>(meetingPath(to, "/kpi/import?dryRun=1"), { token, body: exported.body, contentType: "text/csv" });
    expect(dry.body).toEqual({ applied: false, summary: { objectivesCreated: 0, objectivesUpdated: 0, metricsCreated: 1, metricsUpdated: 0, valuesWritten: 2 } });
    expect((await board(to)).metrics).toEqual([]);

    const imported = await service.api<KpiImportResponse>(meetingPath(to, "/kpi/import"), { token, body: exported.body, contentType: "text/csv" });
    expect(imported.status).toBe(200);
    const after = await board(to);
    expect(after.metrics.map((x) => [x.name, x.unit, x.owner?.userId])).toEqual([["Omsetning, Oslo", "NOK", ORGANIZER]]);
    expect(after.values.map((v) => v.value).sort((a, b) => a - b)).toEqual([1200.5, 1300]);

    // A file with one bad row imports nothing and names the line.
    const bad = `${exported.body.trimEnd()}\r\nkpi,Ny KPI,,,%,higher,abc,,,,,,\r\n`;
    const refused = await service.api<ErrorBody>(meetingPath(to, "/kpi/import"), { token, body: bad, contentType: "text/csv" });
    expect(refused.status).toBe(422);
    expect(refused.body.error.issues?.[0]).toMatch(/^Line 3/);
    // In the lead's language when the panel names it.
    const norsk = await service.api<ErrorBody>(meetingPath(to, "/kpi/import?locale=nb-NO"), { token, body: bad, contentType: "text/csv" });
    expect(norsk.body.error.issues).toEqual(["Linje 3: «target» må være et tall, for eksempel 93.5, ikke «abc»."]);
    expect((await board(to)).metrics).toHaveLength(1);

    const attendee = await service.api<ErrorBody>(meetingPath(to, "/kpi/import"), { token: await service.tokenFor(ATTENDEE), body: exported.body, contentType: "text/csv" });
    expect(attendee.status).toBe(403);
  });
});
