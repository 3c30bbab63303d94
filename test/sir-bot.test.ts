/** @module SIR items in chat over real HTTP and real Azurite: "sir" opens the form, card actions store, edit, withdraw and refresh items with per-user views; bad or forged input gets a card and changes nothing. */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOCAL_ATTENDEES } from "../bot/src/local/roster.js";
import type { SirItem } from "../shared/src/sir/item.js";
import {
  ATTENDEE,
  cardInvoke,
  cardText,
  executeValue,
  ORGANIZER,
  personalChat,
  postActivity,
  PRESENTER,
  startService,
  teamsActivity,
  teamsUser,
  TENANT,
  type CardJson,
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

const ingrid = teamsUser(ORGANIZER);
const sven = teamsUser(PRESENTER);
const alex = teamsUser(ATTENDEE);
const kari = teamsUser(LOCAL_ATTENDEES[3]?.userId ?? "");

const CARD = "application/vnd.microsoft.card.adaptive";

/** A team chat of its own per test: its id is the series. */
function chat(): { id: string; conversationType: string; isGroup: boolean; tenantId: string } {
  return { id: `19:sir-${randomUUID()}@thread.v2`, conversationType: "groupChat", isGroup: true, tenantId: TENANT };
}
type Chat = ReturnType<typeof chat> | Record<string, unknown>;

const answers = {
  kind: "issue",
  title: "Lead times slip in week 12",
  problem: "Suppliers deliver late, so the KR on delivery precision is red.",
  proposal1: "Second supplier",
  proposal2: "Safety stock",
  proposal3: "",
  recommendation: "Safety stock for the top 20 parts",
  concerns: "KR 2.1 delivery precision",
};

/** Sends a message and returns the card the bot replied with (through the Bot Connector stand-in). */
async function say(from: TeamsUser, text: string, conversation: Chat, locale = "en-US"): Promise<{ card: CardJson; id: string }> {
  const activity = teamsActivity(service, from, { text, conversation, locale });
  expect((await postActivity(service, activity)).status).toBe(200);
  const reply = service.connector.activities.find((a) => a.replyToId === activity.id);
  const attachments = reply?.activity.attachments as Array<{ contentType: string; content: CardJson }> | undefined;
  expect(attachments?.[0]?.contentType).toBe(CARD);
  const card = attachments?.[0]?.content;
  if (!reply || !card) throw new Error("The bot did not answer the message with a card.");
  return { card, id: reply.id };
}

/** Presses an Action.Execute: the invoke's HTTP answer must be a 200 with a card, whatever was sent. */
async function press(from: TeamsUser, value: unknown, conversation: Chat, extra: Record<string, unknown> = {}): Promise<CardJson> {
  const res = await cardInvoke(service, from, value, { conversation, ...extra });
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ statusCode: 200, type: CARD });
  const card = res.body.value;
  if (!card) throw new Error("No card in the invoke response.");
  expect(card).toMatchObject({ type: "AdaptiveCard", version: "1.5" });
  return card;
}

const verbs = (card: CardJson): string[] => (card.actions ?? []).map((a) => a.verb ?? "");
const seriesOf = (conversation: { id: string }) => service.app.sir.list(TENANT, conversation.id);

async function onlyItem(conversation: { id: string }): Promise<SirItem> {
  const items = await seriesOf(conversation);
  expect(items).toHaveLength(1);
  const item = items[0];
  if (!item) throw new Error("No item stored.");
  return item;
}

/** Ingrid prepares an item in a fresh chat; returns the chat and the stored item. */
async function prepared(data: Record<string, unknown> = answers): Promise<{ conversation: ReturnType<typeof chat>; item: SirItem; card: CardJson }> {
  const conversation = chat();
  const card = await press(ingrid, executeValue("sir.submit", data), conversation);
  return { conversation, item: await onlyItem(conversation), card };
}

