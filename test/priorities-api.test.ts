/** The priorities round over real HTTP on real Azurite: a member saves their own entry, cannot touch another's (403, nothing changed), a lead can; pre-fill from last week with carry-over; an idempotent retry; the walk live on every attendee's stream. */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PriorityStore } from "../bot/src/storage/priority-store.js";
import { addWeeks, isoWeekAt } from "../shared/src/kpi/week.js";
import type { PriorityCommandResponse, PriorityRoundResponse } from "../shared/src/wire/priorities-protocol.js";
import { ATTENDEE, meetingPath, ORGANIZER, PRESENTER, startService, TENANT, type ErrorBody, type Service } from "./helpers/service.js";

const KARI = "00000000-0000-4000-8000-00000000b004";
let service: Service;
beforeAll(async () => {
  service = await startService();
});
afterAll(async () => {
  await service?.close();
});

const week = () => isoWeekAt(Date.now(), "Europe/Oslo");
const fields = (text = "Tilbud til Nordic AS") => ({ lastWeek: [], nextWeek: [{ text, why: "Største kunde" }], learned: "Spør tidlig", change: "Delegere mer" });
const saveCmd = (memberId: string, extra: Record<string, unknown> = {}) => ({ id: randomUUID(), type: "savePriorities", week: week(), memberId, fields: fields(), ...extra });

async function send<T>(meetingId: string, userId: string, command: Record<string, unknown>) {
  return service.api<T>(meetingPath(meetingId, "/priorities/commands"), { token: await service.tokenFor(userId), body: { command } });
}
async function round(meetingId: string, userId = ATTENDEE): Promise<PriorityRoundResponse> {
  const res = await service.api<PriorityRoundResponse>(meetingPath(meetingId, "/priorities"), { token: await service.tokenFor(userId) });
  expect(res.status).toBe(200);
  return res.body;
}
const memberOf = (r: PriorityRoundResponse, userId: string) => r.members.find((m) => m.member.userId === userId);

