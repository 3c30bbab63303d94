/**
 * @module The panel's HTTP client for the service: the snapshot, commands (retried with the same id on
 * network errors and 5xx, since the service never applies an id twice), the server clock, and the
 * authorised fetch the stream uses. A 401 gets one retry with a fresh Teams token.
 */
import type { MeetingCommand } from "../../../shared/src/meeting/commands.js";
import type { KpiCommand } from "../../../shared/src/kpi/commands.js";
import type { SirCommand } from "../../../shared/src/sir/commands.js";
import type { KpiBoardResponse, KpiCommandResponse, KpiImportResponse } from "../../../shared/src/wire/kpi-protocol.js";
import type { CommandResponse, ErrorResponse, Head, SnapshotResponse, TimeResponse } from "../../../shared/src/wire/protocol.js";
import type { DecisionsResponse, SirCommandResponse, SirListResponse } from "../../../shared/src/wire/sir-protocol.js";
import { ApiError, toApiError } from "./api-error.js";
import { backoffDelay, COMMAND_BACKOFF, sleep, type BackoffOptions } from "./backoff.js";

/** Gets a Teams SSO token; `fresh` skips any cache (after a 401). */
export type GetToken = (options: { readonly fresh: boolean }) => Promise<string>;

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export interface ApiClientOptions {
  readonly getToken: GetToken;
  /** Injected for tests; the browser's fetch otherwise. */
  readonly fetch?: FetchLike;
  /** Prefix of the API paths; same origin by default. */
  readonly baseUrl?: string;
  readonly commandBackoff?: BackoffOptions;
  /** How many times a failed command is sent again (same id). */
  readonly commandRetries?: number;
}

export interface ApiClient {
  getSnapshot(meetingId: string, signal?: AbortSignal): Promise<SnapshotResponse>;
  sendCommand(meetingId: string, command: MeetingCommand, signal?: AbortSignal): Promise<CommandResponse>;
  getServerTime(): Promise<number>;
  getSirList(meetingId: string, signal?: AbortSignal): Promise<SirListResponse>;
  sendSirCommand(meetingId: string, command: SirCommand, signal?: AbortSignal): Promise<SirCommandResponse>;
  getDecisions(meetingId: string, query: string, signal?: AbortSignal): Promise<DecisionsResponse>;
  getKpiBoard(meetingId: string, signal?: AbortSignal): Promise<KpiBoardResponse>;
  sendKpiCommand(meetingId: string, command: KpiCommand, signal?: AbortSignal): Promise<KpiCommandResponse>;
  /** The board as CSV text (the panel offers it as a download). */
  exportKpiCsv(meetingId: string): Promise<string>;
  /** Imports a CSV file; `dryRun` only says what would change. A bad file is an ApiError whose issues name each line. */
  importKpiCsv(meetingId: string, csv: string, dryRun: boolean): Promise<KpiImportResponse>;
  /** Asks the bot to post the "Update my KPIs" request in the team's chat. */
  requestKpiUpdate(meetingId: string): Promise<{ readonly posted: boolean; readonly missing: number }>;
  /** GET with the bearer token, retried once with a fresh token on 401; the response is returned as is otherwise. */
  authorizedFetch(path: string, init?: RequestInit): Promise<Response>;
  /** The stream resumes from `from` (version and the command that made it) when the service has that history. */
  streamPath(meetingId: string, from: StreamPosition | null): string;
}

/** Where a panel's copy is: its version and the command that made it (null at version 0). */
export interface StreamPosition {
  readonly version: number;
  readonly head: Head;
}

const meetingPath = (meetingId: string): string => `/api/meetings/${encodeURIComponent(meetingId)}`;

/** Reads a non-2xx response as an ApiError, using the service's `{error:{code,message}}` body when there is one. */
export async function errorFromResponse(res: Response): Promise<ApiError> {
  let code = `http${res.status}`;
  let message = res.statusText || `HTTP ${res.status}`;
  let issues: readonly string[] = [];
  try {
    const body = (await res.json()) as Partial<ErrorResponse>;
    if (body.error && typeof body.error.code === "string") {
      code = body.error.code;
      message = body.error.message;
      issues = body.error.issues ?? [];
    }
  } catch {
    // Not JSON (a proxy's error page): keep the status-based code.
  }
  return new ApiError("http", res.status, code, message, issues);
}

/** GET /api/time (no token needed): the server's clock, for clock sync. */
export async function fetchServerTime(doFetch: FetchLike = (input, init) => fetch(input, init), base = ""): Promise<number> {
  let res: Response;
  try {
    res = await doFetch(`${base}/api/time`, { headers: { accept: "application/json" }, cache: "no-store" });
  } catch (err) {
    throw toApiError(err);
  }
  if (!res.ok) throw await errorFromResponse(res);
  const body = (await res.json()) as Partial<TimeResponse>;
  if (typeof body.serverTime !== "number") throw new ApiError("protocol", res.status, "protocol", "The time response has no serverTime.");
  return body.serverTime;
}

