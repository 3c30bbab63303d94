/** @module Behaviour of decideAction: who may create, edit, move, finish, comment and delete an action, and the due-date and owner rules. */
import { describe, expect, it } from "vitest";
import { ActionCommand } from "./commands.js";
import { decideAction, type ActionActor, type ActionContext, type ActionResult } from "./decide.js";
import { ACTION_LIMITS, type Action } from "./model.js";
import { KARI, LEAD, OLA, OUTSIDER, T0, action, actionContext } from "./test-builders.js";

const lead: ActionActor = { person: LEAD, isLead: true };
const kari: ActionActor = { person: KARI, isLead: false };
const ola: ActionActor = { person: OLA, isLead: false };
const CTX: ActionContext = actionContext();

let sequence = 0;
const nextId = (): string => `cmd-${(sequence += 1).toString().padStart(6, "0")}`;
/** Commands as the wire carries them: every one goes through the schema. */
const parse = (c: Record<string, unknown>) => ActionCommand.parse({ id: nextId(), ...c });
const create = (fields: Record<string, unknown> = {}, id = nextId()) =>
  ActionCommand.parse({ id, type: "createAction", fields: { title: "Ring transportøren", owners: [KARI.userId], due: "2025-01-10", subtasks: [], source: null, ...fields } });

function ok(result: ActionResult): Action {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.action;
}
const code = (result: ActionResult): string | null => (result.ok ? null : result.error.code);

describe("creating an action", () => {
  it("anyone in the meeting creates one; owners are named as the series knows them, not as the request says", () => {
    const a = ok(decideAction(null, create({ owners: [KARI.userId, OLA.userId], subtasks: ["Finn tilbud", "Send bestilling"] }), ola, CTX));
    expect(a).toMatchObject({ title: "Ring transportøren", status: "open", version: 1, due: "2025-01-10", createdBy: OLA, owners: [KARI, OLA], doneAt: null, deletedAt: null });
    expect(a.subtasks.map((s) => [s.title, s.done])).toEqual([["Finn tilbud", false], ["Send bestilling", false]]);
    expect(new Set(a.subtasks.map((s) => s.id)).size).toBe(2);
  });

  it("a retry of the same command finds the action it made; another person's reuse of the id is refused", () => {
    const c = create();
    const a = ok(decideAction(null, c, kari, CTX));
    expect(decideAction(a, c, kari, CTX)).toEqual({ ok: true, action: a, changed: false });
    expect(code(decideAction(a, c, ola, CTX))).toBe("forbidden");
  });

  it("an owner who is not one of the series' people is refused", () => {
    expect(code(decideAction(null, create({ owners: [KARI.userId, OUTSIDER.userId] }), lead, CTX))).toBe("unknownOwner");
  });

  it("a due date before the team's today is refused; today and two years ahead are fine; further is refused", () => {
    // T0 is Monday 6 January 2025, 10:00 in Oslo.
    expect(code(decideAction(null, create({ due: "2025-01-05" }), kari, CTX))).toBe("dueInPast");
    expect(ok(decideAction(null, create({ due: "2025-01-06" }), kari, CTX)).due).toBe("2025-01-06");
    expect(ok(decideAction(null, create({ due: "2027-01-06" }), kari, CTX)).due).toBe("2027-01-06");
    expect(code(decideAction(null, create({ due: "2027-01-07" }), kari, CTX))).toBe("dueTooFar");
  });

  it("'today' is the team's: 23:30 UTC on 5 January is already 6 January in Oslo, still 5 January in New York", () => {
    const late = Date.UTC(2025, 0, 5, 23, 30);
    expect(ok(decideAction(null, create({ due: "2025-01-06" }), kari, { ...CTX, now: late })).due).toBe("2025-01-06");
    expect(code(decideAction(null, create({ due: "2025-01-05" }), kari, { ...CTX, now: late }))).toBe("dueInPast");
    expect(ok(decideAction(null, create({ due: "2025-01-05" }), kari, { ...CTX, now: late, timeZone: "America/New_York" })).due).toBe("2025-01-05");
  });
});

