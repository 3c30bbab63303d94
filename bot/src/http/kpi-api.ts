/**
 * @module The panel's KPI API: the board (definitions, the last weeks' values, people), commands on it, CSV export
 * and import. Same auth and role rules as the meeting API; who may enter which value is the domain's rule.
 */
import { createHash } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { can } from "../../../shared/src/auth/capabilities.js";
import type { KpiCommand } from "../../../shared/src/kpi/commands.js";
import { resolveLocale } from "../../../shared/src/i18n/format.js";
import { boardToCsv, CSV_LIMITS, planCsvImport } from "../../../shared/src/kpi/csv.js";
import type { KpiActor, KpiError } from "../../../shared/src/kpi/decide.js";
import { addWeeks } from "../../../shared/src/kpi/week.js";
import type { Person } from "../../../shared/src/kpi/model.js";
import type { MeetingRef } from "../../../shared/src/meeting/state.js";
import { BOARD_WEEKS, KpiCommandRequest, type KpiBoardResponse, type KpiCommandResponse, type KpiImportResponse } from "../../../shared/src/wire/kpi-protocol.js";
import { MAX_BODY_BYTES, type Viewer } from "../../../shared/src/wire/protocol.js";
import { HISTORY_WEEKS_MAX, KpiStorageConflictError, type KpiStore, type RecordValueCommand } from "../storage/kpi-store.js";
import { SIR_LIMITS } from "../../../shared/src/sir/item.js";
import type { MeetingSeriesSource } from "../teams/meeting-series.js";
import { TeamsUnavailableError } from "../teams/roles.js";
import { admit, authenticate, formatIssues, type ApiDeps } from "./api.js";
import { HttpError, readJson, sendJson, type Router } from "./http.js";
import { limitsOf } from "./limits.js";

export interface KpiApiDeps extends Pick<ApiDeps, "verify" | "roles" | "occurrences"> {
  readonly kpi: KpiStore;
  readonly series: MeetingSeriesSource;
  /** Who is in the meeting's chat, from Teams (owners to pick from); the board's own people if absent or failing. */
  readonly roster?: (ref: MeetingRef, seriesId: string) => Promise<readonly Person[]>;
}

/** The board's people and the meeting chat's members, once each (the roster's current name wins), by name. */
function mergePeople(stored: readonly Person[], roster: readonly Person[]): Person[] {
  const byId = new Map<string, Person>();
  for (const p of [...stored, ...roster]) byId.set(p.userId, { userId: p.userId, name: p.name });
  return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name));
}

async function seriesOf(deps: KpiApiDeps, ref: MeetingRef): Promise<string> {
  try {
    return await deps.series.seriesOf(ref);
  } catch (err) {
    if (err instanceof TeamsUnavailableError) throw new HttpError(503, "teamsUnavailable", `${err.message} Try again in a moment.`);
    throw err;
  }
}

const actorOf = (viewer: Viewer): KpiActor => ({ person: { userId: viewer.userId, name: (viewer.name || "Unknown").slice(0, SIR_LIMITS.personNameMax) }, canManage: can(viewer.role, "kpi:manage") });

/** Runs a store call; too many concurrent writers to one board is "try again" (503), not a failure of ours. */
async function busyAware<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof KpiStorageConflictError) throw new HttpError(503, "busy", "Many changes reached this board at once. Try again in a moment.");
    throw err;
  }
}

function requireLead(viewer: Viewer): void {
  if (!can(viewer.role, "kpi:manage")) throw new HttpError(403, "forbidden", "Only the organizer or a presenter can set up the KPI board or import into it.");
}

/** The HTTP status a refusal of the domain maps to. */
function statusOf(error: KpiError): number {
  if (error.code === "forbidden" || error.code === "notOwner") return 403;
  if (error.code === "notFound") return 404;
  return 409;
}

async function readCsv(req: IncomingMessage): Promise<string> {
  const type = req.headers["content-type"] ?? "";
  if (!/^text\/(csv|plain)\b/i.test(type)) throw new HttpError(415, "unsupportedMediaType", "Send the file as CSV with 'Content-Type: text/csv'.");
  const declared = Number(req.headers["content-length"] ?? NaN);
  const tooLarge = () => new HttpError(413, "csvTooLarge", `The file is larger than ${CSV_LIMITS.bytesMax / 1024} KiB; split it into smaller files.`);
  if (declared > CSV_LIMITS.bytesMax) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > CSV_LIMITS.bytesMax) throw tooLarge();
    chunks.push(chunk);
  }
  const text = new TextDecoder("utf-8", { fatal: false }).decode(Buffer.concat(chunks));
  if (text.includes("\uFFFD")) throw new HttpError(400, "notUtf8", "The file is not UTF-8. In Excel choose 'CSV UTF-8' when saving.");
  return text;
}

