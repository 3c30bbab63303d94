/**
 * @module The side panel for one meeting: header with the countdown, errors, the lead's controls, the
 * agenda, and (lazily loaded) the agenda editor. Controls exist only for viewers whose capabilities
 * allow them; attendees get no disabled buttons, just none.
 */
import { Button } from "@fluentui/react-components";
import { Fragment, lazy, Suspense, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { useI18n } from "../../state/i18n-context.js";
import { agendaItems, viewerCan } from "../../state/meeting-view.js";
import { openSirCount, sirDisclosure, type SirDisclosureChoice } from "../../state/sir-view.js";
import { actionsDisclosure, type ActionsDisclosureChoice } from "../../state/actions-view.js";
import { ACTIONS_TOGGLE_TEXT } from "../ActionsSection/actions-toggle-text.js";
import { goodNewsDisclosure, type GoodNewsDisclosureChoice } from "../../state/good-news-view.js";
import { prioritiesDisclosure, type PrioritiesDisclosureChoice } from "../../state/priorities-view.js";
import { PRIORITIES_TOGGLE_TEXT } from "../PrioritiesSection/priorities-toggle-text.js";
import type { ActionDraft } from "../ActionsSection/ActionsSection.js";
import { kpiDisclosure, offTrackCount, type KpiDisclosureChoice } from "../../state/kpi-view.js";
import { isoWeekAt } from "../../../../shared/src/kpi/week.js";
import type { Person } from "../../../../shared/src/sir/item.js";
import type { MeetingView } from "../../state/use-meeting.js";
import { useTicker } from "../../state/use-ticker.js";
import { AgendaList } from "../AgendaList/AgendaList.js";
import type { Connectivity } from "../../api/api-client.js";
import { ApiError } from "../../api/api-error.js";
import { ErrorBar, InfoBar } from "../ErrorBar/ErrorBar.js";
import { ErrorBoundary } from "../ErrorBoundary/ErrorBoundary.js";
import { LiveRegion } from "../LiveRegion/LiveRegion.js";
import { MeetingHeader } from "../MeetingHeader/MeetingHeader.js";
import { Notice } from "../Notice/Notice.js";
import { OfflineBanner } from "../OfflineBanner/OfflineBanner.js";
import { useMeetingPanelStyles } from "./MeetingPanel.styles.js";
import { REVIEW_TOGGLE_TEXT } from "../MeetingReview/review-toggle-text.js";

const loadEditor = () => import("../AgendaEditor/AgendaEditor.js");
const AgendaEditor = lazy(() => loadEditor().then((m) => ({ default: m.AgendaEditor })));
const DecisionLog = lazy(() => import("../DecisionLog/DecisionLog.js").then((m) => ({ default: m.DecisionLog })));
const KpiSection = lazy(() => import("../KpiSection/KpiSection.js").then((m) => ({ default: m.KpiSection })));
/** A stable empty roster, so the SIR list's people are not recomputed on every tick before the board loads. */
const NO_PEOPLE: readonly Person[] = [];
const SirSection = lazy(() => import("../SirSection/SirSection.js").then((m) => ({ default: m.SirSection })));
const ActionsSection = lazy(() => import("../ActionsSection/ActionsSection.js").then((m) => ({ default: m.ActionsSection })));
const GoodNewsSection = lazy(() => import("../GoodNewsSection/GoodNewsSection.js").then((m) => ({ default: m.GoodNewsSection })));
const PrioritiesSection = lazy(() => import("../PrioritiesSection/PrioritiesSection.js").then((m) => ({ default: m.PrioritiesSection })));
const SummarySection = lazy(() => import("../SummarySection/SummarySection.js").then((m) => ({ default: m.SummarySection })));
const MeetingReview = lazy(() => import("../MeetingReview/MeetingReview.js").then((m) => ({ default: m.MeetingReview })));
/** Leads' tools are lazy too: an attendee's first load (nearly every panel of a meeting) does not carry them. */
const LeadControls = lazy(() => import("../LeadControls/LeadControls.js").then((m) => ({ default: m.LeadControls })));
const TemplateUndo = lazy(() => import("../TemplateUndo/TemplateUndo.js").then((m) => ({ default: m.TemplateUndo })));
/** Warm the editor's chunk when the pointer or focus reaches its button; a failure shows up when it is really needed. */
const preloadEditor = (): void => {
  loadEditor().catch(() => undefined);
};

export interface MeetingPanelProps {
  readonly view: MeetingView;
  /** Whether the service can be reached and save (the API client's signal); the offline notice shows it. */
  readonly connectivity?: Connectivity;
  /** The offline notice's "try now". */
  readonly onTryNow?: () => void;
  /** Called once, after the first snapshot has been rendered (Teams hides its loading screen then). */
  readonly onFirstRender?: () => void;
  /** The view a deep link asked for (Teams' `subEntityId`): `summary` opens the Summary view once. */
  readonly initialView?: string | null;
  /** Called once if the meeting cannot be loaded at all. */
  readonly onLoadFailed?: (message: string, reason: "authFailed" | "other") => void;
}

export function MeetingPanel({ view, connectivity, onTryNow, onFirstRender, onLoadFailed, initialView }: MeetingPanelProps) {
  const { t, locale } = useI18n();
  const styles = useMeetingPanelStyles();
  const { meeting, viewer, status, error, send } = view;
  const [editing, setEditing] = useState(false);
  const [sirChoice, setSirChoice] = useState<SirDisclosureChoice | null>(null);
  const [logOpen, setLogOpen] = useState(false);
  const [summaryOpen, setSummaryOpen] = useState(initialView === "summary");
  const [actionsChoice, setActionsChoice] = useState<ActionsDisclosureChoice | null>(null);
  const [reviewOpen, setReviewOpen] = useState(false);
  const [goodNewsChoice, setGoodNewsChoice] = useState<GoodNewsDisclosureChoice | null>(null);
  const [prioritiesChoice, setPrioritiesChoice] = useState<PrioritiesDisclosureChoice | null>(null);
  const [kpiChoice, setKpiChoice] = useState<KpiDisclosureChoice | null>(null);
  // "Create action" on an off-track KPI: the Actions section opens with its form filled in.
  const [actionDraft, setActionDraft] = useState<ActionDraft | null>(null);
  // The moves to a next occurrence the viewer has dismissed the news of.
  const [movesSeen, setMovesSeen] = useState(0);
  const reported = useRef(false);
  const offline = connectivity !== undefined && connectivity.status !== "online";
  // While the offline notice shows, a passing fault is its news, not an error: what the user did is kept and sent again.
  const shownError = offline && error?.retryable ? null : error;
  const banner = connectivity ? <OfflineBanner connectivity={connectivity} onTryNow={onTryNow ?? view.retry} /> : null;

  // Only a running timer changes what is on screen between events; a paused panel does not tick.
  useTicker({ active: meeting?.phase === "running" && (meeting.timer.running || meeting.focus?.durationMs != null) });
  const now = view.serverNow();
  // Counted when the board changes or the week turns, not on every tick of the countdown.
  const kpiWeek = view.kpi ? isoWeekAt(now, view.kpi.settings.timeZone) : null;
  const offTrack = useMemo(() => (view.kpi && kpiWeek ? offTrackCount(view.kpi, kpiWeek) : 0), [view.kpi, kpiWeek]);
  const kpiViewer = useMemo(() => (viewer ? { userId: viewer.userId, canManage: viewerCan(viewer, "kpi:manage") } : null), [viewer]);

  useEffect(() => {
    if (reported.current) return;
    if (status === "ready" && meeting) {
      reported.current = true;
      onFirstRender?.();
    } else if (status === "failed") {
      reported.current = true;
      onLoadFailed?.(error?.message ?? "The meeting could not be loaded.", error?.status === 401 || error?.kind === "token" ? "authFailed" : "other");
    }
  }, [status, meeting, error, onFirstRender, onLoadFailed]);

  if (!meeting) {
    if (status === "failed") {
      return (
        <main>
          <ErrorBar error={error} />
          <Notice
            title={t("app.title")}
            action={
              <Button data-testid="btn-retry" onClick={view.retry}>
                {t("action.retry")}
              </Button>
            }
          />
        </main>
      );
    }
    return (
      <main>
        <Notice busy={t("loading.agenda")} />
      </main>
    );
  }

  const canDrive = viewerCan(viewer, "meeting:drive");
  const canEdit = viewerCan(viewer, "agenda:edit") && meeting.phase !== "ended";
  const showEditor = canEdit && editing;
  // The SIR list opens by itself in the SIR section of the agenda and while an item is discussed; anyone can open or close it any time.
  const sir = sirDisclosure(meeting, sirChoice);
  const sirCount = openSirCount(view.sirItems);
  // The board opens by itself in the agenda's KPI section; the toggle shows how many numbers are off track.
  const kpi = kpiDisclosure(meeting, kpiChoice);
  // The series' actions open by themselves in the agenda's Actions section, like the board in the KPI section.
  const actionsShown = actionsDisclosure(meeting, actionsChoice);
  // The meeting's good news opens by itself in the agenda's Good news section (its first), like the actions in theirs.
  const goodNewsShown = goodNewsDisclosure(meeting, goodNewsChoice);
  // The priorities round opens by itself in the agenda's Priorities section.
  const prioritiesShown = prioritiesDisclosure(meeting, prioritiesChoice);

  return (
    <main className={styles.root}>
      <MeetingHeader meeting={meeting} viewer={viewer} connection={view.connection} now={now} />
      {banner}
      <ErrorBar error={shownError} onDismiss={view.dismissError} />
      <InfoBar text={view.moves > movesSeen ? t("meeting.movedOn") : null} testId="moved-on-bar" onDismiss={() => setMovesSeen(view.moves)} />
      {(canDrive || canEdit) && (
        <ErrorBoundary fallback={<ErrorBar error={new ApiError("network", 0, "network", "The lead's controls could not be loaded.")} />}>
          <Suspense fallback={null}>
            {canDrive && <LeadControls meeting={meeting} send={send} />}
            {canEdit && <TemplateUndo meeting={meeting} now={now} send={send} />}
          </Suspense>
        </ErrorBoundary>
      )}
      <AgendaList
        items={agendaItems(meeting, now, canEdit || canDrive)}
        showQuestions={meeting.phase === "running"}
        onJump={canDrive && meeting.phase === "running" ? (sectionId) => void send({ type: "goToSection", sectionId }) : undefined}
        action={
          canEdit ? (
            <Button
              size="small"
              appearance={showEditor ? "secondary" : "subtle"}
              className={styles.editButton}
              data-testid="btn-edit-agenda"
              aria-expanded={showEditor}
              onPointerEnter={preloadEditor}
              onFocus={preloadEditor}
              onClick={() => setEditing((v) => !v)}
            >
              {t(showEditor ? "controls.closeEditor" : "controls.editAgenda")}
            </Button>
          ) : null
        }
      />
      {showEditor && (
        <ErrorBoundary fallback={<ErrorBar error={new ApiError("network", 0, "network", "The editor could not be loaded.")} />}>
          <Suspense fallback={<Notice busy={t("loading.editor")} />}>
            <AgendaEditor meeting={meeting} send={send} now={view.serverNow} />
          </Suspense>
        </ErrorBoundary>
      )}
      {/* The sections load their own data of the occurrence: when the meeting moves on to the next, they load anew. */}
      <Fragment key={view.moves}>
      <Button
        size="small"
        appearance="subtle"
        data-testid="good-news-toggle"
        aria-expanded={goodNewsShown.open}
        aria-controls={goodNewsShown.open ? "good-news-section" : undefined}
        onClick={() => setGoodNewsChoice({ open: !goodNewsShown.open, context: goodNewsShown.context })}
      >
        {t("section.goodNews")}
      </Button>
      {goodNewsShown.open && (
        <ErrorBoundary fallback={<SectionPlace id="good-news-section"><ErrorBar error={new ApiError("network", 0, "network", "The good news could not be loaded.")} /></SectionPlace>}>
          <Suspense fallback={<SectionPlace id="good-news-section"><Notice busy={t("goodNews.loading")} /></SectionPlace>}>
            <GoodNewsSection fetchMeeting={view.meetingFetch} onGoodNews={view.onGoodNews} viewer={viewer} />
          </Suspense>
        </ErrorBoundary>
      )}
      <Button
        size="small"
        appearance="subtle"
        data-testid="kpi-toggle"
        aria-expanded={kpi.open}
        aria-controls={kpi.open ? "kpi-section" : undefined}
        onClick={() => setKpiChoice({ open: !kpi.open, context: kpi.context })}
      >
        {t("kpi.toggle")}
        {offTrack > 0 && <span data-testid="kpi-off-track">&nbsp;({t("kpi.offTrackBadge", { n: offTrack })})</span>}
      </Button>
      {kpi.open && (
        <ErrorBoundary fallback={<SectionPlace id="kpi-section"><ErrorBar error={new ApiError("network", 0, "network", "The KPI board could not be loaded.")} /></SectionPlace>}>
          <Suspense fallback={<SectionPlace id="kpi-section"><Notice busy={t("kpi.loading")} /></SectionPlace>}>
            <KpiSection
              board={view.kpi}
              now={now}
              viewer={kpiViewer}
              actions={{
                sendKpi: view.sendKpi,
                exportCsv: view.exportKpiCsv,
                importCsv: view.importKpiCsv,
                requestUpdate: view.requestKpiUpdate,
                reload: view.reloadKpi,
                ...(viewerCan(viewer, "sir:prepare") ? { sendSir: view.sendSir } : {}),
                ...(viewerCan(viewer, "actions:add")
                  ? {
                      createAction: (metric: { id: string; title: string }) => {
                        setActionDraft({ key: Date.now(), title: metric.title, source: { kind: "kpi", metricId: metric.id } });
                        setActionsChoice({ open: true, context: actionsShown.context });
                      },
                    }
                  : {}),
              }}
            />
          </Suspense>
        </ErrorBoundary>
      )}
      <Button
        size="small"
        appearance="subtle"
        data-testid="sir-toggle"
        aria-expanded={sir.open}
        aria-controls={sir.open ? "sir-section" : undefined}
        onClick={() => setSirChoice({ open: !sir.open, context: sir.context })}
      >
        {t("sir.toggle")} (<span data-testid="sir-count">{sirCount}</span>)
      </Button>
      {sir.open && (
        <ErrorBoundary fallback={<SectionPlace id="sir-section"><ErrorBar error={new ApiError("network", 0, "network", "The SIR list could not be loaded.")} /></SectionPlace>}>
          <Suspense fallback={<SectionPlace id="sir-section"><Notice busy={t("sir.loading")} /></SectionPlace>}>
            <SirSection
              items={view.sirItems}
              meetingId={meeting.meetingId}
              canHandle={viewerCan(viewer, "sir:handle")}
              sendSir={view.sendSir}
              focus={meeting.focus ?? null}
              now={now}
              roster={view.kpi?.people ?? NO_PEOPLE}
              viewer={viewer}
              {...(canDrive && meeting.phase === "running"
                ? { onFocus: (itemId: string | null, minutes?: number) => void send({ type: "focusSirItem", itemId, ...(minutes === undefined ? {} : { minutes }) }) }
                : {})}
            />
          </Suspense>
        </ErrorBoundary>
      )}
      <Button size="small" appearance="subtle" data-testid="decision-log-toggle" aria-expanded={logOpen} aria-controls={logOpen ? "decision-log" : undefined} onClick={() => setLogOpen((v) => !v)}>
        {t("sir.decisionLog")}
      </Button>
      {logOpen && (
        <ErrorBoundary fallback={<SectionPlace id="decision-log"><ErrorBar error={new ApiError("network", 0, "network", "The decision log could not be loaded.")} /></SectionPlace>}>
          <Suspense fallback={<SectionPlace id="decision-log"><Notice busy={t("sir.loading")} /></SectionPlace>}>
            <DecisionLog search={view.searchDecisions} />
          </Suspense>
        </ErrorBoundary>
      )}
      <Button
        size="small"
        appearance="subtle"
        data-testid="actions-toggle"
        aria-expanded={actionsShown.open}
        aria-controls={actionsShown.open ? "actions-section" : undefined}
        onClick={() => setActionsChoice({ open: !actionsShown.open, context: actionsShown.context })}
      >
        {ACTIONS_TOGGLE_TEXT[locale].toggle}
      </Button>
      {actionsShown.open && (
        <ErrorBoundary fallback={<SectionPlace id="actions-section"><ErrorBar error={new ApiError("network", 0, "network", "The actions could not be loaded.")} /></SectionPlace>}>
          <Suspense fallback={<SectionPlace id="actions-section"><Notice busy={ACTIONS_TOGGLE_TEXT[locale].loading} /></SectionPlace>}>
            <ActionsSection fetchMeeting={view.meetingFetch} onAction={view.onAction} viewer={viewer} now={now} meFetch={view.meFetch} draft={actionDraft} sirItems={view.sirItems} board={view.kpi} />
          </Suspense>
        </ErrorBoundary>
      )}
      <Button
        size="small"
        appearance="subtle"
        data-testid="priorities-toggle"
        aria-expanded={prioritiesShown.open}
        aria-controls={prioritiesShown.open ? "priorities-section" : undefined}
        onClick={() => setPrioritiesChoice({ open: !prioritiesShown.open, context: prioritiesShown.context })}
      >
        {PRIORITIES_TOGGLE_TEXT[locale].toggle}
      </Button>
      {prioritiesShown.open && (
        <ErrorBoundary fallback={<SectionPlace id="priorities-section"><ErrorBar error={new ApiError("network", 0, "network", "The priorities could not be loaded.")} /></SectionPlace>}>
          <Suspense fallback={<SectionPlace id="priorities-section"><Notice busy={PRIORITIES_TOGGLE_TEXT[locale].loading} /></SectionPlace>}>
            <PrioritiesSection fetchMeeting={view.meetingFetch} onPriority={view.onPriority} meeting={meeting} viewer={viewer} serverNow={view.serverNow} />
          </Suspense>
        </ErrorBoundary>
      )}
      <Button size="small" appearance="subtle" data-testid="summary-toggle" aria-expanded={summaryOpen} aria-controls={summaryOpen ? "summary-section" : undefined} onClick={() => setSummaryOpen((v) => !v)}>
        {t("summary.toggle")}
      </Button>
      {summaryOpen && (
        <ErrorBoundary fallback={<SectionPlace id="summary-section"><ErrorBar error={new ApiError("network", 0, "network", "The summary could not be loaded.")} /></SectionPlace>}>
          <Suspense fallback={<SectionPlace id="summary-section"><Notice busy={t("summary.loading")} /></SectionPlace>}>
            <SummarySection fetchMeeting={view.meetingFetch} canPost={viewerCan(viewer, "summary:post")} reveal={initialView === "summary"} />
          </Suspense>
        </ErrorBoundary>
      )}
      {/* Rating and the series' history: in every frame context (side panel, meeting chat and details tabs). */}
      <Button size="small" appearance="subtle" data-testid="review-toggle" aria-expanded={reviewOpen} aria-controls={reviewOpen ? "review-section" : undefined} onClick={() => setReviewOpen((v) => !v)}>
        {REVIEW_TOGGLE_TEXT[locale].toggle}
      </Button>
      {reviewOpen && (
        <ErrorBoundary fallback={<SectionPlace id="review-section"><ErrorBar error={new ApiError("network", 0, "network", "The rating could not be loaded.")} /></SectionPlace>}>
          <Suspense fallback={<SectionPlace id="review-section"><Notice busy={REVIEW_TOGGLE_TEXT[locale].loading} /></SectionPlace>}>
            <MeetingReview fetchMeeting={view.meetingFetch} phase={meeting.phase} onRating={view.onRating} apiFetch={view.apiFetch} />
          </Suspense>
        </ErrorBoundary>
      )}
      </Fragment>
      <LiveRegion meeting={meeting} />
    </main>
  );
}

/**
 * Where a lazily loaded section will be, while its code loads or when it failed: it carries the section's id, so
 * the toggle's aria-controls always names an element that exists (axe checks it while the chunk is still loading).
 */
function SectionPlace({ id, children }: { readonly id: string; readonly children: ReactNode }) {
  return (
    <div id={id} data-section-place="">
      {children}
    </div>
  );
}