describe("changing an action", () => {
  const a = action({ owners: [KARI], version: 2 });

  it("an owner marks it done and open again; doneAt follows; the version moves", () => {
    const done = ok(decideAction(a, parse({ type: "setActionStatus", actionId: a.id, status: "done" }), kari, { ...CTX, now: T0 + 1000 }));
    expect(done).toMatchObject({ status: "done", doneAt: T0 + 1000, version: 3, updatedBy: KARI, updatedAt: T0 + 1000 });
    const reopened = ok(decideAction(done, parse({ type: "setActionStatus", actionId: a.id, status: "inProgress" }), kari, CTX));
    expect(reopened).toMatchObject({ status: "inProgress", doneAt: null, version: 4 });
  });

  it("a lead who is not an owner may change status and due date; an attendee who is not an owner may not", () => {
    expect(ok(decideAction(a, parse({ type: "setActionStatus", actionId: a.id, status: "blocked" }), lead, CTX)).status).toBe("blocked");
    expect(ok(decideAction(a, parse({ type: "setActionDue", actionId: a.id, due: "2025-01-17" }), lead, CTX)).due).toBe("2025-01-17");
    expect(code(decideAction(a, parse({ type: "setActionStatus", actionId: a.id, status: "done" }), ola, CTX))).toBe("notOwner");
    expect(code(decideAction(a, parse({ type: "setActionDue", actionId: a.id, due: "2025-01-17" }), ola, CTX))).toBe("notOwner");
    expect(code(decideAction(a, parse({ type: "editAction", actionId: a.id, title: "Mitt nå", owners: [OLA.userId] }), ola, CTX))).toBe("notOwner");
  });

  it("a new due date must not be in the past either", () => {
    expect(code(decideAction(a, parse({ type: "setActionDue", actionId: a.id, due: "2025-01-01" }), lead, CTX))).toBe("dueInPast");
  });

  it("the same status again changes nothing", () => {
    expect(decideAction(a, parse({ type: "setActionStatus", actionId: a.id, status: "open" }), kari, CTX)).toEqual({ ok: true, action: a, changed: false });
  });

  it("editing keeps an owner who has left the series, but does not let a new outsider in", () => {
    const withGone = action({ owners: [KARI, OUTSIDER] });
    const edited = ok(decideAction(withGone, parse({ type: "editAction", actionId: a.id, title: "Nytt navn", owners: [OUTSIDER.userId, OLA.userId] }), kari, CTX));
    expect(edited.owners).toEqual([OUTSIDER, OLA]);
    expect(code(decideAction(a, parse({ type: "editAction", actionId: a.id, title: "Nytt navn", owners: [OUTSIDER.userId] }), kari, CTX))).toBe("unknownOwner");
  });

  it("the checklist: add, tick, remove; at most the limit", () => {
    let x = ok(decideAction(a, parse({ type: "addSubtask", actionId: a.id, title: "Finn tilbud" }), kari, CTX));
    const st = x.subtasks[0];
    if (!st) throw new Error("no subtask");
    x = ok(decideAction(x, parse({ type: "setSubtaskDone", actionId: a.id, subtaskId: st.id, done: true }), kari, CTX));
    expect(x.subtasks[0]?.done).toBe(true);
    x = ok(decideAction(x, parse({ type: "removeSubtask", actionId: a.id, subtaskId: st.id }), kari, CTX));
    expect(x.subtasks).toEqual([]);
    const full = action({ subtasks: Array.from({ length: ACTION_LIMITS.subtasksMax }, (_, i) => ({ id: `st-cmd-${String(i).padStart(8, "0")}`, title: `Del ${i}`, done: false })) });
    expect(code(decideAction(full, parse({ type: "addSubtask", actionId: a.id, title: "En til" }), kari, CTX))).toBe("tooMany");
    expect(code(decideAction(a, parse({ type: "setSubtaskDone", actionId: a.id, subtaskId: "st-cmd-99999999", done: true }), kari, CTX))).toBe("notFound");
  });

  it("anyone comments (follow-up), up to the limit", () => {
    const c = ok(decideAction(a, parse({ type: "addActionComment", actionId: a.id, text: "Purret i dag." }), ola, CTX));
    expect(c.comments).toMatchObject([{ by: OLA, at: T0, text: "Purret i dag." }]);
    const full = action({ comments: Array.from({ length: ACTION_LIMITS.commentsMax }, (_, i) => ({ id: `cm-cmd-${String(i).padStart(8, "0")}`, by: OLA, at: T0, text: "x" })) });
    expect(code(decideAction(full, parse({ type: "addActionComment", actionId: a.id, text: "En til" }), ola, CTX))).toBe("tooMany");
  });

  it("only a lead deletes: the content is erased, the tombstone stays and changes no more", () => {
    expect(code(decideAction(a, parse({ type: "deleteAction", actionId: a.id }), kari, CTX))).toBe("forbidden");
    const gone = ok(decideAction(a, parse({ type: "deleteAction", actionId: a.id }), lead, CTX));
    expect(gone).toMatchObject({ title: "", owners: [], deletedAt: T0 });
    expect(decideAction(gone, parse({ type: "deleteAction", actionId: a.id }), lead, CTX).ok).toBe(true);
    expect(code(decideAction(gone, parse({ type: "setActionStatus", actionId: a.id, status: "done" }), lead, CTX))).toBe("deleted");
  });

  it("an action of another series or tenant, or none, is not found", () => {
    const c = parse({ type: "setActionStatus", actionId: a.id, status: "done" });
    expect(code(decideAction(null, c, lead, CTX))).toBe("notFound");
    expect(code(decideAction(a, c, lead, { ...CTX, seriesId: "19:other@thread.v2" }))).toBe("notFound");
    expect(code(decideAction(a, c, lead, { ...CTX, tenantId: "other" }))).toBe("notFound");
  });
});

describe("importing a SIR decision's draft", () => {
  it("becomes an action linked to the item, owned as drafted, even with a due date already past", () => {
    const draft = { key: "k", title: "Bytt transportør", owners: [OUTSIDER], due: "2024-12-01", itemId: "sir-cmd-000001", by: LEAD, at: T0 - 1000 };
    const a = ok(decideAction(null, { id: "dec-abcdefgh12", type: "importDraft", draft }, lead, CTX));
    expect(a).toMatchObject({ id: "act-dec-abcdefgh12", owners: [OUTSIDER], due: "2024-12-01", source: { kind: "sir", itemId: "sir-cmd-000001" }, createdBy: LEAD, createdAt: T0 - 1000 });
    // Importing again (another reader, a retry) finds it, whoever triggers it.
    expect(decideAction(a, { id: "dec-abcdefgh12", type: "importDraft", draft }, kari, CTX)).toEqual({ ok: true, action: a, changed: false });
  });
});
