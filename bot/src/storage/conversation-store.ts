/**
 * @module Conversation references the bot has seen, kept for proactive messages (summary, reminders)
 * and to learn each meeting's Bot Connector serviceUrl (Teams sends it on every activity).
 */
import type { TableClient } from "@azure/data-tables";
import type { ConversationReference } from "botbuilder";
import { parseOccurrence } from "../../../shared/src/meeting/occurrence.js";
import { encodeKey } from "./keys.js";
import { entityOrNull } from "./tables.js";

interface ConversationEntity {
  partitionKey: string;
  rowKey: string;
  serviceUrl: string;
  reference: string;
  meetingId?: string;
}

/** How long a meeting's reference (or its absence) read from storage is reused for Teams look-ups (see `forMeetingLookup`). */
export const REFERENCE_TTL_MS = 60_000;
const MAX_CACHED_REFERENCES = 10_000;

export class ConversationStore {
  /** Meeting references read for Teams look-ups, with when they were read; this instance's `remember` refreshes them. */
  private readonly lookups = new Map<string, { readonly at: number; readonly reference: Partial<ConversationReference> | null }>();

  constructor(
    private readonly table: TableClient,
    private readonly now: () => number = Date.now,
  ) {}

  /** Upserts the reference; when the conversation is a meeting chat, also indexes it by meeting id. */
  async remember(tenantId: string, reference: Partial<ConversationReference>, meetingId: string | undefined): Promise<void> {
    const conversationId = reference.conversation?.id;
    if (!conversationId || !reference.serviceUrl) return;
    const entity: ConversationEntity = {
      partitionKey: `c.${encodeKey(tenantId)}`,
      rowKey: encodeKey(conversationId),
      serviceUrl: reference.serviceUrl,
      reference: JSON.stringify(reference),
      ...(meetingId ? { meetingId } : {}),
    };
    await this.table.upsertEntity(entity, "Replace");
    // A channel thread's id carries ";messageid=…"; the series is the channel conversation without it.
    const series = conversationId.split(";")[0] ?? conversationId;
    if (series !== conversationId) await this.table.upsertEntity({ ...entity, rowKey: encodeKey(series) }, "Replace");
    if (meetingId) {
      await this.table.upsertEntity({ ...entity, partitionKey: `m.${encodeKey(tenantId)}`, rowKey: encodeKey(meetingId) }, "Replace");
      this.cacheLookup(`${tenantId}\n${meetingId}`, reference);
    }
    // A user's 1:1 chat with the bot, by their Entra object id: where their action reminders go.
    const userId = reference.user?.aadObjectId;
    if (reference.conversation?.conversationType === "personal" && userId) await this.rememberPersonal(tenantId, userId, reference);
  }

  /** The user's 1:1 conversation with the bot (seen in an activity, or created by the bot to remind them). */
  async rememberPersonal(tenantId: string, userId: string, reference: Partial<ConversationReference>): Promise<void> {
    if (!reference.conversation?.id || !reference.serviceUrl) return;
    await this.table.upsertEntity({ partitionKey: `u.${encodeKey(tenantId)}`, rowKey: encodeKey(userId), serviceUrl: reference.serviceUrl, reference: JSON.stringify(reference) }, "Replace");
  }

  async forUser(tenantId: string, userId: string): Promise<Partial<ConversationReference> | null> {
    return this.read(`u.${encodeKey(tenantId)}`, encodeKey(userId));
  }

  /** The meeting a series' chat was last seen in (the meeting chat's id), null if none. */
  async meetingOf(tenantId: string, conversationId: string): Promise<string | null> {
    const e = await entityOrNull<ConversationEntity>(this.table, `c.${encodeKey(tenantId)}`, encodeKey(conversationId), { queryOptions: { select: ["meetingId"] } });
    return e?.meetingId ?? null;
  }

  /** `meetingId` may name any occurrence of the meeting: the bot met them all in Teams' one meeting chat. */
  async forMeeting(tenantId: string, meetingId: string): Promise<Partial<ConversationReference> | null> {
    return this.read(`m.${encodeKey(tenantId)}`, encodeKey(parseOccurrence(meetingId).teamsMeetingId));
  }

  /**
   * `forMeeting` for the Teams look-ups that only need the meeting's Bot Connector address (roles, the series' chat,
   * the roster): read from storage at most once a minute per meeting, not on every role check (a lead's role is
   * re-checked every 2 s, which made these reads about 0.15 Table Storage requests per command). A reference another
   * instance learned is used here within REFERENCE_TTL_MS; this instance's own `remember` is used at once.
   */
  async forMeetingLookup(tenantId: string, occurrenceId: string): Promise<Partial<ConversationReference> | null> {
    const meetingId = parseOccurrence(occurrenceId).teamsMeetingId;
    const key = `${tenantId}\n${meetingId}`;
    const hit = this.lookups.get(key);
    if (hit && this.now() - hit.at < REFERENCE_TTL_MS) return hit.reference;
    const reference = await this.forMeeting(tenantId, meetingId);
    this.cacheLookup(key, reference);
    return reference;
  }

  private cacheLookup(key: string, reference: Partial<ConversationReference> | null): void {
    this.lookups.delete(key);
    this.lookups.set(key, { at: this.now(), reference });
    // Oldest first out: Map keeps insertion order.
    if (this.lookups.size > MAX_CACHED_REFERENCES) this.lookups.delete(this.lookups.keys().next().value ?? "");
  }

  /** The reference of a conversation (a series' meeting chat or channel) the bot has seen, by its id. */
  async forConversation(tenantId: string, conversationId: string): Promise<Partial<ConversationReference> | null> {
    return this.read(`c.${encodeKey(tenantId)}`, encodeKey(conversationId));
  }

  private async read(partitionKey: string, rowKey: string): Promise<Partial<ConversationReference> | null> {
    const e = await entityOrNull<ConversationEntity>(this.table, partitionKey, rowKey);
    return e && (JSON.parse(e.reference) as Partial<ConversationReference>);
  }
}
