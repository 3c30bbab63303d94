/** @module A section of the meeting agenda: what it is, its time box, and the time it has used. */

/** The kinds of section. The six of the weekly method, plus free discussion sections (check-in, review, retrospective, custom). */
export const SECTION_KINDS = ["goodNews", "kpis", "salesFunnel", "sir", "actions", "priorities", "discussion"] as const;
export type SectionKind = (typeof SECTION_KINDS)[number];

export interface Section {
  readonly id: string;
  readonly kind: SectionKind;
  /** i18n key of the default title; shown when `title` is null. */
  readonly labelKey: string;
  /** A title the lead typed; overrides the localized default. */
  readonly title: string | null;
  /** i18n keys of the method's guiding questions for this section. */
  readonly questionKeys: readonly string[];
  readonly durationMs: number;
  /** Disabled sections (e.g. the optional sales funnel) are skipped and not counted in the budget. */
  readonly enabled: boolean;
  /** Time spent in this section so far, excluding the currently running stretch. */
  readonly usedMs: number;
  /** Minutes the lead added with +1/+5 while in this section. */
  readonly extraMs: number;
}

export const MINUTE = 60_000;

export const LIMITS = {
  maxSections: 20,
  maxTitleLength: 80,
  minSectionMs: MINUTE,
  maxSectionMs: 180 * MINUTE,
  maxExtendMinutes: 30,
  maxExtraMs: 120 * MINUTE,
  /** Recently applied command ids kept for idempotency (a retry within this window never applies twice). */
  recentCommandIds: 256,
} as const;

export function sectionTimeBoxMs(section: Section): number {
  return section.durationMs + section.extraMs;
}
