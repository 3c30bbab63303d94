/**
 * @module What the configuration page asks of Teams (teams-js `pages.config`): the meeting and its team from the
 * context, and the settings frame's save protocol. Teams opens this page (the manifest's `configurationUrl`, frame
 * context "settings") when the app is added to a meeting; its Save button stays disabled until the page calls
 * `setValidityState(true)`, and pressing it calls the save handler, which must end in `notifySuccess` or
 * `notifyFailure` (Teams shows the reason).
 */
import { app, pages } from "@microsoft/teams-js";

/** The tab Teams creates on save: the side panel this service serves (same origin as this page). */
export const ENTITY_ID = "okr-meeting";

export interface ConfigContext {
  readonly meetingId: string | null;
  /** The team's thread id (`19:…@thread.tacv2`) when the meeting is a team channel's; what the Bot Connector calls the team id. */
  readonly teamId: string | null;
  readonly frameContext: string | null;
}

export function configContextFrom(ctx: app.Context): ConfigContext {
  return { meetingId: ctx.meeting?.id ?? null, teamId: ctx.team?.internalId ?? null, frameContext: ctx.page.frameContext ?? null };
}

export async function readConfigContext(): Promise<ConfigContext> {
  return configContextFrom(await app.getContext());
}

/** The side panel's address, absolute (Teams requires an https URL of the app's domain; locally the page's own origin). */
export function sidePanelUrl(origin: string = location.origin): string {
  return `${origin}${import.meta.env.BASE_URL}index.html`;
}

export interface SaveOutcome {
  readonly ok: boolean;
  /** Shown by Teams when the save fails: what went wrong and what to do. */
  readonly reason?: string;
}

/**
 * Registers the save handler: `save()` stores the set-up; on success the tab's content is set to the side panel and
 * Teams is told it may close the dialog, otherwise it is told why not (and the dialog stays open).
 */
export function onSave(save: () => Promise<SaveOutcome>, displayName: () => string): void {
  pages.config.registerOnSaveHandler((saveEvent) => {
    void (async () => {
      let outcome: SaveOutcome;
      try {
        outcome = await save();
        if (outcome.ok) {
          const url = sidePanelUrl();
          await pages.config.setConfig({ entityId: ENTITY_ID, contentUrl: url, websiteUrl: url, suggestedDisplayName: displayName() });
        }
      } catch (err) {
        outcome = { ok: false, reason: err instanceof Error ? err.message : String(err) };
      }
      if (outcome.ok) saveEvent.notifySuccess();
      else saveEvent.notifyFailure(outcome.reason ?? "The set-up was not saved.");
    })();
  });
}

export function setValid(valid: boolean): void {
  pages.config.setValidityState(valid);
}
