import { describe, expect, it } from "vitest";
import { MeetingCommand } from "../meeting/commands.js";
import { SirFieldsSchema } from "../sir/commands.js";
import { trimmed } from "./text.js";

const title = trimmed(120, 1);
const issues = (value: unknown): string[] => {
  const r = title.safeParse(value);
  return r.success ? [] : r.error.issues.map((i) => i.message);
};

describe("user text", () => {
  it("a title of only zero-width characters and spaces is empty", () => {
    for (const text of ["\u200b", "\u200b\u200c\u200d\u2060\ufeff", " \u200b \u00a0 ", "\u180e\u200b"]) expect(issues(text)).toEqual(["must not be empty"]);
  });

  it("zero-width characters around the text are trimmed, inside it they stay (emoji sequences use them)", () => {
    expect(title.parse("\u200b Churn \ufeff")).toBe("Churn");
    expect(title.parse("👩\u200d💻 team")).toBe("👩\u200d💻 team");
  });

  it.each([
    ["NUL", "a\u0000b"],
    ["another control character", "a\u0007b"],
    ["a lone high surrogate", "a\ud800b"],
    ["a lone low surrogate", "a\udc00"],
    ["a right-to-left override", "invoice\u202Egnp.exe"],
    ["a left-to-right embedding", "\u202Ax"],
    ["a pop directional formatting", "x\u202C"],
    ["a first-strong isolate", "x\u2068y"],
    ["a pop directional isolate", "x\u2069"],
  ])("%s is refused", (_name, text) => {
    expect(issues(text)).toEqual(["must not contain control characters, unpaired surrogates or text-direction overrides"]);
  });

  it("line breaks and tabs stay allowed (multi-line answers)", () => {
    expect(trimmed(2000).parse("one\ntwo\r\n\tthree")).toBe("one\ntwo\r\n\tthree");
  });

  it("text is stored NFC-normalised, and the length counts the normalised text", () => {
    expect(title.parse("Re\u0301sume\u0301")).toBe("R\u00e9sum\u00e9");
    expect(trimmed(1, 1).safeParse("e\u0301").success).toBe(true);
  });

  it("the meeting's section titles and the SIR fields use the same rule", () => {
    const rename = (t: string) => MeetingCommand.safeParse({ id: "cmd-12345678", type: "renameSection", sectionId: "s1", title: t });
    expect(rename("\u200b\u200b").success).toBe(false);
    expect(rename("a\u202Eb").success).toBe(false);
    const sir = SirFieldsSchema.safeParse({ kind: "issue", title: "ok", problem: "a\u0000", proposals: [], recommendation: "", concerns: "", meetingId: null });
    expect(sir.success).toBe(false);
  });
});