export function createApiClient(options: ApiClientOptions): ApiClient {
  // Bound explicitly: calling window.fetch as a method of another object throws "Illegal invocation".
  const doFetch: FetchLike = options.fetch ?? ((input, init) => fetch(input, init));
  const base = options.baseUrl ?? "";
  const retries = options.commandRetries ?? 3;
  const backoff = options.commandBackoff ?? COMMAND_BACKOFF;

  async function token(fresh: boolean): Promise<string> {
    try {
      return await options.getToken({ fresh });
    } catch (err) {
      throw new ApiError("token", 0, "tokenFailed", err instanceof Error ? err.message : String(err));
    }
  }

  async function authorizedFetch(path: string, init: RequestInit = {}): Promise<Response> {
    const send = async (fresh: boolean): Promise<Response> => {
      const headers = new Headers(init.headers);
      headers.set("authorization", `Bearer ${await token(fresh)}`);
      try {
        return await doFetch(base + path, { ...init, headers });
      } catch (err) {
        if (init.signal?.aborted) throw err;
        throw toApiError(err);
      }
    };
    const first = await send(false);
    if (first.status !== 401) return first;
    // The cached token may have been revoked or the clocks disagree: one more try with a fresh one.
    await first.body?.cancel().catch(() => undefined);
    return send(true);
  }

  async function json<T>(res: Response): Promise<T> {
    if (!res.ok) throw await errorFromResponse(res);
    try {
      return (await res.json()) as T;
    } catch (err) {
      throw new ApiError("protocol", res.status, "protocol", `The response was not JSON: ${String(err)}`);
    }
  }

  return {
    authorizedFetch,
    streamPath: (meetingId, from) =>
      `${meetingPath(meetingId)}/stream${from === null ? "" : `?${new URLSearchParams({ since: String(from.version), head: from.head ?? "" }).toString()}`}`,

    async getSnapshot(meetingId, signal) {
      return json<SnapshotResponse>(await authorizedFetch(meetingPath(meetingId), { headers: { accept: "application/json" }, ...(signal ? { signal } : {}) }));
    },

    async getSirList(meetingId, signal) {
      return json<SirListResponse>(await authorizedFetch(`${meetingPath(meetingId)}/sir`, { headers: { accept: "application/json" }, ...(signal ? { signal } : {}) }));
    },

    async getDecisions(meetingId, query, signal) {
      const q = query.trim() ? `?q=${encodeURIComponent(query.trim())}` : "";
      return json<DecisionsResponse>(await authorizedFetch(`${meetingPath(meetingId)}/decisions${q}`, { headers: { accept: "application/json" }, ...(signal ? { signal } : {}) }));
    },

    sendCommand: (meetingId, command, signal) => post<CommandResponse>(`${meetingPath(meetingId)}/commands`, command, signal),
    sendSirCommand: (meetingId, command, signal) => post<SirCommandResponse>(`${meetingPath(meetingId)}/sir/commands`, command, signal),

    async getKpiBoard(meetingId, signal) {
      return json<KpiBoardResponse>(await authorizedFetch(`${meetingPath(meetingId)}/kpi`, { headers: { accept: "application/json" }, ...(signal ? { signal } : {}) }));
    },
    sendKpiCommand: (meetingId, command, signal) => post<KpiCommandResponse>(`${meetingPath(meetingId)}/kpi/commands`, command, signal),
    async exportKpiCsv(meetingId) {
      const res = await authorizedFetch(`${meetingPath(meetingId)}/kpi/export.csv`, { headers: { accept: "text/csv" } });
      if (!res.ok) throw await errorFromResponse(res);
      return res.text();
    },
    async importKpiCsv(meetingId, csv, dryRun) {
      const res = await authorizedFetch(`${meetingPath(meetingId)}/kpi/import${dryRun ? "?dryRun=1" : ""}`, {
        method: "POST",
        headers: { "content-type": "text/csv; charset=utf-8", accept: "application/json" },
        body: csv,
      });
      return json<KpiImportResponse>(res);
    },
    async requestKpiUpdate(meetingId) {
      const res = await authorizedFetch(`${meetingPath(meetingId)}/kpi/request`, { method: "POST", headers: { accept: "application/json" } });
      return json<{ posted: boolean; missing: number }>(res);
    },

    getServerTime: () => fetchServerTime(doFetch, base),
  };

  async function post<T>(path: string, command: { readonly id: string }, signal?: AbortSignal): Promise<T> {
      const body = JSON.stringify({ command });
      for (let attempt = 0; ; attempt++) {
        try {
          const res = await authorizedFetch(path, {
            method: "POST",
            headers: { "content-type": "application/json", accept: "application/json" },
            body,
            ...(signal ? { signal } : {}),
          });
          return await json<T>(res);
        } catch (err) {
          const error = signal?.aborted ? err : toApiError(err);
          // Same body, same command id: if the first try did arrive, the service answers "duplicate" and applies nothing.
          if (!(error instanceof ApiError) || !error.retryable || attempt >= retries) throw error;
          await sleep(backoffDelay(attempt, backoff), signal);
        }
      }
  }
}
