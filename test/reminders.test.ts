/**
 * Action reminders in Teams, end to end on real Azurite and real HTTP, with the Bot Connector stand-in: exactly once
 * with two instances racing on the same storage, after a restart, backing off on 429, an unreachable owner reported
 * to the meeting chat once, and the card's Mark done / Snooze over the real bot endpoint (a forged one refused).
 * The reminder clock is the test's: every tick is given its time, nothing waits for a real day.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ActionStore } from "../bot/src/storage/action-store.js";
import { ReminderStore } from "../bot/src/storage/reminder-store.js";
import { addDays, dayIn } from "../shared/src/actions/dates.js";
import type { Action } from "../shared/src/actions/model.js";
import { atLocal } from "../shared/src/actions/reminders.js";
import { REMINDER_VERBS } from "../shared/src/cards/reminder-card.js";
import { REMINDER_TEXT } from "../shared/src/cards/reminder-text.js";
import type { ActionCommandResponse } from "../shared/src/wire/actions-protocol.js";
import { ATTENDEE, cardInvoke, cardText, executeValue, meetingPath, ORGANIZER, personalChat, postActivity, PRESENTER, startService, teamsActivity, teamsUser, TENANT, type CardJson, type ErrorBody, type Service } from "./helpers/service.js";

const KARI = "00000000-0000-4000-8000-00000000b004";
const OSLO = "Europe/Oslo";
const HOUR = 3_600_000;

let a: Service;
let b: Service;
beforeAll(async () => {
  a = await startService();
  // A second instance on the same storage (its own stand-in; the stored references name A's, as Teams' would one URL).
  b = await startService({ STORAGE_CONNECTION_STRING: a.app.storageConnectionString });
});
afterAll(async () => {
  await b?.close();
  await a?.close();
});

const today = () => dayIn(Date.now(), OSLO);
const store = () => new ReminderStore(a.app.tables.reminders);

/** A meeting of its own series, whose chat the bot has seen (so it can post there and knows the meeting). */
async function meeting(roles: Record<string, "Attendee" | "Presenter"> = {}): Promise<{ meetingId: string; chatId: string }> {
  const meetingId = a.meeting(roles);
  const chatId = a.connector.chatOf(meetingId);
  const hello = teamsActivity(a, teamsUser(ORGANIZER), { text: "hello", conversation: { id: chatId, conversationType: "groupChat", isGroup: true, tenantId: TENANT }, channelData: { tenant: { id: TENANT }, meeting: { id: meetingId } } });
  expect((await postActivity(a, hello)).status).toBeLessThan(300);
  return { meetingId, chatId };
}

/** The owner writes to the bot in their 1:1 chat once: the bot keeps that conversation for reminders. */
async function openPersonalChat(userId: string): Promise<void> {
  const user = teamsUser(userId);
  expect((await postActivity(a, teamsActivity(a, user, { text: "hi", conversation: personalChat(user) }))).status).toBeLessThan(300);
}

async function createAction(meetingId: string, owners: string[], due: string, by = ORGANIZER, title = "Call the carrier"): Promise<Action> {
  const res = await a.api<ActionCommandResponse>(meetingPath(meetingId, "/actions/commands"), {
    token: await a.tokenFor(by),
    body: { command: { id: randomUUID(), type: "createAction", fields: { title, owners, due, subtasks: [], source: null } } },
  });
  expect(res.status).toBe(200);
  return res.body.action;
}

