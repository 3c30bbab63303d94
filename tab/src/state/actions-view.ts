/** @module When the panel shows the Actions section by itself: while the running meeting is in the agenda's Actions section, unless the viewer closed it there. */
import { currentSection } from "../../../shared/src/meeting/clock.js";
import type { MeetingState } from "../../../shared/src/meeting/state.js";

/** The viewer's last choice and the place it was made in (a choice holds until the meeting moves on). */
export interface ActionsDisclosureChoice {
  readonly open: boolean;
  readonly context: string;
}

export function actionsDisclosure(meeting: MeetingState, choice: ActionsDisclosureChoice | null): { readonly open: boolean; readonly context: string } {
  const inSection = meeting.phase === "running" && currentSection(meeting)?.kind === "actions";
  const context = inSection ? `actions|${meeting.currentSectionId ?? ""}` : "-";
  return { open: choice?.context === context ? choice.open : inSection, context };
}
