/** @module The action commands (zod wire schemas, inferred types): client-made command ids, strict objects, every size and count limited. */
import { z } from "zod";
import { CommandId } from "../meeting/commands.js";
import { isRealDate, PersonSchema, trimmed } from "../sir/commands.js";
import { ACTION_LIMITS, ACTION_STATUSES } from "./model.js";

export const ActionId = z.string().regex(/^act-[A-Za-z0-9_-]{8,64}$/, "must be 'act-' and a command id");
export const SubtaskId = z.string().regex(/^st-[A-Za-z0-9_-]{8,64}$/, "must be 'st-' and a command id");
export const DueDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be YYYY-MM-DD")
  .refine(isRealDate, "must be a real date");

const SourceId = (prefix: string) => z.string().regex(new RegExp(`^${prefix}-[A-Za-z0-9_-]{8,64}$`), `must be '${prefix}-' and an id`);
export const ActionSourceSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("sir"), itemId: SourceId("sir") }),
  z.strictObject({ kind: z.literal("kpi"), metricId: SourceId("kpi") }),
  z.strictObject({ kind: z.literal("objective"), objectiveId: SourceId("obj") }),
]);

/** Owners by id: the service takes their names from the series' people, never from the request. */
export const OwnerIds = z
  .array(PersonSchema.shape.userId)
  .min(1, "must name at least one owner")
  .max(ACTION_LIMITS.ownersMax, `must be at most ${ACTION_LIMITS.ownersMax} owners`)
  .refine((ids) => new Set(ids).size === ids.length, "must not name an owner twice");

export const ActionFieldsSchema = z.strictObject({
  title: trimmed(ACTION_LIMITS.titleMax, 1),
  owners: OwnerIds,
  due: DueDay,
  subtasks: z.array(trimmed(ACTION_LIMITS.subtaskTitleMax, 1)).max(ACTION_LIMITS.subtasksMax, `must be at most ${ACTION_LIMITS.subtasksMax} subtasks`),
  source: ActionSourceSchema.nullable(),
});
export type ActionFields = z.infer<typeof ActionFieldsSchema>;

const cmd = <T extends string, S extends z.ZodRawShape>(type: T, shape: S) => z.strictObject({ id: CommandId, type: z.literal(type), ...shape });

export const ActionCommand = z.discriminatedUnion("type", [
  cmd("createAction", { fields: ActionFieldsSchema }),
  cmd("editAction", { actionId: ActionId, title: trimmed(ACTION_LIMITS.titleMax, 1), owners: OwnerIds }),
  cmd("setActionStatus", { actionId: ActionId, status: z.enum(ACTION_STATUSES) }),
  cmd("setActionDue", { actionId: ActionId, due: DueDay }),
  cmd("addSubtask", { actionId: ActionId, title: trimmed(ACTION_LIMITS.subtaskTitleMax, 1) }),
  cmd("setSubtaskDone", { actionId: ActionId, subtaskId: SubtaskId, done: z.boolean() }),
  cmd("removeSubtask", { actionId: ActionId, subtaskId: SubtaskId }),
  cmd("addActionComment", { actionId: ActionId, text: trimmed(ACTION_LIMITS.commentMax, 1) }),
  /** A lead removes an action for good: its content is erased, a tombstone remains. */
  cmd("deleteAction", { actionId: ActionId }),
]);
export type ActionCommand = z.infer<typeof ActionCommand>;
export type ActionCommandType = ActionCommand["type"];

export const ACTION_COMMAND_TYPES = ActionCommand.options.map((o) => o.shape.type.value);
