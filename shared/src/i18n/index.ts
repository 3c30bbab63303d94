/** @module The panel's and cards' languages (bokmål, Swedish, English) with every catalogue loaded: `t(locale, key, params)`. Browser code that wants only one catalogue uses load.ts. */
import { en } from "./en.js";
import { formatKey, formatMessage, type Locale, type MessageKey, type MessageParams, type Messages } from "./format.js";
import { nb } from "./nb.js";
import { sv } from "./sv.js";

export * from "./format.js";

export const MESSAGES: Readonly<Record<Locale, Messages>> = { nb, sv, en };

/** Whether `key` is a message key (of the English catalogue, the key source). */
export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(en, key);
}

export function t(locale: Locale, key: MessageKey, params?: MessageParams): string {
  return formatMessage(MESSAGES[locale], key, params);
}

/** For keys that come as data (a section's `labelKey`, `questionKeys`): undefined when the key is unknown. */
export function tKey(locale: Locale, key: string, params?: MessageParams): string | undefined {
  return formatKey(MESSAGES[locale], key, params);
}
