/**
 * @module One panel's real-time stream (Server-Sent Events): resumes from the panel's version, sends
 * commits as they are stored, a heartbeat with the server's clock, and drops a client too slow to keep up
 * (it reconnects and takes a snapshot) so it never holds up the others.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { MeetingState } from "../../../shared/src/meeting/state.js";
import { HEARTBEAT_MS, PROTOCOL_VERSION, type Commit, type StreamMessage, type Viewer } from "../../../shared/src/wire/protocol.js";
import type { Hub } from "./hub.js";

/** Bytes queued to one client before it counts as too slow and is dropped. */
const MAX_BUFFERED_BYTES = 512 * 1024;

export interface StreamOptions {
  readonly meetingKey: string;
  /** The hub key of the meeting's series: SIR item changes there are forwarded too. */
  readonly seriesKey?: string;
  readonly since: number | null;
  readonly hub: Hub;
  readonly load: () => Promise<MeetingState>;
  /** Re-checks the caller's role (it can change mid-meeting); null = no longer a participant. */
  readonly refreshViewer: () => Promise<Viewer | null>;
  readonly viewer: Viewer;
  readonly now?: () => number;
  readonly heartbeatMs?: number;
}

export async function openStream(req: IncomingMessage, res: ServerResponse, options: StreamOptions): Promise<void> {
  const now = options.now ?? Date.now;
  res.writeHead(200, {
    "content-type": "text/event-stream; charset=utf-8",
    "cache-control": "no-store",
    connection: "keep-alive",
    "x-accel-buffering": "no",
  });
  res.flushHeaders();
  req.socket.setNoDelay(true);
  req.socket.setKeepAlive(true);

  let closed = false;
  let lastSent = -1;
  let viewer = options.viewer;
  const pending: Commit[] = [];
  let live = false;

  const send = (message: StreamMessage, id?: number): void => {
    if (closed) return;
    if (res.writableLength > MAX_BUFFERED_BYTES) {
      close();
      res.destroy();
      return;
    }
    res.write(`${id !== undefined ? `id: ${id}\n` : ""}data: ${JSON.stringify(message)}\n\n`);
  };
  const sendCommit = (commit: Commit): void => {
    if (commit.version <= lastSent) return;
    lastSent = commit.version;
    send({ type: "commit", commit }, commit.version);
  };

  const unsubscribeCommits = options.hub.subscribe(options.meetingKey, (commit) => (live ? sendCommit(commit) : pending.push(commit)));
  // Items are sent whole with their own version: order against commits does not matter, and a panel reloads the list on reconnect.
  const unsubscribeSir = options.seriesKey ? options.hub.subscribeSir(options.seriesKey, (item) => send({ type: "sirItem", item })) : () => undefined;
  const unsubscribeKpi = options.seriesKey ? options.hub.subscribeKpi(options.seriesKey, (event) => send({ type: "kpi", event })) : () => undefined;
  const unsubscribe = () => {
    unsubscribeCommits();
    unsubscribeSir();
    unsubscribeKpi();
  };
  const heartbeat = setInterval(() => {
    send({ type: "heartbeat", serverTime: now() });
    options.refreshViewer().then(
      (fresh) => {
        if (!fresh) {
          close();
          res.end();
        } else if (fresh.role !== viewer.role) {
          viewer = fresh;
          send({ type: "viewer", viewer });
        }
      },
      () => undefined, // Teams briefly unreachable: keep the stream, try again at the next heartbeat.
    );
  }, options.heartbeatMs ?? HEARTBEAT_MS);
  heartbeat.unref();

  function close(): void {
    if (closed) return;
    closed = true;
    clearInterval(heartbeat);
    unsubscribe();
  }
  req.on("close", close);
  res.on("error", close);

  const state = await options.load();
  send({ type: "hello", protocol: PROTOCOL_VERSION, serverTime: now(), version: state.version });
  const since = options.since;
  const missed = since !== null && since < state.version ? options.hub.since(options.meetingKey, since) : null;
  if (since !== null && since === state.version) {
    lastSent = since;
  } else if (missed && missed.length > 0 && (missed[missed.length - 1]?.version ?? -1) >= state.version) {
    lastSent = since ?? -1;
    for (const commit of missed) sendCommit(commit);
  } else {
    // First connect, a gap this instance cannot fill, or a client ahead of storage: the snapshot is the truth.
    lastSent = state.version;
    send({ type: "snapshot", meeting: state, serverTime: now() }, state.version);
  }
  live = true;
  for (const commit of pending.sort((a, b) => a.version - b.version)) sendCommit(commit);
  pending.length = 0;
}
