/**
 * @module A team's KPI board in Table Storage. Two partitions per series: definitions (settings, objectives,
 * KPIs/key results, the people the board knows), read whole in one query; and weekly values, one small entity
 * per KPI and week with the week first in its RowKey, so the weeks a board shows are one range query and years
 * of history never grow any entity. Every write is ETag-conditional; a conflict reloads and decides again.
 *
 * Every applied command also leaves a row `c.<command id>` (the row it changed, and when) in the partition it wrote,
 * created in the same transaction as the change: a command resent however much later fails on that row (409) and is
 * answered as not applied again, so an old retry cannot overwrite later values. Each row's `recent` ids are only the
 * fast path. The rows are kept for the board's lifetime (nothing deletes KPI rows; about 0.3 KB per command); the
 * board's read skips them by RowKey range and the weeks' range queries never reach them ('c' sorts after digits).
 */
import { odata, type TableClient, type TableEntity, type TransactionAction } from "@azure/data-tables";
import { isValueCommand, type KpiCommand } from "../../../shared/src/kpi/commands.js";
import { currentWeekOf, decideKpi, KPI_HISTORY_WEEKS, type KpiActor, type KpiBoard, type KpiChange, type KpiError, type KpiResult } from "../../../shared/src/kpi/decide.js";
import { DEFAULT_TIME_ZONE, KPI_LIMITS, type BoardSettings, type Metric, type Objective, type Person, type WeeklyValue } from "../../../shared/src/kpi/model.js";
import { nextReminderAt } from "../../../shared/src/kpi/reminder.js";
import { addWeeks, compareWeeks, type IsoWeek } from "../../../shared/src/kpi/week.js";
import type { KpiStreamEvent } from "../../../shared/src/wire/kpi-protocol.js";
import { KeyedQueue } from "./keyed-queue.js";
import { encodeKey } from "./keys.js";
import { entityOrNull, restStatus } from "./tables.js";

const MAX_ATTEMPTS = 20;
/** Applied command ids kept per entity, so a retry after a later change cannot act again. */
const RECENT_IDS = 16;
/** The most weeks one read returns: five years of history (the CSV export), as far back as values can be written. */
export const HISTORY_WEEKS_MAX = KPI_HISTORY_WEEKS;

const SETTINGS_ROW = "settings";
const PEOPLE_ROW = "people";
const objectiveRow = (id: string): string => `o.${id}`;
const metricRow = (id: string): string => `m.${id}`;
/** Base64url has no '.'; no other row of either partition starts with 'c.' (definitions: settings, people, o., m.; values: a week). */
const commandRow = (commandId: string): string => `c.${encodeKey(commandId)}`;
const COMMAND_ROWS_FROM = "c.";
const COMMAND_ROWS_TO = "c/";
/** Week first: "2026-W48.kpi-…" sorts by week, so a window of weeks is a RowKey range. */
const valueRow = (week: IsoWeek, metricId: string): string => `${week}.${metricId}`;

/** The reminder index: one row per board with a reminder, keyed by when it is due, so "what is due" is one range query. */
const REMINDERS_PARTITION = "reminders";
const reminderRow = (dueAt: number, tenantId: string, seriesId: string): string => `${String(dueAt).padStart(15, "0")}.${encodeKey(tenantId)}.${encodeKey(seriesId)}`;

export interface DueReminder {
  readonly row: string;
  readonly etag: string;
  readonly tenantId: string;
  readonly seriesId: string;
  readonly dueAt: number;
  /** Taken by an instance already (it went out, or was dropped as stale); only its clean-up is left. */
  readonly claimed: boolean;
}

export const kpiDefinitionsPartition = (tenantId: string, seriesId: string): string => `d.${encodeKey(tenantId)}.${encodeKey(seriesId)}`;
export const kpiValuesPartition = (tenantId: string, seriesId: string): string => `v.${encodeKey(tenantId)}.${encodeKey(seriesId)}`;

