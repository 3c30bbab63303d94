// @vitest-environment happy-dom
// @vitest-environment-options {"settings":{"fetch":{"disableSameOriginPolicy":true}}}
/**
 * @module The method's whole weekly loop on a fresh service, as its users drive it: real HTTP on 127.0.0.1, real
 * Azurite, the Bot Connector stand-in, every card parsed, rendered, filled in and pressed with the real Adaptive Cards
 * renderer. The service's clock is the test's (moved a week on between the meetings); the reminder scheduler is ticked
 * at that clock's time, so nothing waits for a real day. The card renderer needs a DOM (happy-dom), whose `fetch` is
 * also the service's in this process: its same-origin policy is off so the service can read its own JWKS to verify
 * the tokens (the requests themselves go through Node's http client).
 *
 * Week 1: the lead starts the meeting; a win; a SIR item decided with a follow-up action; an action created in the
 * panel, due in 3 days; Alex prepares his priorities from the chat card and the lead walks the round; the meeting ends
 * and the summary lists the good news, the actions and the priorities. During the week: one "due soon" reminder in
 * Alex's 1:1 chat, snoozed; the other action marked done from its reminder card; the overdue reminder, once. Week 2
 * (a new meeting id in the same series chat): the open action overdue, the done one done, nothing twice; the form
 * pre-filled from last week with the not-done priority carried over; the summary lists the carried-over action.
 */
import { randomUUID } from "node:crypto";
import http from "node:http";
import { ExecuteAction, type Action } from "adaptivecards";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ReminderStore } from "../bot/src/storage/reminder-store.js";
import { addDays, dayIn, daysOverdue, isOverdue } from "../shared/src/actions/dates.js";
import type { Action as OkrAction } from "../shared/src/actions/model.js";
import { atLocal } from "../shared/src/actions/reminders.js";
import type { AdaptiveCard } from "../shared/src/cards/card-types.js";
import { escapeCardMarkdown } from "../shared/src/cards/markdown.js";
import { lastId, nextId, PRIORITY_VERBS } from "../shared/src/cards/priorities-card.js";
import { REMINDER_VERBS, SNOOZE_INPUT } from "../shared/src/cards/reminder-card.js";
import { MY_ACTIONS_CARD_TEXT } from "../shared/src/cards/my-actions-text.js";
import { REMINDER_TEXT } from "../shared/src/cards/reminder-text.js";
import { ACTIONS_TEXT } from "../shared/src/i18n/actions-text.js";
import { PRIORITIES_TEXT } from "../shared/src/i18n/priorities-text.js";
import { isoWeekAt } from "../shared/src/kpi/week.js";
import type { SummaryResponse } from "../shared/src/summary/wire.js";
import type { ActionCommandResponse, ActionListResponse } from "../shared/src/wire/actions-protocol.js";
import type { PriorityCommandResponse, PriorityRoundResponse } from "../shared/src/wire/priorities-protocol.js";
import type { SirCommandResponse } from "../shared/src/wire/sir-protocol.js";
import { lateDays } from "../tab/src/components/ActionsSection/action-row-model.js";
import { click, fill, input, installCardRenderer, render } from "./helpers/card-renderer.js";
import { ATTENDEE, cardText, command, meetingPath, ORGANIZER, personalChat, startService, teamsActivity, teamsUser, TENANT, type CardJson, type InvokeBody, type Service, type TeamsUser } from "./helpers/service.js";

installCardRenderer();

const OSLO = "Europe/Oslo";
const DAY = 86_400_000;
const nb = PRIORITIES_TEXT.nb;
const remindNb = REMINDER_TEXT.nb;

/** The service's clock: real time moved by the test. */
let offset = 0;
const clock = (): number => Date.now() + offset;
const setClock = (at: number): void => {
  offset = at - Date.now();
};

let service: Service;
beforeAll(async () => {
  service = await startService({ ROLE_TTL_MS: "0" }, { now: clock });
});
afterAll(async () => {
  await service?.close();
});

const alex = teamsUser(ATTENDEE);

