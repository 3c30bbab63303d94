/**
 * @module The weekly KPI reminder: at the weekday and time a lead set ("Mondays 08:00"), the bot posts the request
 * card in the team's chat by itself, so owners report before the meeting. Every instance looks once a minute; the
 * one whose ETag-conditional claim of the due row succeeds posts, so a reminder goes out once; the claim puts next
 * week's row in the index in the same transaction, so the reminders never stop.
 */
import { cardLocale } from "../../../shared/src/cards/locale.js";
import { nextReminderAt } from "../../../shared/src/kpi/reminder.js";
import type { KpiStore } from "../storage/kpi-store.js";
import type { CardViewers } from "./card-viewers.js";
import { requestCardFor, type PostCard, type StoredReference } from "./kpi-request.js";

export interface KpiRemindersDeps {
  readonly kpi: KpiStore;
  /** The stored reference of the series' conversation (the meeting chat or channel). */
  readonly referenceOf: (tenantId: string, seriesId: string) => Promise<StoredReference | null>;
  readonly post: PostCard;
  readonly now: () => number;
  /** Who else the card is refreshed for after the owners (chat members, leads first; see card-viewers.ts). */
  readonly viewers?: CardViewers;
}

export const REMINDER_TICK_MS = 60_000;

export class KpiReminders {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;

  constructor(private readonly deps: KpiRemindersDeps) {}

  /** Posts every reminder due at `now` (the clock's now unless given); returns how many went out. One tick at a time. */
  tick(now = this.deps.now()): Promise<number> {
    this.running ??= this.tickNow(now).finally(() => {
      this.running = null;
    });
    return this.running;
  }

  start(intervalMs = REMINDER_TICK_MS): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.tick().catch((err: unknown) => console.warn("KPI reminders failed", err)), intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private async tickNow(now: number): Promise<number> {
    const { kpi } = this.deps;
    let posted = 0;
    for (const due of await kpi.dueReminders(now)) {
      if (due.claimed) {
        // Taken by an instance that stopped before tidying up.
        await kpi.dropReminder(due);
        continue;
      }
      const { board } = await kpi.loadBoard(due.tenantId, due.seriesId);
      const { reminder, timeZone } = board.settings;
      // A row from an earlier setting (changed or switched off since) is replaced by the right one, not posted.
      const stale = !reminder || nextReminderAt(due.dueAt - 1, reminder, timeZone) !== due.dueAt;
      const next = reminder ? nextReminderAt(Math.max(now, due.dueAt), reminder, timeZone) : null;
      if (!(await kpi.claimReminder(due, next))) continue;
      await kpi.dropReminder(due).catch((err: unknown) => console.warn("Could not tidy a KPI reminder", err));
      if (stale) continue;
      try {
        const reference = await this.deps.referenceOf(due.tenantId, due.seriesId);
        if (reference?.conversation?.id && reference.serviceUrl) {
          const viewers = this.deps.viewers;
          const { card } = await requestCardFor(kpi, due.tenantId, due.seriesId, cardLocale(reference.locale), viewers && ((ownerIds) => viewers({ tenantId: due.tenantId, seriesId: due.seriesId, meetingId: null }, ownerIds)));
          if ((await this.deps.post(reference, card)) === "posted") posted++;
        } else {
          console.warn(`KPI reminder for ${due.seriesId}: the bot has not seen that chat; nothing posted.`);
        }
      } catch (err) {
        // Next week's is in the index already: one failed post does not stop the reminders.
        console.warn("Could not post a KPI reminder", err instanceof Error ? err.message : err);
      }
    }
    return posted;
  }
}
