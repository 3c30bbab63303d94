/** @module Test harness: the real service on a free port with in-memory Azurite, plus small helpers for tokens, API calls, the SSE stream and commands. */
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createApp, type App, type AppOptions } from "../../bot/src/app.js";
import type { DevIssuer } from "../../bot/src/auth/dev-issuer.js";
import { loadConfig } from "../../bot/src/config.js";
import type { ConnectorStub } from "../../bot/src/local/connector-stub.js";
import { LOCAL_ATTENDEES, LOCAL_CHAT_ID, LOCAL_TENANT_ID } from "../../bot/src/local/roster.js";
import type { Role } from "../../shared/src/auth/capabilities.js";
import type { MeetingCommandType } from "../../shared/src/meeting/commands.js";
import type { StreamMessage } from "../../shared/src/wire/protocol.js";

export const [ORGANIZER, PRESENTER, ATTENDEE] = LOCAL_ATTENDEES.map((a) => a.userId) as [string, string, string];
export const TENANT = LOCAL_TENANT_ID;

/** A command as the panel sends it, with a fresh client-made id. */
export function command(type: MeetingCommandType, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { id: `cmd-${randomUUID()}`, type, ...extra };
}

export interface ApiOptions {
  readonly token?: string | null;
  readonly method?: string;
  /** An object is sent as JSON; a string is sent as is (with `contentType`, default JSON). */
  readonly body?: unknown;
  readonly contentType?: string;
  readonly headers?: Record<string, string>;
}

export interface ApiResult<T = unknown> {
  readonly status: number;
  readonly headers: Headers;
  readonly body: T;
}

/** The body of every error reply. */
export interface ErrorBody {
  readonly error: { readonly code: string; readonly message: string; readonly issues?: readonly string[] };
}

/** An open SSE stream, read with fetch; messages are parsed as they arrive. */
export class EventStream implements AsyncIterable<StreamMessage> {
  private readonly queue: StreamMessage[] = [];
  private waiter: (() => void) | null = null;
  private ended = false;

  constructor(
    readonly response: Response,
    private readonly abort: AbortController,
  ) {
    if (response.body && response.headers.get("content-type")?.startsWith("text/event-stream")) void this.pump(response.body);
    else this.ended = true;
  }

  get status(): number {
    return this.response.status;
  }

  /** The next message (heartbeats included); fails after `timeoutMs` or when the stream ends first. */
  async next(timeoutMs = 5000): Promise<StreamMessage> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const message = this.queue.shift();
      if (message) return message;
      if (this.ended) throw new Error("The stream ended before the next message.");
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`No stream message within ${timeoutMs} ms.`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiter = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }

  /** The next message that is not a heartbeat. */
  async nextMessage(timeoutMs = 5000): Promise<StreamMessage> {
    for (;;) {
      const m = await this.next(timeoutMs);
      if (m.type !== "heartbeat") return m;
    }
  }

  /** Waits until the service ends the stream; fails after `timeoutMs`. Messages that came before stay readable. */
  async end(timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.ended) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`The stream did not end within ${timeoutMs} ms.`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiter = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }

  /** Whether the stream has ended (the service closed it, or close()). */
  get isEnded(): boolean {
    return this.ended;
  }

  /** Messages received but not read yet (for "nothing else arrived" checks). */
  pending(): readonly StreamMessage[] {
    return this.queue.filter((m) => m.type !== "heartbeat");
  }

  async *[Symbol.asyncIterator](): AsyncIterator<StreamMessage> {
    for (;;) {
      try {
        yield await this.next(60_000);
      } catch {
        return;
      }
    }
  }

  close(): void {
    this.abort.abort();
    this.ended = true;
    this.wake();
  }

  private wake(): void {
    const w = this.waiter;
    this.waiter = null;
    w?.();
  }

  private async pump(body: ReadableStream<Uint8Array>): Promise<void> {
    const reader = body.getReader();
    const decoder = new TextDecoder();
    let buffer = "";
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        let end: number;
        while ((end = buffer.indexOf("\n\n")) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = block
            .split("\n")
            .filter((line) => line.startsWith("data: "))
            .map((line) => line.slice(6))
            .join("\n");
          if (data) {
            this.queue.push(JSON.parse(data) as StreamMessage);
            this.wake();
          }
        }
      }
    } catch {
      // Aborted by close() or the server went away: the stream simply ends.
    } finally {
      this.ended = true;
      this.wake();
    }
  }
}

