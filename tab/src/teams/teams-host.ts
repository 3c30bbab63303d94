/**
 * @module Everything the panel asks of Teams, in one place: initialize, the meeting context, the SSO
 * token, theme changes, and telling Teams the panel loaded (or why it did not). Outside any host
 * `app.initialize()` fails at once; the panel then explains where it runs.
 */
import { app, authentication } from "@microsoft/teams-js";

export const THEMES = ["default", "dark", "contrast"] as const;
export type ThemeName = (typeof THEMES)[number];

export function parseTheme(value: string | undefined | null): ThemeName {
  return value === "dark" || value === "contrast" ? value : "default";
}

/** The parts of the Teams context the panel uses. */
export interface HostContext {
  readonly meetingId: string | null;
  readonly userObjectId: string | null;
  readonly tenantId: string | null;
  /** Teams' locale string (e.g. "nb-NO"); resolveLocale picks the panel language from it. */
  readonly locale: string;
  readonly theme: ThemeName;
  readonly frameContext: string | null;
  /**
   * Teams' `subEntityId` (teams-js `page.subPageId`): which view a deep link asked for. The meeting-end card's
   * "Review and post summary" link says `summary`, and the panel opens its Summary view (docs/SUMMARY.md).
   */
  readonly subEntityId: string | null;
}

export interface TeamsHost {
  readonly context: HostContext;
  /** A fresh SSO token from Teams (cache it: see token-cache.ts). */
  getAuthToken(): Promise<string>;
  /** Teams allows one theme handler; a later registration replaces the earlier one. */
  onThemeChange(handler: (theme: ThemeName) => void): void;
  notifySuccess(): void;
  notifyFailure(message: string, reason: "authFailed" | "other"): void;
}

export type TeamsConnection = { readonly kind: "inTeams"; readonly host: TeamsHost } | { readonly kind: "outside"; readonly reason: string };

export function contextFrom(ctx: app.Context): HostContext {
  return {
    meetingId: ctx.meeting?.id ?? null,
    userObjectId: ctx.user?.id ?? null,
    tenantId: ctx.user?.tenant?.id ?? null,
    locale: ctx.app.locale,
    theme: parseTheme(ctx.app.theme),
    frameContext: ctx.page.frameContext ?? null,
    subEntityId: ctx.page.subPageId || null,
  };
}

export async function connectToTeams(): Promise<TeamsConnection> {
  try {
    // No extra origins: in Teams the SDK's own allow-list applies, and the local meeting page is served from this origin.
    await app.initialize();
  } catch (err) {
    return { kind: "outside", reason: err instanceof Error ? err.message : String(err) };
  }
  const context = contextFrom(await app.getContext());
  return {
    kind: "inTeams",
    host: {
      context,
      getAuthToken: () => authentication.getAuthToken(),
      onThemeChange: (handler) => app.registerOnThemeChangeHandler((theme) => handler(parseTheme(theme))),
      notifySuccess: () => {
        // Older hosts never answer this call; its result tells us nothing we act on.
        app.notifySuccess().catch((err: unknown) => console.warn("notifySuccess was not acknowledged", err));
      },
      notifyFailure: (message, reason) =>
        app.notifyFailure({ reason: reason === "authFailed" ? app.FailedReason.AuthFailed : app.FailedReason.Other, message }),
    },
  };
}
