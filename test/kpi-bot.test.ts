/** @module KPIs in chat over real HTTP and real Azurite: "nøkkeltall" gets the sender's own form, saving stores their values (all or nothing), forged or bad input gets a card and stores nothing, and the lead's request posts a card into the meeting chat. */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOCAL_ATTENDEES } from "../bot/src/local/roster.js";
import { kpiInputId } from "../shared/src/cards/kpi-card.js";
import type { KpiActor } from "../shared/src/kpi/decide.js";
import type { Metric, MetricFields, WeeklyValue } from "../shared/src/kpi/model.js";
import { nextReminderAt } from "../shared/src/kpi/reminder.js";
import { addWeeks } from "../shared/src/kpi/week.js";
import {
  ATTENDEE,
  cardInvoke,
  cardText,
  executeValue,
  meetingPath,
  ORGANIZER,
  personalChat,
  postActivity,
  startService,
  teamsActivity,
  teamsUser,
  TENANT,
  type CardJson,
  type ErrorBody,
  type InvokeBody,
  type Service,
  type TeamsUser,
} from "./helpers/service.js";

let service: Service;

beforeAll(async () => {
  service = await startService({ ROLE_TTL_MS: "0" });
});

afterAll(async () => {
  await service?.close();
});

const CARD = "application/vnd.microsoft.card.adaptive";
const ingrid = teamsUser(ORGANIZER);
const alex = teamsUser(ATTENDEE);
const kari = teamsUser(LOCAL_ATTENDEES[3]?.userId ?? "");
const lead: KpiActor = { person: { userId: ingrid.userId, name: ingrid.name }, canManage: true };
const cmdId = () => `cmd-${randomUUID()}`;

/** A meeting of its own, its chat (the series) and a board: two KPIs and a key result for Kari, one KPI for Alex. */
async function team() {
  const meetingId = service.meeting();
  const chatId = service.connector.chatOf(meetingId);
  const conversation = { id: chatId, conversationType: "groupChat", isGroup: true, tenantId: TENANT };
  const where = { conversation, channelData: { tenant: { id: TENANT }, meeting: { id: meetingId } } };
  const kpi = service.app.kpi;

  const { board } = await kpi.loadBoard(TENANT, chatId);
  const week = kpi.currentWeek(board);
  const objective = await kpi.execute(TENANT, chatId, { id: cmdId(), type: "createObjective", fields: { title: "Fornøyde kunder", from: addWeeks(week, -4), to: addWeeks(week, 8), owner: lead.person } }, lead);
  if (!objective.ok || objective.change.kind !== "objective") throw new Error("objective not created");

  const create = async (name: string, owner: TeamsUser, extra: Partial<MetricFields> = {}): Promise<Metric> => {
    const fields: MetricFields = { kind: "kpi", objectiveId: null, name, unit: "%", direction: "higher", target: 95, targetMax: null, start: null, tolerancePct: 10, owner: { userId: owner.userId, name: owner.name }, ...extra };
    const result = await kpi.execute(TENANT, chatId, { id: cmdId(), type: "createMetric", fields }, lead);
    if (!result.ok || result.change.kind !== "metric") throw new Error(`metric not created: ${JSON.stringify(result)}`);
    return result.change.metric;
  };
  const precision = await create("Leveringspresisjon", kari);
  const tickets = await create("Åpne saker", kari, { unit: "", direction: "lower", target: 20 });
  const nps = await create("NPS", alex, { unit: "" });
  const keyResult = await create("Kundetilfredshet", kari, { kind: "keyResult", objectiveId: objective.change.objective.id, unit: "", target: 80, start: 60 });
  const archived = await create("Gammel KPI", kari);
  await kpi.execute(TENANT, chatId, { id: cmdId(), type: "archiveMetric", metricId: archived.id, archived: true }, lead);

  const values = (): Promise<WeeklyValue[]> => kpi.values(TENANT, chatId, addWeeks(week, -1), week);
  return { meetingId, chatId, conversation, where, week, precision, tickets, nps, keyResult, archived, values };
}
type Team = Awaited<ReturnType<typeof team>>;

