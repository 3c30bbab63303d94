import { describe, expect, it } from "vitest";
import { itemsForMeeting, itemsToCarryOver } from "./meeting-list.js";
import { sirItem, T0 } from "./test-builders.js";

describe("which items a meeting lists", () => {
  const now = sirItem({ id: "sir-now-000001" });
  const later = sirItem({ id: "sir-later-00001", forDate: "2025-02-03", createdAt: T0 + 1 });
  const carried = sirItem({ id: "sir-carried-001", forDate: "2025-03-01", meetingsSeen: ["m-0"] });

  it("holds back an item prepared for a later meeting's day until that day, never one already on an agenda", () => {
    expect(itemsForMeeting([now, later, carried], "m-1", "2025-02-02").map((i) => i.id)).toEqual(["sir-carried-001", "sir-now-000001"]);
    expect(itemsForMeeting([now, later], "m-2", "2025-02-03").map((i) => i.id)).toEqual(["sir-now-000001", "sir-later-00001"]);
  });

  it("does not carry over an item that was never on the ending meeting's list", () => {
    expect(itemsToCarryOver([now, later], "m-1", "2025-02-02").map((i) => i.id)).toEqual(["sir-now-000001"]);
  });

  it("treats an item stored before meeting days existed as for the next meeting", () => {
    const { forDate: _drop, ...old } = sirItem({ id: "sir-old-000001" });
    expect(itemsForMeeting([old as typeof now], "m-1", "2025-02-02")).toHaveLength(1);
  });
});
