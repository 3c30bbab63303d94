/**
 * @module The meeting's durable state in Table Storage: one entity per meeting, written only with
 * its ETag. A conflict (412) reloads, decides again and retries; a command id seen before is not applied again.
 */
import type { TableClient } from "@azure/data-tables";
import type { MeetingCommand } from "../../../shared/src/meeting/commands.js";
import { decide } from "../../../shared/src/meeting/decide.js";
import type { DomainError } from "../../../shared/src/meeting/errors.js";
import { evolveAll } from "../../../shared/src/meeting/evolve.js";
import { LIMITS } from "../../../shared/src/meeting/section.js";
import { newMeeting, type MeetingRef, type MeetingState } from "../../../shared/src/meeting/state.js";
import type { Commit } from "../../../shared/src/wire/protocol.js";
import { meetingPartition } from "./keys.js";
import { restStatus } from "./tables.js";
import { KeyedQueue } from "./keyed-queue.js";

const ROW = "state";
/** A string property holds at most 64 KiB (32K UTF-16 characters); stay clear of it. */
const MAX_JSON_CHARS = 30_000;
const MAX_ATTEMPTS = 20;

interface StateEntity {
  partitionKey: string;
  rowKey: string;
  version: number;
  state: string;
  /** Recently applied command ids with the version they produced: `[[id, version], …]`. */
  recent: string;
}

interface Loaded {
  readonly state: MeetingState;
  readonly etag: string;
  readonly recent: ReadonlyArray<readonly [string, number]>;
}

export type ExecuteResult =
  | { readonly ok: true; readonly commit: Commit; readonly duplicate: boolean }
  | { readonly ok: false; readonly error: DomainError };

export class StorageConflictError extends Error {}
export class StateTooLargeError extends Error {}

export class MeetingStore {
  /** Per-meeting queue: commands for one meeting run one after another in this instance, so instances contend only with each other. */
  private readonly queue = new KeyedQueue();

  constructor(
    private readonly table: TableClient,
    private readonly now: () => number = Date.now,
  ) {}

  /** The meeting as stored, created on first use (an empty agenda from the default template). */
  async get(ref: MeetingRef): Promise<MeetingState> {
    return (await this.loadOrCreate(ref)).state;
  }

  async execute(ref: MeetingRef, command: MeetingCommand): Promise<ExecuteResult> {
    return this.queue.run(meetingPartition(ref), () => this.executeNow(ref, command));
  }

  private async executeNow(ref: MeetingRef, command: MeetingCommand): Promise<ExecuteResult> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const loaded = await this.loadOrCreate(ref);
      const seen = loaded.recent.find(([id]) => id === command.id);
      if (seen) return { ok: true, duplicate: true, commit: { meetingId: ref.meetingId, version: seen[1], commandId: command.id, events: [] } };

      const decision = decide(loaded.state, command, this.now());
      if (!decision.ok) return decision;

      // A command that changes nothing still records its id, so a retry after a later change cannot act on it.
      const version = decision.events.length > 0 ? loaded.state.version + 1 : loaded.state.version;
      const state: MeetingState = { ...evolveAll(loaded.state, decision.events), version };
      const recent = [...loaded.recent, [command.id, version] as const].slice(-LIMITS.recentCommandIds);
      try {
        await this.table.updateEntity(this.toEntity(ref, state, recent), "Replace", { etag: loaded.etag });
      } catch (err) {
        if (restStatus(err) === 412) {
          // Another instance wrote first: back off (jittered, growing) so writers do not collide in lockstep.
          await new Promise((r) => setTimeout(r, Math.random() * Math.min(200, 5 * 2 ** attempt)));
          continue;
        }
        throw err;
      }
      return { ok: true, duplicate: false, commit: { meetingId: ref.meetingId, version, commandId: command.id, events: decision.events } };
    }
    throw new StorageConflictError(`Too many concurrent changes to meeting ${ref.meetingId}; try again.`);
  }

  private async loadOrCreate(ref: MeetingRef): Promise<Loaded> {
    const pk = meetingPartition(ref);
    for (;;) {
      try {
        const entity = await this.table.getEntity<StateEntity>(pk, ROW);
        return {
          state: JSON.parse(entity.state) as MeetingState,
          etag: entity.etag,
          recent: JSON.parse(entity.recent) as Array<[string, number]>,
        };
      } catch (err) {
        if (restStatus(err) !== 404) throw err;
      }
      try {
        await this.table.createEntity(this.toEntity(ref, newMeeting(ref), []));
      } catch (err) {
        // 409: another request created it at the same moment; read theirs.
        if (restStatus(err) !== 409) throw err;
      }
    }
  }

  private toEntity(ref: MeetingRef, state: MeetingState, recent: ReadonlyArray<readonly [string, number]>): StateEntity {
    const json = JSON.stringify(state);
    if (json.length > MAX_JSON_CHARS) throw new StateTooLargeError(`The meeting's state would exceed ${MAX_JSON_CHARS} characters.`);
    return { partitionKey: meetingPartition(ref), rowKey: ROW, version: state.version, state: json, recent: JSON.stringify(recent) };
  }
}
