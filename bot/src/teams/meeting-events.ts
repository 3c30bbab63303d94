/**
 * @module Teams' meeting start and end events (`event` activities `application/vnd.microsoft.meetingStart` /
 * `meetingEnd`): the occurrence is started or ended through the meeting's own command path (a command id derived from
 * the meeting and the event, so a redelivered event is a duplicate, never applied twice), and the meeting chat gets a
 * card: on start a link to the side panel, on end the lead's "Review and post summary". Posted once per meeting and
 * kind (`MeetingEventStore`).
 *
 * An event is believed only when Teams confirms it: the meeting must exist for Teams (its meeting-info API, asked
 * through the activity's own Bot Connector), belong to the chat the event came from and to the event's tenant, and the
 * tenant must be allowed. Anything else (missing fields, another tenant's or an unknown meeting, a meeting of another
 * chat, a Bot Connector that does not answer) is ignored quietly: the request is answered 200 with nothing changed and
 * no log line, so forged or stray events cost neither a 5xx nor the log. The lead can always start and end in the panel.
 */
import { createHash } from "node:crypto";
import { capabilitiesOf } from "../../../shared/src/auth/capabilities.js";
import type { AdaptiveCard } from "../../../shared/src/cards/card-types.js";
import { cardLocale } from "../../../shared/src/cards/locale.js";
import { meetingEndedCard, meetingPanelLink, meetingStartedCard } from "../../../shared/src/cards/meeting-cards.js";
import type { MeetingCommand } from "../../../shared/src/meeting/commands.js";
import type { MeetingRef } from "../../../shared/src/meeting/state.js";
import { MeetingIdParam, type Viewer } from "../../../shared/src/wire/protocol.js";
import type { ExecuteResult } from "../storage/meeting-store.js";
import type { OccurrenceStore } from "../storage/occurrence-store.js";
import type { MeetingEventKind, MeetingEventStore } from "../storage/meeting-event-store.js";
import { seriesIdOf } from "./meeting-series.js";

export const MEETING_EVENT_NAMES = { start: "application/vnd.microsoft.meetingStart", end: "application/vnd.microsoft.meetingEnd" } as const;

/** The entity id the configuration page gives the tab (`tab/src/config/config-host.ts`), for the deep link. */
export const PANEL_ENTITY_ID = "okr-meeting";

/** What of an event activity is read; everything is checked, nothing trusted by its type. */
export interface MeetingEventActivity {
  readonly type?: unknown;
  readonly name?: unknown;
  readonly locale?: unknown;
  readonly value?: unknown;
  readonly conversation?: { readonly id?: unknown; readonly tenantId?: unknown; readonly conversationType?: unknown };
  readonly channelData?: unknown;
}

/** What Teams' meeting-info API answered (botbuilder's `MeetingInfo`, the parts used). */
export interface TeamsMeetingInfo {
  readonly conversation?: { readonly id?: unknown };
  readonly organizer?: { readonly aadObjectId?: unknown; readonly tenantId?: unknown };
}

/** The Teams calls of one turn (bot.ts binds them to the turn's context). */
export interface MeetingEventTurn {
  meetingInfo(meetingId: string): Promise<TeamsMeetingInfo>;
  send(card: AdaptiveCard): Promise<void>;
}

export interface MeetingEventsDeps {
  /** Runs a meeting command as the panel's API does: stored, broadcast, then the after-commit work (carry-over on end). */
  readonly apply: (ref: MeetingRef, command: MeetingCommand, viewer: Viewer) => Promise<ExecuteResult>;
  readonly claims: MeetingEventStore;
  /** The Teams app id (manifest `id`) for the deep links; null = the cards carry no button. */
  readonly teamsAppId: string | null;
  /** Tenants allowed in; empty = any. */
  readonly allowedTenants: readonly string[];
  /** Which occurrence of the (recurring) meeting an event is about; null = Teams' id is the occurrence. */
  readonly occurrences: Pick<OccurrenceStore, "startingCall" | "latest"> | null;
}

const TENANT_ID = /^[\x21-\x7e]{1,128}$/;
const str = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);
const field = (o: unknown, key: string): unknown => (typeof o === "object" && o !== null ? (o as Record<string, unknown>)[key] : undefined);

export function isMeetingEvent(activity: MeetingEventActivity): boolean {
  return activity.type === "event" && (activity.name === MEETING_EVENT_NAMES.start || activity.name === MEETING_EVENT_NAMES.end);
}

/** The command id of an event: the same meeting and kind always give the same id (a redelivery is a duplicate). */
export function meetingEventCommandId(ref: MeetingRef, kind: MeetingEventKind): string {
  return `teams-${kind}-${createHash("sha256").update(`${ref.tenantId}\n${ref.meetingId}\n${kind}`).digest("base64url").slice(0, 40)}`;
}

