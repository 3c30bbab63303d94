/** @module decidePriorities(state, command, actor, ctx) → the entry or round after the command, or why not: every priorities rule, pure. */
import type { PriorityCommand } from "./commands.js";
import { carriedWeeksOf, type PriorityDraft } from "./prefill.js";
import { PRIORITY_LIMITS, type Person, type PriorityEntry, type PriorityRound } from "./model.js";

export const PRIORITY_ERROR_CODES = ["notYours", "forbidden", "unknownMember", "weekChanged", "stale", "tooLarge"] as const;
export type PriorityErrorCode = (typeof PRIORITY_ERROR_CODES)[number];

export interface PriorityError {
  readonly code: PriorityErrorCode;
  /** English, for logs and API clients; the panel and the card show their own text for the code. */
  readonly message: string;
  /** With `stale`: the entry as it is now, so the member can redo their change on it. */
  readonly current?: PriorityEntry | null;
}

export interface PriorityActor {
  readonly person: Person;
  /** A lead (the capability `meeting:drive`: organizer or presenter) edits anyone's entry and walks the round. */
  readonly isLead: boolean;
}

export interface PriorityContext {
  readonly now: number;
  readonly tenantId: string;
  readonly seriesId: string;
  /** The series' week now, in the team's time zone. */
  readonly week: string;
  /** The round's members (the series' people and whoever saved an entry this week). */
  readonly members: readonly Person[];
}

/** What the command is decided on: the member's stored entry this week and their draft (for carry-over), or the round. */
export interface PriorityState {
  readonly entry: PriorityEntry | null;
  readonly draft: PriorityDraft | null;
  readonly round: PriorityRound | null;
}

export type PriorityResult =
  | { readonly ok: true; readonly kind: "entry"; readonly entry: PriorityEntry; readonly changed: boolean }
  | { readonly ok: true; readonly kind: "round"; readonly round: PriorityRound; readonly changed: boolean }
  | { readonly ok: false; readonly error: PriorityError };

const fail = (code: PriorityErrorCode, message: string, current?: PriorityEntry | null): PriorityResult => ({ ok: false, error: { code, message, ...(current === undefined ? {} : { current }) } });

const sameEntry = (a: PriorityEntry, b: Omit<PriorityEntry, "version" | "updatedAt" | "updatedBy">): boolean =>
  JSON.stringify([a.lastWeek, a.nextWeek, a.learned, a.change, a.member]) === JSON.stringify([b.lastWeek, b.nextWeek, b.learned, b.change, b.member]);

/**
 * Decides a priorities command. Only the member and a lead may save a member's entry; only a lead moves the walk.
 * A save that changes nothing, or a speaker who already speaks, succeeds with `changed: false`.
 */
export function decidePriorities(state: PriorityState, command: PriorityCommand, actor: PriorityActor, ctx: PriorityContext): PriorityResult {
  if (command.week !== ctx.week) return fail("weekChanged", `The week is ${ctx.week} now, not ${command.week}: reload to see this week's entry.`);
  switch (command.type) {
    case "savePriorities": {
      const own = command.memberId === actor.person.userId;
      if (!own && !actor.isLead) return fail("notYours", "Only the member or a lead (organizer or presenter) can change a member's priorities.");
      const member = own ? actor.person : (ctx.members.find((m) => m.userId === command.memberId) ?? state.entry?.member);
      if (!member) return fail("unknownMember", `'${command.memberId}' is not a member of this series' round.`);
      const current = state.entry;
      if (command.expectedVersion !== undefined && command.expectedVersion !== (current?.version ?? 0)) {
        return fail("stale", "Someone changed this entry meanwhile; here it is as it is now.", current);
      }
      const f = command.fields;
      const next = {
        tenantId: ctx.tenantId,
        seriesId: ctx.seriesId,
        week: ctx.week,
        member: { userId: member.userId, name: member.name },
        lastWeek: f.lastWeek.map((p) => ({ text: p.text, result: p.result, mark: p.mark, carriedWeeks: carriedWeeksOf(p.text, state.draft) })),
        nextWeek: f.nextWeek.map((p) => ({ text: p.text, why: p.why })),
        learned: f.learned,
        change: f.change,
      };
      if (current && sameEntry(current, next)) return { ok: true, kind: "entry", entry: current, changed: false };
      const entry: PriorityEntry = { ...next, version: (current?.version ?? 0) + 1, updatedBy: actor.person, updatedAt: ctx.now };
      if (JSON.stringify(entry).length > PRIORITY_LIMITS.entryJsonMax) return fail("tooLarge", `The entry would be larger than ${PRIORITY_LIMITS.entryJsonMax} characters when stored.`);
      return { ok: true, kind: "entry", entry, changed: true };
    }
    case "setPrioritySpeaker": {
      if (!actor.isLead) return fail("forbidden", "Only a lead (organizer or presenter) moves the priorities round on.");
      if (command.memberId !== null && !ctx.members.some((m) => m.userId === command.memberId)) return fail("unknownMember", `'${command.memberId}' is not a member of this round.`);
      const r = state.round;
      if (r && r.speakerId === command.memberId) return { ok: true, kind: "round", round: r, changed: false };
      const round: PriorityRound = {
        tenantId: ctx.tenantId,
        seriesId: ctx.seriesId,
        week: ctx.week,
        version: (r?.version ?? 0) + 1,
        speakerId: command.memberId,
        since: command.memberId === null ? null : ctx.now,
        updatedBy: actor.person,
      };
      return { ok: true, kind: "round", round, changed: true };
    }
  }
}
