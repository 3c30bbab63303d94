/**
 * @module The local meeting page: one column per simulated attendee, each running the real side
 * panel (with the real teams-js) in an iframe that {@link LocalTeamsHost} answers as Teams would.
 *
 * URL parameters (used by the browser tests):
 * - `?users=<userId>,<userId>` shows only those attendees, in that order;
 * - `?theme=default|dark|contrast` sets the initial Teams theme;
 * - `?locale.<userId>=sv-SE` overrides one attendee's locale;
 * - `?app=new` starts before the app is added to the meeting: no side panels until *Add app…* has opened the app's
 *   configuration page in a settings frame and its save succeeded (as in Teams);
 * - `?team=none` plays a meeting outside any team (no team in the Teams context: the set-up has no channel to offer).
 *
 * *Start meeting* / *End meeting* send Teams' meeting start and end events to the bot (./meeting-events.ts).
 */
import "./meeting.css";
import { meetingEventActivity, sendMeetingEvent, type MeetingEventKind } from "./meeting-events.js";
import { LocalTeamsHost, type PanelIdentity, type PanelStatus, type TabSettings, type Theme } from "./host.js";

type Role = "Organizer" | "Presenter" | "Attendee";

interface Attendee {
  readonly userId: string;
  readonly name: string;
  readonly upn: string;
  role: Role;
  locale: string;
}

interface Roster {
  readonly tenantId: string;
  readonly meetingId: string;
  /** Next week's meeting of the same series (`?meeting=next`): open SIR items carry over to it. */
  readonly nextMeetingId?: string;
  readonly chatId: string;
  /** The team whose channel the meeting is in (a channel meeting), as Teams' context names it. */
  readonly team?: { readonly id: string; readonly name: string; readonly channelName: string };
  readonly attendees: Attendee[];
}

interface Column {
  readonly attendee: Attendee;
  readonly element: HTMLElement;
  readonly frame: HTMLIFrameElement;
  /** Reloads the panel as Teams opens a deep link to the tab: with the link's `subEntityId` in the context. */
  openView?: (subEntityId: string) => void;
}

const ROLES: readonly Role[] = ["Organizer", "Presenter", "Attendee"];
const LOCALES: readonly { value: string; label: string }[] = [
  { value: "nb-NO", label: "Norsk (nb-NO)" },
  { value: "sv-SE", label: "Svenska (sv-SE)" },
  { value: "en-US", label: "English (en-US)" },
];
const THEMES: readonly Theme[] = ["default", "dark", "contrast"];
/** The side panel, as the manifest's meetingSidePanel points to it (same origin as this page). */
const PANEL_URL = `${import.meta.env.BASE_URL}index.html`;
/** The configuration page, as the manifest's configurationUrl points to it. */
const CONFIG_URL = `${import.meta.env.BASE_URL}config.html`;
const MAX_LOG = 200;

