/** @module The rating's part of a meeting's record (`MeetingRecordDeps.extras`): count, average and the comments, without who gave what. */
import type { MeetingRef } from "../../../shared/src/meeting/state.js";
import type { RecordExtras } from "../../../shared/src/summary/build-record.js";
import { RECORD_LIMITS } from "../../../shared/src/summary/record.js";
import type { RatingStore } from "../storage/rating-store.js";

/** Nobody has rated yet: `rating: null` (the card and the Markdown then say so). */
export function ratingExtras(ratings: RatingStore): (ref: MeetingRef) => Promise<RecordExtras> {
  return async (ref) => {
    const { count, average, comments } = await ratings.summary(ref, RECORD_LIMITS.ratingCommentsMax);
    return { rating: count > 0 && average !== null ? { average, count, comments } : null };
  };
}
