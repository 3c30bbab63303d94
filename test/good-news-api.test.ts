/**
 * @module Good news over real HTTP on real Azurite: every attendee adds their own, wins first; only the author or a
 * lead changes one (403 and nothing changed otherwise); links checked against the KPI board; limits; a retried command
 * applied once; live on every attendee's stream; the chat form (`godt nytt`) stores through the same store; praise
 * posted to the set-up's channel through the Bot Connector stand-in exactly once, also when asked twice at once.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOCAL_TEAM } from "../bot/src/local/connector-stub.js";
import { LOCAL_CHAT_ID } from "../bot/src/local/roster.js";
import { GOOD_NEWS_LIMITS } from "../shared/src/goodnews/model.js";
import type { GoodNewsCommandResponse, GoodNewsListResponse, PraisePostResponse } from "../shared/src/wire/good-news-protocol.js";
import { ATTENDEE, cardInvoke, cardText, executeValue, meetingPath, ORGANIZER, postActivity, PRESENTER, startService, teamsActivity, teamsUser, TENANT, type CardJson, type ErrorBody, type Service } from "./helpers/service.js";

const KARI = "00000000-0000-4000-8000-00000000b004";
const RESULTS = "19:local-okr-results@thread.tacv2";
let service: Service;
beforeAll(async () => {
  service = await startService({ COMMAND_RATE: "100000", COMMAND_BURST: "100000" });
});
afterAll(async () => {
  await service?.close();
});

const cmd = (type: string, extra: Record<string, unknown>) => ({ id: randomUUID(), type, ...extra });
const addCmd = (fields: Record<string, unknown> = {}) => cmd("addGoodNews", { fields: { kind: "win", text: "Record sales in November", link: null, praise: null, ...fields } });

async function send<T>(meetingId: string, userId: string, command: Record<string, unknown>) {
  return service.api<T>(meetingPath(meetingId, "/good-news/commands"), { token: await service.tokenFor(userId), body: { command } });
}
async function list(meetingId: string, userId = ATTENDEE): Promise<GoodNewsListResponse> {
  const res = await service.api<GoodNewsListResponse>(meetingPath(meetingId, "/good-news"), { token: await service.tokenFor(userId) });
  expect(res.status).toBe(200);
  return res.body;
}
async function added(meetingId: string, userId: string, fields: Record<string, unknown> = {}) {
  const res = await send<GoodNewsCommandResponse>(meetingId, userId, addCmd(fields));
  expect(res.status).toBe(200);
  return res.body.item;
}
/** An objective on the meeting's series' KPI board (made by the lead through the KPI API). */
async function objectiveOn(meetingId: string, title = "Grow in the Nordics"): Promise<string> {
  const c = cmd("createObjective", { fields: { title, from: "2026-W49", to: "2027-W10", owner: null } });
  const res = await service.api(meetingPath(meetingId, "/kpi/commands"), { token: await service.tokenFor(ORGANIZER), body: { command: c } });
  expect(res.status).toBe(200);
  return `obj-${c.id}`;
}

