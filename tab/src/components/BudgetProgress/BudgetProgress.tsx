/**
 * @module Time used by the whole meeting against its planned length ("23 of 60 min"); an overrun shows in warning
 * colour and words. The bar is a plain element with the progressbar role rather than Fluent's ProgressBar: it is in
 * the panel's first render, and Fluent's component (with its motion library) was 3 KB of the first load's gzip.
 */
import { mergeClasses } from "@fluentui/react-components";
import { useId } from "react";
import { useI18n } from "../../state/i18n-context.js";
import type { BudgetView } from "../../state/meeting-view.js";
import { useA11yStyles } from "../../styles/a11y.styles.js";
import { useBudgetProgressStyles } from "./BudgetProgress.styles.js";

export function BudgetProgress({ view }: { readonly view: BudgetView }) {
  const { t } = useI18n();
  const styles = useBudgetProgressStyles();
  const a11y = useA11yStyles();
  const labelId = useId();
  const textId = useId();
  return (
    <div className={styles.root}>
      <span id={labelId} className={a11y.visuallyHidden}>
        {t("progress.label")}
      </span>
      <div
        role="progressbar"
        className={styles.track}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(Math.min(1, Math.max(0, view.fraction)) * 100)}
        aria-labelledby={labelId}
        aria-describedby={textId}
        aria-valuetext={t("progress.text", { used: view.usedMin, budget: view.budgetMin })}
      >
        <div className={mergeClasses(styles.bar, view.over && styles.barOver)} style={{ width: `${Math.min(100, Math.max(0, view.fraction * 100))}%` }} />
      </div>
      <div
        id={textId}
        className={styles.text}
        data-testid="progress-total"
        data-used-ms={Math.round(view.usedMs)}
        data-budget-ms={view.budgetMs}
        data-over={String(view.over)}
      >
        <span>{t("progress.text", { used: view.usedMin, budget: view.budgetMin })}</span>
        {view.over && <span className={styles.over}>{t("progress.over", { over: view.overMin })}</span>}
      </div>
    </div>
  );
}