export function registerKpiApi(router: Router, deps: KpiApiDeps): void {
  const limits = limitsOf(router);
  router.on("GET", "/api/meetings/:meetingId/kpi", async (req, res, params) => {
    const { ref, viewer } = await admit(deps, await authenticate(deps, req), params.meetingId, "meeting:read");
    const seriesId = await seriesOf(deps, ref);
    // Whoever opens the board becomes someone the lead can make an owner.
    // Best effort: the board still opens if that write fails.
    await deps.kpi.rememberPerson(ref.tenantId, seriesId, actorOf(viewer).person).catch((err: unknown) => console.warn("Could not remember a board's person", err));
    const loaded = await deps.kpi.loadBoard(ref.tenantId, seriesId);
    const { currentWeek, values } = await deps.kpi.recentValues(ref.tenantId, seriesId, loaded.board, BOARD_WEEKS);
    // Teams being slow or unreachable costs only the roster: the board shows with the people it knows.
    const roster = deps.roster ? await deps.roster(ref, seriesId).catch(() => []) : [];
    const people = mergePeople(loaded.people, roster);
    const body: KpiBoardResponse = { seriesId, settings: loaded.board.settings, currentWeek, objectives: loaded.board.objectives, metrics: loaded.board.metrics, values, people };
    sendJson(res, 200, body);
  });

  router.on("POST", "/api/meetings/:meetingId/kpi/commands", async (req, res, params) => {
    const identity = await authenticate(deps, req);
    limits.command(identity);
    const parsed = KpiCommandRequest.safeParse(await readJson(req, MAX_BODY_BYTES));
    if (!parsed.success) throw new HttpError(400, "invalidCommand", "The KPI command is not valid.", formatIssues(parsed.error));
    const command: KpiCommand = parsed.data.command;
    const { ref, viewer } = await admit(deps, identity, params.meetingId, "kpi:update");
    limits.meeting(ref);
    const seriesId = await seriesOf(deps, ref);
    const result = await busyAware(() => deps.kpi.execute(ref.tenantId, seriesId, command, actorOf(viewer)));
    if (!result.ok) throw new HttpError(statusOf(result.error), result.error.code, result.error.message);
    const body: KpiCommandResponse = { change: result.change, changed: result.changed };
    sendJson(res, 200, body);
  });

  router.on("GET", "/api/meetings/:meetingId/kpi/export.csv", async (req, res, params) => {
    const { ref } = await admit(deps, await authenticate(deps, req), params.meetingId, "meeting:read");
    const seriesId = await seriesOf(deps, ref);
    const { board } = await deps.kpi.loadBoard(ref.tenantId, seriesId);
    const week = deps.kpi.currentWeek(board);
    const values = await deps.kpi.values(ref.tenantId, seriesId, addWeeks(week, -(HISTORY_WEEKS_MAX - 1)), week);
    const text = boardToCsv({ board, values });
    res.writeHead(200, {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="kpi-board-${week}.csv"`,
      "cache-control": "no-store",
      "content-length": Buffer.byteLength(text),
    });
    res.end(text);
  });

  /** `?dryRun=1` answers what the import would do and changes nothing. Any bad row: 422 with every problem by line, nothing imported. */
  router.on("POST", "/api/meetings/:meetingId/kpi/import", async (req, res, params, url) => {
    const identity = await authenticate(deps, req);
    limits.command(identity);
    const { ref, viewer } = await admit(deps, identity, params.meetingId, "meeting:read");
    requireLead(viewer);
    limits.meeting(ref);
    const text = await readCsv(req);
    const dryRun = url.searchParams.get("dryRun") === "1";
    const seriesId = await seriesOf(deps, ref);
    const loaded = await deps.kpi.loadBoard(ref.tenantId, seriesId);
    const currentWeek = deps.kpi.currentWeek(loaded.board);
    const values = await deps.kpi.values(ref.tenantId, seriesId, addWeeks(currentWeek, -(HISTORY_WEEKS_MAX - 1)), currentWeek);
    // The same file imported twice makes the same command ids: a retry creates nothing twice.
    const commandIdPrefix = `imp-${createHash("sha256").update(`${seriesId}\n${text}`).digest("base64url").slice(0, 32)}`;
    const roster = deps.roster ? await deps.roster(ref, seriesId).catch(() => []) : [];
    // The errors in the lead's language: the panel names it (`?locale=`), else the browser's Accept-Language.
    const locale = resolveLocale(url.searchParams.get("locale") ?? req.headers["accept-language"]);
    const planned = planCsvImport(text, { board: loaded.board, values, people: mergePeople(loaded.people, roster), currentWeek, commandIdPrefix, locale });
    if (!planned.ok) {
      throw new HttpError(422, "invalidCsv", `Nothing was imported: ${planned.errors.length} problem${planned.errors.length === 1 ? "" : "s"} in the file. Fix them and import again.`, planned.errors.map((e) => e.message));
    }
    const body: KpiImportResponse = { applied: !dryRun, summary: planned.plan.summary };
    if (dryRun) {
      sendJson(res, 200, body);
      return;
    }
    const actor = actorOf(viewer);
    const definitions = planned.plan.commands.filter((c) => c.type !== "recordValue");
    const valueCommands = planned.plan.commands.filter((c): c is RecordValueCommand => c.type === "recordValue");
    for (const command of definitions) {
      const result = await busyAware(() => deps.kpi.execute(ref.tenantId, seriesId, command, actor));
      if (!result.ok) throw new HttpError(409, "importConflict", `The board changed while importing (${result.error.message}). Import the same file again: what is there already is not created twice.`);
    }
    const bulk = await busyAware(() => deps.kpi.recordValues(ref.tenantId, seriesId, valueCommands, actor));
    if (!bulk.ok) {
      const first = bulk.errors[0];
      throw new HttpError(409, "importConflict", `The board changed while importing (${first?.error.message ?? "conflict"}). Import the same file again: what is there already is not created twice.`);
    }
    sendJson(res, 200, body);
  });
}
