/** @module The Priorities toggle's own words, in the panel's first bundle; everything else of the section comes with its lazy chunk. */
import type { Locale } from "../../../../shared/src/i18n/format.js";

export const PRIORITIES_TOGGLE_TEXT: Readonly<Record<Locale, { readonly toggle: string; readonly loading: string }>> = {
  nb: { toggle: "Prioriteringer", loading: "Henter prioriteringene …" },
  sv: { toggle: "Prioriteringar", loading: "Hämtar prioriteringarna …" },
  en: { toggle: "Priorities", loading: "Loading the priorities …" },
};
