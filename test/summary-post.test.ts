/**
 * @module The lead posts the summary card to the set-up's channel, over real HTTP on real Azurite, through the Bot
 * Connector stand-in speaking Teams' protocol (create conversation in a channel, update activity): one message, updated
 * in place on a re-post, one message for two concurrent posts; who may post; no channel; Teams refusing; bad bodies.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOCAL_TEAM } from "../bot/src/local/connector-stub.js";
import { LOCAL_CHAT_ID } from "../bot/src/local/roster.js";
import type { PostSummaryResponse } from "../shared/src/summary/post-protocol.js";
import type { SummaryResponse } from "../shared/src/summary/wire.js";
import { ATTENDEE, command, meetingPath, ORGANIZER, PRESENTER, startService, type ErrorBody, type Service } from "./helpers/service.js";

const RESULTS = "19:local-okr-results@thread.tacv2";
let service: Service;
beforeAll(async () => {
  service = await startService({ COMMAND_RATE: "100000", COMMAND_BURST: "100000" });
});
afterAll(async () => {
  await service?.close();
});

const post = async <T = PostSummaryResponse>(meetingId: string, userId: string, body: unknown = { id: `post-${randomUUID()}`, locale: "nb" }) =>
  service.api<T>(meetingPath(meetingId, "/summary/post"), { token: await service.tokenFor(userId), body });

/** The channel's messages: every activity the stand-in holds in a thread of the Results channel. */
const inChannel = () => service.connector.activities.filter((a) => a.conversationId.startsWith(`${RESULTS};messageid=`));

/** A meeting of the local team's channel meeting series with the Results channel chosen for the summary. */
async function meetingWithChannel(): Promise<string> {
  const meetingId = service.meeting();
  service.connector.setChat(meetingId, LOCAL_CHAT_ID);
  const saved = await service.api(meetingPath(meetingId, "/setup"), {
    method: "PUT",
    token: await service.tokenFor(ORGANIZER),
    body: { id: `save-${randomUUID()}`, templateId: "teamWeekly60", teamId: LOCAL_TEAM.id, channelId: RESULTS },
  });
  expect(saved.status).toBe(200);
  return meetingId;
}

const cardText = (activity: Record<string, unknown>) => JSON.stringify((activity.attachments as Array<{ content: unknown }>)[0]?.content);

describe("posting the summary to the channel", () => {
  it("the lead posts: one message in the channel with the card; re-posting after an edit updates that message, still one", async () => {
    const meetingId = await meetingWithChannel();
    const before = inChannel().length;
    const first = await post(meetingId, ORGANIZER);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ outcome: "posted", channelName: "Results", postedBy: { userId: ORGANIZER }, updatedAt: null, duplicate: false });
    expect(inChannel()).toHaveLength(before + 1);
    const message = inChannel().at(-1);
    expect(message?.activity.attachments).toMatchObject([{ contentType: "application/vnd.microsoft.card.adaptive" }]);
    expect(cardText(message?.activity ?? {})).toContain('"type":"AdaptiveCard"');

    expect((await service.send(meetingId, await service.tokenFor(ORGANIZER), command("renameSection", { sectionId: "goodNews", title: "Gladnyheter uke 50" }))).status).toBe(200);
    const again = await post(meetingId, PRESENTER);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ outcome: "updated", postedBy: { userId: ORGANIZER }, updatedBy: { userId: PRESENTER } });
    expect(again.body.updatedAt).toBeGreaterThanOrEqual(first.body.postedAt);
    expect(inChannel()).toHaveLength(before + 1);
    expect(inChannel().at(-1)?.id).toBe(message?.id);
    expect(cardText(inChannel().at(-1)?.activity ?? {})).toContain("Gladnyheter uke 50");
    // The panel's preview says where the card is: posted by whom, updated by whom.
    const preview = await service.api<SummaryResponse>(meetingPath(meetingId, "/summary"), { token: await service.tokenFor(ATTENDEE) });
    expect(preview.body.post).toMatchObject({ postedBy: { userId: ORGANIZER }, updatedBy: { userId: PRESENTER } });
  });

  it("a retry with the same id is answered from what it did: nothing is sent again", async () => {
    const meetingId = await meetingWithChannel();
    const body = { id: `post-${randomUUID()}`, locale: "en" };
    const before = inChannel().length;
    const [a, b] = [await post(meetingId, ORGANIZER, body), await post(meetingId, ORGANIZER, body)];
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(b.body).toMatchObject({ outcome: "posted", duplicate: true, postedAt: a.body.postedAt });
    expect(inChannel()).toHaveLength(before + 1);
  });

  it("two leads posting at the same moment: exactly one channel message; the other is told a post is under way (409)", async () => {
    const meetingId = await meetingWithChannel();
    const before = inChannel().length;
    const answers = await Promise.all([post<PostSummaryResponse | ErrorBody>(meetingId, ORGANIZER), post<PostSummaryResponse | ErrorBody>(meetingId, PRESENTER)]);
    expect(inChannel()).toHaveLength(before + 1);
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses[0]).toBe(200);
    for (const a of answers.filter((x) => x.status !== 200)) {
      expect(a.status).toBe(409);
      expect((a.body as ErrorBody).error.code).toBe("postInProgress");
    }
    // After the first is stored, the next post updates it.
    expect((await post(meetingId, PRESENTER)).body).toMatchObject({ outcome: "updated" });
    expect(inChannel()).toHaveLength(before + 1);
  });
});