describe("asking for the SIR form in a team chat", () => {
  it.each([
    ["sir", "nb-NO", /Forbered en SIR-sak/, /Beskriv utfordringen/],
    ["Nytt ärende", "sv-SE", /Förbered ett SIR-ärende|SIR-ärende/, /Beskriv/],
    ["<at>OKR result meeting</at> new sir", "en-US", /Prepare a SIR item/, /Describe the challenge, problem or opportunity/],
    ["  NY SAK ", "nb-NO", /Forbered en SIR-sak/, /Hva er 2–3 forslag/],
  ])("%j in %s gets the form with the three questions in the user's language", async (text, locale, heading, question) => {
    const { card } = await say(alex, text, chat(), locale);
    const words = cardText(card);
    expect(words).toMatch(heading);
    expect(words).toMatch(question);
    const inputs = card.body.filter((b) => String(b.type).startsWith("Input.")).map((b) => b.id);
    expect(inputs).toEqual(["kind", "title", "problem", "proposal1", "proposal2", "proposal3", "recommendation", "concerns", "forDate"]);
    expect(verbs(card)).toEqual(["sir.submit"]);
  });

  it("any other message gets the help card, now with Prepare SIR and Update my KPIs buttons", async () => {
    const conversation = chat();
    const { card } = await say(alex, "hello", conversation);
    expect(cardText(card)).toMatch(/OKR result meeting/);
    expect(verbs(card)).toEqual(["sir.new", "kpiOpen"]);
    const form = await press(alex, executeValue("sir.new"), conversation);
    expect(cardText(form)).toMatch(/Prepare a SIR item/);
    expect(verbs(form)).toEqual(["sir.submit"]);
  });
});

