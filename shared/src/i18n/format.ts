/** @module The language machinery without the catalogues: locales, choosing one from a Teams locale, and filling `{name}` parameters. */
import type { MessageKey, Messages } from "./en.js";

export type { MessageKey, Messages } from "./en.js";

export const LOCALES = ["nb", "sv", "en"] as const;
export type Locale = (typeof LOCALES)[number];

export type MessageParams = Readonly<Record<string, string | number>>;

/**
 * Maps a Teams locale ("nb-NO", "sv-FI", "en-GB", …) to a language the panel speaks.
 * Nynorsk and plain "no" read bokmål: the method's Norwegian material is in bokmål. Anything else is English.
 */
export function resolveLocale(teamsLocale: string | null | undefined): Locale {
  const lang = (teamsLocale ?? "").trim().toLowerCase().split(/[-_]/)[0] ?? "";
  if (lang === "nb" || lang === "nn" || lang === "no") return "nb";
  if (lang === "sv") return "sv";
  return "en";
}

/** Whether `key` is one of `messages`' keys (every catalogue has exactly the English keys). */
export function isKeyOf(messages: Messages, key: string): key is MessageKey {
  return Object.hasOwn(messages, key);
}

/** Fills `{name}` parameters; an unknown {name} stays visible rather than vanishing, so a missing parameter is noticed. */
export function interpolate(text: string, params?: MessageParams): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

export function formatMessage(messages: Messages, key: MessageKey, params?: MessageParams): string {
  return interpolate(messages[key], params);
}

/** For keys that come as data (a section's `labelKey`, `questionKeys`): undefined when the key is unknown. */
export function formatKey(messages: Messages, key: string, params?: MessageParams): string | undefined {
  return isKeyOf(messages, key) ? formatMessage(messages, key, params) : undefined;
}

/**
 * "2nd", "2.", "2:a": the n-th time the way each language writes it ("on the agenda for the 2nd time").
 * Written out rather than through Intl.PluralRules so every browser and the tests agree.
 */
export function formatOrdinal(locale: Locale, n: number): string {
  const last = n % 10;
  const lastTwo = n % 100;
  if (locale === "nb") return `${n}.`;
  // Swedish: 1:a, 2:a, 3:e … 11:e, 12:e … 21:a, 22:a.
  if (locale === "sv") return `${n}:${(last === 1 || last === 2) && lastTwo !== 11 && lastTwo !== 12 ? "a" : "e"}`;
  if (lastTwo >= 11 && lastTwo <= 13) return `${n}th`;
  return `${n}${last === 1 ? "st" : last === 2 ? "nd" : last === 3 ? "rd" : "th"}`;
}
