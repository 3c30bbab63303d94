/** @module Role look-ups at a meeting's real size: one call per user at a time, refreshes within a per-meeting budget, a 429 pauses them. */
import { describe, expect, it } from "vitest";
import type { Role } from "../../../shared/src/auth/capabilities.js";
import type { MeetingRef } from "../../../shared/src/meeting/state.js";
import { CachedRoleSource, TeamsUnavailableError } from "./roles.js";

const TTL = 30_000;
const ref: MeetingRef = { tenantId: "t", meetingId: "m" };
const users = (n: number) => Array.from({ length: n }, (_, i) => `user-${i}`);

/** A clock and timers run by hand: `advance` fires every timer due, in order. */
function manualTime() {
  let now = 0;
  const timers: { at: number; run: () => void }[] = [];
  return {
    now: () => now,
    schedule: (run: () => void, ms: number) => void timers.push({ at: now + ms, run }),
    async advance(ms: number) {
      const end = now + ms;
      for (;;) {
        timers.sort((a, b) => a.at - b.at);
        const next = timers[0];
        if (!next || next.at > end) break;
        timers.shift();
        now = next.at;
        next.run();
        await Promise.resolve();
      }
      now = end;
      await new Promise((r) => setImmediate(r));
    },
  };
}

function teams(roles: (userId: string) => Role | null = (u) => (u === "user-0" ? "Organizer" : "Attendee")) {
  const calls: string[] = [];
  let answer: (userId: string) => Promise<Role | null> = async (u) => roles(u);
  return {
    calls,
    fetch: (_ref: MeetingRef, userId: string) => {
      calls.push(userId);
      return answer(userId);
    },
    set: (f: (userId: string) => Promise<Role | null>) => (answer = f),
  };
}

describe("role look-ups for a meeting of 1,000 attendees", () => {
  it("ask Teams once per user however many panels ask at the same moment", async () => {
    const time = manualTime();
    const t = teams();
    const source = new CachedRoleSource(t.fetch, TTL, time.now, { schedule: time.schedule });
    const everyone = users(1000);
    // Three panels per user open together.
    await Promise.all([...everyone, ...everyone, ...everyone].map((u) => source.roleOf(ref, u)));
    expect(t.calls.length).toBe(1000);
    expect(source.stats.calls).toBe(1000);
  });

  it("refresh at most 5 roles per second per meeting while every panel re-checks on every heartbeat", async () => {
    const time = manualTime();
    const t = teams();
    const source = new CachedRoleSource(t.fetch, TTL, time.now, { schedule: time.schedule, callsPerSecond: 5 });
    const everyone = users(1000);
    await Promise.all(everyone.map((u) => source.roleOf(ref, u)));
    t.calls.length = 0;
    // One minute of 15 s heartbeats from 1,000 streams, after the roles' time to live.
    await time.advance(TTL);
    for (let beat = 0; beat < 4; beat++) {
      const roles = await Promise.all(everyone.map((u) => source.roleOf(ref, u)));
      expect(roles[0]).toBe("Organizer");
      await time.advance(15_000);
    }
    // Without the budget: 1,000 users × 60 s / 30 s = 2,000 calls a minute.
    expect(t.calls.length).toBeLessThanOrEqual(5 * 60 + 1);
    expect(t.calls.length).toBeGreaterThan(250);
    // The organizer jumps the queue each time its role is due: its controls stay current.
    expect(t.calls.filter((u) => u === "user-0").length).toBe(2);
  });

  it("refresh the leads' roles first: a demoted presenter loses the controls before the attendees are re-checked", async () => {
    const time = manualTime();
    let presenter: Role = "Presenter";
    const t = teams((u) => (u === "user-999" ? presenter : "Attendee"));
    const source = new CachedRoleSource(t.fetch, TTL, time.now, { schedule: time.schedule, callsPerSecond: 5 });
    const everyone = users(1000);
    await Promise.all(everyone.map((u) => source.roleOf(ref, u)));
    await time.advance(TTL);
    presenter = "Attendee";
    await Promise.all(everyone.map((u) => source.roleOf(ref, u))); // queues all 1,000, the presenter last
    await time.advance(1000);
    expect(await source.roleOf(ref, "user-999")).toBe("Attendee");
  });

  it("pause a meeting's calls on 429 for Retry-After, serving the known roles meanwhile", async () => {
    const time = manualTime();
    const t = teams();
    const source = new CachedRoleSource(t.fetch, TTL, time.now, { schedule: time.schedule, callsPerSecond: 5, random: () => 0 });
    await Promise.all(users(10).map((u) => source.roleOf(ref, u)));
    await time.advance(TTL);
    t.set(async () => {
      throw new TeamsUnavailableError("slow down", 429, 10_000);
    });
    t.calls.length = 0;
    await Promise.all(users(10).map((u) => source.roleOf(ref, u)));
    await time.advance(5_000);
    expect(t.calls.length).toBe(1); // the first refresh got the 429; nothing after it for 10 s
    expect(source.stats.throttled).toBe(1);
    expect(await source.roleOf(ref, "user-3")).toBe("Attendee");
    await expect(source.roleOf(ref, "newcomer")).rejects.toMatchObject({ status: 429 });
    t.set(async () => "Attendee");
    await time.advance(10_000);
    expect(t.calls.length).toBeGreaterThan(1);
    expect(await source.roleOf(ref, "newcomer")).toBe("Attendee");
  });
});
