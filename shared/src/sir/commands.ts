/** @module The SIR commands (zod wire schemas, inferred types) and the parser for the form card's submission. */
import { z } from "zod";
import { SIR_TEXT, type SirFormField } from "../cards/sir-text.js";
import type { CardLocale } from "../cards/locale.js";
import { CommandId } from "../meeting/commands.js";
import { SIR_KINDS, SIR_LIMITS, type SirFields } from "./item.js";

/** The one rule for typed text (see wire/text.ts), here since the SIR and KPI commands import it from here. */
export { trimmed } from "../wire/text.js";
import { trimmed } from "../wire/text.js";

/** Teams ids (conversation, meeting, user) are visible ASCII; anything else is not an id we made or Teams sent. */
const visibleAscii = (max: number) =>
  z
    .string()
    .min(1, "must not be empty")
    .max(max, `must be at most ${max} characters`)
    .regex(/^[\x21-\x7E]+$/, "must be printable ASCII without spaces");

export const SirItemId = z.string().regex(/^sir-[A-Za-z0-9_-]{8,64}$/, "must be 'sir-' and a command id");
export const SirMeetingId = visibleAscii(SIR_LIMITS.meetingIdMax);
export const SirSeriesId = visibleAscii(SIR_LIMITS.seriesIdMax);

/** True for a YYYY-MM-DD that names a day of the calendar (no 31 April, no 29 February outside leap years). */
export function isRealDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const DueDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be YYYY-MM-DD")
  .refine(isRealDate, "must be a real date");

export const PersonSchema = z.strictObject({
  userId: visibleAscii(SIR_LIMITS.personIdMax),
  name: trimmed(SIR_LIMITS.personNameMax, 1),
});

export const SirActionDraftSchema = z.strictObject({
  title: trimmed(SIR_LIMITS.actionTitleMax, 1),
  owner: PersonSchema.nullable(),
  due: DueDate.nullable(),
});

/** What the author writes; the single truth for the commands and for the form card's submission. */
export const SirFieldsSchema = z.strictObject({
  kind: z.enum(SIR_KINDS),
  title: trimmed(SIR_LIMITS.titleMax, 1),
  problem: trimmed(SIR_LIMITS.problemMax),
  proposals: z.array(trimmed(SIR_LIMITS.proposalMax, 1)).max(SIR_LIMITS.proposalsMax, `must be at most ${SIR_LIMITS.proposalsMax} proposals`),
  recommendation: trimmed(SIR_LIMITS.recommendationMax),
  concerns: trimmed(SIR_LIMITS.concernsMax),
  meetingId: SirMeetingId.nullable(),
  // Optional on the wire: a client that does not know meeting days means the next meeting.
  forDate: DueDate.nullable().default(null),
});

const cmd = <T extends string, S extends z.ZodRawShape>(type: T, shape: S) => z.strictObject({ id: CommandId, type: z.literal(type), ...shape });

export const SirCommand = z.discriminatedUnion("type", [
  cmd("createSir", { fields: SirFieldsSchema }),
  cmd("editSir", { itemId: SirItemId, fields: SirFieldsSchema }),
  cmd("withdrawSir", { itemId: SirItemId }),
  /** `meetingId`: the meeting the decision is taken in (the decision records it). */
  cmd("recordDecision", {
    itemId: SirItemId,
    meetingId: SirMeetingId,
    text: trimmed(SIR_LIMITS.decisionTextMax, 1),
    actions: z.array(SirActionDraftSchema).max(SIR_LIMITS.actionsMax, `must be at most ${SIR_LIMITS.actionsMax} actions`),
  }),
  cmd("resolveSir", { itemId: SirItemId }),
  cmd("convertToInformation", { itemId: SirItemId }),
  cmd("carryOverSir", { itemId: SirItemId, meetingId: SirMeetingId }),
  /** A lead removes an item for good (spam, a mistake): its content is erased, a tombstone remains. */
  cmd("deleteSir", { itemId: SirItemId }),
]);
export type SirCommand = z.infer<typeof SirCommand>;
export type SirCommandType = SirCommand["type"];

export type SirSubmission =
  | {
      readonly ok: true;
      readonly fields: SirFields;
      readonly itemId?: string;
      readonly version?: number;
      readonly seriesId?: string;
    }
  | {
      readonly ok: false;
      readonly errors: readonly string[];
      /** What the user typed (valid kind only, each text cut to its maximum), to fill the form in again. */
      readonly fields: Partial<SirFields>;
    };

const TEXT_INPUTS = ["title", "problem", "proposal1", "proposal2", "proposal3", "recommendation", "concerns"] as const;
type TextInput = (typeof TEXT_INPUTS)[number];
const PROPOSAL_INPUTS = ["proposal1", "proposal2", "proposal3"] as const;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * Reads the form card's `Action.Execute` data (inputs arrive as flat strings beside the action's own data).
 * Validation is the same schema the commands use; the errors name the field in the user's language.
 * Never throws: anything that is not the form becomes an error the card can show.
 */
