/** The panel's SIR API over real HTTP on real Azurite: a meeting's list, who may do what, live updates from chat, the decision log, and carry-over to the next meeting. */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOCAL_CHAT_ID } from "../bot/src/local/roster.js";
import { SirCommand } from "../shared/src/sir/commands.js";
import type { SirItem } from "../shared/src/sir/item.js";
import type { DecisionsResponse, SirCommandResponse, SirListResponse } from "../shared/src/wire/sir-protocol.js";
import {
  ATTENDEE,
  cardInvoke,
  cardText,
  command,
  executeValue,
  meetingPath,
  ORGANIZER,
  postActivity,
  startService,
  teamsActivity,
  teamsUser,
  TENANT,
  type ErrorBody,
  type Service,
} from "./helpers/service.js";

let service: Service;
beforeAll(async () => {
  service = await startService();
});
afterAll(async () => {
  await service?.close();
});

const fields = (title: string) => ({ kind: "issue", title, problem: "Leads stall in the funnel", proposals: ["Call them", "Mail them"], recommendation: "Call them", concerns: "", meetingId: null });
const sirCommand = (type: string, extra: Record<string, unknown>) => ({ id: randomUUID(), type, ...extra });

async function sir<T>(meetingId: string, userId: string, cmd: Record<string, unknown>) {
  return service.api<T>(meetingPath(meetingId, "/sir/commands"), { token: await service.tokenFor(userId), body: { command: cmd } });
}
async function list(meetingId: string, userId = ATTENDEE): Promise<SirItem[]> {
  const res = await service.api<SirListResponse>(meetingPath(meetingId, "/sir"), { token: await service.tokenFor(userId) });
  expect(res.status).toBe(200);
  return [...res.body.items];
}
async function create(meetingId: string, userId: string, title: string): Promise<SirItem> {
  const res = await sir<SirCommandResponse>(meetingId, userId, sirCommand("createSir", { fields: fields(title) }));
  expect(res.status).toBe(200);
  return res.body.item;
}

