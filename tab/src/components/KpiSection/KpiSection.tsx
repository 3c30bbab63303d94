/**
 * @module The KPI board in the side panel: this week's value of every active KPI and key result against its target,
 * off-track first, with trends of 4 or 13 weeks, who has not reported yet, and the method's nudges (2–3 numbers per
 * person, a handful of objectives). Live for every attendee. Leads also get the set-up (lazily loaded), asking the
 * owners in chat, and CSV import; everyone can export. Loaded lazily, when the board is first opened.
 */
import { Button, ToggleButton } from "@fluentui/react-components";
import { lazy, Suspense, useMemo, useState } from "react";
import { formatKpiNumber } from "../../../../shared/src/cards/kpi-text.js";
import type { KpiBoardResponse, KpiImportResponse } from "../../../../shared/src/wire/kpi-protocol.js";
import { isoWeekAt, mondayDate } from "../../../../shared/src/kpi/week.js";
import type { KpiCommandInput, SirCommandInput } from "../../api/meeting-session.js";
import { ApiError, toApiError } from "../../api/api-error.js";
import { kpiErrorMessage } from "../../errors/error-message.js";
import { useI18n } from "../../state/i18n-context.js";
import { kpiNudges, kpiRows, notUpdated, sirFieldsForRow, type KpiRowView, type TrendWeeks } from "../../state/kpi-view.js";
import { ErrorBar } from "../ErrorBar/ErrorBar.js";
import { ErrorBoundary } from "../ErrorBoundary/ErrorBoundary.js";
import { KpiRow } from "../KpiRow/KpiRow.js";
import { Notice } from "../Notice/Notice.js";
import { useChosenToggleStyles } from "../../styles/chosen-toggle.styles.js";
import { useKpiSectionStyles } from "./KpiSection.styles.js";

const KpiSetup = lazy(() => import("../KpiSetup/KpiSetup.js").then((m) => ({ default: m.KpiSetup })));

export interface KpiBoardActions {
  readonly sendKpi: (command: KpiCommandInput) => Promise<ApiError | null>;
  readonly exportCsv: () => Promise<string>;
  readonly importCsv: (csv: string, dryRun: boolean) => Promise<KpiImportResponse>;
  readonly requestUpdate: () => Promise<{ readonly posted: boolean; readonly missing: number }>;
  readonly reload: () => Promise<void>;
  /** Creates a SIR item (the off-track hook); absent when the viewer may not prepare SIR items. */
  readonly sendSir?: (command: SirCommandInput) => Promise<ApiError | null>;
  /** Opens the Actions section's form pre-filled for an off-track row; absent when the viewer may not add actions. */
  readonly createAction?: (metric: { readonly id: string; readonly title: string }) => void;
}

export interface KpiSectionProps {
  /** null until loaded. */
  readonly board: KpiBoardResponse | null;
  /** The server clock: which week it is for the team. */
  readonly now: number;
  readonly viewer: { readonly userId: string; readonly canManage: boolean } | null;
  readonly actions: KpiBoardActions;
}

type Feedback = { readonly kind: "error" | "done"; readonly text: string } | null;

