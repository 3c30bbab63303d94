/** @module Carry-over: a meeting shows every open action of its series until it is done, done ones for four weeks, nothing twice. */
import { describe, expect, it } from "vitest";
import { actionsForMeeting } from "./meeting-list.js";
import { T0, action } from "./test-builders.js";

const DAY = 86_400_000;
const ids = (list: readonly { id: string }[]) => list.map((a) => a.id);

describe("the actions a meeting shows", () => {
  it("open actions from earlier meetings show in every later one until done; overdue first, then by due day, undated last", () => {
    const list = [
      action({ id: "act-later-0001", due: "2025-03-01" }),
      action({ id: "act-undated-01", due: null }),
      action({ id: "act-overdue-01", due: "2025-01-02", status: "blocked" }),
      action({ id: "act-soon-00001", due: "2025-01-08", status: "inProgress" }),
    ];
    expect(ids(actionsForMeeting(list, T0, "Europe/Oslo"))).toEqual(["act-overdue-01", "act-soon-00001", "act-later-0001", "act-undated-01"]);
    // Ten weeks later: all still there (none done), nothing copied, nothing lost.
    expect(ids(actionsForMeeting(list, T0 + 70 * DAY, "Europe/Oslo")).sort()).toEqual(ids(list).sort());
  });

  it("done actions stay for four weeks after they were done, then leave the list; deleted never show", () => {
    const done = action({ id: "act-done-00001", status: "done", doneAt: T0 });
    const gone = action({ id: "act-gone-00001", deletedAt: T0 });
    expect(ids(actionsForMeeting([done, gone], T0 + 28 * DAY, "Europe/Oslo"))).toEqual(["act-done-00001"]);
    expect(ids(actionsForMeeting([done, gone], T0 + 29 * DAY, "Europe/Oslo"))).toEqual([]);
  });

  it("the same action twice (two copies of one id) shows once, the newer version", () => {
    const list = actionsForMeeting([action({ version: 2, title: "Ny" }), action({ version: 1, title: "Gammel" })], T0, "Europe/Oslo");
    expect(list.map((a) => a.title)).toEqual(["Ny"]);
  });
});
