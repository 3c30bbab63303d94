/** @module The facts a command produces. `evolve` applies them; the same events travel to every panel. */
import type { Section } from "./section.js";
import type { SectionLink } from "./template-change.js";
import type { TemplateId } from "./templates.js";

export type MeetingEvent =
  | { readonly type: "meetingStarted"; readonly at: number; readonly sectionId: string }
  | { readonly type: "meetingEnded"; readonly at: number }
  | { readonly type: "sectionEntered"; readonly at: number; readonly sectionId: string }
  | { readonly type: "timerStarted"; readonly at: number }
  | { readonly type: "timerPaused"; readonly at: number }
  | { readonly type: "timerExtended"; readonly sectionId: string; readonly ms: number }
  | { readonly type: "timerReset"; readonly sectionId: string }
  | { readonly type: "sectionAdded"; readonly section: Section; readonly index: number }
  | { readonly type: "sectionRemoved"; readonly sectionId: string }
  | { readonly type: "sectionMoved"; readonly sectionId: string; readonly toIndex: number }
  | { readonly type: "sectionRenamed"; readonly sectionId: string; readonly title: string | null }
  | { readonly type: "sectionDurationChanged"; readonly sectionId: string; readonly durationMs: number }
  | { readonly type: "sectionEnabledChanged"; readonly sectionId: string; readonly enabled: boolean }
  | { readonly type: "sirFocused"; readonly at: number; readonly itemId: string | null; readonly durationMs: number | null }
  | {
      readonly type: "templateApplied";
      readonly at: number;
      readonly templateId: TemplateId;
      /** The template's fresh sections; `links` says which continue an old section (and keep its time). */
      readonly sections: readonly Section[];
      readonly links: readonly SectionLink[];
      readonly currentSectionId: string | null;
      /** The command id, for its undo. */
      readonly appliedBy: string;
    }
  | { readonly type: "templateUndone"; readonly at: number };

export type MeetingEventType = MeetingEvent["type"];
