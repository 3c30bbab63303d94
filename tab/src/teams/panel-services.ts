/**
 * @module What the panel's session shares with the page's start (tab/src/main.tsx): the server clock, the token
 * cache and the API client, made before the first render so the clock sync, the token and the meeting's snapshot
 * are under way while the interface loads.
 */
import type { SnapshotResponse } from "../../../shared/src/wire/protocol.js";
import { createApiClient, type ConnectedApiClient, type GetToken } from "../api/api-client.js";
import type { ServerClock } from "../api/clock-sync.js";
import type { TeamsHost } from "./teams-host.js";
import { createTokenCache } from "./token-cache.js";

/** A snapshot asked for early, for the meeting it names. */
export interface EarlySnapshot {
  readonly meetingId: string;
  readonly response: Promise<SnapshotResponse>;
}

export interface PanelServices {
  readonly clock: ServerClock;
  readonly getToken: GetToken;
  /** The page's one API client: its connectivity signal drives the offline notice. */
  readonly api: ConnectedApiClient;
  /** The meeting's snapshot, asked for as soon as Teams named the meeting (null when not asked for). */
  readonly firstSnapshot: EarlySnapshot | null;
}

/**
 * The token cache compares `exp` with the server clock. With `prefetch`, the token and the meeting's snapshot are
 * asked for now; the session takes the snapshot (and its failure) on its first load.
 */
export function createPanelServices(host: TeamsHost, clock: ServerClock, { prefetch }: { readonly prefetch: boolean }): PanelServices {
  const getToken = createTokenCache({ fetchToken: () => host.getAuthToken(), now: clock.now });
  const api = createApiClient({ getToken });
  const meetingId = host.context.meetingId;
  if (!prefetch || !meetingId) return { clock, getToken, api, firstSnapshot: null };
  const response = api.getSnapshot(meetingId);
  // Only keeps an early failure from counting as unhandled before the session takes it.
  response.catch(() => undefined);
  return { clock, getToken, api, firstSnapshot: { meetingId, response } };
}