describe("SIR items on a meeting's list", () => {
  it("an attendee prepares an item; everyone in the meeting sees it, with its author", async () => {
    const meetingId = service.meeting();
    const item = await create(meetingId, ATTENDEE, "Funnel stalls");
    expect(item.author.userId).toBe(ATTENDEE);
    const seenByLead = await list(meetingId, ORGANIZER);
    expect(seenByLead.map((i) => i.title)).toEqual(["Funnel stalls"]);
  });

  it("an item prepared for a later meeting's day waits until then; one for a day gone by is on the list now", async () => {
    const meetingId = service.meeting();
    const later = await sir<SirCommandResponse>(meetingId, ATTENDEE, sirCommand("createSir", { fields: { ...fields("Budget 2099"), forDate: "2099-01-05" } }));
    const due = await sir<SirCommandResponse>(meetingId, ATTENDEE, sirCommand("createSir", { fields: { ...fields("Budget now"), forDate: "2020-01-06" } }));
    expect(later.status).toBe(200);
    expect(due.status).toBe(200);
    expect(later.body.item.forDate).toBe("2099-01-05");
    expect((await list(meetingId)).map((i) => i.title)).toEqual(["Budget now"]);
    const bad = await sir<ErrorBody>(meetingId, ATTENDEE, sirCommand("createSir", { fields: { ...fields("Bad day"), forDate: "2099-02-30" } }));
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues?.join(" ")).toMatch(/forDate/);
  });

  it("an attendee cannot decide or resolve; the lead records the decision with an action and resolves it", async () => {
    const meetingId = service.meeting();
    const item = await create(meetingId, ATTENDEE, "Hiring freeze");
    const decision = sirCommand("recordDecision", { itemId: item.id, meetingId, text: "Hire one engineer in Q3", actions: [{ title: "Post the job ad", owner: { userId: ORGANIZER, name: "Ingrid" }, due: "2026-12-01" }] });

    const refused = await sir<ErrorBody>(meetingId, ATTENDEE, decision);
    expect(refused.status).toBe(403);
    expect((await list(meetingId))[0]?.decision).toBeNull();

    expect((await sir(meetingId, ORGANIZER, decision)).status).toBe(200);
    const resolved = await sir<SirCommandResponse>(meetingId, ORGANIZER, sirCommand("resolveSir", { itemId: item.id }));
    expect(resolved.status).toBe(200);
    expect(resolved.body.item).toMatchObject({ status: "resolved", decision: { text: "Hire one engineer in Q3", meetingId } });
    // Decided in this meeting: it stays on this meeting's list as resolved.
    expect((await list(meetingId)).map((i) => i.status)).toEqual(["resolved"]);
  });

  it("resolving without a decision is refused with a reason; bad input names the field; a decision must name this meeting", async () => {
    const meetingId = service.meeting();
    const item = await create(meetingId, ATTENDEE, "No decision yet");
    const noDecision = await sir<ErrorBody>(meetingId, ORGANIZER, sirCommand("resolveSir", { itemId: item.id }));
    expect(noDecision.status).toBe(409);
    expect(noDecision.body.error.code).toBe("noDecision");

    const tooLong = await sir<ErrorBody>(meetingId, ATTENDEE, sirCommand("createSir", { fields: { ...fields("x".repeat(500)) } }));
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error.issues?.join(" ")).toMatch(/title/);

    const otherMeeting = await sir<ErrorBody>(meetingId, ORGANIZER, sirCommand("recordDecision", { itemId: item.id, meetingId: "another-meeting", text: "x", actions: [] }));
    expect(otherMeeting.status).toBe(400);
    expect(otherMeeting.body.error.code).toBe("wrongMeeting");
    expect((await list(meetingId))[0]).toMatchObject({ status: "open", decision: null });
  });

  it("someone outside the meeting gets 403 and sees nothing", async () => {
    const meetingId = service.meeting();
    const res = await service.api<ErrorBody>(meetingPath(meetingId, "/sir"), { token: await service.tokenFor("00000000-0000-4000-8000-0000000000ff") });
    expect(res.status).toBe(403);
  });

  it("an item changed from chat reaches the open panels of the meeting as it happens", async () => {
    const meetingId = service.meeting();
    const stream = await service.openStream(meetingId, await service.tokenFor(ATTENDEE));
    expect((await stream.nextMessage()).type).toBe("hello");
    const seriesId = service.connector.chatOf(meetingId);
    // The bot stores chat changes through the same store: that is the path a card submission takes.
    const createFromChat = SirCommand.parse({ id: randomUUID(), type: "createSir", fields: { ...fields("From chat"), kind: "risk" } });
    const created = await service.app.sir.execute(TENANT, seriesId, createFromChat, {
      person: { userId: ORGANIZER, name: "Ingrid" },
      canHandle: false,
    });
    expect(created.ok).toBe(true);
    let message = await stream.nextMessage();
    while (message.type !== "sirItem") message = await stream.nextMessage();
    expect(message.item).toMatchObject({ title: "From chat", kind: "risk", seriesId });
  });

  it("the decision log finds decisions by words in the title, decision or actions, newest first", async () => {
    const meetingId = service.meeting();
    for (const [title, text, action] of [
      ["Office move", "Move in March", "Book the movers"],
      ["Pricing", "Raise prices 5 %", "Update the price list"],
    ] as const) {
      const item = await create(meetingId, ATTENDEE, title);
      expect((await sir(meetingId, ORGANIZER, sirCommand("recordDecision", { itemId: item.id, meetingId, text, actions: [{ title: action, owner: null, due: null }] }))).status).toBe(200);
    }
    const token = await service.tokenFor(ATTENDEE);
    const all = await service.api<DecisionsResponse>(`${meetingPath(meetingId, "/decisions")}`, { token });
    expect(all.body.decisions.map((d) => d.title)).toEqual(["Pricing", "Office move"]);
    const movers = await service.api<DecisionsResponse>(`${meetingPath(meetingId, "/decisions")}?q=${encodeURIComponent("MOVERS")}`, { token });
    expect(movers.body.decisions.map((d) => d.title)).toEqual(["Office move"]);
    const tooLong = await service.api<ErrorBody>(`${meetingPath(meetingId, "/decisions")}?q=${"x".repeat(101)}`, { token });
    expect(tooLong.status).toBe(400);
  });
});

