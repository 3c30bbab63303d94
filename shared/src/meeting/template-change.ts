/**
 * @module A template picked for a meeting that may be under way: which sections of the new agenda continue old ones
 * (and so keep their time used), where the meeting is afterwards, what would be lost, and how to undo it. Pure.
 *
 * The rule (docs/ARCHITECTURE.md, "Changing the template mid-meeting"):
 * - A section of the new template continues an old section with the same id (the template keys: goodNews, kpis, sir…),
 *   else the first old one of the same kind that is not a free discussion. It keeps that section's time used and
 *   minutes added; name, time box and on/off come from the template.
 * - The meeting stays in the current section if the new agenda continues it (switched on even if the template has it
 *   off), and its timer runs on; otherwise it moves to the new agenda's first section.
 * - Old sections nobody continues leave the agenda; their time stays in the meeting's total.
 * - The change can be undone (`undoTemplate`) for TEMPLATE_UNDO_MS, until the agenda is edited again or the meeting
 *   ends: the old agenda comes back with everything used since the change, at the section the meeting is in.
 */
import { sectionElapsedMs } from "./clock.js";
import { MINUTE, type Section } from "./section.js";
import type { MeetingState } from "./state.js";
import { templateSections, type TemplateId } from "./templates.js";

/** How long after a template change it can be undone. */
export const TEMPLATE_UNDO_MS = 5 * MINUTE;

/** Sections a lead added have ids made from their command id (see decide.ts, addSection); no template has them. */
export const ADDED_SECTION_PREFIX = "c-";

/** `[new section id, old section id]`: the new section continues the old one. */
export type SectionLink = readonly [string, string];

export interface TemplateLoss {
  /** Old sections that leave the agenda and matter: time was used in them, or the lead added them. */
  readonly leaving: readonly { readonly sectionId: string; readonly usedMs: number }[];
  /** The section the meeting moves to, when the new agenda does not continue the current one; null = it stays. */
  readonly currentMovesTo: string | null;
}

export interface TemplatePlan {
  /** The template's fresh sections (time carried over is applied by evolve, which books the running stretch first). */
  readonly sections: readonly Section[];
  readonly links: readonly SectionLink[];
  readonly currentSectionId: string | null;
  readonly loss: TemplateLoss;
}

/** What the meeting keeps and loses if `templateId` is applied at server time `now`. */
export function planTemplateChange(state: MeetingState, templateId: TemplateId, now: number): TemplatePlan {
  const sections = templateSections(templateId);
  const links = linkSections(state.sections, sections);
  const continued = new Set(links.map(([, old]) => old));
  const running = state.phase === "running";
  const current = running ? state.currentSectionId : null;
  const continuing = current === null ? undefined : links.find(([, old]) => old === current)?.[0];
  const currentSectionId = running ? (continuing ?? sections.find((s) => s.enabled)?.id ?? null) : state.currentSectionId;
  const leaving = state.sections
    .filter((s) => !continued.has(s.id))
    .map((s) => ({ sectionId: s.id, usedMs: sectionElapsedMs(state, s, now), added: s.id.startsWith(ADDED_SECTION_PREFIX) }))
    .filter((s) => s.usedMs > 0 || s.added)
    .map(({ sectionId, usedMs }) => ({ sectionId, usedMs }));
  return {
    sections,
    links,
    currentSectionId,
    loss: { leaving: running ? leaving : leaving.filter((s) => s.usedMs > 0), currentMovesTo: running && continuing === undefined ? currentSectionId : null },
  };
}

/** Same id first, then the first unclaimed old section of the same (non-discussion) kind. */
function linkSections(old: readonly Section[], next: readonly Section[]): SectionLink[] {
  const claimed = new Set<string>();
  const links: SectionLink[] = [];
  const nextIds = new Set(next.map((s) => s.id));
  for (const s of next) {
    const same = old.find((o) => o.id === s.id && !claimed.has(o.id));
    const byKind = same ?? (s.kind === "discussion" ? undefined : old.find((o) => o.kind === s.kind && !claimed.has(o.id) && !nextIds.has(o.id)));
    if (byKind) {
      claimed.add(byKind.id);
      links.push([s.id, byKind.id]);
    }
  }
  return links;
}
