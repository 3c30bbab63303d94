/**
 * @module `GET /api/me/actions`: the caller's own open actions across every series of their tenant ("my actions" in
 * the panel). Identity and tenant come from the verified token only; no meeting role is needed, because the answer
 * holds nothing but actions the caller owns. `?limit=` (1–100, default 50) caps the answer; `total` says how many there are.
 * `POST /api/me/actions/commands` changes the status of one of them in any series, as the caller: the domain lets
 * only an owner (no meeting role here, so no lead rights).
 */
import { SIR_LIMITS } from "../../../shared/src/sir/item.js";
import { myActions, MY_ACTIONS_LIMITS, type MyAction } from "../../../shared/src/actions/my-actions.js";
import { MyActionCommandRequest, type ActionCommandResponse, type MyActionsResponse } from "../../../shared/src/wire/actions-protocol.js";
import { MAX_BODY_BYTES } from "../../../shared/src/wire/protocol.js";
import { ActionStorageConflictError, type ActionStore } from "../storage/action-store.js";
import type { KpiStore } from "../storage/kpi-store.js";
import type { MembersStore } from "../storage/members-store.js";
import { authenticate, formatIssues, type ApiDeps } from "./api.js";
import { HttpError, readJson, sendJson, type Router } from "./http.js";
import { limitsOf } from "./limits.js";

export interface MyActionsDeps extends Pick<ApiDeps, "verify"> {
  readonly actions: ActionStore;
  /** Each series' time zone (the board's). */
  readonly kpi: KpiStore;
  /** The series' names as the bot saw them. */
  readonly members: MembersStore;
  readonly now?: () => number;
}

/** The answer for one user: read, sorted and cut; shared by the route and the chat card. */
export async function loadMyActions(deps: Omit<MyActionsDeps, "verify">, tenantId: string, userId: string, limit: number): Promise<{ actions: MyAction[]; total: number }> {
  const found = await deps.actions.forOwner(tenantId, userId, MY_ACTIONS_LIMITS.readMax);
  const zones = new Map<string, string>();
  for (const seriesId of new Set(found.map((a) => a.seriesId))) zones.set(seriesId, (await deps.kpi.loadBoard(tenantId, seriesId)).board.settings.timeZone);
  // Names are a nicety: without them the list still works.
  const seen = await deps.members.seriesOf(tenantId, userId).catch(() => []);
  const names = new Map(seen.map((s) => [s.seriesId, s.name || null]));
  return myActions(found, userId, (deps.now ?? Date.now)(), (s) => zones.get(s) ?? "Europe/Oslo", (s) => names.get(s) ?? null, limit);
}

function limitOf(url: URL): number {
  const raw = url.searchParams.get("limit");
  if (raw === null) return MY_ACTIONS_LIMITS.defaultLimit;
  if (!/^\d{1,3}$/.test(raw) || Number(raw) < 1 || Number(raw) > MY_ACTIONS_LIMITS.maxLimit) {
    throw new HttpError(400, "badLimit", `limit must be a whole number from 1 to ${MY_ACTIONS_LIMITS.maxLimit}.`);
  }
  return Number(raw);
}

export function registerMyActionsApi(router: Router, deps: MyActionsDeps): void {
  const limits = limitsOf(router);
  router.on("GET", "/api/me/actions", async (req, res, _params, url) => {
    const identity = await authenticate(deps, req);
    // A cross-series query: it counts against the caller's request budget like a command.
    limits.command(identity);
    const body: MyActionsResponse = await loadMyActions(deps, identity.tenantId, identity.userId, limitOf(url));
    sendJson(res, 200, body);
  });

  router.on("POST", "/api/me/actions/commands", async (req, res) => {
    const identity = await authenticate(deps, req);
    limits.command(identity);
    const parsed = MyActionCommandRequest.safeParse(await readJson(req, MAX_BODY_BYTES));
    if (!parsed.success) throw new HttpError(400, "invalidCommand", "The action command is not valid.", formatIssues(parsed.error));
    const { seriesId, command } = parsed.data;
    const { board, people } = await deps.kpi.loadBoard(identity.tenantId, seriesId);
    let result;
    try {
      result = await deps.actions.execute(
        { tenantId: identity.tenantId, seriesId, timeZone: board.settings.timeZone, people },
        command,
        { person: { userId: identity.userId, name: (identity.name || "Unknown").slice(0, SIR_LIMITS.personNameMax) }, isLead: false },
      );
    } catch (err) {
      if (err instanceof ActionStorageConflictError) throw new HttpError(503, "busy", "Many changes reached this action at once. Try again in a moment.");
      throw err;
    }
    if (!result.ok) {
      const status = result.error.code === "notFound" ? 404 : result.error.code === "notOwner" || result.error.code === "forbidden" ? 403 : 409;
      throw new HttpError(status, result.error.code, result.error.message);
    }
    const body: ActionCommandResponse = { action: result.action, changed: result.changed };
    sendJson(res, 200, body);
  });
}
