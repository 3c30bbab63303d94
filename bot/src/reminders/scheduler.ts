/**
 * @module The action reminder scheduler: keeps each owner's plan and the due-index in step with the actions (every
 * stored change plans again), and on every poll sends what is due, exactly once across instances as far as storage
 * can make it: an index row is taken by an ETag-conditional lease, the message sent, the row marked sent at once,
 * then replaced by the plan's next reminder. A crash after the lease and before the send lets another instance take
 * the row when the lease ends; the one window left (sent, not yet marked) is described in docs/REMINDERS.md.
 */
import { randomUUID } from "node:crypto";
import type { Action } from "../../../shared/src/actions/model.js";
import { afterSent, isRemindable, nextReminder, rebase, reminderToSend, snoozed, type ReminderKind, type ReminderProgress, type ReminderSettings } from "../../../shared/src/actions/reminders.js";
import { dayIn } from "../../../shared/src/actions/dates.js";
import type { AdaptiveCard } from "../../../shared/src/cards/card-types.js";
import type { CardLocale } from "../../../shared/src/cards/locale.js";
import { reminderCard, unreachableOwnerCard } from "../../../shared/src/cards/reminder-card.js";
import type { ActionStore } from "../storage/action-store.js";
import { indexRow, type DueRow, type Plan, type ReminderStore } from "../storage/reminder-store.js";
import type { PersonalSender } from "../teams/reminder-send.js";

export const REMINDER_POLL_MS = 60_000;
/** How long a taken reminder is the taker's: far longer than a send takes, short enough that a crash delays it little. */
export const REMINDER_LEASE_MS = 120_000;
/** Failures other than 429 and 403/404 (Teams 5xx, network): tried again with back-off, at most this many times. */
const MAX_ATTEMPTS = 8;

export interface ReminderSchedulerDeps {
  readonly store: ReminderStore;
  readonly actions: ActionStore;
  /** The team's time zone (the KPI board's setting). */
  readonly timeZoneOf: (tenantId: string, seriesId: string) => Promise<string>;
  readonly send: PersonalSender;
  /** Posts the note about an unreachable owner to the series' chat (its leads); false when the bot cannot post there. */
  readonly tellLead: (tenantId: string, seriesId: string, card: (locale: CardLocale) => AdaptiveCard) => Promise<boolean>;
  /** The meeting panel's deep link for the series (the card's Open), null without one. */
  readonly openUrl: (seriesId: string) => string | null;
  readonly now: () => number;
  readonly leaseMs?: number;
}

export interface TickReport {
  readonly sent: number;
  readonly rateLimited: number;
  readonly unreachable: number;
  readonly dropped: number;
}

export class ReminderScheduler {
  private readonly instance = randomUUID();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<TickReport> | null = null;

  constructor(private readonly deps: ReminderSchedulerDeps) {}