/** Sends a message and returns the card the bot replied with (through the Bot Connector stand-in). */
async function say(from: TeamsUser, text: string, where: Record<string, unknown>, locale = "nb-NO"): Promise<CardJson> {
  const activity = teamsActivity(service, from, { text, locale, ...where });
  expect((await postActivity(service, activity)).status).toBe(200);
  const reply = service.connector.activities.find((a) => a.replyToId === activity.id);
  const attachments = reply?.activity.attachments as Array<{ contentType: string; content: CardJson }> | undefined;
  expect(attachments?.[0]?.contentType).toBe(CARD);
  const card = attachments?.[0]?.content;
  if (!card) throw new Error("The bot did not answer the message with a card.");
  return card;
}

/** Presses an Action.Execute: the invoke's HTTP answer must be a 200 with a card, whatever was sent. */
async function press(from: TeamsUser, value: unknown, where: Record<string, unknown>, extra: Record<string, unknown> = {}): Promise<CardJson> {
  const res = await cardInvoke(service, from, value, { locale: "nb-NO", ...where, ...extra });
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ statusCode: 200, type: CARD });
  const card = res.body.value;
  if (!card) throw new Error("No card in the invoke response.");
  expect(card).toMatchObject({ type: "AdaptiveCard", version: "1.5" });
  return card;
}

const inputs = (card: CardJson): string[] => card.body.filter((b) => b.type === "Input.Number").map((b) => String(b.id));
const inputValue = (card: CardJson, metricId: string): unknown => card.body.find((b) => b.id === kpiInputId(metricId))?.value;
const verbs = (card: CardJson): string[] => (card.actions ?? []).map((a) => a.verb ?? "");
const save = (t: Team, values: Record<string, unknown>, data: Record<string, unknown> = {}) =>
  executeValue("kpiSave", { seriesId: t.chatId, week: t.week, ...Object.fromEntries(Object.entries(values).map(([id, v]) => [kpiInputId(id), v])), ...data });

describe("asking for the KPI form in the meeting chat", () => {
  it("'nøkkeltall' gets the sender's own form in bokmål: their active KPIs and key results only, with targets and last week", async () => {
    const t = await team();
    await service.app.kpi.execute(TENANT, t.chatId, { id: cmdId(), type: "recordValue", metricId: t.precision.id, week: addWeeks(t.week, -1), value: 91 }, { person: kari, canManage: false });
    const card = await say(kari, "nøkkeltall", t.where);
    const words = cardText(card);
    expect(words).toMatch(/Oppdater nøkkeltallene mine – uke \d+/);
    expect(inputs(card)).toEqual([kpiInputId(t.precision.id), kpiInputId(t.tickets.id), kpiInputId(t.keyResult.id)]);
    expect(words).not.toMatch(/NPS|Gammel KPI/);
    expect(words).toMatch(/Målverdi ≥ 95 %/);
    expect(words).toMatch(/Forrige uke 91 %/);
    expect(verbs(card)).toEqual(["kpiSave"]);
    expect(card.actions?.[0]?.data).toEqual({ seriesId: t.chatId, week: t.week });
    expect(card.refresh).toMatchObject({ action: { verb: "kpiRefresh", data: { seriesId: t.chatId } }, userIds: [`8:orgid:${kari.userId}`] });
  });

  it.each([["<at>OKR result meeting</at> KPI"], ["  Update KPIs "], ["nyckeltal"], ["Oppdater KPI."]])("%j also gets the form", async (text) => {
    const t = await team();
    const card = await say(alex, text, t.where, "en-US");
    expect(cardText(card)).toMatch(/Update my KPIs – week/);
    expect(inputs(card)).toEqual([kpiInputId(t.nps.id)]);
  });

  it("someone who owns nothing is told so; they become someone the lead can make an owner", async () => {
    const t = await team();
    const card = await say(ingrid, "kpi", t.where);
    expect(cardText(card)).toMatch(/Du har ingen nøkkeltall å oppdatere/);
    expect(inputs(card)).toEqual([]);
    const { people } = await service.app.kpi.loadBoard(TENANT, t.chatId);
    expect(people.map((p) => p.userId)).toContain(ingrid.userId);
  });
});

