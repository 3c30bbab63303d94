/** @module When a SIR item's discussion in the meeting ends by itself: the item is settled for this meeting. */
import { describe, expect, it } from "vitest";
import type { SirCommandType } from "./commands.js";
import { endsDiscussion } from "./discussion.js";

describe("the discussion of a SIR item", () => {
  it("ends when the item is settled for this meeting: resolved, carried over, made information, withdrawn or deleted", () => {
    const settling: SirCommandType[] = ["resolveSir", "carryOverSir", "convertToInformation", "withdrawSir", "deleteSir"];
    for (const type of settling) expect(endsDiscussion(type), type).toBe(true);
  });

  it("goes on while the item is worked on: a decision recorded, its text edited", () => {
    const ongoing: SirCommandType[] = ["recordDecision", "editSir", "createSir"];
    for (const type of ongoing) expect(endsDiscussion(type), type).toBe(false);
  });
});
