/**
 * @module Pre-fill and carry-over, pure: this week's draft from a member's latest earlier entry. Last week's "next week"
 * becomes this week's "last week" (to be marked), and what was marked not done then comes back once more, after the
 * plan, never twice (same text = same priority).
 */
import { PRIORITY_LIMITS, samePriority, type IsoWeek, type LastWeekPriority, type Person, type PriorityEntry } from "./model.js";

/** What a member sees before saving this week: stored fields, or pre-filled ones (version 0 = not saved). */
export type PriorityDraft = Omit<PriorityEntry, "updatedBy" | "updatedAt"> & { readonly prefilledFrom: IsoWeek | null };

/**
 * The draft for `week` from the member's latest entry before it (null: a first week, nothing to pre-fill).
 * The member's plan comes first; not-done priorities fill the places left up to the limit of five. A member who
 * planned five had the not-done ones in front of them while planning (they marked them in the same form), so leaving
 * one out is their choice, not a loss.
 */
export function prefillFrom(previous: PriorityEntry | null, ctx: { readonly tenantId: string; readonly seriesId: string; readonly week: IsoWeek; readonly member: Person }): PriorityDraft {
  const blank: PriorityDraft = { tenantId: ctx.tenantId, seriesId: ctx.seriesId, week: ctx.week, member: ctx.member, version: 0, lastWeek: [], nextWeek: [], learned: "", change: "", prefilledFrom: null };
  if (!previous || previous.week >= ctx.week) return blank;
  const lastWeek: LastWeekPriority[] = [];
  const add = (text: string, carriedWeeks: number): void => {
    if (lastWeek.length >= PRIORITY_LIMITS.prioritiesMax || lastWeek.some((p) => samePriority(p.text, text))) return;
    lastWeek.push({ text, result: "", mark: null, carriedWeeks });
  };
  for (const p of previous.nextWeek) add(p.text, 0);
  for (const p of previous.lastWeek) if (p.mark === "notDone") add(p.text, p.carriedWeeks + 1);
  return { ...blank, lastWeek, prefilledFrom: previous.week };
}

/** The carried count of a priority the member saves: as the draft had it (a carried one stays carried), else 0. */
export function carriedWeeksOf(text: string, draft: PriorityDraft | null): number {
  return draft?.lastWeek.find((p) => samePriority(p.text, text))?.carriedWeeks ?? 0;
}

/** Whether a member has prepared this week: a saved entry with at least one priority for next week. */
export const isPrepared = (entry: PriorityEntry | null): boolean => entry !== null && entry.nextWeek.length > 0;

/** Gentle hints (never refusals) toward the method's 3–5 and marking every one of last week's. */
export interface PriorityNudges {
  readonly fewNext: boolean;
  readonly unmarked: number;
  readonly noLearning: boolean;
}

export function nudgesOf(entry: Pick<PriorityEntry, "lastWeek" | "nextWeek" | "learned" | "change">): PriorityNudges {
  return {
    fewNext: entry.nextWeek.length < PRIORITY_LIMITS.prioritiesNudge,
    unmarked: entry.lastWeek.filter((p) => p.mark === null).length,
    noLearning: entry.learned === "" && entry.change === "",
  };
}
