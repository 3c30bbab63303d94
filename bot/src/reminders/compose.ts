/** @module Wires the action reminders into the service: the store on the `reminders` table, the scheduler, the card buttons' handler, and the plan kept in step with every stored action change. */
import type { CloudAdapter } from "botbuilder";
import { cardLocale } from "../../../shared/src/cards/locale.js";
import { meetingPanelLink } from "../../../shared/src/cards/meeting-cards.js";
import type { ActionStore } from "../storage/action-store.js";
import type { ConversationStore } from "../storage/conversation-store.js";
import type { KpiStore } from "../storage/kpi-store.js";
import { ReminderStore } from "../storage/reminder-store.js";
import type { Tables } from "../storage/tables.js";
import { kpiRequestPoster } from "../teams/kpi-request.js";
import { PANEL_ENTITY_ID } from "../teams/meeting-events.js";
import { personalSender } from "../teams/reminder-send.js";
import { ReminderVerbs } from "../teams/reminder-verbs.js";
import type { RoleSource } from "../teams/roles.js";
import { ReminderScheduler } from "./scheduler.js";

export interface ActionRemindersDeps {
  readonly tables: Tables;
  readonly actions: ActionStore;
  readonly kpi: KpiStore;
  readonly conversations: ConversationStore;
  readonly roles: RoleSource;
  readonly adapter: CloudAdapter;
  readonly appId: string;
  readonly teamsAppId: string | null;
  readonly defaultServiceUrl: () => string | null;
  readonly now: () => number;
}

export interface ActionReminders {
  readonly store: ReminderStore;
  readonly scheduler: ReminderScheduler;
  readonly verbs: ReminderVerbs;
  readonly timeZoneOf: (tenantId: string, seriesId: string) => Promise<string>;
}

export function composeActionReminders(deps: ActionRemindersDeps): ActionReminders {
  const store = new ReminderStore(deps.tables.reminders, deps.now);
  const timeZoneOf = async (tenantId: string, seriesId: string): Promise<string> => (await deps.kpi.loadBoard(tenantId, seriesId)).board.settings.timeZone;
  const openUrl = (seriesId: string): string | null => meetingPanelLink({ teamsAppId: deps.teamsAppId, entityId: PANEL_ENTITY_ID, chatId: seriesId, view: "agenda" });
  const post = kpiRequestPoster(deps.adapter, deps.appId);
  const scheduler = new ReminderScheduler({
    store,
    actions: deps.actions,
    timeZoneOf,
    send: personalSender(deps.adapter, deps.appId, deps.conversations, deps.defaultServiceUrl),
    // The note goes to the series' chat (the meeting chat), where its leads are; see docs/REMINDERS.md.
    tellLead: async (tenantId, seriesId, card) => {
      const reference = await deps.conversations.forConversation(tenantId, seriesId);
      if (!reference?.conversation?.id || !reference.serviceUrl) return false;
      return (await post(reference, card(cardLocale(reference.locale)))) === "posted";
    },
    openUrl,
    now: deps.now,
  });
  // Every stored change of an action (panel, chat, card, SIR import) plans its owners' reminders again. After the
  // change's own transaction: a crash in between is caught up when the old row comes due (scheduler.ts).
  deps.actions.onChange((_tenantId, _seriesId, action) => void scheduler.replanAction(action).catch((err: unknown) => console.warn("Could not plan an action's reminders", err instanceof Error ? err.message : err)));
  const verbs = new ReminderVerbs({ actions: deps.actions, scheduler, conversations: deps.conversations, roles: deps.roles, timeZoneOf, openUrl });
  return { store, scheduler, verbs, timeZoneOf };
}
