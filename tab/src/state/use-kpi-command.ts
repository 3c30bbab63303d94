/** @module One KPI command from a form: busy while it is on its way, then its outcome in words beside the button. */
import { useCallback, useState } from "react";
import type { ApiError } from "../api/api-error.js";
import type { KpiCommandInput } from "../api/meeting-session.js";
import { kpiErrorMessage } from "../errors/error-message.js";
import { useI18n } from "./i18n-context.js";

export type Feedback = { readonly kind: "error" | "done"; readonly text: string; readonly issues?: readonly string[] } | null;

export function useKpiCommand(sendKpi: (command: KpiCommandInput) => Promise<ApiError | null>) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [feedback, setFeedback] = useState<Feedback>(null);

  /** Sends the command; on success shows `done` (if any) and returns true, on refusal shows why and returns false. */
  const run = useCallback(
    async (command: KpiCommandInput, done: string | null): Promise<boolean> => {
      setBusy(true);
      setFeedback(null);
      try {
        const error = await sendKpi(command);
        if (error) {
          const m = kpiErrorMessage(error);
          setFeedback({ kind: "error", text: t(m.key, m.params) });
          return false;
        }
        if (done) setFeedback({ kind: "done", text: done });
        return true;
      } finally {
        setBusy(false);
      }
    },
    [sendKpi, t],
  );

  return { busy, setBusy, feedback, setFeedback, run };
}
