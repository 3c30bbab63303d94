/** @module Every text exists in all three languages, every key the agenda data refers to is translated, and Teams locales map to the right language. */
import { describe, expect, it } from "vitest";
import { SECTION_KINDS } from "../meeting/section.js";
import { TEMPLATE_IDS, TEMPLATES, templateSections } from "../meeting/templates.js";
import { DOMAIN_ERROR_CODES } from "../meeting/errors.js";
import { en } from "./en.js";
import { isMessageKey, LOCALES, MESSAGES, resolveLocale, t, tKey } from "./index.js";

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