describe("saving the form", () => {
  it("stores the entered values for this week (empty fields unchanged) and answers with the saved form and the new statuses", async () => {
    const t = await team();
    const card = await press(kari, save(t, { [t.precision.id]: "93,5", [t.tickets.id]: 12, [t.keyResult.id]: "" }), t.where);
    const stored = await t.values();
    expect(stored.map((v) => [v.metricId, v.week, v.value, v.by.userId]).sort()).toEqual(
      [
        [t.precision.id, t.week, 93.5, kari.userId],
        [t.tickets.id, t.week, 12, kari.userId],
      ].sort(),
    );
    const words = cardText(card);
    expect(words).toMatch(/Lagret ✔/);
    expect(inputValue(card, t.precision.id)).toBe(93.5);
    expect(inputValue(card, t.tickets.id)).toBe(12);
    // 93,5 against ≥ 95 with 10 % tolerance is at risk; 12 against ≤ 20 is on track.
    expect(words).toMatch(/⚠ I faresonen/);
    expect(words).toMatch(/✔ I rute/);
  });

  it("a key result is judged against the progress expected by this week of its objective's cycle", async () => {
    const t = await team();
    // Week 5 of 13 from 60 towards 80: about 67.7 expected, so 68 is on track (against the final 80 it would be off track).
    const card = await press(kari, save(t, { [t.keyResult.id]: 68 }), t.where);
    expect(cardText(card)).toMatch(/✔ I rute/);
    expect(cardText(card)).not.toMatch(/Ute av kurs/);
  });

  it("the same invoke delivered again (a Teams retry) after a correction does not undo the correction", async () => {
    const t = await team();
    const first = teamsActivity(service, kari, { type: "invoke", name: "adaptiveCard/action", value: save(t, { [t.precision.id]: 90 }), ...t.where });
    expect((await postActivity(service, first)).status).toBe(200);
    await press(kari, save(t, { [t.precision.id]: 91 }), t.where);
    expect((await postActivity(service, first)).status).toBe(200);
    expect((await t.values()).map((v) => [v.value, v.version])).toEqual([[91, 2]]);
  });

  it("'abc' gets the form back with the error by the KPI's name, and nothing is stored (not even the valid value)", async () => {
    const t = await team();
    const card = await press(kari, save(t, { [t.precision.id]: "abc", [t.tickets.id]: 12 }), t.where);
    const words = cardText(card);
    expect(words).toMatch(/Noen verdier ble ikke lagret/);
    expect(words).toMatch(/Leveringspresisjon: Skriv et tall/);
    expect(words).not.toMatch(/Lagret ✔/);
    // What the user typed correctly is kept in the form.
    expect(inputValue(card, t.tickets.id)).toBe(12);
    expect(await t.values()).toEqual([]);
  });

  it("someone else's KPI is refused by name, and nothing of the form is stored", async () => {
    const t = await team();
    const card = await press(alex, save(t, { [t.nps.id]: 40, [t.precision.id]: 99 }), t.where);
    expect(cardText(card)).toMatch(/Leveringspresisjon: Du er ikke eier av dette nøkkeltallet/);
    expect(inputs(card)).toEqual([kpiInputId(t.nps.id)]);
    expect(await t.values()).toEqual([]);
  });

  it("an archived KPI, an unknown KPI id or a future week is refused, nothing stored", async () => {
    const t = await team();
    expect(cardText(await press(kari, save(t, { [t.archived.id]: 5 }), t.where))).toMatch(/Gammel KPI: Nøkkeltallet er arkivert/);
    expect(cardText(await press(kari, save(t, { "kpi-doesnotexist1": 5 }), t.where))).toMatch(/Fant ikke nøkkeltallet/);
    expect(cardText(await press(kari, save(t, { [t.precision.id]: 5 }, { week: addWeeks(t.week, 1) }), t.where))).toMatch(/uke som ikke har begynt/);
    expect(await t.values()).toEqual([]);
  });

  it("a form of another chat (forged or stale seriesId) is refused: neither board changes", async () => {
    const t = await team();
    const other = await team();
    const card = await press(kari, save(t, { [other.precision.id]: 77 }, { seriesId: other.chatId }), t.where);
    expect(cardText(card)).toMatch(/hører til en annen chat/);
    expect(inputs(card)).toEqual([]);
    expect(await other.values()).toEqual([]);
    expect(await t.values()).toEqual([]);
  });

  it.each([
    ["data that is not an object", { action: { type: "Action.Execute", verb: "kpiSave", data: "v.x=1" } }],
    ["no series in the data", executeValue("kpiSave", { week: "2026-W10" })],
    ["a week that is not a week", { week: "2026-W99" }],
    ["too many inputs", Object.fromEntries(Array.from({ length: 41 }, (_, i) => [`v.kpi-cmd-${String(i).padStart(8, "0")}`, 1]))],
    ["a series only on the prototype key", { action: { type: "Action.Execute", verb: "kpiSave", data: JSON.parse('{"__proto__": {"seriesId": "x", "week": "2026-W10"}, "v.kpi-cmd-00000001": 5}') as unknown } }],
  ])("%s → 200 with a card saying what went wrong, nothing stored", async (_label, spec) => {
    const t = await team();
    const value = "action" in spec ? spec : save(t, {}, spec);
    const res = await postActivity<InvokeBody<CardJson>>(service, teamsActivity(service, kari, { type: "invoke", name: "adaptiveCard/action", locale: "en-US", value, ...t.where }));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ statusCode: 200, type: CARD, value: { type: "AdaptiveCard" } });
    expect(cardText(res.body.value)).toMatch(/did not arrive correctly|not valid/);
    expect(await t.values()).toEqual([]);
  });

  it("an old client's Action.Submit fallback arrives as a message and saves like the invoke", async () => {
    const t = await team();
    const data = { verb: "kpiSave", seriesId: t.chatId, week: t.week, [kpiInputId(t.nps.id)]: "42" };
    const activity = teamsActivity(service, alex, { text: "", value: data, ...t.where });
    expect((await postActivity(service, activity)).status).toBe(200);
    const reply = service.connector.activities.find((a) => a.replyToId === activity.id);
    expect(cardText(reply?.activity.attachments)).toMatch(/Saved ✔/);
    expect((await t.values()).map((v) => v.value)).toEqual([42]);
  });
});

