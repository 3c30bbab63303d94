/**
 * @module Who a shared card in a chat is refreshed for (Universal Actions `refresh.userIds`, at most 60 in Teams):
 * the people the card is about first (the author, the owners), then the meeting's leads, then the chat's members.
 * Each of them gets their own view through refresh: in their own language (the invoke's locale) and, for leads,
 * with the buttons they may use. Members beyond 60 see the shared card as posted.
 */
import { TeamsInfo, type CloudAdapter, type ConversationReference } from "botbuilder";
import { can } from "../../../shared/src/auth/capabilities.js";
import type { Person } from "../../../shared/src/kpi/model.js";
import type { ConversationStore } from "../storage/conversation-store.js";
import { cachedRoster } from "./roster-cache.js";
import type { RoleSource } from "./roles.js";

/** Teams refreshes a card automatically for at most 60 users. */
export const REFRESH_USERS_MAX = 60;
/** How many members are asked for their meeting role when the chat has more than 60 (bounded calls to Teams). */
const ROLE_CHECKS_MAX = 200;
const ROLE_CHECKS_PARALLEL = 8;

/** The members of a chat (the series' conversation), by Entra object id; empty when Teams does not say. */
export type ChatMembers = (tenantId: string, seriesId: string) => Promise<readonly Person[]>;

/** Names the users a card in `seriesId` is refreshed for; `first` (author, owners) always lead the list. */
export type CardViewers = (where: { readonly tenantId: string; readonly seriesId: string; readonly meetingId: string | null }, first: readonly string[]) => Promise<string[]>;

/** The list itself, pure: `first`, then the leads, then everyone else, each once, at most 60. */
export function orderViewers(first: readonly string[], leads: readonly string[], members: readonly string[]): string[] {
  return [...new Set([...first, ...leads, ...members])].slice(0, REFRESH_USERS_MAX);
}

export function cardViewers(members: ChatMembers, roles: RoleSource): CardViewers {
  return async ({ tenantId, seriesId, meetingId }, first) => {
    // Teams being slow or unreachable costs only the others' own views: the card still reaches `first`.
    const people = await members(tenantId, seriesId).catch((err: unknown) => {
      console.warn("Card viewers: no chat members from Teams", err instanceof Error ? err.message : err);
      return [] as readonly Person[];
    });
    const ids = people.map((p) => p.userId);
    const room = new Set([...first, ...ids]).size;
    // Only when not everyone fits is it worth asking Teams who leads: then leads must not be among those cut.
    const leads = room > REFRESH_USERS_MAX && meetingId ? await leadsAmong(roles, { tenantId, meetingId }, ids.slice(0, ROLE_CHECKS_MAX)) : [];
    return orderViewers(first, leads, ids);
  };
}

async function leadsAmong(roles: RoleSource, ref: { tenantId: string; meetingId: string }, ids: readonly string[]): Promise<string[]> {
  const leads: string[] = [];
  for (let i = 0; i < ids.length; i += ROLE_CHECKS_PARALLEL) {
    const batch = ids.slice(i, i + ROLE_CHECKS_PARALLEL);
    const found = await Promise.all(batch.map((id) => roles.roleOf(ref, id).then((r) => (r !== null && can(r, "sir:handle") ? id : null), () => null)));
    for (const id of found) if (id) leads.push(id);
  }
  return leads;
}

/** How many members are read from Teams (one page). */
const MEMBERS_MAX = 200;

/** Asks Teams for a chat's members through the conversation reference the bot stored there; cached per series for a few minutes. */
export function teamsChatMembers(adapter: CloudAdapter, appId: string, conversations: ConversationStore, now: () => number = Date.now): ChatMembers {
  const fetch = async (ref: { tenantId: string }, seriesId: string): Promise<Person[]> => {
    const reference = await conversations.forConversation(ref.tenantId, seriesId);
    if (!reference?.serviceUrl || !reference.conversation?.id) return [];
    let members: Person[] = [];
    let failure: unknown = null;
    await adapter.continueConversationAsync(appId, reference as Partial<ConversationReference>, async (context) => {
      // Caught inside the turn: an escaping error would make the adapter post an apology into the chat.
      try {
        const page = await TeamsInfo.getPagedMembers(context, MEMBERS_MAX);
        members = page.members
          .map((m) => ({ userId: m.aadObjectId ?? "", name: (m.name ?? "").trim() }))
          .filter((p) => /^[\x21-\x7E]{1,128}$/.test(p.userId))
          .map((p) => ({ userId: p.userId, name: p.name.slice(0, 100) }));
      } catch (err) {
        failure = err;
      }
    });
    if (failure !== null) throw failure instanceof Error ? failure : new Error(String(failure));
    return members;
  };
  const cached = cachedRoster((ref, seriesId) => fetch(ref, seriesId), now);
  return (tenantId, seriesId) => cached({ tenantId, meetingId: "" }, seriesId);
}
