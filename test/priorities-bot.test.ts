// @vitest-environment happy-dom
/**
 * @module The priorities card in chat, round trip over real HTTP and real Azurite, each card parsed and rendered by the
 * real Adaptive Cards renderer and filled in and pressed like a user would, in nb, sv and en: the message opens the
 * member's pre-filled form, saving stores it, errors are said on the card, and a forged card changes nothing.
 */
import { randomUUID } from "node:crypto";
import http from "node:http";
import { ExecuteAction, SubmitAction, type Action } from "adaptivecards";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOCAL_ATTENDEES } from "../bot/src/local/roster.js";
import type { AdaptiveCard } from "../shared/src/cards/card-types.js";
import { escapeCardMarkdown } from "../shared/src/cards/markdown.js";
import { lastId, nextId, PRIORITY_VERBS } from "../shared/src/cards/priorities-card.js";
import { PRIORITIES_TEXT } from "../shared/src/i18n/priorities-text.js";
import { isoWeekAt } from "../shared/src/kpi/week.js";
import { PriorityStore } from "../bot/src/storage/priority-store.js";
import type { PriorityEntry } from "../shared/src/priorities/model.js";
import { click, fill, installCardRenderer, render } from "./helpers/card-renderer.js";
import { ATTENDEE, cardText, ORGANIZER, startService, teamsActivity, teamsUser, TENANT, type CardJson, type InvokeBody, type Service, type TeamsUser } from "./helpers/service.js";

installCardRenderer();
let service: Service;
beforeAll(async () => {
  service = await startService({ ROLE_TTL_MS: "0" });
});
afterAll(async () => {
  await service?.close();
});

const alex = teamsUser(ATTENDEE);
const ingrid = teamsUser(ORGANIZER);
const kari = teamsUser(LOCAL_ATTENDEES[3]?.userId ?? "");
const LOCALES = [
  ["nb", "nb-NO", "prioriteringer"],
  ["sv", "sv-SE", "prioriteringar"],
  ["en", "en-US", "priorities"],
] as const;

/** Node's own HTTP client: under happy-dom, `fetch` is the page's. */
function post<T>(path: string, body: unknown): Promise<{ status: number; body: T }> {
  const url = new URL(path, service.url);
  const data = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: "POST", headers: { "content-type": "application/json", "content-length": Buffer.byteLength(data) } }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => (text += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: (text ? JSON.parse(text) : null) as T }));
    });
    req.on("error", reject);
    req.end(data);
  });
}

/** The meeting's chat (the series) with the local roster and its roles. */
function meetingChat() {
  const meetingId = service.meeting();
  const chatId = `19:meeting_${randomUUID()}@thread.v2`;
  service.connector.setChat(meetingId, chatId);
  return { meetingId, conversation: { id: chatId, conversationType: "groupChat", isGroup: true, tenantId: TENANT }, channelData: { tenant: { id: TENANT }, meeting: { id: meetingId } } };
}
type Chat = ReturnType<typeof meetingChat>;

async function say(from: TeamsUser, text: string, chat: Chat, locale: string): Promise<CardJson> {
  const activity = teamsActivity(service, from, { text, conversation: chat.conversation, channelData: chat.channelData, locale });
  expect((await post("/api/messages", activity)).status).toBe(200);
  const reply = service.connector.activities.find((a) => a.replyToId === activity.id);
  const card = (reply?.activity.attachments as Array<{ content: CardJson }> | undefined)?.[0]?.content;
  if (!card) throw new Error("The bot did not answer with a card.");
  return card;
}

/** What the renderer's pressed Action.Execute sends, as Teams would invoke it. */
function valueOf(action: Action): Record<string, unknown> {
  if (!(action instanceof ExecuteAction)) throw new Error(`expected Action.Execute, got ${action.getJsonTypeName()}`);
  return { action: { type: "Action.Execute", id: action.id, verb: action.verb, data: action.data }, trigger: "manual" };
}

async function press(from: TeamsUser, value: unknown, chat: Chat, locale: string): Promise<CardJson> {
  const activity = teamsActivity(service, from, { type: "invoke", name: "adaptiveCard/action", value, conversation: chat.conversation, channelData: chat.channelData, locale });
  const res = await post<InvokeBody<CardJson>>("/api/messages", activity);
  expect(res.status).toBe(200);
  const card = res.body.value;
  if (!card) throw new Error("No card in the invoke response.");
  return card;
}