describe("per-user views", () => {
  it("kpiRefresh and kpiOpen give each user their own form", async () => {
    const t = await team();
    const refresh = executeValue("kpiRefresh", { seriesId: t.chatId });
    expect(inputs(await press(alex, refresh, t.where))).toEqual([kpiInputId(t.nps.id)]);
    expect(inputs(await press(kari, refresh, t.where))).toHaveLength(3);
    // The request card's button and refresh carry the week too; the form is always for now.
    expect(inputs(await press(alex, executeValue("kpiOpen", { seriesId: t.chatId, week: addWeeks(t.week, -3) }), t.where))).toEqual([kpiInputId(t.nps.id)]);
    // The help card's button has no data: the conversation is the series.
    expect(inputs(await press(alex, executeValue("kpiOpen"), t.where))).toEqual([kpiInputId(t.nps.id)]);
    expect(cardText(await press(alex, executeValue("kpiRefresh", { seriesId: "19:other@thread.v2" }), t.where))).toMatch(/hører til en annen chat/);
  });

  it("in the 1:1 chat, the form is for the series the user was last seen in; someone seen nowhere is told where to ask", async () => {
    const t = await team();
    await say(alex, "hello", t.where, "en-US");
    const card = await say(alex, "kpi", { conversation: personalChat(alex) }, "en-US");
    expect(inputs(card)).toEqual([kpiInputId(t.nps.id)]);
    // The 1:1 form carries its series, so saving there stores into it.
    expect(card.actions?.[0]?.data).toMatchObject({ seriesId: t.chatId });
    await press(alex, save(t, { [t.nps.id]: 33 }), { conversation: personalChat(alex) });
    expect((await t.values()).map((v) => v.value)).toEqual([33]);

    const stranger = { userId: `00000000-0000-4000-8000-${randomUUID().slice(-12)}`, name: "New Person" };
    const nowhere = await say(stranger, "kpi", { conversation: personalChat(stranger) }, "en-US");
    expect(cardText(nowhere)).toMatch(/Write "kpi" in the team's chat/);
    const forged = await press(stranger, save(t, { [t.nps.id]: 1 }), { conversation: personalChat(stranger) }, { locale: "en-US" });
    expect(cardText(forged)).toMatch(/Write "kpi" in the team's chat/);
    expect((await t.values()).map((v) => v.value)).toEqual([33]);
  });
});

describe("the lead asks for this week's numbers", () => {
  const request = async (t: Team, userId: string) => service.api<{ posted: boolean; missing: number } & Partial<ErrorBody>>(meetingPath(t.meetingId, "/kpi/request?locale=nb-NO"), { method: "POST", token: await service.tokenFor(userId) });

  it("before the bot has seen the meeting chat: 409 saying to add it", async () => {
    const t = await team();
    const res = await request(t, ORGANIZER);
    expect(res.status).toBe(409);
    expect(res.body.error?.code).toBe("noConversation");
    expect(res.body.error?.message).toMatch(/add the app to the chat/i);
  });

  it("posts the request card into the meeting chat listing who has not updated; owners' clients refresh it into their form; an attendee gets 403", async () => {
    const t = await team();
    await say(alex, "hello", t.where, "en-US");
    await press(alex, save(t, { [t.nps.id]: 50 }), t.where);
    const before = service.connector.activities.length;

    const res = await request(t, ORGANIZER);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ posted: true, missing: 1 });
    const posted = service.connector.activities.slice(before).filter((a) => a.conversationId === t.chatId);
    expect(posted).toHaveLength(1);
    const card = (posted[0]?.activity.attachments as Array<{ contentType: string; content: CardJson }>)[0];
    expect(card?.contentType).toBe(CARD);
    const words = cardText(card?.content);
    expect(words).toMatch(/Oppdatering av nøkkeltall for uke/);
    expect(words).toMatch(/Har ikke oppdatert ennå:\nKari Attendee/);
    expect(words).not.toMatch(/Alex Attendee/);
    expect(card?.content.refresh).toMatchObject({ action: { verb: "kpiOpen", data: { seriesId: t.chatId, week: t.week } } });
    // The owners first, then the chat's other members: each of them sees the card in their own language.
    const userIds = [...(card?.content.refresh?.userIds ?? [])];
    expect(userIds.slice(0, 2).sort()).toEqual([`8:orgid:${alex.userId}`, `8:orgid:${kari.userId}`].sort());
    expect(userIds.slice(2).sort()).toEqual(LOCAL_ATTENDEES.filter((a) => a.userId !== alex.userId && a.userId !== kari.userId).map((a) => `8:orgid:${a.userId}`).sort());
    // Kari's client refreshes the request card into her own form.
    const refresh = { action: { type: "Action.Execute", verb: card?.content.refresh?.action.verb, data: card?.content.refresh?.action.data }, trigger: "automatic" };
    const refreshed = await press(kari, refresh, t.where);
    expect(inputs(refreshed)).toHaveLength(3);
    // Ingrid owns nothing: her client refreshes it into the request itself, in English when her Teams speaks English.
    const ingridView = await press(ingrid, refresh, t.where, { locale: "en-US" });
    expect(cardText(ingridView)).toMatch(/Not updated yet:\nKari Attendee/);
    expect(inputs(ingridView)).toHaveLength(0);

    const attendee = await request(t, ATTENDEE);
    expect(attendee.status).toBe(403);
    expect(service.connector.activities.slice(before).filter((a) => a.conversationId === t.chatId)).toHaveLength(1);
  });

  it("a weekly reminder set by the lead posts the request card at its time, once, and then schedules next week's", async () => {
    const t = await team();
    await say(alex, "hello", t.where, "en-US");
    const set = await service.api<{ changed: boolean }>(meetingPath(t.meetingId, "/kpi/commands"), {
      token: await service.tokenFor(ORGANIZER),
      body: { command: { id: cmdId(), type: "setReminder", reminder: { weekday: 1, time: "08:00" } } },
    });
    expect(set.status).toBe(200);
    const refused = await service.api<ErrorBody>(meetingPath(t.meetingId, "/kpi/commands"), {
      token: await service.tokenFor(ATTENDEE),
      body: { command: { id: cmdId(), type: "setReminder", reminder: null } },
    });
    expect(refused.status).toBe(403);

    const now = Date.now();
    const ours = async (at: number) => (await service.app.kpi.dueReminders(at, 1000)).filter((r) => r.seriesId === t.chatId);
    const [due] = await ours(now + 8 * 24 * 3_600_000);
    if (!due) throw new Error("no reminder scheduled");
    expect(due.dueAt).toBe(nextReminderAt(now, { weekday: 1, time: "08:00" }, "Europe/Oslo"));
    expect(await ours(due.dueAt - 1)).toEqual([]);

    const before = service.connector.activities.length;
    expect(await service.app.reminders.tick(due.dueAt)).toBeGreaterThanOrEqual(1);
    const posted = service.connector.activities.slice(before).filter((a) => a.conversationId === t.chatId);
    expect(posted).toHaveLength(1);
    // In the chat's language (Alex last wrote there in English), naming both owners: nobody has reported yet.
    const words = cardText((posted[0]?.activity.attachments as Array<{ content: CardJson }>)[0]?.content);
    expect(words).toMatch(/KPI update for week/);
    expect(words).toContain("Kari Attendee");
    expect(words).toContain("Alex Attendee");
    // Once: a second look at the same moment posts nothing; next week's is in the index.
    await service.app.reminders.tick(due.dueAt);
    expect(service.connector.activities.slice(before).filter((a) => a.conversationId === t.chatId)).toHaveLength(1);
    const [next] = await ours(due.dueAt + 8 * 24 * 3_600_000);
    expect(next?.dueAt).toBe(nextReminderAt(due.dueAt, { weekday: 1, time: "08:00" }, "Europe/Oslo"));
  });

  it("a reminder switched off is dropped when it comes due, and only one instance can take a due reminder", async () => {
    const t = await team();
    const lead = { person: { userId: ingrid.userId, name: ingrid.name }, canManage: true };
    await service.app.kpi.execute(TENANT, t.chatId, { id: cmdId(), type: "setReminder", reminder: { weekday: 3, time: "12:30" } }, lead);
    await service.app.kpi.execute(TENANT, t.chatId, { id: cmdId(), type: "setReminder", reminder: null }, lead);
    const [stale] = (await service.app.kpi.dueReminders(Date.now() + 8 * 24 * 3_600_000, 1000)).filter((r) => r.seriesId === t.chatId);
    if (!stale) throw new Error("the first setting's row should still be in the index");
    const claims = await Promise.all([service.app.kpi.claimReminder(stale, null), service.app.kpi.claimReminder(stale, null)]);
    expect(claims.filter(Boolean)).toHaveLength(1);

    await service.app.kpi.execute(TENANT, t.chatId, { id: cmdId(), type: "setReminder", reminder: { weekday: 3, time: "12:30" } }, lead);
    await service.app.kpi.execute(TENANT, t.chatId, { id: cmdId(), type: "setReminder", reminder: null }, lead);
    const [row] = (await service.app.kpi.dueReminders(Date.now() + 8 * 24 * 3_600_000, 1000)).filter((r) => r.seriesId === t.chatId);
    if (!row) throw new Error("no row");
    const before = service.connector.activities.length;
    await service.app.reminders.tick(row.dueAt);
    expect(service.connector.activities.slice(before).filter((a) => a.conversationId === t.chatId)).toHaveLength(0);
    expect((await service.app.kpi.dueReminders(row.dueAt + 8 * 24 * 3_600_000, 1000)).filter((r) => r.seriesId === t.chatId)).toEqual([]);
  });
});
