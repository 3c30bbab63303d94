/**
 * @module Loads one language's catalogue on demand, so a browser bundle carries English (the fallback
 * and the key source) and fetches Norwegian or Swedish only for the people who read it.
 */
import { en } from "./en.js";
import type { Locale, Messages } from "./format.js";

export function loadMessages(locale: Locale): Promise<Messages> {
  switch (locale) {
    case "nb":
      return import("./nb.js").then((m) => m.nb);
    case "sv":
      return import("./sv.js").then((m) => m.sv);
    case "en":
      return Promise.resolve(en);
  }
}

export { en as fallbackMessages };
