/** @module Escaping user text for Adaptive Card TextBlocks: their markdown must show literally, links only from an allow-list. */

/** Escapes the characters Adaptive Card markdown interprets, so user text shows as typed. */
export function escapeCardMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!<>|~]/g, (c) => `\\${c}`);
}

/** Only https links go into cards. */
export function isAllowedLink(url: string): boolean {
  try {
    return new URL(url).protocol === "https:";
  } catch {
    return false;
  }
}
