// @vitest-environment happy-dom
// @vitest-environment-options {"settings": {"fetch": {"disableSameOriginPolicy": true}}}
/**
 * "My actions" over real HTTP on real Azurite: `GET /api/me/actions` lists only the caller's own open actions across
 * two series, overdue first, cut at the limit; in chat `mine` / `mina` / `actions` answers the list card (parsed and
 * rendered by the Adaptive Cards renderer in nb/sv/en), "Mark done" through the real bot endpoint marks it done as the
 * sender, and a forged Mark done (someone else's action, a made-up one) answers a card that says so and changes nothing.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOCAL_ATTENDEES } from "../bot/src/local/roster.js";
import { ActionStore } from "../bot/src/storage/action-store.js";
import { addDays, dayIn } from "../shared/src/actions/dates.js";
import type { Action } from "../shared/src/actions/model.js";
import type { AdaptiveCard } from "../shared/src/cards/card-types.js";
import { MY_ACTIONS_VERBS } from "../shared/src/cards/my-actions-card.js";
import type { ActionCommandResponse, MyActionsResponse } from "../shared/src/wire/actions-protocol.js";
import { click, installCardRenderer, render } from "./helpers/card-renderer.js";
import {
  ATTENDEE,
  cardInvoke,
  cardText,
  executeValue,
  meetingPath,
  ORGANIZER,
  postActivity,
  startService,
  teamsActivity,
  teamsUser,
  TENANT,
  type CardJson,
  type ErrorBody,
  type Service,
  type TeamsUser,
} from "./helpers/service.js";

installCardRenderer();

let service: Service;
beforeAll(async () => {
  service = await startService({ ROLE_TTL_MS: "0" });
});
afterAll(async () => {
  await service?.close();
});

const CARD = "application/vnd.microsoft.card.adaptive";
const KARI = LOCAL_ATTENDEES[3]?.userId ?? "";
const alex = teamsUser(ATTENDEE);
const kari = teamsUser(KARI);
const DAY = 86_400_000;
const today = () => dayIn(Date.now(), "Europe/Oslo");

/** A fresh meeting (its own chat: its own series) and its chat as the bot sees it. */
function series() {
  const meetingId = service.meeting();
  const chatId = service.connector.chatOf(meetingId);
  const where = { conversation: { id: chatId, conversationType: "groupChat", isGroup: true, tenantId: TENANT }, channelData: { tenant: { id: TENANT }, meeting: { id: meetingId } } };
  return { meetingId, chatId, where };
}

async function create(meetingId: string, by: string, title: string, owners: string[], dueInDays = 7): Promise<Action> {
  const command = { id: randomUUID(), type: "createAction", fields: { title, owners, due: addDays(today(), dueInDays), subtasks: [], source: null } };
  const res = await service.api<ActionCommandResponse>(meetingPath(meetingId, "/actions/commands"), { token: await service.tokenFor(by), body: { command } });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.action;
}

/** An action created ten days ago due the day after: overdue by about nine days now (a store on the same table, with its clock set back). */
async function overdue(chatId: string, title: string, owner: { userId: string; name: string }): Promise<Action> {
  const then = Date.now() - 10 * DAY;
  const store = new ActionStore(service.app.tables.actions, { now: () => then });
  const result = await store.execute(
    { tenantId: TENANT, seriesId: chatId, timeZone: "Europe/Oslo", people: [owner] },
    { id: randomUUID(), type: "createAction", fields: { title, owners: [owner.userId], due: addDays(dayIn(then, "Europe/Oslo"), 1), subtasks: [], source: null } },
    { person: owner, isLead: true },
  );
  if (!result.ok) throw new Error(result.error.message);
  return result.action;
}