export function KpiSection({ board, now, viewer, actions }: KpiSectionProps) {
  const { t, locale } = useI18n();
  const styles = useKpiSectionStyles();
  const chosen = useChosenToggleStyles();
  const [trend, setTrend] = useState<TrendWeeks>(4);
  const [setupOpen, setSetupOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [feedback, setFeedback] = useState<Feedback>(null);
  const week = board ? isoWeekAt(now, board.settings.timeZone) : null;
  const format = useMemo(() => (n: number) => formatKpiNumber(locale, n), [locale]);
  const rows = useMemo(() => (board && week ? kpiRows(board, week, trend, viewer) : []), [board, week, trend, viewer]);
  const missing = useMemo(() => (board && week ? notUpdated(board, week) : []), [board, week]);
  const nudges = useMemo(() => (board ? kpiNudges(board) : null), [board]);

  if (!board || !week) {
    return (
      <section id="kpi-section" data-testid="kpi-section" aria-label={t("kpi.heading")}>
        <Notice busy={t("kpi.loading")} />
      </section>
    );
  }
  const canManage = viewer?.canManage ?? false;

  const tool = async (work: () => Promise<string>): Promise<void> => {
    setBusy(true);
    setFeedback(null);
    try {
      setFeedback({ kind: "done", text: await work() });
    } catch (err) {
      const m = kpiErrorMessage(toApiError(err));
      setFeedback({ kind: "error", text: t(m.key, m.params) });
    } finally {
      setBusy(false);
    }
  };

  const download = (): Promise<void> =>
    tool(async () => {
      const csv = await actions.exportCsv();
      const url = URL.createObjectURL(new Blob([csv], { type: "text/csv;charset=utf-8" }));
      const a = document.createElement("a");
      a.href = url;
      a.download = `kpi-board-${week}.csv`;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      return t("kpi.export");
    });

  const sendSir = actions.sendSir;
  const createAction = actions.createAction;
  const raise = sendSir
    ? (row: KpiRowView) =>
        sendSir({
          type: "createSir",
          fields: sirFieldsForRow(row, week, { title: (name) => t("kpi.sirTitle", { name }), problem: (value, target, w) => t("kpi.sirProblem", { value, target, week: w }) }, format),
        })
    : undefined;

  return (
    <section id="kpi-section" className={styles.root} data-testid="kpi-section" aria-labelledby="kpi-heading">
      <div className={styles.head}>
        <h2 id="kpi-heading" className={styles.heading}>
          {t("kpi.heading")}
        </h2>
        <span className={styles.week} data-testid="kpi-week">
          {t("kpi.week", { week: `${Number(week.slice(6))} (${mondayDate(week)})` })}
        </span>
      </div>
      <div className={styles.trend} role="group" aria-label={t("kpi.trend")}>
        {([4, 13] as const).map((n) => (
          <ToggleButton key={n} size="small" checked={trend === n} className={trend === n ? chosen.chosen : undefined} onClick={() => setTrend(n)} data-testid={`kpi-trend-${n}`}>
            {t(n === 4 ? "kpi.trend4" : "kpi.trend13")}
          </ToggleButton>
        ))}
      </div>
      {nudges && (nudges.owners.length > 0 || nudges.tooManyObjectives) && (
        <ul className={styles.notes} data-testid="kpi-nudges">
          {nudges.owners.map((o) => (
            <li key={o.name} className={styles.note}>
              <span aria-hidden="true">ⓘ </span>
              {t("kpi.nudgeOwner", { name: o.name, count: o.count })}
            </li>
          ))}
          {nudges.tooManyObjectives && (
            <li className={styles.note}>
              <span aria-hidden="true">ⓘ </span>
              {t("kpi.nudgeObjectives", { count: nudges.objectiveCount })}
            </li>
          )}
        </ul>
      )}
      {rows.length === 0 ? (
        <p className={styles.note}>{t("kpi.empty")}</p>
      ) : (
        <>
          <p className={styles.note} data-testid="kpi-not-updated">
            {missing.length > 0 ? t("kpi.notUpdated", { names: missing.map((p) => p.name).join(", ") }) : t("kpi.allUpdated")}
          </p>
          <ul className={styles.list} data-testid="kpi-list">
            {rows.map((row) => (
              // A new week starts the row's form afresh: last week's number is never saved into this week.
              <KpiRow
                key={`${row.metric.id}|${week}`}
                row={row}
                week={week}
                format={format}
                sendKpi={actions.sendKpi}
                {...(raise ? { onRaiseSir: raise } : {})}
                {...(createAction ? { onCreateAction: (r: KpiRowView, title: string) => createAction({ id: r.metric.id, title }) } : {})}
              />
            ))}
          </ul>
        </>
      )}
      <div className={styles.tools}>
        {canManage && rows.length > 0 && (
          <Button
            size="small"
            disabled={busy}
            data-testid="kpi-ask"
            onClick={() =>
              void tool(async () => {
                const res = await actions.requestUpdate();
                return t("kpi.asked", { n: res.missing });
              })
            }
          >
            {t("kpi.askOwners")}
          </Button>
        )}
        <Button size="small" appearance="subtle" disabled={busy} data-testid="kpi-export" onClick={() => void download()}>
          {t("kpi.export")}
        </Button>
        {canManage && (
          <Button size="small" appearance={setupOpen ? "secondary" : "subtle"} aria-expanded={setupOpen} data-testid="kpi-manage" onClick={() => setSetupOpen((v) => !v)}>
            {t(setupOpen ? "kpi.closeManage" : "kpi.manage")}
          </Button>
        )}
      </div>
      {feedback && (
        <div role={feedback.kind === "error" ? "alert" : "status"} className={`${styles.feedback} ${feedback.kind === "error" ? styles.error : ""}`} data-testid="kpi-tools-feedback">
          {feedback.text}
        </div>
      )}
      {canManage && setupOpen && (
        <ErrorBoundary fallback={<ErrorBar error={new ApiError("network", 0, "network", "The board set-up could not be loaded.")} />}>
          <Suspense fallback={<Notice busy={t("kpi.loadingEditor")} />}>
            <KpiSetup board={board} sendKpi={actions.sendKpi} importCsv={actions.importCsv} reload={actions.reload} />
          </Suspense>
        </ErrorBoundary>
      )}
    </section>
  );
}
