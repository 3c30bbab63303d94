/**
 * @module `GET /api/me/actions`: the caller's own open actions across every series of their tenant ("my actions" in
 * the panel). Identity and tenant come from the verified token only; no meeting role is needed, because the answer
 * holds nothing but actions the caller owns. `?limit=` (1–100, default 50) caps the answer; `total` says how many there are.
 */
import { myActions, MY_ACTIONS_LIMITS, type MyAction } from "../../../shared/src/actions/my-actions.js";
import type { MyActionsResponse } from "../../../shared/src/wire/actions-protocol.js";
import type { ActionStore } from "../storage/action-store.js";
import type { KpiStore } from "../storage/kpi-store.js";
import type { MembersStore } from "../storage/members-store.js";
import { authenticate, type ApiDeps } from "./api.js";
import { HttpError, sendJson, type Router } from "./http.js";
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
}
