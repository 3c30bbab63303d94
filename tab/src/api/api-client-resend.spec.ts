/**
 * @module While the service's storage is down (503 `storageUnavailable` + `Retry-After`) or the network drops, a
 * command is kept and sent again with the same id, as often as the service asks, until it is answered; the client
 * says so through its connectivity signal. Against a real HTTP server on 127.0.0.1.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import type { MeetingCommand } from "../../../shared/src/meeting/commands.js";
import { createApiClient, type Connectivity, type ConnectedApiClient } from "./api-client.js";
import { isAbort } from "./api-error.js";

interface Arrival {
  readonly method: string;
  readonly url: string;
  readonly commandId: string | null;
  readonly at: number;
}

/** What the server does with the n-th request (0-based). */
type Answer = { readonly status: number; readonly body: unknown; readonly retryAfter?: string } | "dropConnection";

const STORAGE_DOWN: Answer = {
  status: 503,
  retryAfter: "1",
  body: { error: { code: "storageUnavailable", message: "The service is temporarily unable to save or load data. Try again in a few seconds." } },
};
const ACCEPTED: Answer = { status: 200, body: { version: 7, duplicate: false, serverTime: 1 } };

interface TestServer {
  readonly url: string;
  readonly arrivals: Arrival[];
  /** Resolves when the n-th request (1-based) has arrived. */
  arrived(n: number): Promise<void>;
  close(): Promise<void>;
}