describe("submitting the form", () => {
  it("stores the item for the chat's series with the sender as author and answers with their editable read card", async () => {
    const conversation = chat();
    const { id: formMessageId } = await say(ingrid, "sir", conversation);
    const card = await press(ingrid, executeValue("sir.submit", answers), conversation, { replyToId: formMessageId });

    const item = await onlyItem(conversation);
    expect(item).toMatchObject({
      tenantId: TENANT,
      seriesId: conversation.id,
      version: 1,
      status: "open",
      author: { userId: ORGANIZER, name: "Ingrid Organizer" },
      kind: "issue",
      title: answers.title,
      proposals: ["Second supplier", "Safety stock"],
      meetingId: null,
    });
    expect(cardText(card)).toMatch(/Lead times slip in week 12/);
    expect(cardText(card)).toMatch(/Ready/);
    expect(verbs(card)).toEqual(["sir.edit", "sir.withdraw"]);
    expect(card.refresh).toMatchObject({ action: { verb: "sir.refresh", data: { itemId: item.id } }, userIds: [`8:orgid:${ORGANIZER}`] });

    // Everyone else's copy of the message becomes the read view (no buttons); the author's client refreshes to theirs.
    const shared = service.connector.activities.find((a) => a.id === formMessageId)?.activity.attachments as Array<{ content: CardJson }>;
    expect(shared[0]?.content.actions ?? []).toEqual([]);
    expect(cardText(shared[0]?.content)).toMatch(/Lead times slip in week 12/);
  });

  it("a draft with only a title and one proposal is stored, flagged not ready with what is missing", async () => {
    const { item, card } = await prepared({ kind: "risk", title: "Key person leaves", proposal1: "Pair up" });
    expect(item).toMatchObject({ kind: "risk", problem: "", proposals: ["Pair up"], recommendation: "" });
    expect(cardText(card)).toMatch(/Missing problem description, at least 2 proposals, recommendation/);
  });

  it("a field over its limit gets the form back with the error and the user's text, and stores nothing", async () => {
    const conversation = chat();
    const card = await press(ingrid, executeValue("sir.submit", { ...answers, problem: "p".repeat(2001) }), conversation);
    expect(cardText(card)).toMatch(/Problem description is too long: 2001 characters, at most 2000/);
    expect(cardText(card)).toMatch(/Lead times slip in week 12/);
    expect(verbs(card)).toEqual(["sir.submit"]);
    expect(await seriesOf(conversation)).toEqual([]);
  });

  it("a missing title gets the form back saying so, and stores nothing", async () => {
    const conversation = chat();
    const card = await press(alex, executeValue("sir.submit", { ...answers, title: "   " }), conversation);
    expect(cardText(card)).toMatch(/Title is missing/);
    expect(await seriesOf(conversation)).toEqual([]);
  });

  it("the same invoke delivered twice (a Teams retry) stores one item", async () => {
    const conversation = chat();
    const activity = teamsActivity(service, alex, { type: "invoke", name: "adaptiveCard/action", value: executeValue("sir.submit", answers), conversation });
    expect((await postActivity(service, activity)).status).toBe(200);
    expect((await postActivity(service, activity)).status).toBe(200);
    expect(await seriesOf(conversation)).toHaveLength(1);
  });

  it("pressing Save twice on the same form message (a double click) stores one item", async () => {
    const conversation = chat();
    const { id: formMessageId } = await say(alex, "sir", conversation);
    await press(alex, executeValue("sir.submit", answers), conversation, { replyToId: formMessageId });
    const second = await press(alex, executeValue("sir.submit", answers), conversation, { replyToId: formMessageId });
    expect(cardText(second)).toMatch(/Lead times slip in week 12/);
    expect(await seriesOf(conversation)).toHaveLength(1);
  });

  it("a form in the group chat saves only for whoever asked for it: another attendee's Save stores nothing and says why", async () => {
    const conversation = chat();
    const { card: form, id: formMessageId } = await say(ingrid, "sir", conversation);
    const save = form.actions?.find((a) => a.verb === "sir.submit");
    expect(save?.data).toMatchObject({ formFor: ORGANIZER });

    // Alex fills in Ingrid's form (it is in the chat for everyone) and presses Save: the card he gets back says so.
    const refused = await press(alex, executeValue("sir.submit", { ...save?.data, ...answers }), conversation, { replyToId: formMessageId });
    expect(cardText(refused)).toMatch(/Someone else opened this form, and nothing was saved/);
    expect(await seriesOf(conversation)).toEqual([]);

    // In Norwegian too, and Ingrid's own Save still stores the item as hers.
    const nb = await press(alex, executeValue("sir.submit", { ...save?.data, ...answers }), conversation, { replyToId: formMessageId, locale: "nb-NO" });
    expect(cardText(nb)).toMatch(/Noen andre åpnet dette skjemaet, så ingenting ble lagret/);
    await press(ingrid, executeValue("sir.submit", { ...save?.data, ...answers }), conversation, { replyToId: formMessageId });
    expect((await onlyItem(conversation)).author.userId).toBe(ORGANIZER);
  });

  it("user text shows literally: markdown and links are escaped in the card JSON", async () => {
    const { card } = await prepared({ ...answers, title: "[x](javascript:alert(1))", problem: "**bold** and _it_" });
    const json = JSON.stringify(card);
    expect(json).not.toContain("[x](javascript");
    expect(json).not.toContain("**bold**");
    expect(cardText(card)).toContain("\\[x\\](javascript:alert(1))");
    expect(cardText(card)).toContain("\\*\\*bold\\*\\* and \\_it\\_");
  });
});