/** Renders like a Teams client, fills in, presses the action and returns what it sends. */
function use(card: CardJson, values: Record<string, string>, actionId: string): Record<string, unknown> {
  const { card: rendered, executed } = render(card as unknown as AdaptiveCard);
  fill(rendered, values);
  click(rendered, actionId);
  const action = executed[0];
  if (!action) throw new Error("nothing executed");
  return valueOf(action);
}

/** What storage holds (tokens cannot be signed under happy-dom, so the panel's GET is the API test's). */
async function roundOf(chat: Chat): Promise<{ members: { member: { userId: string }; prepared: boolean; entry: PriorityEntry | null }[] }> {
  const store = new PriorityStore(service.app.tables.meetings);
  const week = isoWeekAt(Date.now(), "Europe/Oslo");
  return {
    members: await Promise.all(
      [alex, kari, ingrid].map(async (p) => {
        const latest = await store.latestOf(TENANT, chat.conversation.id, p.userId);
        const entry = latest?.week === week ? latest : null;
        return { member: { userId: p.userId }, prepared: entry !== null && entry.nextWeek.length > 0, entry };
      }),
    ),
  };
}

describe.each(LOCALES)("the priorities card in %s", (locale, teamsLocale, word) => {
  const t = PRIORITIES_TEXT[locale];

  it("the message opens the member's form; filled in and saved, the entry is stored and the panel sees it prepared", async () => {
    const chat = meetingChat();
    const form = await say(alex, word, chat, teamsLocale);
    expect(cardText(form)).toContain(t.q1);
    expect(cardText(form)).toContain(t.q3);
    const value = use(form, { [nextId(1, "text")]: "  Tre tilbud fra transportører ", [nextId(1, "why")]: "Kostnadene", [nextId(2, "text")]: "Budsjett 2027", learned: "Be om hjelp tidligere", change: "Delegere mer" }, PRIORITY_VERBS.save);
    const saved = await press(alex, value, chat, teamsLocale);
    expect(cardText(saved)).toContain(t.card.savedTitle);
    expect(cardText(saved)).toContain("Tre tilbud fra transportører");
    render(saved as unknown as AdaptiveCard);
    const mine = (await roundOf(chat)).members.find((m) => m.member.userId === alex.userId);
    expect(mine).toMatchObject({ prepared: true, entry: { version: 1, nextWeek: [{ text: "Tre tilbud fra transportører", why: "Kostnadene" }, { text: "Budsjett 2027", why: "" }], learned: "Be om hjelp tidligere" } });

    // "Change" opens the form again, filled with what is stored; pressing save twice (a Teams retry) stores once.
    const again = await press(alex, use(saved, {}, PRIORITY_VERBS.open), chat, teamsLocale);
    expect(cardText(again)).toContain("Budsjett 2027");
    const edit = use(again, { [nextId(3, "text")]: "Rekruttere" }, PRIORITY_VERBS.save);
    await press(alex, edit, chat, teamsLocale);
    const entry = (await roundOf(chat)).members.find((m) => m.member.userId === alex.userId)?.entry;
    expect(entry?.nextWeek.map((p) => p.text)).toEqual(["Tre tilbud fra transportører", "Budsjett 2027", "Rekruttere"]);
    expect(entry?.version).toBe(2);
  });

  it("errors say what is wrong, keep what was typed, and store nothing", async () => {
    const chat = meetingChat();
    const form = await say(alex, word, chat, teamsLocale);
    // The renderer itself refuses to send without a first priority (isRequired); the service checks the rest.
    const value = use(form, { [nextId(1, "text")]: "Rekruttere", [nextId(2, "why")]: "Uten prioritering", [lastId(1, "result")]: "Et resultat" }, PRIORITY_VERBS.save);
    const refused = await press(alex, value, chat, teamsLocale);
    const text = cardText(refused);
    expect(text).toContain(t.card.errorsHeading);
    expect(text).toContain(escapeCardMarkdown(t.card.needText(2)));
    expect(text).toContain(escapeCardMarkdown(t.card.resultWithoutText(1)));
    expect(text).toContain("Rekruttere");
    render(refused as unknown as AdaptiveCard);
    expect((await roundOf(chat)).members.find((m) => m.member.userId === alex.userId)?.entry).toBeNull();
  });

  it("a forged card for another member is refused on a card and changes nothing; the lead may save it", async () => {
    const chat = meetingChat();
    const form = await say(kari, word, chat, teamsLocale);
    const value = use(form, { [nextId(1, "text")]: "Kari's plan" }, PRIORITY_VERBS.save);
    const forged = await press(alex, value, chat, teamsLocale);
    expect(cardText(forged)).toContain(escapeCardMarkdown(t.errors.notYours ?? ""));
    expect((await roundOf(chat)).members.find((m) => m.member.userId === kari.userId)?.entry).toBeNull();
    const byLead = await press(ingrid, value, chat, teamsLocale);
    expect(cardText(byLead)).toContain(t.card.savedTitle);
    expect((await roundOf(chat)).members.find((m) => m.member.userId === kari.userId)?.entry).toMatchObject({ member: { userId: kari.userId }, updatedBy: { userId: ingrid.userId } });
  });
});

