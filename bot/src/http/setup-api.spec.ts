/** @module The set-up API's channel cache: one Teams call per team and tenant a minute, failures not kept. */
import { describe, expect, it } from "vitest";
import type { MeetingRef } from "../../../shared/src/meeting/state.js";
import type { TeamChannels } from "../teams/teams-edge.js";
import { cachedChannels } from "./setup-api.js";

const ref = (tenantId = "t1"): MeetingRef => ({ tenantId, meetingId: "m1" });
const team: TeamChannels = { name: "Team", channels: [{ id: "19:a@thread.tacv2", name: "" }] };

describe("the team channel cache", () => {
  it("asks Teams once per tenant and team within a minute, then again", async () => {
    let now = 0;
    const calls: string[] = [];
    const fetch = cachedChannels(async (r, teamId) => {
      calls.push(`${r.tenantId}/${teamId}`);
      return team;
    }, () => now);
    await fetch(ref(), "19:x");
    await fetch({ tenantId: "t1", meetingId: "m2" }, "19:x");
    await fetch(ref("t2"), "19:x");
    await fetch(ref(), "19:y");
    expect(calls).toEqual(["t1/19:x", "t2/19:x", "t1/19:y"]);
    now = 60_000;
    expect(await fetch(ref(), "19:x")).toEqual(team);
    expect(calls).toHaveLength(4);
  });

  it("keeps neither a failure nor Teams' refusal: once the app is added to the team, the next look sees its channels", async () => {
    let answer: "fail" | "refuse" | "ok" = "fail";
    let calls = 0;
    const fetch = cachedChannels(async () => {
      calls += 1;
      if (answer === "fail") throw new Error("Teams down");
      return answer === "refuse" ? null : team;
    }, () => 0);
    await expect(fetch(ref(), "19:x")).rejects.toThrow("Teams down");
    answer = "refuse";
    expect(await fetch(ref(), "19:x")).toBeNull();
    answer = "ok";
    expect(await fetch(ref(), "19:x")).toEqual(team);
    expect(await fetch(ref(), "19:x")).toEqual(team);
    expect(calls).toBe(3);
  });
});
