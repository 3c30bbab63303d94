/** @module The meeting history's wire format (`GET /api/meetings/:meetingId/history`): the series' past occurrences, newest first. */
import type { RatingSummary } from "./rating.js";

export interface HistoryEntry {
  readonly meetingId: string;
  /** The team's day of the start (YYYY-MM-DD, in the KPI board's time zone). */
  readonly date: string;
  readonly startedAt: string;
  readonly endedAt: string | null;
  readonly rating: RatingSummary;
  /** SIR decisions taken in that meeting. */
  readonly decisions: number;
  /** Whether its summary was posted to the channel; null = not known (no channel post store wired). */
  readonly summaryPosted: boolean | null;
  /** The full record (`GET …/record`), as paths on this service. */
  readonly record: { readonly md: string; readonly json: string };
}

export interface HistoryResponse {
  readonly seriesId: string;
  readonly entries: readonly HistoryEntry[];
  /** True when the series has more occurrences than the history shows. */
  readonly truncated: boolean;
}

/** How many occurrences the history shows: a year of weekly meetings. */
export const HISTORY_SHOWN = 52;