describe("the priorities card, pre-filled and guarded", () => {
  it("a card made for last week is answered with this week's form, saying why; an old client's Action.Submit fallback saves too", async () => {
    const chat = meetingChat();
    const form = await say(alex, "priorities", chat, "en-US");
    const value = use(form, { [nextId(1, "text")]: "Plan" }, PRIORITY_VERBS.save) as { action: { data: Record<string, unknown> } };
    const old = { ...value, action: { ...value.action, data: { ...value.action.data, week: "2020-W10" } } };
    const answered = await press(alex, old, chat, "en-US");
    expect(cardText(answered)).toContain(escapeCardMarkdown(PRIORITIES_TEXT.en.errors.weekChanged ?? ""));
    expect((await roundOf(chat)).members.find((m) => m.member.userId === alex.userId)?.entry).toBeNull();

    // The fallback: a message whose value carries the verb.
    const { card: rendered } = render(form as unknown as AdaptiveCard);
    const fallback = rendered.getActionById(PRIORITY_VERBS.save) instanceof ExecuteAction ? (form.actions?.[0]?.fallback as { data: Record<string, unknown> }) : null;
    expect(fallback?.data.verb).toBe(PRIORITY_VERBS.save);
    const activity = teamsActivity(service, alex, { value: { ...fallback?.data, [nextId(1, "text")]: "Via fallback" }, conversation: chat.conversation, channelData: chat.channelData });
    expect((await post("/api/messages", activity)).status).toBe(200);
    expect((await roundOf(chat)).members.find((m) => m.member.userId === alex.userId)?.entry?.nextWeek).toEqual([{ text: "Via fallback", why: "" }]);
    expect(SubmitAction).toBeDefined();
    expect(isoWeekAt(Date.now(), "Europe/Oslo")).toMatch(/^\d{4}-W\d{2}$/);
  });

  it("in the 1:1 chat the form is for the series the member was last seen in; someone seen nowhere is told where to start", async () => {
    const chat = meetingChat();
    // Alex says something in the team's meeting chat first: the bot notes where it saw him.
    await say(alex, "hello", chat, "en-US");
    const personal = { conversation: { id: `a:personal-${alex.userId}`, conversationType: "personal", tenantId: TENANT }, channelData: { tenant: { id: TENANT } }, meetingId: "" };
    const form = await say(alex, "priorities", personal as unknown as Chat, "en-US");
    const value = use(form, { [nextId(1, "text")]: "Prepared in private" }, PRIORITY_VERBS.save) as { action: { data: Record<string, unknown> } };
    expect(value.action.data.seriesId).toBe(chat.conversation.id);
    const saved = await press(alex, value, personal as unknown as Chat, "en-US");
    expect(cardText(saved)).toContain(PRIORITIES_TEXT.en.card.savedTitle);
    expect((await roundOf(chat)).members.find((m) => m.member.userId === alex.userId)?.entry?.nextWeek).toEqual([{ text: "Prepared in private", why: "" }]);
    // A card naming a series the user was never seen in changes nothing.
    const forged = await press(alex, { ...value, action: { ...value.action, data: { ...value.action.data, seriesId: "19:someone-else@thread.v2" } } }, personal as unknown as Chat, "en-US");
    expect(cardText(forged)).toContain(escapeCardMarkdown(PRIORITIES_TEXT.en.card.inTeamChat));
    const stranger = teamsUser("00000000-0000-4000-8000-00000000beef");
    const nowhere = await say(stranger, "priorities", { ...personal, conversation: { ...personal.conversation, id: `a:personal-${stranger.userId}` } } as unknown as Chat, "en-US");
    expect(cardText(nowhere)).toContain(escapeCardMarkdown(PRIORITIES_TEXT.en.card.inTeamChat));
  });
});
