/** @module The Actions section opens by itself in the agenda's Actions section; the viewer's choice holds there until the meeting moves on. */
import { describe, expect, it } from "vitest";
import { actionsDisclosure } from "./actions-view.js";
import { meeting, startedMeeting } from "../../../shared/src/meeting/test-builders.js";

describe("the Actions section's disclosure", () => {
  it("closed before the meeting; open in the Actions section; a close there holds until the next section", () => {
    const before = meeting();
    expect(actionsDisclosure(before, null).open).toBe(false);
    const inActions = { ...startedMeeting(), currentSectionId: "actions" };
    const shown = actionsDisclosure(inActions, null);
    expect(shown.open).toBe(true);
    expect(actionsDisclosure(inActions, { open: false, context: shown.context }).open).toBe(false);
    const next = { ...inActions, currentSectionId: "priorities" };
    expect(actionsDisclosure(next, { open: false, context: shown.context }).open).toBe(false);
    expect(actionsDisclosure(next, { open: true, context: "-" }).open).toBe(true);
  });
});
