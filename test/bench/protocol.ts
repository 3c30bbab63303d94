/** @module The IPC messages between the bench (test/bench/run.ts) and its load-generator processes (test/bench/receiver.ts). */

/** One SSE connection to open: the stream's URL and the attendee's token (none for the bare baseline). */
export interface StreamTarget {
  readonly url: string;
  readonly token?: string;
}

export type ReceiverRequest =
  | { readonly type: "open"; readonly targets: readonly StreamTarget[] }
  | { readonly type: "reset" }
  | { readonly type: "counters" }
  | { readonly type: "report" }
  | { readonly type: "close" }
  | { readonly type: "exit" };

export interface FrameCounters {
  readonly commitFrames: number;
  readonly heartbeatFrames: number;
  readonly otherFrames: number;
  readonly bytes: number;
  readonly connections: number;
  /** Streams that ended (the service closed or dropped them) since the last reset, not by the bench. */
  readonly lostConnections: number;
}

export type ReceiverReply =
  | { readonly type: "started" }
  | { readonly type: "ready"; readonly count: number }
  | { readonly type: "got"; readonly version: number }
  | { readonly type: "reset" }
  | ({ readonly type: "counters" } & FrameCounters)
  | { readonly type: "report"; readonly arrivals: ReadonlyArray<{ readonly version: number; readonly times: readonly number[] }>; readonly sampleFrameBytes: number }
  | { readonly type: "closed" }
  | { readonly type: "error"; readonly message: string };