/** The event's meeting, tenant and chat, or null when anything needed is missing or malformed. */
export function parseMeetingEvent(activity: MeetingEventActivity): { readonly ref: MeetingRef; readonly chatId: string } | null {
  const tenantId = str(field(field(activity.channelData, "tenant"), "id"));
  const meetingId = str(field(field(activity.channelData, "meeting"), "id")) ?? str(field(activity.value, "Id"));
  const chatId = str(activity.conversation?.id);
  const conversationTenant = activity.conversation?.tenantId;
  if (!tenantId || !TENANT_ID.test(tenantId) || !meetingId || !MeetingIdParam.safeParse(meetingId).success || !chatId || chatId.length > 512) return null;
  // The payload itself must be what Teams sends: an object (its fields are not needed, so not required).
  if (typeof activity.value !== "object" || activity.value === null || Array.isArray(activity.value)) return null;
  if (activity.conversation?.conversationType === "personal") return null;
  if (conversationTenant !== undefined && conversationTenant !== tenantId) return null;
  return { ref: { tenantId, meetingId }, chatId };
}

export class MeetingEvents {
  constructor(private readonly deps: MeetingEventsDeps) {}

  /** Handles one event; true when it was a genuine event of a known meeting (the bot may then remember the chat). */
  async handle(kind: MeetingEventKind, activity: MeetingEventActivity, turn: MeetingEventTurn): Promise<boolean> {
    const parsed = parseMeetingEvent(activity);
    if (!parsed) return false;
    const { ref: teams, chatId } = parsed;
    if (this.deps.allowedTenants.length > 0 && !this.deps.allowedTenants.includes(teams.tenantId)) return false;
    const organizerId = await this.confirmed(turn, teams, chatId);
    if (organizerId === null) return false;

    // The change is Teams', on the organizer's behalf: the SIR carry-over on end records it as theirs.
    const viewer: Viewer = { userId: organizerId, tenantId: teams.tenantId, name: "Microsoft Teams", role: "Organizer", capabilities: capabilitiesOf("Organizer") };
    // Every occurrence of a recurring meeting has Teams' one id: a call's start may begin the next occurrence, an end
    // ends the current one. Command ids and posted cards are per occurrence, so week 2's start is not week 1's again.
    const occurrences = this.deps.occurrences;
    const ref = !occurrences
      ? teams
      : kind === "start"
        ? await occurrences.startingCall(teams, async (left) => {
            await this.deps.apply(left, { id: meetingEventCommandId(left, "end"), type: "endMeeting" }, viewer);
          })
        : await occurrences.latest(teams);
    const command: MeetingCommand = { id: meetingEventCommandId(ref, kind), type: kind === "start" ? "startMeeting" : "endMeeting" };
    // Refused is fine: the lead may have started or ended it in the panel already; the card is still due.
    await this.deps.apply(ref, command, viewer);

    if (!(await this.deps.claims.claim(ref, kind))) return true;
    const locale = cardLocale(typeof activity.locale === "string" ? activity.locale : undefined);
    const link = meetingPanelLink({ teamsAppId: this.deps.teamsAppId, entityId: PANEL_ENTITY_ID, chatId: seriesIdOf(chatId), view: kind === "start" ? "agenda" : "summary" });
    try {
      await turn.send(kind === "start" ? meetingStartedCard(locale, link) : meetingEndedCard(locale, link));
    } catch (err) {
      // Given back so Teams' redelivery posts it; the meeting's state is already right either way.
      await this.deps.claims.release(ref, kind);
      throw err;
    }
    return true;
  }

  /** The organizer's id when Teams knows the meeting as one of this chat and tenant; null otherwise. */
  private async confirmed(turn: MeetingEventTurn, ref: MeetingRef, chatId: string): Promise<string | null> {
    let info: TeamsMeetingInfo;
    try {
      info = await turn.meetingInfo(ref.meetingId);
    } catch {
      // 404/403: Teams does not know the meeting (or not for this bot). Anything else (the Bot Connector the event
      // names is unreachable or failing) cannot confirm it either; a forged serviceUrl must not buy a log line.
      return null;
    }
    const infoChat = str(info.conversation?.id);
    if (!infoChat || seriesIdOf(infoChat) !== seriesIdOf(chatId)) return null;
    const organizerTenant = str(info.organizer?.tenantId);
    if (organizerTenant !== undefined && organizerTenant !== ref.tenantId) return null;
    return str(info.organizer?.aadObjectId) ?? "teams";
  }
}