describe("changing an item", () => {
  it("the author edits: Edit opens the filled-in form, saving stores version 2", async () => {
    const { conversation, item } = await prepared();
    const form = await press(ingrid, executeValue("sir.edit", { itemId: item.id, version: item.version }), conversation);
    expect(cardText(form)).toMatch(/Edit the SIR item/);
    expect(cardText(form)).toContain(answers.recommendation);
    const save = form.actions?.[0];
    expect(save?.data).toMatchObject({ itemId: item.id, version: 1 });

    const card = await press(ingrid, executeValue("sir.submit", { ...answers, ...save?.data, title: "Lead times: fixed scope" }), conversation);
    expect(cardText(card)).toMatch(/Lead times: fixed scope/);
    expect(await onlyItem(conversation)).toMatchObject({ version: 2, title: "Lead times: fixed scope" });
  });

  it("another attendee cannot edit: Edit shows the read card saying who can, and a forged save changes nothing", async () => {
    const { conversation, item } = await prepared();
    const refused = await press(alex, executeValue("sir.edit", { itemId: item.id, version: 1 }), conversation);
    expect(cardText(refused)).toMatch(/Only the person who prepared the item/);
    expect(verbs(refused)).toEqual([]);

    const forged = await press(alex, executeValue("sir.submit", { ...answers, itemId: item.id, version: 1, title: "Hijacked" }), conversation);
    expect(cardText(forged)).toMatch(/Only the person who prepared the item/);
    expect(cardText(forged)).not.toMatch(/Hijacked/);
    expect(await onlyItem(conversation)).toEqual(item);
  });

  it("saving from an outdated form shows the current item and says it changed meanwhile", async () => {
    const { conversation, item } = await prepared();
    await press(ingrid, executeValue("sir.submit", { ...answers, itemId: item.id, version: 1, title: "Newer title" }), conversation);
    const stale = await press(ingrid, executeValue("sir.submit", { ...answers, itemId: item.id, version: 1, title: "Older edit" }), conversation);
    expect(cardText(stale)).toMatch(/changed the item while you were editing/);
    expect(cardText(stale)).toMatch(/Newer title/);
    expect(stale.actions?.[0]?.data).toMatchObject({ itemId: item.id, version: 2 });
    expect(await onlyItem(conversation)).toMatchObject({ version: 2, title: "Newer title" });
  });

  it("the author withdraws the item: stored as withdrawn, the card shows it without buttons", async () => {
    const { conversation, item } = await prepared();
    const card = await press(ingrid, executeValue("sir.withdraw", { itemId: item.id, version: 1 }), conversation);
    expect(cardText(card)).toMatch(/Withdrawn/);
    expect(verbs(card)).toEqual([]);
    expect(await onlyItem(conversation)).toMatchObject({ status: "withdrawn", version: 2 });

    const again = await press(ingrid, executeValue("sir.edit", { itemId: item.id }), conversation);
    expect(cardText(again)).toMatch(/closed and can no longer be changed/);
  });

  it("another attendee cannot withdraw it", async () => {
    const { conversation, item } = await prepared();
    const card = await press(kari, executeValue("sir.withdraw", { itemId: item.id }), conversation, { locale: "nb-NO" });
    expect(cardText(card)).toMatch(/Bare den som forberedte saken/);
    expect(await onlyItem(conversation)).toEqual(item);
  });

  it("refresh gives the author the editable view and everyone else the read view", async () => {
    const { conversation, item } = await prepared();
    const refresh = executeValue("sir.refresh", { itemId: item.id });
    expect(verbs(await press(ingrid, refresh, conversation))).toEqual(["sir.edit", "sir.withdraw"]);
    const others = await press(alex, refresh, conversation);
    expect(verbs(others)).toEqual([]);
    expect(cardText(others)).toMatch(/Lead times slip in week 12/);
  });

  it("in a meeting chat, a presenter of the meeting may edit someone else's item; an attendee may not", async () => {
    const meetingId = service.meeting();
    const conversation = chat();
    const inMeeting = { conversation, channelData: { tenant: { id: TENANT }, meeting: { id: meetingId } } };
    await press(alex, executeValue("sir.submit", answers), conversation, inMeeting);
    const item = await onlyItem(conversation);
    const refresh = executeValue("sir.refresh", { itemId: item.id });
    expect(verbs(await press(sven, refresh, conversation, inMeeting))).toEqual(["sir.edit", "sir.withdraw"]);
    expect(verbs(await press(kari, refresh, conversation, inMeeting))).toEqual([]);

    await press(sven, executeValue("sir.submit", { ...answers, itemId: item.id, version: 1, title: "Reworded by the lead" }), conversation, inMeeting);
    expect(await onlyItem(conversation)).toMatchObject({ title: "Reworded by the lead", author: { userId: ATTENDEE } });
  });

  it("an item of another chat is not found from here", async () => {
    const { item } = await prepared();
    const card = await press(ingrid, executeValue("sir.refresh", { itemId: item.id }), chat());
    expect(cardText(card)).toMatch(/The item was not found/);
  });
});

