/**
 * @module A stand-in for the Teams host: answers the postMessage requests that the real
 * teams-js (2.58) sends from each attendee's side panel iframe.
 *
 * Protocol, as read in teams-js 2.58's source (dist/esm/.../internal/communication.js,
 * messageObjects.js, handlers.js, appHelpers.js, public/app/app.js, public/runtime.js):
 * - A request from the panel is `{id: number, uuidAsString: string, func, args, timestamp,
 *   monotonicTimestamp, apiVersionTag, isProxiedFromChild, teamsJsInstanceId}`.
 * - A reply is any message with a numeric `id`; teams-js finds the waiting callback by
 *   `uuidAsString` when present (else through its id → uuid map), so a reply echoes both:
 *   `{id, uuidAsString, args: [...]}`. `args` must be an array (it is spread into the callback).
 * - A host-to-app event is a message with a string `func` and NO numeric `id`:
 *   `{func: "themeChange", args: [theme]}`.
 * - teams-js accepts a message only from its parent window and from a trusted origin; the
 *   panel's own origin is always trusted, so page and panel are served from one origin.
 * - `initialize` is posted with target origin "*"; everything after it is queued inside the
 *   panel until the first message from the host arrives (the initialize reply), which fixes the
 *   host's window and origin for the panel's lifetime.
 */

export type Theme = "default" | "dark" | "contrast";
/** Where the app's page runs: the meeting side panel, or the settings dialog Teams opens when the app is added (configurationUrl). */
export type FrameContext = "sidePanel" | "settings";
export type PanelStatus = "loading" | "initializing" | "loaded" | "ready" | "failed";

/** The teams-js version this host mimics (the version installed in the repository). */
export const HOST_SDK_VERSION = "2.58.0";
export const NOT_SUPPORTED = "not supported by the local meeting page";

/**
 * What the local host says it supports. teams-js 2.58 reads `supports.pages`, `dialog`,
 * `teamsCore`, `interactive`, `appInstallDialog` … in the matching `isSupported()` calls;
 * `app.getContext`, `app.registerOnThemeChangeHandler`, `authentication.getAuthToken` and the
 * `meeting.*` calls check no capability at all (only that initialize completed and, for
 * meeting.*, the frame context). `meeting` and `authentication` are listed for the reader.
 * `supports.app.notifySuccessResponse` is deliberately absent: notifySuccess stays one-way.
 */
export const RUNTIME_CONFIG = {
  apiVersion: 4,
  hostVersionsInfo: { adaptiveCardSchemaVersion: { majorVersion: 1, minorVersion: 5 } },
  isLegacyTeams: false,
  supports: {
    appInstallDialog: {},
    pages: { config: {}, currentApp: {}, appButton: {}, tabs: {} },
    dialog: { url: {}, update: {} },
    meeting: {},
    teamsCore: {},
    interactive: {},
    authentication: {},
  },
} as const;

/** One attendee as their panel sees them (read afresh for every request). */
export interface PanelIdentity {
  readonly userId: string;
  readonly name: string;
  readonly upn: string;
  readonly locale: string;
}

export interface MeetingIdentity {
  readonly tenantId: string;
  readonly meetingId: string;
  readonly chatId: string;
  /** The team whose channel the meeting is in (its thread id, Teams' `teamId` / `team.internalId`); "" = not a channel meeting. */
  readonly teamId: string;
  readonly teamName: string;
  readonly channelName: string;
}

/** The tab's settings as the app sets them on save (`pages.config.setConfig` → `settings.setSettings`). */
export interface TabSettings {
  readonly entityId?: string;
  readonly contentUrl?: string;
  readonly websiteUrl?: string;
  readonly suggestedDisplayName?: string;
}

/** What a settings frame tells the host: Teams enables its Save button on validity, and closes the dialog on success. */
export interface SettingsObserver {
  validity(valid: boolean): void;
  saved(settings: TabSettings): void;
  saveFailed(reason: string): void;
}

export interface HostEnvironment {
  readonly meeting: MeetingIdentity;
  theme(): Theme;
  /** A signed SSO token for this attendee (POST /local/token in local mode). */
  fetchToken(userId: string): Promise<string>;
  log(message: string): void;
}

