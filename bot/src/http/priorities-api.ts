/**
 * @module The priorities round: the panel's API (the meeting's round, commands on it) and the round service the chat
 * card uses too. Same auth, admission and limits as the actions API; who may change what is the domain's rule.
 * Every stored change goes to the series' open panels on the meeting stream as `{type: "priority", event}`.
 */
import type { TableClient } from "@azure/data-tables";
import { can } from "../../../shared/src/auth/capabilities.js";
import { isoWeekAt } from "../../../shared/src/kpi/week.js";
import type { MeetingRef } from "../../../shared/src/meeting/state.js";
import type { PriorityCommand } from "../../../shared/src/priorities/commands.js";
import type { PriorityActor, PriorityErrorCode, PriorityResult } from "../../../shared/src/priorities/decide.js";
import { PRIORITY_LIMITS, type Person, type PriorityEntry } from "../../../shared/src/priorities/model.js";
import { isPrepared, prefillFrom } from "../../../shared/src/priorities/prefill.js";
import { roundOrder } from "../../../shared/src/priorities/walk.js";
import { SIR_LIMITS } from "../../../shared/src/sir/item.js";
import { PriorityCommandRequest, type PriorityCommandResponse, type PriorityMemberView, type PriorityRoundResponse } from "../../../shared/src/wire/priorities-protocol.js";
import { MAX_BODY_BYTES, type Viewer } from "../../../shared/src/wire/protocol.js";
import type { Hub } from "../realtime/hub.js";
import type { KpiStore } from "../storage/kpi-store.js";
import { PriorityStorageConflictError, PriorityStore, type PriorityRoundRows, type PriorityScope } from "../storage/priority-store.js";
import { sirPartition } from "../storage/sir-store.js";
import type { MeetingSeriesSource } from "../teams/meeting-series.js";
import { TeamsUnavailableError } from "../teams/roles.js";
import { admit, authenticate, formatIssues, type ApiDeps } from "./api.js";
import { HttpError, readJson, sendJson, type Router } from "./http.js";
import { limitsOf } from "./limits.js";

export interface PrioritiesApiDeps extends Pick<ApiDeps, "verify" | "roles" | "occurrences"> {
  /** The meetings table: the round lives in its own partitions there (`pr.…`). */
  readonly table: TableClient;
  /** The board's time zone is the team's (which week it is) and the board's people are members of the series. */
  readonly kpi: KpiStore;
  readonly series: MeetingSeriesSource;
  readonly hub: Hub;
  readonly now?: () => number;
  /** Who is in the meeting's chat, from Teams. */
  readonly roster?: (ref: MeetingRef, seriesId: string) => Promise<readonly Person[]>;
}

const STATUS: Readonly<Record<PriorityErrorCode, number>> = { notYours: 403, forbidden: 403, unknownMember: 400, weekChanged: 409, stale: 409, tooLarge: 409 };

/** The round of one series this week: who is in it and what each member's form starts from. Used by the API and the chat card. */
export class PriorityRounds {
  readonly store: PriorityStore;

  constructor(
    private readonly deps: Pick<PrioritiesApiDeps, "table" | "kpi" | "roster"> & { readonly now: () => number },
    store?: PriorityStore,
  ) {
    this.store = store ?? new PriorityStore(deps.table, deps.now);
  }

  /** The series' week and time zone, its members (board, roster, whoever saved this week) and the stored rows. */
  async scope(tenantId: string, seriesId: string, ref: MeetingRef | null): Promise<{ scope: PriorityScope; timeZone: string; rows: PriorityRoundRows }> {
    // Teams being slow or unreachable costs only the roster: the board's people and this week's entries still count.
    const [{ board, people }, roster, latest] = await Promise.all([
      this.deps.kpi.loadBoard(tenantId, seriesId),
      ref && this.deps.roster ? this.deps.roster(ref, seriesId).catch(() => []) : Promise.resolve([]),
      this.store.latestAll(tenantId, seriesId),
    ]);
    const timeZone = board.settings.timeZone;
    const week = isoWeekAt(this.deps.now(), timeZone);
    const rows: PriorityRoundRows = { latest, round: await this.store.round(tenantId, seriesId, week) };
    const byId = new Map<string, Person>();
    for (const e of rows.latest.values()) if (e.week === week) byId.set(e.member.userId, e.member);
    for (const p of [...people, ...roster]) if (!byId.has(p.userId)) byId.set(p.userId, { userId: p.userId, name: p.name });
    const members = roundOrder([...byId.values()]).slice(0, PRIORITY_LIMITS.membersMax);
    return { scope: { tenantId, seriesId, week, members }, timeZone, rows };
  }

