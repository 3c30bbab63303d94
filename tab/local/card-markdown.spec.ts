/** @module The local chat's card markdown: what our escaping protects shows as typed, and nothing becomes HTML or a foreign link. */
import { describe, expect, it } from "vitest";
import { escapeCardMarkdown } from "../../shared/src/cards/markdown.js";
import { cardMarkdownHtml } from "./card-markdown.js";

/** The text a reader sees of the HTML (tags dropped, entities decoded). */
const shown = (html: string): string => html.replace(/<br>/g, "\n").replace(/<[^>]+>/g, "").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&amp;/g, "&");

describe("card markdown on the local chat pane", () => {
  it.each(["Q3-leveransen er forsinket.", "1. Bytte leverandør", "**Haster** [klikk](https://evil.example) <b>nå</b>", "C:\\temp\\{x}", "_kursiv_ ~~gammel~~ `kode`", "# Overskrift\n- punkt\n12) tolv"])(
    "escaped user text (%s) shows exactly as typed, without backslashes or formatting",
    (typed) => {
      const out = cardMarkdownHtml(escapeCardMarkdown(typed));
      expect(shown(out)).toBe(typed);
      expect(out).not.toMatch(/<(strong|em|a|b)\b/);
    },
  );

  it("our own formatting works: bold, italics and https links", () => {
    expect(cardMarkdownHtml("**Frist** er _fredag_")).toBe("<p><strong>Frist</strong> er <em>fredag</em></p>");
    expect(cardMarkdownHtml("[Styret](https://contoso.example/a)")).toContain('<a href="https://contoso.example/a"');
  });

  it("raw HTML and non-https links stay text", () => {
    const out = cardMarkdownHtml('<img src=x onerror="alert(1)"> [x](javascript:alert(1))');
    expect(out).not.toContain("<img");
    expect(out).not.toContain("<a");
  });
});
