/**
 * @module The team's action reminder settings: `GET /api/meetings/:meetingId/reminders` (every participant: when
 * reminders go out) and `PUT` (a lead: days before the due day 0–14, the local time). Stored per series with its ETag
 * (reminder-store.ts); a change plans the series' open actions again.
 */
import { can } from "../../../shared/src/auth/capabilities.js";
import { SetReminderSettingsRequest, type ReminderSettings } from "../../../shared/src/actions/reminders.js";
import type { MeetingRef } from "../../../shared/src/meeting/state.js";
import { SIR_LIMITS } from "../../../shared/src/sir/item.js";
import type { Person } from "../../../shared/src/actions/model.js";
import type { ReminderScheduler } from "../reminders/scheduler.js";
import type { ReminderStore } from "../storage/reminder-store.js";
import type { MeetingSeriesSource } from "../teams/meeting-series.js";
import { TeamsUnavailableError } from "../teams/roles.js";
import { admit, authenticate, formatIssues, type ApiDeps } from "./api.js";
import { HttpError, readJson, sendJson, type Router } from "./http.js";
import { limitsOf } from "./limits.js";

export interface RemindersApiDeps extends Pick<ApiDeps, "verify" | "roles" | "occurrences"> {
  readonly store: ReminderStore;
  readonly scheduler: ReminderScheduler;
  readonly series: MeetingSeriesSource;
  readonly timeZoneOf: (tenantId: string, seriesId: string) => Promise<string>;
}

export interface ReminderSettingsResponse {
  readonly settings: ReminderSettings;
  readonly timeZone: string;
  readonly version: number;
  readonly updatedBy: Person | null;
  /** The caller may change them (a lead). */
  readonly canEdit: boolean;
  readonly changed?: boolean;
}

const MAX_BODY_BYTES = 1024;

async function seriesOf(deps: RemindersApiDeps, ref: MeetingRef): Promise<string> {
  try {
    return await deps.series.seriesOf(ref);
  } catch (err) {
    if (err instanceof TeamsUnavailableError) throw new HttpError(503, "teamsUnavailable", `${err.message} Try again in a moment.`);
    throw err;
  }
}

export function registerRemindersApi(router: Router, deps: RemindersApiDeps): void {
  const limits = limitsOf(router);
  router.on("GET", "/api/meetings/:meetingId/reminders", async (req, res, params) => {
    const { ref, viewer } = await admit(deps, await authenticate(deps, req), params.meetingId, "meeting:read");
    const seriesId = await seriesOf(deps, ref);
    const stored = await deps.store.settings(ref.tenantId, seriesId);
    const body: ReminderSettingsResponse = { ...stored, timeZone: await deps.timeZoneOf(ref.tenantId, seriesId), canEdit: can(viewer.role, "actions:lead") };
    sendJson(res, 200, body);
  });

  router.on("PUT", "/api/meetings/:meetingId/reminders", async (req, res, params) => {
    const identity = await authenticate(deps, req);
    limits.command(identity);
    const parsed = SetReminderSettingsRequest.safeParse(await readJson(req, MAX_BODY_BYTES));
    if (!parsed.success) throw new HttpError(400, "invalidSettings", "The reminder settings are not valid: days before 0–14, time HH:MM.", formatIssues(parsed.error));
    const { ref, viewer } = await admit(deps, identity, params.meetingId, "meeting:read");
    if (!can(viewer.role, "actions:lead")) throw new HttpError(403, "forbidden", "Only the organizer or a presenter can change when reminders go out.");
    limits.meeting(ref);
    const seriesId = await seriesOf(deps, ref);
    const { id, ...settings } = parsed.data;
    const by: Person = { userId: viewer.userId, name: (viewer.name || "Unknown").slice(0, SIR_LIMITS.personNameMax) };
    const { stored, changed } = await deps.store.setSettings(ref.tenantId, seriesId, id, settings, by);
    // The settings are stored (that is what 200 says); planning the open actions again is best effort: a reminder
    // whose row is out of date is planned again when it comes due (scheduler.ts).
    if (changed) await deps.scheduler.replanSeries(ref.tenantId, seriesId).catch((err: unknown) => console.warn("Could not plan the series' reminders again", err instanceof Error ? err.message : err));
    const body: ReminderSettingsResponse = { ...stored, timeZone: await deps.timeZoneOf(ref.tenantId, seriesId), canEdit: true, changed };
    sendJson(res, 200, body);
  });
}
