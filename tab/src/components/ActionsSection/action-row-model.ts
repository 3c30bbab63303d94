/** @module What a row of the Actions section shows, from the action and the team's today (not the ticking clock, so 200 rows do not re-render every second). */
import type { Action, ActionSource } from "../../../../shared/src/actions/model.js";
import type { ActionsText } from "../../../../shared/src/i18n/actions-text.js";
import type { ApiError } from "../../api/api-error.js";

const DAY_MS = 86_400_000;
const dayNumber = (day: string): number => Date.parse(`${day}T00:00:00Z`) / DAY_MS;

/** Whole days past due on the team's `today` (0 when not overdue: done, undated or not yet due). */
export function lateDays(a: Pick<Action, "due" | "status" | "deletedAt">, today: string): number {
  if (a.status === "done" || a.deletedAt !== null || a.due === null || a.due >= today) return 0;
  return dayNumber(today) - dayNumber(a.due);
}

/** "From the SIR item “…”", "From the KPI “…”", "From the objective “…”" (the name when the panel knows it). */
export function sourceText(source: ActionSource, p: ActionsText, titleOf?: (source: ActionSource) => string | null): string {
  const title = titleOf?.(source) ?? null;
  switch (source.kind) {
    case "sir":
      return p.fromSir(title);
    case "kpi":
      return p.fromKpi(title);
    case "objective":
      return p.fromObjective(title);
  }
}

/** The command sender every editor shares: the command (the id is added), and the sentence to announce when stored. */
export type SendAction = (command: Record<string, unknown>, done: (action: Action) => string) => Promise<boolean>;

/** The service's refusal in the viewer's language, with what to do next. */
export function messageOf(error: ApiError, p: ActionsText): string {
  return (Object.hasOwn(p.errors, error.code) ? p.errors[error.code] : undefined) ?? p.genericError;
}