export interface Service {
  readonly app: App;
  readonly url: string;
  readonly issuer: DevIssuer;
  readonly connector: ConnectorStub;
  tokenFor(userId: string, tenantId?: string): Promise<string>;
  api<T = unknown>(path: string, options?: ApiOptions): Promise<ApiResult<T>>;
  /** Sends `{command}` to the meeting as the token's user. */
  send(meetingId: string, token: string, cmd: Record<string, unknown>): Promise<ApiResult>;
  /** `head`: the command that made version `since` (null: version 0); left out, the stream cannot resume and sends a snapshot. */
  openStream(meetingId: string, token: string | null, since?: number | null, head?: string | null): Promise<EventStream>;
  /** A meeting (fresh id unless given) whose participants in the connector stand-in are the local roster with its roles, plus `roles`. */
  meeting(roles?: Record<string, Role>, meetingId?: string): string;
  close(): Promise<void>;
}

export const meetingPath = (meetingId: string, rest = ""): string => `/api/meetings/${encodeURIComponent(meetingId)}${rest}`;

/** Starts the service in local mode (dev issuer, connector stand-in) on 127.0.0.1 port 0; `options.now`: the service's clock (tests that move time). */
export async function startService(env: Record<string, string> = {}, options: Pick<AppOptions, "now" | "heartbeatMs"> = {}): Promise<Service> {
  const tabDir = mkdtempSync(path.join(os.tmpdir(), "okr-tab-"));
  const config = loadConfig({ APP_ENV: "local", PORT: "0", TAB_DIR: tabDir, ...env });
  const app = await createApp(config, { inMemoryStorage: true, ...options });
  const { devIssuer: issuer, connector } = app;
  if (!issuer || !connector) throw new Error("Local mode must provide the dev issuer and the connector stand-in.");
  const streams = new Set<EventStream>();

  const api = async <T>(p: string, options: ApiOptions = {}): Promise<ApiResult<T>> => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let body: string | undefined;
    if (options.body !== undefined) {
      body = typeof options.body === "string" ? options.body : JSON.stringify(options.body);
      headers["content-type"] = options.contentType ?? "application/json";
    }
    const res = await fetch(`${app.url}${p}`, { method: options.method ?? (body === undefined ? "GET" : "POST"), headers, body });
    const text = await res.text();
    const isJson = res.headers.get("content-type")?.includes("json") ?? false;
    return { status: res.status, headers: res.headers, body: (isJson && text ? JSON.parse(text) : text) as T };
  };

  return {
    app,
    url: app.url,
    issuer,
    connector,
    tokenFor: (userId, tenantId = TENANT) => {
      const name = LOCAL_ATTENDEES.find((a) => a.userId === userId)?.name ?? `User ${userId}`;
      return issuer.sign({ oid: userId, tid: tenantId, name });
    },
    api,
    send: (meetingId, token, cmd) => api(meetingPath(meetingId, "/commands"), { token, body: { command: cmd } }),
    openStream: async (meetingId, token, since = null, head) => {
      const abort = new AbortController();
      const headers: Record<string, string> = { accept: "text/event-stream" };
      if (token) headers.authorization = `Bearer ${token}`;
      const params = new URLSearchParams();
      if (since !== null) params.set("since", String(since));
      if (head !== undefined) params.set("head", head ?? "");
      const query = params.size > 0 ? `?${params.toString()}` : "";
      const res = await fetch(`${app.url}${meetingPath(meetingId, "/stream")}${query}`, { headers, signal: abort.signal });
      const stream = new EventStream(res, abort);
      streams.add(stream);
      return stream;
    },
    meeting: (roles = {}, meetingId = `okr-${randomUUID()}==`) => {
      for (const a of LOCAL_ATTENDEES) connector.setRole(meetingId, a.userId, a.role);
      for (const [userId, role] of Object.entries(roles)) connector.setRole(meetingId, userId, role);
      return meetingId;
    },
    close: async () => {
      for (const s of streams) s.close();
      await app.close();
      rmSync(tabDir, { recursive: true, force: true });
    },
  };
}

