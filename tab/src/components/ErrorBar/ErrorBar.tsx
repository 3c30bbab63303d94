/** @module The error bar: what went wrong and what to do next, in the user's language; dismissible. The info bar is its kind for news. */
import { Button, MessageBar, MessageBarActions, MessageBarBody } from "@fluentui/react-components";
import type { ApiError } from "../../api/api-error.js";
import { errorMessage } from "../../errors/error-message.js";
import { useI18n } from "../../state/i18n-context.js";
import { useErrorBarStyles } from "./ErrorBar.styles.js";

export interface ErrorBarProps {
  readonly error: ApiError | null;
  readonly onDismiss?: () => void;
}

/** A 12 px cross drawn inline: the icon package would cost more than this whole component. Not text, so the bar's text is only the message. */
function DismissIcon() {
  return (
    <svg width="12" height="12" viewBox="0 0 12 12" aria-hidden="true" focusable="false">
      <path d="M1.5 1.5l9 9m0-9l-9 9" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" fill="none" />
    </svg>
  );
}

export function ErrorBar({ error, onDismiss }: ErrorBarProps) {
  const { t } = useI18n();
  const message = error ? errorMessage(error) : null;
  return (
    <MessageLine text={error && message ? t(message.key, message.params) : null} intent={message?.intent ?? "error"} testId="error-bar" data={{ "data-code": error?.code, "data-status": error?.status }} {...(onDismiss ? { onDismiss } : {})} />
  );
}

export interface InfoBarProps {
  /** What to tell; null = nothing (the live region stays, so the next text is announced). */
  readonly text: string | null;
  readonly testId: string;
  readonly onDismiss?: () => void;
}

/** News that is not an error (the meeting moved on to its next occurrence), dismissible, in the same kind of bar. */
export function InfoBar({ text, testId, onDismiss }: InfoBarProps) {
  return <MessageLine text={text} intent="info" testId={testId} {...(onDismiss ? { onDismiss } : {})} />;
}

interface MessageLineProps {
  readonly text: string | null;
  readonly intent: "error" | "warning" | "info" | "success";
  readonly testId: string;
  readonly data?: Readonly<Record<`data-${string}`, string | number | undefined>>;
  readonly onDismiss?: () => void;
}

function MessageLine({ text, intent, testId, data, onDismiss }: MessageLineProps) {
  const { t } = useI18n();
  const styles = useErrorBarStyles();
  return (
    <div aria-live="polite" className={styles.region}>
      {text && (
        <MessageBar intent={intent} layout="multiline" data-testid={testId} {...data}>
          <MessageBarBody className={styles.body}>{text}</MessageBarBody>
          {onDismiss && (
            <MessageBarActions
              containerAction={
                <Button
                  appearance="transparent"
                  size="small"
                  className={styles.dismiss}
                  aria-label={t("action.dismiss")}
                  icon={<DismissIcon />}
                  onClick={onDismiss}
                />
              }
            />
          )}
        </MessageBar>
      )}
    </div>
  );
}
