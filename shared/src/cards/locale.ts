/** @module The languages cards speak: the same choice as the panel's (shared/src/i18n), from a Teams/Bot Framework locale string. */
export type { Locale as CardLocale } from "../i18n/format.js";
export { resolveLocale as cardLocale } from "../i18n/format.js";
