/** @module decide(state, command, now) → events | error: every rule of the agenda and the timer, pure. */
import type { MeetingCommand } from "./commands.js";
import { domainError, type DomainError } from "./errors.js";
import type { MeetingEvent } from "./events.js";
import { LIMITS, MINUTE, type Section } from "./section.js";
import type { MeetingState } from "./state.js";
import { ADDED_SECTION_PREFIX, planTemplateChange, TEMPLATE_UNDO_MS } from "./template-change.js";

export type Decision = { readonly ok: true; readonly events: readonly MeetingEvent[] } | { readonly ok: false; readonly error: DomainError };

const ok = (...events: MeetingEvent[]): Decision => ({ ok: true, events });
const fail = (error: DomainError): Decision => ({ ok: false, error });

function findSection(state: MeetingState, sectionId: string): Section | DomainError {
  return state.sections.find((s) => s.id === sectionId) ?? domainError("noSuchSection", `There is no section '${sectionId}' in this agenda.`);
}
const isError = (x: Section | DomainError): x is DomainError => "code" in x;

function indexOfCurrent(state: MeetingState): number {
  return state.sections.findIndex((s) => s.id === state.currentSectionId);
}

/** The nearest enabled section after (step 1) or before (step -1) position `from`, other than `skipId`. */
function neighbour(sections: readonly Section[], from: number, step: 1 | -1, skipId?: string): Section | undefined {
  for (let i = from + step; i >= 0 && i < sections.length; i += step) {
    const s = sections[i];
    if (s && s.enabled && s.id !== skipId) return s;
  }
  return undefined;
}

/** Where the meeting goes when the current section disappears (removed or switched off): forward first, else back. */
function replacementFor(state: MeetingState, sectionId: string): Section | undefined {
  const idx = state.sections.findIndex((s) => s.id === sectionId);
  return neighbour(state.sections, idx, 1, sectionId) ?? neighbour(state.sections, idx, -1, sectionId);
}

const notEnded = (state: MeetingState): DomainError | null =>
  state.phase === "ended" ? domainError("meetingEnded", "The meeting has ended; it can no longer be changed.") : null;

const mustBeRunning = (state: MeetingState): DomainError | null =>
  state.phase === "notStarted"
    ? domainError("meetingNotStarted", "The meeting has not started yet. Start the meeting first.")
    : notEnded(state);

/**
 * Decides what a command means for the meeting. `now` is the server's clock.
 * A command that would change nothing (pause a paused timer, start a running one, rename to the
 * same title) succeeds with no events: two leads clicking the same button is not an error.
 */
