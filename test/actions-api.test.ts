/** The panel's actions API over real HTTP on real Azurite: who may do what, owners from the meeting's people, bad input refused with nothing changed, live updates, and SIR decisions' follow-up drafts becoming actions once. */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SirStore } from "../bot/src/storage/sir-store.js";
import { addDays, dayIn } from "../shared/src/actions/dates.js";
import type { Action } from "../shared/src/actions/model.js";
import { SirCommand } from "../shared/src/sir/commands.js";
import type { ActionCommandResponse, ActionListResponse } from "../shared/src/wire/actions-protocol.js";
import type { SirCommandResponse } from "../shared/src/wire/sir-protocol.js";
import { ATTENDEE, meetingPath, ORGANIZER, PRESENTER, startService, TENANT, type ErrorBody, type Service } from "./helpers/service.js";

const KARI = "00000000-0000-4000-8000-00000000b004";
let service: Service;
beforeAll(async () => {
  service = await startService();
});
afterAll(async () => {
  await service?.close();
});

const today = () => dayIn(Date.now(), "Europe/Oslo");
const cmd = (type: string, extra: Record<string, unknown>) => ({ id: randomUUID(), type, ...extra });
const createCmd = (extra: Record<string, unknown> = {}) =>
  cmd("createAction", { fields: { title: "Call the carrier", owners: [ATTENDEE], due: addDays(today(), 7), subtasks: ["Get a quote"], source: null, ...extra } });

async function send<T>(meetingId: string, userId: string, command: Record<string, unknown>) {
  return service.api<T>(meetingPath(meetingId, "/actions/commands"), { token: await service.tokenFor(userId), body: { command } });
}
async function list(meetingId: string, userId = ATTENDEE): Promise<ActionListResponse> {
  const res = await service.api<ActionListResponse>(meetingPath(meetingId, "/actions"), { token: await service.tokenFor(userId) });
  expect(res.status).toBe(200);
  return res.body;
}
async function created(meetingId: string, userId: string, extra: Record<string, unknown> = {}): Promise<Action> {
  const res = await send<ActionCommandResponse>(meetingId, userId, createCmd(extra));
  expect(res.status).toBe(200);
  return res.body.action;
}

describe("actions of a meeting's series", () => {
  it("an attendee adds an action for two of the meeting's people; everyone sees it with the names Teams knows, and the people to pick from", async () => {
    const meetingId = service.meeting();
    const a = await created(meetingId, ATTENDEE, { owners: [ATTENDEE, KARI] });
    expect(a.owners).toEqual([
      { userId: ATTENDEE, name: "Alex Attendee" },
      { userId: KARI, name: "Kari Attendee" },
    ]);
    const seen = await list(meetingId, ORGANIZER);
    expect(seen.actions.map((x) => x.title)).toEqual(["Call the carrier"]);
    expect(seen.timeZone).toBe("Europe/Oslo");
    expect(seen.today).toBe(today());
    expect(seen.people.map((p) => p.userId).sort()).toEqual([ORGANIZER, PRESENTER, ATTENDEE, KARI].sort());
  });

  it("an owner marks it done; another attendee may not, and nothing changes; a lead sets a new due date and deletes", async () => {
    const meetingId = service.meeting();
    const a = await created(meetingId, ORGANIZER, { owners: [KARI] });
    const refused = await send<ErrorBody>(meetingId, ATTENDEE, cmd("setActionStatus", { actionId: a.id, status: "done" }));
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe("notOwner");
    expect((await list(meetingId)).actions[0]).toEqual(a);

    const done = await send<ActionCommandResponse>(meetingId, KARI, cmd("setActionStatus", { actionId: a.id, status: "done" }));
    expect(done.status).toBe(200);
    expect(done.body.action).toMatchObject({ status: "done", version: 2 });
    const moved = await send<ActionCommandResponse>(meetingId, PRESENTER, cmd("setActionDue", { actionId: a.id, due: addDays(today(), 14) }));
    expect(moved.body.action.due).toBe(addDays(today(), 14));

    expect((await send<ErrorBody>(meetingId, KARI, cmd("deleteAction", { actionId: a.id }))).status).toBe(403);
    expect((await send(meetingId, ORGANIZER, cmd("deleteAction", { actionId: a.id }))).status).toBe(200);
    expect((await list(meetingId)).actions).toEqual([]);
  });

  it("a retried command (same id) is applied once", async () => {
    const meetingId = service.meeting();
    const c = createCmd();
    const [r1, r2] = await Promise.all([send<ActionCommandResponse>(meetingId, ATTENDEE, c), send<ActionCommandResponse>(meetingId, ATTENDEE, c)]);
    expect(r1.body.action.id).toBe(r2.body.action.id);
    expect((await list(meetingId)).actions).toHaveLength(1);
  });

  it.each([
    ["an owner who is not one of the meeting's people", () => createCmd({ owners: ["00000000-0000-4000-8000-0000000000ff"] }), 400, "unknownOwner"],
    ["a due date in the past", () => createCmd({ due: addDays(today(), -1) }), 400, "dueInPast"],
    ["a due date years ahead", () => createCmd({ due: addDays(today(), 800) }), 400, "dueTooFar"],
    ["owner names typed in (not ids)", () => createCmd({ owners: [{ userId: ATTENDEE, name: "Boss" }] }), 400, "invalidCommand"],
    ["a title too long", () => createCmd({ title: "x".repeat(201) }), 400, "invalidCommand"],
    ["too many subtasks", () => createCmd({ subtasks: Array.from({ length: 21 }, (_, i) => `s${i}`) }), 400, "invalidCommand"],
    ["an unknown property", () => ({ ...createCmd(), extra: true }), 400, "invalidCommand"],
  ])("%s is refused and nothing is stored", async (_name, make, status, code) => {
    const meetingId = service.meeting();
    const res = await send<ErrorBody>(meetingId, ATTENDEE, make());
    expect(res.status).toBe(status);
    expect(res.body.error.code).toBe(code);
    expect(res.body.error.message.length).toBeGreaterThan(10);
    expect((await list(meetingId)).actions).toEqual([]);
  });

  it("without a token: 401; someone outside the meeting: 403; neither can read or change anything", async () => {
    const meetingId = service.meeting();
    expect((await service.api(meetingPath(meetingId, "/actions"))).status).toBe(401);
    expect((await service.api(meetingPath(meetingId, "/actions/commands"), { body: { command: createCmd() } })).status).toBe(401);
    const outsider = "00000000-0000-4000-8000-0000000000ee";
    expect((await service.api(meetingPath(meetingId, "/actions"), { token: await service.tokenFor(outsider) })).status).toBe(403);
    expect((await send<ErrorBody>(meetingId, outsider, createCmd())).status).toBe(403);
    expect((await list(meetingId)).actions).toEqual([]);
  });

  it("every open panel of the series gets a change as it happens", async () => {
    const meetingId = service.meeting();
    const stream = await service.openStream(meetingId, await service.tokenFor(KARI));
    expect((await stream.nextMessage()).type).toBe("hello");
    const a = await created(meetingId, ATTENDEE);
    let message = await stream.nextMessage();
    while (message.type !== "action") message = await stream.nextMessage();
    expect(message.action).toMatchObject({ id: a.id, title: "Call the carrier", version: 1 });
  });
});