function byId<T extends HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} is missing from meeting.html`);
  return el as T;
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<Record<string, string>> = {}, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) if (value !== undefined) node.setAttribute(name, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

const ui = {
  theme: byId<HTMLSelectElement>("theme-select"),
  addSelect: byId<HTMLSelectElement>("add-attendee-select"),
  addButton: byId<HTMLButtonElement>("add-attendee"),
  notice: byId<HTMLDivElement>("notice"),
  columns: byId<HTMLDivElement>("columns"),
  logList: byId<HTMLOListElement>("host-log-list"),
  logCount: byId<HTMLSpanElement>("host-log-count"),
};

// ---------------------------------------------------------------- host log

let logCount = 0;
function log(message: string): void {
  logCount += 1;
  const time = new Date().toLocaleTimeString("en-GB", { hour12: false });
  ui.logList.append(el("li", {}, `${time}  ${message}`));
  while (ui.logList.children.length > MAX_LOG) ui.logList.firstElementChild?.remove();
  ui.logCount.textContent = String(logCount);
  console.info(`[local host] ${message}`);
}

function showNotice(message: string, retry?: () => void): void {
  ui.notice.replaceChildren(el("p", {}, message));
  if (retry) {
    const button = el("button", { type: "button" }, "Try again");
    button.addEventListener("click", retry);
    ui.notice.append(button);
  }
  ui.notice.hidden = false;
}

// ---------------------------------------------------------------- service calls

async function errorText(res: Response): Promise<string> {
  const body = await res.text().catch(() => "");
  try {
    const json = JSON.parse(body) as { error?: { message?: unknown } | string; message?: unknown };
    const message = typeof json.error === "object" ? json.error.message : (json.error ?? json.message);
    if (typeof message === "string" && message) return `${res.status}: ${message}`;
  } catch {
    // not JSON
  }
  return `${res.status} ${res.statusText}${body ? `: ${body.slice(0, 200)}` : ""}`;
}

function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

async function loadRoster(): Promise<Roster> {
  const res = await fetch("/local/roster", { headers: { accept: "application/json" } });
  if (!res.ok) throw new Error(await errorText(res));
  const data = (await res.json()) as Partial<Roster>;
  if (typeof data.tenantId !== "string" || typeof data.meetingId !== "string" || typeof data.chatId !== "string" || !Array.isArray(data.attendees)) {
    throw new Error("the roster has an unexpected shape");
  }
  const attendees = data.attendees.filter(
    (a): a is Attendee => !!a && typeof a.userId === "string" && typeof a.name === "string" && typeof a.upn === "string" && isRole(a.role) && typeof a.locale === "string",
  );
  const next = typeof data.nextMeetingId === "string" ? { nextMeetingId: data.nextMeetingId } : {};
  const t = data.team;
  const team = t && typeof t.id === "string" && typeof t.name === "string" && typeof t.channelName === "string" ? { team: { id: t.id, name: t.name, channelName: t.channelName } } : {};
  return { tenantId: data.tenantId, meetingId: data.meetingId, ...next, chatId: data.chatId, ...team, attendees: attendees.map((a) => ({ ...a })) };
}

async function fetchToken(userId: string): Promise<string> {
  const res = await fetch("/local/token", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ userId }) });
  if (!res.ok) throw new Error(`POST /local/token: ${await errorText(res)}`);
  const { token } = (await res.json()) as { token?: unknown };
  if (typeof token !== "string" || !token) throw new Error("POST /local/token returned no token");
  return token;
}

async function putRole(userId: string, role: Role): Promise<void> {
  const res = await fetch("/local/roster/role", { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify({ userId, role }) });
  if (!res.ok) throw new Error(`PUT /local/roster/role: ${await errorText(res)}`);
}

// ---------------------------------------------------------------- page state

const params = new URLSearchParams(location.search);
let theme: Theme = THEMES.find((t) => t === params.get("theme")) ?? "default";
let roster: Roster | undefined;
/** Each attendee's locale as the roster gives it (the URL only records overrides). */
const rosterLocales = new Map<string, string>();
const columns: Column[] = [];

/** Filled from the roster before the first panel loads. */
const hostMeeting = { tenantId: "", meetingId: "", chatId: "", teamId: "", teamName: "", channelName: "" };
/** What the side panels load: the manifest's side panel until the configuration page sets the tab's contentUrl. */
let panelUrl = PANEL_URL;
/** False with `?app=new` until the Add app step saved. */
let appAdded = params.get("app") !== "new";
const host = new LocalTeamsHost({
  meeting: hostMeeting,
  theme: () => theme,
  fetchToken,
  log,
});

function applyTheme(next: Theme, announce: boolean): void {
  theme = next;
  document.documentElement.dataset.theme = next;
  ui.theme.value = next;
  if (announce) {
    host.broadcastTheme(next);
    log(`Theme changed to "${next}".`);
  }
}

/** Keeps the address bar in step with the page, so a reload shows the same meeting view. */
function syncUrl(): void {
  if (!roster) return;
  const next = new URLSearchParams();
  const shown = columns.map((c) => c.attendee.userId);
  const all = roster.attendees.map((a) => a.userId);
  if (shown.join(",") !== all.join(",")) next.set("users", shown.join(","));
  if (theme !== "default") next.set("theme", theme);
  if (params.get("meeting") === "next") next.set("meeting", "next");
  if (!appAdded) next.set("app", "new");
  if (params.get("team") === "none") next.set("team", "none");
  for (const a of roster.attendees) if (a.locale !== rosterLocales.get(a.userId)) next.set(`locale.${a.userId}`, a.locale);
  const query = next.toString().replaceAll("%2C", ",");
  history.replaceState(null, "", `${location.pathname}${query ? `?${query}` : ""}`);
}

const STATUS_TEXT: Record<PanelStatus, string> = {
  loading: "Loading panel…",
  initializing: "teams-js connected, starting…",
  loaded: "Loaded, waiting for the panel…",
  ready: "Ready",
  failed: "Failed",
};

/** Shown when a panel stays in one state this long: a hint where to look. */
const STUCK_AFTER_MS = 15_000;
const STUCK_TEXT: Record<"loading" | "initializing" | "loaded", string> = {
  loading: "Still loading: is the panel built (npx vite build) and does it call app.initialize()?",
  initializing: "teams-js connected, but the panel has not called app.notifySuccess() yet.",
  loaded: "The panel has not called app.notifySuccess() yet.",
};

function createColumn(attendee: Attendee): Column {
  const id = attendee.userId;
  const element = el("article", { class: "column", "data-testid": "attendee-column", "data-user-id": id, "data-ready": "false", "data-status": "loading", "aria-labelledby": `name-${id}` });
  const header = el("header", { class: "column-header" });
  const title = el("div", { class: "column-title" });
  title.append(el("h2", { id: `name-${id}` }, attendee.name), el("span", { class: "upn" }, attendee.upn));

  const controls = el("div", { class: "column-controls" });
  const roleField = el("div", { class: "field" });
  const roleSelect = el("select", { id: `role-${id}`, "data-testid": "role-select" });
  for (const role of ROLES) roleSelect.append(el("option", { value: role }, role));
  roleSelect.value = attendee.role;
  roleField.append(el("label", { for: `role-${id}` }, "Meeting role"), roleSelect);

  const localeField = el("div", { class: "field" });
  const localeSelect = el("select", { id: `locale-${id}`, "data-testid": "locale-select" });
  const locales = LOCALES.some((l) => l.value === attendee.locale) ? LOCALES : [...LOCALES, { value: attendee.locale, label: attendee.locale }];
  for (const l of locales) localeSelect.append(el("option", { value: l.value }, l.label));
  localeSelect.value = attendee.locale;
  localeField.append(el("label", { for: `locale-${id}` }, "Teams language"), localeSelect);

  const buttons = el("div", { class: "column-buttons" });
  const reload = el("button", { type: "button", "data-testid": "reload-panel", "aria-label": `Reload panel of ${attendee.name}` }, "Reload panel");
  const remove = el("button", { type: "button", "data-testid": "remove-column", "aria-label": `Remove column of ${attendee.name}` }, "Remove");
  const status = el("p", { class: "status", "data-testid": "panel-status", role: "status" }, STATUS_TEXT.loading);
  buttons.append(reload, remove, status);
  controls.append(roleField, localeField, buttons);
  header.append(title, controls);

  const frameWrap = el("div", { class: "frame-wrap" });
  const frame = el("iframe", { "data-testid": "panel-frame", title: `Side panel of ${attendee.name}`, width: "320", height: "640" });
  frameWrap.append(frame);
  element.append(header, frameWrap);

  const column: Column = { attendee, element, frame };
  const identity = (): PanelIdentity => ({ userId: attendee.userId, name: attendee.name, upn: attendee.upn, locale: attendee.locale });
  let stuck: ReturnType<typeof setTimeout> | undefined;
  host.attach(frame, identity, {
    status(next, detail) {
      element.dataset.status = next;
      element.dataset.ready = String(next === "ready");
      status.textContent = next === "failed" ? `Failed: ${detail ?? "no reason given"}` : STATUS_TEXT[next];
      if (next === "ready" || next === "failed") panes.panelReported();
      clearTimeout(stuck);
      if (next !== "ready" && next !== "failed") {
        stuck = setTimeout(() => {
          if (!element.isConnected) return;
          status.textContent = STUCK_TEXT[next];
          log(`${attendee.name}: ${STUCK_TEXT[next]}`);
        }, STUCK_AFTER_MS);
      }
    },
  });

  roleSelect.addEventListener("change", () => {
    const role = roleSelect.value;
    if (!isRole(role) || role === attendee.role) return;
    roleSelect.disabled = true;
    putRole(attendee.userId, role)
      .then(() => {
        attendee.role = role;
        // As in Teams, the panel is not reloaded: the service pushes the new role to its open stream.
        log(`${attendee.name} is now ${role}.`);
      })
      .catch((error: unknown) => {
        roleSelect.value = attendee.role;
        const message = error instanceof Error ? error.message : String(error);
        log(`Could not make ${attendee.name} ${role}: ${message}`);
        showNotice(`Could not change the role of ${attendee.name}: ${message}`);
      })
      .finally(() => {
        roleSelect.disabled = false;
      });
  });
  localeSelect.addEventListener("change", () => {
    attendee.locale = localeSelect.value;
    log(`${attendee.name} now uses Teams in ${attendee.locale}; reloading their panel.`);
    syncUrl();
    host.load(frame, panelUrl);
  });
  reload.addEventListener("click", () => host.load(frame, panelUrl));
  column.openView = (subEntityId) => host.load(frame, panelUrl, { subEntityId });
  remove.addEventListener("click", () => removeColumn(column));
  return column;
}

function addColumn(attendee: Attendee): void {
  const column = createColumn(attendee);
  columns.push(column);
  ui.columns.append(column.element);
  host.load(column.frame, panelUrl);
}

function removeColumn(column: Column): void {
  const index = columns.indexOf(column);
  if (index < 0) return;
  columns.splice(index, 1);
  host.detach(column.frame);
  column.element.remove();
  log(`Closed the panel of ${column.attendee.name}.`);
  renderPicker();
  syncUrl();
  ui.addSelect.focus();
}

function renderPicker(): void {
  const hidden = appAdded ? (roster?.attendees ?? []).filter((a) => !columns.some((c) => c.attendee.userId === a.userId)) : [];
  ui.addSelect.replaceChildren(...hidden.map((a) => el("option", { value: a.userId }, `${a.name} (${a.role})`)));
  if (hidden.length === 0) ui.addSelect.append(el("option", { value: "" }, "Everyone is shown"));
  ui.addSelect.disabled = hidden.length === 0;
  ui.addButton.disabled = hidden.length === 0;
}

ui.addButton.addEventListener("click", () => {
  const attendee = roster?.attendees.find((a) => a.userId === ui.addSelect.value);
  if (!attendee || columns.some((c) => c.attendee.userId === attendee.userId)) return;
  addColumn(attendee);
  log(`Opened the panel of ${attendee.name}.`);
  renderPicker();
  syncUrl();
});

ui.theme.addEventListener("change", () => {
  const next = THEMES.find((t) => t === ui.theme.value);
  if (next && next !== theme) {
    applyTheme(next, true);
    syncUrl();
  }
});

// ---------------------------------------------------------------- start

async function start(): Promise<void> {
  document.body.dataset.state = "loading";
  try {
    roster = await loadRoster();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    document.body.dataset.state = "error";
    log(`GET /local/roster failed: ${message}`);
    showNotice(`The local service did not answer GET /local/roster (${message}). Start it with "npm start" (local mode), then try again.`, () => {
      ui.notice.hidden = true;
      void start();
    });
    return;
  }
  ui.notice.hidden = true;
  hostMeeting.tenantId = roster.tenantId;
  hostMeeting.meetingId = params.get("meeting") === "next" && roster.nextMeetingId ? roster.nextMeetingId : roster.meetingId;
  hostMeeting.chatId = roster.chatId;
  hostMeeting.teamId = params.get("team") === "none" ? "" : (roster.team?.id ?? "");
  hostMeeting.teamName = roster.team?.name ?? "";
  hostMeeting.channelName = roster.team?.channelName ?? "";

  for (const a of roster.attendees) {
    rosterLocales.set(a.userId, a.locale);
    const locale = params.get(`locale.${a.userId}`);
    if (locale) a.locale = locale;
  }
  const wanted = (params.get("users") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  for (const id of wanted) if (!roster.attendees.some((a) => a.userId === id)) log(`?users names ${id}, who is not in the roster; skipped.`);
  const chosen = wanted.length > 0 ? wanted.flatMap((id) => roster?.attendees.filter((a) => a.userId === id) ?? []) : roster.attendees;
  const unique = chosen.filter((a, i) => chosen.indexOf(a) === i);
  const openPanels = (): void => {
    for (const attendee of unique) if (!columns.some((c) => c.attendee.userId === attendee.userId)) addColumn(attendee);
    renderPicker();
  };
  addApp.ready(roster.attendees, openPanels);
  if (appAdded) openPanels();
  else {
    addApp.notAdded.hidden = false;
    renderPicker();
  }
  syncUrl();
  teamsMeeting.ready(roster.attendees);
  document.body.dataset.state = "ready";
  const attendees = roster.attendees;
  panes.whenPanelsSettled(() => void mountPanes(attendees));
}

// ---------------------------------------------------------------- the chat, channel and 1:1 panes

/**
 * The chat, channel and 1:1 panes draw Adaptive Cards (the renderer is most of this page's script) and hold two event
 * streams. In Teams they are Teams' own: they share neither the panel's main thread nor its origin's six HTTP/1.1
 * connections. Here they would share both (the panels are same-origin frames), so they load once every panel opened
 * with the page has reported ready or failed and the page is idle, or after {@link PANES_AT_THE_LATEST_MS}. Their
 * streams replay what was posted before, so nothing is missed by loading later.
 */
const PANES_AT_THE_LATEST_MS = 3_000;
const panes = (() => {
  let load: (() => void) | null = null;
  const settled = (): boolean => columns.every((c) => c.element.dataset.status === "ready" || c.element.dataset.status === "failed");
  const go = (): void => {
    const f = load;
    load = null;
    // Once the page is idle: right after a panel reports, it is still drawing what follows its first render.
    if (f) requestIdleCallback(() => f(), { timeout: PANES_AT_THE_LATEST_MS });
  };
  return {
    whenPanelsSettled(f: () => void): void {
      load = f;
      if (settled()) go();
      else setTimeout(go, PANES_AT_THE_LATEST_MS);
    },
    /** A panel reported: the panes load if it was the last one. */
    panelReported(): void {
      if (load && settled()) go();
    },
  };
})();

async function mountPanes(attendees: readonly Attendee[]): Promise<void> {
  try {
    const [{ mountChat, teamsTabLinkView }, { mountChannel }, { mountPersonalChat }] = await Promise.all([import("./chat.js"), import("./channel.js"), import("./personal.js")]);
    const chatPane = document.getElementById("chat-pane");
    if (chatPane)
      mountChat(chatPane, attendees, (userId, url) => {
        // A card's Teams deep link to the app's tab: Teams opens the clicking user's panel with the link's subEntityId.
        const view = teamsTabLinkView(url);
        const column = columns.find((c) => c.attendee.userId === userId);
        if (view === null) log(`Link opened: ${url} (not a link to this app's tab; Teams would open it in a browser).`);
        else if (!column?.openView) log(`Link to the panel (${view || "no view"}) opened, but that attendee has no panel open on this page.`);
        else {
          log(`${column.attendee.name} opened the panel link: the panel opens with subEntityId "${view}".`);
          column.openView(view);
        }
      });
    const channelPane = document.getElementById("channel-pane");
    if (channelPane) mountChannel(channelPane);
    const personalPane = document.getElementById("personal-pane");
    if (personalPane) mountPersonalChat(personalPane, attendees, (userId, url) => log(`${userId} opened a link from the 1:1 chat: ${url}`));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    log(`The chat panes could not load: ${message}`);
    showNotice(`The chat, channel and 1:1 panes could not load (${message}). Reload the page.`);
  }
}