interface JsonEntity {
  partitionKey: string;
  rowKey: string;
  json: string;
  recent: string;
  /** Settings row only: the board's revision. */
  rev?: number;
}

/** A command applied to the board, kept so a late retry is recognised (`commandRow`). */
interface CommandEntity {
  partitionKey: string;
  rowKey: string;
  /** The RowKey the command changed. */
  row: string;
  at: number;
}

interface ValueEntity extends JsonEntity {
  metricId: string;
  week: string;
}

/** The definitions as stored, with each row's ETag for conditional writes. */
export interface LoadedBoard {
  readonly board: KpiBoard;
  readonly people: readonly Person[];
  readonly etags: ReadonlyMap<string, string>;
  readonly recent: ReadonlyMap<string, readonly string[]>;
  /** The board's revision: moved by every definition change, so board-wide rules hold across instances. */
  readonly revision: number;
}

export type KpiStoreResult = KpiResult;

export class KpiStorageConflictError extends Error {}

/** One change, or (after a bulk write such as an import) "many changed: read the board again". */
export type KpiStoreEvent = KpiStreamEvent;
export type KpiChangeListener = (tenantId: string, seriesId: string, event: KpiStoreEvent) => void;

export type RecordValueCommand = Extract<KpiCommand, { type: "recordValue" }>;
export type BulkResult = { readonly ok: true; readonly written: number } | { readonly ok: false; readonly errors: readonly { readonly index: number; readonly error: KpiError }[] };

/** Table Storage takes at most 100 operations per transaction, all in one partition. */
const BATCH = 100;

export class KpiStore {
  /** Per-board queue: one instance applies a board's commands one after another; instances contend only with each other. */
  private readonly queue = new KeyedQueue();
  private readonly listeners = new Set<KpiChangeListener>();
  /** People this instance knows are on a board already (partition → user ids), so a panel opening costs no write. */
  private readonly knownPeople = new Map<string, Map<string, string>>();

  constructor(
    private readonly table: TableClient,
    private readonly now: () => number = Date.now,
  ) {}

