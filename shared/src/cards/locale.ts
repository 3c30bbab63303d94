/** @module The languages cards speak, chosen from a Teams/Bot Framework locale string. */
export type CardLocale = "nb" | "sv" | "en";

export function cardLocale(locale: string | undefined): CardLocale {
  const l = (locale ?? "").toLowerCase();
  if (l.startsWith("nb") || l.startsWith("nn") || l === "no" || l.startsWith("no-")) return "nb";
  if (l.startsWith("sv")) return "sv";
  return "en";
}
