/** @module The API client retries a command with the same id through network errors and 5xx, refreshes the token once on 401, and passes domain errors through. */
import { describe, expect, it } from "vitest";
import type { MeetingCommand } from "../../../shared/src/meeting/commands.js";
import { createApiClient, errorFromResponse, type FetchLike } from "./api-client.js";
import { ApiError } from "./api-error.js";

interface Call {
  readonly url: string;
  readonly method: string;
  readonly auth: string | null;
  readonly body: string | null;
}

type Reply = Response | Error;

function fakeFetch(replies: Reply[]): { fetch: FetchLike; calls: Call[] } {
  const calls: Call[] = [];
  return {
    calls,
    fetch: async (url, init) => {
      calls.push({ url, method: init?.method ?? "GET", auth: new Headers(init?.headers).get("authorization"), body: typeof init?.body === "string" ? init.body : null });
      const reply = replies.shift();
      if (!reply) throw new Error("no more replies");
      if (reply instanceof Error) throw reply;
      return reply;
    },
  };
}

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
const ok = () => json(200, { version: 4, duplicate: false, serverTime: 1 });
const tokens = () => {
  let n = 0;
  const log: boolean[] = [];
  return { log, getToken: async ({ fresh }: { fresh: boolean }) => (log.push(fresh), `token-${++n}`) };
};
const command: MeetingCommand = { id: "cmd-12345678", type: "nextSection" };
const fast = { resend: { backoff: { baseMs: 1, maxMs: 2 }, maxDelayMs: 5, giveUpAfterMs: 60_000 } };

describe("sendCommand", () => {
  it("sends the same command id again after a network error and a 503, then succeeds", async () => {
    const { fetch, calls } = fakeFetch([new TypeError("Failed to fetch"), json(503, { error: { code: "starting", message: "starting" } }), ok()]);
    const api = createApiClient({ fetch, ...tokens(), ...fast });
    await expect(api.sendCommand("m1", command)).resolves.toEqual({ version: 4, duplicate: false, serverTime: 1 });
    expect(calls).toHaveLength(3);
    const ids = calls.map((c) => (JSON.parse(c.body ?? "{}") as { command: { id: string } }).command.id);
    expect(new Set(ids)).toEqual(new Set(["cmd-12345678"]));
    expect(calls.every((c) => c.method === "POST" && c.url === "/api/meetings/m1/commands")).toBe(true);
  });

  it("gives up with the last error once the policy's time has passed", async () => {
    const replies = fakeFetch([json(500, {}), json(502, {}), json(503, {}), json(504, {}), ok()]);
    // Each try takes 100 ms of the injected clock; the policy gives up after 350 ms.
    let t = 0;
    const fetch: FetchLike = (url, init) => ((t += 100), replies.fetch(url, init));
    const api = createApiClient({ fetch, ...tokens(), now: () => t, resend: { ...fast.resend, giveUpAfterMs: 350 } });
    await expect(api.sendCommand("m1", command)).rejects.toMatchObject({ kind: "http", status: 504, code: "http504" });
    expect(replies.calls).toHaveLength(4);
  });

  it("does not retry a domain rule (409) and carries its code", async () => {
    const { fetch, calls } = fakeFetch([json(409, { error: { code: "noNextSection", message: "This is the last section." } })]);
    const api = createApiClient({ fetch, ...tokens(), ...fast });
    const err = await api.sendCommand("m1", command).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 409, code: "noNextSection", retryable: false });
    expect(calls).toHaveLength(1);
  });

  it("on 401 asks Teams for a fresh token and tries once more", async () => {
    const { fetch, calls } = fakeFetch([json(401, { error: { code: "unauthenticated", message: "expired" } }), ok()]);
    const t = tokens();
    const api = createApiClient({ fetch, ...t, ...fast });
    await api.sendCommand("m1", command);
    expect(t.log).toEqual([false, true]);
    expect(calls.map((c) => c.auth)).toEqual(["Bearer token-1", "Bearer token-2"]);
  });

  it("a second 401 is reported, not retried forever", async () => {
    const { fetch, calls } = fakeFetch([json(401, { error: { code: "unauthenticated", message: "a" } }), json(401, { error: { code: "unauthenticated", message: "b" } })]);
    const api = createApiClient({ fetch, ...tokens(), ...fast });
    await expect(api.sendCommand("m1", command)).rejects.toMatchObject({ status: 401, code: "unauthenticated" });
    expect(calls).toHaveLength(2);
  });

  it("a Teams sign-in failure is its own error", async () => {
    const api = createApiClient({ fetch: fakeFetch([]).fetch, getToken: () => Promise.reject(new Error("consent_required")), ...fast });
    await expect(api.sendCommand("m1", command)).rejects.toMatchObject({ kind: "token", code: "tokenFailed" });
  });
});

describe("paths and errors", () => {
  it("URL-encodes the Teams meeting id (base64 with '/', '+' and '=')", async () => {
    const { fetch, calls } = fakeFetch([json(200, { protocol: 1 })]);
    const api = createApiClient({ fetch, ...tokens() });
    await api.getSnapshot("MCMx/Ot+w==");
    expect(calls[0]?.url).toBe("/api/meetings/MCMx%2FOt%2Bw%3D%3D");
    expect(api.streamPath("a/b", { version: 7, head: "cmd-0000007" })).toBe("/api/meetings/a%2Fb/stream?since=7&head=cmd-0000007");
    expect(api.streamPath("a", { version: 0, head: null })).toBe("/api/meetings/a/stream?since=0&head=");
    expect(api.streamPath("a", null)).toBe("/api/meetings/a/stream");
  });

  it("reads a proxy's HTML error page as a status code", async () => {
    const err = await errorFromResponse(new Response("<html>Bad gateway</html>", { status: 502, statusText: "Bad Gateway" }));
    expect(err).toMatchObject({ kind: "http", status: 502, code: "http502", retryable: true });
  });
});
