/**
 * @module One panel's real-time stream (Server-Sent Events): resumes from the panel's version, sends
 * commits as they are stored, a heartbeat with the server's clock, and drops a client too slow to keep up
 * (it reconnects and takes a snapshot) so it never holds up the others.
 *
 * A panel resumes only from a position this service can vouch for: its version `since` and the command that made
 * it (`head`) must be the stored history's: the state's head when nothing was missed, else the first missed commit's
 * base (every commit names the head it was made on), and the last missed commit must have made the stored head.
 * A panel ahead of storage, on another history (storage lost commits and the version came round again) or not
 * naming its head gets a snapshot, so it never applies commits on top of a state the service does not have.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { MeetingState } from "../../../shared/src/meeting/state.js";
import { HEARTBEAT_MS, PROTOCOL_VERSION, type Commit, type Head, type StreamMessage, type Viewer } from "../../../shared/src/wire/protocol.js";
import type { Hub } from "./hub.js";

/** How often a lead's stream re-checks the role (the role cache trusts a lead's role as long; see teams/roles.ts). */
export const LEAD_RECHECK_MS = 2_000;

/** Bytes queued to one client before it counts as too slow and is dropped. */
const MAX_BUFFERED_BYTES = 512 * 1024;

/**
 * SSE frames of broadcast messages, one per broadcast object: the hub hands the same commit (SIR item, KPI event)
 * to every stream of the key, so it is serialised once and the same string is written to each of them.
 */
const frames = new WeakMap<object, string>();

function frame(message: StreamMessage, id?: number): string {
  return `${id !== undefined ? `id: ${id}\n` : ""}data: ${JSON.stringify(message)}\n\n`;
}

/** The frame of a broadcast `value`, built by `make` the first time any stream sends it. */
export function sharedFrame(value: object, make: () => string): string {
  let text = frames.get(value);
  if (text === undefined) frames.set(value, (text = make()));
  return text;
}

export interface StreamOptions {
  readonly meetingKey: string;
  /** The hub key of the meeting's series: SIR item changes there are forwarded too. */
  readonly seriesKey?: string;
  readonly since: number | null;
  /** The command that made the panel's version `since`; undefined when the panel did not say (it then gets a snapshot). */
  readonly head: Head | undefined;
  readonly hub: Hub;
  readonly load: () => Promise<{ readonly state: MeetingState; readonly head: Head }>;
  /** Re-checks the caller's role (it can change mid-meeting); null = no longer a participant. */
  readonly refreshViewer: () => Promise<Viewer | null>;
  /** Calls back when the caller's role is known to have changed, so the stream re-checks at once; returns the unsubscribe. */
  readonly watchViewer?: (changed: () => void) => () => void;
  /** How often a stream whose viewer drives the meeting re-checks the role (default LEAD_RECHECK_MS). */
  readonly leadRecheckMs?: number;
  readonly viewer: Viewer;
  /**
   * The stream follows "the current occurrence" of a recurring Teams meeting (it was opened with Teams' id): when
   * the meeting moves on to its next occurrence, the stream ends and the panel reconnects to that one (whose
   * snapshot it takes). Told through the hub at once; checked again at every heartbeat in case that message was lost.
   */
  readonly occurrence?: {
    /** The hub key of the Teams meeting (its first occurrence's partition). */
    readonly key: string;
    /** The occurrence this stream is of. */
    readonly n: number;
    /** The current number as this instance knows it. */
    readonly current: () => Promise<number>;
    /** Remembers a number the hub brought, before the panel reconnects. */
    readonly seen: (n: number) => void;
  };
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

  const write = (text: string): void => {
    if (closed) return;
    if (res.writableLength > MAX_BUFFERED_BYTES) {
      close();
      res.destroy();
      return;
    }
    res.write(text);
  };
  const send = (message: StreamMessage, id?: number): void => write(frame(message, id));
  const sendCommit = (commit: Commit): void => {
    if (commit.version <= lastSent) return;
    lastSent = commit.version;
    write(sharedFrame(commit, () => frame({ type: "commit", commit }, commit.version)));
  };