/** Node's own HTTP client (under happy-dom, `fetch` is the page's). */
function request<T>(method: string, path: string, body?: unknown, token?: string): Promise<{ status: number; body: T }> {
  const url = new URL(path, service.url);
  const data = body === undefined ? undefined : JSON.stringify(body);
  const headers: Record<string, string | number> = {};
  if (data !== undefined) Object.assign(headers, { "content-type": "application/json", "content-length": Buffer.byteLength(data) });
  if (token) headers.authorization = `Bearer ${token}`;
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => (text += c));
      res.on("end", () => {
        const json = (res.headers["content-type"] ?? "").includes("json");
        resolve({ status: res.statusCode ?? 0, body: (json && text ? JSON.parse(text) : text) as T });
      });
    });
    req.on("error", reject);
    req.end(data);
  });
}

/** What the panel does as `userId`: GET without a body, POST with one. */
async function as<T>(userId: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  return request<T>(body === undefined ? "GET" : "POST", path, body, await service.tokenFor(userId));
}

/** The series' chat: every weekly meeting of the series is an occurrence in it (as Teams' recurring meetings are). */
const chatId = `19:weekly-${randomUUID()}@thread.v2`;
const groupChat = { id: chatId, conversationType: "groupChat", isGroup: true, tenantId: TENANT };

/** A message in the meeting's chat; the bot's answer card. */
async function say(from: TeamsUser, text: string, meetingId: string): Promise<CardJson> {
  const activity = teamsActivity(service, from, { text, conversation: groupChat, channelData: { tenant: { id: TENANT }, meeting: { id: meetingId } }, locale: "nb-NO" });
  expect((await request("POST", "/api/messages", activity)).status).toBe(200);
  const reply = service.connector.activities.find((a) => a.replyToId === activity.id);
  const card = (reply?.activity.attachments as Array<{ content: CardJson }> | undefined)?.[0]?.content;
  if (!card) throw new Error(`The bot did not answer '${text}' with a card.`);
  return card;
}

/** Renders the card like a Teams client, fills it in, presses the action; what the client sends as the invoke's value. */
function use(card: CardJson, values: Record<string, string>, actionId: string): Record<string, unknown> {
  const { card: rendered, executed } = render(card as unknown as AdaptiveCard);
  fill(rendered, values);
  click(rendered, actionId);
  const action: Action | undefined = executed[0];
  if (!(action instanceof ExecuteAction)) throw new Error(`expected Action.Execute for '${actionId}'`);
  return { action: { type: "Action.Execute", id: action.id, verb: action.verb, data: action.data }, trigger: "manual" };
}

/** An Action.Execute pressed in a conversation; the card Teams shows in its place. */
async function invoke(from: TeamsUser, value: unknown, where: { conversation: Record<string, unknown>; channelData?: Record<string, unknown> }): Promise<CardJson> {
  const activity = teamsActivity(service, from, { type: "invoke", name: "adaptiveCard/action", value, locale: "nb-NO", ...where });
  const res = await request<InvokeBody<CardJson>>("POST", "/api/messages", activity);
  expect(res.status).toBe(200);
  if (!res.body.value) throw new Error("No card in the invoke response.");
  return res.body.value;
}
const inMeetingChat = (meetingId: string) => ({ conversation: groupChat, channelData: { tenant: { id: TENANT }, meeting: { id: meetingId } } });
const inPersonalChat = (user: TeamsUser) => ({ conversation: personalChat(user), channelData: { tenant: { id: TENANT } } });

/** Reminder cards in Alex's 1:1 chat with the bot (about `actionId`, if given). */
function remindersTo(userId: string, actionId?: string): CardJson[] {
  return service.connector
    .personalMessages(userId)
    .flatMap((m) => ((m.activity.attachments as Array<{ content: CardJson }> | undefined) ?? []).map((x) => x.content))
    .filter((card) => card.actions?.some((x) => x.verb === REMINDER_VERBS.done && (!actionId || x.data?.actionId === actionId)));
}

