/** The English-in-bokmål/Swedish detector the browser test uses: it finds what it must, and the catalogues themselves pass it. */
import { describe, expect, it } from "vitest";
import { ACTIONS_TEXT } from "../shared/src/i18n/actions-text.js";
import { MESSAGES } from "../shared/src/i18n/index.js";
import { englishIn } from "./helpers/english-text.js";

describe("English text in a bokmål or Swedish view", () => {
  it("is found: a section name, a status line, an error sentence", () => {
    expect(englishIn("SIR – Saker, informasjon, risiko 20 min Actions (initiativ) 10 min", "nb")).toEqual(["Actions"]);
    expect(englishIn("Ikke startet · Not connected", "nb")).toContain("Not connected");
    expect(englishIn("Agendaen er tom", "nb")).toEqual([]);
  });

  it.each(["nb", "sv"] as const)("no %s message is English: every text of the panel in that language passes", (locale) => {
    const own = [...Object.entries(MESSAGES[locale]), ...Object.entries(ACTIONS_TEXT[locale]).filter((e): e is [string, string] => typeof e[1] === "string")];
    const english = own.map(([key, value]) => [key, englishIn(value, locale)] as const).filter(([, found]) => found.length > 0);
    expect(english).toEqual([]);
  });
});
