/**
 * @module The markdown Teams applies to Adaptive Card text (TextBlock, FactSet), for the local chat pane: backslash
 * escapes, bold, italics and https links; everything else is plain text. HTML in the text is shown, never parsed.
 * Without it the renderer would show the escapes our cards put before user text ("1\." instead of "1.").
 */
import type { IMarkdownProcessingResult } from "adaptivecards";

const html = (s: string): string => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** Turns card markdown into safe HTML (the renderer inserts `outputHtml` as is). */
export function cardMarkdownHtml(text: string): string {
  // Escaped characters become placeholders first, so no rule below can see them; they come back as plain text.
  const escaped: string[] = [];
  let out = html(text.replace(/\\([!-/:-@[-`{-~])/g, (_m, c: string) => `\uE000${escaped.push(c) - 1}\uE001`));
  out = out
    .replace(/\[([^\]\n]+)\]\((https:\/\/[^\s()]+)\)/g, (_m, label: string, url: string) => `<a href="${url}" target="_blank" rel="noopener noreferrer">${label}</a>`)
    .replace(/\*\*(?=\S)([^*\n]*?\S)\*\*/g, "<strong>$1</strong>")
    .replace(/(^|[^\w*])\*(?=\S)([^*\n]*?\S)\*(?!\w)/g, "$1<em>$2</em>")
    .replace(/(^|[^\w])_(?=\S)([^_\n]*?\S)_(?!\w)/g, "$1<em>$2</em>");
  const restored = out.replace(/\uE000(\d+)\uE001/g, (_m, i: string) => html(escaped[Number(i)] ?? ""));
  return `<p>${restored.replace(/\r?\n/g, "<br>")}</p>`;
}

/** The renderer's `AdaptiveCard.onProcessMarkdown` hook. */
export function processCardMarkdown(text: string, result: IMarkdownProcessingResult): void {
  result.outputHtml = cardMarkdownHtml(text);
  result.didProcess = true;
}
