/**
 * @module The meeting rating API: a participant reads their own rating with the meeting's count and average, and rates
 * the meeting 1–10 with an optional comment once it has started (their last rating counts). Same auth and role rules
 * as the meeting API: any participant, nobody else; the budgets of commands apply.
 */
import { RATING_LIMITS, RatingRequest, type RatingResponse } from "../../../shared/src/rating/rating.js";
import type { MeetingRef } from "../../../shared/src/meeting/state.js";
import type { Hub } from "../realtime/hub.js";
import { meetingPartition } from "../storage/keys.js";
import type { RatingStore } from "../storage/rating-store.js";
import { admit, authenticate, formatIssues, type ApiDeps } from "./api.js";
import { HttpError, readJson, sendJson, type Router } from "./http.js";
import { limitsOf } from "./limits.js";

export interface RatingApiDeps extends Pick<ApiDeps, "verify" | "roles" | "occurrences" | "store"> {
  readonly ratings: RatingStore;
  /** The meeting's open panels get the new count and average (absent: they read it when the view loads). */
  readonly hub?: Pick<Hub, "publishRating">;
  readonly now?: () => number;
}

async function summaryOf(deps: RatingApiDeps, ref: MeetingRef) {
  const { count, average } = await deps.ratings.summary(ref, 0);
  return { count, average };
}

export function registerRatingApi(router: Router, deps: RatingApiDeps): void {
  const limits = limitsOf(router);
  router.on("GET", "/api/meetings/:meetingId/rating", async (req, res, params) => {
    const identity = await authenticate(deps, req);
    const { ref } = await admit(deps, identity, params.meetingId, "meeting:read");
    const [mine, summary, meeting] = await Promise.all([deps.ratings.mine(ref, identity.userId), summaryOf(deps, ref), deps.store.get(ref)]);
    const body: RatingResponse = { mine, summary, open: meeting.phase !== "notStarted" };
    sendJson(res, 200, body);
  });

  router.on("POST", "/api/meetings/:meetingId/rating", async (req, res, params) => {
    const identity = await authenticate(deps, req);
    limits.command(identity);
    const parsed = RatingRequest.safeParse(await readJson(req, RATING_LIMITS.bodyMaxBytes));
    if (!parsed.success) throw new HttpError(400, "invalidRating", "A rating is a whole number from 1 to 10, with an optional comment of at most 500 characters.", formatIssues(parsed.error));
    const { ref } = await admit(deps, identity, params.meetingId, "meeting:read");
    limits.meeting(ref);
    if ((await deps.store.get(ref)).phase === "notStarted") throw new HttpError(409, "meetingNotStarted", "The meeting has not started yet; rate it at the end.");
    const { mine, duplicate } = await deps.ratings.rate(ref, identity.userId, { id: parsed.data.id, score: parsed.data.score, comment: parsed.data.comment || null });
    const summary = await summaryOf(deps, ref);
    // Counted after the write, so the newest count (by `at`) is never older than the rating it follows.
    if (!duplicate) deps.hub?.publishRating(meetingPartition(ref), { ...summary, at: (deps.now ?? Date.now)() });
    const body: RatingResponse = { mine, summary, open: true, duplicate };
    sendJson(res, 200, body);
  });
}
