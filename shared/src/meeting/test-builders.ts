/** @module Test data for the meeting domain: meetings, commands with fresh ids, a test clock, and a runner that applies commands the way the service does. */
import type { Commit } from "../wire/protocol.js";
import { MeetingCommand, type MeetingCommandType } from "./commands.js";
import { decide } from "./decide.js";
import { evolveAll } from "./evolve.js";
import { MINUTE, type Section, type SectionKind } from "./section.js";
import { newMeeting, type MeetingRef, type MeetingState } from "./state.js";
import type { TemplateId } from "./templates.js";

/** Monday 6 January 2025, 09:00 UTC: a fixed start so every test reads the same numbers. */
export const T0 = Date.UTC(2025, 0, 6, 9, 0, 0);
export const REF: MeetingRef = { tenantId: "tenant-okr", meetingId: "meeting-weekly" };

export type MeetingOptions = Partial<MeetingState> & { readonly template?: TemplateId };

/** A meeting that has not started, from a template (the default one unless told), with any field overridden. */
export function meeting(options: MeetingOptions = {}): MeetingState {
  const { template, ...overrides } = options;
  return { ...newMeeting(REF, template ?? overrides.templateId), ...overrides };
}

export interface TestClock {
  now: number;
}

export function testClock(start: number = T0): TestClock {
  return { now: start };
}

/** A step of a run: a command, or time passing on the server's clock. */
export type Wait = { readonly waitMs: number };
export type Step = MeetingCommand | Wait;

export const wait = (ms: number): Wait => ({ waitMs: ms });
export const minutes = (n: number): Wait => wait(n * MINUTE);

let sequence = 0;
/** A fresh, valid command id (8–64 letters, digits, '-' or '_'). */
export function commandId(): string {
  sequence += 1;
  return `cmd-${sequence.toString().padStart(6, "0")}`;
}

type Cmd<K extends MeetingCommandType> = Extract<MeetingCommand, { type: K }>;

export interface AddSectionFields {
  readonly kind?: SectionKind;
  readonly title?: string;
  readonly durationMs?: number;
  readonly index?: number;
}

/** Commands as a lead's panel would send them, each with a fresh id. */
export const cmd = {
  start: (): Cmd<"startMeeting"> => ({ id: commandId(), type: "startMeeting" }),
  end: (): Cmd<"endMeeting"> => ({ id: commandId(), type: "endMeeting" }),
  next: (): Cmd<"nextSection"> => ({ id: commandId(), type: "nextSection" }),
  previous: (): Cmd<"previousSection"> => ({ id: commandId(), type: "previousSection" }),
  goTo: (sectionId: string): Cmd<"goToSection"> => ({ id: commandId(), type: "goToSection", sectionId }),
  startTimer: (): Cmd<"startTimer"> => ({ id: commandId(), type: "startTimer" }),
  pause: (): Cmd<"pauseTimer"> => ({ id: commandId(), type: "pauseTimer" }),
  extend: (minutes: number): Cmd<"extendTimer"> => ({ id: commandId(), type: "extendTimer", minutes }),
  reset: (): Cmd<"resetTimer"> => ({ id: commandId(), type: "resetTimer" }),
  add: (fields: AddSectionFields = {}): Cmd<"addSection"> => ({
    id: commandId(),
    type: "addSection",
    kind: fields.kind ?? "discussion",
    title: fields.title ?? "Hiring plan",
    durationMs: fields.durationMs ?? 10 * MINUTE,
    ...(fields.index === undefined ? {} : { index: fields.index }),
  }),
  remove: (sectionId: string): Cmd<"removeSection"> => ({ id: commandId(), type: "removeSection", sectionId }),
  move: (sectionId: string, toIndex: number): Cmd<"moveSection"> => ({ id: commandId(), type: "moveSection", sectionId, toIndex }),
  rename: (sectionId: string, title: string | null): Cmd<"renameSection"> => ({ id: commandId(), type: "renameSection", sectionId, title }),
  setDuration: (sectionId: string, durationMs: number): Cmd<"setSectionDuration"> => ({
    id: commandId(),
    type: "setSectionDuration",
    sectionId,
    durationMs,
  }),
  setEnabled: (sectionId: string, enabled: boolean): Cmd<"setSectionEnabled"> => ({ id: commandId(), type: "setSectionEnabled", sectionId, enabled }),
  applyTemplate: (templateId: TemplateId): Cmd<"applyTemplate"> => ({ id: commandId(), type: "applyTemplate", templateId }),
  focus: (itemId: string | null, minutes?: number): Cmd<"focusSirItem"> => ({ id: commandId(), type: "focusSirItem", itemId, ...(minutes === undefined ? {} : { minutes }) }),
  endDiscussion: (itemId: string): Cmd<"endSirDiscussion"> => ({ id: commandId(), type: "endSirDiscussion", itemId }),
  undoTemplate: (appliedBy: string): Cmd<"undoTemplate"> => ({ id: commandId(), type: "undoTemplate", appliedBy }),
};

export interface Run {
  readonly state: MeetingState;
  /** One commit per command that changed something, as the service broadcasts them. */
  readonly commits: readonly Commit[];
}

/**
 * Runs steps like the service: parse the command, decide at the clock's now, evolve, and bump the
 * version by one when there were events. A refused command throws, so a broken setup is loud;
 * tests about refusals call `decide` directly.
 */
export function runCommands(state: MeetingState, steps: readonly Step[], clock: TestClock = testClock()): Run {
  let current = state;
  const commits: Commit[] = [];
  for (const step of steps) {
    if ("waitMs" in step) {
      clock.now += step.waitMs;
      continue;
    }
    const command = MeetingCommand.parse(step);
    const decision = decide(current, command, clock.now);
    if (!decision.ok) throw new Error(`${command.type} was refused: ${decision.error.code}: ${decision.error.message}`);
    if (decision.events.length === 0) continue;
    const version = current.version + 1;
    current = { ...evolveAll(current, decision.events), version };
    commits.push({ meetingId: current.meetingId, version, commandId: command.id, events: decision.events });
  }
  return { state: current, commits };
}

/** A meeting of the given template that started at the clock's now (T0 unless told). */
export function startedMeeting(template?: TemplateId, clock: TestClock = testClock()): MeetingState {
  return runCommands(meeting(template ? { template } : {}), [cmd.start()], clock).state;
}

/** The section with this id; throws when it is missing so tests read without `?.`. */
export function sectionOf(state: MeetingState, id: string): Section {
  const found = state.sections.find((s) => s.id === id);
  if (!found) throw new Error(`no section '${id}' in [${sectionIds(state).join(", ")}]`);
  return found;
}

export function sectionIds(state: MeetingState): string[] {
  return state.sections.map((s) => s.id);
}

export function enabledIds(state: MeetingState): string[] {
  return state.sections.filter((s) => s.enabled).map((s) => s.id);
}
