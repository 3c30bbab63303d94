/**
 * @module One KPI or key result on the board: status (icon and word, never colour alone), name, this week's value
 * against the target, the change since last week, the owner, and a sparkline of the trend. Its owner (or a lead)
 * enters the week's value and may override the status with a comment; an off-track number can be raised as a SIR item.
 */
import { Button, Field, Input, Select } from "@fluentui/react-components";
import { useEffect, useState } from "react";
import { KPI_LIMITS, KPI_STATUSES, type KpiStatus } from "../../../../shared/src/kpi/model.js";
import type { IsoWeek } from "../../../../shared/src/kpi/week.js";
import type { KpiCommandInput } from "../../api/meeting-session.js";
import type { ApiError } from "../../api/api-error.js";
import { kpiErrorMessage } from "../../errors/error-message.js";
import { useI18n } from "../../state/i18n-context.js";
import { parseNumber } from "../../state/kpi-form.js";
import { useKpiCommand } from "../../state/use-kpi-command.js";
import { sparklinePath, type KpiRowView } from "../../state/kpi-view.js";
import { useKpiRowStyles } from "./KpiRow.styles.js";
import { ACTIONS_KPI_TEXT } from "./kpi-action-text.js";

export const STATUS_ICON: Readonly<Record<KpiStatus | "noData", string>> = { onTrack: "✔", atRisk: "⚠", offTrack: "✖", noData: "–" };

export interface KpiRowProps {
  readonly row: KpiRowView;
  readonly week: IsoWeek;
  readonly format: (n: number) => string;
  readonly sendKpi: (command: KpiCommandInput) => Promise<ApiError | null>;
  /** Present when the viewer may raise SIR items from the board: creates the item, null or the refusal. */
  readonly onRaiseSir?: (row: KpiRowView) => Promise<ApiError | null>;
  /** Present when the viewer may add actions: opens the Actions section's form pre-filled for this KPI. */
  readonly onCreateAction?: (row: KpiRowView, title: string) => void;
}

const SPARK_W = 72;
const SPARK_H = 22;