/** Waits (generously: the machine is shared) until the action's owners all have a plan, i.e. its change was indexed. */
async function planned(action: Action, owners = action.owners.length): Promise<void> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const plans = (await store().plans(TENANT, action.seriesId)).filter((p) => p.actionId === action.id && p.plan.indexRow !== "");
    if (plans.length >= owners) return;
    if (Date.now() > deadline) throw new Error(`The reminders of ${action.id} were not planned.`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Reminder cards the owner got in their 1:1 chat (about `actionId`, if given). */
function remindersTo(userId: string, actionId?: string): CardJson[] {
  return a.connector
    .personalMessages(userId)
    .flatMap((m) => ((m.activity.attachments as Array<{ content: CardJson }> | undefined) ?? []).map((x) => x.content))
    .filter((card) => card.actions?.some((x) => x.verb === REMINDER_VERBS.done && (!actionId || x.data?.actionId === actionId)));
}

const dueSoonAt = (due: string) => atLocal(addDays(due, -2), "09:00", OSLO);
const overdueAt = (due: string) => atLocal(addDays(due, 1), "09:00", OSLO);

describe("action reminders", () => {
  it("two instances racing on the same storage send each owner's reminder exactly once: two days before at 09:00, then once when overdue", async () => {
    const { meetingId } = await meeting();
    await openPersonalChat(ATTENDEE);
    await openPersonalChat(PRESENTER);
    const due = addDays(today(), 5);
    const actions = [await createAction(meetingId, [ATTENDEE, PRESENTER], due), await createAction(meetingId, [ATTENDEE], due, ORGANIZER, "Order the parts")];
    for (const x of actions) await planned(x);

    // A minute early: nothing.
    await Promise.all([a.app.actionReminders.tick(dueSoonAt(due) - 60_000), b.app.actionReminders.tick(dueSoonAt(due) - 60_000)]);
    expect(remindersTo(ATTENDEE, actions[0]?.id)).toHaveLength(0);

    for (let round = 0; round < 3; round++) await Promise.all([a.app.actionReminders.tick(dueSoonAt(due) + round * 1000), b.app.actionReminders.tick(dueSoonAt(due) + round * 1000)]);
    expect(remindersTo(ATTENDEE, actions[0]?.id)).toHaveLength(1);
    expect(remindersTo(ATTENDEE, actions[1]?.id)).toHaveLength(1);
    expect(remindersTo(PRESENTER, actions[0]?.id)).toHaveLength(1);
    // In the language of the owner's 1:1 chat (the test's activities say en-US), with the three buttons.
    const card = remindersTo(ATTENDEE, actions[0]?.id)[0];
    expect(cardText(card)).toContain(REMINDER_TEXT.en.dueSoonTitle(2));
    expect(card?.actions?.map((x) => x.type)).toEqual(["Action.Execute", "Action.Execute", "Action.OpenUrl"]);

    for (let round = 0; round < 3; round++) await Promise.all([a.app.actionReminders.tick(overdueAt(due) + round * 1000), b.app.actionReminders.tick(overdueAt(due) + round * 1000)]);
    expect(remindersTo(ATTENDEE, actions[0]?.id)).toHaveLength(2);
    expect(cardText(remindersTo(ATTENDEE, actions[0]?.id)[1])).toContain(REMINDER_TEXT.en.overdueTitle(1));
    // Nothing more, however often and however late the instances look.
    await Promise.all([a.app.actionReminders.tick(overdueAt(due) + 30 * 24 * HOUR), b.app.actionReminders.tick(overdueAt(due) + 30 * 24 * HOUR)]);
    expect(remindersTo(ATTENDEE, actions[0]?.id)).toHaveLength(2);
    expect(remindersTo(PRESENTER, actions[0]?.id)).toHaveLength(2);
  });

  it("after a restart: an instance stopped, the clock past the due day, a new instance sends the overdue reminder once (not 'due in 2 days')", async () => {
    const { meetingId } = await meeting();
    await openPersonalChat(ATTENDEE);
    const due = addDays(today(), 4);
    const action = await createAction(meetingId, [ATTENDEE], due, ORGANIZER, "Restart check");
    await planned(action);
    await b.close();
    b = await startService({ STORAGE_CONNECTION_STRING: a.app.storageConnectionString });
    const late = overdueAt(due) + 3 * HOUR;
    await b.app.actionReminders.tick(late);
    await b.app.actionReminders.tick(late + 60_000);
    const got = remindersTo(ATTENDEE, action.id);
    expect(got).toHaveLength(1);
    expect(cardText(got[0])).toContain(REMINDER_TEXT.en.overdueTitle(1));
    expect(cardText(got[0])).not.toContain(REMINDER_TEXT.en.dueSoonTitle(2));
    await b.app.actionReminders.tick(late + 7 * 24 * HOUR);
    expect(remindersTo(ATTENDEE, action.id)).toHaveLength(1);
  });

  it("an instance that took a reminder and crashed: another takes it once the lease is over; one that crashed after sending is not repeated", async () => {
    const { meetingId } = await meeting();
    await openPersonalChat(ATTENDEE);
    const due = addDays(today(), 12);
    const crashed = await createAction(meetingId, [ATTENDEE], due, ORGANIZER, "Taken then crashed");
    const sentThenCrashed = await createAction(meetingId, [ATTENDEE], due, ORGANIZER, "Sent then crashed");
    await planned(crashed);
    await planned(sentThenCrashed);
    const t = dueSoonAt(due);
    const rows = (await store().due(t, 1000)).filter((r) => r.actionId === crashed.id || r.actionId === sentThenCrashed.id);
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      // What the crashed instance left: its lease; for the second, also the sent mark (the message went out).
      const fields = row.actionId === crashed.id ? { leaseUntil: t + 120_000, leasedBy: "crashed" } : { leaseUntil: t + 120_000, leasedBy: "crashed", sentAt: t, sentKind: "dueSoon" };
      expect(await store().updateRow(row, fields)).not.toBeNull();
    }
    await Promise.all([a.app.actionReminders.tick(t + 60_000), b.app.actionReminders.tick(t + 60_000)]);
    expect(remindersTo(ATTENDEE, crashed.id)).toHaveLength(0);
    await Promise.all([a.app.actionReminders.tick(t + 121_000), b.app.actionReminders.tick(t + 121_000)]);
    expect(remindersTo(ATTENDEE, crashed.id)).toHaveLength(1);
    expect(remindersTo(ATTENDEE, sentThenCrashed.id)).toHaveLength(0);
    // Both go on to their overdue reminder, once.
    await Promise.all([a.app.actionReminders.tick(overdueAt(due)), b.app.actionReminders.tick(overdueAt(due))]);
    expect(remindersTo(ATTENDEE, crashed.id)).toHaveLength(2);
    expect(remindersTo(ATTENDEE, sentThenCrashed.id)).toHaveLength(1);
  });

  it("Teams answers 429: the reminder waits for Retry-After, is not lost, and is delivered once", async () => {
    const { meetingId } = await meeting();
    await openPersonalChat(PRESENTER);
    const due = addDays(today(), 6);
    const action = await createAction(meetingId, [PRESENTER], due, ORGANIZER, "Rate-limited");
    await planned(action);
    // Retry-After 1 s: botbuilder's own client also honours it for its few quick retries (real seconds, so keep it short).
    a.connector.refuseUserMessages(PRESENTER, 429, 1);
    const t = dueSoonAt(due);
    expect((await a.app.actionReminders.tick(t)).rateLimited).toBe(1);
    const tries = a.connector.refusedFor.get(PRESENTER) ?? 0;
    expect(tries).toBeGreaterThan(0);
    expect(remindersTo(PRESENTER, action.id)).toHaveLength(0);
    // Before Retry-After is over (on the scheduler's clock) nobody tries again, on either instance.
    await Promise.all([a.app.actionReminders.tick(t + 500), b.app.actionReminders.tick(t + 900)]);
    expect(a.connector.refusedFor.get(PRESENTER)).toBe(tries);
    a.connector.refuseUserMessages(PRESENTER, null);
    await Promise.all([a.app.actionReminders.tick(t + 2_500), b.app.actionReminders.tick(t + 2_500)]);
    await a.app.actionReminders.tick(t + 60_000);
    expect(remindersTo(PRESENTER, action.id)).toHaveLength(1);
  });

  it("an owner the bot cannot reach (403) is reported once in the meeting chat, and not tried again and again", async () => {
    const { meetingId, chatId } = await meeting();
    a.connector.refuseUserMessages(KARI, 403);
    const due = addDays(today(), 3);
    const first = await createAction(meetingId, [KARI], due, ORGANIZER, "Unreachable one");
    const second = await createAction(meetingId, [KARI], due, ORGANIZER, "Unreachable two");
    await planned(first);
    await planned(second);
    const notes = () => a.connector.activities.filter((x) => x.conversationId === chatId && cardText(x.activity.attachments).includes(REMINDER_TEXT.en.unreachableTitle));
    await Promise.all([a.app.actionReminders.tick(dueSoonAt(due)), b.app.actionReminders.tick(dueSoonAt(due))]);
    expect(notes()).toHaveLength(1);
    expect(cardText(notes()[0]?.activity.attachments)).toContain("Kari Attendee");
    const tries = a.connector.refusedFor.get(KARI) ?? 0;
    // The same reminders are not tried again; the overdue ones are tried once each and not reported again.
    await a.app.actionReminders.tick(dueSoonAt(due) + HOUR);
    expect(a.connector.refusedFor.get(KARI)).toBe(tries);
    await a.app.actionReminders.tick(overdueAt(due));
    await a.app.actionReminders.tick(overdueAt(due) + 7 * 24 * HOUR);
    expect(notes()).toHaveLength(1);
    expect(remindersTo(KARI)).toHaveLength(0);
    a.connector.refuseUserMessages(KARI, null);
  });

  it("with no 1:1 chat stored, the bot creates one with the user and tenant, keeps it, and reminds there", async () => {
    const owner = `00000000-0000-4000-8000-${randomUUID().slice(-12)}`;
    // A participant who never wrote to the bot (so no 1:1 chat is stored); they add the action for themselves.
    const { meetingId } = await meeting({ [owner]: "Attendee" });
    const due = addDays(today(), 8);
    const action = await createAction(meetingId, [owner], due, owner, "New chat");
    await planned(action);
    await a.app.actionReminders.tick(dueSoonAt(due));
    expect(remindersTo(owner, action.id)).toHaveLength(1);
    expect(a.connector.personalMessages(owner)[0]?.conversationId).toBe(`a:personal-${owner}`);
  });
});

