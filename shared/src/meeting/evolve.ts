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

function evolveOne(state: MeetingState, event: MeetingEvent): MeetingState {
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
    case "templateApplied":
      return applyTemplate(state, event);
    case "templateUndone":
      return undoTemplate(state, event.at);
  }
}

/** Events after which a template change can no longer be undone: the agenda changed again, or the meeting ended. */
const ENDS_UNDO: ReadonlySet<MeetingEvent["type"]> = new Set<MeetingEvent["type"]>([
  "meetingEnded",
  "sectionAdded",
  "sectionRemoved",
  "sectionMoved",
  "sectionRenamed",
  "sectionDurationChanged",
  "sectionEnabledChanged",
  "templateUndone",
]);

export function evolve(state: MeetingState, event: MeetingEvent): MeetingState {
  const next = evolveOne(state, event);
  return ENDS_UNDO.has(event.type) && next.templateUndo ? { ...next, templateUndo: null } : next;
}

const sumUsed = (sections: readonly Section[]): number => sections.reduce((sum, s) => sum + s.usedMs, 0);

/** The new agenda continues linked sections with their time used and minutes added (see template-change.ts). */
function applyTemplate(state: MeetingState, event: Extract<MeetingEvent, { type: "templateApplied" }>): MeetingState {
  const running = state.phase === "running";
  const booked = bookRunningTime(state, event.at);
  const oldById = new Map(booked.sections.map((s) => [s.id, s]));
  const oldOf = new Map(event.links);
  const current = running ? event.currentSectionId : state.currentSectionId;
  const sections = event.sections.map((s) => {
    const old = oldById.get(oldOf.get(s.id) ?? "");
    const carried = old ? { ...s, usedMs: old.usedMs, extraMs: old.extraMs } : s;
    return carried.id === current && !carried.enabled ? { ...carried, enabled: true } : carried;
  });
  const continued = new Set(event.links.map(([, old]) => old));
  return {
    ...booked,
    archivedUsedMs: booked.archivedUsedMs + sumUsed(booked.sections.filter((s) => !continued.has(s.id))),
    templateId: event.templateId,
    sections,
    currentSectionId: current,
    // The running stretch was booked onto the old section at `at`: the timer runs on from there.
    timer: running && state.timer.running ? { running: true, startedAt: event.at } : { running: false, startedAt: null },
    templateUndo: {
      appliedBy: event.appliedBy,
      at: event.at,
      templateId: state.templateId,
      sections: booked.sections,
      currentSectionId: state.currentSectionId,
      links: event.links,
    },
  };
}

/**
 * The agenda from before the change, with what happened since: a linked section's time (and minutes added) comes back
 * to its old section; time spent in sections only the new agenda had stays in the meeting's total.
 */
function undoTemplate(state: MeetingState, at: number): MeetingState {
  const undo = state.templateUndo;
  if (!undo) return state;
  const booked = bookRunningTime(state, at);
  const nowById = new Map(booked.sections.map((s) => [s.id, s]));
  const newOf = new Map(undo.links.map(([next, old]) => [old, next]));
  const sections = undo.sections.map((old) => {
    const next = nowById.get(newOf.get(old.id) ?? "");
    return next ? { ...old, usedMs: next.usedMs, extraMs: next.extraMs } : old;
  });
  const linkedNew = new Set(undo.links.map(([next]) => next));
  const back = sumUsed(undo.sections.filter((s) => !newOf.has(s.id)));
  const left = sumUsed(booked.sections.filter((s) => !linkedNew.has(s.id)));
  const oldOf = new Map(undo.links);
  const running = booked.phase === "running";
  const enabled = (id: string | null | undefined): string | undefined => (id && sections.some((s) => s.id === id && s.enabled) ? id : undefined);
  const current = running
    ? (enabled(oldOf.get(booked.currentSectionId ?? "")) ?? enabled(undo.currentSectionId) ?? sections.find((s) => s.enabled)?.id ?? null)
    : booked.currentSectionId;
  return {
    ...booked,
    templateId: undo.templateId,
    sections,
    currentSectionId: current,
    archivedUsedMs: booked.archivedUsedMs - back + left,
    templateUndo: null,
  };
}

export function evolveAll(state: MeetingState, events: readonly MeetingEvent[]): MeetingState {
  return events.reduce(evolve, state);
}