/** One poll of the reminder scheduler with the clock at `at`. */
async function tickAt(at: number): Promise<void> {
  setClock(at);
  await service.app.actionReminders.tick(at);
}

/** Waits (generously: the machine is shared) until the action's owner has a reminder plan for its due day, i.e. its change was indexed. */
async function planned(action: OkrAction, due: string | null = action.due): Promise<void> {
  const store = new ReminderStore(service.app.tables.reminders);
  await expect
    .poll(async () => (await store.plans(TENANT, action.seriesId)).some((p) => p.actionId === action.id && p.plan.indexRow !== "" && p.plan.progress.due === due), { timeout: 20_000, interval: 50 })
    .toBe(true);
}

const brief = (s: SummaryResponse) => (s.record.actions ?? []).map((a) => [a.title, a.state, a.owners.map((o) => o.userId), a.due]);

describe("a full weekly cycle of one series", () => {
  const t0 = Date.now();
  const day0 = dayIn(t0, OSLO);
  const dueCall = addDays(day0, 3);
  const dueOffers = addDays(day0, 5);
  const week1 = isoWeekAt(t0, OSLO);
  let meeting1 = "";
  let meeting2 = "";
  let callCarrier: OkrAction | undefined;
  let getOffers: OkrAction | undefined;

  it("week 1: a win, a SIR decision with a follow-up, an action from the panel, Alex's priorities from chat, the walk, and the summary lists them", async () => {
    meeting1 = service.meeting();
    service.connector.setChat(meeting1, chatId);
    expect((await as(ORGANIZER, meetingPath(meeting1, "/commands"), { command: command("startMeeting") })).status).toBe(200);

    // Good news: a win.
    const win = await as(ATTENDEE, meetingPath(meeting1, "/good-news/commands"), { command: { id: randomUUID(), type: "addGoodNews", fields: { kind: "win", text: "Rekordmåned i salg", link: null, praise: null } } });
    expect(win.status).toBe(200);

    // SIR: Alex raises an issue, the lead decides it with a follow-up action for Alex.
    const item = await as<SirCommandResponse>(ATTENDEE, meetingPath(meeting1, "/sir/commands"), {
      command: { id: randomUUID(), type: "createSir", fields: { kind: "issue", title: "Leveransene er sene", problem: "Transportøren leverer sent", proposals: ["Bytte transportør"], recommendation: "Bytte transportør", concerns: "", meetingId: null } },
    });
    expect(item.status).toBe(200);
    const decided = await as(ORGANIZER, meetingPath(meeting1, "/sir/commands"), {
      command: { id: randomUUID(), type: "recordDecision", itemId: item.body.item.id, meetingId: meeting1, text: "Vi henter tilbud fra andre transportører", actions: [{ title: "Hente tre tilbud", owner: { userId: ATTENDEE, name: alex.name }, due: dueOffers }] },
    });
    expect(decided.status).toBe(200);

    // An action created in the panel for Alex, due in 3 days, picked from the meeting's people.
    const list0 = await as<ActionListResponse>(ORGANIZER, meetingPath(meeting1, "/actions"));
    expect(list0.body.people.map((p) => p.userId)).toContain(ATTENDEE);
    const made = await as<ActionCommandResponse>(ORGANIZER, meetingPath(meeting1, "/actions/commands"), {
      command: { id: `cmd-${randomUUID()}`, type: "createAction", fields: { title: "Ringe transportøren", owners: [ATTENDEE], due: dueCall, subtasks: [], source: null } },
    });
    expect(made.status).toBe(200);
    callCarrier = made.body.action;

    // The meeting's Actions list: both, the decision's follow-up linked to its SIR item, none overdue.
    await expect.poll(async () => (await as<ActionListResponse>(ATTENDEE, meetingPath(meeting1, "/actions"))).body.actions.map((x) => x.title).sort(), { timeout: 15_000 }).toEqual(["Hente tre tilbud", "Ringe transportøren"]);
    const list1 = (await as<ActionListResponse>(ATTENDEE, meetingPath(meeting1, "/actions"))).body;
    getOffers = list1.actions.find((x) => x.title === "Hente tre tilbud");
    expect(getOffers).toMatchObject({ owners: [{ userId: ATTENDEE }], due: dueOffers, status: "open", source: { kind: "sir", itemId: item.body.item.id } });
    expect(list1.actions.some((x) => isOverdue(x, clock(), list1.timeZone))).toBe(false);

    // Alex prepares in the meeting's chat: `prioriteringer` → the form → save (Action.Execute).
    const form = await say(alex, "prioriteringer", meeting1);
    expect(cardText(form)).toContain(nb.q1);
    const value = use(
      form,
      {
        [lastId(1, "text")]: "Budsjett 2027",
        [lastId(1, "mark")]: "notDone",
        [nextId(1, "text")]: "Hente tre tilbud",
        [nextId(1, "why")]: "Kostnadene",
        [nextId(2, "text")]: "Rekruttere en selger",
        [nextId(3, "text")]: "Følge opp Nordic AS",
        learned: "Be om hjelp tidligere",
        change: "Delegere mer",
      },
      PRIORITY_VERBS.save,
    );
    const saved = await invoke(alex, value, inMeetingChat(meeting1));
    expect(cardText(saved)).toContain(nb.card.savedTitle);
    expect(cardText(saved)).toContain("Rekruttere en selger");
    render(saved as unknown as AdaptiveCard);

    // The panel: Alex has prepared; the lead walks the round to him and everyone sees his answers.
    const round = (await as<PriorityRoundResponse>(ORGANIZER, meetingPath(meeting1, "/priorities"))).body;
    expect(round.week).toBe(week1);
    expect(round.members.find((m) => m.member.userId === ATTENDEE)).toMatchObject({ prepared: true, entry: { nextWeek: [{ text: "Hente tre tilbud", why: "Kostnadene" }, { text: "Rekruttere en selger" }, { text: "Følge opp Nordic AS" }] } });
    const walk = await as<PriorityCommandResponse>(ORGANIZER, meetingPath(meeting1, "/priorities/commands"), { command: { id: randomUUID(), type: "setPrioritySpeaker", week: week1, memberId: ATTENDEE } });
    expect(walk.status).toBe(200);
    const seen = (await as<PriorityRoundResponse>(ATTENDEE, meetingPath(meeting1, "/priorities"))).body;
    expect(seen.round).toMatchObject({ speakerId: ATTENDEE });
    expect(seen.members.find((m) => m.member.userId === seen.round?.speakerId)?.entry?.learned).toBe("Be om hjelp tidligere");

    expect((await as(ORGANIZER, meetingPath(meeting1, "/commands"), { command: command("endMeeting") })).status).toBe(200);

    const summary = (await as<SummaryResponse>(ATTENDEE, `${meetingPath(meeting1, "/summary")}?lang=en`)).body;
    expect(summary.record.goodNews?.map((g) => [g.text, g.by?.userId])).toEqual([["Rekordmåned i salg", ATTENDEE]]);
    expect(brief(summary).sort()).toEqual([
      ["Hente tre tilbud", "new", [ATTENDEE], dueOffers],
      ["Ringe transportøren", "new", [ATTENDEE], dueCall],
    ]);
    expect(summary.record.priorities?.map((p) => [p.person.userId, p.lastWeek, p.nextWeek, p.learned])).toEqual([
      [ATTENDEE, ["✗ Budsjett 2027"], ["Hente tre tilbud – Kostnadene", "Rekruttere en selger", "Følge opp Nordic AS"], "Be om hjelp tidligere · Delegere mer"],
    ]);
    expect(summary.record.sir.decisions.map((d) => [d.title, d.text, d.actions.map((x) => x.title)])).toEqual([["Leveransene er sene", "Vi henter tilbud fra andre transportører", ["Hente tre tilbud"]]]);
    const text = cardText(summary.card);
    for (const s of ["Rekordmåned i salg", "Ringe transportøren", "Hente tre tilbud", "Rekruttere en selger"]) expect(text).toContain(s);
  });

  it("during the week: one 'due soon' reminder in Alex's 1:1 chat, snoozed; the other done from its card; the overdue one once", async () => {
    if (!callCarrier || !getOffers) throw new Error("week 1 did not run");
    await planned(callCarrier);
    await planned(getOffers);
    expect(remindersTo(ATTENDEE)).toHaveLength(0);

    // Two days before the call's due day, at 09:00 in Oslo: exactly one card, about the call, in Norwegian.
    const dueSoon = atLocal(addDays(dueCall, -2), "09:00", OSLO);
    await tickAt(dueSoon - 60_000);
    expect(remindersTo(ATTENDEE)).toHaveLength(0);
    await tickAt(dueSoon);
    await tickAt(dueSoon + 60_000);
    expect(remindersTo(ATTENDEE)).toHaveLength(1);
    const first = remindersTo(ATTENDEE, callCarrier.id)[0];
    if (!first) throw new Error("no reminder about the call");
    expect(cardText(first)).toContain(remindNb.dueSoonTitle(2));
    expect(cardText(first)).toContain("Ringe transportøren");
    // "Open" leads to the app in the series' meeting chat.
    const open = first.actions?.find((x) => x.type === "Action.OpenUrl");
    expect(decodeURIComponent(String(open?.url))).toContain(chatId);

    // Snooze for one day from the card.
    const snoozed = await invoke(alex, use(first, { [SNOOZE_INPUT]: "1" }, REMINDER_VERBS.snooze), inPersonalChat(alex));
    expect(cardText(snoozed)).toContain(remindNb.snoozedTitle);
    const snoozedUntil = atLocal(addDays(dueCall, -1), "09:00", OSLO);
    await tickAt(snoozedUntil - 60_000);
    expect(remindersTo(ATTENDEE)).toHaveLength(1);
    await tickAt(snoozedUntil);
    expect(remindersTo(ATTENDEE, callCarrier.id)).toHaveLength(2);
    expect(cardText(remindersTo(ATTENDEE, callCarrier.id)[1])).toContain(remindNb.dueSoonTitle(1));

    // The decision's follow-up: its "due soon" card, and Alex marks it done from there.
    await tickAt(atLocal(addDays(dueOffers, -2), "09:00", OSLO));
    const offersCard = remindersTo(ATTENDEE, getOffers.id);
    expect(offersCard).toHaveLength(1);
    const done = await invoke(alex, use(offersCard[0] as CardJson, {}, REMINDER_VERBS.done), inPersonalChat(alex));
    expect(cardText(done)).toContain(remindNb.doneTitle);

    // The day after the call's due day: the overdue reminder, once, however often the scheduler looks.
    const overdue = atLocal(addDays(dueCall, 1), "09:00", OSLO);
    await tickAt(overdue);
    await tickAt(overdue + 60_000);
    await tickAt(overdue + 3_600_000);
    const aboutCall = remindersTo(ATTENDEE, callCarrier.id);
    expect(aboutCall).toHaveLength(3);
    expect(cardText(aboutCall[2])).toContain(remindNb.overdueTitle(1));
    // The done one never gets its overdue reminder.
    await tickAt(atLocal(addDays(dueOffers, 1), "09:00", OSLO) + 3_600_000);
    expect(remindersTo(ATTENDEE, getOffers.id)).toHaveLength(1);
    expect(remindersTo(ATTENDEE)).toHaveLength(4);
  });

  it("week 2 (a new meeting in the same series chat): the open action overdue, the done one done, nothing twice; priorities pre-filled and carried over; the summary lists the carried-over action", async () => {
    if (!callCarrier || !getOffers) throw new Error("week 1 did not run");
    // Noon of the same weekday a week on (in Oslo: never a day off across a DST change).
    setClock(atLocal(addDays(day0, 7), "12:00", OSLO));
    const week2 = isoWeekAt(clock(), OSLO);
    expect(week2).not.toBe(week1);
    meeting2 = service.meeting();
    service.connector.setChat(meeting2, chatId);
    expect((await as(ORGANIZER, meetingPath(meeting2, "/commands"), { command: command("startMeeting") })).status).toBe(200);

    // The Actions list of week 2's meeting: the call open and marked overdue, the follow-up done; each once.
    const list = (await as<ActionListResponse>(ATTENDEE, meetingPath(meeting2, "/actions"))).body;
    expect(list.today).toBe(addDays(day0, 7));
    expect(list.actions.map((x) => [x.id, x.status])).toEqual([
      [callCarrier.id, "open"],
      [getOffers.id, "done"],
    ]);
    const call = list.actions[0] as OkrAction;
    expect(isOverdue(call, clock(), list.timeZone)).toBe(true);
    expect(daysOverdue(call, clock(), list.timeZone)).toBe(4);
    expect(isOverdue(list.actions[1] as OkrAction, clock(), list.timeZone)).toBe(false);
    // What the panel's row says from the list's `today`: "⚠ 4 dager over fristen" on the call, nothing on the done one.
    expect(list.actions.map((x) => lateDays(x, list.today))).toEqual([4, 0]);
    expect(ACTIONS_TEXT.nb.overdue(lateDays(call, list.today))).toBe("4 dager over fristen");

    // Alex's own list in chat (`tiltak`) says the same: the call, 4 days overdue; the done one is not his to do.
    const myList = await say(alex, "tiltak", meeting2);
    expect(cardText(myList)).toContain("Ringe transportøren");
    expect(cardText(myList)).toContain(MY_ACTIONS_CARD_TEXT.nb.overdue(4));
    expect(cardText(myList)).not.toContain("Hente tre tilbud");
    render(myList as unknown as AdaptiveCard);

    // Before Alex opens his form, the panel shows him not prepared, with last week's plan as his draft.
    const before = (await as<PriorityRoundResponse>(ORGANIZER, meetingPath(meeting2, "/priorities"))).body.members.find((m) => m.member.userId === ATTENDEE);
    expect(before).toMatchObject({ prepared: false, entry: null, draft: { version: 0, prefilledFrom: week1 } });
    // Last week's walk does not carry over: this week's round has not started.
    expect((await as<PriorityRoundResponse>(ORGANIZER, meetingPath(meeting2, "/priorities"))).body.round).toBeNull();

    // Alex opens this week's form: last week's plan is this week's "last week", the not-done one carried over.
    const form = await say(alex, "prioriteringer", meeting2);
    expect(cardText(form)).toContain(nb.card.title(week2));
    expect(cardText(form)).toContain(escapeCardMarkdown(nb.prefilled(nb.week(week1))));
    expect(cardText(form)).toContain(escapeCardMarkdown(nb.carried(1)));
    const { card: rendered } = render(form as unknown as AdaptiveCard);
    expect([1, 2, 3, 4, 5].map((n) => input(rendered, lastId(n, "text")).value ?? "")).toEqual(["Hente tre tilbud", "Rekruttere en selger", "Følge opp Nordic AS", "Budsjett 2027", ""]);
    expect([1, 2, 3, 4].map((n) => input(rendered, lastId(n, "mark")).value ?? "")).toEqual(["", "", "", ""]);
    expect(input(rendered, nextId(1, "text")).value ?? "").toBe("");

    const value = use(
      form,
      {
        [lastId(1, "mark")]: "done",
        [lastId(1, "result")]: "Tre tilbud inne",
        [lastId(2, "mark")]: "partly",
        [lastId(3, "mark")]: "notDone",
        [lastId(4, "mark")]: "done",
        [nextId(1, "text")]: "Velge transportør",
        [nextId(2, "text")]: "Følge opp Nordic AS",
      },
      PRIORITY_VERBS.save,
    );
    expect(cardText(await invoke(alex, value, inMeetingChat(meeting2)))).toContain(nb.card.savedTitle);

    // Presented in the panel: the lead walks to Alex, whose marked week everyone sees.
    expect((await as(ORGANIZER, meetingPath(meeting2, "/priorities/commands"), { command: { id: randomUUID(), type: "setPrioritySpeaker", week: week2, memberId: ATTENDEE } })).status).toBe(200);
    const round = (await as<PriorityRoundResponse>(ATTENDEE, meetingPath(meeting2, "/priorities"))).body;
    expect(round.week).toBe(week2);
    expect(round.round).toMatchObject({ speakerId: ATTENDEE });
    const mine = round.members.find((m) => m.member.userId === ATTENDEE);
    expect(mine?.prepared).toBe(true);
    expect(mine?.entry?.lastWeek.map((p) => [p.text, p.mark, p.carriedWeeks])).toEqual([
      ["Hente tre tilbud", "done", 0],
      ["Rekruttere en selger", "partly", 0],
      ["Følge opp Nordic AS", "notDone", 0],
      ["Budsjett 2027", "done", 1],
    ]);

    expect((await as(ORGANIZER, meetingPath(meeting2, "/commands"), { command: command("endMeeting") })).status).toBe(200);
    const summary = (await as<SummaryResponse>(ATTENDEE, `${meetingPath(meeting2, "/summary")}?lang=en`)).body;
    // The one done since last week, then the call that carries over (the summary's order: new, updated, done, carries over).
    expect(brief(summary)).toEqual([
      ["Hente tre tilbud", "done", [ATTENDEE], dueOffers],
      ["Ringe transportøren", "open", [ATTENDEE], dueCall],
    ]);
    expect(cardText(summary.card)).toContain("(open, carries over)");
    expect(cardText(summary.card)).toContain("(done)");
    // Good news and decisions belong to their meeting: last week's are not this week's.
    expect(summary.record.goodNews ?? []).toEqual([]);
    expect(summary.record.sir.decisions).toEqual([]);
    expect(summary.record.priorities?.map((p) => [p.person.userId, p.lastWeek, p.nextWeek])).toEqual([
      [ATTENDEE, ["✓ Hente tre tilbud – Tre tilbud inne", "◐ Rekruttere en selger", "✗ Følge opp Nordic AS", "✓ Budsjett 2027"], ["Velge transportør", "Følge opp Nordic AS"]],
    ]);

    // After the meeting Alex gives the call a new due day, a week on, in the panel; its reminders start again from there.
    const newDue = addDays(day0, 14);
    const moved = await as<ActionCommandResponse>(ATTENDEE, meetingPath(meeting2, "/actions/commands"), { command: { id: `cmd-${randomUUID()}`, type: "setActionDue", actionId: callCarrier.id, due: newDue } });
    expect(moved.status).toBe(200);
    expect(lateDays(moved.body.action, list.today)).toBe(0);
    // Two days before the new due day, Alex is reminded again, once.
    await planned(callCarrier, newDue);
    const remindedAgain = atLocal(addDays(newDue, -2), "09:00", OSLO);
    await tickAt(remindedAgain);
    await tickAt(remindedAgain + 60_000);
    const aboutCall = remindersTo(ATTENDEE, callCarrier.id);
    expect(aboutCall).toHaveLength(4);
    expect(cardText(aboutCall[3])).toContain(remindNb.dueSoonTitle(2));

    // The week after: the plan is pre-filled again, and the not-done priority Alex planned again is there once.
    setClock(atLocal(addDays(day0, 14), "12:00", OSLO));
    const week3 = (await as<PriorityRoundResponse>(ATTENDEE, meetingPath(meeting2, "/priorities"))).body.mine.draft;
    expect(week3.lastWeek.map((p) => p.text)).toEqual(["Velge transportør", "Følge opp Nordic AS"]);

    // Done ones stay listed for 28 days after they were done; the open one stays until it is done.
    setClock(atLocal(addDays(dueOffers, -2), "09:00", OSLO) + 29 * DAY);
    expect((await as<ActionListResponse>(ATTENDEE, meetingPath(meeting2, "/actions"))).body.actions.map((x) => x.id)).toEqual([callCarrier.id]);
  });
});
