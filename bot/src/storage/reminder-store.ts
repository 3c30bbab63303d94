/**
 * @module Action reminders in Table Storage (table `reminders`):
 * - per series (`r.<tenant>.<series>`): the team's settings (`~settings`, ETag writes, a command's id is remembered so
 *   a retry is recognised), one plan per action and owner (`p.<action>.<owner>`: what was sent, the snooze, which
 *   index row is the plan's next reminder) and one `u.<owner>` row per owner reported unreachable (reported once);
 * - the due-index (`due` partition, RowKey `<due ms, 15 digits>.<hash>`): one row per planned reminder, so "what is
 *   due" is one range query. A row is taken by an ETag-conditional lease (`leaseUntil`), marked `sentAt` as soon as
 *   the message is out, then replaced by the plan's next row. See docs/REMINDERS.md.
 */
import { createHash } from "node:crypto";
import { odata, type TableClient } from "@azure/data-tables";
import { DEFAULT_REMINDER_SETTINGS, type ReminderKind, type ReminderProgress, type ReminderSettings } from "../../../shared/src/actions/reminders.js";
import type { Person } from "../../../shared/src/actions/model.js";
import { encodeKey } from "./keys.js";
import { entityOrNull, restStatus } from "./tables.js";

const INDEX_PARTITION = "due";
const SETTINGS_ROW = "~settings";
const RECENT_IDS = 32;

export function reminderPartition(tenantId: string, seriesId: string): string {
  return `r.${encodeKey(tenantId)}.${encodeKey(seriesId)}`;
}

const planRow = (actionId: string, ownerId: string): string => `p.${encodeKey(actionId)}.${encodeKey(ownerId)}`;
const pad = (ms: number): string => String(Math.max(0, Math.floor(ms))).padStart(15, "0");

/** The index row of one reminder: its time first (the range query), then a digest of whose it is (keys stay short). */
export function indexRow(at: number, tenantId: string, seriesId: string, actionId: string, ownerId: string): string {
  const who = createHash("sha256").update(`${tenantId}\n${seriesId}\n${actionId}\n${ownerId}`).digest("base64url").slice(0, 32);
  return `${pad(at)}.${who}`;
}

export interface StoredSettings {
  readonly settings: ReminderSettings;
  readonly version: number;
  readonly updatedBy: Person | null;
  readonly updatedAt: number | null;
}

export interface Plan {
  readonly progress: ReminderProgress;
  /** The index row of the next reminder; "" when none is planned. */
  readonly indexRow: string;
  /** The owner's name as the action had it (the note to the lead names them). */
  readonly ownerName: string;
  readonly etag: string;
}

export interface DueRow {
  readonly rowKey: string;
  readonly tenantId: string;
  readonly seriesId: string;
  readonly actionId: string;
  readonly ownerId: string;
  readonly at: number;
  /** Taken until then (a lease, or a Retry-After); 0 = free. */
  readonly leaseUntil: number;
  /** When the message went out (0 = not yet) and which kind it was. */
  readonly sentAt: number;
  readonly sentKind: ReminderKind | "";
  readonly attempts: number;
  readonly etag: string;
}

interface DueEntity {
  partitionKey: string;
  rowKey: string;
  tenantId: string;
  seriesId: string;
  actionId: string;
  ownerId: string;
  at: number;
  leaseUntil?: number;
  leasedBy?: string;
  sentAt?: number;
  sentKind?: string;
  attempts?: number;
}

interface SettingsEntity {
  partitionKey: string;
  rowKey: string;
  daysBefore: number;
  time: string;
  version: number;
  recent: string;
  updatedBy: string;
  updatedAt: number;
}

interface PlanEntity {
  partitionKey: string;
  rowKey: string;
  progress: string;
  indexRow: string;
  ownerName: string;
}

const dueRowOf = (e: DueEntity & { etag: string }): DueRow => ({
  rowKey: e.rowKey,
  tenantId: e.tenantId,
  seriesId: e.seriesId,
  actionId: e.actionId,
  ownerId: e.ownerId,
  at: e.at,
  leaseUntil: e.leaseUntil ?? 0,
  sentAt: e.sentAt ?? 0,
  sentKind: e.sentKind === "dueSoon" || e.sentKind === "overdue" ? e.sentKind : "",
  attempts: e.attempts ?? 0,
  etag: e.etag,
});

