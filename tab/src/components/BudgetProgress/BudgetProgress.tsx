/** @module Time used by the whole meeting against its planned length ("23 of 60 min"); an overrun shows in warning colour and words. */
import { ProgressBar } from "@fluentui/react-components";
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
      <ProgressBar
        value={view.fraction}
        max={1}
        thickness="large"
        color={view.over ? "error" : "brand"}
        aria-labelledby={labelId}
        aria-describedby={textId}
        aria-valuetext={t("progress.text", { used: view.usedMin, budget: view.budgetMin })}
      />
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