  private async weekScope(tenantId: string, seriesId: string): Promise<PriorityScope> {
    const { board } = await this.deps.kpi.loadBoard(tenantId, seriesId);
    return { tenantId, seriesId, week: isoWeekAt(this.deps.now(), board.settings.timeZone), members: [] };
  }

  /** One member's view: this week's entry, or the draft pre-filled from their latest earlier one. */
  static memberView(scope: PriorityScope, rows: PriorityRoundRows, member: Person): PriorityMemberView {
    const latest = rows.latest.get(member.userId) ?? null;
    const entry: PriorityEntry | null = latest && latest.week === scope.week ? latest : null;
    const draft = entry ? { ...entry, prefilledFrom: null } : prefillFrom(latest, { tenantId: scope.tenantId, seriesId: scope.seriesId, week: scope.week, member });
    return { member: entry?.member ?? member, prepared: isPrepared(entry), entry, draft };
  }

  async round(tenantId: string, seriesId: string, ref: MeetingRef | null, viewer: Person): Promise<PriorityRoundResponse> {
    const { scope, timeZone, rows } = await this.scope(tenantId, seriesId, ref);
    const members = scope.members.map((m) => PriorityRounds.memberView(scope, rows, m));
    const mine = members.find((m) => m.member.userId === viewer.userId) ?? PriorityRounds.memberView(scope, rows, viewer);
    return { seriesId, week: scope.week, timeZone, members, mine, round: rows.round };
  }

  /** Decides and stores a command; the caller counts as a member of the round. */
  async execute(tenantId: string, seriesId: string, ref: MeetingRef | null, command: PriorityCommand, actor: PriorityActor): Promise<PriorityResult> {
    // A member saving their own entry needs only the week: the round's members matter when it is someone else's.
    const own = command.type === "savePriorities" && command.memberId === actor.person.userId;
    const scope = own ? await this.weekScope(tenantId, seriesId) : (await this.scope(tenantId, seriesId, ref)).scope;
    const members = scope.members.some((m) => m.userId === actor.person.userId) ? scope.members : [...scope.members, actor.person];
    try {
      return await this.store.execute({ ...scope, members }, command, actor);
    } catch (err) {
      if (err instanceof PriorityStorageConflictError) throw new HttpError(503, "busy", "Many changes reached these priorities at once. Try again in a moment.");
      throw err;
    }
  }
}

const personOf = (viewer: Viewer): Person => ({ userId: viewer.userId, name: (viewer.name || "Unknown").slice(0, SIR_LIMITS.personNameMax) });

async function seriesOf(deps: PrioritiesApiDeps, ref: MeetingRef): Promise<string> {
  try {
    return await deps.series.seriesOf(ref);
  } catch (err) {
    if (err instanceof TeamsUnavailableError) throw new HttpError(503, "teamsUnavailable", `${err.message} Try again in a moment.`);
    throw err;
  }
}

export function registerPrioritiesApi(router: Router, deps: PrioritiesApiDeps): PriorityRounds {
  const limits = limitsOf(router);
  const rounds = new PriorityRounds({ table: deps.table, kpi: deps.kpi, roster: deps.roster, now: deps.now ?? Date.now });
  rounds.store.onChange((tenantId, seriesId, event) => deps.hub.publishPriority(sirPartition(tenantId, seriesId), event));

  router.on("GET", "/api/meetings/:meetingId/priorities", async (req, res, params) => {
    const { ref, viewer } = await admit(deps, await authenticate(deps, req), params.meetingId, "meeting:read");
    const seriesId = await seriesOf(deps, ref);
    sendJson(res, 200, await rounds.round(ref.tenantId, seriesId, ref, personOf(viewer)));
  });

  router.on("POST", "/api/meetings/:meetingId/priorities/commands", async (req, res, params) => {
    const identity = await authenticate(deps, req);
    limits.command(identity);
    const parsed = PriorityCommandRequest.safeParse(await readJson(req, MAX_BODY_BYTES));
    if (!parsed.success) throw new HttpError(400, "invalidCommand", "The priorities command is not valid.", formatIssues(parsed.error));
    const { ref, viewer } = await admit(deps, identity, params.meetingId, "meeting:read");
    limits.meeting(ref);
    const seriesId = await seriesOf(deps, ref);
    const result = await rounds.execute(ref.tenantId, seriesId, ref, parsed.data.command, { person: personOf(viewer), isLead: can(viewer.role, "meeting:drive") });
    if (!result.ok) throw new HttpError(STATUS[result.error.code], result.error.code, result.error.message);
    const body: PriorityCommandResponse = result.kind === "entry" ? { kind: "entry", entry: result.entry, changed: result.changed } : { kind: "round", round: result.round, changed: result.changed };
    sendJson(res, 200, body);
  });
  return rounds;
}
