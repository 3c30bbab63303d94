import { describe, expect, it } from "vitest";
import { cachedRoster, ROSTER_TTL_MS } from "./roster-cache.js";

const ref = { tenantId: "t1", meetingId: "m1" };

describe("cachedRoster", () => {
  it("asks Teams once per series within the TTL, again after it, and never caches a failure", async () => {
    let calls = 0;
    let fail = false;
    let now = 0;
    const roster = cachedRoster(
      async (_ref, seriesId) => {
        calls++;
        if (fail) throw new Error("Teams down");
        return [{ userId: `u-${seriesId}`, name: "Kari" }];
      },
      () => now,
    );
    expect(await roster(ref, "s1")).toEqual([{ userId: "u-s1", name: "Kari" }]);
    await roster(ref, "s1");
    expect(calls).toBe(1);
    await roster(ref, "s2");
    expect(calls).toBe(2);
    now = ROSTER_TTL_MS;
    fail = true;
    await expect(roster(ref, "s1")).rejects.toThrow("Teams down");
    fail = false;
    expect(await roster(ref, "s1")).toEqual([{ userId: "u-s1", name: "Kari" }]);
    expect(calls).toBe(4);
  });
});