  start(intervalMs = REMINDER_POLL_MS): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.tick().catch((err: unknown) => console.warn("Action reminders failed", err instanceof Error ? err.message : err)), intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Sends every reminder due at `now` (the clock's unless given). One tick at a time per instance. */
  tick(now = this.deps.now()): Promise<TickReport> {
    this.running ??= this.tickNow(now).finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** Plans every owner's next reminder after a change of the action (a done or deleted action: none). */
  async replanAction(action: Action, now = this.deps.now()): Promise<void> {
    const settings = (await this.deps.store.settings(action.tenantId, action.seriesId)).settings;
    const timeZone = await this.deps.timeZoneOf(action.tenantId, action.seriesId);
    for (const owner of action.owners) await this.replanOwner(action, owner.userId, owner.name, settings, timeZone, now);
  }

  /** After a settings change: every open action of the series. */
  async replanSeries(tenantId: string, seriesId: string, now = this.deps.now()): Promise<void> {
    const timeZone = await this.deps.timeZoneOf(tenantId, seriesId);
    for (const action of await this.deps.actions.list(tenantId, seriesId, timeZone)) if (isRemindable(action)) await this.replanAction(action, now);
  }

  /**
   * The owner snoozes: their next reminder `days` days from now at the team's hour. Returns that day (the team's),
   * or null when they have no reminders for the action (not an owner, done, no due day).
   */
  async snooze(action: Action, ownerId: string, days: number, now = this.deps.now()): Promise<string | null> {
    const owner = action.owners.find((o) => o.userId === ownerId);
    if (!owner || !isRemindable(action)) return null;
    const settings = (await this.deps.store.settings(action.tenantId, action.seriesId)).settings;
    const timeZone = await this.deps.timeZoneOf(action.tenantId, action.seriesId);
    const progress = await this.updatePlan(action, ownerId, owner.name, settings, timeZone, now, (p) => snoozed(p, days, now, settings, timeZone));
    return progress?.snoozedUntil ? dayIn(progress.snoozedUntil, timeZone) : null;
  }

  private replanOwner(action: Action, ownerId: string, ownerName: string, settings: ReminderSettings, timeZone: string, now: number): Promise<ReminderProgress | null> {
    return this.updatePlan(action, ownerId, ownerName, settings, timeZone, now, (p) => p);
  }

  /**
   * Changes an owner's plan (`change` on the progress for the action's current due day) and points the index at its
   * next reminder: the new row first, then the plan (ETag), then the old row goes. A crash in between leaves a row
   * the plan does not point at, which the poll drops when it comes due; never a reminder without a row.
   */
  private async updatePlan(action: Action, ownerId: string, ownerName: string, settings: ReminderSettings, timeZone: string, now: number, change: (p: ReminderProgress) => ReminderProgress): Promise<ReminderProgress | null> {
    const { store } = this.deps;
    for (let attempt = 0; attempt < 20; attempt++) {
      const plan = await store.plan(action.tenantId, action.seriesId, action.id, ownerId);
      const progress = change(rebase(plan?.progress ?? null, action, now));
      const next = nextReminder(action, progress, settings, timeZone);
      const row = next ? indexRow(next.at, action.tenantId, action.seriesId, action.id, ownerId) : "";
      if (plan && row === plan.indexRow && JSON.stringify(progress) === JSON.stringify(plan.progress)) return progress;
      if (next && row !== plan?.indexRow) await store.putIndex(row, { tenantId: action.tenantId, seriesId: action.seriesId, actionId: action.id, ownerId, at: next.at });
      if (await store.savePlan(action.tenantId, action.seriesId, action.id, ownerId, { progress, indexRow: row, ownerName }, plan?.etag ?? null)) {
        if (plan?.indexRow && plan.indexRow !== row) await store.dropRow(plan.indexRow);
        return progress;
      }
      await new Promise((r) => setTimeout(r, Math.random() * Math.min(200, 5 * 2 ** attempt)));
    }
    throw new Error(`Too many concurrent changes to the reminders of ${action.id}.`);
  }

  private async tickNow(now: number): Promise<TickReport> {
    const report = { sent: 0, rateLimited: 0, unreachable: 0, dropped: 0 };
    for (const row of await this.deps.store.due(now)) {
      if (row.leaseUntil > now) continue;
      try {
        await this.take(row, now, report);
      } catch (err) {
        // The lease runs out and the row is taken again on a later poll.
        console.warn("An action reminder failed; it is tried again later", err instanceof Error ? err.message : err);
      }
    }
    return report;
  }

  private async take(found: DueRow, now: number, report: { sent: number; rateLimited: number; unreachable: number; dropped: number }): Promise<void> {
    const { store, actions } = this.deps;
    const etag = await store.updateRow(found, { leaseUntil: now + (this.deps.leaseMs ?? REMINDER_LEASE_MS), leasedBy: this.instance });
    if (!etag) return; // Another instance took it first.
    const row: DueRow = { ...found, etag };
    const plan = await store.plan(row.tenantId, row.seriesId, row.actionId, row.ownerId);
    if (!plan || plan.indexRow !== row.rowKey) {
      // Planned again since (a new due day, done, a snooze): this row is no longer anyone's next reminder.
      await store.dropRow(row.rowKey, row.etag);
      report.dropped++;
      return;
    }
    const action = await actions.get(row.tenantId, row.seriesId, row.actionId);
    const owner = action?.owners.find((o) => o.userId === row.ownerId);
    const settings = (await store.settings(row.tenantId, row.seriesId)).settings;
    const timeZone = await this.deps.timeZoneOf(row.tenantId, row.seriesId);
    if (row.sentAt > 0 && row.sentKind !== "") {
      // Sent by an instance that stopped before it planned the next one: only the bookkeeping is left.
      if (action) await this.finish(row, action, plan, row.sentKind, settings, timeZone, now);
      else await store.dropRow(row.rowKey, row.etag);
      return;
    }
    if (!action || !owner || action.due === null) {
      await store.savePlan(row.tenantId, row.seriesId, row.actionId, row.ownerId, { progress: plan.progress, indexRow: "", ownerName: plan.ownerName }, plan.etag);
      await store.dropRow(row.rowKey, row.etag);
      report.dropped++;
      return;
    }
    const progress = rebase(plan.progress, action, now);
    const next = nextReminder(action, progress, settings, timeZone);
    if (!next || indexRow(next.at, action.tenantId, action.seriesId, action.id, row.ownerId) !== row.rowKey) {
      // The action or the settings changed and the plan was not updated (a crash in between): plan again, send nothing now.
      await this.replanOwner(action, row.ownerId, owner.name, settings, timeZone, now);
      await store.dropRow(row.rowKey);
      report.dropped++;
      return;
    }
    const { kind, daysLeft } = reminderToSend(action, next, now, timeZone);
    const due = action.due;
    const outcome = await this.deps.send(row.tenantId, row.seriesId, row.ownerId, (locale) =>
      reminderCard({ locale, kind, daysLeft, seriesId: row.seriesId, action: { id: action.id, title: action.title, due }, openUrl: this.deps.openUrl(row.seriesId) }),
    );
    switch (outcome.kind) {
      case "sent": {
        // At once, before anything else: from here on no instance sends this reminder again.
        const marked = await store.updateRow(row, { sentAt: now, sentKind: kind });
        report.sent++;
        await store.clearReported(row.tenantId, row.seriesId, row.ownerId);
        if (marked) await this.finish({ ...row, etag: marked, sentAt: now, sentKind: kind }, action, plan, kind, settings, timeZone, now);
        return;
      }
      case "rateLimited": {
        // Teams asked to wait: the row stays, free again after Retry-After (and a little jitter, so instances spread out).
        report.rateLimited++;
        await store.updateRow(row, { leaseUntil: now + outcome.retryAfterSeconds * 1000 + Math.floor(Math.random() * 1000), leasedBy: "", attempts: row.attempts + 1 });
        return;
      }
      case "unreachable": {
        report.unreachable++;
        if (await store.markReported(row.tenantId, row.seriesId, row.ownerId)) {
          const openUrl = this.deps.openUrl(row.seriesId);
          const told = await this.deps.tellLead(row.tenantId, row.seriesId, (locale) => unreachableOwnerCard(locale, owner.name, action.title, openUrl)).catch((err: unknown) => {
            console.warn("Could not tell the lead about an unreachable owner", err instanceof Error ? err.message : err);
            return false;
          });
          if (!told) console.warn(`Reminders for ${row.ownerId} in ${row.seriesId}: the owner and the series' chat are both unreachable.`);
        }
        // Not tried again: this reminder counts as gone; the owner's next one (if any) is tried once more.
        await this.finish(row, action, plan, kind, settings, timeZone, now);
        return;
      }
      case "failed": {
        if (row.attempts + 1 >= MAX_ATTEMPTS) {
          console.warn(`An action reminder for ${row.ownerId} failed ${MAX_ATTEMPTS} times; given up: ${outcome.message}`);
          await this.finish(row, action, plan, kind, settings, timeZone, now);
          report.dropped++;
          return;
        }
        await store.updateRow(row, { leaseUntil: now + Math.min(3_600_000, 30_000 * 2 ** row.attempts), leasedBy: "", attempts: row.attempts + 1 });
        return;
      }
    }
  }

  /** After a send (or giving up on one): the plan notes it and points at the next reminder; then this row goes. */
  private async finish(row: DueRow, action: Action, first: Plan, kind: ReminderKind, settings: ReminderSettings, timeZone: string, now: number): Promise<void> {
    const { store } = this.deps;
    let plan: Plan | null = first;
    for (let attempt = 0; attempt < 20 && plan; attempt++) {
      // Planned again while this one was out (the action changed): that plan is the newer truth.
      if (plan.indexRow !== row.rowKey) break;
      const progress = afterSent(rebase(plan.progress, action, now), kind);
      const next = nextReminder(action, progress, settings, timeZone);
      const nextRow = next ? indexRow(next.at, action.tenantId, action.seriesId, action.id, row.ownerId) : "";
      if (next && nextRow !== row.rowKey) await store.putIndex(nextRow, { tenantId: action.tenantId, seriesId: action.seriesId, actionId: action.id, ownerId: row.ownerId, at: next.at });
      if (await store.savePlan(action.tenantId, action.seriesId, action.id, row.ownerId, { progress, indexRow: nextRow, ownerName: plan.ownerName }, plan.etag)) break;
      plan = await store.plan(action.tenantId, action.seriesId, action.id, row.ownerId);
    }
    await store.dropRow(row.rowKey, row.etag);
  }
}
