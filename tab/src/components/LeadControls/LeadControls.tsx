/** @module The lead's controls (rendered only for viewers with `meeting:drive`): start, previous/next, timer toggle, +1/+5 min, reset, end with confirmation. */
import { Button, mergeClasses } from "@fluentui/react-components";
import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import type { MeetingState } from "../../../../shared/src/meeting/state.js";
import type { CommandInput } from "../../api/meeting-session.js";
import { useI18n } from "../../state/i18n-context.js";
import { useLeadControlsStyles } from "./LeadControls.styles.js";

export interface LeadControlsProps {
  readonly meeting: MeetingState;
  readonly send: (command: CommandInput) => Promise<boolean>;
}

export function LeadControls({ meeting, send }: LeadControlsProps) {
  const { t } = useI18n();
  const styles = useLeadControlsStyles();
  const groupId = useId();
  const [confirmingEnd, setConfirmingEnd] = useState(false);
  const toggleRef = useRef<HTMLButtonElement>(null);
  const endRef = useRef<HTMLButtonElement>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const endedRef = useRef<HTMLParagraphElement>(null);
  /** The control the keyboard focus should land on when the one that had it disappears (start → running, end → ended). */
  const focusNext = useRef<"toggle" | "ended" | null>(null);

  /** Commands of each kind still on their way (storage down: being resent); their button says so until they land. */
  const [inFlight, setInFlight] = useState<Readonly<Record<string, number>>>({});
  const fire = (command: CommandInput): void => {
    const key = command.type === "extendTimer" ? `extendTimer${command.minutes}` : command.type;
    const bump = (by: number) => setInFlight((m) => ({ ...m, [key]: (m[key] ?? 0) + by }));
    bump(1);
    void send(command).finally(() => bump(-1));
  };
  /** Marks a control whose command is still on its way: busy for assistive technology, a dashed border on screen. */
  const pending = (...keys: string[]) => {
    const busy = keys.some((k) => (inFlight[k] ?? 0) > 0);
    return busy ? { "aria-busy": true, "data-pending": "true", className: mergeClasses(styles.button, styles.pending) } : { "data-pending": "false", className: styles.button };
  };

  useEffect(() => {
    if (meeting.phase === "running" && focusNext.current === "toggle") toggleRef.current?.focus();
    if (meeting.phase === "ended" && focusNext.current === "ended") endedRef.current?.focus();
    if (meeting.phase !== "notStarted") focusNext.current = null;
  }, [meeting.phase]);

  useEffect(() => {
    if (confirmingEnd) confirmRef.current?.focus();
  }, [confirmingEnd]);

  const cancelEnd = (): void => {
    setConfirmingEnd(false);
    // Put focus back where the user started, not at the top of the page.
    requestAnimationFrame(() => endRef.current?.focus());
  };

  const onConfirmKeyDown = (e: KeyboardEvent<HTMLDivElement>): void => {
    if (e.key === "Escape") {
      e.stopPropagation();
      cancelEnd();
    }
  };

  if (meeting.phase === "ended") {
    return (
      <p ref={endedRef} tabIndex={-1} className={styles.ended}>
        {t("ended.note")}
      </p>
    );
  }

  if (meeting.phase === "notStarted") {
    return (
      <div role="group" aria-label={t("controls.label")} className={styles.root}>
        <Button
          appearance="primary"
          {...pending("startMeeting")}
          data-testid="btn-start-meeting"
          onClick={() => {
            focusNext.current = "toggle";
            fire({ type: "startMeeting" });
          }}
        >
          {t("controls.startMeeting")}
        </Button>
      </div>
    );
  }

  const running = meeting.timer.running;
  return (
    <div role="group" aria-label={t("controls.label")} className={styles.root}>
      <div className={styles.two}>
        <Button {...pending("previousSection")} data-testid="btn-previous" title={t("controls.previousLabel")} onClick={() => fire({ type: "previousSection" })}>
          ‹ {t("controls.previous")}
        </Button>
        <Button {...pending("nextSection")} data-testid="btn-next" title={t("controls.nextLabel")} onClick={() => fire({ type: "nextSection" })}>
          {t("controls.next")} ›
        </Button>
      </div>
      <Button
        ref={toggleRef}
        appearance="primary"
        {...pending("startTimer", "pauseTimer")}
        data-testid="btn-toggle-timer"
        data-running={String(running)}
        onClick={() => fire({ type: running ? "pauseTimer" : "startTimer" })}
      >
        {t(running ? "controls.pauseTimer" : "controls.startTimer")}
      </Button>
      <div className={styles.three}>
        <Button {...pending("extendTimer1")} data-testid="btn-extend-1" title={t("controls.extend1Label")} onClick={() => fire({ type: "extendTimer", minutes: 1 })}>
          {t("controls.extend1")}
        </Button>
        <Button {...pending("extendTimer5")} data-testid="btn-extend-5" title={t("controls.extend5Label")} onClick={() => fire({ type: "extendTimer", minutes: 5 })}>
          {t("controls.extend5")}
        </Button>
        <Button {...pending("resetTimer")} data-testid="btn-reset-timer" title={t("controls.resetLabel")} onClick={() => fire({ type: "resetTimer" })}>
          {t("controls.reset")}
        </Button>
      </div>
      {confirmingEnd ? (
        <div className={styles.confirm} role="group" aria-labelledby={`${groupId}-end`} onKeyDown={onConfirmKeyDown}>
          <p id={`${groupId}-end`} className={styles.question}>
            {t("controls.endQuestion")}
          </p>
          <div className={styles.two}>
            <Button
              ref={confirmRef}
              appearance="primary"
              className={styles.button}
              data-testid="btn-end-confirm"
              onClick={() => {
                setConfirmingEnd(false);
                focusNext.current = "ended";
                fire({ type: "endMeeting" });
              }}
            >
              {t("controls.endConfirm")}
            </Button>
            <Button className={styles.button} data-testid="btn-end-cancel" onClick={cancelEnd}>
              {t("action.cancel")}
            </Button>
          </div>
        </div>
      ) : (
        <Button ref={endRef} {...pending("endMeeting")} data-testid="btn-end-meeting" onClick={() => setConfirmingEnd(true)}>
          {t("controls.endMeeting")}
        </Button>
      )}
    </div>
  );
}
