/** @module Every text exists in all three languages, every key the agenda data refers to is translated, and Teams locales map to the right language. */
import { describe, expect, it } from "vitest";
import { SECTION_KINDS } from "../meeting/section.js";
import { TEMPLATE_IDS, TEMPLATES, templateSections } from "../meeting/templates.js";
import { DOMAIN_ERROR_CODES } from "../meeting/errors.js";
import { en } from "./en.js";
import { formatOrdinal, isMessageKey, LOCALES, MESSAGES, resolveLocale, t, tKey } from "./index.js";

describe("message catalogues", () => {
  const englishKeys = Object.keys(en).sort();

  it.each(LOCALES)("%s has exactly the English keys, none empty", (locale) => {
    const messages = MESSAGES[locale];
    expect(Object.keys(messages).sort()).toEqual(englishKeys);
    for (const key of englishKeys) expect((messages as Record<string, string>)[key]?.trim(), `${locale}:${key}`).toBeTruthy();
  });

  it.each(LOCALES)("%s uses the same {parameters} as English", (locale) => {
    const params = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of englishKeys) {
      const own = (MESSAGES[locale] as Record<string, string>)[key] ?? "";
      expect(params(own), `${locale}:${key}`).toEqual(params((en as Record<string, string>)[key] ?? ""));
    }
  });

  it("translates every template name, section title and guiding question the templates use", () => {
    for (const id of TEMPLATE_IDS) {
      expect(isMessageKey(TEMPLATES[id].labelKey), TEMPLATES[id].labelKey).toBe(true);
      expect(TEMPLATES[id].labelKey).toBe(`template.${id}`);
      for (const section of templateSections(id)) {
        expect(isMessageKey(section.labelKey), section.labelKey).toBe(true);
        for (const q of section.questionKeys) expect(isMessageKey(q), q).toBe(true);
      }
    }
  });

  it("has a default title for a custom section of every kind", () => {
    for (const kind of SECTION_KINDS) expect(isMessageKey(`section.${kind}`), kind).toBe(true);
  });

  it("explains every domain error", () => {
    for (const code of DOMAIN_ERROR_CODES) expect(isMessageKey(`error.${code}`), code).toBe(true);
  });

  it("writes SIR the way each language reads it", () => {
    expect(t("nb", "section.sir")).toBe("SIR – Saker, informasjon, risiko");
    expect(t("sv", "section.sir")).toBe("SIR – Ärenden, information, risker");
    expect(t("en", "section.sir")).toBe("SIR – Issues, information, risks");
  });
});

describe("t", () => {
  it("fills {name} parameters and leaves unknown ones visible", () => {
    expect(t("en", "progress.text", { used: 23, budget: 60 })).toBe("23 of 60 min");
    expect(t("nb", "progress.text", { used: 23 })).toBe("23 av {budget} min");
  });

  it("looks up keys that come as data, and says undefined for unknown ones", () => {
    expect(tKey("sv", "section.goodNews")).toBe("Goda nyheter");
    expect(tKey("en", "section.nope")).toBeUndefined();
    expect(tKey("en", "toString")).toBeUndefined();
  });
});

describe("formatOrdinal", () => {
  it.each([
    [1, "1st", "1.", "1:a"],
    [2, "2nd", "2.", "2:a"],
    [3, "3rd", "3.", "3:e"],
    [4, "4th", "4.", "4:e"],
    [11, "11th", "11.", "11:e"],
    [12, "12th", "12.", "12:e"],
    [13, "13th", "13.", "13:e"],
    [21, "21st", "21.", "21:a"],
    [22, "22nd", "22.", "22:a"],
    [52, "52nd", "52.", "52:a"],
    [111, "111th", "111.", "111:e"],
  ] as const)("%i → %s / %s / %s", (n, en, nb, sv) => {
    expect([formatOrdinal("en", n), formatOrdinal("nb", n), formatOrdinal("sv", n)]).toEqual([en, nb, sv]);
  });

  it("reads naturally in the age of a SIR item", () => {
    expect(t("en", "sir.age.again", { nth: formatOrdinal("en", 3) })).toBe("On the agenda for the 3rd time");
    expect(t("nb", "sir.age.again", { nth: formatOrdinal("nb", 3) })).toBe("På agendaen for 3. gang");
    expect(t("sv", "sir.age.again", { nth: formatOrdinal("sv", 2) })).toBe("På agendan för 2:a gången");
  });
});

describe("resolveLocale", () => {
  it.each([
    ["nb-NO", "nb"],
    ["nn-NO", "nb"],
    ["no", "nb"],
    ["NB", "nb"],
    ["sv-SE", "sv"],
    ["sv-FI", "sv"],
    ["en-US", "en"],
    ["en-GB", "en"],
    ["da-DK", "en"],
    ["", "en"],
    [undefined, "en"],
    [null, "en"],
  ] as const)("%s → %s", (input, expected) => {
    expect(resolveLocale(input)).toBe(expected);
  });
});

describe("loadMessages", () => {
  it.each(LOCALES)("loads the same catalogue as the eager index for %s", async (locale) => {
    const { loadMessages } = await import("./load.js");
    expect(await loadMessages(locale)).toBe(MESSAGES[locale]);
  });
});
