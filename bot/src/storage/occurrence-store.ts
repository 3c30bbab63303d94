/**
 * @module Which occurrence of a Teams meeting is the current one (shared/src/meeting/occurrence.ts). Stored in the
 * first occurrence's partition of the `meetings` table, RowKey `occurrence`, `n` = the current number; absent = 1.
 * It only ever moves forward, by a conditional write from the number the writer saw (insert when absent, ETag update
 * otherwise), so instances racing to move on agree on one next occurrence, never two.
 *
 * Each instance remembers a meeting's current number for a moment (`ttlMs`), so using a meeting costs no extra table
 * read per request; a move made by another instance is seen within that moment. The occurrence's state is read only
 * when a use could move on from it (its end 12 hours ago, as far as this instance knows), not at every look-up.
 */
import type { TableClient } from "@azure/data-tables";
import { earliestMoveByUse, MAX_OCCURRENCE, occurrenceRef, occurrenceStep, parseOccurrence, teamsMeetingRef } from "../../../shared/src/meeting/occurrence.js";
import type { MeetingRef, MeetingState } from "../../../shared/src/meeting/state.js";
import { meetingPartition } from "./keys.js";
import { entityOrNull, restStatus } from "./tables.js";

const ROW = "occurrence";
const MAX_ATTEMPTS = 10;
const MAX_CACHED = 20_000;

interface OccurrenceEntity {
  partitionKey: string;
  rowKey: string;
  n: number;
}

/** An occurrence the caller named (`<id>~<n>`) that does not exist yet. */
export class UnknownOccurrenceError extends Error {
  constructor(meetingId: string) {
    super(`The meeting ${meetingId} has no such occurrence.`);
    this.name = "UnknownOccurrenceError";
  }
}

export interface OccurrenceSource {
  /** The occurrence a request for this meeting is about: the one named, or the Teams meeting's current one (moving on when it is time). */
  current(ref: MeetingRef): Promise<MeetingRef>;
  /** The Teams meeting's current number, remembered for a moment (a stream following "the current one" checks it). */
  number(teams: MeetingRef): Promise<number>;
  /** Another instance said the Teams meeting moved on to occurrence `n`: remembered at once, so a panel reconnecting here finds it. */
  seen(teams: MeetingRef, n: number): void;
}

interface Known {
  readonly n: number;
  /** When `n` was read (or learnt): trusted for `ttlMs`. */
  readonly at: number;
  /** Before this moment no use can move on from occurrence `n` (earliestMoveByUse), so its state need not be read. */
  readonly keptUntil?: number;
}

export class OccurrenceStore implements OccurrenceSource {
  private readonly known = new Map<string, Known>();

  constructor(
    private readonly table: TableClient,
    /** The occurrence's state, to decide whether it is still the current one. */
    private readonly stateOf: (ref: MeetingRef) => Promise<Pick<MeetingState, "phase" | "startedAt" | "endedAt">>,
    private readonly now: () => number = Date.now,
    private readonly ttlMs = 2000,
    /** Called after this instance moved a Teams meeting on to occurrence `n` (the hub tells the open panels). */
    private readonly onMoved: (teams: MeetingRef, n: number) => void = () => undefined,
  ) {}

  /** For someone using the meeting (panel, API, chat card); Teams' start event goes through `startingCall`. */
  async current(ref: MeetingRef): Promise<MeetingRef> {
    const named = parseOccurrence(ref.meetingId);
    const teams = teamsMeetingRef(ref);
    if (named.named) {
      // A past occurrence (the history's records) or the current one: never one that has not begun.
      if (named.n > (await this.number(teams, false))) throw new UnknownOccurrenceError(ref.meetingId);
      return occurrenceRef(teams, named.n);
    }
    const key = cacheKey(teams);
    const hit = this.known.get(key);
    if (hit && this.now() - hit.at < this.ttlMs) return occurrenceRef(teams, hit.n);
    const n = await this.number(teams, false);
    const kept = this.known.get(key);
    if (kept?.n === n && kept.keptUntil !== undefined && this.now() < kept.keptUntil) return occurrenceRef(teams, n);
    const state = await this.stateOf(occurrenceRef(teams, n));
    const now = this.now();
    const step = occurrenceStep(state, now, "use");
    if (step === "next") return occurrenceRef(teams, await this.advance(teams, n));
    const latest = this.known.get(key);
    if (latest?.n === n) this.known.set(key, { ...latest, keptUntil: earliestMoveByUse(state, now) });
    return occurrenceRef(teams, n);
  }

