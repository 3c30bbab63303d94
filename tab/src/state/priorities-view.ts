/** @module When the panel shows the Priorities section by itself (in the first bundle; the section's own state is in its lazy chunk). */
import { currentSection } from "../../../shared/src/meeting/clock.js";
import type { MeetingState } from "../../../shared/src/meeting/state.js";

export interface PrioritiesDisclosureChoice {
  readonly open: boolean;
  readonly context: string;
}

/** Opens by itself while the running meeting is in the agenda's Priorities section, unless the viewer closed it there. */
export function prioritiesDisclosure(meeting: MeetingState, choice: PrioritiesDisclosureChoice | null): { readonly open: boolean; readonly context: string } {
  const inSection = meeting.phase === "running" && currentSection(meeting)?.kind === "priorities";
  const context = inSection ? `priorities|${meeting.currentSectionId ?? ""}` : "-";
  return { open: choice?.context === context ? choice.open : inSection, context };
}
