/** @module Escaping user text for Adaptive Card markdown (it must show as typed) and the https-only link allow-list. */
import { describe, expect, it } from "vitest";
import { escapeCardMarkdown, isAllowedLink } from "./markdown.js";

/** Formatting anywhere in a line. */
const INLINE = "\\`*_{}[]<~";
/** Formatting only at the start of a line (after spaces). */
const LINE_START = "#>+=|-";
const SPECIAL = `${INLINE}${LINE_START}().!`;

/** True when no character of `escaped` could start markdown formatting: inline ones anywhere, block markers at a line's start. */
function everySpecialEscaped(escaped: string): boolean {
  let atLineStart = true;
  let digits = false;
  for (let i = 0; i < escaped.length; i++) {
    const c = escaped.charAt(i);
    if (c === "\\") {
      i += 1; // the escaped character, whatever it is
      if (i >= escaped.length) return false;
      atLineStart = false;
      digits = false;
      continue;
    }
    if (INLINE.includes(c)) return false;
    if (atLineStart && LINE_START.includes(c)) return false;
    if (digits && (c === "." || c === ")")) return false;
    if (c === "\n") {
      atLineStart = true;
      digits = false;
    } else if (atLineStart && (c === " " || c === "\t")) {
      // still at the line's start
    } else if ((atLineStart || digits) && c >= "0" && c <= "9") {
      atLineStart = false;
      digits = true;
    } else {
      atLineStart = false;
      digits = false;
    }
  }
  return true;
}

const unescape = (escaped: string): string => escaped.replace(/\\(.)/gs, "$1");

describe("escaping user text for cards", () => {
  it.each([
    ["bold", "**urgent**", "\\*\\*urgent\\*\\*"],
    ["italics", "_really_", "\\_really\\_"],
    ["a link", "[click](https://evil.example)", "\\[click\\](https://evil.example)"],
    ["an image", "![x](https://t.example/p.png)", "!\\[x\\](https://t.example/p.png)"],
    ["a heading", "# Results", "\\# Results"],
    ["a bullet list", "- item", "\\- item"],
    ["a numbered list", "1. item", "1\\. item"],
    ["a plus list", "+ item", "\\+ item"],
    ["a numbered list after spaces", "  12) item", "  12\\) item"],
    ["a quote", "> said", "\\> said"],
    ["a rule under a line", "Title\n---", "Title\n\\---"],
    ["code", "`rm -rf`", "\\`rm -rf\\`"],
    ["html", "<b>hi</b>", "\\<b>hi\\</b>"],
    ["a table pipe at the start", "| a | b", "\\| a | b"],
    ["strikethrough", "~~old~~", "\\~\\~old\\~\\~"],
    ["a backslash", "C:\\temp", "C:\\\\temp"],
    ["braces (card template syntax)", "${secret}", "$\\{secret\\}"],
  ])("neutralises %s", (_what, input, expected) => {
    expect(escapeCardMarkdown(input)).toBe(expected);
  });

  it.each(["Gode nyheter", "Saker, informasjon, risiko: æøå ÆØÅ", "Målen är nåbara", "Q3 2025", "Q3-leveransen er forsinket.", "Kundetilfredshet (NPS) -5 siden forrige uke!", "Uke 12. Mål: 95 %"])("leaves plain text (%s) as it is", (text) => {
    expect(escapeCardMarkdown(text)).toBe(text);
  });

  it("an escaped link can no longer be a link", () => {
    const escaped = escapeCardMarkdown("see [the board](javascript:alert(1))");
    expect(escaped).not.toMatch(/(^|[^\\])\[/);
    expect(escaped).toContain("\\[the board\\]");
  });

  it("random text: every markdown character is escaped, and removing the escapes gives back what was typed", () => {
    // mulberry32, seeded: the same strings on every run.
    let a = 20250106;
    const random = (): number => {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
    };
    const alphabet = `${SPECIAL}abcXYZ 019æøå\n\t"'$%&/=?@^`;
    for (let n = 0; n < 500; n++) {
      const length = Math.floor(random() * 40);
      const text = Array.from({ length }, () => alphabet.charAt(Math.floor(random() * alphabet.length))).join("");
      const escaped = escapeCardMarkdown(text);
      expect(everySpecialEscaped(escaped), JSON.stringify(text)).toBe(true);
      expect(unescape(escaped), JSON.stringify(text)).toBe(text);
    }
  });
});

describe("links allowed in cards", () => {
  it.each(["https://contoso.sharepoint.com/sites/okr", "https://example.com", "HTTPS://EXAMPLE.COM/KPI?week=2"])("allows %s", (url) => {
    expect(isAllowedLink(url)).toBe(true);
  });

  it.each([
    "http://example.com",
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox",
    "file:///etc/passwd",
    "ftp://example.com",
    "mailto:lead@example.com",
    "//example.com/path",
    "/relative/path",
    "example.com",
    "",
    "not a url",
  ])("refuses %s", (url) => {
    expect(isAllowedLink(url)).toBe(false);
  });
});