async function mine(userId: string, query = ""): Promise<MyActionsResponse> {
  const res = await service.api<MyActionsResponse>(`/api/me/actions${query}`, { token: await service.tokenFor(userId) });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

async function say(from: TeamsUser, text: string, where: Record<string, unknown>, locale: string): Promise<CardJson> {
  const activity = teamsActivity(service, from, { text, locale, ...where });
  expect((await postActivity(service, activity)).status).toBe(200);
  const reply = service.connector.activities.find((a) => a.replyToId === activity.id);
  const attachments = reply?.activity.attachments as Array<{ contentType: string; content: CardJson }> | undefined;
  expect(attachments?.[0]?.contentType).toBe(CARD);
  const card = attachments?.[0]?.content;
  if (!card) throw new Error("The bot did not answer with a card.");
  return card;
}

async function press(from: TeamsUser, value: unknown, where: Record<string, unknown>, locale = "en-US"): Promise<CardJson> {
  const res = await cardInvoke(service, from, value, { locale, ...where });
  expect(res.status).toBe(200);
  expect(res.body.statusCode).toBe(200);
  const card = res.body.value;
  if (!card) throw new Error("The invoke did not answer with a card.");
  return card;
}

/** The Mark done buttons of a card in order, as the renderer parsed them: which action each marks. */
function doneButtons(card: CardJson): Array<{ id: string; actionId: string; seriesId: string }> {
  const { card: rendered } = render(card as unknown as AdaptiveCard);
  return rendered
    .getAllActions()
    .filter((a) => a.getJsonTypeName() === "Action.Execute" && (a as unknown as { verb: string }).verb === MY_ACTIONS_VERBS.done)
    .map((a) => {
      const data = (a as unknown as { data: { actionId: string; seriesId: string } }).data;
      return { id: a.id ?? "", actionId: data.actionId, seriesId: data.seriesId };
    })
    // The renderer lists an ActionSet's actions once for the set and once for the card.
    .filter((x, i, all) => all.findIndex((y) => y.id === x.id) === i);
}

describe("GET /api/me/actions", () => {
  it("lists only the caller's own open actions, from every series, overdue first; not others', not done ones", async () => {
    const a = series();
    const b = series();
    const inA = await create(a.meetingId, ORGANIZER, "Ring transportøren", [KARI]);
    const shared = await create(b.meetingId, ATTENDEE, "Oppdater prislisten", [ATTENDEE, KARI], 3);
    const late = await overdue(b.chatId, "Send tilbudet", { userId: KARI, name: kari.name });
    await create(a.meetingId, ORGANIZER, "Alex sitt tiltak", [ATTENDEE]);
    const done = await create(a.meetingId, ORGANIZER, "Allerede gjort", [KARI]);
    const doneRes = await service.api(meetingPath(a.meetingId, "/actions/commands"), { token: await service.tokenFor(KARI), body: { command: { id: randomUUID(), type: "setActionStatus", actionId: done.id, status: "done" } } });
    expect(doneRes.status).toBe(200);

    const body = await mine(KARI);
    const ids = body.actions.map((r) => r.action.id);
    expect(ids.slice(0, 1)).toEqual([late.id]);
    expect(new Set(ids)).toEqual(new Set([late.id, shared.id, inA.id]));
    // Shared is due in 3 days, inA in 7: by due day after the overdue one.
    expect(ids).toEqual([late.id, shared.id, inA.id]);
    expect(body.actions[0]).toMatchObject({ overdue: true, timeZone: "Europe/Oslo" });
    expect(new Set(body.actions.map((r) => r.action.seriesId))).toEqual(new Set([a.chatId, b.chatId]));
    expect(body.total).toBe(3);
    // Every row is Kari's: nobody sees another's.
    expect(body.actions.every((r) => r.action.owners.some((o) => o.userId === KARI))).toBe(true);
    expect((await mine(ORGANIZER)).actions.map((r) => r.action.id)).not.toContain(inA.id);
  });

  it("cuts at ?limit and says how many there are; a bad limit is 400 with a message; no token is 401", async () => {
    const s = series();
    const owner = LOCAL_ATTENDEES[2]?.userId ?? "";
    const before = (await mine(owner)).total;
    for (const n of [1, 2, 3]) await create(s.meetingId, ORGANIZER, `Tiltak ${n}`, [owner], n);
    const cut = await mine(owner, "?limit=2");
    expect(cut.actions).toHaveLength(2);
    expect(cut.total).toBe(before + 3);
    for (const bad of ["0", "101", "abc", "-1", "1e2"]) {
      const res = await service.api<ErrorBody>(`/api/me/actions?limit=${bad}`, { token: await service.tokenFor(owner) });
      expect(res.status, bad).toBe(400);
      expect(res.body.error.code).toBe("badLimit");
      expect(res.body.error.message.length).toBeGreaterThan(10);
    }
    const anonymous = await service.api<ErrorBody>("/api/me/actions");
    expect(anonymous.status).toBe(401);
  });

  it("another tenant's token sees none of this tenant's actions", async () => {
    const s = series();
    await create(s.meetingId, ORGANIZER, "Bare i vår tenant", [KARI]);
    const res = await service.api<MyActionsResponse>("/api/me/actions", { token: await service.tokenFor(KARI, "other-tenant-0000") });
    expect(res.status).toBe(200);
    expect(res.body.actions).toEqual([]);
  });
});

describe("my actions in chat", () => {
  it.each([
    ["mina", "sv-SE", /Mina åtgärder/, /Markera som klar/, /dagar försenad/],
    ["mine tiltak", "nb-NO", /Mine tiltak/, /Merk som utført/, /dager over fristen/],
    ["actions", "en-US", /My actions/, /Mark done/, /days overdue/],
  ])("'%s' (%s) answers the sender's open actions, overdue first, each with Mark done, and the renderer parses it", async (word, locale, heading, button, late) => {
    const s = series();
    const owner = { userId: ORGANIZER, name: teamsUser(ORGANIZER).name };
    const soon = await create(s.meetingId, ATTENDEE, `Soon ${locale}`, [ORGANIZER], 2);
    const old = await overdue(s.chatId, `Late ${locale}`, owner);
    const card = await say(teamsUser(ORGANIZER), word, s.where, locale);
    const words = cardText(card);
    expect(words).toMatch(heading);
    expect(words).toMatch(button);
    expect(words).toMatch(late);
    const buttons = doneButtons(card).filter((x) => x.seriesId === s.chatId);
    expect(buttons.map((x) => x.actionId)).toEqual([old.id, soon.id]);
    expect(card.refresh?.userIds).toEqual([`8:orgid:${ORGANIZER}`]);
  });

  it("Mark done through the bot endpoint marks it done as the sender, and the answer is the refreshed list without it", async () => {
    const s = series();
    const a = await create(s.meetingId, ORGANIZER, "Bestill nye kort", [ATTENDEE]);
    const card = await say(alex, "mine", s.where, "nb-NO");
    const button = doneButtons(card).find((x) => x.actionId === a.id);
    if (!button) throw new Error("no Mark done for the action");
    // What the renderer would send: its Action.Execute with the card's data.
    const { card: rendered, executed } = render(card as unknown as AdaptiveCard);
    click(rendered, button.id);
    const data = (executed[0] as unknown as { data: Record<string, unknown> }).data;
    const answer = await press(alex, executeValue(MY_ACTIONS_VERBS.done, data), s.where, "nb-NO");
    render(answer as unknown as AdaptiveCard);
    expect(cardText(answer)).toMatch(/«Bestill nye kort» er merket utført/);
    expect(doneButtons(answer).map((x) => x.actionId)).not.toContain(a.id);
    const list = await service.api<{ actions: Action[] }>(meetingPath(s.meetingId, "/actions"), { token: await service.tokenFor(ORGANIZER) });
    const stored = list.body.actions.find((x) => x.id === a.id);
    expect(stored).toMatchObject({ status: "done", updatedBy: { userId: ATTENDEE } });
    // Pressed again (a stale card): nothing changes, and it says so.
    const again = await press(alex, executeValue(MY_ACTIONS_VERBS.done, data), s.where, "nb-NO");
    expect(cardText(again)).toMatch(/var allerede utført/);
  });

  it("a forged Mark done (someone else's action, a made-up one, bad data) answers a card saying what is wrong and changes nothing", async () => {
    const s = series();
    const kariOnly = await create(s.meetingId, ORGANIZER, "Kari sitt tiltak", [KARI]);
    const forged = await press(alex, executeValue(MY_ACTIONS_VERBS.done, { seriesId: s.chatId, actionId: kariOnly.id }), s.where);
    render(forged as unknown as AdaptiveCard);
    expect(cardText(forged)).toMatch(/You are not an owner of “Kari sitt tiltak”.*Nothing was changed/);
    const madeUp = await press(alex, executeValue(MY_ACTIONS_VERBS.done, { seriesId: s.chatId, actionId: "act-madeup-0001" }), s.where);
    expect(cardText(madeUp)).toMatch(/no longer.*in your list/);
    const otherSeries = await press(alex, executeValue(MY_ACTIONS_VERBS.done, { seriesId: "19:elsewhere@thread.v2", actionId: kariOnly.id }), s.where);
    expect(cardText(otherSeries)).toMatch(/Nothing was changed/);
    const junk = await press(alex, executeValue(MY_ACTIONS_VERBS.done, { seriesId: 7, actionId: { __proto__: 1 } }), s.where);
    expect(cardText(junk)).toMatch(/does not understand|do not understand/);
    const list = await service.api<{ actions: Action[] }>(meetingPath(s.meetingId, "/actions"), { token: await service.tokenFor(ORGANIZER) });
    expect(list.body.actions.find((x) => x.id === kariOnly.id)).toEqual(kariOnly);
  });
});

describe("POST /api/me/actions/commands", () => {
  it("an owner marks an action of another series done from My actions; a non-owner is refused with nothing changed; bad bodies are 400", async () => {
    const elsewhere = series();
    const a = await create(elsewhere.meetingId, ORGANIZER, "Ring banken", [KARI]);
    const post = async (userId: string, body: unknown) => service.api<ActionCommandResponse & ErrorBody>("/api/me/actions/commands", { token: await service.tokenFor(userId), body });
    const command = () => ({ id: randomUUID(), type: "setActionStatus", actionId: a.id, status: "done" });

    const refused = await post(ATTENDEE, { seriesId: elsewhere.chatId, command: command() });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe("notOwner");
    // Not even the organizer: in My actions nobody has a lead's rights.
    expect((await post(ORGANIZER, { seriesId: elsewhere.chatId, command: command() })).status).toBe(403);
    const before = await service.api<{ actions: Action[] }>(meetingPath(elsewhere.meetingId, "/actions"), { token: await service.tokenFor(ORGANIZER) });
    expect(before.body.actions.find((x) => x.id === a.id)).toEqual(a);

    for (const bad of [{ seriesId: elsewhere.chatId, command: { ...command(), type: "deleteAction" } }, { seriesId: elsewhere.chatId }, { seriesId: 5, command: command() }, { seriesId: elsewhere.chatId, command: command(), extra: 1 }]) {
      const res = await post(KARI, bad);
      expect(res.status, JSON.stringify(bad)).toBe(400);
      expect(res.body.error.message.length).toBeGreaterThan(10);
    }

    const done = await post(KARI, { seriesId: elsewhere.chatId, command: command() });
    expect(done.status).toBe(200);
    expect(done.body.action).toMatchObject({ id: a.id, status: "done", updatedBy: { userId: KARI } });
    expect((await mine(KARI)).actions.map((r) => r.action.id)).not.toContain(a.id);
    // Another tenant's token names the same series and action: there it does not exist.
    const foreign = await service.api<ErrorBody>("/api/me/actions/commands", { token: await service.tokenFor(KARI, "other-tenant-0000"), body: { seriesId: elsewhere.chatId, command: { ...command(), status: "open" } } });
    expect(foreign.status).toBe(404);
  });
});
