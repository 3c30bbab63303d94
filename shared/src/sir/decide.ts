/** @module decideSir(item, command, actor, ctx) → the item after the command, or why not: every SIR rule, pure. */
import type { SirCommand } from "./commands.js";
import { SIR_LIMITS, newSirItem, sirFieldsOf, sirItemIdFor, type Person, type SirActionDraft, type SirDecision, type SirFields, type SirItem } from "./item.js";

export const SIR_ERROR_CODES = ["notFound", "notAuthor", "forbidden", "closed", "noDecision", "tooLarge"] as const;
export type SirErrorCode = (typeof SIR_ERROR_CODES)[number];

export interface SirError {
  readonly code: SirErrorCode;
  /** English, for logs and API clients; cards use `sirErrorText` for the user's language. */
  readonly message: string;
}

export type SirResult =
  | { readonly ok: true; readonly item: SirItem; readonly changed: boolean }
  | { readonly ok: false; readonly error: SirError };

export interface SirActor {
  readonly person: Person;
  /** The capability `sir:handle` (organizer or presenter): the lead. */
  readonly canHandle: boolean;
}

export interface SirContext {
  /** The server's clock. */
  readonly now: number;
  readonly tenantId: string;
  /** The series the request comes from; an item of another series is treated as not there. */
  readonly seriesId: string;
}

const fail = (code: SirErrorCode, message: string): SirResult => ({ ok: false, error: { code, message } });
const unchanged = (item: SirItem): SirResult => ({ ok: true, item, changed: false });

/** Resolved, withdrawn and deleted items are archive: nothing about them changes any more. */
const isClosed = (item: SirItem): boolean => item.status === "resolved" || item.status === "withdrawn" || item.status === "deleted";

/** What stays of a deleted item: who wrote it and when, none of what they wrote. */
function tombstone(item: SirItem): SirItem {
  return { ...item, status: "deleted", title: "", problem: "", proposals: [], recommendation: "", concerns: "", decision: null, meetingsSeen: [], forDate: null };
}

function sameFields(a: SirFields, b: SirFields): boolean {
  return (
    a.kind === b.kind &&
    a.title === b.title &&
    a.problem === b.problem &&
    a.proposals.length === b.proposals.length &&
    a.proposals.every((p, i) => p === b.proposals[i]) &&
    a.recommendation === b.recommendation &&
    a.concerns === b.concerns &&
    a.meetingId === b.meetingId &&
    (a.forDate ?? null) === (b.forDate ?? null)
  );
}

const samePerson = (a: Person | null, b: Person | null): boolean => (a === null || b === null ? a === b : a.userId === b.userId && a.name === b.name);

function sameActions(a: readonly SirActionDraft[], b: readonly SirActionDraft[]): boolean {
  return a.length === b.length && a.every((x, i) => {
    const y = b[i];
    return y !== undefined && x.title === y.title && x.due === y.due && samePerson(x.owner, y.owner);
  });
}

/** Adds a meeting to the item's age without duplicates; past the cap the oldest falls off, so carry-over keeps working. */
function withMeetingSeen(seen: readonly string[], meetingId: string): readonly string[] {
  if (seen.includes(meetingId)) return seen;
  return [...seen, meetingId].slice(-SIR_LIMITS.meetingsSeenMax);
}

/** A change is stored only if the item still fits its storage row; hostile maximum-size input must not break the write. */
function changedTo(next: SirItem, before: SirItem | null, now: number): SirResult {
  const item: SirItem = before === null ? next : { ...next, version: before.version + 1, updatedAt: now };
  if (JSON.stringify(item).length > SIR_LIMITS.itemJsonMax) {
    return fail("tooLarge", `The item would be larger than ${SIR_LIMITS.itemJsonMax} characters when stored.`);
  }
  return { ok: true, item, changed: true };
}

/**
 * Decides what a SIR command does to an item (null when the store has none with that id).
 * Authors and leads may edit and withdraw; only leads decide, resolve, convert, carry over and delete.
 * A command that would change nothing succeeds with `changed: false`: a retry or a double click is not an error.
 */