  /** Called after every stored change, from the panel, the chat card or an import. */
  onChange(listener: KpiChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The board's definitions and people: one partition query (a few hundred small rows at most). */
  async loadBoard(tenantId: string, seriesId: string): Promise<LoadedBoard> {
    const pk = kpiDefinitionsPartition(tenantId, seriesId);
    let settings: BoardSettings = { timeZone: DEFAULT_TIME_ZONE, version: 0 };
    let people: Person[] = [];
    const objectives: Objective[] = [];
    const metrics: Metric[] = [];
    const etags = new Map<string, string>();
    const recent = new Map<string, readonly string[]>();
    let revision = 0;
    // The command rows (one per applied command, growing with the board's age) are not definitions: skip their range.
    const filter = odata`PartitionKey eq ${pk} and (RowKey lt ${COMMAND_ROWS_FROM} or RowKey ge ${COMMAND_ROWS_TO})`;
    const pages = this.table.listEntities<JsonEntity>({ queryOptions: { filter } }).byPage({ maxPageSize: 1000 });
    for await (const page of pages) {
      for (const e of page) {
        etags.set(e.rowKey, e.etag);
        recent.set(e.rowKey, JSON.parse(e.recent ?? "[]") as string[]);
        if (e.rowKey === SETTINGS_ROW) {
          settings = JSON.parse(e.json) as BoardSettings;
          revision = typeof e.rev === "number" ? e.rev : 0;
        }
        else if (e.rowKey === PEOPLE_ROW) people = JSON.parse(e.json) as Person[];
        else if (e.rowKey.startsWith("o.")) objectives.push(JSON.parse(e.json) as Objective);
        else if (e.rowKey.startsWith("m.")) metrics.push(JSON.parse(e.json) as Metric);
      }
    }
    const byCreation = <T extends { createdAt: number; id: string }>(a: T, b: T) => a.createdAt - b.createdAt || a.id.localeCompare(b.id);
    return { board: { settings, objectives: objectives.sort(byCreation), metrics: metrics.sort(byCreation) }, people, etags, recent, revision };
  }

  /** Weekly values of weeks `from`…`to` (inclusive), all KPIs: one range query, paged. */
  async values(tenantId: string, seriesId: string, from: IsoWeek, to: IsoWeek): Promise<WeeklyValue[]> {
    const pk = kpiValuesPartition(tenantId, seriesId);
    const out: WeeklyValue[] = [];
    const filter = odata`PartitionKey eq ${pk} and RowKey ge ${`${from}.`} and RowKey lt ${`${to}/`}`;
    const pages = this.table.listEntities<ValueEntity>({ queryOptions: { filter, select: ["json"] } }).byPage({ maxPageSize: 1000 });
    for await (const page of pages) for (const e of page) out.push(JSON.parse(e.json) as WeeklyValue);
    return out;
  }

  /** The team's week now, by this store's clock. */
  currentWeek(board: Pick<KpiBoard, "settings">): IsoWeek {
    return currentWeekOf(board, this.now());
  }

  /** The last `weeks` weeks up to the team's current week. */
  async recentValues(tenantId: string, seriesId: string, board: KpiBoard, weeks: number): Promise<{ readonly currentWeek: IsoWeek; readonly values: WeeklyValue[] }> {
    const currentWeek = currentWeekOf(board, this.now());
    const n = Math.min(Math.max(1, weeks), HISTORY_WEEKS_MAX);
    return { currentWeek, values: await this.values(tenantId, seriesId, addWeeks(currentWeek, -(n - 1)), currentWeek) };
  }

  /** Adds a person to the board's people (owners to choose from) the first time they are seen, or when their name changed. */
  async rememberPerson(tenantId: string, seriesId: string, who: Person): Promise<void> {
    // Bounded whatever the caller passes: 200 people of at most 100 characters stay far below the 64 KiB property limit.
    const person: Person = { userId: who.userId.slice(0, 128), name: who.name.slice(0, 100) };
    const pk = kpiDefinitionsPartition(tenantId, seriesId);
    const known = this.knownPeople.get(pk);
    if (known?.get(person.userId) === person.name) return;
    for (let attempt = 0; attempt < 8; attempt++) {
      const entity = await entityOrNull<JsonEntity>(this.table, pk, PEOPLE_ROW);
      const people = entity ? (JSON.parse(entity.json) as Person[]) : [];
      const before = people.find((p) => p.userId === person.userId);
      if (before?.name !== person.name) {
        // Most recently seen last; past the cap the longest-unseen person falls off (their KPIs keep their owner).
        const next = [...people.filter((p) => p.userId !== person.userId), { userId: person.userId, name: person.name }].slice(-KPI_LIMITS.peopleMax);
        const row: JsonEntity = { partitionKey: pk, rowKey: PEOPLE_ROW, json: JSON.stringify(next), recent: "[]" };
        try {
          if (entity) await this.table.updateEntity(row, "Replace", { etag: entity.etag });
          else await this.table.createEntity(row);
        } catch (err) {
          const status = restStatus(err);
          if (status === 412 || status === 409) continue;
          throw err;
        }
        this.remember(pk, next);
      } else {
        this.remember(pk, people);
      }
      return;
    }
  }

  private remember(pk: string, people: readonly Person[]): void {
    if (this.knownPeople.size > 10_000) this.knownPeople.clear();
    this.knownPeople.set(pk, new Map(people.map((p) => [p.userId, p.name])));
  }

  execute(tenantId: string, seriesId: string, command: KpiCommand, actor: KpiActor): Promise<KpiStoreResult> {
    return this.queue.run(kpiDefinitionsPartition(tenantId, seriesId), () => this.executeNow(tenantId, seriesId, command, actor));
  }

  private async executeNow(tenantId: string, seriesId: string, command: KpiCommand, actor: KpiActor): Promise<KpiStoreResult> {
    const defs = kpiDefinitionsPartition(tenantId, seriesId);
    const vals = kpiValuesPartition(tenantId, seriesId);
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const loaded = await this.loadBoard(tenantId, seriesId);
      let stored: { value: WeeklyValue; etag: string; recent: readonly string[] } | null = null;
      if (isValueCommand(command)) stored = await this.loadValue(vals, valueRow(command.week, command.metricId));

      const decision = decideKpi(loaded.board, stored?.value ?? null, command, actor, { now: this.now() });
      if (!decision.ok || !decision.changed) return decision;

      const { pk, row } = this.rowOf(decision.change, defs, vals);
      const before = decision.change.kind === "value" ? stored : loaded.etags.has(row) ? { etag: loaded.etags.get(row) ?? "*", recent: loaded.recent.get(row) ?? [] } : null;
      // A command id already applied to this row (a retry arriving after a later change) is not applied again.
      if (before?.recent.includes(command.id)) return { ...decision, changed: false };
      const recent = JSON.stringify([...(before?.recent ?? []), command.id].slice(-RECENT_IDS));
      const entity = this.entityOf(decision.change, pk, row, recent);
      if (decision.change.kind === "settings") {
        // A settings change is itself a new revision of the board.
        entity.rev = loaded.revision + 1;
        // The reminder's index row goes in first: if the settings write then fails, the row is found stale when it
        // comes due and replaced by the right one; written after, a failure in between would lose the reminder.
        await this.scheduleReminder(tenantId, seriesId, decision.change.settings, this.now());
      }
      const own: TransactionAction = before ? ["update", { ...entity }, "Replace", { etag: before.etag }] : ["create", { ...entity }];
      const applied: CommandEntity = { partitionKey: pk, rowKey: commandRow(command.id), row, at: this.now() };
      const actions: TransactionAction[] = [own, ["create", { ...applied }]];
      if (decision.change.kind === "objective" || decision.change.kind === "metric") {
        // Rules across the board (limits, unique names, a key result's objective) were decided on all definitions:
        // the write also moves the board's revision (the settings row), so a concurrent definition change on
        // another instance fails its transaction and decides again on this one.
        const settingsEtag = loaded.etags.get(SETTINGS_ROW);
        actions.push(
          settingsEtag
            ? ["update", { partitionKey: defs, rowKey: SETTINGS_ROW, rev: loaded.revision + 1 }, "Merge", { etag: settingsEtag }]
            : ["create", { partitionKey: defs, rowKey: SETTINGS_ROW, json: JSON.stringify(loaded.board.settings), recent: "[]", rev: 1 }],
        );
      }
      try {
        await this.table.submitTransaction(actions);
      } catch (err) {
        const status = restStatus(err);
        // 409 may be the command row: this id was applied before (long ago, or by another instance just now).
        if (status === 409 && (await this.wasApplied(pk, command.id))) return { ...decision, changed: false };
        // 412: another instance wrote first; 409: another instance created a row first. Decide again on theirs.
        if (status === 412 || status === 409) {
          await new Promise((r) => setTimeout(r, Math.random() * Math.min(200, 5 * 2 ** attempt)));
          continue;
        }
        throw err;
      }
      this.emit(tenantId, seriesId, { type: "change", change: decision.change });
      return decision;
    }
    throw new KpiStorageConflictError("Too many concurrent changes to this KPI board; try again.");
  }