// ---------------------------------------------------------------- Teams' meeting start and end events

/** The call starts or ends in Teams: Teams tells the bot with an event activity (the organizer is its `from`). */
const teamsMeeting = (() => {
  const buttons: Record<MeetingEventKind, HTMLButtonElement> = { start: byId<HTMLButtonElement>("teams-start"), end: byId<HTMLButtonElement>("teams-end") };
  let organizer: Attendee | undefined;
  const send = async (kind: MeetingEventKind): Promise<void> => {
    if (!organizer) return;
    const activity = meetingEventActivity(kind, hostMeeting, organizer, location.origin);
    buttons[kind].disabled = true;
    try {
      const status = await sendMeetingEvent(activity);
      log(`Teams: meeting ${kind === "start" ? "started" : "ended"} → POST /api/messages ${status}`);
    } catch (error) {
      log(`Teams: the meeting ${kind} event could not be sent (${error instanceof Error ? error.message : String(error)})`);
    } finally {
      buttons[kind].disabled = false;
    }
  };
  for (const kind of ["start", "end"] as const) buttons[kind].addEventListener("click", () => void send(kind));
  return {
    ready(people: readonly Attendee[]): void {
      organizer = people.find((a) => a.role === "Organizer") ?? people[0];
      buttons.start.disabled = buttons.end.disabled = !organizer;
    },
  };
})();

