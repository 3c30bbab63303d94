/** @module The action wire schema: strict objects, limited sizes and counts, real dates, owners by id. */
import { describe, expect, it } from "vitest";
import { ActionCommand } from "./commands.js";
import { ACTION_LIMITS } from "./model.js";

const fields = (over: Record<string, unknown> = {}) => ({ title: "Ring", owners: ["user-1"], due: "2025-01-10", subtasks: [], source: null, ...over });
const valid = (c: unknown) => ActionCommand.safeParse(c).success;

describe("action commands on the wire", () => {
  it("accepts a complete create and refuses unknown properties", () => {
    expect(valid({ id: "cmd-00000001", type: "createAction", fields: fields({ source: { kind: "sir", itemId: "sir-cmd-000001" } }) })).toBe(true);
    expect(valid({ id: "cmd-00000001", type: "createAction", fields: fields(), extra: 1 })).toBe(false);
    expect(valid({ id: "cmd-00000001", type: "createAction", fields: { ...fields(), owner: "x" } })).toBe(false);
  });

  it("limits every size and count", () => {
    const c = (over: Record<string, unknown>) => ({ id: "cmd-00000001", type: "createAction", fields: fields(over) });
    expect(valid(c({ title: "x".repeat(ACTION_LIMITS.titleMax) }))).toBe(true);
    expect(valid(c({ title: "x".repeat(ACTION_LIMITS.titleMax + 1) }))).toBe(false);
    expect(valid(c({ title: "   " }))).toBe(false);
    expect(valid(c({ owners: [] }))).toBe(false);
    expect(valid(c({ owners: ["a", "a"] }))).toBe(false);
    expect(valid(c({ owners: Array.from({ length: ACTION_LIMITS.ownersMax + 1 }, (_, i) => `u${i}`) }))).toBe(false);
    expect(valid(c({ subtasks: Array.from({ length: ACTION_LIMITS.subtasksMax + 1 }, () => "s") }))).toBe(false);
    expect(valid({ id: "cmd-00000001", type: "addActionComment", actionId: "act-cmd-00000001", text: "x".repeat(ACTION_LIMITS.commentMax + 1) })).toBe(false);
  });

  it("refuses dates that are not days of the calendar, and a bad status or id", () => {
    expect(valid({ id: "cmd-00000001", type: "setActionDue", actionId: "act-cmd-00000001", due: "2025-02-29" })).toBe(false);
    expect(valid({ id: "cmd-00000001", type: "setActionDue", actionId: "act-cmd-00000001", due: "2025-1-9" })).toBe(false);
    expect(valid({ id: "cmd-00000001", type: "setActionStatus", actionId: "act-cmd-00000001", status: "finished" })).toBe(false);
    expect(valid({ id: "cmd-00000001", type: "setActionStatus", actionId: "sir-cmd-00000001", status: "done" })).toBe(false);
    expect(valid({ id: "short", type: "deleteAction", actionId: "act-cmd-00000001" })).toBe(false);
  });
});
