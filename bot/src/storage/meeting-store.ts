/**
 * @module The meeting's durable state in Table Storage: one entity per meeting, written only with
 * its ETag. A conflict (412) reloads, decides again and retries; a command id seen before is not applied again.
 *
 * Beside the state (RowKey `state`) the meeting's partition holds one row per applied command, `c.<command id>`
 * with the version it produced and when, written in the same entity group transaction as the state, so the two
 * cannot disagree whichever instance writes. A command resent however much later is answered as a duplicate: the
 * state's `recent` ids are only the fast path; the create of the command row is the check (it fails with 409 when
 * the id was applied before), so a new command costs no extra read. Nothing deletes these rows: they are kept for
 * the meeting's lifetime (about 0.3 KB each, some hundreds per meeting), and are never read except by point reads.
 *
 * A command starts from the state this instance last read or wrote (with that entity's ETag, which the transaction's
 * answer carries), so a command costs one request, the transaction, rather than a read and a write. It is only a
 * guess: if another instance wrote since, the ETag-conditional write fails (412) and the command reads and decides
 * again; a refusal or an unknown outcome (timeout) also reads again before it counts. Reads for panels (snapshot)
 * always go to storage.
 *
 * The state entity also keeps its `head`: the id of the command that produced its version. Commits carry the head
 * they were made on (`base`), so a panel can tell the stored history from one that storage lost (see sse.ts).
 */
import type { TableClient, TransactionAction } from "@azure/data-tables";
import type { MeetingCommand } from "../../../shared/src/meeting/commands.js";
import { decide } from "../../../shared/src/meeting/decide.js";
import type { DomainError } from "../../../shared/src/meeting/errors.js";
import { evolveAll } from "../../../shared/src/meeting/evolve.js";
import { LIMITS } from "../../../shared/src/meeting/section.js";
import { newMeeting, type MeetingRef, type MeetingState } from "../../../shared/src/meeting/state.js";
import type { Commit, Head } from "../../../shared/src/wire/protocol.js";
import { encodeKey, meetingPartition } from "./keys.js";
import { entityOrNull, restStatus } from "./tables.js";
import { KeyedQueue } from "./keyed-queue.js";

const ROW = "state";
/** A string property holds at most 64 KiB (32K UTF-16 characters); stay clear of it. */
const MAX_JSON_CHARS = 30_000;
const MAX_ATTEMPTS = 20;
/** Meetings whose last state this instance keeps as the next command's starting point (oldest out first). */
const MAX_KNOWN = 1_000;

interface StateEntity {
  partitionKey: string;
  rowKey: string;
  version: number;
  state: string;
  /** Recently applied command ids with the version they produced: `[[id, version], …]`. */
  recent: string;
  /** The command that produced `version`; absent at version 0 (and on entities stored before heads existed). */
  head?: string;
}

/** A command applied to the meeting, kept so a late retry is recognised (`commandRow`). */
interface CommandEntity {
  partitionKey: string;
  rowKey: string;
  /** The version the command produced (a command that changed nothing: the version it left). */
  version: number;
  /** True when the command made `version` (it had events): then it is the head of that version. */
  produced: boolean;
  at: number;
}

/** Base64url has no '.', and the state's RowKey has no prefix 'c.': the rows cannot collide. */
const commandRow = (commandId: string): string => `c.${encodeKey(commandId)}`;

/** The stored meeting with the command that produced its version. */
export interface MeetingSnapshot {
  readonly state: MeetingState;
  readonly head: Head;
}

interface Loaded extends MeetingSnapshot {
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
  /** The state each meeting had when this instance last read or wrote it, with its ETag: a command's first guess. */
  private readonly known = new Map<string, Loaded>();

  constructor(
    private readonly table: TableClient,
    private readonly now: () => number = Date.now,
  ) {}

  /** The meeting as stored, created on first use (an empty agenda from the default template). */
  async get(ref: MeetingRef): Promise<MeetingState> {
    return (await this.loadOrCreate(ref)).state;
  }

  /** The meeting as stored with its head, for a snapshot a panel can resume from. */
  async snapshot(ref: MeetingRef): Promise<MeetingSnapshot> {
    const { state, head } = await this.loadOrCreate(ref);
    return { state, head };
  }

  async execute(ref: MeetingRef, command: MeetingCommand): Promise<ExecuteResult> {
    return this.queue.run(meetingPartition(ref), () => this.executeNow(ref, command));
  }