// ---------------------------------------------------------------- the Add app step (settings frame)

/**
 * Teams' "add an app to a meeting" dialog: the app's configuration page in a settings frame, answered by the same
 * host, with Teams' own Save button, enabled while the page says its choices are valid. Save sends `settings.save`;
 * the page's handler saves the set-up, sets the tab's content URL and reports success, and the side panels then
 * (re)open at that URL. A failure keeps the dialog open with the page's reason.
 */
const addApp = (() => {
  const open = byId<HTMLButtonElement>("add-app");
  const dialog = byId<HTMLDialogElement>("settings-dialog");
  const as = byId<HTMLSelectElement>("settings-as");
  const frame = byId<HTMLIFrameElement>("settings-frame");
  const save = byId<HTMLButtonElement>("settings-save");
  const cancel = byId<HTMLButtonElement>("settings-cancel");
  const status = byId<HTMLParagraphElement>("settings-status");
  const notAdded = byId<HTMLParagraphElement>("app-not-added");
  let people: readonly Attendee[] = [];
  let onAdded: () => void = () => undefined;

  const say = (message: string, alert = false): void => {
    status.textContent = message;
    status.setAttribute("role", alert ? "alert" : "status");
  };
  const close = (): void => {
    host.detach(frame);
    frame.removeAttribute("src");
    if (dialog.open) dialog.close();
    open.focus();
  };
  const saved = (settings: TabSettings): void => {
    let url: URL;
    try {
      url = new URL(settings.contentUrl ?? "", location.href);
    } catch {
      say(`The app saved, but its content URL (${settings.contentUrl ?? "none"}) is not a URL, so Teams could not open it.`, true);
      return;
    }
    if (url.origin !== location.origin) {
      say(`The app saved, but its content URL ${url.href} is not on this service (${location.origin}); the local page opens only its own pages.`, true);
      return;
    }
    panelUrl = `${url.pathname}${url.search}`;
    appAdded = true;
    notAdded.hidden = true;
    close();
    log(`The app is added to the meeting: its side panel is ${panelUrl}.`);
    // Teams opens the new tab's side panel; here every column (re)opens it.
    for (const column of columns) host.load(column.frame, panelUrl);
    onAdded();
    syncUrl();
  };
  const load = (): void => {
    const attendee = people.find((a) => a.userId === as.value) ?? people[0];
    if (!attendee) return;
    save.disabled = true;
    say(`Loading the configuration page as ${attendee.name} (${attendee.role})…`);
    const identity = (): PanelIdentity => ({ userId: attendee.userId, name: attendee.name, upn: attendee.upn, locale: attendee.locale });
    host.attach(
      frame,
      identity,
      {
        status(next, detail) {
          frame.dataset.status = next;
          if (next === "ready") say(`${attendee.name} is choosing. Save is enabled once the page says the choices are valid.`);
          if (next === "failed") say(`The configuration page failed: ${detail ?? "no reason given"}`, true);
        },
      },
      {
        frameContext: "settings",
        observer: {
          validity(valid) {
            save.disabled = !valid;
            frame.dataset.valid = String(valid);
          },
          saved,
          saveFailed(reason) {
            save.disabled = false;
            say(`Not saved: ${reason}`, true);
          },
        },
      },
    );
    host.load(frame, CONFIG_URL);
  };

  open.addEventListener("click", () => {
    as.replaceChildren(...people.map((a) => el("option", { value: a.userId }, `${a.name} (${a.role})`)));
    as.value = (people.find((a) => a.role === "Organizer") ?? people[0])?.userId ?? "";
    dialog.showModal();
    load();
  });
  as.addEventListener("change", load);
  save.addEventListener("click", () => {
    save.disabled = true;
    say("Saving…");
    host.save(frame);
  });
  cancel.addEventListener("click", close);
  dialog.addEventListener("cancel", () => {
    host.detach(frame);
    frame.removeAttribute("src");
  });
  return {
    notAdded,
    ready(attendees: readonly Attendee[], added: () => void): void {
      people = attendees;
      onAdded = added;
      open.disabled = false;
    },
  };
})();

applyTheme(theme, false);
void start();
