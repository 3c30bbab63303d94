/** @module A meeting's good news in the method's order (wins first, then challenges, each oldest first), and the list for the summary. */
import type { RecordGoodNews } from "../summary/record.js";
import type { GoodNewsItem, GoodNewsKind, GoodNewsLink, Person, Praise } from "./model.js";

const KIND_ORDER: Readonly<Record<GoodNewsKind, number>> = { win: 0, challenge: 1 };

/** The items not deleted, wins first, then challenges; within each, in the order they were added. */
export function goodNewsForMeeting(items: readonly GoodNewsItem[]): GoodNewsItem[] {
  return items
    .filter((i) => i.deletedAt === null)
    .sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** One line of the summary: what, by whom, about what on the board, and praise (its name only when the author chose to share it). */
export interface SummaryGoodNews {
  readonly kind: GoodNewsKind;
  readonly text: string;
  readonly by: Person;
  readonly link: GoodNewsLink | null;
  /** The board's name for the link at the time of the summary; null when not linked or no longer on the board. */
  readonly linkTitle: string | null;
  readonly praise: Praise | null;
}

export interface BoardTitles {
  readonly objectives: readonly { readonly id: string; readonly title: string }[];
  readonly metrics: readonly { readonly id: string; readonly name: string }[];
}

/** The board's name for what a link points at; null when it is not (or no longer) on the board. */
export function linkTitle(link: GoodNewsLink | null, board: BoardTitles): string | null {
  if (link === null) return null;
  if (link.kind === "objective") return board.objectives.find((o) => o.id === link.objectiveId)?.title ?? null;
  return board.metrics.find((m) => m.id === link.metricId)?.name ?? null;
}

/**
 * The meeting's good news for the summary (pure): in the method's order, with the board's names for links. Praise
 * the author did not want shared outside the meeting is left out (the summary goes to the channel).
 */
export function goodNewsForSummary(items: readonly GoodNewsItem[], board: BoardTitles = { objectives: [], metrics: [] }): SummaryGoodNews[] {
  return goodNewsForMeeting(items).map((i) => ({
    kind: i.kind,
    text: i.text,
    by: i.author,
    link: i.link,
    linkTitle: linkTitle(i.link, board),
    praise: i.praise?.share ? i.praise : null,
  }));
}

/** The summary record's shape (text and who), challenges marked by the caller's word for them. */
export function goodNewsRecord(items: readonly GoodNewsItem[], challengeLabel: string): RecordGoodNews[] {
  return goodNewsForMeeting(items).map((i) => ({ text: i.kind === "challenge" ? `${challengeLabel}: ${i.text}` : i.text, by: i.author }));
}
