/**
 * @module The panel's HTTP client for the service: the snapshot, commands (resent with the same id through
 * network errors and 5xx, as the service asks with `Retry-After`, since the service never applies an id
 * twice), the server clock, and the authorised fetch the stream uses. A 401 gets one retry with a fresh Teams
 * token. It also says whether the service can be reached and save (`getStatus`/`onStatus`), for the offline notice.
 */
import type { MeetingCommand } from "../../../shared/src/meeting/commands.js";
import type { KpiCommand } from "../../../shared/src/kpi/commands.js";
import type { SirCommand } from "../../../shared/src/sir/commands.js";
import type { KpiBoardResponse, KpiCommandResponse, KpiImportResponse } from "../../../shared/src/wire/kpi-protocol.js";
import type { CommandResponse, ErrorResponse, Head, SnapshotResponse, TimeResponse } from "../../../shared/src/wire/protocol.js";
import type { DecisionsResponse, SirCommandResponse, SirListResponse } from "../../../shared/src/wire/sir-protocol.js";
import { ApiError, isStorageUnavailable, toApiError } from "./api-error.js";
import { parseRetryAfter, RESEND_POLICY, resendDelay, type ResendPolicy } from "./backoff.js";

/** Gets a Teams SSO token; `fresh` skips any cache (after a 401). */
export type GetToken = (options: { readonly fresh: boolean }) => Promise<string>;

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export interface ApiClientOptions {
  readonly getToken: GetToken;
  /** Injected for tests; the browser's fetch otherwise. */
  readonly fetch?: FetchLike;
  /** Prefix of the API paths; same origin by default. */
  readonly baseUrl?: string;
  /** How failed commands are sent again (same id): delays and when to give up. */
  readonly resend?: ResendPolicy;
  /** Injected for tests; Date.now otherwise. */
  readonly now?: () => number;
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

/**
 * What the panel knows about reaching the service: "storageUnavailable" (it answers, but cannot save or load:
 * 503 `storageUnavailable`), "serviceUnavailable" (another 5xx), "offline" (no answer at all).
 */
export type ApiStatus = "online" | "storageUnavailable" | "serviceUnavailable" | "offline";

export interface Connectivity {
  readonly status: ApiStatus;
  /** Commands that failed and are waiting to be sent again. */
  readonly pending: number;
  /** When (this computer's clock, ms) the next of them is sent again; null while none is waiting. */
  readonly retryAt: number | null;
}

/** The connectivity signal: set when a request meets a fault, cleared when any request gets an answer. */
export interface ApiConnectivity {
  /** The same object until something changes (for useSyncExternalStore). */
  getStatus(): Connectivity;
  onStatus(listener: (connectivity: Connectivity) => void): () => void;
  /** Sends the waiting commands now instead of at their planned time. */
  retryNow(): void;
}

export type ConnectedApiClient = ApiClient & ApiConnectivity;

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
  return new ApiError("http", res.status, code, message, issues, parseRetryAfter(res.headers.get("retry-after"), Date.now()));
}