describe("malformed card actions", () => {
  const big = "x".repeat(1_000_000);
  it.each([
    ["no value", undefined],
    ["no action", { trigger: "manual" }],
    ["an unknown verb", executeValue("sir.delete", {})],
    ["not Action.Execute", { action: { type: "Action.Submit", verb: "sir.submit", data: answers } }],
    ["data that is not an object", { action: { type: "Action.Execute", verb: "sir.submit", data: "title=x" } }],
    ["data that is a list", { action: { type: "Action.Execute", verb: "sir.submit", data: [answers] } }],
    ["a 1 MB string as the value", big],
    ["a 1 MB title", executeValue("sir.submit", { ...answers, title: big })],
    ["an item id that is not ours", executeValue("sir.edit", { itemId: "../../etc" })],
    ["a prototype key", { action: { type: "Action.Execute", verb: "sir.submit", data: JSON.parse('{"__proto__": {"title": "x"}, "kind": "issue"}') as unknown } }],
  ])("%s → 200 with a card saying what went wrong, nothing stored", async (_label, value) => {
    const conversation = chat();
    const res = await postActivity<InvokeBody<CardJson>>(service, teamsActivity(service, alex, { type: "invoke", name: "adaptiveCard/action", conversation, ...(value === undefined ? {} : { value }) }));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ statusCode: 200, type: CARD, value: { type: "AdaptiveCard" } });
    expect(cardText(res.body.value)).toMatch(/did not work|not saved|did not arrive|does not belong|missing/);
    expect(await seriesOf(conversation)).toEqual([]);
  });

  it("an invoke from someone Teams did not identify gets a card, not a failure", async () => {
    const conversation = chat();
    const anonymous = teamsActivity(service, alex, { type: "invoke", name: "adaptiveCard/action", conversation, value: executeValue("sir.submit", answers), from: { id: "29:x", name: "X" } });
    const res = await postActivity<InvokeBody<CardJson>>(service, anonymous);
    expect(res.status).toBe(200);
    expect(cardText(res.body.value)).toMatch(/did not tell me who you are/);
    expect(await seriesOf(conversation)).toEqual([]);
  });
});

describe("request size", () => {
  it("a card submission up to 2 MiB gets an answer; a message over 256 KiB is refused with 413 and not answered", async () => {
    const conversation = chat();
    const before = service.connector.activities.length;
    const res = await postActivity(service, teamsActivity(service, alex, { conversation, text: "x".repeat(300 * 1024) }));
    expect(res.status).toBe(413);
    expect(service.connector.activities.length).toBe(before);
    const huge = await cardInvoke(service, alex, executeValue("sir.submit", { ...answers, problem: "p".repeat(1_500_000) }), { conversation });
    expect(huge.status).toBe(200);
    expect(cardText(huge.body.value)).toMatch(/Problem description is too long: 1500000 characters/);
    expect(await seriesOf(conversation)).toEqual([]);
  });
});