  /** Puts the board's next reminder after `after` into the index; null when the board has none. */
  async scheduleReminder(tenantId: string, seriesId: string, settings: BoardSettings, after: number): Promise<number | null> {
    if (!settings.reminder) return null;
    const dueAt = nextReminderAt(after, settings.reminder, settings.timeZone);
    await this.table.upsertEntity({ partitionKey: REMINDERS_PARTITION, rowKey: reminderRow(dueAt, tenantId, seriesId), tenantId, seriesId, dueAt }, "Replace");
    return dueAt;
  }

  /** Reminders due at `now`, oldest first, at most `limit`. */
  async dueReminders(now: number, limit = 50): Promise<DueReminder[]> {
    const filter = odata`PartitionKey eq ${REMINDERS_PARTITION} and RowKey lt ${`${String(now + 1).padStart(15, "0")}.`}`;
    const out: DueReminder[] = [];
    const pages = this.table.listEntities<{ tenantId: string; seriesId: string; dueAt: number; claimed?: boolean }>({ queryOptions: { filter } }).byPage({ maxPageSize: limit });
    for await (const page of pages) {
      for (const e of page) if (out.length < limit) out.push({ row: e.rowKey ?? "", etag: e.etag, tenantId: e.tenantId, seriesId: e.seriesId, dueAt: e.dueAt, claimed: e.claimed === true });
      break;
    }
    return out;
  }

