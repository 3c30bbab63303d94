/** @module evolve(state, event) → state: applies a fact. Pure and deterministic, so every panel computes the same state. */
import type { MeetingEvent } from "./events.js";
import type { Section } from "./section.js";
import type { MeetingState } from "./state.js";

function mapSection(state: MeetingState, id: string, f: (s: Section) => Section): readonly Section[] {
  return state.sections.map((s) => (s.id === id ? f(s) : s));
}

/** Books the running stretch of the timer onto the current section (on pause, section change, end). */
function bookRunningTime(state: MeetingState, at: number): MeetingState {
  const { running, startedAt } = state.timer;
  if (!running || startedAt === null || state.currentSectionId === null) return state;
  const stretch = Math.max(0, at - startedAt);
  return { ...state, sections: mapSection(state, state.currentSectionId, (s) => ({ ...s, usedMs: s.usedMs + stretch })), timer: { running, startedAt: at } };
}

export function evolve(state: MeetingState, event: MeetingEvent): MeetingState {
  switch (event.type) {
    case "meetingStarted":
      return { ...state, phase: "running", startedAt: event.at, currentSectionId: event.sectionId, timer: { running: true, startedAt: event.at } };
    case "meetingEnded": {
      const booked = bookRunningTime(state, event.at);
      return { ...booked, phase: "ended", endedAt: event.at, timer: { running: false, startedAt: null }, focus: null };
    }
    case "sectionEntered": {
      const booked = bookRunningTime(state, event.at);
      return { ...booked, currentSectionId: event.sectionId, timer: { running: booked.timer.running, startedAt: booked.timer.running ? event.at : null } };
    }
    case "timerStarted":
      return { ...state, timer: { running: true, startedAt: event.at } };
    case "timerPaused": {
      const booked = bookRunningTime(state, event.at);
      return { ...booked, timer: { running: false, startedAt: null } };
    }
    case "timerExtended":
      return { ...state, sections: mapSection(state, event.sectionId, (s) => ({ ...s, extraMs: s.extraMs + event.ms })) };
    case "timerReset":
      return {
        ...state,
        sections: mapSection(state, event.sectionId, (s) => ({ ...s, usedMs: 0, extraMs: 0 })),
        timer: { running: false, startedAt: null },
      };
    case "sectionAdded": {
      const sections = [...state.sections];
      sections.splice(event.index, 0, event.section);
      return { ...state, sections };
    }
    case "sectionRemoved": {
      const removed = state.sections.find((s) => s.id === event.sectionId);
      return { ...state, sections: state.sections.filter((s) => s.id !== event.sectionId), archivedUsedMs: state.archivedUsedMs + (removed?.usedMs ?? 0) };
    }
    case "sectionMoved": {
      const moving = state.sections.find((s) => s.id === event.sectionId);
      if (!moving) return state;
      const rest = state.sections.filter((s) => s.id !== event.sectionId);
      rest.splice(event.toIndex, 0, moving);
      return { ...state, sections: rest };
    }
    case "sectionRenamed":
      return { ...state, sections: mapSection(state, event.sectionId, (s) => ({ ...s, title: event.title })) };
    case "sectionDurationChanged":
      return { ...state, sections: mapSection(state, event.sectionId, (s) => ({ ...s, durationMs: event.durationMs })) };
    case "sectionEnabledChanged":
      return { ...state, sections: mapSection(state, event.sectionId, (s) => ({ ...s, enabled: event.enabled })) };
    case "sirFocused":
      return { ...state, focus: event.itemId === null ? null : { itemId: event.itemId, startedAt: event.at, durationMs: event.durationMs } };
    case "templateApplied": {
      const running = state.phase === "running";
      const first = event.sections.find((s) => s.enabled);
      const booked = bookRunningTime(state, event.at);
      return {
        ...booked,
        archivedUsedMs: booked.archivedUsedMs + booked.sections.reduce((sum, s) => sum + s.usedMs, 0),
        templateId: event.templateId,
        sections: event.sections,
        currentSectionId: running ? (first?.id ?? null) : state.currentSectionId,
        timer: running && state.timer.running ? { running: true, startedAt: event.at } : { running: false, startedAt: null },
      };
    }
  }
}

export function evolveAll(state: MeetingState, events: readonly MeetingEvent[]): MeetingState {
  return events.reduce(evolve, state);
}
