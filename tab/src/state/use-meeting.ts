/** @module React hook over a MeetingSession: the live meeting, the viewer, the connection, and `send` for commands. */
import { useEffect, useMemo, useSyncExternalStore } from "react";
import { createApiClient, type ApiClient, type GetToken } from "../api/api-client.js";
import type { ApiError } from "../api/api-error.js";
import { ServerClock } from "../api/clock-sync.js";
import type { EarlySnapshot } from "../teams/panel-services.js";
import { MeetingSession, type CommandInput, type SessionState, type SirCommandInput, type KpiCommandInput } from "../api/meeting-session.js";

export interface UseMeetingOptions {
  readonly meetingId: string;
  readonly getToken: GetToken;
  /** The page's server clock (shared with the token cache); a private one is made if omitted. */
  readonly clock?: ServerClock;
  /** The page's API client (its connectivity drives the offline notice); a private one is made if omitted. */
  readonly api?: ApiClient;
  /** A snapshot the page asked for early, for the meeting it names (used by the first load when it is this meeting). */
  readonly firstSnapshot?: EarlySnapshot | null;
}

export interface MeetingView extends SessionState {
  readonly send: (command: CommandInput) => Promise<boolean>;
  /** Resolves null when the service took the command, else the refusal (for the form to show in words). */
  readonly sendSir: (command: SirCommandInput) => Promise<ApiError | null>;
  readonly sendKpi: (command: KpiCommandInput) => Promise<ApiError | null>;
  readonly reloadKpi: () => Promise<void>;
  readonly exportKpiCsv: MeetingSession["exportKpiCsv"];
  readonly importKpiCsv: MeetingSession["importKpiCsv"];
  readonly requestKpiUpdate: MeetingSession["requestKpiUpdate"];
  readonly searchDecisions: MeetingSession["searchDecisions"];
  readonly meetingFetch: MeetingSession["meetingFetch"];
  readonly onAction: MeetingSession["onAction"];
  readonly onRating: MeetingSession["onRating"];
  readonly apiFetch: MeetingSession["apiFetch"];
  readonly onGoodNews: MeetingSession["onGoodNews"];
  readonly onPriority: MeetingSession["onPriority"];
  readonly meFetch: MeetingSession["meFetch"];
  readonly dismissError: () => void;
  readonly retry: () => void;
  /** The server's clock now, by this panel's estimate. */
  readonly serverNow: () => number;
}

export function useMeeting({ meetingId, getToken, clock, api: given, firstSnapshot }: UseMeetingOptions): MeetingView {
  const session = useMemo(() => {
    const api = given ?? createApiClient({ getToken });
    return new MeetingSession({
      meetingId,
      api,
      clock: clock ?? new ServerClock({ fetchServerTime: () => api.getServerTime(), now: Date.now }),
      ...(firstSnapshot?.meetingId === meetingId ? { firstSnapshot: firstSnapshot.response } : {}),
    });
  }, [meetingId, getToken, clock, given, firstSnapshot]);

  // start/stop are restartable, so React's development double-mount is harmless.
  useEffect(() => {
    session.start();
    return () => session.stop();
  }, [session]);

  const state = useSyncExternalStore(session.subscribe, session.getState);
  return useMemo(
    () => ({ ...state, send: session.send, sendSir: session.sendSir, sendKpi: session.sendKpi, reloadKpi: session.reloadKpi, exportKpiCsv: session.exportKpiCsv, importKpiCsv: session.importKpiCsv, requestKpiUpdate: session.requestKpiUpdate, searchDecisions: session.searchDecisions, meetingFetch: session.meetingFetch, onAction: session.onAction, meFetch: session.meFetch, onRating: session.onRating, onGoodNews: session.onGoodNews, onPriority: session.onPriority, apiFetch: session.apiFetch, dismissError: session.dismissError, retry: session.retry, serverNow: session.serverNow }),
    [state, session],
  );
}
