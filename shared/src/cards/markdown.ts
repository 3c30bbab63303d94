/** @module Escaping user text for Adaptive Card TextBlocks: their markdown must show literally, links only from an allow-list. */

/**
 * Characters that start formatting anywhere in a line: bold/italic (`*`, `_`), code, links (`[`), raw HTML (`<`),
 * strikethrough, the backslash itself, and braces (Teams' `{{DATE()}}` functions). Ordinary punctuation
 * (`-`, `.`, `(`, `!` …) is left alone: escaping it shows as a stray backslash in clients without markdown.
 */
const INLINE = /[\\`*_[\]<{}~]/g;
/** What makes a heading, quote, bullet or rule only at the start of a line. */
const LINE_START = /^([ \t]*)([#>+=|-])/gm;
/** "1. " or "1) " at the start of a line would begin a numbered list. */
const NUMBERED = /^([ \t]*\d+)([.)])/gm;

/**
 * Escapes what Adaptive Card markdown (TextBlock and FactSet text) would interpret, so user text shows as typed.
 * Only for text rendered as markdown: Input values and ChoiceSet titles are plain text and take the raw string.
 */
export function escapeCardMarkdown(text: string): string {
  return text
    .replace(INLINE, (c) => `\\${c}`)
    .replace(LINE_START, "$1\\$2")
    .replace(NUMBERED, "$1\\$2");
}

/** Only https links go into cards. */
export function isAllowedLink(url: string): boolean {
  try {
    return new URL(url).protocol === "https:";
  } catch {
    return false;
  }
}