export function parseSirSubmission(value: unknown, locale: CardLocale): SirSubmission {
  const t = SIR_TEXT[locale];
  if (!isRecord(value)) return { ok: false, errors: [t.parse.notAForm], fields: {} };
  // Own properties only: a key like "constructor" must not reach the prototype.
  const get = (key: string): unknown => (Object.hasOwn(value, key) ? value[key] : undefined);

  const errors = new Map<SirFormField, string>();
  const text = (field: TextInput): string => {
    const raw = get(field);
    if (raw === undefined || raw === null) return "";
    if (typeof raw !== "string") {
      errors.set(field, t.parse.invalid(t.fields[field]));
      return "";
    }
    return raw.trim();
  };

  const rawKind = get("kind");
  const kind = typeof rawKind === "string" ? rawKind.trim() : "";
  const values: Record<TextInput, string> = {
    title: text("title"),
    problem: text("problem"),
    proposal1: text("proposal1"),
    proposal2: text("proposal2"),
    proposal3: text("proposal3"),
    recommendation: text("recommendation"),
    concerns: text("concerns"),
  };
  // Empty proposal inputs are dropped; remember which input each kept proposal came from, for the error's field name.
  const proposalInputs = PROPOSAL_INPUTS.filter((f) => values[f] !== "");

  const meta = parseMeta(get);
  // Input.Date sends "" when left empty (the next meeting) and YYYY-MM-DD otherwise.
  const rawForDate = get("forDate");
  const forDateText = typeof rawForDate === "string" ? rawForDate.trim() : "";
  if (rawForDate !== undefined && rawForDate !== null && typeof rawForDate !== "string") errors.set("forDate", t.inputErrors.forDate);
  const candidate = {
    kind,
    title: values.title,
    problem: values.problem,
    proposals: proposalInputs.map((f) => values[f]),
    recommendation: values.recommendation,
    concerns: values.concerns,
    meetingId: meta.meetingId,
    forDate: forDateText === "" ? null : forDateText,
  };
  const parsed = SirFieldsSchema.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const [top, index] = issue.path;
      if (top === "kind") {
        errors.set("kind", t.parse.chooseKind);
        continue;
      }
      // The meeting id travels in the card's data, not in an input: a bad one means an old or tampered card.
      if (top === "meetingId") {
        meta.stale = true;
        continue;
      }
      if (top === "forDate") {
        errors.set("forDate", t.inputErrors.forDate);
        continue;
      }
      const field = top === "proposals" ? (typeof index === "number" ? proposalInputs[index] : undefined) : TEXT_INPUTS.find((f) => f === top);
      if (!field || errors.has(field)) continue;
      const name = t.fields[field];
      if (issue.code === "too_big") errors.set(field, t.parse.tooLong(name, values[field].length, Number(issue.maximum)));
      else if (issue.code === "too_small") errors.set(field, t.parse.required(name));
      else errors.set(field, t.parse.invalid(name));
    }
  }
  if (meta.seriesMissing) errors.set("seriesId", t.parse.required(t.fields.seriesId));

  const ordered: string[] = [];
  for (const field of ["kind", "seriesId", ...TEXT_INPUTS, "forDate"] as const) {
    const message = errors.get(field);
    if (message) ordered.push(message);
  }
  if (meta.stale) ordered.push(t.parse.staleForm);
  if (ordered.length > 0 || !parsed.success) {
    return { ok: false, errors: ordered.length > 0 ? ordered : [t.parse.notAForm], fields: refill(candidate) };
  }

  return {
    ok: true,
    fields: parsed.data,
    ...(meta.itemId === undefined ? {} : { itemId: meta.itemId }),
    ...(meta.version === undefined ? {} : { version: meta.version }),
    ...(meta.seriesId === undefined ? {} : { seriesId: meta.seriesId }),
  };
}

/** The typed values cut to what the form accepts, so the form shown again stays within its limits. */
function refill(c: {
  kind: string;
  title: string;
  problem: string;
  proposals: string[];
  recommendation: string;
  concerns: string;
  meetingId: string | null;
  forDate: string | null;
}): Partial<SirFields> {
  const kind = SIR_KINDS.find((k) => k === c.kind);
  return {
    ...(kind ? { kind } : {}),
    title: c.title.slice(0, SIR_LIMITS.titleMax),
    problem: c.problem.slice(0, SIR_LIMITS.problemMax),
    proposals: c.proposals.map((p) => p.slice(0, SIR_LIMITS.proposalMax)),
    recommendation: c.recommendation.slice(0, SIR_LIMITS.recommendationMax),
    concerns: c.concerns.slice(0, SIR_LIMITS.concernsMax),
    ...(c.meetingId !== null && SirMeetingId.safeParse(c.meetingId).success ? { meetingId: c.meetingId } : {}),
    ...(c.forDate !== null && isRealDate(c.forDate) ? { forDate: c.forDate } : {}),
  };
}

interface SubmissionMeta {
  itemId?: string;
  version?: number;
  seriesId?: string;
  meetingId: string | null;
  /** The card's own data is not what we put there: an old or tampered card. */
  stale: boolean;
  /** The meeting picker was shown and left empty. */
  seriesMissing: boolean;
}

/** The data the form card carries itself (not typed by the user), plus the meeting picker of the 1:1 chat. */
function parseMeta(get: (key: string) => unknown): SubmissionMeta {
  const meta: SubmissionMeta = { meetingId: null, stale: false, seriesMissing: false };
  const itemId = get("itemId");
  if (itemId !== undefined && itemId !== null) {
    const r = SirItemId.safeParse(itemId);
    if (r.success) meta.itemId = r.data;
    else meta.stale = true;
  }
  const version = get("version");
  if (version !== undefined && version !== null) {
    if (typeof version === "number" && Number.isSafeInteger(version) && version >= 1) meta.version = version;
    else meta.stale = true;
  }
  const seriesId = get("seriesId");
  if (seriesId === "") meta.seriesMissing = true;
  else if (seriesId !== undefined && seriesId !== null) {
    const r = SirSeriesId.safeParse(seriesId);
    if (r.success) meta.seriesId = r.data;
    else meta.stale = true;
  }
  const meetingId = get("meetingId");
  if (typeof meetingId === "string" && meetingId !== "") meta.meetingId = meetingId;
  else if (meetingId !== undefined && meetingId !== null && meetingId !== "") meta.stale = true;
  return meta;
}
