/**
 * @module The meeting's real-time stream over fetch + ReadableStream (EventSource cannot send the
 * Authorization header). Resumes from the panel's version on every reconnect, with exponential
 * backoff and jitter, and treats a silent connection (no heartbeat) as dropped.
 */
import type { StreamMessage } from "../../../shared/src/wire/protocol.js";
import type { ApiClient, StreamPosition } from "./api-client.js";
import { errorFromResponse } from "./api-client.js";
import { ApiError, isAbort, toApiError } from "./api-error.js";
import { backoffDelay, sleep, STREAM_BACKOFF, type BackoffOptions } from "./backoff.js";
import { HEARTBEAT_MS } from "../../../shared/src/wire/constants.js";
import { SseByteParser } from "./sse-parser.js";

export type StreamStatus = "connecting" | "live" | "reconnecting" | "offline";

/** The service sends a heartbeat every 15 s; two missed ones mean the connection is dead even if TCP has not noticed. */
export const STREAM_IDLE_TIMEOUT_MS = 2 * HEARTBEAT_MS + 5_000;

export interface MeetingStreamOptions {
  readonly api: Pick<ApiClient, "authorizedFetch" | "streamPath">;
  readonly meetingId: string;
  /** The version (and its head) the panel holds; asked again before every (re)connect. */
  readonly since: () => StreamPosition | null;
  readonly onMessage: (message: StreamMessage) => void;
  readonly onStatus: (status: StreamStatus) => void;
  /** The service refused the stream for good (not signed in, not a participant): stop and say so. */
  readonly onFatal: (error: ApiError) => void;
  /** Called when the stream is live again after a drop (the clock is resynced then). */
  readonly onReconnected?: () => void;
  readonly backoff?: BackoffOptions;
  readonly idleTimeoutMs?: number;
}

export interface MeetingStream {
  close(): void;
}

function parseMessage(data: string): StreamMessage | null {
  try {
    const value = JSON.parse(data) as unknown;
    if (typeof value === "object" && value !== null && typeof (value as { type?: unknown }).type === "string") return value as StreamMessage;
  } catch {
    // Ignore a malformed event rather than dropping a healthy connection.
  }
  return null;
}

/** Refusals that will not get better by trying again. 408/429 and 5xx are passing conditions. */
const isFatal = (err: ApiError): boolean => err.kind === "http" && err.status >= 400 && err.status < 500 && err.status !== 408 && err.status !== 429;

export function openMeetingStream(options: MeetingStreamOptions): MeetingStream {
  const backoff = options.backoff ?? STREAM_BACKOFF;
  const idleTimeoutMs = options.idleTimeoutMs ?? STREAM_IDLE_TIMEOUT_MS;
  const lifetime = new AbortController();
  let everLive = false;

  async function readEvents(body: ReadableStream<Uint8Array>, connection: AbortController, onLive: () => void): Promise<void> {
    const reader = body.getReader();
    const parser = new SseByteParser();
    let idle: ReturnType<typeof setTimeout> | null = null;
    const armIdle = (): void => {
      if (idle !== null) clearTimeout(idle);
      idle = setTimeout(() => connection.abort(new DOMException("No heartbeat from the service", "AbortError")), idleTimeoutMs);
    };
    armIdle();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        armIdle();
        for (const event of parser.push(value)) {
          const message = parseMessage(event.data);
          if (!message) continue;
          onLive();
          try {
            options.onMessage(message);
          } catch (err) {
            // A bug in a handler must not tear down the connection every other panel-side feature relies on.
            console.error("Stream message handler failed", err);
          }
        }
      }
    } finally {
      if (idle !== null) clearTimeout(idle);
      reader.releaseLock();
    }
  }

  async function run(): Promise<void> {
    let attempt = 0;
    options.onStatus("connecting");
    while (!lifetime.signal.aborted) {
      const connection = new AbortController();
      const stop = (): void => connection.abort();
      lifetime.signal.addEventListener("abort", stop, { once: true });
      let live = false;
      try {
        const res = await options.api.authorizedFetch(options.api.streamPath(options.meetingId, options.since()), {
          headers: { accept: "text/event-stream" },
          cache: "no-store",
          signal: connection.signal,
        });
        if (!res.ok) throw await errorFromResponse(res);
        if (!res.body) throw new ApiError("protocol", res.status, "protocol", "The stream response has no body.");
        await readEvents(res.body, connection, () => {
          if (live) return;
          live = true;
          attempt = 0;
          options.onStatus("live");
          if (everLive) options.onReconnected?.();
          everLive = true;
        });
        // The service ended the stream (a restart or deploy): reconnect like after any drop.
      } catch (err) {
        if (lifetime.signal.aborted) return;
        if (!isAbort(err)) {
          const error = toApiError(err);
          if (isFatal(error)) {
            options.onStatus("offline");
            options.onFatal(error);
            return;
          }
        }
      } finally {
        lifetime.signal.removeEventListener("abort", stop);
      }
      if (lifetime.signal.aborted) return;
      options.onStatus("reconnecting");
      try {
        await sleep(backoffDelay(attempt++, backoff), lifetime.signal);
      } catch {
        return; // Closed while waiting.
      }
    }
  }

  void run();
  return { close: () => lifetime.abort() };
}