describe("the 1:1 chat with the bot", () => {
  it("offers the chats the user was seen in; saving there stores the item in the chosen series", async () => {
    const team = { ...chat(), name: "Sales leadership" };
    await say(kari, "hello", team);
    const { card } = await say(kari, "sir", personalChat(kari));
    const picker = card.body.find((b) => b.id === "seriesId") as { choices: Array<{ title: string; value: string }> } | undefined;
    expect(picker?.choices).toContainEqual({ title: "Sales leadership", value: team.id });

    const saved = await press(kari, executeValue("sir.submit", { ...answers, seriesId: team.id }), personalChat(kari));
    const item = await onlyItem(team);
    expect(item.author.userId).toBe(kari.userId);
    // The 1:1 chat has no series of its own: the card's actions carry it.
    expect(saved.actions?.[0]?.data).toMatchObject({ itemId: item.id, seriesId: team.id });
    expect(verbs(await press(kari, executeValue("sir.refresh", { itemId: item.id, seriesId: team.id }), personalChat(kari)))).toEqual(["sir.edit", "sir.withdraw"]);
  });

  it("refuses a series the user was never seen in, storing nothing", async () => {
    const elsewhere = chat();
    await say(alex, "hello", chat());
    const card = await press(alex, executeValue("sir.submit", { ...answers, seriesId: elsewhere.id }), personalChat(alex));
    expect(cardText(card)).toMatch(/I have not seen you in that chat/);
    expect(await seriesOf(elsewhere)).toEqual([]);
  });

  it("someone seen nowhere yet is told to prepare the item in the team's chat", async () => {
    const stranger = { userId: `00000000-0000-4000-8000-${randomUUID().slice(-12)}`, name: "New Person" };
    const { card } = await say(stranger, "sir", personalChat(stranger));
    expect(cardText(card)).toMatch(/Prepare the item in the team's meeting chat/);
    expect(verbs(card)).toEqual([]);
  });
});

describe("clients without Universal Actions", () => {
  it("the Action.Submit fallback arrives as a message and is handled like the invoke", async () => {
    const conversation = chat();
    const activity = teamsActivity(service, ingrid, { conversation, text: "", value: { ...answers, verb: "sir.submit" } });
    expect((await postActivity(service, activity)).status).toBe(200);
    const reply = service.connector.activities.find((a) => a.replyToId === activity.id);
    expect(cardText(reply?.activity.attachments)).toMatch(/Lead times slip in week 12/);
    expect(await onlyItem(conversation)).toMatchObject({ title: answers.title });
  });
});

describe("the prepareSir messaging extension", () => {
  it("fetchTask opens the form in a dialog; submitAction stores the item and returns its card for the compose box", async () => {
    const conversation = chat();
    const fetch = await postActivity<InvokeBody>(
      service,
      teamsActivity(service, sven, { type: "invoke", name: "composeExtension/fetchTask", conversation, locale: "sv-SE", value: { commandId: "prepareSir", commandContext: "compose", context: { theme: "default" } } }),
    );
    expect(fetch.status).toBe(200);
    expect(fetch.body.task?.type).toBe("continue");
    const dialog = fetch.body.task?.value.card;
    expect(dialog?.contentType).toBe(CARD);
    // Dialogs submit with Action.Submit; the verb travels in the data.
    expect(dialog?.content.actions?.[0]).toMatchObject({ type: "Action.Submit", data: { verb: "sir.submit" } });

    const submit = (data: Record<string, unknown>) =>
      postActivity<InvokeBody>(service, teamsActivity(service, sven, { type: "invoke", name: "composeExtension/submitAction", conversation, locale: "sv-SE", value: { commandId: "prepareSir", commandContext: "compose", data } }));

    const invalid = await submit({ ...answers, title: "", verb: "sir.submit" });
    expect(invalid.status).toBe(200);
    expect(invalid.body.task?.type).toBe("continue");
    expect(cardText(invalid.body.task?.value.card?.content)).toMatch(/Rubrik saknas/);
    expect(await seriesOf(conversation)).toEqual([]);

    const ok = await submit({ ...answers, verb: "sir.submit" });
    expect(ok.status).toBe(200);
    expect(ok.body.composeExtension).toMatchObject({ type: "result", attachmentLayout: "list" });
    const attachment = ok.body.composeExtension?.attachments[0];
    expect(attachment?.contentType).toBe(CARD);
    expect(cardText(attachment?.content)).toMatch(/Lead times slip in week 12/);
    expect(await onlyItem(conversation)).toMatchObject({ author: { userId: PRESENTER } });
  });

  it("a submitAction for another command or without data is answered with an error card", async () => {
    const conversation = chat();
    for (const value of [{ commandId: "other", data: answers }, { commandId: "prepareSir" }, "x"]) {
      const res = await postActivity<InvokeBody>(service, teamsActivity(service, sven, { type: "invoke", name: "composeExtension/submitAction", conversation, value }));
      expect(res.status).toBe(200);
      expect(cardText(res.body.task?.value.card?.content)).toMatch(/did not arrive correctly/);
    }
    expect(await seriesOf(conversation)).toEqual([]);
  });
});