describe("who may post, and what goes wrong", () => {
  it("an attendee: 403, nothing posted", async () => {
    const meetingId = await meetingWithChannel();
    const before = inChannel().length;
    const res = await post<ErrorBody>(meetingId, ATTENDEE);
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("forbidden");
    expect(inChannel()).toHaveLength(before);
  });

  it("no channel chosen: 409 saying to choose one in the app's settings", async () => {
    const res = await post<ErrorBody>(service.meeting(), ORGANIZER);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe("noChannel");
    expect(res.body.error.message).toMatch(/settings/);
  });

  it("Teams says the bot is not in the team (403): 409 botNotInTeam, nothing stored as posted, the next press posts", async () => {
    const meetingId = await meetingWithChannel();
    const before = inChannel().length;
    service.connector.refusePosts(403);
    const res = await post<ErrorBody>(meetingId, ORGANIZER);
    service.connector.refusePosts(null);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe("botNotInTeam");
    expect(inChannel()).toHaveLength(before);
    expect((await post(meetingId, ORGANIZER)).body).toMatchObject({ outcome: "posted" });
    expect(inChannel()).toHaveLength(before + 1);
  });

  it("Teams limits the rate (429 with Retry-After): 429 teamsRateLimited with Retry-After, nothing stored as posted", async () => {
    const meetingId = await meetingWithChannel();
    const before = inChannel().length;
    service.connector.refusePosts(429, 1);
    const res = await post<ErrorBody>(meetingId, ORGANIZER);
    service.connector.refusePosts(null);
    expect(res.status).toBe(429);
    expect(res.body.error.code).toBe("teamsRateLimited");
    expect(res.headers.get("retry-after")).toBe("1");
    expect(inChannel()).toHaveLength(before);
    expect((await post(meetingId, ORGANIZER)).body).toMatchObject({ outcome: "posted" });
  });

  it("Teams fails on an update (500): 502, and the stored post stays as it was", async () => {
    const meetingId = await meetingWithChannel();
    const first = await post(meetingId, ORGANIZER);
    service.connector.refusePosts(500);
    const res = await post<ErrorBody>(meetingId, ORGANIZER);
    service.connector.refusePosts(null);
    expect(res.status).toBe(502);
    expect(res.body.error.code).toBe("teamsUnavailable");
    const next = await post(meetingId, ORGANIZER);
    expect(next.body).toMatchObject({ outcome: "updated", postedAt: first.body.postedAt });
  });

  it.each([
    ["no id", { locale: "nb" }],
    ["a bad locale", { id: "post-12345678", locale: "de" }],
    ["an unknown field", { id: "post-12345678", locale: "nb", channelId: RESULTS }],
    ["not an object", [1, 2]],
    ["a huge body", { id: "post-12345678", locale: "nb", x: "y".repeat(5000) }],
  ])("%s: 4xx with a message, nothing posted", async (_what, body) => {
    const meetingId = await meetingWithChannel();
    const before = inChannel().length;
    const res = await post<ErrorBody>(meetingId, ORGANIZER, body);
    expect([400, 413]).toContain(res.status);
    expect(res.body.error.message.length).toBeGreaterThan(0);
    expect(inChannel()).toHaveLength(before);
  });
});

