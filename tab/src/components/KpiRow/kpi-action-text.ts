/** @module The KPI board's "Create action" words (in the board's lazy chunk, not the first bundle). */
import type { Locale } from "../../../../shared/src/i18n/format.js";

/** The KPI board's "Create action" on an off-track row (in the board's chunk) and the title it suggests. */
export const ACTIONS_KPI_TEXT: Readonly<Record<Locale, { readonly createAction: string; readonly createActionLabel: (name: string) => string; readonly title: (name: string) => string }>> = {
  nb: { createAction: "Lag tiltak", createActionLabel: (name) => `Lag tiltak for «${name}»`, title: (name) => `Få «${name}» tilbake i rute` },
  sv: { createAction: "Skapa åtgärd", createActionLabel: (name) => `Skapa åtgärd för ”${name}”`, title: (name) => `Få ”${name}” i fas igen` },
  en: { createAction: "Create action", createActionLabel: (name) => `Create action for “${name}”`, title: (name) => `Get “${name}” back on track` },
};
