/** @module When the panel shows the Good news section by itself: while the running meeting is in the agenda's Good news section, unless the viewer closed it there. */
import { currentSection } from "../../../shared/src/meeting/clock.js";
import type { MeetingState } from "../../../shared/src/meeting/state.js";

/** The viewer's last choice and the place it was made in (a choice holds until the meeting moves on). */
export interface GoodNewsDisclosureChoice {
  readonly open: boolean;
  readonly context: string;
}

export function goodNewsDisclosure(meeting: MeetingState, choice: GoodNewsDisclosureChoice | null): { readonly open: boolean; readonly context: string } {
  const inSection = meeting.phase === "running" && currentSection(meeting)?.kind === "goodNews";
  const context = inSection ? `goodNews|${meeting.currentSectionId ?? ""}` : "-";
  return { open: choice?.context === context ? choice.open : inSection, context };
}
