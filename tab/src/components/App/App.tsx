/** @module The panel's top level: outside Teams it explains where it runs; inside, it follows the meeting from the Teams context with the user's theme and language. */
import { useEffect, useMemo, useState, useSyncExternalStore } from "react";
import type { Locale, Messages } from "../../../../shared/src/i18n/format.js";
import { fetchServerTime, type ConnectedApiClient, type GetToken } from "../../api/api-client.js";
import { ServerClock } from "../../api/clock-sync.js";
import { useI18n } from "../../state/i18n-context.js";
import { useMeeting } from "../../state/use-meeting.js";
import { createPanelServices, type EarlySnapshot, type PanelServices } from "../../teams/panel-services.js";
import type { TeamsConnection, TeamsHost, ThemeName } from "../../teams/teams-host.js";
import { MeetingPanel } from "../MeetingPanel/MeetingPanel.js";
import { Notice } from "../Notice/Notice.js";
import { PanelRoot } from "../PanelRoot/PanelRoot.js";
import { useAppStyles } from "./App.styles.js";

/** Where the local meeting page lives (served by the service in local mode only). */
export const LOCAL_MEETING_PAGE = `${import.meta.env.BASE_URL}local/meeting.html`;

export type AppConnection = TeamsConnection | { readonly kind: "failed"; readonly reason: string };

export interface AppProps {
  readonly connection: AppConnection;
  /** Made by the page for a Teams connection (its clock sync, token and snapshot already under way); made here if missing. */
  readonly services?: PanelServices | null;
  /** The language picked from the Teams context (or the browser, outside Teams), with its catalogue loaded. */
  readonly locale: Locale;
  readonly messages: Messages;
}

export function App({ connection, services, locale, messages }: AppProps) {
  if (connection.kind === "inTeams") return <TeamsPanel host={connection.host} services={services ?? null} locale={locale} messages={messages} />;
  return (
    <PanelRoot theme="default" locale={locale} messages={messages}>
      <main>{connection.kind === "outside" ? <OutsideTeams /> : <HostFailed />}</main>
    </PanelRoot>
  );
}

function OutsideTeams() {
  const { t } = useI18n();
  const styles = useAppStyles();
  // The sentence ends with the address; it is split so the address can be a link.
  const [before] = t("outside.body", { url: "\u0000" }).split("\u0000");
  return (
    <Notice title={t("outside.title")}>
      <span data-testid="outside-teams">
        {before}
        <a className={styles.link} href={LOCAL_MEETING_PAGE}>{LOCAL_MEETING_PAGE}</a>
      </span>
    </Notice>
  );
}

function HostFailed() {
  const { t } = useI18n();
  return <Notice title={t("app.title")}>{t("error.unexpected", { status: 0 })}</Notice>;
}

function NoMeeting() {
  const { t } = useI18n();
  return <Notice title={t("app.title")}>{t("outside.noMeeting")}</Notice>;
}

function TeamsPanel({ host, services, locale, messages }: { readonly host: TeamsHost; readonly services: PanelServices | null; readonly locale: Locale; readonly messages: Messages }) {
  const [theme, setTheme] = useState<ThemeName>(host.context.theme);
  useEffect(() => host.onThemeChange(setTheme), [host]);
  // One server clock per page: the countdown renders from it and the token cache compares `exp` with it.
  const { clock, getToken, api, firstSnapshot } = useMemo(
    () => services ?? createPanelServices(host, new ServerClock({ fetchServerTime: () => fetchServerTime(), now: Date.now }), { prefetch: false }),
    [host, services],
  );

  const meetingId = host.context.meetingId;
  useEffect(() => {
    if (!meetingId) host.notifyFailure("Opened outside a meeting: no meeting id in the Teams context.", "other");
  }, [host, meetingId]);

  if (!meetingId) {
    return (
      <PanelRoot theme={theme} locale={locale} messages={messages}>
        <main>
          <NoMeeting />
        </main>
      </PanelRoot>
    );
  }
  return <MeetingScreen host={host} meetingId={meetingId} theme={theme} locale={locale} messages={messages} clock={clock} getToken={getToken} api={api} firstSnapshot={firstSnapshot} />;
}

interface MeetingScreenProps {
  readonly host: TeamsHost;
  readonly meetingId: string;
  readonly theme: ThemeName;
  readonly locale: Locale;
  readonly messages: Messages;
  readonly clock: ServerClock;
  readonly getToken: GetToken;
  /** The page's API client rather than useMeeting's own: its connectivity signal drives the offline notice. */
  readonly api: ConnectedApiClient;
  readonly firstSnapshot: EarlySnapshot | null;
}

function MeetingScreen({ host, meetingId, theme, locale, messages, clock, getToken, api, firstSnapshot }: MeetingScreenProps) {
  const connectivity = useSyncExternalStore(api.onStatus, api.getStatus);
  const view = useMeeting({ meetingId, getToken, clock, api, firstSnapshot });
  return (
    <PanelRoot theme={theme} locale={locale} messages={messages} version={view.meeting?.version}>
      <MeetingPanel
        view={view}
        initialView={host.context.subEntityId}
        connectivity={connectivity}
        onTryNow={() => (connectivity.pending > 0 ? api.retryNow() : view.retry())}
        onFirstRender={() => host.notifySuccess()}
        onLoadFailed={(message, reason) => host.notifyFailure(message, reason)}
      />
    </PanelRoot>
  );
}
