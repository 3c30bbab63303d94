/**
 * @module Finds English message text in a view that should be in bokmål or Swedish: every fixed part (between
 * placeholders) of an English message of two words or more, unless that language uses the same words itself.
 */
import { ACTIONS_TEXT } from "../../shared/src/i18n/actions-text.js";
import { MESSAGES, type Locale } from "../../shared/src/i18n/index.js";

/** Every string inside a text table (nested objects, arrays; functions are skipped: they need arguments). */
function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === "string") out.push(value);
  else if (Array.isArray(value)) for (const v of value) strings(v, out);
  else if (typeof value === "object" && value !== null) for (const v of Object.values(value)) strings(v, out);
  return out;
}

/** The words of a message that do not depend on its parameters, two words or more each. */
function fixedParts(message: string): string[] {
  return message
    .split(/\{[^}]*\}/)
    .map((s) => s.replace(/[\s:·,.…()–-]+$/u, "").replace(/^[\s:·,.…()–-]+/u, "").trim())
    .filter((s) => /\p{L}{2,}\s+\p{L}{2,}/u.test(s));
}

/** The English phrases that must not show in a view in `locale`. */
export function englishPhrases(locale: Exclude<Locale, "en">): string[] {
  const own = [...Object.values(MESSAGES[locale]), ...strings(ACTIONS_TEXT[locale])].join("\n").toLowerCase();
  const english = [...Object.values(MESSAGES.en), ...strings(ACTIONS_TEXT.en)];
  const phrases = new Set<string>();
  for (const m of english) for (const p of fixedParts(m)) if (!own.includes(p.toLowerCase())) phrases.add(p);
  // Names a view shows on their own (agenda sections, toggles) count even as one word: "Actions" in a bokmål agenda.
  const names = Object.entries(MESSAGES.en).filter(([key]) => /^section\.[A-Za-z]+$|\.toggle$/.test(key));
  const ownNames = new Set(Object.values(MESSAGES[locale]).map((v) => v.toLowerCase()));
  for (const [, name] of names) if (/^\p{L}{4,}$/u.test(name) && !ownNames.has(name.toLowerCase())) phrases.add(name);
  return [...phrases];
}

/** The English phrases found in `text` (a view's visible text). */
export function englishIn(text: string, locale: Exclude<Locale, "en">): string[] {
  const flat = text.replace(/\s+/g, " ");
  // Whole words only: "Agenda" must not match inside "Agendaen".
  return englishPhrases(locale).filter((p) => new RegExp(`(^|[^\\p{L}])${p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}($|[^\\p{L}])`, "u").test(flat));
}
