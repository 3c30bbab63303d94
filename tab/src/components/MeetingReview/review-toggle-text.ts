/** @module The words of the panel's "Rating & history" button (in the first bundle; the section's own words load with it). */
import type { Locale } from "../../../../shared/src/i18n/format.js";

export const REVIEW_TOGGLE_TEXT: Readonly<Record<Locale, { readonly toggle: string; readonly loading: string }>> = {
  nb: { toggle: "Vurdering og historikk", loading: "Laster vurdering og historikk…" },
  sv: { toggle: "Betyg och historik", loading: "Läser in betyg och historik…" },
  en: { toggle: "Rating & history", loading: "Loading rating and history…" },
};
