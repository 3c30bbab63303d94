/** @module Entry point of the configuration page (the manifest's `configurationUrl`, Teams frame context "settings"): connects to Teams, loads the user's language, then renders the set-up. */
import { StrictMode, useCallback, useEffect, useMemo, useState } from "react";
import { createRoot } from "react-dom/client";
import { formatMessage, resolveLocale, type Locale, type Messages } from "../../../shared/src/i18n/format.js";
import { loadMessagesOrEnglish as messagesFor, START_FAILED } from "../../../shared/src/i18n/load.js";
import { Notice } from "../components/Notice/Notice.js";
import { PanelRoot } from "../components/PanelRoot/PanelRoot.js";
import { preloadTheme } from "../components/PanelRoot/themes.js";
import { connectToTeams, type TeamsHost, type ThemeName } from "../teams/teams-host.js";
import { onSave, readConfigContext, setValid, type ConfigContext } from "./config-host.js";
import { ConfigPage } from "./ConfigPage/ConfigPage.js";
import { createSetupClient } from "./setup-client.js";

function ConfigApp({ host, context, locale, messages }: { readonly host: TeamsHost; readonly context: ConfigContext; readonly locale: Locale; readonly messages: Messages }) {
  const [theme, setTheme] = useState<ThemeName>(host.context.theme);
  useEffect(() => host.onThemeChange(setTheme), [host]);
  const client = useMemo(() => createSetupClient(() => host.getAuthToken()), [host]);
  const meetingId = context.meetingId;
  // Stable, so the page registers its save handler with Teams once.
  const registerSave = useCallback((save: Parameters<typeof onSave>[0]) => onSave(save, () => formatMessage(messages, "app.title")), [messages]);
  const loaded = useCallback(() => host.notifySuccess(), [host]);
  useEffect(() => {
    if (!meetingId) host.notifySuccess();
  }, [host, meetingId]);
  return (
    <PanelRoot theme={theme} locale={locale} messages={messages}>
      <main>
        {meetingId ? (
          <ConfigPage
            meetingId={meetingId}
            teamId={context.teamId}
            client={client}
            registerSave={registerSave}
            setValid={setValid}
            loaded={loaded}
          />
        ) : (
          <Notice title={formatMessage(messages, "setup.title")}>{formatMessage(messages, "setup.noMeeting")}</Notice>
        )}
      </main>
    </PanelRoot>
  );
}

async function main(): Promise<void> {
  const container = document.getElementById("root");
  if (!container) throw new Error("config.html has no #root element");
  const root = createRoot(container);
  const connection = await connectToTeams();
  if (connection.kind === "outside") {
    const { locale, messages } = await messagesFor(resolveLocale(navigator.language));
    root.render(
      <PanelRoot theme="default" locale={locale} messages={messages}>
        <main>
          <Notice title={formatMessage(messages, "outside.title")}>{formatMessage(messages, "outside.body", { url: `${import.meta.env.BASE_URL}local/meeting.html` })}</Notice>
        </main>
      </PanelRoot>,
    );
    return;
  }
  const [context, { locale, messages }] = await Promise.all([readConfigContext(), messagesFor(resolveLocale(connection.host.context.locale)), preloadTheme(connection.host.context.theme)]);
  root.render(
    <StrictMode>
      <ConfigApp host={connection.host} context={context} locale={locale} messages={messages} />
    </StrictMode>,
  );
}

main().catch((err: unknown) => {
  console.error("The configuration page could not start", err);
  const root = document.getElementById("root");
  if (root && !root.hasChildNodes()) root.textContent = START_FAILED;
});
