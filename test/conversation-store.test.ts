/** @module Conversation references on a real Azurite: found by meeting, by conversation, and a channel thread by its channel (the series). */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmbeddedTables, type EmbeddedTables } from "../bot/src/storage/azurite.js";
import { ConversationStore, REFERENCE_TTL_MS } from "../bot/src/storage/conversation-store.js";
import { openTables, type Tables } from "../bot/src/storage/tables.js";

let azurite: EmbeddedTables;
let store: ConversationStore;
let tables: Tables;

beforeAll(async () => {
  azurite = await startEmbeddedTables();
  tables = await openTables(azurite.connectionString);
  store = new ConversationStore(tables.conversations);
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

  it("reuses a meeting's reference for Teams look-ups for a minute; its own remember is seen at once, another instance's within the minute", async () => {
    let t = 1_000_000;
    const here = new ConversationStore(tables.conversations, () => t);
    const other = new ConversationStore(tables.conversations, () => t);
    const reference = (serviceUrl: string) => ({ channelId: "msteams", serviceUrl, conversation: { id: "19:meeting_y@thread.v2", isGroup: true, conversationType: "groupChat", name: "" } });
    expect(await here.forMeetingLookup("tenant-a", "meeting-y")).toBeNull();
    await other.remember("tenant-a", reference("https://smba.example/amer/"), "meeting-y");
    // Stored, and read directly at once; the look-up still has the absence it read a moment ago.
    expect((await here.forMeeting("tenant-a", "meeting-y"))?.serviceUrl).toBe("https://smba.example/amer/");
    expect(await here.forMeetingLookup("tenant-a", "meeting-y")).toBeNull();
    t += REFERENCE_TTL_MS;
    expect((await here.forMeetingLookup("tenant-a", "meeting-y"))?.serviceUrl).toBe("https://smba.example/amer/");
    await here.remember("tenant-a", reference("https://smba.example/emea/"), "meeting-y");
    expect((await here.forMeetingLookup("tenant-a", "meeting-y"))?.serviceUrl).toBe("https://smba.example/emea/");
  });
});