describe("a meeting's good news", () => {
  it("attendees add wins and challenges; everyone sees them wins first, tied to the board's objective", async () => {
    const meetingId = service.meeting();
    const objectiveId = await objectiveOn(meetingId);
    await added(meetingId, ATTENDEE, { kind: "challenge", text: "Deliveries are late" });
    const win = await added(meetingId, KARI, { text: "New customer in Malmö", link: { kind: "objective", objectiveId } });
    expect(win).toMatchObject({ author: { userId: KARI, name: "Kari Attendee" }, version: 1, link: { kind: "objective", objectiveId } });
    const seen = await list(meetingId, ORGANIZER);
    expect(seen.items.map((i) => [i.kind, i.text])).toEqual([
      ["win", "New customer in Malmö"],
      ["challenge", "Deliveries are late"],
    ]);
    expect(seen.board.objectives).toEqual([{ id: objectiveId, title: "Grow in the Nordics" }]);
    expect(seen.limits).toEqual({ perAuthor: GOOD_NEWS_LIMITS.perAuthor, perMeeting: GOOD_NEWS_LIMITS.perMeeting });
  });

  it("only the author or a lead edits or deletes: another attendee gets 403 and nothing changes", async () => {
    const meetingId = service.meeting();
    const item = await added(meetingId, KARI);
    for (const c of [cmd("editGoodNews", { itemId: item.id, fields: { kind: "win", text: "Hijacked", link: null, praise: null } }), cmd("deleteGoodNews", { itemId: item.id })]) {
      const refused = await send<ErrorBody>(meetingId, ATTENDEE, c);
      expect(refused.status).toBe(403);
      expect(refused.body.error.code).toBe("notAuthor");
    }
    expect((await list(meetingId)).items).toEqual([item]);
    const edited = await send<GoodNewsCommandResponse>(meetingId, KARI, cmd("editGoodNews", { itemId: item.id, fields: { kind: "challenge", text: "Record, but margins fell", link: null, praise: null } }));
    expect(edited.body.item).toMatchObject({ kind: "challenge", text: "Record, but margins fell", version: 2 });
    expect((await send(meetingId, PRESENTER, cmd("deleteGoodNews", { itemId: item.id }))).status).toBe(200);
    expect((await list(meetingId)).items).toEqual([]);
  });

  it("a retried command (same id), even two at once, is applied once", async () => {
    const meetingId = service.meeting();
    const c = addCmd();
    const [r1, r2] = await Promise.all([send<GoodNewsCommandResponse>(meetingId, ATTENDEE, c), send<GoodNewsCommandResponse>(meetingId, ATTENDEE, c)]);
    expect([r1.status, r2.status]).toEqual([200, 200]);
    expect(r1.body.item.id).toBe(r2.body.item.id);
    expect((await send<GoodNewsCommandResponse>(meetingId, ATTENDEE, c)).body.changed).toBe(false);
    expect((await list(meetingId)).items).toHaveLength(1);
  });

  it(`an author has at most ${GOOD_NEWS_LIMITS.perAuthor} items in a meeting; the next is refused (409) and not stored; others still add`, async () => {
    const meetingId = service.meeting();
    await Promise.all(Array.from({ length: GOOD_NEWS_LIMITS.perAuthor + 2 }, (_, i) => send(meetingId, ATTENDEE, addCmd({ text: `Win ${i}` }))));
    expect((await list(meetingId)).items).toHaveLength(GOOD_NEWS_LIMITS.perAuthor);
    const refused = await send<ErrorBody>(meetingId, ATTENDEE, addCmd());
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe("authorFull");
    expect((await list(meetingId)).items).toHaveLength(GOOD_NEWS_LIMITS.perAuthor);
    await added(meetingId, KARI);
    // Deleting one makes room again.
    const mine = (await list(meetingId)).items.find((i) => i.author.userId === ATTENDEE);
    expect((await send(meetingId, ATTENDEE, cmd("deleteGoodNews", { itemId: mine?.id }))).status).toBe(200);
    await added(meetingId, ATTENDEE, { text: "Room again" });
  });

  it.each([
    ["a link to an objective not on the board", () => addCmd({ link: { kind: "objective", objectiveId: "obj-not-on-the-board" } }), 400, "unknownLink"],
    ["a text too long", () => addCmd({ text: "x".repeat(GOOD_NEWS_LIMITS.textMax + 1) }), 400, "invalidCommand"],
    ["an empty text", () => addCmd({ text: "  " }), 400, "invalidCommand"],
    ["a praise name too long", () => addCmd({ praise: { name: "x".repeat(GOOD_NEWS_LIMITS.praiseNameMax + 1), share: true } }), 400, "invalidCommand"],
    ["an author typed in", () => ({ ...addCmd(), author: { userId: KARI, name: "Kari" } }), 400, "invalidCommand"],
    ["an unknown kind", () => addCmd({ kind: "praise" }), 400, "invalidCommand"],
  ])("%s is refused and nothing is stored", async (_name, make, status, code) => {
    const meetingId = service.meeting();
    const res = await send<ErrorBody>(meetingId, ATTENDEE, make());
    expect(res.status).toBe(status);
    expect(res.body.error.code).toBe(code);
    expect(res.body.error.message.length).toBeGreaterThan(10);
    expect((await list(meetingId)).items).toEqual([]);
  });

  it("without a token: 401; someone outside the meeting: 403; neither reads or changes anything", async () => {
    const meetingId = service.meeting();
    expect((await service.api(meetingPath(meetingId, "/good-news"))).status).toBe(401);
    expect((await service.api(meetingPath(meetingId, "/good-news/commands"), { body: { command: addCmd() } })).status).toBe(401);
    const outsider = "00000000-0000-4000-8000-0000000000ee";
    expect((await service.api(meetingPath(meetingId, "/good-news"), { token: await service.tokenFor(outsider) })).status).toBe(403);
    expect((await send<ErrorBody>(meetingId, outsider, addCmd())).status).toBe(403);
    expect((await list(meetingId)).items).toEqual([]);
  });

  it("every open panel of the meeting gets a change as it happens", async () => {
    const meetingId = service.meeting();
    const stream = await service.openStream(meetingId, await service.tokenFor(KARI));
    expect((await stream.nextMessage()).type).toBe("hello");
    const item = await added(meetingId, ATTENDEE);
    let message = await stream.nextMessage();
    while (message.type !== "goodNews") message = await stream.nextMessage();
    expect(message.item).toMatchObject({ id: item.id, text: "Record sales in November", version: 1 });
  });
});

