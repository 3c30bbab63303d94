/**
 * @module Actions in Table Storage: one entity per action in its series' partition, written only with its ETag. A
 * conflict (412/409) reloads and decides again; a command id seen on the action before is not applied again.
 *
 * Beside the actions (RowKey `act-…`) the partition holds bookkeeping rows, written in the same entity group
 * transaction as the action, so they can never disagree with it, whichever instance writes:
 * - `~series`, the series' counter of open actions (not done, not deleted). Every change that opens or closes one
 *   (create, done, reopened, deleted) moves it with its ETag, so the cap (`ACTION_LIMITS.openPerSeries`) holds however
 *   many instances write at once; a series without one is counted from the action rows by the next such write.
 * - `c.<action>.<command id>`, one per command applied to an action: a command resent however much later is answered
 *   as a retry, not applied again. The action's `recent` ids are only the fast path.
 * - A deleted action stays as a tombstone without content, so a retried command is recognised; `list` skips it.
 * - `m.<key>`, one per SIR decision whose follow-up drafts have all been made actions (see docs/ACTIONS.md): reading
 *   the series lists these few rows instead of looking up every draft of every decision again.
 *
 * "My actions" across a tenant's series: each action row also carries its owners' ids as columns `o0`…`o4` (one per
 * owner, `ACTION_LIMITS.ownersMax`), written in the same entity, so the owner query can never disagree with the action
 * (no second index to fall behind). `forOwner` asks for the open rows of the tenant's partitions whose columns name the
 * user (see docs/ACTIONS.md).
 */
import { odata, type TableClient, type TransactionAction } from "@azure/data-tables";
import type { ActionCommand } from "../../../shared/src/actions/commands.js";
import { actionTargetOf, decideAction, type ActionActor, type ActionContext, type ActionDecisionInput, type ActionError } from "../../../shared/src/actions/decide.js";
import { addDays, dayIn } from "../../../shared/src/actions/dates.js";
import { ACTION_LIMITS, actionIdFor, isOpenAction, type Action } from "../../../shared/src/actions/model.js";
import { KeyedQueue } from "./keyed-queue.js";
import { encodeKey } from "./keys.js";
import { entityOrNull, restStatus } from "./tables.js";

const MAX_ATTEMPTS = 20;
const RECENT_IDS = 64;

interface ActionEntity {
  partitionKey: string;
  rowKey: string;
  version: number;
  /** `open` (not done), `done` or `deleted`: what `list` and the counter filter on. */
  state: "open" | "done" | "deleted";
  /** When marked done (ms), for the recent-done part of the list; 0 while not done. */
  doneAt: number;
  action: string;
  recent: string;
  /** The owners' user ids, one column each (`forOwner` filters on them); absent columns for fewer owners. */
  o0?: string;
  o1?: string;
  o2?: string;
  o3?: string;
  o4?: string;
}

const OWNER_COLUMNS = ["o0", "o1", "o2", "o3", "o4"] as const;
/** The owner columns of an action: one per owner, in order. */
function ownerColumns(a: Action): Partial<Record<(typeof OWNER_COLUMNS)[number], string>> {
  const out: Partial<Record<(typeof OWNER_COLUMNS)[number], string>> = {};
  a.owners.slice(0, OWNER_COLUMNS.length).forEach((o, i) => {
    const column = OWNER_COLUMNS[i];
    if (column) out[column] = o.userId;
  });
  return out;
}

interface CounterEntity {
  partitionKey: string;
  rowKey: string;
  count: number;
}

interface CommandEntity {
  partitionKey: string;
  rowKey: string;
  actionId: string;
  at: number;
}

interface Loaded {
  readonly action: Action;
  readonly etag: string;
  readonly recent: readonly string[];
}

export type ActionStoreError = ActionError | { readonly code: "seriesFull"; readonly message: string };
export type ActionStoreResult = { readonly ok: true; readonly action: Action; readonly changed: boolean } | { readonly ok: false; readonly error: ActionStoreError };

export class ActionStorageConflictError extends Error {}

/** What the decision needs beyond the action: the series' people and time zone (the store adds clock and keys). */
export type ActionScope = Pick<ActionContext, "tenantId" | "seriesId" | "timeZone" | "people">;

export interface ActionStoreOptions {
  readonly now?: () => number;
  /** Open actions per series (tests lower it). */
  readonly openMax?: number;
}

export function actionPartition(tenantId: string, seriesId: string): string {
  return `a.${encodeKey(tenantId)}.${encodeKey(seriesId)}`;
}

