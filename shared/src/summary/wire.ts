/** @module What `GET /api/meetings/:id/summary` answers: the record, the channel card built from it, and its size. Types only (the panel imports them). */
import type { AdaptiveCard } from "../cards/card-types.js";
import type { Locale } from "../i18n/format.js";
import type { MeetingRecord } from "./record.js";

export interface SummaryResponse {
  readonly locale: Locale;
  readonly record: MeetingRecord;
  readonly card: AdaptiveCard;
  /** UTF-8 bytes of the card's JSON, and the most it may take. */
  readonly cardBytes: number;
  readonly cardMaxBytes: number;
  /** Where the card is in the channel (when, by whom; the latest update), null before the first post. */
  readonly post?: SummaryPostInfo | null;
}

export interface SummaryPostInfo {
  readonly postedAt: number;
  readonly postedBy: { readonly userId: string; readonly name: string };
  readonly updatedAt: number | null;
  readonly updatedBy: { readonly userId: string; readonly name: string } | null;
}