/** A meeting of the local team's channel meeting series with the Results channel chosen in its set-up. */
async function meetingWithChannel(): Promise<string> {
  const meetingId = service.meeting();
  service.connector.setChat(meetingId, LOCAL_CHAT_ID);
  const saved = await service.api(meetingPath(meetingId, "/setup"), { method: "PUT", token: await service.tokenFor(ORGANIZER), body: { id: `save-${randomUUID()}`, templateId: "teamWeekly60", teamId: LOCAL_TEAM.id, channelId: RESULTS } });
  expect(saved.status).toBe(200);
  return meetingId;
}
const inChannel = () => service.connector.activities.filter((a) => a.conversationId.startsWith(`${RESULTS};messageid=`));
const share = async <T = PraisePostResponse>(meetingId: string, userId: string, itemId: string, locale = "nb") => service.api<T>(meetingPath(meetingId, "/good-news/praise"), { token: await service.tokenFor(userId), body: { itemId, locale } });
const praised = (meetingId: string, userId = ATTENDEE) => added(meetingId, userId, { text: "Support fixed the outage in one night", praise: { name: "Support i Malmö", share: true } });

describe("praise shared outside the meeting", () => {
  it("the author shares: one praise card in the team's channel; asking again answers the same message", async () => {
    const meetingId = await meetingWithChannel();
    const item = await praised(meetingId);
    const before = inChannel().length;
    const first = await share(meetingId, ATTENDEE, item.id);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ itemId: item.id, channelName: "Results", duplicate: false });
    expect(inChannel()).toHaveLength(before + 1);
    expect(JSON.stringify(inChannel().at(-1)?.activity.attachments)).toContain("Support i Malmö");
    const again = await share(meetingId, ATTENDEE, item.id);
    expect(again.body).toMatchObject({ duplicate: true, postedAt: first.body.postedAt });
    expect(inChannel()).toHaveLength(before + 1);
    expect((await list(meetingId)).posts).toEqual([{ itemId: item.id, channelName: "Results", postedAt: first.body.postedAt }]);
  });

  it("asked twice at the same moment: exactly one card, and both answers name it", async () => {
    const meetingId = await meetingWithChannel();
    const item = await praised(meetingId);
    const before = inChannel().length;
    const answers = await Promise.all([share(meetingId, ATTENDEE, item.id), share(meetingId, ATTENDEE, item.id, "en")]);
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    expect(inChannel()).toHaveLength(before + 1);
    expect(answers.map((a) => a.body.postedAt)).toEqual([answers[0]?.body.postedAt, answers[0]?.body.postedAt]);
    expect(answers.map((a) => a.body.duplicate).sort()).toEqual([false, true]);
  });

  it("praise the author did not choose to share, or someone else's, is not posted", async () => {
    const meetingId = await meetingWithChannel();
    const before = inChannel().length;
    const kept = await added(meetingId, ATTENDEE, { praise: { name: "Lageret", share: false } });
    const notShared = await share<ErrorBody>(meetingId, ATTENDEE, kept.id);
    expect([notShared.status, notShared.body.error.code]).toEqual([409, "notShared"]);
    const theirs = await praised(meetingId, KARI);
    const other = await share<ErrorBody>(meetingId, ATTENDEE, theirs.id);
    expect([other.status, other.body.error.code]).toEqual([403, "notAuthor"]);
    expect(inChannel()).toHaveLength(before);
  });

  it("no channel chosen, the bot not in the team (403), Teams limiting (429): each says what to do, nothing stored as posted, the next try posts", async () => {
    const noChannel = service.meeting();
    const lonely = await praised(noChannel);
    const res = await share<ErrorBody>(noChannel, ATTENDEE, lonely.id);
    expect([res.status, res.body.error.code]).toEqual([409, "noChannel"]);
    expect(res.body.error.message).toMatch(/settings/);

    const meetingId = await meetingWithChannel();
    const item = await praised(meetingId);
    const before = inChannel().length;
    service.connector.refusePosts(403);
    const removed = await share<ErrorBody>(meetingId, ATTENDEE, item.id);
    service.connector.refusePosts(429, 2);
    const limited = await share<ErrorBody>(meetingId, ATTENDEE, item.id);
    service.connector.refusePosts(null);
    expect([removed.status, removed.body.error.code]).toEqual([409, "botNotInTeam"]);
    expect(removed.body.error.message).toMatch(/Add the app to the team/);
    expect([limited.status, limited.body.error.code, limited.headers.get("retry-after")]).toEqual([429, "teamsRateLimited", "2"]);
    expect(inChannel()).toHaveLength(before);
    expect((await share(meetingId, ATTENDEE, item.id)).body).toMatchObject({ duplicate: false, channelName: "Results" });
    expect(inChannel()).toHaveLength(before + 1);
  });
});

