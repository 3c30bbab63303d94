/** @module The words of the panel's "Rating & history" button (in the first bundle; the section's own words load with it). */
import type { Locale } from "../../../../shared/src/i18n/format.js";

export const REVIEW_TOGGLE_TEXT: Readonly<Record<Locale, { readonly toggle: string; readonly loading: string }>> = {
  nb: { toggle: "Vurdering og historikk", loading: "Henter vurdering og historikk …" },
  sv: { toggle: "Betyg och historik", loading: "Hämtar betyg och historik …" },
  en: { toggle: "Rating & history", loading: "Loading rating and history…" },
};
