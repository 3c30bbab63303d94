/** @module Who may do what in a meeting: the role → capability table, the capability each command needs, and reading Teams role names. */
import { describe, expect, it } from "vitest";
import { MeetingCommand, type MeetingCommandType } from "../meeting/commands.js";
import { CAPABILITIES, COMMAND_CAPABILITY, ROLES, can, capabilitiesOf, parseRole, type Role } from "./capabilities.js";

const ALL_COMMAND_TYPES: MeetingCommandType[] = MeetingCommand.options.map((option) => option.shape.type.value);
const DRIVING: MeetingCommandType[] = ["startMeeting", "endMeeting", "nextSection", "previousSection", "goToSection", "startTimer", "pauseTimer", "extendTimer", "resetTimer", "focusSirItem", "endSirDiscussion"];
const EDITING: MeetingCommandType[] = ["addSection", "removeSection", "moveSection", "renameSection", "setSectionDuration", "setSectionEnabled", "applyTemplate", "undoTemplate"];

const mayRun = (role: Role, type: MeetingCommandType): boolean => can(role, COMMAND_CAPABILITY[type]);

describe("attendees", () => {
  it("can follow the meeting", () => {
    expect(can("Attendee", "meeting:read")).toBe(true);
  });

  it("cannot drive the meeting, edit the agenda or handle SIR items, but prepares their own", () => {
    expect(can("Attendee", "meeting:drive")).toBe(false);
    expect(can("Attendee", "agenda:edit")).toBe(false);
    expect(can("Attendee", "sir:handle")).toBe(false);
    expect(can("Attendee", "sir:prepare")).toBe(true);
    expect(can("Attendee", "kpi:manage")).toBe(false);
    expect(capabilitiesOf("Attendee")).toEqual(["meeting:read", "sir:prepare", "kpi:update", "actions:add"]);
  });

  it.each(ALL_COMMAND_TYPES)("an attendee cannot send %s", (type) => {
    expect(mayRun("Attendee", type)).toBe(false);
  });
});

describe("organizers and presenters", () => {
  it.each(["Organizer", "Presenter"] as const)("%s has every capability", (role) => {
    for (const capability of CAPABILITIES) expect(can(role, capability)).toBe(true);
    expect([...capabilitiesOf(role)].sort()).toEqual([...CAPABILITIES].sort());
  });

  it.each(ALL_COMMAND_TYPES.flatMap((type) => [["Organizer", type] as const, ["Presenter", type] as const]))("%s can send %s", (role, type) => {
    expect(mayRun(role, type)).toBe(true);
  });
});

describe("the capability each command needs", () => {
  it("every command type has an entry, and no entry is for an unknown command", () => {
    expect(Object.keys(COMMAND_CAPABILITY).sort()).toEqual([...ALL_COMMAND_TYPES].sort());
    expect(ALL_COMMAND_TYPES).toHaveLength(19);
  });

  it("no command can be sent with read access alone", () => {
    for (const type of ALL_COMMAND_TYPES) expect(COMMAND_CAPABILITY[type]).not.toBe("meeting:read");
  });

  it.each(DRIVING)("%s drives the meeting", (type) => {
    expect(COMMAND_CAPABILITY[type]).toBe("meeting:drive");
  });

  it.each(EDITING)("%s edits the agenda", (type) => {
    expect(COMMAND_CAPABILITY[type]).toBe("agenda:edit");
  });

  it("driving and editing together cover every command", () => {
    expect([...DRIVING, ...EDITING].sort()).toEqual([...ALL_COMMAND_TYPES].sort());
  });
});

describe("reading the role Teams reports", () => {
  it.each([
    ["Organizer", "Organizer"],
    ["organizer", "Organizer"],
    ["ORGANIZER", "Organizer"],
    ["Presenter", "Presenter"],
    ["presenter", "Presenter"],
    ["PreSenTer", "Presenter"],
    ["Attendee", "Attendee"],
    ["attendee", "Attendee"],
  ] as const)("%s is %s", (value, role) => {
    expect(parseRole(value)).toBe(role);
  });

  it.each(["Guest", "Coorganizer", "", "admin", "Organizer2"])("an unknown role (%j) gets the least privilege", (value) => {
    expect(parseRole(value)).toBe("Attendee");
  });

  it.each([null, undefined])("no role (%s) gets the least privilege", (value) => {
    expect(parseRole(value)).toBe("Attendee");
  });

  it("every role it returns is in the table", () => {
    for (const value of ["organizer", "presenter", "x", null]) expect(ROLES).toContain(parseRole(value));
  });
});