describe("the priorities round of a meeting's series", () => {
  it("lists the meeting's people with who has prepared; a member saves their own entry and everyone sees it", async () => {
    const meetingId = service.meeting();
    const before = await round(meetingId);
    expect(before.week).toBe(week());
    expect(before.members.map((m) => m.member.userId).sort()).toEqual([ORGANIZER, PRESENTER, ATTENDEE, KARI].sort());
    expect(before.members.every((m) => !m.prepared)).toBe(true);

    const saved = await send<PriorityCommandResponse>(meetingId, ATTENDEE, saveCmd(ATTENDEE));
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ kind: "entry", changed: true, entry: { version: 1, member: { userId: ATTENDEE, name: "Alex Attendee" } } });
    const after = await round(meetingId, ORGANIZER);
    expect(memberOf(after, ATTENDEE)).toMatchObject({ prepared: true, entry: { nextWeek: [{ text: "Tilbud til Nordic AS", why: "Største kunde" }] } });
    expect(memberOf(after, KARI)?.prepared).toBe(false);
  });

  it("a member cannot edit another member's entry: 403 and nothing changed; a lead can", async () => {
    const meetingId = service.meeting();
    await send(meetingId, KARI, saveCmd(KARI));
    const stored = memberOf(await round(meetingId), KARI)?.entry;
    const refused = await send<ErrorBody>(meetingId, ATTENDEE, { ...saveCmd(KARI), fields: fields("Overwritten") });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe("notYours");
    expect(memberOf(await round(meetingId), KARI)?.entry).toEqual(stored);

    const byLead = await send<PriorityCommandResponse>(meetingId, PRESENTER, { ...saveCmd(KARI), fields: fields("Budsjett 2027") });
    expect(byLead.status).toBe(200);
    expect(byLead.body.kind === "entry" && byLead.body.entry).toMatchObject({ version: 2, member: { userId: KARI }, updatedBy: { userId: PRESENTER }, nextWeek: [{ text: "Budsjett 2027" }] });
  });

  it("a retried command (same id) is applied once, even sent twice at the same time", async () => {
    const meetingId = service.meeting();
    const c = saveCmd(ATTENDEE);
    const [r1, r2] = await Promise.all([send<PriorityCommandResponse>(meetingId, ATTENDEE, c), send<PriorityCommandResponse>(meetingId, ATTENDEE, c)]);
    expect([r1.status, r2.status]).toEqual([200, 200]);
    const later = await send<PriorityCommandResponse>(meetingId, ATTENDEE, c);
    expect(later.body).toMatchObject({ changed: false, entry: { version: 1 } });
    expect(memberOf(await round(meetingId), ATTENDEE)?.entry?.version).toBe(1);
  });

  it("bad input is refused with a code and nothing changes: too many priorities, a stale copy, last week's form, an attendee walking the round", async () => {
    const meetingId = service.meeting();
    const six = Array.from({ length: 6 }, (_, i) => ({ text: `P${i}`, why: "" }));
    const tooMany = await send<ErrorBody>(meetingId, ATTENDEE, saveCmd(ATTENDEE, { fields: { ...fields(), nextWeek: six } }));
    expect([tooMany.status, tooMany.body.error.code]).toEqual([400, "invalidCommand"]);
    await send(meetingId, ATTENDEE, saveCmd(ATTENDEE));
    const stale = await send<ErrorBody>(meetingId, ATTENDEE, saveCmd(ATTENDEE, { expectedVersion: 0, fields: fields("Other") }));
    expect([stale.status, stale.body.error.code]).toEqual([409, "stale"]);
    const old = await send<ErrorBody>(meetingId, ATTENDEE, saveCmd(ATTENDEE, { week: addWeeks(week(), -1), fields: fields("Other") }));
    expect([old.status, old.body.error.code]).toEqual([409, "weekChanged"]);
    const walk = await send<ErrorBody>(meetingId, ATTENDEE, { id: randomUUID(), type: "setPrioritySpeaker", week: week(), memberId: ATTENDEE });
    expect([walk.status, walk.body.error.code]).toEqual([403, "forbidden"]);
    const r = await round(meetingId);
    expect(memberOf(r, ATTENDEE)?.entry).toMatchObject({ version: 1, nextWeek: [{ text: "Tilbud til Nordic AS" }] });
    expect(r.round).toBeNull();
    expect((await service.api(meetingPath(meetingId, "/priorities"))).status).toBe(401);
  });

  it("last week's plan is pre-filled as this week's 'last week', with a not-done priority carried over once", async () => {
    const meetingId = service.meeting();
    const { seriesId, members } = await round(meetingId);
    const lastWeekMs = Date.now() - 7 * 86_400_000;
    const past = new PriorityStore(service.app.tables.meetings, () => lastWeekMs);
    const kari = members.find((m) => m.member.userId === KARI)?.member;
    if (!kari) throw new Error("Kari is on the roster");
    const stored = await past.execute(
      { tenantId: TENANT, seriesId, week: isoWeekAt(lastWeekMs, "Europe/Oslo"), members: [kari] },
      { id: randomUUID(), type: "savePriorities", week: isoWeekAt(lastWeekMs, "Europe/Oslo"), memberId: KARI, fields: { lastWeek: [{ text: "Budsjett", result: "", mark: "notDone" }], nextWeek: [{ text: "Tre tilbud", why: "" }, { text: "budsjett", why: "" }], learned: "", change: "" } },
      { person: kari, isLead: false },
    );
    expect(stored.ok).toBe(true);
    const draft = memberOf(await round(meetingId, KARI), KARI)?.draft;
    expect(draft).toMatchObject({ version: 0, prefilledFrom: isoWeekAt(lastWeekMs, "Europe/Oslo") });
    expect(draft?.lastWeek.map((p) => [p.text, p.mark])).toEqual([["Tre tilbud", null], ["budsjett", null]]);
  });

  it("the lead walks member by member; every attendee's stream gets the move", async () => {
    const meetingId = service.meeting();
    const stream = await service.openStream(meetingId, await service.tokenFor(ATTENDEE));
    expect((await stream.nextMessage()).type).toBe("hello");
    const moved = await send<PriorityCommandResponse>(meetingId, ORGANIZER, { id: randomUUID(), type: "setPrioritySpeaker", week: week(), memberId: KARI });
    expect(moved.status).toBe(200);
    let message = await stream.nextMessage();
    while (message.type !== "priority") message = await stream.nextMessage();
    expect(message.event).toMatchObject({ kind: "round", round: { speakerId: KARI, version: 1 } });
    expect((await round(meetingId)).round).toMatchObject({ speakerId: KARI });
    stream.close();
  });
});
