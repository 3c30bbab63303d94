/** @module The wire between panel and service: request bodies, responses and stream messages, one union per direction. */
import type { RatingStreamEvent } from "../rating/rating.js";
import type { Action } from "../actions/model.js";
import type { GoodNewsItem } from "../goodnews/model.js";
import type { PriorityStreamEvent } from "./priorities-protocol.js";
import { z } from "zod";
import type { Capability, Role } from "../auth/capabilities.js";
import { MeetingCommand } from "../meeting/commands.js";
import type { MeetingEvent } from "../meeting/events.js";
import type { MeetingState } from "../meeting/state.js";
import type { SirItem } from "../sir/item.js";
import type { KpiStreamEvent } from "./kpi-protocol.js";

export { HEARTBEAT_MS, MAX_BODY_BYTES, PROTOCOL_VERSION } from "./constants.js";

/** Teams meeting ids are opaque base64-ish strings; bound them and keep them printable. */
export const MeetingIdParam = z.string().min(1).max(512).regex(/^[\x21-\x7e]+$/, "must be printable ASCII without spaces");

export const CommandRequest = z.strictObject({ command: MeetingCommand });
export type CommandRequest = z.infer<typeof CommandRequest>;

/** Who the caller is in this meeting, as the service sees it (identity from the token, role from Teams). */
export interface Viewer {
  readonly userId: string;
  readonly tenantId: string;
  readonly name: string;
  readonly role: Role;
  readonly capabilities: readonly Capability[];
}

/**
 * The id of the command that produced a meeting's current version (null at version 0). With the version it names
 * one history: a panel resumes the stream with both, and applies a commit only on top of the head it names as `base`.
 */
export type Head = string | null;

export interface SnapshotResponse {
  readonly protocol: number;
  readonly meeting: MeetingState;
  readonly head: Head;
  readonly viewer: Viewer;
  /** The server's clock when the snapshot was taken. */
  readonly serverTime: number;
}

export interface CommandResponse {
  readonly version: number;
  /** True when this command id had already been applied: nothing was applied again. */
  readonly duplicate: boolean;
  readonly serverTime: number;
}

export interface TimeResponse {
  readonly serverTime: number;
}

/** Every 4xx/5xx body. `code` is stable for programs; `message` says what is wrong and what to do. */
export interface ErrorResponse {
  readonly error: { readonly code: string; readonly message: string; readonly issues?: readonly string[] };
}

/** One stored change, as broadcast: the events of one command and the version they produced. */
export interface Commit {
  readonly meetingId: string;
  readonly version: number;
  /** The command that produced this version: the meeting's head once it is applied. */
  readonly commandId: string;
  /**
   * The head this commit was made on (the command id of version − 1; null on version 1). A copy whose head differs
   * took another history (storage lost commits, or a copy from the future) and must take a snapshot instead.
   * Absent only on commits made outside the service (tests' own builders): then not checked.
   */
  readonly base?: Head;
  readonly events: readonly MeetingEvent[];
}

/** Messages on the real-time stream (server → panel). */
export type StreamMessage =
  | { readonly type: "hello"; readonly protocol: number; readonly serverTime: number; readonly version: number }
  | { readonly type: "snapshot"; readonly meeting: MeetingState; readonly head: Head; readonly serverTime: number }
  | { readonly type: "commit"; readonly commit: Commit }
  | { readonly type: "heartbeat"; readonly serverTime: number }
  /** A SIR item of the meeting's series changed (from the panel or from chat); replace the copy with a lower version. */
  | { readonly type: "sirItem"; readonly item: SirItem }
  /** The series' KPI board changed: apply the change (higher versions win), or read the board again. */
  | { readonly type: "kpi"; readonly event: KpiStreamEvent }
  /** An action of the meeting's series changed; replace the copy with a lower version. */
  | { readonly type: "action"; readonly action: Action }
  /** Someone rated the meeting: its count and average now (the newest `at` wins; see shared/src/rating/rating.ts). */
  | { readonly type: "rating"; readonly rating: RatingStreamEvent }
  /** A good-news item of this meeting changed; replace the copy with a lower version. */
  | { readonly type: "goodNews"; readonly item: GoodNewsItem }
  /** The series' priorities round changed (a saved entry, the walk moved on); higher versions win. */
  | { readonly type: "priority"; readonly event: PriorityStreamEvent }
  /** The caller's role changed in Teams (e.g. made presenter mid-meeting): controls appear or disappear. */
  | { readonly type: "viewer"; readonly viewer: Viewer };
