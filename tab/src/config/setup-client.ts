/** @module The configuration page's two calls to the service: read the meeting's set-up (with its team's channels) and save it. */
import type { TemplateId } from "../../../shared/src/meeting/templates.js";
import type { ErrorResponse } from "../../../shared/src/wire/protocol.js";
import type { SaveSetupRequest, SaveSetupResponse, SetupResponse } from "../../../shared/src/wire/setup-protocol.js";
import { ApiError } from "../api/api-error.js";

export interface SetupClient {
  load(meetingId: string, teamId: string | null): Promise<SetupResponse>;
  save(meetingId: string, request: SaveSetupRequest): Promise<SaveSetupResponse>;
}

export interface SetupChoice {
  readonly templateId: TemplateId;
  readonly teamId: string | null;
  readonly channelId: string | null;
}

const setupPath = (meetingId: string): string => `/api/meetings/${encodeURIComponent(meetingId)}/setup`;

async function failure(res: Response): Promise<ApiError> {
  const body = (await res.json().catch(() => null)) as ErrorResponse | null;
  const error = body?.error;
  return new ApiError("http", res.status, error?.code ?? `http${res.status}`, error?.message ?? res.statusText, error?.issues ?? []);
}

export function createSetupClient(getToken: () => Promise<string>, fetcher: typeof fetch = (input, init) => fetch(input, init)): SetupClient {
  const call = async <T>(path: string, init: RequestInit = {}): Promise<T> => {
    let token: string;
    try {
      token = await getToken();
    } catch (err) {
      throw new ApiError("token", 0, "tokenFailed", err instanceof Error ? err.message : String(err));
    }
    let res: Response;
    try {
      res = await fetcher(path, { ...init, headers: { ...init.headers, authorization: `Bearer ${token}`, accept: "application/json" } });
    } catch (err) {
      throw new ApiError("network", 0, "network", err instanceof Error ? err.message : String(err));
    }
    if (!res.ok) throw await failure(res);
    return (await res.json()) as T;
  };
  return {
    load: (meetingId, teamId) => call<SetupResponse>(`${setupPath(meetingId)}${teamId ? `?team=${encodeURIComponent(teamId)}` : ""}`),
    save: (meetingId, request) => call<SaveSetupResponse>(setupPath(meetingId), { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify(request) }),
  };
}