describe("the reminder card's buttons, over the bot endpoint", () => {
  async function reminded(owner: string, title: string): Promise<{ action: Action; meetingId: string; card: CardJson }> {
    const { meetingId } = await meeting();
    await openPersonalChat(owner);
    const due = addDays(today(), 9);
    const action = await createAction(meetingId, [owner], due, ORGANIZER, title);
    await planned(action);
    await a.app.actionReminders.tick(dueSoonAt(due));
    const card = remindersTo(owner, action.id)[0];
    if (!card) throw new Error("no reminder");
    return { action, meetingId, card };
  }
  const press = (card: CardJson, verb: string, userId: string, extra: Record<string, unknown> = {}) => {
    const data = card.actions?.find((x) => x.verb === verb)?.data ?? {};
    return cardInvoke(a, teamsUser(userId), executeValue(verb, { ...data, ...extra }), { conversation: personalChat(teamsUser(userId)) });
  };
  const stored = (action: Action) => new ActionStore(a.app.tables.actions).get(TENANT, action.seriesId, action.id);

  it("Mark done from the card marks the action done as its owner, replaces the card, and the overdue reminder never comes", async () => {
    const { action, card } = await reminded(ATTENDEE, "Done from the card");
    const res = await press(card, REMINDER_VERBS.done, ATTENDEE);
    expect(res.status).toBe(200);
    expect(cardText(res.body.value)).toContain(REMINDER_TEXT.en.doneTitle);
    expect((await stored(action))?.status).toBe("done");
    await a.app.actionReminders.tick(overdueAt(action.due ?? "") + HOUR);
    expect(remindersTo(ATTENDEE, action.id)).toHaveLength(1);
  });

  it("Snooze pushes the owner's next reminder by the chosen days", async () => {
    const { action, card } = await reminded(ATTENDEE, "Snoozed");
    const pressedAt = Date.now();
    const res = await press(card, REMINDER_VERBS.snooze, ATTENDEE, { snoozeDays: "3" });
    expect(cardText(res.body.value)).toContain(REMINDER_TEXT.en.snoozedTitle);
    const at = atLocal(addDays(dayIn(pressedAt, OSLO), 3), "09:00", OSLO);
    await a.app.actionReminders.tick(at - 60_000);
    expect(remindersTo(ATTENDEE, action.id)).toHaveLength(1);
    await a.app.actionReminders.tick(at);
    expect(remindersTo(ATTENDEE, action.id)).toHaveLength(2);
  });

  it("a forged Mark done (someone else's action, an unknown id, bad data) answers a card saying what is wrong and changes nothing; a lead may", async () => {
    const { action, card } = await reminded(PRESENTER, "Not yours");
    const forged = await press(card, REMINDER_VERBS.done, ATTENDEE);
    expect(cardText(forged.body.value)).toContain(REMINDER_TEXT.en.problems.notOwner);
    expect(await stored(action)).toEqual(action);
    const unknown = await press(card, REMINDER_VERBS.done, ATTENDEE, { actionId: "act-doesnotexist1" });
    expect(cardText(unknown.body.value)).toContain(REMINDER_TEXT.en.problems.notFound);
    const bad = await press(card, REMINDER_VERBS.done, ATTENDEE, { actionId: "<script>", seriesId: 42 });
    expect(cardText(bad.body.value)).toContain(REMINDER_TEXT.en.problems.badData);
    const snoozeOther = await press(card, REMINDER_VERBS.snooze, ATTENDEE);
    expect(cardText(snoozeOther.body.value)).toContain(REMINDER_TEXT.en.problems.noReminder);
    expect(await stored(action)).toEqual(action);
    // The meeting's organizer is a lead: the same button works for them.
    const lead = await press(card, REMINDER_VERBS.done, ORGANIZER);
    expect(cardText(lead.body.value)).toContain(REMINDER_TEXT.en.doneTitle);
    expect((await stored(action))?.status).toBe("done");
  });
});