/** The status a failed request says the service is in; null when the service did answer (a refusal is an answer). */
function faultStatus(error: ApiError): ApiStatus | null {
  if (isStorageUnavailable(error)) return "storageUnavailable";
  if (error.kind === "network") return "offline";
  if (error.kind === "http" && error.status >= 500) return "serviceUnavailable";
  return null;
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

/**
 * The panel's language (PanelRoot sets `<html lang>` from Teams' locale) for answers the service words itself (CSV
 * errors, the KPI request card): the browser's Accept-Language is not the language the user chose in Teams.
 */
function panelLocaleQuery(): string {
  const lang = typeof document === "undefined" ? "" : document.documentElement.lang;
  return lang ? `locale=${encodeURIComponent(lang)}` : "";
}

export function createApiClient(options: ApiClientOptions): ConnectedApiClient {
  // Bound explicitly: calling window.fetch as a method of another object throws "Illegal invocation".
  const doFetch: FetchLike = options.fetch ?? ((input, init) => fetch(input, init));
  const base = options.baseUrl ?? "";
  const policy = options.resend ?? RESEND_POLICY;
  const now = options.now ?? Date.now;

  let connectivity: Connectivity = { status: "online", pending: 0, retryAt: null };
  const listeners = new Set<(connectivity: Connectivity) => void>();
  /** Commands between their first failure and their outcome. */
  let resending = 0;
  /** Those of them waiting to be sent again: when each is due, and how to send it at once. */
  const waiting = new Map<symbol, { readonly at: number; readonly wake: () => void }>();

  function publish(status: ApiStatus): void {
    let retryAt: number | null = null;
    for (const w of waiting.values()) retryAt = retryAt === null ? w.at : Math.min(retryAt, w.at);
    const next: Connectivity = { status, pending: resending, retryAt };
    if (next.status === connectivity.status && next.pending === connectivity.pending && next.retryAt === connectivity.retryAt) return;
    connectivity = next;
    for (const l of listeners) l(connectivity);
  }

  /** A request got an answer (`null`) or met a fault. An answer also sends the waiting commands at once: the service is back. */
  function observe(error: ApiError | null): void {
    const fault = error ? faultStatus(error) : null;
    if (fault) {
      publish(fault);
      return;
    }
    if (error && connectivity.status !== "offline") return; // A refusal says the service answers, not that its storage does.
    publish("online");
    if (!error) retryNow();
  }

  function retryNow(): void {
    for (const w of [...waiting.values()]) w.wake();
  }

  /** Waits `ms` before a resend; ends early on retryNow() or an answer to another request, rejects when the signal aborts. */
  function waitToResend(ms: number, signal: AbortSignal | undefined): Promise<void> {
    return new Promise((resolve, reject) => {
      const key = Symbol("resend");
      const done = (): void => {
        clearTimeout(timer);
        signal?.removeEventListener("abort", onAbort);
        waiting.delete(key);
        publish(connectivity.status);
      };
      const onAbort = (): void => {
        done();
        reject(signal?.reason instanceof Error ? signal.reason : new DOMException("Aborted", "AbortError"));
      };
      const wake = (): void => {
        done();
        resolve();
      };
      if (signal?.aborted) {
        onAbort();
        return;
      }
      const timer = setTimeout(wake, ms);
      signal?.addEventListener("abort", onAbort, { once: true });
      waiting.set(key, { at: now() + ms, wake });
      publish(connectivity.status);
    });
  }

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
      let res: Response;
      try {
        res = await doFetch(base + path, { ...init, headers });
      } catch (err) {
        if (init.signal?.aborted) throw err;
        const error = toApiError(err);
        observe(error);
        throw error;
      }
      // Any answer shows the service can be reached; whether it can save, only the JSON answers say (json()).
      if (res.status < 500 && connectivity.status === "offline") publish("online");
      return res;
    };
    const first = await send(false);
    if (first.status !== 401) return first;
    // The cached token may have been revoked or the clocks disagree: one more try with a fresh one.
    await first.body?.cancel().catch(() => undefined);
    return send(true);
  }

  async function json<T>(res: Response): Promise<T> {
    if (!res.ok) {
      const error = await errorFromResponse(res);
      observe(error);
      throw error;
    }
    observe(null);
    try {
      return (await res.json()) as T;
    } catch (err) {
      throw new ApiError("protocol", res.status, "protocol", `The response was not JSON: ${String(err)}`);
    }
  }

  return {
    getStatus: () => connectivity,
    onStatus(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    retryNow,
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
      if (!res.ok) {
        const error = await errorFromResponse(res);
        observe(error);
        throw error;
      }
      observe(null);
      return res.text();
    },
    async importKpiCsv(meetingId, csv, dryRun) {
      const res = await authorizedFetch(`${meetingPath(meetingId)}/kpi/import?${panelLocaleQuery()}${dryRun ? "&dryRun=1" : ""}`, {
        method: "POST",
        headers: { "content-type": "text/csv; charset=utf-8", accept: "application/json" },
        body: csv,
      });
      return json<KpiImportResponse>(res);
    },
    async requestKpiUpdate(meetingId) {
      const res = await authorizedFetch(`${meetingPath(meetingId)}/kpi/request?${panelLocaleQuery()}`, { method: "POST", headers: { accept: "application/json" } });
      return json<{ posted: boolean; missing: number }>(res);
    },

    getServerTime: () => fetchServerTime(doFetch, base),
  };

  /**
   * Sends a command until the service answers: through network errors and 5xx (storage down) the same body, so the
   * same command id, goes again after what `Retry-After` asks, until the policy gives up or the signal aborts.
   */
  async function post<T>(path: string, command: { readonly id: string }, signal?: AbortSignal): Promise<T> {
    const body = JSON.stringify({ command });
    const started = now();
    let counted = false;
    try {
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
          if (signal?.aborted) throw err;
          const error = toApiError(err);
          // Same body, same command id: if an earlier try did arrive, the service answers "duplicate" and applies nothing.
          if (!error.retryable) throw error;
          const delay = resendDelay(attempt, error.retryAfterMs, policy);
          if (now() + delay - started > policy.giveUpAfterMs) throw error;
          if (!counted) {
            counted = true;
            resending++;
          }
          await waitToResend(delay, signal);
        }
      }
    } finally {
      if (counted) {
        resending--;
        publish(connectivity.status);
      }
    }
  }
}
