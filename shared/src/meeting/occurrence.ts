/**
 * @module Occurrences of one Teams meeting. Every occurrence of a recurring Teams meeting shares one meeting id (and
 * one chat), so the weekly record cannot be keyed by Teams' id alone: week 2 would find week 1 ended. The service
 * numbers a meeting's occurrences: the first keeps Teams' id as its meeting id (so what was stored before stays
 * where it is), later ones are `<Teams id>~<n>`. Teams' meeting ids are base64, so they never hold a `~`.
 *
 * Storage, streams and records use the occurrence's id; everything asked of Teams (roles, the meeting's chat) uses
 * Teams' id (`teamsMeetingRef`). Which occurrence is the current one is decided here, from its state and the clock.
 */
import type { MeetingRef, MeetingState } from "./state.js";

const HOUR = 60 * 60 * 1000;

/** The most occurrences one Teams meeting has: twenty years of weekly meetings. */
export const MAX_OCCURRENCE = 1040;

/** An ended occurrence stays the current one this long (review, rating and the summary post); then the next one is. */
export const ENDED_STAYS_CURRENT_MS = 12 * HOUR;

/** A running occurrence started this long ago was left running (Teams' end event lost): the next start ends it. */
export const RUNNING_GOES_STALE_MS = 12 * HOUR;

const SUFFIX = /^(.+)~([1-9]\d{0,3})$/;

/** The meeting id of a Teams meeting's n-th occurrence (1 = Teams' own id). */
export function occurrenceMeetingId(teamsMeetingId: string, n: number): string {
  if (!Number.isSafeInteger(n) || n < 1 || n > MAX_OCCURRENCE) throw new RangeError(`An occurrence number is 1–${MAX_OCCURRENCE}, not ${n}.`);
  return n === 1 ? teamsMeetingId : `${teamsMeetingId}~${n}`;
}

/**
 * Which occurrence a meeting id names. `<Teams id>~<n>` names occurrence n (1 included: the first's own link, since
 * Teams' bare id means "the current one" once there are several); anything else is a Teams id (`named` false).
 */
export function parseOccurrence(meetingId: string): { readonly teamsMeetingId: string; readonly n: number; readonly named: boolean } {
  const m = SUFFIX.exec(meetingId);
  const n = m ? Number(m[2]) : 1;
  if (!m?.[1] || n > MAX_OCCURRENCE) return { teamsMeetingId: meetingId, n: 1, named: false };
  return { teamsMeetingId: m[1], n, named: true };
}

/** The id that names this occurrence for good (history links, records): `<Teams id>~<n>`, the first one included. */
export function occurrenceLinkId(meetingId: string): string {
  const { teamsMeetingId, n } = parseOccurrence(meetingId);
  return `${teamsMeetingId}~${n}`;
}

/** The meeting as Teams knows it: what roles, participants and the meeting's chat are asked with. */
export function teamsMeetingRef(ref: MeetingRef): MeetingRef {
  const { teamsMeetingId } = parseOccurrence(ref.meetingId);
  return teamsMeetingId === ref.meetingId ? ref : { tenantId: ref.tenantId, meetingId: teamsMeetingId };
}

export function occurrenceRef(teams: MeetingRef, n: number): MeetingRef {
  return { tenantId: teams.tenantId, meetingId: occurrenceMeetingId(teams.meetingId, n) };
}

/** What starts a look at the current occurrence: someone opening or using it, or Teams saying the call started. */
export type OccurrenceTrigger = "use" | "teamsStart";

/**
 * What happens to the current occurrence: `keep` it, move on to the `next`, or `endThenNext` (left running from an
 * earlier call). Opening or using it moves on only once an ended occurrence has been ended for a while; a new call
 * always gets a new occurrence unless the current one has not started yet or is running since recently.
 */
export function occurrenceStep(state: Pick<MeetingState, "phase" | "startedAt" | "endedAt">, now: number, trigger: OccurrenceTrigger): "keep" | "next" | "endThenNext" {
  if (state.phase === "notStarted") return "keep";
  if (state.phase === "ended") {
    if (trigger === "teamsStart") return "next";
    return state.endedAt !== null && now - state.endedAt >= ENDED_STAYS_CURRENT_MS ? "next" : "keep";
  }
  if (trigger === "teamsStart" && state.startedAt !== null && now - state.startedAt >= RUNNING_GOES_STALE_MS) return "endThenNext";
  return "keep";
}

/**
 * The earliest moment someone's use could move on from an occurrence in this state (a lower bound, so a look-up can
 * skip reading the state until then): an ended one 12 hours after its end; one not ended yet must end first, which
 * is now at the soonest.
 */
export function earliestMoveByUse(state: Pick<MeetingState, "phase" | "endedAt">, now: number): number {
  if (state.phase === "ended" && state.endedAt !== null) return state.endedAt + ENDED_STAYS_CURRENT_MS;
  return now + ENDED_STAYS_CURRENT_MS;
}