export interface PanelObserver {
  status(status: PanelStatus, detail?: string): void;
}

interface HostRequest {
  readonly id: number;
  readonly uuidAsString?: string;
  readonly func: string;
  readonly args: readonly unknown[];
}

interface PanelState {
  readonly frame: HTMLIFrameElement;
  readonly identity: () => PanelIdentity;
  readonly observer: PanelObserver;
  readonly frameContext: FrameContext;
  readonly settingsObserver?: SettingsObserver;
  /** What the app set with setConfig since it loaded. */
  settings: TabSettings;
  /** The deep link's `subEntityId` this document was opened with ("" = none), as Teams puts it in the context. */
  subEntityId: string;
  /** Bumped on every (re)load, so a late answer never reaches the next document. */
  generation: number;
  appSessionId: string;
  registered: Set<string>;
}

/** Requests teams-js sends without waiting for an answer: never replied to. */
const ONE_WAY = new Set([
  "registerHandler",
  "appInitialization.appLoaded",
  "appInitialization.success",
  "appInitialization.failure",
  "appInitialization.expectedFailure",
  "readyToUnload",
  "settings.setValidityState",
  "settings.save.success",
  "settings.save.failure",
]);

function parseRequest(data: unknown): HostRequest | undefined {
  if (!data || typeof data !== "object") return undefined;
  const m = data as Record<string, unknown>;
  if (typeof m.id !== "number" || typeof m.func !== "string") return undefined;
  return {
    id: m.id,
    uuidAsString: typeof m.uuidAsString === "string" ? m.uuidAsString : undefined,
    func: m.func,
    args: Array.isArray(m.args) ? (m.args as unknown[]) : [],
  };
}

function text(value: unknown): string {
  return typeof value === "string" ? value : value === undefined || value === null ? "" : JSON.stringify(value);
}

export class LocalTeamsHost {
  private readonly panels = new Map<HTMLIFrameElement, PanelState>();
  private readonly loggedUnknown = new Set<string>();
  private readonly hostSessionId = crypto.randomUUID();
  private readonly origin: string;
  private readonly listener = (event: MessageEvent): void => this.onMessage(event);

  constructor(
    private readonly env: HostEnvironment,
    private readonly win: Window = window,
  ) {
    this.origin = win.location.origin;
    win.addEventListener("message", this.listener);
  }

  dispose(): void {
    this.win.removeEventListener("message", this.listener);
    this.panels.clear();
  }

  /** Starts answering the panel in this iframe. Call before the iframe gets its `src`. */
  attach(frame: HTMLIFrameElement, identity: () => PanelIdentity, observer: PanelObserver, settings?: { readonly frameContext: "settings"; readonly observer: SettingsObserver }): void {
    const frameContext: FrameContext = settings?.frameContext ?? "sidePanel";
    this.panels.set(frame, {
      frame,
      identity,
      observer,
      frameContext,
      ...(settings ? { settingsObserver: settings.observer } : {}),
      settings: {},
      subEntityId: "",
      generation: 0,
      appSessionId: crypto.randomUUID(),
      registered: new Set(),
    });
    observer.status("loading");
  }

  /**
   * Teams' Save button in the settings dialog: the `settings.save` event (no id) to the page in this frame. teams-js
   * runs the app's save handler, which answers with `settings.save.success` or `.failure` (see the observer).
   */
  save(frame: HTMLIFrameElement): void {
    const panel = this.panels.get(frame);
    if (!panel || panel.frameContext !== "settings") throw new Error("save() is for a settings frame");
    frame.contentWindow?.postMessage({ func: "settings.save", args: [{}] }, this.origin);
  }

  detach(frame: HTMLIFrameElement): void {
    this.panels.delete(frame);
  }

  /** Loads (or reloads) the panel: a new document, a new app session, a fresh teams-js. */
  load(frame: HTMLIFrameElement, src: string, options: { readonly subEntityId?: string } = {}): void {
    const panel = this.panels.get(frame);
    if (panel) {
      this.reset(panel, "loading");
      // Teams opens the tab of a deep link (`context={"subEntityId":…}`) with it in the context; a plain load has none.
      panel.subEntityId = options.subEntityId ?? "";
    }
    // Setting src navigates even when the value is unchanged (src carries no #fragment).
    frame.src = src;
  }

