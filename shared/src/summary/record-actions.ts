/**
 * @module The actions part of a meeting's record: the series' real actions (shared/src/actions) as the summary shows
 * them, each marked `new`, `updated`, `done` or `open` (= carries over) for this meeting. Pure: the service loads the
 * series' actions and the meeting's window, this decides (docs/SUMMARY.md, "Actions in the summary").
 *
 * The window a meeting reports on starts where the previous occurrence of the series ended (what happened since last
 * week's meeting is this week's news: an action done on Wednesday is "done" in Monday's summary), or at this meeting's
 * start when there was none; it ends when this meeting ended (now while it runs). Actions are stored as they stand
 * now, not as they stood then: an action created after the window is left out, one done after it counts as open.
 */
import { actionsForMeeting } from "../actions/meeting-list.js";
import type { Action } from "../actions/model.js";
import type { RecordAction, RecordActionState } from "./record.js";

export interface ActionWindow {
  /** Changes from this moment (ms) on are this meeting's; null = nothing counts as new, updated or done (a meeting not started, the first of its series). */
  readonly since: number | null;
  /** The meeting's end (ms), or now while it runs. */
  readonly until: number;
}

/** The order the summary lists them in: what the meeting changed first, then what carries over. */
const STATE_ORDER: Readonly<Record<RecordActionState, number>> = { new: 0, updated: 1, done: 2, open: 3 };

const within = (at: number | null, window: ActionWindow): boolean => at !== null && window.since !== null && at >= window.since && at <= window.until;

function stateOf(a: Action, window: ActionWindow): RecordActionState | null {
  const doneThen = a.status === "done" && a.doneAt !== null && a.doneAt <= window.until;
  if (doneThen) return within(a.doneAt, window) ? "done" : null; // Done before the window: last week's news, not this week's.
  if (within(a.createdAt, window)) return "new";
  if (within(a.updatedAt, window)) return "updated";
  return "open";
}

/**
 * The record's actions: the meeting's list (every open action of the series and those done recently; deleted never,
 * each id once), each with its state for the window, new first, then updated, done, and the open ones that carry over.
 * `timeZone` is the team's (the meeting list's "recently done" is counted in its days).
 */
export function recordActions(actions: readonly Action[], window: ActionWindow, timeZone: string): RecordAction[] {
  const listed = actionsForMeeting(actions, window.until, timeZone).filter((a) => a.createdAt <= window.until);
  return listed
    .map((a, index) => ({ a, index, state: stateOf(a, window) }))
    .filter((x): x is { a: Action; index: number; state: RecordActionState } => x.state !== null)
    .sort((x, y) => STATE_ORDER[x.state] - STATE_ORDER[y.state] || x.index - y.index)
    .map(({ a, state }) => ({ id: a.id, title: a.title, owners: a.owners.map((o) => ({ userId: o.userId, name: o.name })), due: a.due, state }));
}

/**
 * Where the window starts: the end of the latest earlier occurrence of the series (its start if it never ended), else
 * this meeting's start. `occurrences` are the series' (any order), this meeting among them or not.
 */
export function windowStart(meetingId: string, startedAt: number | null, occurrences: readonly { readonly meetingId: string; readonly startedAt: number | null; readonly endedAt: number | null }[]): number | null {
  if (startedAt === null) {
    // Not started: a preview reports what happened since the last meeting, if there was one.
    const last = occurrences.filter((o) => o.meetingId !== meetingId && o.startedAt !== null).sort((a, b) => (b.startedAt ?? 0) - (a.startedAt ?? 0))[0];
    return last ? (last.endedAt ?? last.startedAt) : null;
  }
  const earlier = occurrences.filter((o) => o.meetingId !== meetingId && o.startedAt !== null && o.startedAt < startedAt).sort((a, b) => (b.startedAt ?? 0) - (a.startedAt ?? 0))[0];
  if (!earlier) return startedAt;
  const end = earlier.endedAt ?? earlier.startedAt ?? startedAt;
  return Math.min(end, startedAt);
}
