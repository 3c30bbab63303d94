/** @module The good-news commands (zod wire schemas, inferred types): client-made command ids, strict objects, every size limited. */
import { z } from "zod";
import { MetricId, ObjectiveId } from "../kpi/commands.js";
import { CommandId } from "../meeting/commands.js";
import { trimmed } from "../wire/text.js";
import { GOOD_NEWS_KINDS, GOOD_NEWS_LIMITS } from "./model.js";

export const GoodNewsId = z.string().regex(/^gn-[A-Za-z0-9_-]{8,64}$/, "must be 'gn-' and a command id");

export const GoodNewsLinkSchema = z.discriminatedUnion("kind", [z.strictObject({ kind: z.literal("objective"), objectiveId: ObjectiveId }), z.strictObject({ kind: z.literal("kpi"), metricId: MetricId })]);

export const PraiseSchema = z.strictObject({ name: trimmed(GOOD_NEWS_LIMITS.praiseNameMax, 1), share: z.boolean() });

export const GoodNewsFieldsSchema = z.strictObject({
  kind: z.enum(GOOD_NEWS_KINDS),
  text: trimmed(GOOD_NEWS_LIMITS.textMax, 1),
  link: GoodNewsLinkSchema.nullable(),
  praise: PraiseSchema.nullable(),
});
export type GoodNewsFields = z.infer<typeof GoodNewsFieldsSchema>;

const cmd = <T extends string, S extends z.ZodRawShape>(type: T, shape: S) => z.strictObject({ id: CommandId, type: z.literal(type), ...shape });

export const GoodNewsCommand = z.discriminatedUnion("type", [
  cmd("addGoodNews", { fields: GoodNewsFieldsSchema }),
  cmd("editGoodNews", { itemId: GoodNewsId, fields: GoodNewsFieldsSchema }),
  /** The author or a lead removes an item: its content is erased, a tombstone remains. */
  cmd("deleteGoodNews", { itemId: GoodNewsId }),
]);
export type GoodNewsCommand = z.infer<typeof GoodNewsCommand>;
export type GoodNewsCommandType = GoodNewsCommand["type"];

export const GOOD_NEWS_COMMAND_TYPES = GoodNewsCommand.options.map((o) => o.shape.type.value);