  /** The current occurrence as stored, never moving on (Teams' end event ends this one). */
  async latest(teams: MeetingRef): Promise<MeetingRef> {
    return occurrenceRef(teams, await this.number(teams, false));
  }

  /**
   * Teams says a call of the meeting started: the occurrence it is. One not started yet (prepared for) or running since
   * recently is it; after an ended one the next begins; one left running from an earlier call is ended first
   * (`endLeftRunning`, through the meeting's command path, so its carry-over happens) and then the next begins.
   */
  async startingCall(teams: MeetingRef, endLeftRunning: (ref: MeetingRef) => Promise<void>): Promise<MeetingRef> {
    const n = await this.number(teams, false);
    const ref = occurrenceRef(teams, n);
    const step = occurrenceStep(await this.stateOf(ref), this.now(), "teamsStart");
    if (step === "keep") return ref;
    if (step === "endThenNext") await endLeftRunning(ref);
    return occurrenceRef(teams, await this.advance(teams, n));
  }

  /** The current number, remembered for a moment unless `cached` is false. */
  async number(teams: MeetingRef, cached = true): Promise<number> {
    const key = cacheKey(teams);
    const hit = this.known.get(key);
    if (cached && hit && this.now() - hit.at < this.ttlMs) return hit.n;
    const row = await entityOrNull<OccurrenceEntity>(this.table, meetingPartition(teams), ROW);
    const n = Math.max(row?.n ?? 1, hit?.n ?? 1);
    this.remember(key, n);
    return n;
  }

  /** Moves the Teams meeting on from occurrence `from` to the next; when someone already did, their number. */
  async advance(teams: MeetingRef, from: number): Promise<number> {
    const pk = meetingPartition(teams);
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const row = await entityOrNull<OccurrenceEntity>(this.table, pk, ROW);
      const current = row?.n ?? 1;
      if (current !== from) {
        this.remember(cacheKey(teams), current);
        return current;
      }
      if (from >= MAX_OCCURRENCE) throw new RangeError(`The meeting has reached ${MAX_OCCURRENCE} occurrences.`);
      const next: OccurrenceEntity = { partitionKey: pk, rowKey: ROW, n: from + 1 };
      try {
        if (row) await this.table.updateEntity(next, "Replace", { etag: row.etag });
        else await this.table.createEntity(next);
        this.remember(cacheKey(teams), from + 1);
        this.onMoved(teams, from + 1);
        return from + 1;
      } catch (err) {
        // Another instance moved first (412) or created the row first (409): read what it wrote.
        if (restStatus(err) !== 412 && restStatus(err) !== 409) throw err;
      }
    }
    throw new Error("The meeting's occurrence kept changing; try again.");
  }

  seen(teams: MeetingRef, n: number): void {
    if (Number.isSafeInteger(n) && n >= 1 && n <= MAX_OCCURRENCE) this.remember(cacheKey(teams), n);
  }

  private remember(key: string, n: number): void {
    const before = this.known.get(key);
    this.known.delete(key);
    const current = Math.max(n, before?.n ?? 1);
    // What is known of when the occurrence can move on holds only for the same occurrence.
    this.known.set(key, { n: current, at: this.now(), ...(before?.n === current && before.keptUntil !== undefined ? { keptUntil: before.keptUntil } : {}) });
    if (this.known.size > MAX_CACHED) {
      const oldest = this.known.keys().next().value;
      if (oldest !== undefined) this.known.delete(oldest);
    }
  }
}

const cacheKey = (teams: MeetingRef): string => `${teams.tenantId}\n${teams.meetingId}`;
