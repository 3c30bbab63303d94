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
    // The organizer's role is trusted for seconds only and jumps the queue: it is refreshed at every heartbeat.
    expect(t.calls.filter((u) => u === "user-0").length).toBe(4);
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

  it("trust a lead's role for a few seconds only: a presenter demoted in Teams is seen as such within ~2 s of a re-check", async () => {
    const time = manualTime();
    let presenter: Role = "Presenter";
    const t = teams((u) => (u === "user-1" ? presenter : "Attendee"));
    const source = new CachedRoleSource(t.fetch, TTL, time.now, { schedule: time.schedule });
    expect(await source.roleOf(ref, "user-1")).toBe("Presenter");
    expect(await source.roleOf(ref, "user-2")).toBe("Attendee");
    presenter = "Attendee";
    await time.advance(2_000);
    // The re-check still answers at once (the known role) and queues the refresh; the next one has the demotion.
    await source.roleOf(ref, "user-1");
    await time.advance(200);
    expect(await source.roleOf(ref, "user-1")).toBe("Attendee");
    // Attendees keep the full time to live: their role holds no controls.
    t.calls.length = 0;
    await source.roleOf(ref, "user-2");
    await time.advance(1_000);
    expect(t.calls).toEqual([]);
  });

  it("tell whoever watches a user's role when it changes: on a refresh that finds a new role, and on a role Teams reports", async () => {
    const time = manualTime();
    let presenter: Role = "Presenter";
    const t = teams((u) => (u === "user-1" ? presenter : "Attendee"));
    const source = new CachedRoleSource(t.fetch, TTL, time.now, { schedule: time.schedule });
    const seen: (Role | null)[] = [];
    const unwatch = source.watch(ref, "user-1", (role) => seen.push(role));
    await source.roleOf(ref, "user-1");
    expect(seen).toEqual([]); // the first answer is not a change
    presenter = "Attendee";
    await time.advance(2_000);
    await source.roleOf(ref, "user-1");
    await time.advance(200);
    expect(seen).toEqual(["Attendee"]);
    // A role reported by Teams itself (the local stand-in's switch) is taken at once, without a call, and told.
    t.calls.length = 0;
    source.update(ref, "user-1", "Organizer");
    expect(seen).toEqual(["Attendee", "Organizer"]);
    expect(await source.roleOf(ref, "user-1")).toBe("Organizer");
    expect(t.calls).toEqual([]);
    unwatch();
    source.update(ref, "user-1", "Attendee");
    expect(seen).toEqual(["Attendee", "Organizer"]);
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