  private async executeNow(ref: MeetingRef, command: MeetingCommand): Promise<ExecuteResult> {
    const pk = meetingPartition(ref);
    const duplicate = (version: number): ExecuteResult => ({ ok: true, duplicate: true, commit: { meetingId: ref.meetingId, version, commandId: command.id, events: [] } });
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const guess = this.known.get(pk);
      const loaded = guess ?? (await this.loadOrCreate(ref));
      // Ids in `recent` were applied, however old the state they are read from.
      const seen = loaded.recent.find(([id]) => id === command.id);
      if (seen) return duplicate(seen[1]);

      const decision = decide(loaded.state, command, this.now());
      if (!decision.ok && guess) {
        // Refused by what may be an old state: refuse only what the stored meeting refuses.
        this.known.delete(pk);
        continue;
      }
      if (!decision.ok) {
        // A retry of a command applied long ago may be refused by the meeting as it is now (e.g. startMeeting once
        // it runs): it is still a duplicate, so look before refusing.
        const earlier = await this.appliedVersion(pk, command.id);
        return earlier === null ? decision : duplicate(earlier);
      }

      // A command that changes nothing still records its id, so a retry after a later change cannot act on it.
      const produced = decision.events.length > 0;
      const version = produced ? loaded.state.version + 1 : loaded.state.version;
      const state: MeetingState = { ...evolveAll(loaded.state, decision.events), version };
      const recent = [...loaded.recent, [command.id, version] as const].slice(-LIMITS.recentCommandIds);
      // A command that changes nothing makes no version, so it does not become the head either.
      const head = produced ? command.id : loaded.head;
      const applied: CommandEntity = { partitionKey: pk, rowKey: commandRow(command.id), version, produced, at: this.now() };
      const actions: TransactionAction[] = [
        ["update", { ...this.toEntity(ref, state, recent, head) }, "Replace", { etag: loaded.etag }],
        ["create", { ...applied }],
      ];
      let etag: string | undefined;
      try {
        // Sub-responses come in the order of the actions; an update's has no row key to look it up by.
        etag = (await this.table.submitTransaction(actions)).subResponses[0]?.etag;
      } catch (err) {
        // Written or not (a timeout does not say), this instance's guess is no longer the stored state.
        this.known.delete(pk);
        const status = restStatus(err);
        // 409: the command row exists, so this id was applied before (here long ago, or by another instance just
        // now). 412: another instance wrote first. Either way nothing was written; look again.
        if (status === 409) {
          const earlier = await this.appliedVersion(pk, command.id);
          if (earlier !== null) return duplicate(earlier);
        }
        // A guess that was only old: nobody is writing now, so look again at once.
        if (status === 412 && guess) continue;
        if (status === 409 || status === 412) {
          // Back off (jittered, growing) so writers do not collide in lockstep.
          await new Promise((r) => setTimeout(r, Math.random() * Math.min(200, 5 * 2 ** attempt)));
          continue;
        }
        throw err;
      }
      if (etag) this.remember(pk, { state, etag, recent, head });
      else this.known.delete(pk);
      return { ok: true, duplicate: false, commit: { meetingId: ref.meetingId, version, commandId: command.id, base: loaded.head, events: decision.events } };
    }
    throw new StorageConflictError(`Too many concurrent changes to meeting ${ref.meetingId}; try again.`);
  }

  /** The version a command produced, if it was ever applied to the meeting; null if never. */
  private async appliedVersion(pk: string, commandId: string): Promise<number | null> {
    const e = await entityOrNull<CommandEntity>(this.table, pk, commandRow(commandId), { queryOptions: { select: ["version"] } });
    return e ? e.version : null;
  }

  private async loadOrCreate(ref: MeetingRef): Promise<Loaded> {
    const pk = meetingPartition(ref);
    for (;;) {
      const entity = await entityOrNull<StateEntity>(this.table, pk, ROW);
      if (entity) {
        return this.remember(pk, {
          state: JSON.parse(entity.state) as MeetingState,
          etag: entity.etag,
          recent: JSON.parse(entity.recent) as Array<[string, number]>,
          head: entity.head ?? null,
        });
      }
      try {
        await this.table.createEntity(this.toEntity(ref, newMeeting(ref), [], null));
      } catch (err) {
        // 409: another request created it at the same moment; read theirs.
        if (restStatus(err) !== 409) throw err;
      }
    }
  }

  /** Keeps `loaded` as the meeting's next starting point (states are immutable values: evolve makes new ones). */
  private remember(pk: string, loaded: Loaded): Loaded {
    this.known.delete(pk);
    this.known.set(pk, loaded);
    if (this.known.size > MAX_KNOWN) this.known.delete(this.known.keys().next().value ?? "");
    return loaded;
  }

  private toEntity(ref: MeetingRef, state: MeetingState, recent: ReadonlyArray<readonly [string, number]>, head: Head): StateEntity {
    const json = JSON.stringify(state);
    if (json.length > MAX_JSON_CHARS) throw new StateTooLargeError(`The meeting's state would exceed ${MAX_JSON_CHARS} characters.`);
    // Table Storage has no null: no head is no property.
    return { partitionKey: meetingPartition(ref), rowKey: ROW, version: state.version, state: json, recent: JSON.stringify(recent), ...(head !== null ? { head } : {}) };
  }
}