async function startServer(answer: (n: number, arrival: Arrival) => Answer): Promise<TestServer> {
  const arrivals: Arrival[] = [];
  const waiters: Array<{ n: number; resolve: () => void }> = [];
  const server = http.createServer((req, res) => {
    let raw = "";
    req.on("data", (chunk: Buffer) => (raw += chunk.toString()));
    req.on("end", () => {
      let commandId: string | null = null;
      try {
        commandId = (JSON.parse(raw) as { command?: { id?: string } }).command?.id ?? null;
      } catch {
        // A GET has no body.
      }
      const arrival: Arrival = { method: req.method ?? "GET", url: req.url ?? "", commandId, at: performance.now() };
      arrivals.push(arrival);
      for (const w of waiters.filter((x) => arrivals.length >= x.n)) w.resolve();
      const a = answer(arrivals.length - 1, arrival);
      if (a === "dropConnection") {
        req.socket.destroy();
        return;
      }
      res.writeHead(a.status, { "content-type": "application/json", ...(a.retryAfter ? { "retry-after": a.retryAfter } : {}) });
      res.end(JSON.stringify(a.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    arrivals,
    arrived: (n) => (arrivals.length >= n ? Promise.resolve() : new Promise((resolve) => waiters.push({ n, resolve }))),
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** Every state the client reported, in order. */
function record(api: ConnectedApiClient): Connectivity[] {
  const seen: Connectivity[] = [];
  api.onStatus((c) => seen.push(c));
  return seen;
}

/** Resolves with the first reported state that matches. */
function statusWhere(api: ConnectedApiClient, match: (c: Connectivity) => boolean): Promise<Connectivity> {
  return new Promise((resolve) => {
    if (match(api.getStatus())) {
      resolve(api.getStatus());
      return;
    }
    const off = api.onStatus((c) => {
      if (!match(c)) return;
      off();
      resolve(c);
    });
  });
}

const command: MeetingCommand = { id: "cmd-resend-0001", type: "extendTimer", minutes: 5 };
const getToken = async () => "token";

let server: TestServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

describe("a command the service asks to slow down (429 rateLimited)", () => {
  it("is sent again with the same id after Retry-After, and nothing is shown as failed", async () => {
    const limited: Answer = { status: 429, retryAfter: "1", body: { error: { code: "rateLimited", message: "Too many changes in a short time." } } };
    server = await startServer((n) => (n < 1 ? limited : ACCEPTED));
    const api = createApiClient({ baseUrl: server.url, getToken });
    await expect(api.sendCommand("m1", command)).resolves.toEqual({ version: 7, duplicate: false, serverTime: 1 });
    expect(server.arrivals.map((a) => a.commandId)).toEqual(["cmd-resend-0001", "cmd-resend-0001"]);
    expect((server.arrivals[1]?.at ?? 0) - (server.arrivals[0]?.at ?? 0)).toBeGreaterThanOrEqual(990);
  });

  it("another 429 (too many streams) is not resent: it is not about this command", async () => {
    server = await startServer(() => ({ status: 429, retryAfter: "1", body: { error: { code: "tooManyStreams", message: "Too many panels." } } }));
    const api = createApiClient({ baseUrl: server.url, getToken });
    await expect(api.sendCommand("m1", command)).rejects.toMatchObject({ status: 429, code: "tooManyStreams" });
    expect(server.arrivals).toHaveLength(1);
  });
});

describe("a command while storage is down", () => {
  it("is sent again with the same id after each Retry-After until the service takes it, and the status goes storageUnavailable → online", async () => {
    server = await startServer((n) => (n < 2 ? STORAGE_DOWN : ACCEPTED));
    const api = createApiClient({ baseUrl: server.url, getToken });
    const seen = record(api);

    await expect(api.sendCommand("m1", command)).resolves.toEqual({ version: 7, duplicate: false, serverTime: 1 });

    expect(server.arrivals.map((a) => a.commandId)).toEqual(["cmd-resend-0001", "cmd-resend-0001", "cmd-resend-0001"]);
    expect(server.arrivals.every((a) => a.method === "POST" && a.url === "/api/meetings/m1/commands")).toBe(true);
    // Retry-After: 1 is honoured (plus at most 20 % jitter), not the quick backoff of a passing blip.
    const gaps = server.arrivals.slice(1).map((a, i) => a.at - (server?.arrivals[i]?.at ?? 0));
    for (const gap of gaps) {
      expect(gap).toBeGreaterThanOrEqual(990);
      expect(gap).toBeLessThan(2_500);
    }
    expect(seen.some((c) => c.status === "storageUnavailable" && c.pending === 1 && c.retryAt !== null)).toBe(true);
    expect(api.getStatus()).toEqual({ status: "online", pending: 0, retryAt: null });
  });

  it("keeps trying past the old small retry count, as long as the outage lasts", async () => {
    server = await startServer((n) => (n < 6 ? { ...STORAGE_DOWN, retryAfter: "0" } : ACCEPTED));
    const api = createApiClient({ baseUrl: server.url, getToken });
    await expect(api.sendCommand("m1", command)).resolves.toMatchObject({ version: 7 });
    expect(server.arrivals).toHaveLength(7);
    expect(new Set(server.arrivals.map((a) => a.commandId))).toEqual(new Set([command.id]));
  });

  it("stops when the caller's signal aborts, and no longer counts as pending", async () => {
    server = await startServer(() => ({ ...STORAGE_DOWN, retryAfter: "30" }));
    const api = createApiClient({ baseUrl: server.url, getToken });
    const abort = new AbortController();
    const sent = api.sendCommand("m1", command, abort.signal).catch((e: unknown) => e);
    await statusWhere(api, (c) => c.pending === 1 && c.retryAt !== null);
    abort.abort();
    expect(isAbort(await sent)).toBe(true);
    expect(api.getStatus()).toMatchObject({ status: "storageUnavailable", pending: 0, retryAt: null });
    expect(server.arrivals).toHaveLength(1);
  });

  it("'try now' sends it at once instead of after the 30 s the service asked for", async () => {
    server = await startServer((n) => (n === 0 ? { ...STORAGE_DOWN, retryAfter: "30" } : ACCEPTED));
    const api = createApiClient({ baseUrl: server.url, getToken });
    const t0 = performance.now();
    const sent = api.sendCommand("m1", command);
    const waiting = await statusWhere(api, (c) => c.retryAt !== null);
    expect(waiting.retryAt).toBeGreaterThanOrEqual(Date.now() + 25_000);
    api.retryNow();
    await expect(sent).resolves.toMatchObject({ version: 7 });
    expect(performance.now() - t0).toBeLessThan(10_000);
    expect(server.arrivals.map((a) => a.commandId)).toEqual([command.id, command.id]);
  });

  it("an answer to any other request sends the waiting command at once (the service is back)", async () => {
    server = await startServer((n, a) => (a.method === "GET" ? { status: 200, body: { items: [] } } : n === 0 ? { ...STORAGE_DOWN, retryAfter: "30" } : ACCEPTED));
    const api = createApiClient({ baseUrl: server.url, getToken });
    const sent = api.sendCommand("m1", command);
    await statusWhere(api, (c) => c.retryAt !== null);
    await api.getSirList("m1");
    await expect(sent).resolves.toMatchObject({ version: 7 });
    expect(server.arrivals.map((a) => a.method)).toEqual(["POST", "GET", "POST"]);
  });

  it("a dropped connection is 'offline' and the command goes again with the same id", async () => {
    server = await startServer((n) => (n === 0 ? "dropConnection" : ACCEPTED));
    const api = createApiClient({ baseUrl: server.url, getToken });
    const seen = record(api);
    await expect(api.sendCommand("m1", command)).resolves.toMatchObject({ version: 7 });
    expect(seen.map((c) => c.status)).toContain("offline");
    expect(api.getStatus().status).toBe("online");
    expect(server.arrivals.map((a) => a.commandId)).toEqual([command.id, command.id]);
  });
});

describe("a read while storage is down", () => {
  it("sets the status, and the next answered read clears it", async () => {
    server = await startServer((n) => (n === 0 ? STORAGE_DOWN : { status: 200, body: { items: [] } }));
    const api = createApiClient({ baseUrl: server.url, getToken });
    await expect(api.getSirList("m1")).rejects.toMatchObject({ status: 503, code: "storageUnavailable", retryAfterMs: 1_000 });
    expect(api.getStatus()).toEqual({ status: "storageUnavailable", pending: 0, retryAt: null });
    await expect(api.getSirList("m1")).resolves.toEqual({ items: [] });
    expect(api.getStatus().status).toBe("online");
  });

  it("a domain refusal while storage is reported down does not claim storage is back", async () => {
    server = await startServer((n) => (n === 0 ? STORAGE_DOWN : { status: 403, body: { error: { code: "forbidden", message: "no" } } }));
    const api = createApiClient({ baseUrl: server.url, getToken });
    await expect(api.getSnapshot("m1")).rejects.toMatchObject({ code: "storageUnavailable" });
    await expect(api.sendCommand("m1", command)).rejects.toMatchObject({ status: 403 });
    expect(api.getStatus().status).toBe("storageUnavailable");
  });
});
