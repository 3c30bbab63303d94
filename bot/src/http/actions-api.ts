/**
 * @module The panel's actions API: the series' actions (open ones and those done recently) and commands on them. Same
 * auth, admission and limits as the SIR API; who may change what is the domain's rule. SIR decisions' follow-up drafts
 * become actions here (on every stored decision, and lazily when a series is read; see docs/ACTIONS.md).
 */
import { createHash } from "node:crypto";
import type { TableClient } from "@azure/data-tables";
import { can } from "../../../shared/src/auth/capabilities.js";
import type { ActionCommand } from "../../../shared/src/actions/commands.js";
import { dayIn } from "../../../shared/src/actions/dates.js";
import type { ActionActor, ActionErrorCode } from "../../../shared/src/actions/decide.js";
import { draftsOf } from "../../../shared/src/actions/from-decision.js";
import { actionsForMeeting } from "../../../shared/src/actions/meeting-list.js";
import type { Person } from "../../../shared/src/actions/model.js";
import type { MeetingRef } from "../../../shared/src/meeting/state.js";
import { SIR_LIMITS, type SirItem } from "../../../shared/src/sir/item.js";
import { ActionCommandRequest, type ActionCommandResponse, type ActionListResponse } from "../../../shared/src/wire/actions-protocol.js";
import { MAX_BODY_BYTES, type Viewer } from "../../../shared/src/wire/protocol.js";
import type { Hub } from "../realtime/hub.js";
import { ActionStorageConflictError, ActionStore, type ActionScope, type ActionStoreError } from "../storage/action-store.js";
import type { KpiStore } from "../storage/kpi-store.js";
import { sirPartition, type SirStore } from "../storage/sir-store.js";
import type { MeetingSeriesSource } from "../teams/meeting-series.js";
import { TeamsUnavailableError } from "../teams/roles.js";
import { admit, authenticate, formatIssues, type ApiDeps } from "./api.js";
import { HttpError, readJson, sendJson, type Router } from "./http.js";
import { limitsOf } from "./limits.js";

export interface ActionsApiDeps extends Pick<ApiDeps, "verify" | "roles" | "occurrences"> {
  /** The `actions` table; the store is made here, so the service composes this API with one line. */
  readonly table: TableClient;
  readonly sir: SirStore;
  /** The board's time zone is the team's (overdue, "today") and the board's people are people of the series. */
  readonly kpi: KpiStore;
  readonly series: MeetingSeriesSource;
  readonly hub: Hub;
  readonly now?: () => number;
  /** Who is in the meeting's chat, from Teams: the owners to pick from (with the board's people). */
  readonly roster?: (ref: MeetingRef, seriesId: string) => Promise<readonly Person[]>;
  /** Tests pass their own store (a lower cap); otherwise one on `table`. */
  readonly store?: ActionStore;
}

async function seriesOf(deps: ActionsApiDeps, ref: MeetingRef): Promise<string> {
  try {
    return await deps.series.seriesOf(ref);
  } catch (err) {
    if (err instanceof TeamsUnavailableError) throw new HttpError(503, "teamsUnavailable", `${err.message} Try again in a moment.`);
    throw err;
  }
}

const personOf = (viewer: Viewer): Person => ({ userId: viewer.userId, name: (viewer.name || "Unknown").slice(0, SIR_LIMITS.personNameMax) });

const STATUS: Readonly<Record<ActionErrorCode | "seriesFull", number>> = {
  notFound: 404,
  forbidden: 403,
  notOwner: 403,
  unknownOwner: 400,
  dueInPast: 400,
  dueTooFar: 400,
  tooMany: 409,
  tooLarge: 409,
  deleted: 409,
  seriesFull: 409,
};

const refusal = (error: ActionStoreError): HttpError => new HttpError(STATUS[error.code], error.code, error.message);

/** A stable id from text: the same decision's draft always names the same action, on every instance. */
const digest = (text: string, length: number): string => createHash("sha256").update(text).digest("base64url").slice(0, length);

/** The team's time zone and the series' people (the roster, the board's people and the caller, once each). */
async function scopeOf(deps: ActionsApiDeps, ref: MeetingRef, seriesId: string, viewer: Viewer | null): Promise<ActionScope> {
  const { board, people: boardPeople } = await deps.kpi.loadBoard(ref.tenantId, seriesId);
  // Teams being slow or unreachable costs only the roster: the people the board knows still count.
  const roster = deps.roster ? await deps.roster(ref, seriesId).catch(() => []) : [];
  const byId = new Map<string, Person>();
  for (const p of [...boardPeople, ...roster, ...(viewer ? [personOf(viewer)] : [])]) byId.set(p.userId, { userId: p.userId, name: p.name });
  return { tenantId: ref.tenantId, seriesId, timeZone: board.settings.timeZone, people: [...byId.values()].sort((a, b) => a.name.localeCompare(b.name)) };
}