/** A Teams user as activities name them (Entra object id + display name). */
export interface TeamsUser {
  readonly userId: string;
  readonly name: string;
}

export const teamsUser = (userId: string): TeamsUser => ({ userId, name: LOCAL_ATTENDEES.find((a) => a.userId === userId)?.name ?? `User ${userId}` });

let activityCounter = 0;

/** A Teams activity as the Bot Connector posts it to the bot: a message from `from` in the local meeting chat unless overridden. */
export function teamsActivity(via: Service, from: TeamsUser, overrides: Record<string, unknown> = {}): Record<string, unknown> & { id: string } {
  return {
    type: "message",
    id: `activity-${randomUUID()}-${++activityCounter}`,
    timestamp: new Date().toISOString(),
    serviceUrl: `${via.url}/local/connector/`,
    channelId: "msteams",
    from: { id: `29:${from.userId}`, name: from.name, aadObjectId: from.userId },
    recipient: { id: "28:okr-bot", name: "OKR result meeting" },
    conversation: { id: LOCAL_CHAT_ID, conversationType: "groupChat", isGroup: true, tenantId: TENANT },
    channelData: { tenant: { id: TENANT } },
    locale: "en-US",
    ...overrides,
  };
}

/** A 1:1 chat between the user and the bot. */
export const personalChat = (user: TeamsUser): Record<string, unknown> => ({ id: `a:personal-${user.userId}`, conversationType: "personal", tenantId: TENANT });

/** What an invoke answers in the HTTP response body of POST /api/messages. */
export interface InvokeBody<V = unknown> {
  readonly statusCode?: number;
  readonly type?: string;
  readonly value?: V;
  readonly task?: { readonly type: string; readonly value: { readonly title?: string; readonly card?: { readonly contentType: string; readonly content: CardJson } } };
  readonly composeExtension?: { readonly type: string; readonly attachmentLayout: string; readonly attachments: ReadonlyArray<{ readonly contentType: string; readonly content: CardJson }> };
}

/** An Adaptive Card as JSON, loosely typed for assertions. */
export interface CardJson {
  readonly type: string;
  readonly version: string;
  readonly body: ReadonlyArray<Record<string, unknown>>;
  readonly actions?: ReadonlyArray<Record<string, unknown> & { readonly verb?: string; readonly data?: Record<string, unknown> }>;
  readonly refresh?: { readonly action: { readonly verb: string; readonly data: Record<string, unknown> }; readonly userIds: readonly string[] };
}

export const postActivity = <T = unknown>(via: Service, body: unknown, headers: Record<string, string> = {}): Promise<ApiResult<T>> => via.api<T>("/api/messages", { body, headers });

/** An `adaptiveCard/action` invoke as Teams sends it when `from` presses an Action.Execute (the value is sent as given). */
export function cardInvoke(via: Service, from: TeamsUser, value: unknown, overrides: Record<string, unknown> = {}): Promise<ApiResult<InvokeBody<CardJson>>> {
  return postActivity<InvokeBody<CardJson>>(via, teamsActivity(via, from, { type: "invoke", name: "adaptiveCard/action", value, ...overrides }));
}

/** The well-formed value of an Action.Execute with this verb and data. */
export const executeValue = (verb: string, data: Record<string, unknown> = {}): Record<string, unknown> => ({ action: { type: "Action.Execute", id: verb, verb, data }, trigger: "manual" });

/** Every text of a card (TextBlocks, FactSet facts, input values and labels, action titles), for "the card says …" checks. */
export function cardText(card: unknown): string {
  const out: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (typeof node === "object" && node !== null) {
      for (const [key, value] of Object.entries(node)) {
        if (typeof value === "string" && ["text", "title", "value", "label"].includes(key)) out.push(value);
        else walk(value);
      }
    }
  };
  walk(card);
  return out.join("\n");
}