export function decide(state: MeetingState, command: MeetingCommand, now: number): Decision {
  switch (command.type) {
    case "startMeeting": {
      if (state.phase === "running") return fail(domainError("meetingAlreadyStarted", "The meeting is already running."));
      const ended = notEnded(state);
      if (ended) return fail(ended);
      const first = state.sections.find((s) => s.enabled);
      if (!first) return fail(domainError("lastEnabledSection", "The agenda has no sections switched on."));
      return ok({ type: "meetingStarted", at: now, sectionId: first.id });
    }
    case "endMeeting": {
      const err = mustBeRunning(state);
      return err ? fail(err) : ok({ type: "meetingEnded", at: now });
    }
    case "nextSection":
    case "previousSection": {
      const err = mustBeRunning(state);
      if (err) return fail(err);
      const step = command.type === "nextSection" ? 1 : -1;
      const target = neighbour(state.sections, indexOfCurrent(state), step);
      if (!target) {
        return fail(
          step === 1
            ? domainError("noNextSection", "This is the last section. End the meeting instead.")
            : domainError("noPreviousSection", "This is the first section."),
        );
      }
      return ok({ type: "sectionEntered", at: now, sectionId: target.id });
    }
    case "goToSection": {
      const err = mustBeRunning(state);
      if (err) return fail(err);
      const target = findSection(state, command.sectionId);
      if (isError(target)) return fail(target);
      if (!target.enabled) return fail(domainError("sectionDisabled", "That section is switched off. Switch it on first."));
      if (target.id === state.currentSectionId) return ok();
      return ok({ type: "sectionEntered", at: now, sectionId: target.id });
    }
    case "startTimer": {
      const err = mustBeRunning(state);
      if (err) return fail(err);
      return state.timer.running ? ok() : ok({ type: "timerStarted", at: now });
    }
    case "pauseTimer": {
      const err = mustBeRunning(state);
      if (err) return fail(err);
      return state.timer.running ? ok({ type: "timerPaused", at: now }) : ok();
    }
    case "extendTimer": {
      const err = mustBeRunning(state);
      if (err) return fail(err);
      const current = state.sections.find((s) => s.id === state.currentSectionId);
      if (!current) return fail(domainError("noSuchSection", "There is no current section."));
      const ms = command.minutes * MINUTE;
      if (current.extraMs + ms > LIMITS.maxExtraMs) {
        return fail(domainError("extensionTooLong", `A section can be extended by at most ${LIMITS.maxExtraMs / MINUTE} minutes.`));
      }
      return ok({ type: "timerExtended", sectionId: current.id, ms });
    }
    case "resetTimer": {
      const err = mustBeRunning(state);
      if (err) return fail(err);
      if (!state.currentSectionId) return fail(domainError("noSuchSection", "There is no current section."));
      return ok({ type: "timerReset", sectionId: state.currentSectionId });
    }
    case "addSection": {
      const err = notEnded(state);
      if (err) return fail(err);
      if (state.sections.length >= LIMITS.maxSections) {
        return fail(domainError("tooManySections", `An agenda can have at most ${LIMITS.maxSections} sections.`));
      }
      const id = `${ADDED_SECTION_PREFIX}${command.id}`;
      // The id comes from the command id: a retry older than the idempotency window must not add a twin.
      if (state.sections.some((s) => s.id === id)) return ok();
      const index = Math.min(command.index ?? state.sections.length, state.sections.length);
      const section: Section = {
        id,
        kind: command.kind,
        labelKey: `section.${command.kind}`,
        title: command.title,
        questionKeys: [],
        durationMs: command.durationMs,
        enabled: true,
        usedMs: 0,
        extraMs: 0,
      };
      return ok({ type: "sectionAdded", section, index });
    }
    case "removeSection": {
      const err = notEnded(state);
      if (err) return fail(err);
      const section = findSection(state, command.sectionId);
      if (isError(section)) return fail(section);
      return leaveIfCurrent(state, section, now, { type: "sectionRemoved", sectionId: section.id });
    }
    case "moveSection": {
      const err = notEnded(state);
      if (err) return fail(err);
      const section = findSection(state, command.sectionId);
      if (isError(section)) return fail(section);
      const toIndex = Math.min(command.toIndex, state.sections.length - 1);
      if (state.sections[toIndex]?.id === section.id) return ok();
      return ok({ type: "sectionMoved", sectionId: section.id, toIndex });
    }
    case "renameSection": {
      const err = notEnded(state);
      if (err) return fail(err);
      const section = findSection(state, command.sectionId);
      if (isError(section)) return fail(section);
      if (section.title === command.title) return ok();
      return ok({ type: "sectionRenamed", sectionId: section.id, title: command.title });
    }
    case "setSectionDuration": {
      const err = notEnded(state);
      if (err) return fail(err);
      const section = findSection(state, command.sectionId);
      if (isError(section)) return fail(section);
      if (section.durationMs === command.durationMs) return ok();
      return ok({ type: "sectionDurationChanged", sectionId: section.id, durationMs: command.durationMs });
    }
    case "setSectionEnabled": {
      const err = notEnded(state);
      if (err) return fail(err);
      const section = findSection(state, command.sectionId);
      if (isError(section)) return fail(section);
      if (section.enabled === command.enabled) return ok();
      const event: MeetingEvent = { type: "sectionEnabledChanged", sectionId: section.id, enabled: command.enabled };
      return command.enabled ? ok(event) : leaveIfCurrent(state, section, now, event);
    }
    case "focusSirItem": {
      const err = mustBeRunning(state);
      if (err) return fail(err);
      const durationMs = command.itemId !== null && command.minutes !== undefined ? command.minutes * MINUTE : null;
      const current = state.focus ?? null;
      if (command.itemId === null ? current === null : current?.itemId === command.itemId && current.durationMs === durationMs) return ok();
      return ok({ type: "sirFocused", at: now, itemId: command.itemId, durationMs });
    }
    case "endSirDiscussion": {
      // It follows a SIR change that stands on its own: never refused, and it only ends that item's discussion.
      if (state.phase !== "running" || state.focus?.itemId !== command.itemId) return ok();
      return ok({ type: "sirFocused", at: now, itemId: null, durationMs: null });
    }
    case "applyTemplate": {
      const err = notEnded(state);
      if (err) return fail(err);
      const plan = planTemplateChange(state, command.templateId, now);
      return ok({ type: "templateApplied", at: now, templateId: command.templateId, sections: plan.sections, links: plan.links, currentSectionId: plan.currentSectionId, appliedBy: command.id });
    }
    case "undoTemplate": {
      const undo = state.templateUndo ?? null;
      if (undo === null || undo.appliedBy !== command.appliedBy || now - undo.at > TEMPLATE_UNDO_MS) {
        return fail(domainError("nothingToUndo", "That template change can no longer be undone (the agenda was changed since, the meeting ended, or it was too long ago)."));
      }
      const err = notEnded(state);
      return err ? fail(err) : ok({ type: "templateUndone", at: now });
    }
  }
}

/**
 * A section that disappears from the running agenda (removed or switched off) must not be the
 * current one: the meeting first moves to its neighbour. The last enabled section cannot go.
 */
function leaveIfCurrent(state: MeetingState, section: Section, now: number, event: MeetingEvent): Decision {
  const others = state.sections.filter((s) => s.enabled && s.id !== section.id);
  if (section.enabled && others.length === 0) {
    return fail(domainError("lastEnabledSection", "The agenda needs at least one section switched on."));
  }
  if (state.phase === "running" && state.currentSectionId === section.id) {
    const next = replacementFor(state, section.id);
    if (!next) return fail(domainError("lastEnabledSection", "The agenda needs at least one section switched on."));
    return ok({ type: "sectionEntered", at: now, sectionId: next.id }, event);
  }
  return ok(event);
}