describe("the reminder card on a client without Universal Actions", () => {
  it("the Action.Submit fallback (a message with the verb) marks the action done the same way, and the bot answers with the done card", async () => {
    const { meetingId } = await meeting();
    await openPersonalChat(ATTENDEE);
    const due = addDays(today(), 11);
    const action = await createAction(meetingId, [ATTENDEE], due, ORGANIZER, "Old client");
    await planned(action);
    await a.app.actionReminders.tick(dueSoonAt(due));
    const data = remindersTo(ATTENDEE, action.id)[0]?.actions?.find((x) => x.verb === REMINDER_VERBS.done)?.data ?? {};
    const before = a.connector.personalMessages(ATTENDEE).length;
    const user = teamsUser(ATTENDEE);
    expect((await postActivity(a, teamsActivity(a, user, { conversation: personalChat(user), value: { ...data, verb: REMINDER_VERBS.done } }))).status).toBeLessThan(300);
    const answer = a.connector.personalMessages(ATTENDEE).slice(before);
    expect(cardText(answer.map((m) => m.activity.attachments))).toContain(REMINDER_TEXT.en.doneTitle);
    expect((await new ActionStore(a.app.tables.actions).get(TENANT, action.seriesId, action.id))?.status).toBe("done");
  });
});

describe("the team's reminder settings", () => {
  it("everyone reads them (default 2 days, 09:00); only a lead changes them, validated; a change plans the open actions again", async () => {
    const { meetingId } = await meeting();
    const path = meetingPath(meetingId, "/reminders");
    const read = await a.api<{ settings: unknown; canEdit: boolean; timeZone: string }>(path, { token: await a.tokenFor(ATTENDEE) });
    expect(read.body).toMatchObject({ settings: { daysBefore: 2, time: "09:00" }, canEdit: false, timeZone: OSLO });
    const body = { id: randomUUID(), daysBefore: 5, time: "07:30" };
    const refused = await a.api<ErrorBody>(path, { method: "PUT", token: await a.tokenFor(ATTENDEE), body });
    expect(refused.status).toBe(403);
    for (const bad of [{ ...body, daysBefore: 15 }, { ...body, time: "25:00" }, { ...body, extra: true }, { daysBefore: 1, time: "09:00" }]) {
      const res = await a.api<ErrorBody>(path, { method: "PUT", token: await a.tokenFor(ORGANIZER), body: bad });
      expect(res.status, JSON.stringify(bad)).toBe(400);
      expect(res.body.error.code).toBe("invalidSettings");
    }
    expect((await a.api<{ settings: unknown }>(path, { token: await a.tokenFor(ATTENDEE) })).body.settings).toEqual({ daysBefore: 2, time: "09:00" });

    await openPersonalChat(ATTENDEE);
    const due = addDays(today(), 10);
    const action = await createAction(meetingId, [ATTENDEE], due, ORGANIZER, "Replanned");
    await planned(action);
    const saved = await a.api<{ settings: unknown; changed: boolean }>(path, { method: "PUT", token: await a.tokenFor(PRESENTER), body });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ settings: { daysBefore: 5, time: "07:30" }, changed: true });
    // The retry (same id) changes nothing.
    expect((await a.api<{ changed: boolean }>(path, { method: "PUT", token: await a.tokenFor(PRESENTER), body })).body.changed).toBe(false);
    const at = atLocal(addDays(due, -5), "07:30", OSLO);
    await a.app.actionReminders.tick(at - 60_000);
    expect(remindersTo(ATTENDEE, action.id)).toHaveLength(0);
    await a.app.actionReminders.tick(at);
    expect(remindersTo(ATTENDEE, action.id)).toHaveLength(1);
    expect(cardText(remindersTo(ATTENDEE, action.id)[0])).toContain(REMINDER_TEXT.en.dueSoonTitle(5));
  });
});
