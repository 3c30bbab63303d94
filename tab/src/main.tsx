/**
 * @module Entry point of the meeting side panel: connects to Teams (or finds there is none), loads the user's
 * language, then renders the panel. It keeps the first evaluated script small: React, Fluent UI and the sections are
 * a chunk of their own (panel-ui.tsx), imported at once but evaluated after this module has asked Teams for its
 * context and token, the service for the server time and the meeting's snapshot, so those round trips overlap with
 * the user interface's download and evaluation instead of following them.
 */
import { resolveLocale } from "../../shared/src/i18n/format.js";
import { loadMessagesOrEnglish as messagesFor, START_FAILED } from "../../shared/src/i18n/load.js";
import { fetchServerTime } from "./api/api-client.js";
import { ServerClock } from "./api/clock-sync.js";
import type { AppConnection } from "./components/App/App.js";
import { createPanelServices } from "./teams/panel-services.js";
import { connectToTeams } from "./teams/teams-host.js";

/** How long after the interface is ready the panel stays blank while Teams has not answered. */
const STARTING_NOTICE_AFTER_MS = 400;

async function main(): Promise<void> {
  const container = document.getElementById("root");
  if (!container) throw new Error("index.html has no #root element");
  const ui = import("./panel-ui.js");

  // One server clock per page. Its round trips need no token, so they run while Teams answers and the language
  // loads: the first render needs the clock (the countdown), and it is ready by then.
  const clock = new ServerClock({ fetchServerTime: () => fetchServerTime(), now: Date.now });
  void clock.sync();

  // Teams and the browser's language load in parallel; the browser's is the best guess until Teams answers.
  const connecting = connectToTeams().catch((err: unknown): AppConnection => {
    // initialize worked but the context could not be read: a host problem, not "outside Teams".
    console.error("Teams context unavailable", err);
    return { kind: "failed", reason: err instanceof Error ? err.message : String(err) };
  });
  const browserLocale = resolveLocale(navigator.language);
  const browser = messagesFor(browserLocale);
  // "Connecting to Teams…" (in the browser's language) only when Teams is slow to answer. Usually Teams answers within
  // a few tens of ms of the interface being ready, and the notice would flash for a moment and cost a render (Fluent's
  // first, the most expensive one) just before the real one.
  let answered = false;
  Promise.all([ui, browser]).then(
    ([m, b]) =>
      setTimeout(() => {
        if (!answered) m.renderStarting(container, b.locale, b.messages);
      }, STARTING_NOTICE_AFTER_MS),
    () => undefined, // the same failure ends main() below
  );
  const connection = await connecting;
  answered = true;

  const services = connection.kind === "inTeams" ? createPanelServices(connection.host, clock, { prefetch: true }) : null;
  const wanted = connection.kind === "inTeams" ? resolveLocale(connection.host.context.locale) : browserLocale;
  const m = await ui;
  // The viewer's theme (a lazy chunk unless light) arrives with the language, so the panel does not flash light first.
  const [{ locale, messages }] = await Promise.all([wanted === browserLocale ? browser : messagesFor(wanted), connection.kind === "inTeams" ? m.preloadTheme(connection.host.context.theme) : undefined]);
  m.renderPanel(container, { connection, services, locale, messages });
}

main().catch((err: unknown) => {
  console.error("The panel could not start", err);
  // Not even the English texts (or the interface) arrived: say so rather than leave the panel blank.
  const root = document.getElementById("root");
  if (root && !root.hasChildNodes()) root.textContent = START_FAILED;
});
