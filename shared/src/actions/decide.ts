/** @module decideAction(action, command, actor, ctx) → the action after the command, or why not: every action rule, pure. */
import type { ActionCommand } from "./commands.js";
import { addDays, dayIn } from "./dates.js";
import type { DraftImport } from "./from-decision.js";
import { ACTION_LIMITS, actionIdFor, commentIdFor, subtaskIdFor, type Action, type ActionStatus, type Person } from "./model.js";

export const ACTION_ERROR_CODES = ["notFound", "forbidden", "notOwner", "unknownOwner", "dueInPast", "dueTooFar", "tooMany", "tooLarge", "deleted"] as const;
export type ActionErrorCode = (typeof ACTION_ERROR_CODES)[number];

export interface ActionError {
  readonly code: ActionErrorCode;
  /** English, for logs and API clients; the panel shows its own text for the code. */
  readonly message: string;
}

export type ActionResult = { readonly ok: true; readonly action: Action; readonly changed: boolean } | { readonly ok: false; readonly error: ActionError };

export interface ActionActor {
  readonly person: Person;
  /** The capability `actions:lead` (organizer or presenter). */
  readonly isLead: boolean;
}

export interface ActionContext {
  /** The server's clock. */
  readonly now: number;
  readonly tenantId: string;
  readonly seriesId: string;
  /** The team's time zone: "today" for due dates. */
  readonly timeZone: string;
  /** The series' people (meeting chat roster, the board's people, whoever opened the panel): the only possible owners. */
  readonly people: readonly Person[];
}

/** Not on the wire: the service turns a SIR decision's draft into an action (see from-decision.ts). */
export interface ImportDraftCommand {
  readonly id: string;
  readonly type: "importDraft";
  readonly draft: DraftImport;
}

export type ActionDecisionInput = ActionCommand | ImportDraftCommand;

const fail = (code: ActionErrorCode, message: string): ActionResult => ({ ok: false, error: { code, message } });
const unchanged = (action: Action): ActionResult => ({ ok: true, action, changed: false });

/** The action a command is about; a create (or import) names its action after the command id, so a retry finds it. */
export function actionTargetOf(command: ActionDecisionInput): string {
  return command.type === "createAction" || command.type === "importDraft" ? actionIdFor(command.id) : command.actionId;
}

/** A due day is between the team's today and `dueDaysMax` days on. */
function checkDue(due: string, ctx: ActionContext): ActionResult | null {
  const today = dayIn(ctx.now, ctx.timeZone);
  if (due < today) return fail("dueInPast", `The due date ${due} is before today (${today} in ${ctx.timeZone}).`);
  const last = addDays(today, ACTION_LIMITS.dueDaysMax);
  if (due > last) return fail("dueTooFar", `The due date ${due} is more than ${ACTION_LIMITS.dueDaysMax} days ahead (at most ${last}).`);
  return null;
}

/**
 * Owners by id, named as the series knows them. An owner the action has already keeps their place even if they left
 * the series (so the rest of an edit still works); a new one must be one of the series' people.
 */
function resolveOwners(ids: readonly string[], ctx: ActionContext, current: readonly Person[]): { ok: true; owners: Person[] } | { ok: false; result: ActionResult } {
  const owners: Person[] = [];
  for (const id of ids) {
    const person = ctx.people.find((p) => p.userId === id) ?? current.find((p) => p.userId === id);
    if (!person) return { ok: false, result: fail("unknownOwner", `'${id}' is not one of this series' people; pick owners from the meeting's participants.`) };
    owners.push({ userId: person.userId, name: person.name });
  }
  return { ok: true, owners };
}

/** A change is stored only if the action still fits its storage row. */
function changedTo(next: Action, before: Action | null, actor: Person, now: number): ActionResult {
  const action: Action = before === null ? next : { ...next, version: before.version + 1, updatedAt: now, updatedBy: actor };
  if (JSON.stringify(action).length > ACTION_LIMITS.actionJsonMax) return fail("tooLarge", `The action would be larger than ${ACTION_LIMITS.actionJsonMax} characters when stored.`);
  return { ok: true, action, changed: true };
}

const sameOwners = (a: readonly Person[], b: readonly Person[]): boolean => a.length === b.length && a.every((p, i) => p.userId === b[i]?.userId && p.name === b[i]?.name);

function withStatus(action: Action, status: ActionStatus, now: number): Action {
  return { ...action, status, doneAt: status === "done" ? now : null };
}

/**
 * Decides what a command does to an action (null when the store has none with that id).
 * Anyone in the meeting creates and comments; owners and leads edit, change status, due date and checklist; a lead
 * deletes. A command that would change nothing succeeds with `changed: false`: a retry or a double click is not an error.
 */