describe("good news from chat", () => {
  const alex = teamsUser(ATTENDEE);
  const inMeeting = (meetingId: string) => ({ conversation: { id: LOCAL_CHAT_ID, conversationType: "groupChat", isGroup: true, tenantId: TENANT }, channelData: { tenant: { id: TENANT }, meeting: { id: meetingId } } });

  async function say(text: string, overrides: Record<string, unknown>, locale = "nb-NO"): Promise<CardJson> {
    const activity = teamsActivity(service, alex, { text, locale, ...overrides });
    expect((await postActivity(service, activity)).status).toBe(200);
    const reply = service.connector.activities.find((a) => a.replyToId === activity.id);
    const card = (reply?.activity.attachments as Array<{ content: CardJson }> | undefined)?.[0]?.content;
    if (!card) throw new Error("The bot did not answer with a card.");
    return card;
  }

  it("`godt nytt` in the meeting chat answers the form with the board's objective; submitting stores the win once, live on the panels", async () => {
    const meetingId = await meetingWithChannel();
    const objectiveId = await objectiveOn(meetingId, "Vekst i Norden");
    const form = await say("godt nytt", inMeeting(meetingId));
    expect(cardText(form)).toMatch(/Gode nyheter/);
    expect(JSON.stringify(form)).toContain(objectiveId);
    const submit = form.actions?.[0];
    expect(submit?.verb).toBe("goodNewsSubmit");
    const stream = await service.openStream(meetingId, await service.tokenFor(KARI));
    expect((await stream.nextMessage()).type).toBe("hello");
    const value = executeValue("goodNewsSubmit", { ...submit?.data, kind: "win", text: "Ny kunde i Bergen", link: objectiveId, praise: "", share: "false" });
    const [a, b] = [await cardInvoke(service, alex, value, { ...inMeeting(meetingId), locale: "nb-NO" }), await cardInvoke(service, alex, value, { ...inMeeting(meetingId), locale: "nb-NO" })];
    expect(cardText(a.body.value)).toMatch(/Seier er lagret/);
    expect(cardText(b.body.value)).toMatch(/Vekst i Norden/);
    expect((await list(meetingId)).items.map((i) => [i.text, i.link])).toEqual([["Ny kunde i Bergen", { kind: "objective", objectiveId }]]);
    // An open panel of the meeting got it live, as if it had been added there.
    let message = await stream.nextMessage();
    while (message.type !== "goodNews") message = await stream.nextMessage();
    expect(message.item).toMatchObject({ text: "Ny kunde i Bergen", author: { userId: ATTENDEE } });
  });

  it("a submit with praise to share posts the praise card and says where; a bad form says what is wrong and stores nothing", async () => {
    const meetingId = await meetingWithChannel();
    const form = await say("goda nyheter", inMeeting(meetingId), "sv-SE");
    const data = form.actions?.[0]?.data ?? {};
    const bad = await cardInvoke(service, alex, executeValue("goodNewsSubmit", { ...data, kind: "win", text: "", share: "true", praise: "" }), { ...inMeeting(meetingId), locale: "sv-SE" });
    expect(cardText(bad.body.value)).toMatch(/Skriv vad som hände/);
    expect(cardText(bad.body.value)).toMatch(/Skriv vem berömmet gäller/);
    expect((await list(meetingId)).items).toEqual([]);
    const before = inChannel().length;
    const ok = await cardInvoke(service, alex, executeValue("goodNewsSubmit", { ...data, kind: "win", text: "Supporten räddade kvällen", share: "true", praise: "Support i Malmö" }), { ...inMeeting(meetingId), locale: "sv-SE" });
    expect(cardText(ok.body.value)).toMatch(/Berömmet är delat i Results/);
    expect(inChannel()).toHaveLength(before + 1);
  });

  it("in the 1:1 chat the bot asks for the meeting's chat; someone not in the meeting is told so; a forged form is refused", async () => {
    const personal = await say("good news", { conversation: { id: `a:personal-${ATTENDEE}`, conversationType: "personal", tenantId: TENANT } }, "en-US");
    expect(cardText(personal)).toMatch(/meeting's chat/);
    const meetingId = service.meeting();
    const outsider = teamsUser("00000000-0000-4000-8000-0000000000ee");
    const refused = await cardInvoke(service, outsider, executeValue("goodNewsSubmit", { formId: randomUUID(), kind: "win", text: "Sneaky" }), { ...inMeeting(meetingId), locale: "en-US" });
    expect(cardText(refused.body.value)).toMatch(/not a participant/);
    const forged = await cardInvoke(service, alex, executeValue("goodNewsSubmit", { kind: "win", text: "No form id" }), { ...inMeeting(meetingId), locale: "en-US" });
    expect(cardText(forged.body.value)).toMatch(/not a form I know/);
    expect((await list(meetingId)).items).toEqual([]);
  });
});