const COUNTER_ROW = "~series";
const PREFIX = actionIdFor("");
const PREFIX_END = PREFIX.slice(0, -1) + String.fromCharCode(PREFIX.charCodeAt(PREFIX.length - 1) + 1);
const isActionRow = (rowKey: string): boolean => rowKey.startsWith(PREFIX);
const actionRowsOf = (pk: string): string => odata`PartitionKey eq ${pk} and RowKey ge ${PREFIX} and RowKey lt ${PREFIX_END}`;
const openRowsOf = (pk: string): string => `${actionRowsOf(pk)} and state eq 'open'`;
const commandRow = (actionId: string, commandId: string): string => `c.${encodeKey(actionId)}.${encodeKey(commandId)}`;
const stateOf = (a: Action): ActionEntity["state"] => (a.deletedAt !== null ? "deleted" : a.status === "done" ? "done" : "open");

export class ActionStore {
  private readonly queue = new KeyedQueue();
  private readonly listeners = new Set<(tenantId: string, seriesId: string, action: Action) => void>();
  private readonly now: () => number;
  private readonly openMax: number;

  constructor(
    private readonly table: TableClient,
    options: ActionStoreOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.openMax = options.openMax ?? ACTION_LIMITS.openPerSeries;
  }

  /** Called after every stored change: the service fans it out to the series' open panels. */
  onChange(listener: (tenantId: string, seriesId: string, action: Action) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The series' open actions (at most the cap) and those done in the last `recentDoneDays` days (at most `recentDoneMax`). */
  async list(tenantId: string, seriesId: string, timeZone: string): Promise<Action[]> {
    const pk = actionPartition(tenantId, seriesId);
    const open = await this.query(openRowsOf(pk), this.openMax);
    // A day's margin: the exact cut is the domain's (actionsForMeeting), in the team's time zone.
    const since = Date.parse(`${addDays(dayIn(this.now(), timeZone), -ACTION_LIMITS.recentDoneDays - 1)}T00:00:00Z`);
    const done = await this.query(`${actionRowsOf(pk)} and state eq 'done' and doneAt ge ${since}`, 1000);
    done.sort((a, b) => (b.doneAt ?? 0) - (a.doneAt ?? 0));
    return [...open, ...done.slice(0, ACTION_LIMITS.recentDoneMax)];
  }

  /**
   * The user's open actions in every series of the tenant (at most `max`, in no particular order: the caller sorts).
   * One query over the tenant's action partitions (`a.<tenant>.` up to `a.<tenant>/`): the service filters on the owner
   * columns and the state, so only the user's open rows travel.
   */
  async forOwner(tenantId: string, userId: string, max: number): Promise<Action[]> {
    const from = `a.${encodeKey(tenantId)}.`;
    const to = `a.${encodeKey(tenantId)}/`;
    const owned = OWNER_COLUMNS.map((c) => `${c} eq '${userId.replace(/'/g, "''")}'`).join(" or ");
    const filter = `${odata`PartitionKey ge ${from} and PartitionKey lt ${to} and RowKey ge ${PREFIX} and RowKey lt ${PREFIX_END}`} and state eq 'open' and (${owned})`;
    const found = await this.query(filter, max);
    // The columns are a filter; the action itself says who owns it.
    return found.filter((a) => a.tenantId === tenantId && a.deletedAt === null && a.status !== "done" && a.owners.some((o) => o.userId === userId));
  }

  async get(tenantId: string, seriesId: string, actionId: string): Promise<Action | null> {
    return (await this.load(actionPartition(tenantId, seriesId), actionId))?.action ?? null;
  }

  /** The keys marked by `markImported`: SIR decisions whose drafts are all actions already. */
  async importedKeys(tenantId: string, seriesId: string): Promise<Set<string>> {
    const pk = actionPartition(tenantId, seriesId);
    const keys = new Set<string>();
    const filter = odata`PartitionKey eq ${pk} and RowKey ge ${"m."} and RowKey lt ${"m/"}`;
    for await (const entity of this.table.listEntities<{ rowKey?: string }>({ queryOptions: { filter, select: ["RowKey"] } })) {
      if (entity.rowKey) keys.add(entity.rowKey.slice(2));
    }
    return keys;
  }

  /** Marks a decision's drafts as imported (`key`: base64url, from the caller); marking twice is harmless. */
  async markImported(tenantId: string, seriesId: string, key: string): Promise<void> {
    await this.table.upsertEntity({ partitionKey: actionPartition(tenantId, seriesId), rowKey: `m.${key}`, at: this.now() }, "Replace");
  }

  /** Open actions by the counter (tests, diagnostics). */
  async openCount(tenantId: string, seriesId: string): Promise<number> {
    const pk = actionPartition(tenantId, seriesId);
    return (await this.loadCounter(pk))?.count ?? this.countUpTo(openRowsOf(pk), this.openMax);
  }

  execute(scope: ActionScope, command: ActionCommand | ActionDecisionInput, actor: ActionActor): Promise<ActionStoreResult> {
    const pk = actionPartition(scope.tenantId, scope.seriesId);
    // Creates move the series' counter: in one instance they queue per series (in parallel they would only fail each
    // other's ETag); other changes queue per action. Other instances still contend, through the ETags.
    const key = command.type === "createAction" || command.type === "importDraft" ? COUNTER_ROW : actionTargetOf(command);
    return this.queue.run(`${pk}\n${key}`, () => this.executeNow(pk, scope, command, actor));
  }

  private async executeNow(pk: string, scope: ActionScope, command: ActionDecisionInput, actor: ActionActor): Promise<ActionStoreResult> {
    const actionId = actionTargetOf(command);
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const loaded = await this.load(pk, actionId);
      if (loaded && (loaded.recent.includes(command.id) || (await this.applied(pk, actionId, command.id)))) return { ok: true, action: loaded.action, changed: false };
      const decision = decideAction(loaded?.action ?? null, command, actor, { ...scope, now: this.now() });
      if (!decision.ok) return decision;
      if (!decision.changed && !loaded) return decision;

      const delta = (isOpenAction(decision.action) ? 1 : 0) - (isOpenAction(loaded?.action ?? null) ? 1 : 0);
      const actions: TransactionAction[] = [];
      if (delta !== 0) {
        // The counter first, then (without one) the rows: whatever opens or closes an action after this read moves the
        // counter, so our write, conditional on its ETag, fails and we count again.
        const counter = await this.loadCounter(pk);
        const count = counter?.count ?? (await this.countUpTo(openRowsOf(pk), this.openMax + 1));
        if (delta > 0 && count >= this.openMax) {
          return { ok: false, error: { code: "seriesFull", message: `The series already has ${this.openMax} open actions. Mark some done or delete them first.` } };
        }
        const next: CounterEntity = { partitionKey: pk, rowKey: COUNTER_ROW, count: Math.max(0, count + delta) };
        actions.push(counter ? ["update", { ...next }, "Replace", { etag: counter.etag }] : ["create", { ...next }]);
      }
      const json = JSON.stringify(decision.action);
      if (json.length > ACTION_LIMITS.actionJsonMax) return { ok: false, error: { code: "tooLarge", message: `The action would be ${json.length} characters when stored.` } };
      const recent = [...(loaded?.recent ?? []), command.id].slice(-RECENT_IDS);
      const entity: ActionEntity = {
        partitionKey: pk,
        rowKey: decision.action.id,
        version: decision.action.version,
        state: stateOf(decision.action),
        doneAt: decision.action.doneAt ?? 0,
        action: json,
        recent: JSON.stringify(recent),
        ...ownerColumns(decision.action),
      };
      const applied: CommandEntity = { partitionKey: pk, rowKey: commandRow(actionId, command.id), actionId, at: this.now() };
      // A second instance applying the same command at the same time fails on this row (409) and then finds it.
      actions.push(loaded ? ["update", { ...entity }, "Replace", { etag: loaded.etag }] : ["create", { ...entity }], ["create", { ...applied }]);
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
      if (decision.changed) for (const listener of this.listeners) listener(scope.tenantId, scope.seriesId, decision.action);
      return decision;
    }
    throw new ActionStorageConflictError(`Too many concurrent changes to action ${actionId}; try again.`);
  }

