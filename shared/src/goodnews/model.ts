/** @module Good news (the agenda's first section): an attendee's win or challenge for one meeting occurrence, tied to an objective or KPI where it fits, with optional praise for someone outside the team. */
import type { Capability } from "../auth/capabilities.js";
import type { Person } from "../sir/item.js";

export type { Person };

/** Wins first, then challenges: the method starts with successes. */
export const GOOD_NEWS_KINDS = ["win", "challenge"] as const;
export type GoodNewsKind = (typeof GOOD_NEWS_KINDS)[number];

/** What on the series' KPI board the news is about, by id (checked against the board when set). */
export type GoodNewsLink = { readonly kind: "objective"; readonly objectiveId: string } | { readonly kind: "kpi"; readonly metricId: string };

/** Praise for someone outside the team: a name as free text, and whether the author wants it posted to the team's channel. */
export interface Praise {
  readonly name: string;
  readonly share: boolean;
}

export interface GoodNewsItem {
  readonly id: string;
  readonly tenantId: string;
  /** The meeting occurrence (Teams' meeting id): good news belongs to one meeting, it does not carry over. */
  readonly meetingId: string;
  readonly version: number;
  readonly kind: GoodNewsKind;
  readonly text: string;
  readonly link: GoodNewsLink | null;
  readonly praise: Praise | null;
  readonly author: Person;
  readonly createdAt: number;
  readonly updatedBy: Person;
  readonly updatedAt: number;
  /** Set when deleted (by the author or a lead): a tombstone without content, so a retried command is recognised. */
  readonly deletedAt: number | null;
}

/** Every size and count of good news in one place (schemas, store, panel and cards agree). */
export const GOOD_NEWS_LIMITS = {
  textMax: 500,
  praiseNameMax: 100,
  /** Items one attendee has in one meeting (not deleted). */
  perAuthor: 10,
  /** Items of one meeting (not deleted). */
  perMeeting: 100,
  itemJsonMax: 4_000,
} as const;

/**
 * Who may do what, in the existing role model: every participant adds good news (`meeting:read`: everyone in the
 * meeting); a lead (`meeting:drive`: organizer or presenter) edits and deletes anyone's.
 */
export const GOOD_NEWS_CAPABILITY = { add: "meeting:read", lead: "meeting:drive" } as const satisfies Readonly<Record<string, Capability>>;

/** The item id of an `addGoodNews` command: a retried command finds the item it made. */
export const goodNewsIdFor = (commandId: string): string => `gn-${commandId}`;

export const isLiveGoodNews = (item: GoodNewsItem | null): item is GoodNewsItem => item !== null && item.deletedAt === null;
