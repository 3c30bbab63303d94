/**
 * @module A meeting's set-up (the template and the summary channel a lead chose on the configuration page), stored
 * in the meeting's own partition of the `meetings` table beside its state: RowKey `setup`, written only with its
 * ETag, in one entity group transaction with a row `u.<b64url save id>` for the client-made id of the save, so a
 * retried save (same id) is recognised however much later and never written twice.
 *
 * Each save is also kept as the series' latest set-up (partition `s.<b64url tenant>.<b64url series>`, RowKey `setup`,
 * ETag-written, the newest `savedAt` wins): Teams shows the configuration page once per meeting chat, so the other
 * occurrences of a recurring meeting (one chat, one series) read the set-up from there until they save their own.
 */
import type { TableClient, TransactionAction } from "@azure/data-tables";
import type { MeetingRef } from "../../../shared/src/meeting/state.js";
import type { MeetingSetup } from "../../../shared/src/wire/setup-protocol.js";
import { encodeKey, meetingPartition } from "./keys.js";
import { entityOrNull, restStatus } from "./tables.js";

const ROW = "setup";
const MAX_ATTEMPTS = 20;
/** Base64url has no '.'; the meeting store's command rows are `c.…` and its state `state`: no collision. */
const saveRow = (saveId: string): string => `u.${encodeKey(saveId)}`;
/** The series' latest set-up; `s.` is no meeting partition (those are `m.…`). */
const seriesPartition = (tenantId: string, seriesId: string): string => `s.${encodeKey(tenantId)}.${encodeKey(seriesId)}`;

interface SetupEntity {
  partitionKey: string;
  rowKey: string;
  revision: number;
  /** The set-up as JSON (a few hundred characters: ids and names are bounded by the wire schema). */
  setup: string;
}

interface SeriesSetupEntity extends SetupEntity {
  /** The meeting whose save this is. */
  meetingId: string;
  savedAt: number;
}

/** A meeting's set-up, or the series' latest when the meeting has none of its own (`inheritedFrom`: that meeting). */
export interface EffectiveSetup {
  readonly setup: MeetingSetup;
  readonly inheritedFrom: string | null;
}

interface SaveEntity {
  partitionKey: string;
  rowKey: string;
  revision: number;
  at: number;
}

export type SetupFields = Omit<MeetingSetup, "revision" | "savedAt">;

export class SetupStore {
  constructor(
    private readonly table: TableClient,
    private readonly now: () => number = Date.now,
  ) {}

  async get(ref: MeetingRef): Promise<MeetingSetup | null> {
    return (await this.load(ref))?.setup ?? null;
  }

  /** The meeting's own set-up, else the latest one saved in any meeting of its series. */
  async effective(ref: MeetingRef, seriesId: string): Promise<EffectiveSetup | null> {
    const own = await this.get(ref);
    if (own) return { setup: own, inheritedFrom: null };
    const latest = await this.loadSeries(ref.tenantId, seriesId);
    return latest ? { setup: latest.setup, inheritedFrom: latest.meetingId } : null;
  }

  /** Saves the meeting's set-up (see `saveOwn`), then keeps it as the series' latest. */
  async save(ref: MeetingRef, seriesId: string, saveId: string, fields: SetupFields): Promise<{ readonly setup: MeetingSetup; readonly duplicate: boolean }> {
    const saved = await this.saveOwn(ref, saveId, fields);
    // After the meeting's own row: a failure here is repaired by the retry (same id: duplicate, then this again).
    await this.saveLatest(ref, seriesId, saved.setup);
    return saved;
  }

  private async saveLatest(ref: MeetingRef, seriesId: string, setup: MeetingSetup): Promise<void> {
    const pk = seriesPartition(ref.tenantId, seriesId);
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const current = await this.loadSeries(ref.tenantId, seriesId);
      // A newer save (another occurrence, another instance) stays; the same one again changes nothing.
      if (current && (current.savedAt > setup.savedAt || (current.savedAt === setup.savedAt && current.meetingId === ref.meetingId))) return;
      const entity: SeriesSetupEntity = { partitionKey: pk, rowKey: ROW, revision: setup.revision, setup: JSON.stringify(setup), meetingId: ref.meetingId, savedAt: setup.savedAt };
      try {
        if (current) await this.table.updateEntity(entity, "Replace", { etag: current.etag });
        else await this.table.createEntity(entity);
        return;
      } catch (err) {
        const status = restStatus(err);
        if (status === 409 || status === 412) continue;
        throw err;
      }
    }
    throw new Error(`Too many concurrent saves of the set-up of series ${seriesId}; try again.`);
  }

  private async loadSeries(tenantId: string, seriesId: string): Promise<{ readonly setup: MeetingSetup; readonly meetingId: string; readonly savedAt: number; readonly etag: string } | null> {
    const e = await entityOrNull<SeriesSetupEntity>(this.table, seriesPartition(tenantId, seriesId), ROW);
    return e && { setup: JSON.parse(e.setup) as MeetingSetup, meetingId: e.meetingId, savedAt: e.savedAt, etag: e.etag };
  }

  /** Saves the set-up under the client-made `saveId`; a save id seen before changes nothing and answers `duplicate`. */
  private async saveOwn(ref: MeetingRef, saveId: string, fields: SetupFields): Promise<{ readonly setup: MeetingSetup; readonly duplicate: boolean }> {
    const pk = meetingPartition(ref);
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const loaded = await this.load(ref);
      const setup: MeetingSetup = { ...fields, savedAt: this.now(), revision: (loaded?.setup.revision ?? 0) + 1 };
      const entity: SetupEntity = { partitionKey: pk, rowKey: ROW, revision: setup.revision, setup: JSON.stringify(setup) };
      const saved: SaveEntity = { partitionKey: pk, rowKey: saveRow(saveId), revision: setup.revision, at: setup.savedAt };
      const actions: TransactionAction[] = [loaded ? ["update", { ...entity }, "Replace", { etag: loaded.etag }] : ["create", { ...entity }], ["create", { ...saved }]];
      try {
        await this.table.submitTransaction(actions);
        return { setup, duplicate: false };
      } catch (err) {
        const status = restStatus(err);
        // 409: this save id was stored before (a retry), or another save created the set-up first; 412: another save wrote first.
        if (status === 409 && (await this.seen(pk, saveId))) {
          const current = await this.load(ref);
          if (current) return { setup: current.setup, duplicate: true };
        }
        if (status === 409 || status === 412) {
          await new Promise((r) => setTimeout(r, Math.random() * Math.min(200, 5 * 2 ** attempt)));
          continue;
        }
        throw err;
      }
    }
    throw new Error(`Too many concurrent saves of the set-up of meeting ${ref.meetingId}; try again.`);
  }

  private async seen(pk: string, saveId: string): Promise<boolean> {
    return (await entityOrNull(this.table, pk, saveRow(saveId), { queryOptions: { select: ["revision"] } })) !== null;
  }

  private async load(ref: MeetingRef): Promise<{ readonly setup: MeetingSetup; readonly etag: string } | null> {
    const e = await entityOrNull<SetupEntity>(this.table, meetingPartition(ref), ROW);
    return e && { setup: JSON.parse(e.setup) as MeetingSetup, etag: e.etag };
  }
}
