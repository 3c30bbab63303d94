/** @module The Actions toggle's own words, in the panel's first bundle; everything else of the section comes with its lazy chunk. */
import type { Locale } from "../../../../shared/src/i18n/format.js";

export const ACTIONS_TOGGLE_TEXT: Readonly<Record<Locale, { readonly toggle: string; readonly loading: string }>> = {
  nb: { toggle: "Tiltak", loading: "Henter tiltakene …" },
  sv: { toggle: "Åtgärder", loading: "Hämtar åtgärderna …" },
  en: { toggle: "Actions", loading: "Loading the actions …" },
};

