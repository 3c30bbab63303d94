/** @module The error bar: what went wrong and what to do next, in the user's language; dismissible. */
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
  const styles = useErrorBarStyles();
  const message = error ? errorMessage(error) : null;
  return (
    <div aria-live="polite" className={styles.region}>
      {error && message && (
        <MessageBar intent={message.intent} layout="multiline" data-testid="error-bar" data-code={error.code} data-status={error.status}>
          <MessageBarBody className={styles.body}>{t(message.key, message.params)}</MessageBarBody>
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
