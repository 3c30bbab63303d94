/** @module The priorities commands (zod wire schemas, inferred types): client-made command ids, strict objects, every size and count limited. */
import { z } from "zod";
import { isIsoWeek } from "../kpi/week.js";
import { CommandId } from "../meeting/commands.js";
import { PersonSchema, trimmed } from "../sir/commands.js";
import { PRIORITY_LIMITS, PRIORITY_MARKS } from "./model.js";

export const PriorityWeek = z.string().refine(isIsoWeek, "must be an ISO week like 2026-W49");
export const MemberId = PersonSchema.shape.userId;

export const LastWeekPrioritySchema = z.strictObject({
  text: trimmed(PRIORITY_LIMITS.textMax, 1),
  result: trimmed(PRIORITY_LIMITS.resultMax),
  mark: z.enum(PRIORITY_MARKS).nullable(),
});

export const NextWeekPrioritySchema = z.strictObject({
  text: trimmed(PRIORITY_LIMITS.textMax, 1),
  why: trimmed(PRIORITY_LIMITS.whyMax),
});

const max = PRIORITY_LIMITS.prioritiesMax;

/** What a member writes; the single truth for the panel's form and the chat card's submission. */
export const PriorityFieldsSchema = z.strictObject({
  // A first week has nothing to report on; otherwise the pre-filled ones are there to be marked.
  lastWeek: z.array(LastWeekPrioritySchema).max(max, `must be at most ${max} priorities`),
  nextWeek: z.array(NextWeekPrioritySchema).min(1, "must name at least one priority for next week").max(max, `must be at most ${max} priorities`),
  learned: trimmed(PRIORITY_LIMITS.learnedMax),
  change: trimmed(PRIORITY_LIMITS.changeMax),
});
export type PriorityFields = z.infer<typeof PriorityFieldsSchema>;

const cmd = <T extends string, S extends z.ZodRawShape>(type: T, shape: S) => z.strictObject({ id: CommandId, type: z.literal(type), ...shape });

export const PriorityCommand = z.discriminatedUnion("type", [
  /**
   * Saves a member's whole entry for the week (the member, or a lead for them). `week` is the week the form was made
   * for: once the week has turned it is refused, never saved into the new week. `expectedVersion` (0 = not saved
   * yet) refuses a save made on a copy someone changed meanwhile.
   */
  cmd("savePriorities", { week: PriorityWeek, memberId: MemberId, expectedVersion: z.number().int().min(0).max(1_000_000).optional(), fields: PriorityFieldsSchema }),
  /** The lead moves the walk-through to a member (null: closes it). */
  cmd("setPrioritySpeaker", { week: PriorityWeek, memberId: MemberId.nullable() }),
]);
export type PriorityCommand = z.infer<typeof PriorityCommand>;
export type PriorityCommandType = PriorityCommand["type"];

export const PRIORITY_COMMAND_TYPES = PriorityCommand.options.map((o) => o.shape.type.value);