export function decideAction(action: Action | null, command: ActionDecisionInput, actor: ActionActor, ctx: ActionContext): ActionResult {
  if (command.type === "createAction" || command.type === "importDraft") {
    const id = actionIdFor(command.id);
    if (action !== null) {
      // The same command again finds the action it made; anyone else's command id is not theirs to reuse.
      const own = command.type === "importDraft" || action.createdBy.userId === actor.person.userId;
      if (action.id === id && own && action.tenantId === ctx.tenantId && action.seriesId === ctx.seriesId) return unchanged(action);
      return fail("forbidden", `An action with the id '${id}' exists already.`);
    }
    if (command.type === "importDraft") {
      // The lead chose owner and due date when deciding; the rules for new actions (today, the roster) were the decision form's.
      const d = command.draft;
      const created: Action = base(id, ctx, d.by, d.at, { title: d.title, owners: d.owners.slice(0, ACTION_LIMITS.ownersMax), due: d.due, subtasks: [], source: { kind: "sir", itemId: d.itemId } });
      return changedTo(created, null, d.by, ctx.now);
    }
    const f = command.fields;
    const dueProblem = checkDue(f.due, ctx);
    if (dueProblem) return dueProblem;
    const owners = resolveOwners(f.owners, ctx, []);
    if (!owners.ok) return owners.result;
    const subtasks = f.subtasks.map((title, i) => ({ id: subtaskIdFor(`${command.id}-${i}`), title, done: false }));
    return changedTo(base(id, ctx, actor.person, ctx.now, { title: f.title, owners: owners.owners, due: f.due, subtasks, source: f.source }), null, actor.person, ctx.now);
  }

  // Actions of another tenant or series are not "forbidden": to this caller they do not exist.
  if (action === null || action.id !== command.actionId || action.tenantId !== ctx.tenantId || action.seriesId !== ctx.seriesId) {
    return fail("notFound", `There is no action '${command.actionId}' in this series.`);
  }
  if (action.deletedAt !== null) {
    return command.type === "deleteAction" ? unchanged(action) : fail("deleted", "The action was deleted; it can no longer change.");
  }
  const isOwner = action.owners.some((o) => o.userId === actor.person.userId);
  const mayEdit = isOwner || actor.isLead;
  const notOwner = (): ActionResult => fail("notOwner", "Only the action's owners or a lead can change it.");
  const to = (next: Action): ActionResult => changedTo(next, action, actor.person, ctx.now);

  switch (command.type) {
    case "editAction": {
      if (!mayEdit) return notOwner();
      const owners = resolveOwners(command.owners, ctx, action.owners);
      if (!owners.ok) return owners.result;
      if (command.title === action.title && sameOwners(owners.owners, action.owners)) return unchanged(action);
      return to({ ...action, title: command.title, owners: owners.owners });
    }
    case "setActionStatus": {
      if (!mayEdit) return notOwner();
      if (action.status === command.status) return unchanged(action);
      return to(withStatus(action, command.status, ctx.now));
    }
    case "setActionDue": {
      if (!mayEdit) return notOwner();
      if (action.due === command.due) return unchanged(action);
      const dueProblem = checkDue(command.due, ctx);
      if (dueProblem) return dueProblem;
      return to({ ...action, due: command.due });
    }
    case "addSubtask": {
      if (!mayEdit) return notOwner();
      if (action.subtasks.length >= ACTION_LIMITS.subtasksMax) return fail("tooMany", `An action has at most ${ACTION_LIMITS.subtasksMax} subtasks.`);
      return to({ ...action, subtasks: [...action.subtasks, { id: subtaskIdFor(command.id), title: command.title, done: false }] });
    }
    case "setSubtaskDone": {
      if (!mayEdit) return notOwner();
      const subtask = action.subtasks.find((s) => s.id === command.subtaskId);
      if (!subtask) return fail("notFound", `The action has no subtask '${command.subtaskId}'.`);
      if (subtask.done === command.done) return unchanged(action);
      return to({ ...action, subtasks: action.subtasks.map((s) => (s.id === subtask.id ? { ...s, done: command.done } : s)) });
    }
    case "removeSubtask": {
      if (!mayEdit) return notOwner();
      if (!action.subtasks.some((s) => s.id === command.subtaskId)) return unchanged(action);
      return to({ ...action, subtasks: action.subtasks.filter((s) => s.id !== command.subtaskId) });
    }
    case "addActionComment": {
      // Follow-up is everyone's: anyone in the meeting may comment, as they may create.
      if (action.comments.length >= ACTION_LIMITS.commentsMax) return fail("tooMany", `An action has at most ${ACTION_LIMITS.commentsMax} comments.`);
      return to({ ...action, comments: [...action.comments, { id: commentIdFor(command.id), by: actor.person, at: ctx.now, text: command.text }] });
    }
    case "deleteAction": {
      if (!actor.isLead) return fail("forbidden", "Only a lead (organizer or presenter) can delete an action.");
      return to({ ...action, title: "", owners: [], subtasks: [], comments: [], source: null, deletedAt: ctx.now });
    }
  }
}

function base(id: string, ctx: ActionContext, by: Person, at: number, f: Pick<Action, "title" | "owners" | "due" | "subtasks" | "source">): Action {
  return {
    id,
    tenantId: ctx.tenantId,
    seriesId: ctx.seriesId,
    version: 1,
    title: f.title,
    owners: f.owners.map((o) => ({ userId: o.userId, name: o.name })),
    due: f.due,
    status: "open",
    subtasks: f.subtasks,
    comments: [],
    source: f.source,
    createdBy: { userId: by.userId, name: by.name },
    createdAt: at,
    updatedBy: { userId: by.userId, name: by.name },
    updatedAt: at,
    doneAt: null,
    deletedAt: null,
  };
}
