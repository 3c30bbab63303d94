/** @module The header of the panel: phase, the viewer's role, the connection, the section title, the countdown and the meeting's progress. */
import { mergeClasses } from "@fluentui/react-components";
import { useEffect, useRef } from "react";
import type { MeetingState } from "../../../../shared/src/meeting/state.js";
import type { Viewer } from "../../../../shared/src/wire/protocol.js";
import type { StreamStatus } from "../../api/meeting-stream.js";
import { useI18n } from "../../state/i18n-context.js";
import { budgetView, countdownView, headerSection, sectionTitle } from "../../state/meeting-view.js";
import { useA11yStyles } from "../../styles/a11y.styles.js";
import { BudgetProgress } from "../BudgetProgress/BudgetProgress.js";
import { Countdown } from "../Countdown/Countdown.js";
import { useMeetingHeaderStyles } from "./MeetingHeader.styles.js";

export interface MeetingHeaderProps {
  readonly meeting: MeetingState;
  readonly viewer: Viewer | null;
  readonly connection: StreamStatus;
  /** Server time to render at (the panel's estimate of the server clock). */
  readonly now: number;
}

export function MeetingHeader({ meeting, viewer, connection, now }: MeetingHeaderProps) {
  const { t, tKey } = useI18n();
  const styles = useMeetingHeaderStyles();
  const a11y = useA11yStyles();
  const section = headerSection(meeting);
  const title = section ? sectionTitle(section, tKey) : "";
  const countdown = countdownView(meeting, now);
  const running = meeting.phase === "running" && meeting.timer.running;
  const connectionProblem = connection === "reconnecting" || connection === "offline";
  const sectionLabel =
    meeting.phase === "notStarted" ? t("header.firstUp") : meeting.phase === "ended" ? t("header.lastSection") : t("header.current");
  const ref = useStickyScrollPadding();

  return (
    <header ref={ref} className={styles.root}>
      <div className={styles.statusLine}>
        <span className={mergeClasses(styles.phase, meeting.phase === "running" && styles.phaseRunning)} data-testid="phase" data-phase={meeting.phase}>
          {t(`phase.${meeting.phase}`)}
        </span>
        {viewer && (
          <span className={styles.role} data-testid="role-badge" data-role={viewer.role}>
            {t(`role.${viewer.role}`)}
          </span>
        )}
        {/* Only a problem is shown; a healthy connection stays quiet on screen but is still readable. */}
        <span
          className={mergeClasses(styles.connection, connectionProblem ? styles.connectionProblem : connection === "live" && a11y.visuallyHidden)}
          data-testid="connection-status"
          data-status={connection}
          role="status"
        >
          {t(`connection.${connection}`)}
        </span>
      </div>

      {section && (
        <div>
          <p className={styles.sectionLabel}>{sectionLabel}</p>
          <h1 className={styles.title} data-testid="current-section-title">
            {title}
          </h1>
        </div>
      )}

      {countdown && <Countdown view={countdown} sectionTitle={title} />}

      {/* Before the start and after the end the phase already says it all; the element stays for assistive tech and tests. */}
      <span
        className={mergeClasses(styles.timerState, meeting.phase !== "running" && a11y.visuallyHidden)}
        data-testid="timer-state"
        data-running={String(running)}
      >
        {t(running ? "timer.running" : "timer.paused")}
      </span>

      <BudgetProgress view={budgetView(meeting, now)} />
    </header>
  );
}

/**
 * The header is sticky: whatever the panel scrolls into view (the item under discussion, a section) must land below
 * it, not under it, so the page's scroll padding follows the header's height.
 */
function useStickyScrollPadding() {
  const ref = useRef<HTMLElement>(null);
  useEffect(() => {
    const header = ref.current;
    if (!header || typeof ResizeObserver === "undefined") return;
    const root = document.documentElement;
    const observer = new ResizeObserver(() => {
      root.style.scrollPaddingTop = `${header.offsetHeight + 8}px`;
    });
    observer.observe(header);
    return () => {
      observer.disconnect();
      root.style.scrollPaddingTop = "";
    };
  }, []);
  return ref;
}