  /**
   * Takes a due reminder and, in the same transaction, puts the board's next one in the index (`nextDueAt`, null for
   * none): true for exactly one instance (the others' ETag no longer matches). The next row exists as soon as this
   * one is taken, so a crash after it can cost one reminder but never the ones after.
   */
  async claimReminder(reminder: DueReminder, nextDueAt: number | null): Promise<boolean> {
    const actions: TransactionAction[] = [["update", { partitionKey: REMINDERS_PARTITION, rowKey: reminder.row, claimed: true }, "Merge", { etag: reminder.etag }]];
    if (nextDueAt !== null && nextDueAt !== reminder.dueAt) {
      actions.push(["upsert", { partitionKey: REMINDERS_PARTITION, rowKey: reminderRow(nextDueAt, reminder.tenantId, reminder.seriesId), tenantId: reminder.tenantId, seriesId: reminder.seriesId, dueAt: nextDueAt }, "Replace"]);
    }
    try {
      await this.table.submitTransaction(actions);
      return true;
    } catch (err) {
      const status = restStatus(err);
      if (status === 404 || status === 412) return false;
      throw err;
    }
  }

  /** Removes a taken reminder's row (clean-up; gone already is fine). */
  async dropReminder(reminder: DueReminder): Promise<void> {
    try {
      await this.table.deleteEntity(REMINDERS_PARTITION, reminder.row);
    } catch (err) {
      if (restStatus(err) !== 404) throw err;
    }
  }

  /**
   * Many weekly values at once (a CSV import): every one is decided first and nothing is written unless all are
   * allowed; then they are written in transactions of 100, each ETag-conditional, and open panels reload once.
   */
  recordValues(tenantId: string, seriesId: string, commands: readonly RecordValueCommand[], actor: KpiActor): Promise<BulkResult> {
    return this.queue.run(kpiDefinitionsPartition(tenantId, seriesId), () => this.recordValuesNow(tenantId, seriesId, commands, actor));
  }

