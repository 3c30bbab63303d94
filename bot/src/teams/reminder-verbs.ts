/**
 * @module The reminder card's buttons (`Action.Execute`): Mark done and Snooze, acting as the user Teams says pressed
 * them (never as anyone the card's data names). Mark done is the panel's `setActionStatus` through the same store and
 * domain rules, so only an owner or a lead of the series' meeting can; Snooze pushes only the caller's own reminder.
 * The answer replaces the card: done, snoozed, or a card saying what was wrong (nothing changed).
 */
import { createHash, randomUUID } from "node:crypto";
import { can } from "../../../shared/src/auth/capabilities.js";
import type { Person } from "../../../shared/src/actions/model.js";
import type { AdaptiveCard } from "../../../shared/src/cards/card-types.js";
import type { CardLocale } from "../../../shared/src/cards/locale.js";
import { parseReminderAction, reminderDoneCard, reminderProblemCard, reminderSnoozedCard, REMINDER_VERBS } from "../../../shared/src/cards/reminder-card.js";
import type { ReminderScheduler } from "../reminders/scheduler.js";
import type { ActionStore } from "../storage/action-store.js";
import type { ConversationStore } from "../storage/conversation-store.js";
import type { RoleSource } from "./roles.js";

export interface ReminderTurn {
  readonly tenantId: string;
  readonly user: Person;
  readonly locale: CardLocale;
  /** Teams' id of the invoke: a resent invoke is the same command. */
  readonly activityId: string | null;
}

export interface ReminderVerbsDeps {
  readonly actions: ActionStore;
  readonly scheduler: ReminderScheduler;
  readonly conversations: ConversationStore;
  readonly roles: RoleSource;
  readonly timeZoneOf: (tenantId: string, seriesId: string) => Promise<string>;
  readonly openUrl: (seriesId: string) => string | null;
}

export class ReminderVerbs {
  constructor(private readonly deps: ReminderVerbsDeps) {}

  static identityError(locale: CardLocale): AdaptiveCard {
    return reminderProblemCard(locale, "identity");
  }

  async cardAction(turn: ReminderTurn, value: unknown): Promise<AdaptiveCard> {
    const invoke = parseReminderAction(value);
    if (!invoke) return reminderProblemCard(turn.locale, "badData");
    try {
      const action = await this.deps.actions.get(turn.tenantId, invoke.seriesId, invoke.actionId);
      if (!action) return reminderProblemCard(turn.locale, "notFound");
      if (action.deletedAt !== null) return reminderProblemCard(turn.locale, "deleted");
      const openUrl = this.deps.openUrl(invoke.seriesId);
      if (invoke.verb === REMINDER_VERBS.snooze) {
        const day = await this.deps.scheduler.snooze(action, turn.user.userId, invoke.snoozeDays);
        return day ? reminderSnoozedCard(turn.locale, action.title, day, openUrl) : reminderProblemCard(turn.locale, "noReminder");
      }
      const isLead = action.owners.some((o) => o.userId === turn.user.userId) ? false : await this.isLead(turn, invoke.seriesId);
      const timeZone = await this.deps.timeZoneOf(turn.tenantId, invoke.seriesId);
      const commandId = `rem-${createHash("sha256").update(`${turn.tenantId}\n${turn.activityId ?? randomUUID()}`).digest("base64url").slice(0, 40)}`;
      const result = await this.deps.actions.execute(
        { tenantId: turn.tenantId, seriesId: invoke.seriesId, timeZone, people: [] },
        { id: commandId, type: "setActionStatus", actionId: action.id, status: "done" },
        { person: turn.user, isLead },
      );
      if (!result.ok) return reminderProblemCard(turn.locale, result.error.code === "notOwner" || result.error.code === "forbidden" ? "notOwner" : result.error.code === "deleted" ? "deleted" : result.error.code === "notFound" ? "notFound" : "badData");
      const by = result.changed ? turn.user.name : result.action.updatedBy.name;
      return reminderDoneCard(turn.locale, result.action.title, by, openUrl);
    } catch (err) {
      console.warn("A reminder card action failed", err instanceof Error ? err.message : err);
      return reminderProblemCard(turn.locale, "unavailable");
    }
  }

  /** A lead of the series: the organizer or a presenter of the meeting its chat was last seen in (Teams says; not cached long). */
  private async isLead(turn: ReminderTurn, seriesId: string): Promise<boolean> {
    const meetingId = await this.deps.conversations.meetingOf(turn.tenantId, seriesId).catch(() => null);
    if (!meetingId) return false;
    const role = await this.deps.roles.roleOf({ tenantId: turn.tenantId, meetingId }, turn.user.userId).catch(() => null);
    return role !== null && can(role, "actions:lead");
  }
}