async function orNull<T>(work: () => Promise<T>, ...statuses: number[]): Promise<T | null> {
  try {
    return await work();
  } catch (err) {
    const status = restStatus(err);
    if (status !== undefined && statuses.includes(status)) return null;
    throw err;
  }
}

export class ReminderStore {
  constructor(
    private readonly table: TableClient,
    private readonly now: () => number = Date.now,
  ) {}

  async settings(tenantId: string, seriesId: string): Promise<StoredSettings> {
    const e = await entityOrNull<SettingsEntity>(this.table, reminderPartition(tenantId, seriesId), SETTINGS_ROW);
    if (!e) return { settings: DEFAULT_REMINDER_SETTINGS, version: 0, updatedBy: null, updatedAt: null };
    return { settings: { daysBefore: e.daysBefore, time: e.time }, version: e.version, updatedBy: e.updatedBy ? (JSON.parse(e.updatedBy) as Person) : null, updatedAt: e.updatedAt };
  }

  /** A lead's change, ETag-conditional (412/409: read again and apply again); the same command id again changes nothing. */
  async setSettings(tenantId: string, seriesId: string, commandId: string, next: ReminderSettings, by: Person): Promise<{ readonly stored: StoredSettings; readonly changed: boolean }> {
    const pk = reminderPartition(tenantId, seriesId);
    for (let attempt = 0; attempt < 20; attempt++) {
      const e = await entityOrNull<SettingsEntity>(this.table, pk, SETTINGS_ROW);
      const recent = e ? (JSON.parse(e.recent) as string[]) : [];
      const current = e ? { daysBefore: e.daysBefore, time: e.time } : DEFAULT_REMINDER_SETTINGS;
      if (recent.includes(commandId) || (e && current.daysBefore === next.daysBefore && current.time === next.time)) return { stored: await this.settings(tenantId, seriesId), changed: false };
      const entity: SettingsEntity = {
        partitionKey: pk,
        rowKey: SETTINGS_ROW,
        daysBefore: next.daysBefore,
        time: next.time,
        version: (e?.version ?? 0) + 1,
        recent: JSON.stringify([...recent, commandId].slice(-RECENT_IDS)),
        updatedBy: JSON.stringify({ userId: by.userId, name: by.name }),
        updatedAt: this.now(),
      };
      const written = await orNull(() => (e ? this.table.updateEntity(entity, "Replace", { etag: e.etag }) : this.table.createEntity(entity)), 409, 412);
      if (written) return { stored: { settings: next, version: entity.version, updatedBy: by, updatedAt: entity.updatedAt }, changed: true };
      await new Promise((r) => setTimeout(r, Math.random() * Math.min(200, 5 * 2 ** attempt)));
    }
    throw new Error("Too many concurrent changes to the reminder settings; try again.");
  }

  async plan(tenantId: string, seriesId: string, actionId: string, ownerId: string): Promise<Plan | null> {
    const e = await entityOrNull<PlanEntity>(this.table, reminderPartition(tenantId, seriesId), planRow(actionId, ownerId));
    return e ? { progress: JSON.parse(e.progress) as ReminderProgress, indexRow: e.indexRow, ownerName: e.ownerName, etag: e.etag } : null;
  }

  /** Writes a plan only if nobody changed it since it was read (`etag`; null = it must not exist yet). False on a conflict. */
  async savePlan(tenantId: string, seriesId: string, actionId: string, ownerId: string, plan: Omit<Plan, "etag">, etag: string | null): Promise<boolean> {
    const entity: PlanEntity = { partitionKey: reminderPartition(tenantId, seriesId), rowKey: planRow(actionId, ownerId), progress: JSON.stringify(plan.progress), indexRow: plan.indexRow, ownerName: plan.ownerName };
    const written = await orNull(() => (etag ? this.table.updateEntity(entity, "Replace", { etag }) : this.table.createEntity(entity)), 409, 412);
    return written !== null;
  }

