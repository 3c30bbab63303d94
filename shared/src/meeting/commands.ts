/** @module The commands a lead can send about a meeting: the wire schema (zod) and the inferred types. */
import { z } from "zod";
import { LIMITS, MINUTE, SECTION_KINDS } from "./section.js";
import { TEMPLATE_IDS } from "./templates.js";
import { trimmed } from "../wire/text.js";

/** A client-made id: a retry of the same command carries the same id and never applies twice. */
export const CommandId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, "must be 8–64 letters, digits, '-' or '_'");
const SectionId = z.string().min(1).max(80);
const Title = trimmed(LIMITS.maxTitleLength, 1);
const DurationMs = z
  .number()
  .int()
  .min(LIMITS.minSectionMs, "must be at least 1 minute")
  .max(LIMITS.maxSectionMs, "must be at most 180 minutes")
  .refine((ms) => ms % 1000 === 0, "must be whole seconds");

const cmd = <T extends string, S extends z.ZodRawShape>(type: T, shape: S) =>
  z.strictObject({ id: CommandId, type: z.literal(type), ...shape });

export const MeetingCommand = z.discriminatedUnion("type", [
  cmd("startMeeting", {}),
  cmd("endMeeting", {}),
  cmd("nextSection", {}),
  cmd("previousSection", {}),
  cmd("goToSection", { sectionId: SectionId }),
  cmd("startTimer", {}),
  cmd("pauseTimer", {}),
  cmd("extendTimer", { minutes: z.number().int().min(1).max(LIMITS.maxExtendMinutes) }),
  cmd("resetTimer", {}),
  cmd("addSection", {
    kind: z.enum(SECTION_KINDS),
    title: Title,
    durationMs: DurationMs,
    /** Insert before this position; omitted = at the end. */
    index: z.number().int().min(0).max(LIMITS.maxSections).optional(),
  }),
  cmd("removeSection", { sectionId: SectionId }),
  cmd("moveSection", { sectionId: SectionId, toIndex: z.number().int().min(0).max(LIMITS.maxSections) }),
  cmd("renameSection", { sectionId: SectionId, title: Title.nullable() }),
  cmd("setSectionDuration", { sectionId: SectionId, durationMs: DurationMs }),
  cmd("setSectionEnabled", { sectionId: SectionId, enabled: z.boolean() }),
  cmd("applyTemplate", { templateId: z.enum(TEMPLATE_IDS) }),
  /** Opens a SIR item for discussion (optionally with its own time box), or closes the discussion with null. */
  cmd("focusSirItem", { itemId: z.string().min(1).max(80).nullable(), minutes: z.number().int().min(1).max(LIMITS.maxExtendMinutes).optional() }),
  /** Ends the discussion of this item if it is the one under discussion (the item was settled: resolved, carried over…). */
  cmd("endSirDiscussion", { itemId: z.string().min(1).max(80) }),
  /** Undoes the template change made by the command `appliedBy` (while it can be undone, see template-change.ts). */
  cmd("undoTemplate", { appliedBy: CommandId }),
]);
export type MeetingCommand = z.infer<typeof MeetingCommand>;
export type MeetingCommandType = MeetingCommand["type"];

export const EXTEND_CHOICES_MIN = [1, 5] as const;
export { MINUTE };
