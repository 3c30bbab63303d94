/** @module Pure view logic of the SIR section: an item's age and readiness as shown, whether the section is open, and the lead's decision form turned into a command. */
import type { MessageKey, MessageParams } from "../../../shared/src/i18n/format.js";
import { currentSection } from "../../../shared/src/meeting/clock.js";
import type { MeetingState, SirFocus } from "../../../shared/src/meeting/state.js";
import { SIR_LIMITS, sirReadiness, type Person, type SirDecision, type SirItem, type SirReadinessGap } from "../../../shared/src/sir/item.js";
import type { ApiError } from "../api/api-error.js";
import type { SirCommandInput } from "../api/meeting-session.js";

/** Sends a SIR command; null when the service took it, else the refusal to show in words. */
export type SendSir = (command: SirCommandInput) => Promise<ApiError | null>;

/** Open items: the ones still to be handled, which the "SIR items (n)" button counts. */
export const openSirCount = (items: readonly SirItem[] | null): number => items?.filter((i) => i.status === "open").length ?? 0;

/**
 * How many times the item is on the agenda, this meeting included (1 = new). `meetingsSeen` lists the meetings it
 * was on; a decision or a carry-over during this meeting adds this one too, which must not count twice.
 */
export function agendaTimes(item: Pick<SirItem, "meetingsSeen">, meetingId: string): number {
  return item.meetingsSeen.filter((m) => m !== meetingId).length + 1;
}

export interface ReadinessView {
  readonly ready: boolean;
  /** Of the method's three questions. */
  readonly answered: number;
  readonly missing: readonly SirReadinessGap[];
}

export function readinessView(item: Pick<SirItem, "kind" | "problem" | "proposals" | "recommendation">): ReadinessView {
  const { ready, missing } = sirReadiness(item);
  // An information item is asked only for its description (see sirReadiness).
  const questions = item.kind === "information" ? 1 : 3;
  return { ready, answered: questions - missing.length, missing };
}

/**
 * The discussion an item shows: the meeting's, if it is about this item and the item is still open. Settling an item
 * in the panel ends the meeting's discussion (the service sends that as a commit); one settled elsewhere (withdrawn in
 * chat) must not keep counting "over time" meanwhile.
 */
export function discussionOf(focus: SirFocus | null, item: Pick<SirItem, "id" | "status">): SirFocus | null {
  return focus !== null && focus.itemId === item.id && item.status === "open" ? focus : null;
}

/** A user's own open/closed choice for the SIR list, remembered only for the situation it was made in. */
export interface SirDisclosureChoice {
  readonly open: boolean;
  readonly context: string;
}

export interface SirDisclosure {
  readonly open: boolean;
  /** The situation now; a choice made in another one no longer applies. */
  readonly context: string;
}

/**
 * The list opens by itself in the agenda's SIR section and whenever the lead opens an item for discussion; anyone can
 * open or close it at any time, and that choice holds until the situation changes (next section, another item).
 */
export function sirDisclosure(meeting: MeetingState, choice: SirDisclosureChoice | null): SirDisclosure {
  const inSirSection = meeting.phase === "running" && currentSection(meeting)?.kind === "sir";
  const focus = meeting.focus ?? null;
  const context = `${inSirSection ? "sir" : "-"}|${focus ? `${focus.itemId}@${focus.startedAt}` : "-"}`;
  const auto = inSirSection || focus !== null;
  return { open: choice?.context === context ? choice.open : auto, context };
}

/** An owner typed by name that matches nobody the panel knows: the service stores the name; the id says it is not a Teams user id. */
export const UNMATCHED_OWNER_ID = "unmatched";

/** People the panel knows by their Teams id: the viewer, the items' authors, deciders and action owners. Sorted by name. */
export function knownPeople(items: readonly SirItem[] | null, viewer: Person | null, roster: readonly Person[] = []): Person[] {
  const byId = new Map<string, Person>();
  const add = (p: Person | null | undefined): void => {
    if (p && p.userId !== UNMATCHED_OWNER_ID && !byId.has(p.userId)) byId.set(p.userId, { userId: p.userId, name: p.name });
  };
  add(viewer);
  // The meeting chat's members as Teams lists them (with the board's people), then everyone the items name.
  for (const p of roster) add(p);
  for (const item of items ?? []) {
    add(item.author);
    add(item.decision?.by);
    for (const a of item.decision?.actions ?? []) add(a.owner);
  }
  return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** The person a typed owner name means: a known person of that name (any case), else the name alone. Blank = no owner. */
export function ownerFor(name: string, people: readonly Person[]): Person | null {
  const typed = name.trim();
  if (typed === "") return null;
  const lower = typed.toLowerCase();
  return people.find((p) => p.name.trim().toLowerCase() === lower) ?? { userId: UNMATCHED_OWNER_ID, name: typed };
}

/** One row of the follow-up actions in the lead's form; `key` is React's, stable while rows are added and removed. */
export interface ActionRow {
  readonly key: number;
  readonly title: string;
  readonly owner: string;
  /** YYYY-MM-DD or "". */
  readonly due: string;
}

export const emptyActionRow = (key: number): ActionRow => ({ key, title: "", owner: "", due: "" });

/** The form's rows for an item: its decision's actions, or one empty row to start with. */
export function actionRowsFrom(decision: SirDecision | null): ActionRow[] {
  const actions = decision?.actions ?? [];
  if (actions.length === 0) return [emptyActionRow(0)];
  return actions.map((a, i) => ({ key: i, title: a.title, owner: a.owner?.name ?? "", due: a.due ?? "" }));
}

export interface Problem {
  readonly key: MessageKey;
  readonly params?: MessageParams;
}

export type RecordDecisionInput = Extract<SirCommandInput, { type: "recordDecision" }>;

export type DecisionDraft = { readonly ok: true; readonly command: RecordDecisionInput } | { readonly ok: false; readonly problem: Problem };

export interface DecisionDraftInput {
  readonly itemId: string;
  readonly meetingId: string;
  readonly text: string;
  readonly rows: readonly ActionRow[];
  readonly people: readonly Person[];
}

/** The form as a `recordDecision` command, or the first thing to fix, in words. Blank rows are left out. */
export function decisionCommand({ itemId, meetingId, text, rows, people }: DecisionDraftInput): DecisionDraft {
  const decision = text.trim();
  if (decision === "") return { ok: false, problem: { key: "sir.decisionEmpty" } };
  const actions: RecordDecisionInput["actions"][number][] = [];
  for (const [i, row] of rows.entries()) {
    const title = row.title.trim();
    if (title === "" && row.owner.trim() === "" && row.due === "") continue;
    if (title === "") return { ok: false, problem: { key: "sir.actionNeedsTitle", params: { n: i + 1 } } };
    actions.push({ title, owner: ownerFor(row.owner, people), due: row.due === "" ? null : row.due });
  }
  if (actions.length > SIR_LIMITS.actionsMax) return { ok: false, problem: { key: "sir.actionsFull", params: { max: SIR_LIMITS.actionsMax } } };
  return { ok: true, command: { type: "recordDecision", itemId, meetingId, text: decision, actions } };
}
