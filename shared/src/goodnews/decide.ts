/** @module decideGoodNews(item, command, actor, ctx) → the item after the command, or why not: every good-news rule, pure. */
import type { GoodNewsCommand, GoodNewsFields } from "./commands.js";
import { GOOD_NEWS_LIMITS, goodNewsIdFor, type GoodNewsItem, type GoodNewsLink, type Person } from "./model.js";

export const GOOD_NEWS_ERROR_CODES = ["notFound", "forbidden", "notAuthor", "praiseNotYours", "unknownLink", "authorFull", "meetingFull", "tooLarge", "deleted"] as const;
export type GoodNewsErrorCode = (typeof GOOD_NEWS_ERROR_CODES)[number];

export interface GoodNewsError {
  readonly code: GoodNewsErrorCode;
  /** English, for logs and API clients; the panel and the cards show their own text for the code. */
  readonly message: string;
}

export type GoodNewsResult = { readonly ok: true; readonly item: GoodNewsItem; readonly changed: boolean } | { readonly ok: false; readonly error: GoodNewsError };

export interface GoodNewsActor {
  readonly person: Person;
  /** Organizer or presenter (`GOOD_NEWS_CAPABILITY.lead`): edits and deletes anyone's item. */
  readonly isLead: boolean;
}

/** What can be linked: the active objectives and KPIs / key results of the series' board. */
export interface GoodNewsBoard {
  readonly objectiveIds: readonly string[];
  readonly metricIds: readonly string[];
}

export interface GoodNewsContext {
  readonly now: number;
  readonly tenantId: string;
  readonly meetingId: string;
  readonly board: GoodNewsBoard;
  /** Items (not deleted) of the meeting now, and of this author: the limits. */
  readonly meetingCount: number;
  readonly authorCount: number;
  /** Lower limits in tests. */
  readonly limits?: { readonly perAuthor?: number; readonly perMeeting?: number };
}

const fail = (code: GoodNewsErrorCode, message: string): GoodNewsResult => ({ ok: false, error: { code, message } });
const unchanged = (item: GoodNewsItem): GoodNewsResult => ({ ok: true, item, changed: false });

/** The item a command is about; an add names its item after the command id, so a retry finds it. */
export function goodNewsTargetOf(command: GoodNewsCommand): string {
  return command.type === "addGoodNews" ? goodNewsIdFor(command.id) : command.itemId;
}

const sameLink = (a: GoodNewsLink | null, b: GoodNewsLink | null): boolean => JSON.stringify(a) === JSON.stringify(b);

/** A link must name something on the board; one the item has already keeps its place (an objective archived since is fine). */
function checkLink(link: GoodNewsLink | null, board: GoodNewsBoard, current: GoodNewsLink | null): GoodNewsResult | null {
  if (link === null || sameLink(link, current)) return null;
  if (link.kind === "objective" && !board.objectiveIds.includes(link.objectiveId)) return fail("unknownLink", `The objective '${link.objectiveId}' is not on this team's KPI board; pick one from the board.`);
  if (link.kind === "kpi" && !board.metricIds.includes(link.metricId)) return fail("unknownLink", `The KPI '${link.metricId}' is not on this team's KPI board; pick one from the board.`);
  return null;
}

function sized(item: GoodNewsItem): GoodNewsResult {
  if (JSON.stringify(item).length > GOOD_NEWS_LIMITS.itemJsonMax) return fail("tooLarge", `The item would be larger than ${GOOD_NEWS_LIMITS.itemJsonMax} characters when stored.`);
  return { ok: true, item, changed: true };
}

const sameFields = (item: GoodNewsItem, f: GoodNewsFields): boolean => item.kind === f.kind && item.text === f.text && sameLink(item.link, f.link) && JSON.stringify(item.praise) === JSON.stringify(f.praise);

/**
 * Decides what a command does to an item (null when the meeting has none with that id). Every participant adds their
 * own; only the author or a lead edits or deletes; a link must be on the board; at most `perAuthor` items per author
 * and `perMeeting` per meeting. A command that changes nothing succeeds with `changed: false` (a retry, a double click).
 */
export function decideGoodNews(item: GoodNewsItem | null, command: GoodNewsCommand, actor: GoodNewsActor, ctx: GoodNewsContext): GoodNewsResult {
  const perAuthor = ctx.limits?.perAuthor ?? GOOD_NEWS_LIMITS.perAuthor;
  const perMeeting = ctx.limits?.perMeeting ?? GOOD_NEWS_LIMITS.perMeeting;
  if (command.type === "addGoodNews") {
    const id = goodNewsIdFor(command.id);
    if (item !== null) {
      // The same command again finds the item it made; anyone else's command id is not theirs to reuse.
      if (item.id === id && item.author.userId === actor.person.userId && item.tenantId === ctx.tenantId && item.meetingId === ctx.meetingId) return unchanged(item);
      return fail("forbidden", `An item with the id '${id}' exists already.`);
    }
    const f = command.fields;
    const linkProblem = checkLink(f.link, ctx.board, null);
    if (linkProblem) return linkProblem;
    if (ctx.authorCount >= perAuthor) return fail("authorFull", `You already have ${perAuthor} items of good news in this meeting. Edit or delete one first.`);
    if (ctx.meetingCount >= perMeeting) return fail("meetingFull", `This meeting already has ${perMeeting} items of good news.`);
    const by = { userId: actor.person.userId, name: actor.person.name };
    return sized({ id, tenantId: ctx.tenantId, meetingId: ctx.meetingId, version: 1, kind: f.kind, text: f.text, link: f.link, praise: f.praise, author: by, createdAt: ctx.now, updatedBy: by, updatedAt: ctx.now, deletedAt: null });
  }

  // Items of another tenant or meeting are not "forbidden": to this caller they do not exist.
  if (item === null || item.id !== command.itemId || item.tenantId !== ctx.tenantId || item.meetingId !== ctx.meetingId) return fail("notFound", `There is no good news '${command.itemId}' in this meeting.`);
  if (item.deletedAt !== null) return command.type === "deleteGoodNews" ? unchanged(item) : fail("deleted", "The item was deleted; it can no longer change.");
  if (item.author.userId !== actor.person.userId && !actor.isLead) return fail("notAuthor", "Only the author or a lead (organizer or presenter) can change this item.");
  const next = (changes: Partial<GoodNewsItem>): GoodNewsResult => sized({ ...item, ...changes, version: item.version + 1, updatedAt: ctx.now, updatedBy: { userId: actor.person.userId, name: actor.person.name } });

  switch (command.type) {
    case "editGoodNews": {
      const f = command.fields;
      if (sameFields(item, f)) return unchanged(item);
      const linkProblem = checkLink(f.link, ctx.board, item.link);
      if (linkProblem) return linkProblem;
      // Praise and whether it leaves the meeting are the author's choice: a lead may only make it less public.
      if (item.author.userId !== actor.person.userId && JSON.stringify(f.praise) !== JSON.stringify(item.praise)) {
        const lessPublic = f.praise === null || (!f.praise.share && f.praise.name === item.praise?.name);
        if (!lessPublic) return fail("praiseNotYours", "Only the author chooses praise and whether it is shared outside the meeting; a lead can stop sharing it or remove it.");
      }
      return next({ kind: f.kind, text: f.text, link: f.link, praise: f.praise });
    }
    case "deleteGoodNews":
      return next({ text: "", link: null, praise: null, deletedAt: ctx.now });
  }
}