/**
 * Makes the drafts of a SIR decision actions, each with an id derived from the series and the draft, then marks the
 * decision done. Run again (a retry, another instance, a second read) it finds what is there and creates nothing.
 */
async function importDecision(store: ActionStore, scope: ActionScope, item: SirItem, done: ReadonlySet<string> | null): Promise<void> {
  const drafts = draftsOf(item);
  if (drafts.length === 0) return;
  const marker = digest(`${scope.seriesId}\n${drafts.map((d) => d.key).join("\n")}`, 40);
  if (done?.has(marker)) return;
  const lead: ActionActor = { person: drafts[0]?.by ?? { userId: "unknown", name: "Unknown" }, isLead: true };
  for (const draft of drafts) {
    const result = await store.execute(scope, { id: `dec-${digest(`${scope.seriesId}\n${draft.key}`, 40)}`, type: "importDraft", draft }, lead);
    // The series is full: leave the marker off, so the next read tries again once there is room.
    if (!result.ok) return;
  }
  await store.markImported(scope.tenantId, scope.seriesId, marker);
}

export function registerActionsApi(router: Router, deps: ActionsApiDeps): ActionStore {
  const limits = limitsOf(router);
  const now = deps.now ?? Date.now;
  const store = deps.store ?? new ActionStore(deps.table, { now });
  // Every stored action change, from any route, reaches the open panels of the series' meetings (the SIR stream key).
  store.onChange((tenantId, seriesId, action) => deps.hub.publishAction(sirPartition(tenantId, seriesId), action));
  // A decision recorded (panel or chat) makes its drafts actions at once. Best effort: a failure here is caught up by
  // the next read of the series (the lazy import below), so the decision itself never fails for it.
  deps.sir.onChange((tenantId, seriesId, item) => {
    if (item.decision === null || item.decision.actions.length === 0) return;
    void (async () => {
      const { board, people } = await deps.kpi.loadBoard(tenantId, seriesId);
      await importDecision(store, { tenantId, seriesId, timeZone: board.settings.timeZone, people }, item, null);
    })().catch((err: unknown) => console.warn("Could not make a SIR decision's drafts actions; the next read of the series will", err));
  });

  router.on("GET", "/api/meetings/:meetingId/actions", async (req, res, params) => {
    const { ref, viewer } = await admit(deps, await authenticate(deps, req), params.meetingId, "meeting:read");
    const seriesId = await seriesOf(deps, ref);
    const scope = await scopeOf(deps, ref, seriesId, viewer);
    // Lazy migration: decisions stored before actions existed (or whose import failed) get their actions now.
    const done = await store.importedKeys(ref.tenantId, seriesId);
    for (const item of await deps.sir.list(ref.tenantId, seriesId)) await busyAware(() => importDecision(store, scope, item, done));
    const at = now();
    const body: ActionListResponse = {
      seriesId,
      timeZone: scope.timeZone,
      today: dayIn(at, scope.timeZone),
      actions: actionsForMeeting(await store.list(ref.tenantId, seriesId, scope.timeZone), at, scope.timeZone),
      people: scope.people,
    };
    sendJson(res, 200, body);
  });

  router.on("POST", "/api/meetings/:meetingId/actions/commands", async (req, res, params) => {
    const identity = await authenticate(deps, req);
    limits.command(identity);
    const parsed = ActionCommandRequest.safeParse(await readJson(req, MAX_BODY_BYTES));
    if (!parsed.success) throw new HttpError(400, "invalidCommand", "The action command is not valid.", formatIssues(parsed.error));
    const command: ActionCommand = parsed.data.command;
    const { ref, viewer } = await admit(deps, identity, params.meetingId, "actions:add");
    limits.meeting(ref);
    const seriesId = await seriesOf(deps, ref);
    const scope = await scopeOf(deps, ref, seriesId, viewer);
    const result = await busyAware(() => store.execute(scope, command, { person: personOf(viewer), isLead: can(viewer.role, "actions:lead") }));
    if (!result.ok) throw refusal(result.error);
    const body: ActionCommandResponse = { action: result.action, changed: result.changed };
    sendJson(res, 200, body);
  });
  return store;
}

/** Too many concurrent writers to one action is "try again" (503), not a failure of ours. */
async function busyAware<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof ActionStorageConflictError) throw new HttpError(503, "busy", "Many changes reached this action at once. Try again in a moment.");
    throw err;
  }
}
