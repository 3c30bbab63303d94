/**
 * @module The offline notice: the service or its storage cannot be reached, so what the user changes is kept and
 * sent again by itself (same command ids). Says when the next try is and offers to try now. Shown from the API
 * client's connectivity signal, not from an error: nothing is lost while it shows.
 */
import { Button, MessageBar, MessageBarActions, MessageBarBody } from "@fluentui/react-components";
import type { Connectivity } from "../../api/api-client.js";
import type { MessageKey } from "../../../../shared/src/i18n/format.js";
import { useI18n } from "../../state/i18n-context.js";
import { useTicker } from "../../state/use-ticker.js";
import { useOfflineBannerStyles } from "./OfflineBanner.styles.js";

export interface OfflineBannerProps {
  readonly connectivity: Connectivity;
  /** Sends what is waiting now (or, with nothing waiting, loads the meeting again). */
  readonly onTryNow: () => void;
  /** Injected for tests; Date.now otherwise (the client plans its tries on this computer's clock). */
  readonly now?: () => number;
}

const TITLE: Readonly<Record<Exclude<Connectivity["status"], "online">, MessageKey>> = {
  storageUnavailable: "offline.storageUnavailable",
  serviceUnavailable: "offline.serviceUnavailable",
  offline: "offline.offline",
};

export function OfflineBanner({ connectivity, onTryNow, now = Date.now }: OfflineBannerProps) {
  const { t } = useI18n();
  const styles = useOfflineBannerStyles();
  const { status, pending, retryAt } = connectivity;
  // A second's tick only while a try is planned, for the "trying again in N s" line.
  useTicker({ active: status !== "online" && retryAt !== null, intervalMs: 1_000 });
  const seconds = retryAt === null ? null : Math.max(0, Math.ceil((retryAt - now()) / 1_000));
  return (
    <div role="status" aria-live="polite" className={styles.region}>
      {status !== "online" && (
        <MessageBar intent="warning" layout="multiline" data-testid="offline-banner" data-status={status} data-pending={pending}>
          <MessageBarBody className={styles.body}>
            <span className={styles.title}>{t(TITLE[status])}</span>
            <span>{t(pending > 0 ? "offline.kept" : "offline.willKeep")}</span>
            {pending > 0 && (
              // Not announced: a screen reader would read the countdown every second.
              <span aria-live="off" className={styles.retry} data-testid="offline-retry">
                {seconds === null || seconds === 0 ? t("offline.retrying") : t("offline.retryIn", { seconds })}
              </span>
            )}
          </MessageBarBody>
          <MessageBarActions>
            <Button size="small" data-testid="offline-try-now" onClick={onTryNow}>
              {t("offline.tryNow")}
            </Button>
          </MessageBarActions>
        </MessageBar>
      )}
    </div>
  );
}
