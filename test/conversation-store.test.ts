/** @module Conversation references on a real Azurite: found by meeting, by conversation, and a channel thread by its channel (the series). */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmbeddedTables, type EmbeddedTables } from "../bot/src/storage/azurite.js";
import { ConversationStore } from "../bot/src/storage/conversation-store.js";
import { openTables } from "../bot/src/storage/tables.js";

let azurite: EmbeddedTables;
let store: ConversationStore;

beforeAll(async () => {
  azurite = await startEmbeddedTables();
  store = new ConversationStore((await openTables(azurite.connectionString)).conversations);
});
afterAll(async () => {
  await azurite?.close();
});

describe("ConversationStore", () => {
  it("finds a channel's reference by the channel (the series) when the bot saw it in a thread", async () => {
    const reference = { channelId: "msteams", serviceUrl: "https://smba.example/emea/", conversation: { id: "19:okr@thread.tacv2;messageid=1732000000000", isGroup: true, conversationType: "channel", name: "" } };
    await store.remember("tenant-a", reference, undefined);
    expect((await store.forConversation("tenant-a", "19:okr@thread.tacv2"))?.conversation?.id).toBe(reference.conversation.id);
    expect(await store.forConversation("tenant-b", "19:okr@thread.tacv2")).toBeNull();
  });

  it("finds a meeting chat's reference by meeting and by chat", async () => {
    const reference = { channelId: "msteams", serviceUrl: "https://smba.example/emea/", conversation: { id: "19:meeting_x@thread.v2", isGroup: true, conversationType: "groupChat", name: "" } };
    await store.remember("tenant-a", reference, "meeting-x");
    expect((await store.forMeeting("tenant-a", "meeting-x"))?.serviceUrl).toBe("https://smba.example/emea/");
    expect((await store.forConversation("tenant-a", "19:meeting_x@thread.v2"))?.conversation?.id).toBe("19:meeting_x@thread.v2");
  });
});
