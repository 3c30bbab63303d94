/**
 * @module Loads one language's catalogue on demand, so a browser bundle carries no catalogue in its first load and
 * fetches only the viewer's language (English too: it is the key source, not a fallback every viewer downloads).
 */
import type { Locale, Messages } from "./format.js";

export function loadMessages(locale: Locale): Promise<Messages> {
  switch (locale) {
    case "nb":
      return import("./nb.js").then((m) => m.nb);
    case "sv":
      return import("./sv.js").then((m) => m.sv);
    case "en":
      return import("./en.js").then((m) => m.en);
  }
}

/**
 * The viewer's language; English when that catalogue did not arrive. Rejects only when English did not arrive
 * either (the page then shows `START_FAILED`).
 */
export async function loadMessagesOrEnglish(locale: Locale): Promise<{ locale: Locale; messages: Messages }> {
  try {
    return { locale, messages: await loadMessages(locale) };
  } catch (err) {
    if (locale === "en") throw err;
    console.error(`Could not load the ${locale} texts; using English`, err);
    return { locale: "en", messages: await loadMessages("en") };
  }
}

/** The one text a page shows without any catalogue: when not even the English one could be fetched. */
export const START_FAILED = "Panelet kunne ikke starte. Last det inn på nytt. · Panelen kunde inte starta. Läs in den igen. · The panel could not start. Reload it.";