export function KpiRow({ row, week, format, sendKpi, onRaiseSir, onCreateAction }: KpiRowProps) {
  const { t, locale } = useI18n();
  const styles = useKpiRowStyles();
  const { metric } = row;
  const status = row.status?.status ?? "noData";
  const [open, setOpen] = useState(false);
  const { busy, setBusy, feedback, setFeedback, run } = useKpiCommand(sendKpi);
  const [valueText, setValueText] = useState(row.value ? String(row.value.value) : "");
  const [override, setOverride] = useState<KpiStatus | "">(row.value?.override?.status ?? "");
  const [comment, setComment] = useState(row.value?.override?.comment ?? "");
  // A value stored meanwhile (here, in another panel or from chat) is what the form shows next; a new value clears the override.
  const storedVersion = row.value?.version ?? 0;
  useEffect(() => {
    setValueText(row.value ? String(row.value.value) : "");
    setOverride(row.value?.override?.status ?? "");
    setComment(row.value?.override?.comment ?? "");
    // Only a new stored version resets the inputs, not every render of the same value.
  }, [storedVersion]);

  const unit = metric.unit ? ` ${metric.unit}` : "";
  const target = (metric.direction === "range" ? `${format(metric.target)}–${format(metric.targetMax ?? metric.target)}` : `${metric.direction === "higher" ? "≥" : "≤"} ${format(metric.target)}`) + unit;
  const path = sparklinePath(row.trend, SPARK_W, SPARK_H);
  const trendText = row.trend.map((v) => (v === null ? "–" : format(v))).join(", ");
  const id = `kpi-${metric.id}`;

  const saveValue = (): void => {
    const value = parseNumber(valueText);
    if (value === null) {
      setFeedback({ kind: "error", text: t("kpi.notANumber") });
      return;
    }
    void run({ type: "recordValue", metricId: metric.id, week, value }, t("kpi.saved"));
  };

  const saveOverride = (): void => {
    if (override !== "" && comment.trim() === "") {
      setFeedback({ kind: "error", text: t("kpi.overrideNeedsComment") });
      return;
    }
    void run({ type: "overrideStatus", metricId: metric.id, week, override: override === "" ? null : { status: override, comment: comment.trim() } }, t("kpi.saved"));
  };

  const raise = async (): Promise<void> => {
    if (!onRaiseSir) return;
    setBusy(true);
    setFeedback(null);
    try {
      const error = await onRaiseSir(row);
      if (error) {
        const m = kpiErrorMessage(error);
        setFeedback({ kind: "error", text: t(m.key, m.params) });
      } else setFeedback({ kind: "done", text: t("kpi.raisedSir") });
    } finally {
      setBusy(false);
    }
  };

  return (
    <li className={styles.root} data-testid="kpi-row" data-metric={metric.id} data-status={status} aria-labelledby={`${id}-name`}>
      <div className={styles.top}>
        <span id={`${id}-name`} className={styles.name}>
          {metric.name}
        </span>
        {path ? (
          <svg className={styles.spark} width={SPARK_W} height={SPARK_H} viewBox={`0 0 ${SPARK_W} ${SPARK_H}`} role="img" aria-label={t("kpi.sparkline", { name: metric.name, n: row.trend.length, values: trendText })} data-testid="kpi-sparkline">
            <path d={path} fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinejoin="round" strokeLinecap="round" />
          </svg>
        ) : null}
      </div>
      <div className={styles.statusLine}>
        <span className={`${styles.badge} ${styles[status]}`} data-testid="kpi-status">
          <span aria-hidden="true">{STATUS_ICON[status]} </span>
          {t(`kpi.status.${status}`)}
        </span>
        <span className={styles.value} data-testid="kpi-value">
          {row.value ? t("kpi.value", { value: `${format(row.value.value)}${unit}`, target }) : t("kpi.noValue", { target })}
        </span>
      </div>
      <div className={styles.meta}>
        {row.delta !== null && <span data-testid="kpi-delta">{t("kpi.delta", { delta: `${row.delta > 0 ? "+" : row.delta < 0 ? "−" : "±"}${format(Math.abs(row.delta))}` })} · </span>}
        {metric.owner?.name ?? t("kpi.noOwner")}
        {row.objective && <> · {t("kpi.keyResultOf", { objective: row.objective.title })}</>}
      </div>
      {row.status?.override && <div className={styles.meta}>{t("kpi.overridden", { comment: row.status.override.comment })}</div>}
      {(row.canEnter || ((onRaiseSir || onCreateAction) && status === "offTrack")) && (
        <div className={styles.actions}>
          {row.canEnter && (
            <Button size="small" appearance="subtle" aria-expanded={open} aria-controls={open ? `${id}-form` : undefined} data-testid="kpi-enter" onClick={() => setOpen((v) => !v)}>
              {t(open ? "kpi.closeValue" : "kpi.enterValue")}
            </Button>
          )}
          {onRaiseSir && status === "offTrack" && (
            <Button size="small" appearance="subtle" disabled={busy} data-testid="kpi-raise-sir" onClick={() => void raise()}>
              {t("kpi.raiseSir")}
            </Button>
          )}
          {onCreateAction && status === "offTrack" && (
            <Button size="small" appearance="subtle" aria-label={ACTIONS_KPI_TEXT[locale].createActionLabel(metric.name)} data-testid="kpi-create-action" onClick={() => onCreateAction(row, ACTIONS_KPI_TEXT[locale].title(metric.name))}>
              {ACTIONS_KPI_TEXT[locale].createAction}
            </Button>
          )}
        </div>
      )}
      {open && (
        <div id={`${id}-form`} className={styles.form}>
          <div className={styles.inline}>
            <Field label={t("kpi.valueLabel", { week: week.slice(6) })} className={styles.grow}>
              <Input
                className={styles.input}
                inputMode="decimal"
                value={valueText}
                onChange={(_, d) => setValueText(d.value)}
                onKeyDown={(e) => e.key === "Enter" && saveValue()}
                data-testid="kpi-value-input"
                maxLength={24}
              />
            </Field>
            <Button appearance="primary" disabled={busy} onClick={saveValue} data-testid="kpi-save-value">
              {t("kpi.saveValue")}
            </Button>
          </div>
          {row.value && (
            <>
              <Field label={t("kpi.override")}>
                <Select value={override} onChange={(_, d) => setOverride(d.value as KpiStatus | "")} data-testid="kpi-override">
                  <option value="">{t("kpi.overrideNone")}</option>
                  {KPI_STATUSES.map((s) => (
                    <option key={s} value={s}>
                      {STATUS_ICON[s]} {t(`kpi.status.${s}`)}
                    </option>
                  ))}
                </Select>
              </Field>
              {override !== "" && (
                <Field label={t("kpi.overrideComment")}>
                  <Input value={comment} maxLength={KPI_LIMITS.commentMax} onChange={(_, d) => setComment(d.value)} data-testid="kpi-override-comment" />
                </Field>
              )}
              <Button size="small" disabled={busy} onClick={saveOverride} data-testid="kpi-save-override">
                {t("kpi.saveOverride")}
              </Button>
            </>
          )}
        </div>
      )}
      {feedback && (
        <div role={feedback.kind === "error" ? "alert" : "status"} className={`${styles.feedback} ${feedback.kind === "error" ? styles.error : ""}`} data-testid="kpi-feedback">
          {feedback.text}
        </div>
      )}
    </li>
  );
}
