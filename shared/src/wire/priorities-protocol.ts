/** @module The panel's priorities wire: request body, responses and the stream event (zod for requests only). */
import { z } from "zod";
import { PriorityCommand } from "../priorities/commands.js";
import type { Person, PriorityEntry, PriorityRound } from "../priorities/model.js";
import type { PriorityDraft } from "../priorities/prefill.js";

export const PriorityCommandRequest = z.strictObject({ command: PriorityCommand });

/** One member of the round: their saved entry this week (null = not yet) and what their form starts from. */
export interface PriorityMemberView {
  readonly member: Person;
  readonly prepared: boolean;
  readonly entry: PriorityEntry | null;
  /** The saved entry, or the pre-filled draft (version 0) when there is none. */
  readonly draft: PriorityDraft;
}

export interface PriorityRoundResponse {
  readonly seriesId: string;
  /** The series' week (ISO, in the team's time zone) and that zone. */
  readonly week: string;
  readonly timeZone: string;
  /** In the walk-through's order (by name); the same list for every caller. */
  readonly members: readonly PriorityMemberView[];
  /** The caller's own, even when they are not on the series' roster yet. */
  readonly mine: PriorityMemberView;
  readonly round: PriorityRound | null;
}

export type PriorityCommandResponse =
  | { readonly kind: "entry"; readonly entry: PriorityEntry; readonly changed: boolean }
  | { readonly kind: "round"; readonly round: PriorityRound; readonly changed: boolean };

/** On the meeting's stream as `{type: "priority", event}`: a saved entry or the walk's move, higher versions win. */
export type PriorityStreamEvent = { readonly kind: "entry"; readonly entry: PriorityEntry } | { readonly kind: "round"; readonly round: PriorityRound };
