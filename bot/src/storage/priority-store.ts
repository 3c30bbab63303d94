/**
 * @module The priorities round in Table Storage: one partition per series of a tenant (`pr.<tenant>.<series>`, in the
 * meetings table) holding
 * - `l.<member>`: the member's latest entry (the one this week's pre-fill starts from, or this week's once saved),
 *   written only with its ETag (412/409: reload and decide again);
 * - `e.<week>.<member>`: the same entry kept per week (the history), written in the same transaction;
 * - `r.<week>`: the walk-through's state (who presents since when), written only with its ETag;
 * - `c.<command id>`: one per applied command, in the same entity group transaction as the change, so a command
 *   resent however much later is answered as a retry and never applied twice.
 * Reading a round is one query over the partition's `l.` rows and one read of `r.<week>`.
 */
import { odata, type TableClient, type TransactionAction } from "@azure/data-tables";
import type { PriorityCommand } from "../../../shared/src/priorities/commands.js";
import { decidePriorities, type PriorityActor, type PriorityContext, type PriorityResult } from "../../../shared/src/priorities/decide.js";
import { PRIORITY_LIMITS, type PriorityEntry, type PriorityRound } from "../../../shared/src/priorities/model.js";
import { prefillFrom } from "../../../shared/src/priorities/prefill.js";
import { KeyedQueue } from "./keyed-queue.js";
import { encodeKey } from "./keys.js";
import { entityOrNull, restStatus } from "./tables.js";

const MAX_ATTEMPTS = 20;

interface JsonEntity {
  partitionKey: string;
  rowKey: string;
  json: string;
}

interface CommandEntity {
  partitionKey: string;
  rowKey: string;
  /** `e.<member>` or `r.<week>`: what the command changed, so a retry answers with its current state. */
  target: string;
  at: number;
}

/** What the decision needs beyond the stored rows (the store adds the clock). */
export type PriorityScope = Omit<PriorityContext, "now">;

export class PriorityStorageConflictError extends Error {}

export function priorityPartition(tenantId: string, seriesId: string): string {
  return `pr.${encodeKey(tenantId)}.${encodeKey(seriesId)}`;
}

const latestRow = (userId: string): string => `l.${encodeKey(userId)}`;
const weekRow = (week: string, userId: string): string => `e.${week}.${encodeKey(userId)}`;
const roundRow = (week: string): string => `r.${week}`;
const commandRow = (commandId: string): string => `c.${encodeKey(commandId)}`;

export interface PriorityRoundRows {
  /** Each member's latest entry (this week's or an earlier one), by user id. */
  readonly latest: ReadonlyMap<string, PriorityEntry>;
  readonly round: PriorityRound | null;
}

export class PriorityStore {
  private readonly queue = new KeyedQueue();
  private readonly listeners = new Set<(tenantId: string, seriesId: string, change: { kind: "entry"; entry: PriorityEntry } | { kind: "round"; round: PriorityRound }) => void>();

  constructor(
    private readonly table: TableClient,
    private readonly now: () => number = Date.now,
  ) {}