  /**
   * Puts a reminder into the index. Merge, never Replace: if the row exists (the same reminder planned again) its lease
   * and sent mark stay, so planning again never frees a reminder another instance is sending.
   */
  async putIndex(row: string, fields: Pick<DueEntity, "tenantId" | "seriesId" | "actionId" | "ownerId" | "at">): Promise<void> {
    await this.table.upsertEntity<DueEntity>({ partitionKey: INDEX_PARTITION, rowKey: row, ...fields }, "Merge");
  }

  /**
   * Index rows due at `now` (time ≤ now) and free (no lease, or one that ran out), oldest first, at most `limit`: one
   * range query on one partition, read on past rows that are taken (waiting out a Retry-After) so they never starve
   * the rest, at most `scanMax` rows a poll.
   */
  async due(now: number, limit = 100, scanMax = 5_000): Promise<DueRow[]> {
    const filter = odata`PartitionKey eq ${INDEX_PARTITION} and RowKey lt ${pad(now + 1)}`;
    const out: DueRow[] = [];
    let scanned = 0;
    for await (const page of this.table.listEntities<DueEntity>({ queryOptions: { filter } }).byPage({ maxPageSize: 1000 })) {
      for (const e of page) {
        const row = dueRowOf(e);
        if (row.leaseUntil <= now && out.length < limit) out.push(row);
      }
      scanned += page.length;
      if (out.length >= limit || scanned >= scanMax) break;
    }
    return out;
  }

  /** Updates a row only if it is as read (`etag`): a claim, a sent mark, a back-off. The new ETag, or null when someone else changed it. */
  async updateRow(row: DueRow, fields: Partial<Pick<DueEntity, "leaseUntil" | "leasedBy" | "sentAt" | "sentKind" | "attempts">>): Promise<string | null> {
    const result = await orNull(() => this.table.updateEntity({ partitionKey: INDEX_PARTITION, rowKey: row.rowKey, ...fields }, "Merge", { etag: row.etag }), 404, 412);
    return result?.etag ?? null;
  }

  /** Removes an index row (`etag`: only if unchanged since; gone already is fine). */
  async dropRow(rowKey: string, etag?: string): Promise<void> {
    await orNull(() => this.table.deleteEntity(INDEX_PARTITION, rowKey, etag ? { etag } : {}), 404, 412);
  }

  /** True the first time an owner is reported unreachable in the series (the row is the "reported" mark). */
  async markReported(tenantId: string, seriesId: string, ownerId: string): Promise<boolean> {
    const created = await orNull(() => this.table.createEntity({ partitionKey: reminderPartition(tenantId, seriesId), rowKey: `u.${encodeKey(ownerId)}`, at: this.now() }), 409);
    return created !== null;
  }

  /** The owner was reached again: a later failure is worth a new report. */
  async clearReported(tenantId: string, seriesId: string, ownerId: string): Promise<void> {
    await orNull(() => this.table.deleteEntity(reminderPartition(tenantId, seriesId), `u.${encodeKey(ownerId)}`), 404);
  }

  /** Every plan of a series (tests, diagnostics). */
  async plans(tenantId: string, seriesId: string): Promise<Array<{ actionId: string; ownerId: string; plan: Plan }>> {
    const pk = reminderPartition(tenantId, seriesId);
    const out: Array<{ actionId: string; ownerId: string; plan: Plan }> = [];
    for await (const e of this.table.listEntities<PlanEntity>({ queryOptions: { filter: odata`PartitionKey eq ${pk} and RowKey ge ${"p."} and RowKey lt ${"p/"}` } })) {
      const [, a, o] = e.rowKey.split(".");
      out.push({ actionId: Buffer.from(a ?? "", "base64url").toString("utf8"), ownerId: Buffer.from(o ?? "", "base64url").toString("utf8"), plan: { progress: JSON.parse(e.progress) as ReminderProgress, indexRow: e.indexRow, ownerName: e.ownerName, etag: e.etag } });
    }
    return out;
  }
}