  private async query(filter: string, limit: number): Promise<Action[]> {
    const out: Action[] = [];
    if (limit <= 0) return out;
    for await (const page of this.table.listEntities<ActionEntity>({ queryOptions: { filter, select: ["action"] } }).byPage({ maxPageSize: Math.min(limit, 1000) })) {
      for (const entity of page) {
        if (out.length >= limit) break;
        out.push(JSON.parse(entity.action) as Action);
      }
      if (out.length >= limit) break;
    }
    return out;
  }

  private async load(pk: string, actionId: string): Promise<Loaded | null> {
    // Ids are checked at the edge already; this keeps a bookkeeping row from ever being read as an action.
    if (!isActionRow(actionId)) return null;
    const entity = await entityOrNull<ActionEntity>(this.table, pk, actionId);
    return entity && { action: JSON.parse(entity.action) as Action, etag: entity.etag, recent: JSON.parse(entity.recent) as string[] };
  }

  private async applied(pk: string, actionId: string, commandId: string): Promise<boolean> {
    return (await entityOrNull<CommandEntity>(this.table, pk, commandRow(actionId, commandId), { queryOptions: { select: ["actionId"] } })) !== null;
  }

  private async loadCounter(pk: string): Promise<{ count: number; etag: string } | null> {
    const entity = await entityOrNull<CounterEntity>(this.table, pk, COUNTER_ROW);
    return entity && { count: entity.count, etag: entity.etag };
  }

  private async countUpTo(filter: string, limit: number): Promise<number> {
    let n = 0;
    for await (const page of this.table.listEntities({ queryOptions: { filter, select: ["RowKey"] } }).byPage({ maxPageSize: Math.min(limit, 1000) })) {
      n += page.length;
      if (n >= limit) break;
    }
    return n;
  }
}
