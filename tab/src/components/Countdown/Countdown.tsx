/** @module The big shared countdown of the current section, rendered from the timer data and the server clock estimate. */
import { mergeClasses } from "@fluentui/react-components";
import { formatCountdown } from "../../../../shared/src/meeting/clock.js";
import { useI18n } from "../../state/i18n-context.js";
import { formatOverrun, type CountdownView } from "../../state/meeting-view.js";
import { useCountdownStyles } from "./Countdown.styles.js";

export interface CountdownProps {
  readonly view: CountdownView;
  /** The section it counts down, for the accessible name. */
  readonly sectionTitle: string;
}

export function Countdown({ view, sectionTitle }: CountdownProps) {
  const { t } = useI18n();
  const styles = useCountdownStyles();
  const text = formatCountdown(view.remainingMs);
  // formatCountdown writes an overrun as "-1:05"; the spoken name uses the same magnitude ("1:05") and says "over".
  const label = view.overrun
    ? t("countdown.labelOverrun", { section: sectionTitle, time: formatOverrun(view.remainingMs) })
    : t("countdown.label", { section: sectionTitle, time: text });
  return (
    <div className={styles.root}>
      <div
        role="timer"
        aria-label={label}
        className={mergeClasses(styles.digits, view.overrun && styles.overrun)}
        data-testid="countdown"
        data-remaining-ms={Math.round(view.remainingMs)}
        data-overrun={String(view.overrun)}
      >
        {text}
      </div>
      {view.overrun && <span className={styles.overrunLabel}>{t("countdown.overrun")}</span>}
    </div>
  );
}
