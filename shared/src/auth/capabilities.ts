/** @module Who may do what: Teams meeting roles mapped to capabilities in one table. The service enforces it; the panel only uses it to hide controls. */
import type { MeetingCommandType } from "../meeting/commands.js";

export const ROLES = ["Organizer", "Presenter", "Attendee"] as const;
export type Role = (typeof ROLES)[number];

export const CAPABILITIES = ["meeting:read", "meeting:drive", "agenda:edit", "sir:prepare", "sir:handle", "kpi:update", "kpi:manage", "meeting:setup", "actions:add", "actions:lead", "summary:post"] as const;
export type Capability = (typeof CAPABILITIES)[number];

const TABLE: Readonly<Record<Role, readonly Capability[]>> = {
  // "meeting:setup": the configuration page's save (template and summary channel) is the lead's.
  Organizer: ["meeting:read", "meeting:drive", "agenda:edit", "sir:prepare", "sir:handle", "kpi:update", "kpi:manage", "meeting:setup", "actions:add", "actions:lead", "summary:post"],
  Presenter: ["meeting:read", "meeting:drive", "agenda:edit", "sir:prepare", "sir:handle", "kpi:update", "kpi:manage", "meeting:setup", "actions:add", "actions:lead", "summary:post"],
  // Everyone prepares SIR items and edits their own; handling them (decisions, resolve, carry over) is the lead's.
  // Everyone enters the values of the KPIs they own (the domain checks ownership); setting up the board is the lead's.
  // Everyone adds actions and comments on them; an action's owners change it (the domain checks ownership), a lead changes and deletes any.
  Attendee: ["meeting:read", "sir:prepare", "kpi:update", "actions:add"],
};

export function can(role: Role, capability: Capability): boolean {
  return TABLE[role].includes(capability);
}

export function capabilitiesOf(role: Role): readonly Capability[] {
  return TABLE[role];
}

/** The capability each command needs. Adding a command without an entry is a type error. */
export const COMMAND_CAPABILITY: Readonly<Record<MeetingCommandType, Capability>> = {
  startMeeting: "meeting:drive",
  endMeeting: "meeting:drive",
  nextSection: "meeting:drive",
  previousSection: "meeting:drive",
  goToSection: "meeting:drive",
  startTimer: "meeting:drive",
  pauseTimer: "meeting:drive",
  extendTimer: "meeting:drive",
  resetTimer: "meeting:drive",
  addSection: "agenda:edit",
  removeSection: "agenda:edit",
  moveSection: "agenda:edit",
  renameSection: "agenda:edit",
  setSectionDuration: "agenda:edit",
  setSectionEnabled: "agenda:edit",
  applyTemplate: "agenda:edit",
  focusSirItem: "meeting:drive",
  endSirDiscussion: "meeting:drive",
  undoTemplate: "agenda:edit",
};

/** Maps a role name as Teams reports it (any case, or unknown) to a role; unknown means the least privilege. */
export function parseRole(value: string | undefined | null): Role {
  const v = (value ?? "").trim().toLowerCase();
  if (v === "organizer") return "Organizer";
  if (v === "presenter") return "Presenter";
  return "Attendee";
}