  /** Tells every panel the Teams theme changed, as Teams does (`themeChange` event, no id). */
  broadcastTheme(theme: Theme): void {
    for (const panel of this.panels.values()) {
      panel.frame.contentWindow?.postMessage({ func: "themeChange", args: [theme] }, this.origin);
    }
  }

  private reset(panel: PanelState, status: PanelStatus): void {
    panel.generation += 1;
    panel.appSessionId = crypto.randomUUID();
    panel.registered = new Set();
    panel.settings = {};
    panel.observer.status(status);
  }

  private onMessage(event: MessageEvent): void {
    if (event.origin !== this.origin) return;
    let panel: PanelState | undefined;
    for (const p of this.panels.values()) if (p.frame.contentWindow && p.frame.contentWindow === event.source) panel = p;
    if (!panel) return;
    const request = parseRequest(event.data);
    if (!request) return;
    this.handle(panel, request).catch((error: unknown) => {
      this.env.log(`${panel.identity().name}: ${request.func} failed in the host: ${String(error)}`);
    });
  }

  private reply(panel: PanelState, generation: number, request: HostRequest, args: readonly unknown[]): void {
    if (panel.generation !== generation || !this.panels.has(panel.frame)) return;
    const message: Record<string, unknown> = { id: request.id, args };
    if (request.uuidAsString) message.uuidAsString = request.uuidAsString;
    panel.frame.contentWindow?.postMessage(message, this.origin);
  }