  const unsubscribeCommits = options.hub.subscribe(options.meetingKey, (commit) => (live ? sendCommit(commit) : pending.push(commit)));
  // Items are sent whole with their own version: order against commits does not matter, and a panel reloads the list on reconnect.
  const unsubscribeSir = options.seriesKey ? options.hub.subscribeSir(options.seriesKey, (item) => write(sharedFrame(item, () => frame({ type: "sirItem", item })))) : () => undefined;
  const unsubscribeKpi = options.seriesKey ? options.hub.subscribeKpi(options.seriesKey, (event) => write(sharedFrame(event, () => frame({ type: "kpi", event })))) : () => undefined;
  const unsubscribeActions = options.seriesKey ? options.hub.subscribeAction(options.seriesKey, (action) => write(sharedFrame(action, () => frame({ type: "action", action })))) : () => undefined;
  const unsubscribeRating = options.hub.subscribeRating(options.meetingKey, (rating) => write(sharedFrame(rating, () => frame({ type: "rating", rating }))));
  // Good news is the meeting's own (not the series'): sent whole, a panel keeps the highest version.
  const unsubscribeGoodNews = options.hub.subscribeGoodNews(options.meetingKey, (item) => write(sharedFrame(item, () => frame({ type: "goodNews", item }))));
  const unsubscribePriorities = options.seriesKey ? options.hub.subscribePriority(options.seriesKey, (event) => write(sharedFrame(event, () => frame({ type: "priority", event })))) : () => undefined;
  // This instance may have missed changes (cut off from the other instances): end the stream; the panel reconnects
  // with its version and head, and gets the missed commits or a snapshot, and reloads its SIR items and KPI board.
  const unsubscribeResync = options.hub.subscribeResync(() => {
    close();
    res.end();
  });
  const occurrence = options.occurrence;
  const moved = (n: number): void => {
    if (closed || !occurrence || n <= occurrence.n) return;
    occurrence.seen(n);
    close();
    res.end();
  };
  const checkOccurrence = (): void => {
    occurrence?.current().then(moved, () => undefined); // Storage briefly unreachable: the next heartbeat checks again.
  };
  const unsubscribeOccurrence = occurrence ? options.hub.subscribeOccurrence(occurrence.key, moved) : () => undefined;
  const recheckViewer = (): void => {
    if (closed) return;
    options.refreshViewer().then(
      (fresh) => {
        if (closed) return;
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
  };
  // A role change the service learns of (a refresh for another request, or Teams telling it) reaches the panel at once.
  const unwatchViewer = options.watchViewer?.(recheckViewer) ?? (() => undefined);
  const unsubscribe = () => {
    unsubscribeCommits();
    unsubscribeSir();
    unsubscribeKpi();
    unsubscribeActions();
    unsubscribeRating();
    unsubscribeGoodNews();
    unsubscribePriorities();
    unsubscribeResync();
    unsubscribeOccurrence();
    unwatchViewer();
  };
  const heartbeat = setInterval(() => {
    send({ type: "heartbeat", serverTime: now() });
    recheckViewer();
    checkOccurrence();
  }, options.heartbeatMs ?? HEARTBEAT_MS);
  heartbeat.unref();
  // Someone who drives the meeting is re-checked every few seconds: a demoted presenter must lose the controls soon.
  // Cheap: the role cache makes at most one call per lead per lead TTL, within the meeting's budget.
  const leadRecheck = setInterval(() => {
    if (viewer.capabilities.includes("meeting:drive")) recheckViewer();
  }, options.leadRecheckMs ?? LEAD_RECHECK_MS);
  leadRecheck.unref();

  function close(): void {
    if (closed) return;
    closed = true;
    clearInterval(heartbeat);
    clearInterval(leadRecheck);
    unsubscribe();
  }
  req.on("close", close);
  res.on("error", close);

  const { state, head } = await options.load();
  send({ type: "hello", protocol: PROTOCOL_VERSION, serverTime: now(), version: state.version });
  const since = options.since;
  const claimed = options.head;
  // Only up to the stored version: commits this instance remembers beyond it belong to a history storage lost.
  // (The filter captures the number, not `state`: a closure's capture would keep this stream's copy of the whole
  // meeting alive as long as the stream, a few KB per subscriber.)
  const storedVersion = state.version;
  const missed = since !== null && since < storedVersion ? (options.hub.since(options.meetingKey, since)?.filter((c) => c.version <= storedVersion) ?? null) : null;
  const first = missed?.[0];
  const last = missed?.[missed.length - 1];
  if (since !== null && since === state.version && claimed !== undefined && claimed === head) {
    lastSent = since;
  } else if (missed && claimed !== undefined && first?.base === claimed && last?.version === state.version && last.commandId === head) {
    lastSent = since ?? -1;
    for (const commit of missed) sendCommit(commit);
  } else {
    // First connect, a gap this instance cannot fill, a client ahead of storage or on a history storage does not
    // have: the snapshot is the truth.
    lastSent = state.version;
    // Streams that opened together share the loaded state (see CoalescedReads), and so its one serialised frame.
    write(sharedFrame(state, () => frame({ type: "snapshot", meeting: state, head, serverTime: now() }, state.version)));
  }
  live = true;
  for (const commit of pending.sort((a, b) => a.version - b.version)) sendCommit(commit);
  pending.length = 0;
  // A move between this request's look-up and the subscription above would otherwise wait for a heartbeat.
  checkOccurrence();
}
