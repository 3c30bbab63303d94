/** @module Entry point of the meeting side panel: connects to Teams (or finds there is none), loads the user's language, then renders the panel. */
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { formatMessage, resolveLocale, type Locale, type Messages } from "../../shared/src/i18n/format.js";
import { fallbackMessages, loadMessages } from "../../shared/src/i18n/load.js";
import { App, type AppConnection } from "./components/App/App.js";
import { Notice } from "./components/Notice/Notice.js";
import { PanelRoot } from "./components/PanelRoot/PanelRoot.js";
import { connectToTeams } from "./teams/teams-host.js";

/** A language whose catalogue did not arrive falls back to English rather than leaving the panel blank. */
async function messagesFor(locale: Locale): Promise<{ locale: Locale; messages: Messages }> {
  try {
    return { locale, messages: await loadMessages(locale) };
  } catch (err) {
    console.error(`Could not load the ${locale} texts; using English`, err);
    return { locale: "en", messages: fallbackMessages };
  }
}

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
  const { locale, messages } = wanted === browser.locale ? browser : await messagesFor(wanted);

  root.render(
    <StrictMode>
      <App connection={connection} locale={locale} messages={messages} />
    </StrictMode>,
  );
}

main().catch((err: unknown) => console.error("The panel could not start", err));
