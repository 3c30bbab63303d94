/** @module The Good news section opens by itself in the agenda's Good news section; the viewer's choice holds there until the meeting moves on. */
import { describe, expect, it } from "vitest";
import { goodNewsDisclosure } from "./good-news-view.js";
import { meeting, startedMeeting } from "../../../shared/src/meeting/test-builders.js";

describe("the Good news section's disclosure", () => {
  it("closed before the meeting; open in the Good news section; a close there holds until the next section", () => {
    expect(goodNewsDisclosure(meeting(), null).open).toBe(false);
    const inSection = { ...startedMeeting(), currentSectionId: "goodNews" };
    const shown = goodNewsDisclosure(inSection, null);
    expect(shown.open).toBe(true);
    expect(goodNewsDisclosure(inSection, { open: false, context: shown.context }).open).toBe(false);
    const next = { ...inSection, currentSectionId: "kpis" };
    expect(goodNewsDisclosure(next, null).open).toBe(false);
    expect(goodNewsDisclosure(next, { open: false, context: shown.context }).open).toBe(false);
  });
});
