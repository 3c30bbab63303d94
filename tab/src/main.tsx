/** @module Entry point of the meeting side panel: connects to Teams (or finds there is none), loads the user's language, then renders the panel. */
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { formatMessage, resolveLocale } from "../../shared/src/i18n/format.js";
import { loadMessagesOrEnglish as messagesFor, START_FAILED } from "../../shared/src/i18n/load.js";
import { App, type AppConnection } from "./components/App/App.js";
import { Notice } from "./components/Notice/Notice.js";
import { PanelRoot } from "./components/PanelRoot/PanelRoot.js";
import { preloadTheme } from "./components/PanelRoot/themes.js";
import { connectToTeams } from "./teams/teams-host.js";

async function main(): Promise<void> {
  const container = document.getElementById("root");
  if (!container) throw new Error("index.html has no #root element");
  const root = createRoot(container);

  // Teams and the browser's language load in parallel; the browser's is the best guess until Teams answers.
  const connecting = connectToTeams().catch(
    (err: unknown): AppConnection => {
      // initialize worked but the context could not be read: a host problem, not "outside Teams".
      console.error("Teams context unavailable", err);
      return { kind: "failed", reason: err instanceof Error ? err.message : String(err) };
    },
  );
  const browser = await messagesFor(resolveLocale(navigator.language));
  root.render(
    <StrictMode>
      <PanelRoot theme="default" locale={browser.locale} messages={browser.messages}>
        <main>
          <Notice busy={formatMessage(browser.messages, "loading.teams")} />
        </main>
      </PanelRoot>
    </StrictMode>,
  );

  const connection = await connecting;
  const wanted = connection.kind === "inTeams" ? resolveLocale(connection.host.context.locale) : browser.locale;
  // The viewer's theme (a lazy chunk unless light) arrives with the language, so the panel does not flash light first.
  const [{ locale, messages }] = await Promise.all([wanted === browser.locale ? browser : messagesFor(wanted), connection.kind === "inTeams" ? preloadTheme(connection.host.context.theme) : undefined]);

  root.render(
    <StrictMode>
      <App connection={connection} locale={locale} messages={messages} />
    </StrictMode>,
  );
}

main().catch((err: unknown) => {
  console.error("The panel could not start", err);
  // Not even the English texts arrived: say so rather than leave the panel blank.
  const root = document.getElementById("root");
  if (root && !root.hasChildNodes()) root.textContent = START_FAILED;
});
