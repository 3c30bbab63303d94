/** @module The KPI board's commands (zod wire schemas, inferred types): one path for the panel, the chat card and the CSV import. */
import { z } from "zod";
import { CommandId } from "../meeting/commands.js";
import { PersonSchema, trimmed } from "../sir/commands.js";
import { DIRECTIONS, KPI_LIMITS, KPI_STATUSES, METRIC_KINDS } from "./model.js";
import { ReminderSchema } from "./reminder.js";
import { isIsoWeek, isTimeZone, weeksBetween } from "./week.js";

export const ObjectiveId = z.string().regex(/^obj-[A-Za-z0-9_-]{8,64}$/, "must be 'obj-' and a command id");
export const MetricId = z.string().regex(/^kpi-[A-Za-z0-9_-]{8,64}$/, "must be 'kpi-' and a command id");
export const WeekSchema = z.string().refine(isIsoWeek, "must be an ISO week such as 2026-W05");

/** A measured number: finite and within ±10^12 (a typo or an attack beyond that, never a KPI). */
export const KpiNumber = z
  .number({ error: "must be a number" })
  .refine(Number.isFinite, "must be a finite number")
  .refine((n) => Math.abs(n) <= KPI_LIMITS.valueAbsMax, `must be between -${KPI_LIMITS.valueAbsMax} and ${KPI_LIMITS.valueAbsMax}`);

export const ObjectiveFieldsSchema = z
  .strictObject({
    title: trimmed(KPI_LIMITS.objectiveTitleMax, 1),
    from: WeekSchema,
    to: WeekSchema,
    owner: PersonSchema.nullable(),
  })
  .superRefine((f, ctx) => {
    if (!isIsoWeek(f.from) || !isIsoWeek(f.to)) return;
    const weeks = weeksBetween(f.from, f.to) + 1;
    if (weeks < 1) ctx.addIssue({ code: "custom", path: ["to"], message: "must not be before the first week" });
    else if (weeks > KPI_LIMITS.cycleWeeksMax) ctx.addIssue({ code: "custom", path: ["to"], message: `the cycle must be at most ${KPI_LIMITS.cycleWeeksMax} weeks` });
  });

export const MetricFieldsSchema = z
  .strictObject({
    kind: z.enum(METRIC_KINDS),
    objectiveId: ObjectiveId.nullable(),
    name: trimmed(KPI_LIMITS.nameMax, 1),
    unit: trimmed(KPI_LIMITS.unitMax),
    direction: z.enum(DIRECTIONS),
    target: KpiNumber,
    targetMax: KpiNumber.nullable(),
    start: KpiNumber.nullable(),
    tolerancePct: z.number().refine(Number.isFinite, "must be a finite number").min(0).max(KPI_LIMITS.tolerancePctMax),
    owner: PersonSchema.nullable(),
  })
  .superRefine((f, ctx) => {
    if (f.kind === "keyResult" && f.objectiveId === null) ctx.addIssue({ code: "custom", path: ["objectiveId"], message: "a key result belongs to an objective" });
    if (f.kind === "kpi" && f.objectiveId !== null) ctx.addIssue({ code: "custom", path: ["objectiveId"], message: "a KPI belongs to no objective (make it a key result)" });
    if (f.kind === "kpi" && f.start !== null) ctx.addIssue({ code: "custom", path: ["start"], message: "only a key result has a start value" });
    if (f.direction === "range") {
      if (f.targetMax === null) ctx.addIssue({ code: "custom", path: ["targetMax"], message: "a range needs an upper bound" });
      else if (f.targetMax < f.target) ctx.addIssue({ code: "custom", path: ["targetMax"], message: "must not be below the target" });
      if (f.start !== null) ctx.addIssue({ code: "custom", path: ["start"], message: "a range has no start value" });
    } else if (f.targetMax !== null) {
      ctx.addIssue({ code: "custom", path: ["targetMax"], message: "only a range has an upper bound" });
    }
  });

export const StatusOverrideSchema = z.strictObject({
  status: z.enum(KPI_STATUSES),
  comment: trimmed(KPI_LIMITS.commentMax, 1),
});

const cmd = <T extends string, S extends z.ZodRawShape>(type: T, shape: S) => z.strictObject({ id: CommandId, type: z.literal(type), ...shape });

export const KpiCommand = z.discriminatedUnion("type", [
  cmd("createObjective", { fields: ObjectiveFieldsSchema }),
  cmd("editObjective", { objectiveId: ObjectiveId, fields: ObjectiveFieldsSchema }),
  cmd("archiveObjective", { objectiveId: ObjectiveId, archived: z.boolean() }),
  cmd("createMetric", { fields: MetricFieldsSchema }),
  cmd("editMetric", { metricId: MetricId, fields: MetricFieldsSchema }),
  cmd("archiveMetric", { metricId: MetricId, archived: z.boolean() }),
  cmd("recordValue", { metricId: MetricId, week: WeekSchema, value: KpiNumber }),
  /** null takes the override back: the computed status shows again. */
  cmd("overrideStatus", { metricId: MetricId, week: WeekSchema, override: StatusOverrideSchema.nullable() }),
  cmd("setTimeZone", { timeZone: z.string().refine(isTimeZone, "must be a time zone such as Europe/Oslo") }),
  /** null: the bot asks only when the lead presses the button. */
  cmd("setReminder", { reminder: ReminderSchema.nullable() }),
]);
export type KpiCommand = z.infer<typeof KpiCommand>;
export type KpiCommandType = KpiCommand["type"];

/** Commands about one weekly value (the rest change definitions or settings). */
export type ValueCommand = Extract<KpiCommand, { type: "recordValue" | "overrideStatus" }>;
export const isValueCommand = (c: KpiCommand): c is ValueCommand => c.type === "recordValue" || c.type === "overrideStatus";