  /** Called after every stored change: the service fans it out to the series' open panels. */
  onChange(listener: (tenantId: string, seriesId: string, change: { kind: "entry"; entry: PriorityEntry } | { kind: "round"; round: PriorityRound }) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Every member's latest entry and the week's walk. */
  async load(tenantId: string, seriesId: string, week: string): Promise<PriorityRoundRows> {
    const [latest, round] = await Promise.all([this.latestAll(tenantId, seriesId), this.round(tenantId, seriesId, week)]);
    return { latest, round };
  }

  /** Each member's latest entry (this week's or an earlier one), by user id: one query over the `l.` rows. */
  async latestAll(tenantId: string, seriesId: string): Promise<Map<string, PriorityEntry>> {
    const pk = priorityPartition(tenantId, seriesId);
    const latest = new Map<string, PriorityEntry>();
    const filter = odata`PartitionKey eq ${pk} and RowKey ge ${"l."} and RowKey lt ${"l/"}`;
    for await (const page of this.table.listEntities<JsonEntity>({ queryOptions: { filter, select: ["json"] } }).byPage({ maxPageSize: 1000 })) {
      for (const e of page) {
        const entry = JSON.parse(e.json) as PriorityEntry;
        latest.set(entry.member.userId, entry);
      }
      // A series keeps at most a few hundred members' rows; more is not a team.
      if (latest.size >= PRIORITY_LIMITS.membersMax * 10) break;
    }
    return latest;
  }

  async round(tenantId: string, seriesId: string, week: string): Promise<PriorityRound | null> {
    return (await this.read<PriorityRound>(priorityPartition(tenantId, seriesId), roundRow(week)))?.value ?? null;
  }

  /** One member's latest entry (this week's or earlier). */
  async latestOf(tenantId: string, seriesId: string, userId: string): Promise<PriorityEntry | null> {
    return (await this.read<PriorityEntry>(priorityPartition(tenantId, seriesId), latestRow(userId)))?.value ?? null;
  }

  execute(scope: PriorityScope, command: PriorityCommand, actor: PriorityActor): Promise<PriorityResult> {
    const pk = priorityPartition(scope.tenantId, scope.seriesId);
    const target = command.type === "savePriorities" ? latestRow(command.memberId) : roundRow(command.week);
    return this.queue.run(`${pk}\n${target}`, () => this.executeNow(pk, target, scope, command, actor));
  }

  private async executeNow(pk: string, target: string, scope: PriorityScope, command: PriorityCommand, actor: PriorityActor): Promise<PriorityResult> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const [row, applied] = await Promise.all([this.read<PriorityEntry & PriorityRound>(pk, target), this.read<unknown>(pk, commandRow(command.id), true)]);
      const ctx: PriorityContext = { ...scope, now: this.now() };
      let decision: PriorityResult;
      if (command.type === "savePriorities") {
        const latest = (row?.value ?? null) as PriorityEntry | null;
        const entry = latest && latest.week === command.week ? latest : null;
        if (applied) {
          // A retry: answer with what is stored (the command's own save, or what came after it).
          if (entry) return { ok: true, kind: "entry", entry, changed: false };
        }
        const draft = entry ? null : prefillFrom(latest, { tenantId: scope.tenantId, seriesId: scope.seriesId, week: scope.week, member: latest?.member ?? actor.person });
        decision = decidePriorities({ entry, draft, round: null }, command, actor, ctx);
      } else {
        const round = (row?.value ?? null) as PriorityRound | null;
        if (applied && round) return { ok: true, kind: "round", round, changed: false };
        decision = decidePriorities({ entry: null, draft: null, round }, command, actor, ctx);
      }
      if (!decision.ok || !decision.changed) return decision;

      const json = JSON.stringify(decision.kind === "entry" ? decision.entry : decision.round);
      if (json.length > PRIORITY_LIMITS.entryJsonMax) return { ok: false, error: { code: "tooLarge", message: `The entry would be ${json.length} characters when stored.` } };
      const main: JsonEntity = { partitionKey: pk, rowKey: target, json };
      const actions: TransactionAction[] = [row ? ["update", { ...main }, "Replace", { etag: row.etag }] : ["create", { ...main }]];
      if (decision.kind === "entry") actions.push(["upsert", { partitionKey: pk, rowKey: weekRow(decision.entry.week, decision.entry.member.userId), json }, "Replace"]);
      const cmdRow: CommandEntity = { partitionKey: pk, rowKey: commandRow(command.id), target, at: ctx.now };
      // A second instance applying the same command at the same time fails on this row (409) and then finds it.
      actions.push(applied ? ["upsert", { ...cmdRow }, "Replace"] : ["create", { ...cmdRow }]);
      try {
        await this.table.submitTransaction(actions);
      } catch (err) {
        const status = restStatus(err);
        if (status === 412 || status === 409) {
          await new Promise((r) => setTimeout(r, Math.random() * Math.min(200, 5 * 2 ** attempt)));
          continue;
        }
        throw err;
      }
      const change = decision.kind === "entry" ? ({ kind: "entry", entry: decision.entry } as const) : ({ kind: "round", round: decision.round } as const);
      for (const listener of this.listeners) listener(scope.tenantId, scope.seriesId, change);
      return decision;
    }
    throw new PriorityStorageConflictError("Too many concurrent changes to these priorities; try again.");
  }

  private async read<T>(pk: string, rowKey: string, keyOnly = false): Promise<{ value: T; etag: string } | null> {
    const e = await entityOrNull<JsonEntity>(this.table, pk, rowKey, keyOnly ? { queryOptions: { select: ["RowKey"] } } : undefined);
    return e && { value: (keyOnly ? null : JSON.parse(e.json)) as T, etag: e.etag };
  }
}