describe("posting again after the lead chose another channel", () => {
  const SALES = "19:local-okr-sales@thread.tacv2";
  const inSales = () => service.connector.activities.filter((a) => a.conversationId.startsWith(`${SALES};messageid=`));

  it("posts a new card in the new channel and leaves the old channel's message as it was; the next post updates the new one", async () => {
    const meetingId = await meetingWithChannel();
    const first = await post(meetingId, ORGANIZER);
    expect(first.body).toMatchObject({ outcome: "posted", channelName: "Results" });
    const old = inChannel().at(-1);
    const oldCard = cardText(old?.activity ?? {});
    const salesBefore = inSales().length;

    const moved = await service.api(meetingPath(meetingId, "/setup"), {
      method: "PUT",
      token: await service.tokenFor(ORGANIZER),
      body: { id: `save-${randomUUID()}`, templateId: "teamWeekly60", teamId: LOCAL_TEAM.id, channelId: SALES },
    });
    expect(moved.status).toBe(200);
    expect((await service.send(meetingId, await service.tokenFor(ORGANIZER), command("renameSection", { sectionId: "goodNews", title: "Flyttet til Salg" }))).status).toBe(200);
    const second = await post(meetingId, PRESENTER);
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({ outcome: "posted", channelName: "Sales", postedBy: { userId: PRESENTER }, updatedAt: null, earlierChannels: 1, duplicate: false });
    expect(inSales()).toHaveLength(salesBefore + 1);
    expect(cardText(inSales().at(-1)?.activity ?? {})).toContain("Flyttet til Salg");
    // The Results channel's message is untouched: same card, not the new title.
    const stillOld = service.connector.activities.find((a) => a.id === old?.id);
    expect(cardText(stillOld?.activity ?? {})).toBe(oldCard);
    expect(oldCard).not.toContain("Flyttet til Salg");

    // Posting again updates the Sales message in place: no third message anywhere.
    const third = await post(meetingId, ORGANIZER);
    expect(third.body).toMatchObject({ outcome: "updated", channelName: "Sales", earlierChannels: 1 });
    expect(inSales()).toHaveLength(salesBefore + 1);
    expect(cardText(service.connector.activities.find((a) => a.id === old?.id)?.activity ?? {})).toBe(oldCard);
  });

  it("two leads posting at once after the channel changed: one new message in the new channel, the other told a post is under way", async () => {
    const meetingId = await meetingWithChannel();
    expect((await post(meetingId, ORGANIZER)).status).toBe(200);
    await service.api(meetingPath(meetingId, "/setup"), { method: "PUT", token: await service.tokenFor(ORGANIZER), body: { id: `save-${randomUUID()}`, templateId: "teamWeekly60", teamId: LOCAL_TEAM.id, channelId: SALES } });
    const salesBefore = inSales().length;
    const answers = await Promise.all([post<PostSummaryResponse | ErrorBody>(meetingId, ORGANIZER), post<PostSummaryResponse | ErrorBody>(meetingId, PRESENTER)]);
    expect(inSales()).toHaveLength(salesBefore + 1);
    expect(answers.filter((a) => a.status === 200).length).toBeGreaterThanOrEqual(1);
    for (const a of answers.filter((x) => x.status !== 200)) expect((a.body as ErrorBody).error.code).toBe("postInProgress");
    expect((await post(meetingId, PRESENTER)).body).toMatchObject({ outcome: "updated", channelName: "Sales", earlierChannels: 1 });
    expect(inSales()).toHaveLength(salesBefore + 1);
  });

  it("Teams refusing the post to the new channel: the old post still stands and is what the panel shows; the next press posts to the new channel", async () => {
    const meetingId = await meetingWithChannel();
    const first = await post(meetingId, ORGANIZER);
    expect(first.status).toBe(200);
    await service.api(meetingPath(meetingId, "/setup"), { method: "PUT", token: await service.tokenFor(ORGANIZER), body: { id: `save-${randomUUID()}`, templateId: "teamWeekly60", teamId: LOCAL_TEAM.id, channelId: SALES } });
    const salesBefore = inSales().length;
    service.connector.refusePosts(403);
    try {
      const refused = await post<ErrorBody>(meetingId, ORGANIZER);
      expect(refused.status).toBe(409);
      expect(refused.body.error.code).toBe("botNotInTeam");
    } finally {
      service.connector.refusePosts(null);
    }
    expect(inSales()).toHaveLength(salesBefore);
    const preview = await service.api<SummaryResponse>(meetingPath(meetingId, "/summary"), { token: await service.tokenFor(ATTENDEE) });
    expect(preview.body.post).toMatchObject({ postedAt: first.body.postedAt, postedBy: { userId: ORGANIZER } });
    const again = await post(meetingId, ORGANIZER);
    expect(again.body).toMatchObject({ outcome: "posted", channelName: "Sales", earlierChannels: 1 });
    expect(inSales()).toHaveLength(salesBefore + 1);
  });
});