describe("the discussion of an item ends with the item", () => {
  async function discussing(title: string) {
    const meetingId = service.meeting();
    const item = await create(meetingId, ATTENDEE, title);
    const lead = await service.tokenFor(ORGANIZER);
    expect((await service.send(meetingId, lead, command("startMeeting"))).status).toBe(200);
    expect((await service.send(meetingId, lead, command("focusSirItem", { itemId: item.id, minutes: 5 }))).status).toBe(200);
    expect((await service.app.store.get({ tenantId: TENANT, meetingId })).focus?.itemId).toBe(item.id);
    return { meetingId, item, lead };
  }

  it("resolving the item under discussion ends the discussion on every panel (a commit on the meeting's stream)", async () => {
    const { meetingId, item } = await discussing("Resolved while discussed");
    const stream = await service.openStream(meetingId, await service.tokenFor(ATTENDEE));
    expect((await stream.nextMessage()).type).toBe("hello");
    expect((await sir(meetingId, ORGANIZER, sirCommand("recordDecision", { itemId: item.id, meetingId, text: "Do it", actions: [] }))).status).toBe(200);
    expect((await sir(meetingId, ORGANIZER, sirCommand("resolveSir", { itemId: item.id }))).status).toBe(200);
    expect((await service.app.store.get({ tenantId: TENANT, meetingId })).focus ?? null).toBeNull();
    let message = await stream.nextMessage();
    while (!(message.type === "commit" && message.commit.events.some((e) => e.type === "sirFocused"))) message = await stream.nextMessage();
    expect(message.type === "commit" && message.commit.events).toEqual([expect.objectContaining({ type: "sirFocused", itemId: null })]);
  });

  it("carrying over, making it information or withdrawing it ends its discussion too; another item's discussion goes on", async () => {
    for (const [type, by] of [
      ["carryOverSir", ORGANIZER],
      ["convertToInformation", ORGANIZER],
      ["withdrawSir", ATTENDEE],
    ] as const) {
      const { meetingId, item } = await discussing(`Ended by ${type}`);
      const extra = type === "carryOverSir" ? { meetingId } : {};
      expect((await sir(meetingId, by, sirCommand(type, { itemId: item.id, ...extra }))).status, type).toBe(200);
      expect((await service.app.store.get({ tenantId: TENANT, meetingId })).focus ?? null, type).toBeNull();
    }
    const { meetingId, item } = await discussing("Discussed");
    const other = await create(meetingId, ATTENDEE, "Not discussed");
    expect((await sir(meetingId, ORGANIZER, sirCommand("carryOverSir", { itemId: other.id, meetingId }))).status).toBe(200);
    expect((await service.app.store.get({ tenantId: TENANT, meetingId })).focus?.itemId).toBe(item.id);
  });
});

describe("carry-over to the next meeting of the series", () => {
  it("open items of an ended meeting show up in the next one with their age; resolved ones do not", async () => {
    const thisWeek = service.meeting();
    const nextWeek = service.meeting();
    service.connector.setChat(thisWeek, LOCAL_CHAT_ID + randomUUID());
    service.connector.setChat(nextWeek, service.connector.chatOf(thisWeek));

    const open = await create(thisWeek, ATTENDEE, "Still open");
    const done = await create(thisWeek, ATTENDEE, "Done");
    await sir(thisWeek, ORGANIZER, sirCommand("recordDecision", { itemId: done.id, meetingId: thisWeek, text: "Done", actions: [] }));
    await sir(thisWeek, ORGANIZER, sirCommand("resolveSir", { itemId: done.id }));

    const lead = await service.tokenFor(ORGANIZER);
    expect((await service.send(thisWeek, lead, command("startMeeting"))).status).toBe(200);
    expect((await service.send(thisWeek, lead, command("endMeeting"))).status).toBe(200);

    const next = await list(nextWeek);
    expect(next.map((i) => [i.title, i.meetingsSeen])).toEqual([["Still open", [thisWeek]]]);
    expect(next[0]?.id).toBe(open.id);
  });
});

describe("the card in chat follows changes made in the panel", () => {
  it("after the lead records a decision in the panel, the item's card in the meeting chat shows it to everyone", async () => {
    const meetingId = service.meeting();
    const chat = { id: service.connector.chatOf(meetingId), conversationType: "groupChat", isGroup: true, tenantId: TENANT };
    const kari = teamsUser(ATTENDEE);
    // Kari asks for the form in the meeting chat; the bot posts it (the stand-in keeps the activity).
    expect((await postActivity(service, teamsActivity(service, kari, { text: "sir", conversation: chat }))).status).toBe(200);
    const form = service.connector.activities.at(-1);
    if (!form) throw new Error("the bot posted no form");
    const submitted = await cardInvoke(
      service,
      kari,
      executeValue("sir.submit", { kind: "issue", title: "Supplier late", problem: "Two weeks late", proposal1: "Switch", proposal2: "Renegotiate", recommendation: "Renegotiate", concerns: "" }),
      { conversation: chat, replyToId: form.id },
    );
    expect(submitted.status).toBe(200);
    const [item] = await list(meetingId);
    if (!item) throw new Error("the item was not stored");

    const decided = await sir(meetingId, ORGANIZER, sirCommand("recordDecision", { itemId: item.id, meetingId, text: "Renegotiate the deadline", actions: [] }));
    expect(decided.status).toBe(200);
    await expect.poll(() => cardText(service.connector.activities.find((a) => a.id === form.id)?.activity)).toContain("Renegotiate the deadline");
  });
});
