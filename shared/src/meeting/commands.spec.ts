/** @module The command wire schema: what the service accepts from a panel or card, and how a rejection names the field at fault. */
import { describe, expect, it } from "vitest";
import { EXTEND_CHOICES_MIN, MeetingCommand, type MeetingCommandType } from "./commands.js";
import { MINUTE } from "./section.js";

/** The way the service reports a rejected body: one "field: message" line per issue. */
function rejection(input: unknown): string[] {
  const result = MeetingCommand.safeParse(input);
  if (result.success) throw new Error(`expected a rejection, got ${JSON.stringify(result.data)}`);
  return result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
}

const id = "cmd-0001";

/** One valid example per command type; a new command type without an example fails to compile. */
const VALID: Record<MeetingCommandType, object> = {
  startMeeting: { id, type: "startMeeting" },
  endMeeting: { id, type: "endMeeting" },
  nextSection: { id, type: "nextSection" },
  previousSection: { id, type: "previousSection" },
  goToSection: { id, type: "goToSection", sectionId: "sir" },
  startTimer: { id, type: "startTimer" },
  pauseTimer: { id, type: "pauseTimer" },
  extendTimer: { id, type: "extendTimer", minutes: 5 },
  resetTimer: { id, type: "resetTimer" },
  addSection: { id, type: "addSection", kind: "discussion", title: "Hiring plan", durationMs: 10 * MINUTE, index: 2 },
  removeSection: { id, type: "removeSection", sectionId: "salesFunnel" },
  moveSection: { id, type: "moveSection", sectionId: "sir", toIndex: 0 },
  renameSection: { id, type: "renameSection", sectionId: "sir", title: "Saker, informasjon, risiko" },
  setSectionDuration: { id, type: "setSectionDuration", sectionId: "sir", durationMs: 25 * MINUTE },
  setSectionEnabled: { id, type: "setSectionEnabled", sectionId: "salesFunnel", enabled: true },
  applyTemplate: { id, type: "applyTemplate", templateId: "leadershipWeekly90" },
  focusSirItem: { id, type: "focusSirItem", itemId: "sir-abc12345", minutes: 5 },
  endSirDiscussion: { id, type: "endSirDiscussion", itemId: "sir-abc12345" },
  undoTemplate: { id, type: "undoTemplate", appliedBy: "cmd-0000abcd" },
};

describe("valid commands", () => {
  it.each(Object.entries(VALID))("%s parses to itself", (_type, input) => {
    expect(MeetingCommand.parse(input)).toEqual(input);
  });

  it("an added section may leave out its position (it goes at the end)", () => {
    expect(MeetingCommand.parse({ id, type: "addSection", kind: "sir", title: "Risks", durationMs: MINUTE })).not.toHaveProperty("index");
  });

  it("titles are trimmed", () => {
    expect(MeetingCommand.parse({ id, type: "renameSection", sectionId: "sir", title: "  Risks \n" })).toMatchObject({ title: "Risks" });
  });

  it("a null title means back to the default name", () => {
    expect(MeetingCommand.parse({ id, type: "renameSection", sectionId: "sir", title: null })).toMatchObject({ title: null });
  });

  it.each([
    ["80 characters", "x".repeat(80)],
    ["Norwegian letters", "Gode nyheter – æøå ÆØÅ"],
    ["80 characters after trimming", `  ${"y".repeat(80)}  `],
  ])("a title of %s is fine", (_what, title) => {
    expect(MeetingCommand.safeParse({ id, type: "renameSection", sectionId: "sir", title }).success).toBe(true);
  });

  it.each([MINUTE, 90_000, 180 * MINUTE])("a duration of %i ms is fine", (durationMs) => {
    expect(MeetingCommand.safeParse({ id, type: "setSectionDuration", sectionId: "sir", durationMs }).success).toBe(true);
  });

  it.each(["abcdefgh", "A1_b2-C3", "x".repeat(64), "0f8fad5b-d9cb-469f-a165-70867728950e"])("command id %s is fine", (commandId) => {
    expect(MeetingCommand.safeParse({ id: commandId, type: "startMeeting" }).success).toBe(true);
  });

  it("both extend buttons send a valid command", () => {
    for (const minutes of EXTEND_CHOICES_MIN) {
      expect(MeetingCommand.safeParse({ id, type: "extendTimer", minutes }).success).toBe(true);
    }
  });

  it("positions up to the section limit are fine", () => {
    expect(MeetingCommand.safeParse({ id, type: "moveSection", sectionId: "sir", toIndex: 20 }).success).toBe(true);
  });
});