describe("SIR decisions' follow-up drafts", () => {
  const fields = (title: string) => ({ kind: "issue", title, problem: "p", proposals: ["a", "b"], recommendation: "a", concerns: "", meetingId: null });

  it("a decision recorded with a follow-up action makes it an action at once (live), linked to the item; recording it again creates nothing twice", async () => {
    const meetingId = service.meeting();
    const stream = await service.openStream(meetingId, await service.tokenFor(ATTENDEE));
    expect((await stream.nextMessage()).type).toBe("hello");
    const item = (await service.api<SirCommandResponse>(meetingPath(meetingId, "/sir/commands"), { token: await service.tokenFor(ATTENDEE), body: { command: cmd("createSir", { fields: fields("Carrier late") }) } })).body.item;
    const decide = async (text: string) =>
      service.api(meetingPath(meetingId, "/sir/commands"), {
        token: await service.tokenFor(ORGANIZER),
        body: { command: cmd("recordDecision", { itemId: item.id, meetingId, text, actions: [{ title: "Switch carrier", owner: { userId: KARI, name: "Kari Attendee" }, due: addDays(today(), 10) }] }) },
      });
    expect((await decide("Switch")).status).toBe(200);
    let message = await stream.nextMessage();
    while (message.type !== "action") message = await stream.nextMessage();
    expect(message.action).toMatchObject({ title: "Switch carrier", owners: [{ userId: KARI }], source: { kind: "sir", itemId: item.id } });
    expect((await decide("Switch carrier from February")).status).toBe(200);
    const all = await list(meetingId);
    expect(all.actions.map((a) => a.title)).toEqual(["Switch carrier"]);
  });

  it("drafts stored before actions existed become actions when the series is read, once, however often it is read", async () => {
    const meetingId = service.meeting();
    const seriesId = service.connector.chatOf(meetingId);
    // Another SIR store on the same table: nobody listens to it, as with decisions stored by an older version.
    const old = new SirStore(service.app.tables.sir);
    const lead = { person: { userId: ORGANIZER, name: "Ingrid Organizer" }, canHandle: true };
    const made = await old.execute(TENANT, seriesId, SirCommand.parse(cmd("createSir", { fields: fields("Old decision") })), lead);
    if (!made.ok) throw new Error(made.error.message);
    const drafts = [
      { title: "Write the report", owner: null, due: "2020-01-10" },
      { title: "Write the report", owner: { userId: KARI, name: "Kari Attendee" }, due: null },
    ];
    const decided = await old.execute(TENANT, seriesId, SirCommand.parse(cmd("recordDecision", { itemId: made.item.id, meetingId, text: "Report", actions: drafts })), lead);
    expect(decided.ok).toBe(true);
    const [first, second] = await Promise.all([list(meetingId), list(meetingId, KARI)]);
    const third = await list(meetingId);
    for (const body of [first, second, third]) {
      // Overdue first; the draft without owner went to whoever decided.
      expect(body.actions.map((a) => [a.title, a.owners.map((o) => o.userId), a.due])).toEqual([
        ["Write the report", [ORGANIZER], "2020-01-10"],
        ["Write the report", [KARI], null],
      ]);
    }
  });
});
