/**
 * @module The summary lists the series' real actions (the action store), over real HTTP on real Azurite: an action made
 * in the meeting and a SIR decision's follow-up draft (made an action by the service) are "new" with their owners and
 * due dates, listed once (not again under the decision); in the next occurrence of the series they carry over, and
 * one marked done between the meetings is "done" there. The Markdown and JSON exports say the same.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, dayIn } from "../shared/src/actions/dates.js";
import type { RecordAction } from "../shared/src/summary/record.js";
import type { SummaryResponse } from "../shared/src/summary/wire.js";
import type { SirCommandResponse } from "../shared/src/wire/sir-protocol.js";
import { ATTENDEE, command, meetingPath, ORGANIZER, startService, cardText, type Service } from "./helpers/service.js";

let service: Service;
beforeAll(async () => {
  service = await startService();
});
afterAll(async () => {
  await service?.close();
});

const due = addDays(dayIn(Date.now(), "Europe/Oslo"), 10);

async function as<T>(userId: string, path: string, body?: unknown) {
  return service.api<T>(path, { token: await service.tokenFor(userId), ...(body === undefined ? {} : { body }) });
}

async function summary(meetingId: string): Promise<SummaryResponse> {
  const res = await as<SummaryResponse>(ATTENDEE, `${meetingPath(meetingId, "/summary")}?lang=en`);
  expect(res.status).toBe(200);
  return res.body;
}

const brief = (actions: readonly RecordAction[] | undefined) => (actions ?? []).map((a) => ({ title: a.title, state: a.state, owners: a.owners.map((o) => o.userId), due: a.due }));

describe("the summary's actions", () => {
  let first: string;
  let actionId: string;

  beforeAll(async () => {
    first = service.meeting();
    service.connector.setChat(first, `19:series-${first}@thread.v2`);
    expect((await as(ORGANIZER, meetingPath(first, "/commands"), { command: command("startMeeting") })).status).toBe(200);
    const made = await as<{ action: { id: string } }>(ORGANIZER, meetingPath(first, "/actions/commands"), {
      command: { id: `cmd-${randomUUID()}`, type: "createAction", fields: { title: "Ring transportøren", owners: [ATTENDEE], due, subtasks: [], source: null } },
    });
    expect(made.status).toBe(200);
    actionId = made.body.action.id;
    const item = await as<SirCommandResponse>(ATTENDEE, meetingPath(first, "/sir/commands"), { command: { id: randomUUID(), type: "createSir", fields: { kind: "issue", title: "Leveranser", problem: "Sent", proposals: ["A"], recommendation: "A", concerns: "", meetingId: null } } });
    expect(item.status).toBe(200);
    const decision = { command: { id: randomUUID(), type: "recordDecision", itemId: item.body.item.id, meetingId: first, text: "Bytte transportør", actions: [{ title: "Tre tilbud", owner: { userId: ORGANIZER, name: "Ingrid" }, due }] } };
    expect((await as(ORGANIZER, meetingPath(first, "/sir/commands"), decision)).status).toBe(200);
    expect((await as(ORGANIZER, meetingPath(first, "/commands"), { command: command("endMeeting") })).status).toBe(200);
  });

  it("the meeting's new actions, the decision's draft among them, with owners and due dates; the draft is not listed twice", async () => {
    // The draft becomes an action right after the decision is stored (the service does it in the background).
    await expect.poll(async () => brief((await summary(first)).record.actions), { timeout: 15_000 }).toEqual([
      { title: "Ring transportøren", state: "new", owners: [ATTENDEE], due },
      { title: "Tre tilbud", state: "new", owners: [ORGANIZER], due },
    ]);
    const { card, record } = await summary(first);
    const text = cardText(card);
    expect(text.split("Tre tilbud").length - 1).toBe(1);
    expect(text).toContain("Ring transportøren");
    expect(text).toContain("(new)");
    expect(record.sir.decisions[0]?.actions).toEqual([{ title: "Tre tilbud", owner: { userId: ORGANIZER, name: "Ingrid" }, due }]);
  });

  it("the Markdown and JSON exports list them the same way", async () => {
    const md = await as<string>(ATTENDEE, `${meetingPath(first, "/record")}?format=md&lang=en`);
    expect(md.status).toBe(200);
    expect(md.body).toContain("## Actions");
    expect(md.body).toContain(`- Ring transportøren – Alex`);
    expect(md.body).not.toContain("→ Tre tilbud");
    const json = await as<{ actions: RecordAction[] }>(ATTENDEE, `${meetingPath(first, "/record")}?format=json`);
    expect(brief(json.body.actions).map((a) => [a.title, a.state])).toEqual([
      ["Ring transportøren", "new"],
      ["Tre tilbud", "new"],
    ]);
  });

  it("next week's meeting: one done between the meetings is done there, the other carries over", async () => {
    const done = await as(ATTENDEE, meetingPath(first, "/actions/commands"), { command: { id: `cmd-${randomUUID()}`, type: "setActionStatus", actionId, status: "done" } });
    expect(done.status).toBe(200);
    const next = service.meeting();
    // The next occurrence of the same series (the same meeting chat, as Teams' recurring meetings are).
    service.connector.setChat(next, `19:series-${first}@thread.v2`);
    expect((await as(ORGANIZER, meetingPath(next, "/commands"), { command: command("startMeeting") })).status).toBe(200);
    expect(brief((await summary(next)).record.actions).map((a) => [a.title, a.state])).toEqual([
      ["Ring transportøren", "done"],
      ["Tre tilbud", "open"],
    ]);
    expect(cardText((await summary(next)).card)).toContain("(open, carries over)");
  });
});