export function decideSir(item: SirItem | null, command: SirCommand, actor: SirActor, ctx: SirContext): SirResult {
  if (command.type === "createSir") {
    const id = sirItemIdFor(command.id);
    if (item !== null) {
      // The same command again (a retry) finds the item it made; anyone else's command id is not theirs to reuse.
      if (item.id === id && item.author.userId === actor.person.userId && item.tenantId === ctx.tenantId && item.seriesId === ctx.seriesId) {
        return unchanged(item);
      }
      return fail("forbidden", `An item with the id '${id}' exists already.`);
    }
    const created = newSirItem({ id, tenantId: ctx.tenantId, seriesId: ctx.seriesId, author: actor.person, fields: sirFieldsOf(command.fields), now: ctx.now });
    return changedTo(created, null, ctx.now);
  }

  // Items of another tenant or series are not shown as "forbidden": to this caller they do not exist.
  if (item === null || item.id !== command.itemId || item.tenantId !== ctx.tenantId || item.seriesId !== ctx.seriesId) {
    return fail("notFound", `There is no SIR item '${command.itemId}' in this series.`);
  }
  const mayChange = item.author.userId === actor.person.userId || actor.canHandle;
  const notAuthor = (): SirResult => fail("notAuthor", "Only the author or a lead can change this item.");
  const notLead = (): SirResult => fail("forbidden", "Only a lead (organizer or presenter) can do this.");

  switch (command.type) {
    case "editSir": {
      if (!mayChange) return notAuthor();
      if (isClosed(item)) return fail("closed", `The item is ${item.status}; it can no longer be edited.`);
      if (sameFields(item, command.fields)) return unchanged(item);
      return changedTo({ ...item, ...sirFieldsOf(command.fields) }, item, ctx.now);
    }
    case "withdrawSir": {
      if (!mayChange) return notAuthor();
      if (item.status === "withdrawn") return unchanged(item);
      if (isClosed(item)) return fail("closed", `The item is ${item.status}; it can no longer be withdrawn.`);
      return changedTo({ ...item, status: "withdrawn" }, item, ctx.now);
    }
    case "recordDecision": {
      if (!actor.canHandle) return notLead();
      if (isClosed(item)) return fail("closed", `The item is ${item.status}; its decision can no longer change.`);
      const prev = item.decision;
      if (prev && prev.text === command.text && prev.meetingId === command.meetingId && sameActions(prev.actions, command.actions)) return unchanged(item);
      const decision: SirDecision = {
        text: command.text,
        at: ctx.now,
        by: actor.person,
        meetingId: command.meetingId,
        actions: command.actions.map((a) => ({ title: a.title, owner: a.owner, due: a.due })),
      };
      // Deciding on an item puts it on that meeting's agenda, so its age counts the meeting.
      return changedTo({ ...item, decision, meetingsSeen: withMeetingSeen(item.meetingsSeen, command.meetingId) }, item, ctx.now);
    }
    case "resolveSir": {
      if (!actor.canHandle) return notLead();
      if (item.status === "resolved") return unchanged(item);
      if (isClosed(item)) return fail("closed", `The item is ${item.status}; it cannot be resolved.`);
      if (item.decision === null) return fail("noDecision", "Record a decision before resolving the item.");
      return changedTo({ ...item, status: "resolved" }, item, ctx.now);
    }
    case "convertToInformation": {
      if (!actor.canHandle) return notLead();
      if (item.status === "informationOnly") return unchanged(item);
      if (isClosed(item)) return fail("closed", `The item is ${item.status}; it cannot become information.`);
      return changedTo({ ...item, status: "informationOnly" }, item, ctx.now);
    }
    case "carryOverSir": {
      if (!actor.canHandle) return notLead();
      if (isClosed(item)) return fail("closed", `The item is ${item.status}; it does not carry over.`);
      const meetingsSeen = withMeetingSeen(item.meetingsSeen, command.meetingId);
      if (meetingsSeen === item.meetingsSeen) return unchanged(item);
      return changedTo({ ...item, meetingsSeen }, item, ctx.now);
    }
    case "deleteSir": {
      if (!actor.canHandle) return notLead();
      if (item.status === "deleted") return unchanged(item);
      return changedTo(tombstone(item), item, ctx.now);
    }
  }
}
