/**
 * @module The meeting rating: each participant rates the meeting 1–10 (optionally with a short comment); the last
 * rating of a person counts. The wire schemas (zod) and the pure summary (count and average) every reader shows.
 * Who gave what is never sent to anyone but the rater: the team sees the count and the average (see docs/SUMMARY.md).
 */
import { z } from "zod";
import { CommandId } from "../meeting/commands.js";
import { trimmed } from "../wire/text.js";

export const RATING_LIMITS = {
  min: 1,
  max: 10,
  /** A comment is a line or two, not an essay: it goes into the summary's record. */
  commentMax: 500,
  /** The request body: a score, a comment and an id fit well within this. */
  bodyMaxBytes: 4 * 1024,
  /** Ratings read for one meeting's summary (one per participant). */
  ratersMax: 10_000,
} as const;

/** One person's rating, sent with a client-made id: a retry of the same id is answered as a duplicate. */
export const RatingRequest = z.strictObject({
  id: CommandId,
  score: z.number().int("must be a whole number").min(RATING_LIMITS.min, "must be at least 1").max(RATING_LIMITS.max, "must be at most 10"),
  comment: trimmed(RATING_LIMITS.commentMax, 0).nullable().optional(),
});
export type RatingRequest = z.infer<typeof RatingRequest>;

export interface MyRating {
  readonly score: number;
  readonly comment: string | null;
  readonly at: number;
}

/**
 * The meeting's rating as pushed on its stream after each stored rating (`{ type: "rating" }`): the count and the
 * average, never who gave what. `at` is the service's clock when it was counted: a panel keeps the newest it got.
 */
export interface RatingStreamEvent {
  readonly count: number;
  readonly average: number | null;
  readonly at: number;
}

export interface RatingSummary {
  readonly count: number;
  /** Mean of the scores, to two decimals; null when nobody has rated. */
  readonly average: number | null;
}

/** `GET …/rating` and the answer to `POST …/rating`. */
export interface RatingResponse {
  readonly mine: MyRating | null;
  readonly summary: RatingSummary;
  /** Whether the meeting can be rated now (it has started). */
  readonly open: boolean;
  readonly duplicate?: boolean;
}

export function summarizeRatings(scores: readonly number[]): RatingSummary {
  if (scores.length === 0) return { count: 0, average: null };
  const sum = scores.reduce((a, b) => a + b, 0);
  return { count: scores.length, average: Math.round((sum / scores.length) * 100) / 100 };
}
