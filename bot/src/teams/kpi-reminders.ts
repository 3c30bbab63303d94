/**
 * @module The weekly KPI reminder: at the weekday and time a lead set ("Mondays 08:00"), the bot posts the request
 * card in the team's chat by itself, so owners report before the meeting. Every instance looks once a minute; the
 * one that takes the due row out of the index (ETag-conditional delete) posts, so a reminder goes out once.
 */
import { cardLocale } from "../../../shared/src/cards/locale.js";
import { nextReminderAt } from "../../../shared/src/kpi/reminder.js";
import type { KpiStore } from "../storage/kpi-store.js";
import { requestCardFor, type PostCard, type StoredReference } from "./kpi-request.js";

export interface KpiRemindersDeps {
  readonly kpi: KpiStore;
  /** The stored reference of the series' conversation (the meeting chat or channel). */
  readonly referenceOf: (tenantId: string, seriesId: string) => Promise<StoredReference | null>;
  readonly post: PostCard;
  readonly now: () => number;
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
      if (!(await kpi.claimReminder(due))) continue;
      const { board } = await kpi.loadBoard(due.tenantId, due.seriesId);
      const { reminder, timeZone } = board.settings;
      // A row left from an earlier setting (changed or switched off since) is simply dropped.
      if (!reminder || nextReminderAt(due.dueAt - 1, reminder, timeZone) !== due.dueAt) continue;
      try {
        const reference = await this.deps.referenceOf(due.tenantId, due.seriesId);
        if (reference?.conversation?.id && reference.serviceUrl) {
          const { card } = await requestCardFor(kpi, due.tenantId, due.seriesId, cardLocale(reference.locale));
          if ((await this.deps.post(reference, card)) === "posted") posted++;
        } else {
          console.warn(`KPI reminder for ${due.seriesId}: the bot has not seen that chat; nothing posted.`);
        }
      } catch (err) {
        console.warn("Could not post a KPI reminder", err instanceof Error ? err.message : err);
      } finally {
        // Next week's, whatever happened to this one: one failed post must not stop the reminders.
        await kpi.scheduleReminder(due.tenantId, due.seriesId, board.settings, Math.max(now, due.dueAt));
      }
    }
    return posted;
  }
}
