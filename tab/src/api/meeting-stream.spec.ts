/** @module The stream reconnects after drops from the version the panel holds, reports its status, gives up only on refusals, and notices a silent connection. */
import { describe, expect, it } from "vitest";
import type { StreamMessage } from "../../../shared/src/wire/protocol.js";
import type { StreamPosition } from "./api-client.js";
import { openMeetingStream, type StreamStatus } from "./meeting-stream.js";

interface Connection {
  readonly path: string;
  push(text: string): void;
  end(): void;
  readonly aborted: () => boolean;
}

function fakeServer() {
  const connections: Connection[] = [];
  const refusals: Response[] = [];
  const waiters: Array<() => void> = [];
  const api = {
    streamPath: (id: string, from: StreamPosition | null) => `/api/meetings/${id}/stream${from === null ? "" : `?since=${from.version}&head=${from.head ?? ""}`}`,
    authorizedFetch: async (path: string, init?: RequestInit): Promise<Response> => {
      const refusal = refusals.shift();
      if (refusal) return refusal;
      let controller!: ReadableStreamDefaultController<Uint8Array>;
      const body = new ReadableStream<Uint8Array>({ start: (c) => void (controller = c) });
      const signal = init?.signal;
      signal?.addEventListener("abort", () => controller.error(signal.reason));
      connections.push({
        path,
        push: (text) => controller.enqueue(new TextEncoder().encode(text)),
        end: () => controller.close(),
        aborted: () => signal?.aborted ?? false,
      });
      waiters.splice(0).forEach((w) => w());
      return new Response(body, { status: 200, headers: { "content-type": "text/event-stream" } });
    },
  };
  const nextConnection = async (n: number): Promise<Connection> => {
    while (connections.length < n) await new Promise<void>((r) => waiters.push(r));
    return connections[n - 1] as Connection;
  };
  return { api, connections, refusals, nextConnection };
}

const event = (m: StreamMessage, id?: number) => `${id !== undefined ? `id: ${id}\n` : ""}data: ${JSON.stringify(m)}\n\n`;
const until = async (cond: () => boolean) => {
  for (let i = 0; i < 200 && !cond(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(cond()).toBe(true);
};

describe("openMeetingStream", () => {
  it("goes live on the first message, and after a drop reconnects from the version the panel holds", async () => {
    const server = fakeServer();
    const statuses: StreamStatus[] = [];
    const messages: StreamMessage[] = [];
    let position: StreamPosition = { version: 3, head: "cmd-3" };
    let reconnected = 0;
    const stream = openMeetingStream({
      api: server.api,
      meetingId: "m1",
      since: () => position,
      onMessage: (m) => messages.push(m),
      onStatus: (s) => statuses.push(s),
      onFatal: () => expect.unreachable(),
      onReconnected: () => reconnected++,
      backoff: { baseMs: 1, maxMs: 5 },
    });
    const first = await server.nextConnection(1);
    expect(first.path).toBe("/api/meetings/m1/stream?since=3&head=cmd-3");
    first.push(": comment\n\n" + event({ type: "hello", protocol: 1, serverTime: 5, version: 3 }));
    await until(() => statuses.includes("live"));
    position = { version: 9, head: "cmd-9" }; // commits arrived meanwhile
    first.end();
    const second = await server.nextConnection(2);
    expect(second.path).toBe("/api/meetings/m1/stream?since=9&head=cmd-9");
    second.push(event({ type: "heartbeat", serverTime: 6 }));
    await until(() => reconnected === 1);
    expect(statuses).toEqual(["connecting", "live", "reconnecting", "live"]);
    expect(messages.map((m) => m.type)).toEqual(["hello", "heartbeat"]);
    stream.close();
    await until(() => second.aborted());
  });

  it("keeps trying through 5xx, but stops on a refusal (403) and says so", async () => {
    const server = fakeServer();
    server.refusals.push(
      new Response(JSON.stringify({ error: { code: "internal", message: "x" } }), { status: 500 }),
      new Response(JSON.stringify({ error: { code: "notParticipant", message: "no" } }), { status: 403 }),
    );
    const statuses: StreamStatus[] = [];
    const fatal: string[] = [];
    openMeetingStream({
      api: server.api,
      meetingId: "m1",
      since: () => null,
      onMessage: () => undefined,
      onStatus: (s) => statuses.push(s),
      onFatal: (e) => fatal.push(e.code),
      backoff: { baseMs: 1, maxMs: 5 },
    });
    await until(() => fatal.length === 1);
    expect(fatal).toEqual(["notParticipant"]);
    expect(statuses).toEqual(["connecting", "reconnecting", "offline"]);
    expect(server.connections).toHaveLength(0);
  });

  it("drops a connection that goes silent (no heartbeat) and reconnects", async () => {
    const server = fakeServer();
    const stream = openMeetingStream({
      api: server.api,
      meetingId: "m1",
      since: () => ({ version: 1, head: "cmd-1" }),
      onMessage: () => undefined,
      onStatus: () => undefined,
      onFatal: () => expect.unreachable(),
      backoff: { baseMs: 1, maxMs: 5 },
      idleTimeoutMs: 30,
    });
    const first = await server.nextConnection(1);
    await until(() => first.aborted());
    await server.nextConnection(2);
    stream.close();
  });

  it("skips an event that is not valid JSON and keeps the connection", async () => {
    const server = fakeServer();
    const messages: StreamMessage[] = [];
    const stream = openMeetingStream({
      api: server.api,
      meetingId: "m1",
      since: () => null,
      onMessage: (m) => messages.push(m),
      onStatus: () => undefined,
      onFatal: () => expect.unreachable(),
    });
    const first = await server.nextConnection(1);
    first.push("data: {not json\n\n" + event({ type: "heartbeat", serverTime: 1 }));
    await until(() => messages.length === 1);
    expect(first.aborted()).toBe(false);
    stream.close();
  });
});