  private async recordValuesNow(tenantId: string, seriesId: string, commands: readonly RecordValueCommand[], actor: KpiActor): Promise<BulkResult> {
    if (commands.length === 0) return { ok: true, written: 0 };
    const vals = kpiValuesPartition(tenantId, seriesId);
    const weeks = commands.map((c) => c.week).sort(compareWeeks);
    const first = weeks[0] ?? "";
    const last = weeks[weeks.length - 1] ?? "";
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const { board } = await this.loadBoard(tenantId, seriesId);
      const stored = new Map<string, { value: WeeklyValue; etag: string }>();
      const filter = odata`PartitionKey eq ${vals} and RowKey ge ${`${first}.`} and RowKey lt ${`${last}/`}`;
      for await (const page of this.table.listEntities<ValueEntity>({ queryOptions: { filter } }).byPage({ maxPageSize: 1000 })) {
        for (const e of page) stored.set(e.rowKey, { value: JSON.parse(e.json) as WeeklyValue, etag: e.etag });
      }
      const errors: { index: number; error: KpiError }[] = [];
      const writes = new Map<string, { value: WeeklyValue; etag: string | null }>();
      commands.forEach((command, index) => {
        const row = valueRow(command.week, command.metricId);
        const before = stored.get(row);
        const decision = decideKpi(board, writes.get(row)?.value ?? before?.value ?? null, command, actor, { now: this.now() });
        if (!decision.ok) errors.push({ index, error: decision.error });
        else if (decision.changed && decision.change.kind === "value") writes.set(row, { value: decision.change.value, etag: before?.etag ?? null });
      });
      if (errors.length > 0) return { ok: false, errors };
      const rows = [...writes.entries()];
      let conflict = false;
      for (let i = 0; i < rows.length && !conflict; i += BATCH) {
        const actions = rows.slice(i, i + BATCH).map(([row, w]): TransactionAction => {
          const entity: TableEntity = { ...this.entityOf({ kind: "value", value: w.value }, vals, row, "[]") };
          return w.etag ? ["update", entity, "Replace", { etag: w.etag }] : ["create", entity];
        });
        try {
          await this.table.submitTransaction(actions);
        } catch (err) {
          const status = restStatus(err);
          if (status !== 412 && status !== 409) throw err;
          // Someone wrote one of these values meanwhile: decide again on what is stored now (batches written so far compare equal then).
          conflict = true;
        }
      }
      if (conflict) continue;
      if (rows.length > 0) this.emit(tenantId, seriesId, { type: "reload" });
      return { ok: true, written: rows.length };
    }
    throw new KpiStorageConflictError("Too many concurrent changes to this KPI board; try again.");
  }

  private emit(tenantId: string, seriesId: string, event: KpiStoreEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(tenantId, seriesId, event);
      } catch (err) {
        console.error("KPI change listener failed", err);
      }
    }
  }

  private rowOf(change: KpiChange, defs: string, vals: string): { pk: string; row: string } {
    switch (change.kind) {
      case "objective":
        return { pk: defs, row: objectiveRow(change.objective.id) };
      case "metric":
        return { pk: defs, row: metricRow(change.metric.id) };
      case "settings":
        return { pk: defs, row: SETTINGS_ROW };
      case "value":
        return { pk: vals, row: valueRow(change.value.week, change.value.metricId) };
    }
  }

  private entityOf(change: KpiChange, pk: string, row: string, recent: string): JsonEntity | ValueEntity {
    switch (change.kind) {
      case "objective":
        return { partitionKey: pk, rowKey: row, json: JSON.stringify(change.objective), recent };
      case "metric":
        return { partitionKey: pk, rowKey: row, json: JSON.stringify(change.metric), recent };
      case "settings":
        return { partitionKey: pk, rowKey: row, json: JSON.stringify(change.settings), recent };
      case "value":
        // KPI and week also as their own columns, so the table reads well in Storage Explorer.
        return { partitionKey: pk, rowKey: row, json: JSON.stringify(change.value), recent, metricId: change.value.metricId, week: change.value.week };
    }
  }

  /** True when the command was applied to this partition before, however many commands ago. */
  private async wasApplied(pk: string, commandId: string): Promise<boolean> {
    return (await entityOrNull<CommandEntity>(this.table, pk, commandRow(commandId), { queryOptions: { select: ["row"] } })) !== null;
  }

  private async loadValue(pk: string, row: string): Promise<{ value: WeeklyValue; etag: string; recent: readonly string[] } | null> {
    const e = await entityOrNull<ValueEntity>(this.table, pk, row);
    return e && { value: JSON.parse(e.json) as WeeklyValue, etag: e.etag, recent: JSON.parse(e.recent ?? "[]") as string[] };
  }
}
