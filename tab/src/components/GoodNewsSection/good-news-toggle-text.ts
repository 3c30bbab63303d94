/** @module The Good news toggle's own words, in the panel's first bundle; everything else of the section comes with its lazy chunk. */
import type { Locale } from "../../../../shared/src/i18n/format.js";

export const GOOD_NEWS_TOGGLE_TEXT: Readonly<Record<Locale, { readonly toggle: string; readonly loading: string }>> = {
  nb: { toggle: "Gode nyheter", loading: "Henter gode nyheter …" },
  sv: { toggle: "Goda nyheter", loading: "Hämtar goda nyheter …" },
  en: { toggle: "Good news", loading: "Loading the good news …" },
};
