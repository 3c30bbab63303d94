import { describe, expect, it } from "vitest";
import { myActions } from "../actions/my-actions.js";
import { action, KARI, T0 } from "../actions/test-builders.js";
import { CARD_MAX_BYTES, cardBytes } from "./card-types.js";
import { MY_ACTIONS_CARD_MAX, MY_ACTIONS_VERBS, myActionsCard } from "./my-actions-card.js";

const rows = (n: number, title: (i: number) => string) =>
  myActions(
    Array.from({ length: n }, (_, i) => action({ id: `act-cmd-${String(i).padStart(8, "0")}`, title: title(i), due: i % 2 === 0 ? "2025-01-02" : "2025-02-01" })),
    KARI.userId,
    T0,
    () => "Europe/Oslo",
    () => "Ukemøte [salg]",
    100,
  );

describe("the My actions card", () => {
  it("stays under Teams' size limit with 100 actions of the longest titles full of markdown, showing the first 15 and how many more", () => {
    const { actions, total } = rows(100, (i) => `*_[${i}](javascript:x)_*`.padEnd(200, "*"));
    const card = myActionsCard({ locale: "nb", userId: KARI.userId, actions, total, now: T0 });
    expect(cardBytes(card)).toBeLessThan(CARD_MAX_BYTES);
    // One Action.Execute per action (its Action.Submit fallback carries the same verb in its data).
    const buttons = JSON.stringify(card).match(new RegExp(`"type":"Action.Execute","id":"done\\.act-[^"]+","title":"[^"]+","verb":"${MY_ACTIONS_VERBS.done}"`, "g")) ?? [];
    expect(buttons).toHaveLength(MY_ACTIONS_CARD_MAX);
    expect(JSON.stringify(card)).toContain("og 85 til");
    // Typed text is escaped: no link, no emphasis survives (every bracket and marker has its backslash; in JSON a
    // backslash is itself escaped, so an unescaped one would be a character other than "\\" before it).
    const json = JSON.stringify(card);
    expect(json).toContain("javascript:x");
    expect(json).not.toMatch(/(?<!\\)\]\(javascript/);
    expect(json).not.toMatch(/(?<!\\)\[\d+(?<!\\)\]/);
  });

  it("marks overdue actions in words and a container style, not by colour alone; Mark done carries only which action", () => {
    const { actions, total } = rows(2, (i) => `Tiltak ${i}`);
    const card = myActionsCard({ locale: "en", userId: KARI.userId, actions, total, now: T0 });
    const text = JSON.stringify(card);
    expect(text).toContain("⚠ 4 days overdue");
    expect(text).toContain('"style":"attention"');
    const first = actions[0]?.action;
    expect(text).toContain(JSON.stringify({ seriesId: first?.seriesId, actionId: first?.id }));
    expect(card.refresh?.userIds).toEqual([`8:orgid:${KARI.userId}`]);
  });

  it("says so when there is nothing open", () => {
    const card = myActionsCard({ locale: "sv", userId: KARI.userId, actions: [], total: 0, now: T0 });
    expect(JSON.stringify(card)).toContain("Du har inga öppna åtgärder");
  });
});