  private async handle(panel: PanelState, request: HostRequest): Promise<void> {
    const who = panel.identity();
    switch (request.func) {
      case "initialize": {
        // A new document in this iframe (first load, reload, or a navigation inside the panel).
        this.reset(panel, "initializing");
        const sdkVersion = text(request.args[0]);
        if (sdkVersion && sdkVersion !== HOST_SDK_VERSION) this.env.log(`${who.name}: the panel runs teams-js ${sdkVersion}; this host mimics ${HOST_SDK_VERSION}.`);
        this.reply(panel, panel.generation, request, [panel.frameContext, "web", JSON.stringify(RUNTIME_CONFIG), HOST_SDK_VERSION]);
        return;
      }
      case "getContext":
        this.reply(panel, panel.generation, request, [this.context(panel, who)]);
        return;
      case "authentication.getAuthToken": {
        const generation = panel.generation;
        try {
          const token = await this.env.fetchToken(who.userId);
          this.reply(panel, generation, request, [true, token]);
        } catch (error) {
          const reason = error instanceof Error ? error.message : String(error);
          this.env.log(`${who.name}: getAuthToken failed: ${reason}`);
          this.reply(panel, generation, request, [false, reason]);
        }
        return;
      }
      case "registerHandler": {
        const name = text(request.args[0]);
        if (name) panel.registered.add(name);
        return;
      }
      case "appInitialization.appLoaded":
        panel.observer.status("loaded");
        return;
      case "appInitialization.success":
        panel.observer.status("ready");
        return;
      case "appInitialization.failure":
      case "appInitialization.expectedFailure": {
        const [reason, message] = request.args;
        const detail = [text(reason), text(message)].filter(Boolean).join(": ") || "no reason given";
        this.env.log(`${who.name}: the panel reported ${request.func.split(".")[1]} (${detail}).`);
        panel.observer.status("failed", detail);
        return;
      }
      case "readyToUnload":
        return;
      // The settings frame (pages.config), as Teams answers it: validity enables Save; setConfig is answered [true].
      case "settings.setValidityState":
        panel.settingsObserver?.validity(request.args[0] === true);
        return;
      case "settings.setSettings": {
        if (panel.frameContext !== "settings") {
          this.reply(panel, panel.generation, request, [false, "setConfig works in the settings dialog only here"]);
          return;
        }
        const raw = (request.args[0] ?? {}) as Record<string, unknown>;
        const pick = (key: keyof TabSettings) => (typeof raw[key] === "string" ? { [key]: raw[key] } : {});
        panel.settings = { ...pick("entityId"), ...pick("contentUrl"), ...pick("websiteUrl"), ...pick("suggestedDisplayName") };
        this.env.log(`${who.name}: the settings page set the tab to ${panel.settings.contentUrl ?? "(no content URL)"}.`);
        this.reply(panel, panel.generation, request, [true]);
        return;
      }
      case "settings.getSettings":
        this.reply(panel, panel.generation, request, [panel.settings]);
        return;
      case "settings.save.success":
        this.env.log(`${who.name}: the settings page saved.`);
        panel.settingsObserver?.saved(panel.settings);
        return;
      case "settings.save.failure": {
        const reason = text(request.args[0]) || "no reason given";
        this.env.log(`${who.name}: the settings page could not save (${reason}).`);
        panel.settingsObserver?.saveFailed(reason);
        return;
      }
      case "meeting.getMeetingDetails":
        // Callback style (error, details); the verbose variant uses the same answer.
        this.reply(panel, panel.generation, request, [null, this.meetingDetails()]);
        return;
      case "meeting.getAppContentStageSharingCapabilities":
        this.reply(panel, panel.generation, request, [null, { doesAppHaveSharePermission: false }]);
        return;
      case "meeting.getAppContentStageSharingState":
        this.reply(panel, panel.generation, request, [null, { isAppSharing: false }]);
        return;
      case "executeDeepLink": {
        // app.openLink: answered as [success, reason].
        const url = text(request.args[0]);
        let ok = false;
        try {
          const parsed = new URL(url);
          if (parsed.protocol === "https:" || parsed.protocol === "http:") {
            // With noopener, window.open returns null even when the tab opened.
            this.win.open(parsed.href, "_blank", "noopener,noreferrer");
            ok = true;
          }
        } catch {
          ok = false;
        }
        this.env.log(`${who.name}: open link ${url}${ok ? "" : " (refused: only http(s) links open here)"}`);
        this.reply(panel, panel.generation, request, ok ? [true] : [false, "only http(s) links open on the local meeting page"]);
        return;
      }
      default:
        if (!this.loggedUnknown.has(request.func)) {
          this.loggedUnknown.add(request.func);
          this.env.log(`${who.name}: "${request.func}" is ${NOT_SUPPORTED}.`);
        }
        // Harmless when teams-js waits for nothing (it drops answers it has no callback for);
        // when it does wait, this answer keeps the call from hanging.
        if (!ONE_WAY.has(request.func)) this.reply(panel, panel.generation, request, [false, NOT_SUPPORTED]);
    }
  }

  /** The legacy flat context teams-js maps onto `app.Context` (transformLegacyContextToAppContext in public/app/app.js). */
  private context(panel: PanelState, who: PanelIdentity): Record<string, unknown> {
    const { tenantId, meetingId, chatId, teamId, teamName, channelName } = this.env.meeting;
    // A channel meeting: Teams names its team and channel (the team id is what the bot calls the team).
    const team = teamId ? { teamId, teamName, channelId: chatId, channelName } : {};
    return {
      ...team,
      locale: who.locale,
      theme: this.env.theme(),
      entityId: "okr-meeting",
      subEntityId: panel.subEntityId,
      frameContext: panel.frameContext,
      hostClientType: "web",
      hostName: "Teams",
      sessionId: this.hostSessionId,
      appSessionId: panel.appSessionId,
      ringId: "general",
      isFullScreen: false,
      isMultiWindow: false,
      meetingId,
      chatId,
      tid: tenantId,
      tenantSKU: "enterprise",
      userObjectId: who.userId,
      userPrincipalName: who.upn,
      loginHint: who.upn,
      userDisplayName: who.name,
      userLicenseType: "Unknown",
    };
  }

  private meetingDetails(): Record<string, unknown> {
    const { tenantId, meetingId, chatId } = this.env.meeting;
    return {
      details: { id: meetingId, type: "Scheduled", title: "Weekly OKR result meeting (local)" },
      conversation: { id: chatId },
      organizer: { tenantId },
    };
  }
}