describe("rejected commands name the field at fault", () => {
  it.each<[string, unknown, string]>([
    ["an unknown command type", { id, type: "deleteMeeting" }, "type: Invalid discriminator value"],
    ["a missing type", { id }, "type: Invalid discriminator value"],
    ["extra keys", { id, type: "startMeeting", role: "Organizer" }, 'Unrecognized key: "role"'],
    ["extra keys on a command with fields", { id, type: "goToSection", sectionId: "sir", force: true }, 'Unrecognized key: "force"'],
    ["a missing id", { type: "startMeeting" }, "id: Invalid input"],
    ["a too short id", { id: "abc1234", type: "startMeeting" }, "id: must be 8–64 letters"],
    ["a too long id", { id: "x".repeat(65), type: "startMeeting" }, "id: must be 8–64 letters"],
    ["an id with spaces", { id: "cmd 00001", type: "startMeeting" }, "id: must be 8–64 letters"],
    ["an id with other characters", { id: "cmd/../../x", type: "startMeeting" }, "id: must be 8–64 letters"],
    ["a numeric id", { id: 12345678, type: "startMeeting" }, "id: Invalid input"],
    ["an empty section id", { id, type: "goToSection", sectionId: "" }, "sectionId: Too small"],
    ["a too long section id", { id, type: "removeSection", sectionId: "s".repeat(81) }, "sectionId: Too big"],
    ["a missing section id", { id, type: "goToSection" }, "sectionId: Invalid input"],
    ["a too long title", { id, type: "renameSection", sectionId: "sir", title: "x".repeat(81) }, "title: must be at most 80 characters"],
    ["a blank title", { id, type: "renameSection", sectionId: "sir", title: "   " }, "title: must not be empty"],
    ["a title that is not text", { id, type: "renameSection", sectionId: "sir", title: 42 }, "title: Invalid input"],
    ["a duration under 1 minute", { id, type: "setSectionDuration", sectionId: "sir", durationMs: 59_000 }, "durationMs: must be at least 1 minute"],
    ["a duration over 180 minutes", { id, type: "setSectionDuration", sectionId: "sir", durationMs: 181 * MINUTE }, "durationMs: must be at most 180 minutes"],
    ["a duration that is not whole seconds", { id, type: "setSectionDuration", sectionId: "sir", durationMs: 90_500 }, "durationMs: must be whole seconds"],
    ["a duration with a fraction of a millisecond", { id, type: "setSectionDuration", sectionId: "sir", durationMs: 60_000.5 }, "durationMs: Invalid input"],
    ["a duration as text", { id, type: "setSectionDuration", sectionId: "sir", durationMs: "600000" }, "durationMs: Invalid input"],
    ["extending by 0 minutes", { id, type: "extendTimer", minutes: 0 }, "minutes: Too small"],
    ["extending by 31 minutes", { id, type: "extendTimer", minutes: 31 }, "minutes: Too big"],
    ["extending by half a minute", { id, type: "extendTimer", minutes: 0.5 }, "minutes: Invalid input"],
    ["an unknown section kind", { id, type: "addSection", kind: "gossip", title: "x", durationMs: MINUTE }, "kind: Invalid option"],
    ["a negative position", { id, type: "addSection", kind: "sir", title: "x", durationMs: MINUTE, index: -1 }, "index: Too small"],
    ["a position past the section limit", { id, type: "moveSection", sectionId: "sir", toIndex: 21 }, "toIndex: Too big"],
    ["switching with a string", { id, type: "setSectionEnabled", sectionId: "sir", enabled: "true" }, "enabled: Invalid input"],
    ["an unknown template", { id, type: "applyTemplate", templateId: "daily15" }, "templateId: Invalid option"],
  ])("%s", (_what, input, expected) => {
    expect(rejection(input).join("\n")).toContain(expected);
  });

  it.each([null, "startMeeting", 42, [], undefined])("a body that is not an object (%s) is rejected", (input) => {
    expect(rejection(input)).toHaveLength(1);
  });

  it("reports every field at fault, not just the first", () => {
    const lines = rejection({ id: "x", type: "addSection", kind: "sir", title: "", durationMs: 1 });
    expect(lines).toEqual(expect.arrayContaining([expect.stringMatching(/^id: /), expect.stringMatching(/^title: /), expect.stringMatching(/^durationMs: /)]));
  });
});
