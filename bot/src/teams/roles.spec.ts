/** @module Role look-ups at a meeting's real size: one call per user at a time, refreshes within a per-meeting budget, a 429 pauses them. */
import { describe, expect, it } from "vitest";
import type { Role } from "../../../shared/src/auth/capabilities.js";
import type { MeetingRef } from "../../../shared/src/meeting/state.js";
import { CachedRoleSource, TeamsUnavailableError, type RoleReport, type RoleShare } from "./roles.js";

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

/** Instances told of each other's reports as the hub does through Redis: to the others only, per meeting, while subscribed. */
function sharedBetween() {
  const listeners = new Map<string, Set<{ from: number; listener: (r: RoleReport) => void }>>();
  const published: RoleReport[] = [];
  const shareOf = (instance: number): RoleShare => ({
    publish: (meeting, report) => {
      published.push(report);
      for (const l of listeners.get(meeting.meetingId) ?? []) if (l.from !== instance) l.listener(report);
    },
    subscribe: (meeting, listener) => {
      const set = listeners.get(meeting.meetingId) ?? new Set();
      listeners.set(meeting.meetingId, set);
      const entry = { from: instance, listener };
      set.add(entry);
      return () => set.delete(entry);
    },
  });
  return { shareOf, published, subscribed: (meetingId: string) => listeners.get(meetingId)?.size ?? 0 };
}

describe("role look-ups shared between instances", () => {
  it("a role one instance asked Teams for is known to every instance with a panel of the meeting, without a call of its own", async () => {
    const time = manualTime();
    const net = sharedBetween();
    const [ta, tb] = [teams(), teams()];
    const a = new CachedRoleSource(ta.fetch, TTL, time.now, { schedule: time.schedule, share: net.shareOf(1) });
    const b = new CachedRoleSource(tb.fetch, TTL, time.now, { schedule: time.schedule, share: net.shareOf(2) });
    // A panel of the meeting is open on B (someone else's): B hears the meeting's reports.
    const unwatch = b.watch(ref, "user-9", () => undefined);
    expect(await a.roleOf(ref, "user-0")).toBe("Organizer");
    expect(await a.roleOf(ref, "user-5")).toBe("Attendee");
    // The same users' next requests land on B.
    expect(await b.roleOf(ref, "user-0")).toBe("Organizer");
    expect(await b.roleOf(ref, "user-5")).toBe("Attendee");
    expect(ta.calls).toEqual(["user-0", "user-5"]);
    expect(tb.calls).toEqual([]);
    // A lead's 2 s re-check made by A counts for B too.
    await time.advance(2_500);
    expect(await a.roleOf(ref, "user-0")).toBe("Organizer");
    await time.advance(0);
    expect(await b.roleOf(ref, "user-0")).toBe("Organizer");
    await time.advance(1_000);
    expect(tb.calls).toEqual([]);
    unwatch();
    expect(net.subscribed(ref.meetingId)).toBe(0);
  });

  it("a role changed in Teams and seen by one instance reaches the panels watching it on another", async () => {
    const time = manualTime();
    const net = sharedBetween();
    let role: Role = "Presenter";
    const [ta, tb] = [teams(() => role), teams(() => role)];
    const a = new CachedRoleSource(ta.fetch, TTL, time.now, { schedule: time.schedule, share: net.shareOf(1) });
    const b = new CachedRoleSource(tb.fetch, TTL, time.now, { schedule: time.schedule, share: net.shareOf(2) });
    expect(await b.roleOf(ref, "user-1")).toBe("Presenter");
    const seen: (Role | null)[] = [];
    b.watch(ref, "user-1", (r) => seen.push(r));
    role = "Attendee";
    await time.advance(2_500);
    expect(await a.roleOf(ref, "user-1")).toBe("Attendee");
    expect(seen).toEqual(["Attendee"]);
    expect(await b.roleOf(ref, "user-1")).toBe("Attendee");
  });

  it("a 429 one instance got pauses the meeting's look-ups on the others, and they ask again after it", async () => {
    const time = manualTime();
    const net = sharedBetween();
    const [ta, tb] = [teams(), teams()];
    const a = new CachedRoleSource(ta.fetch, TTL, time.now, { schedule: time.schedule, share: net.shareOf(1), random: () => 0 });
    const b = new CachedRoleSource(tb.fetch, TTL, time.now, { schedule: time.schedule, share: net.shareOf(2), random: () => 0 });
    b.watch(ref, "user-9", () => undefined);
    ta.set(async () => {
      throw new TeamsUnavailableError("slow down", 429, 10_000);
    });
    await expect(a.roleOf(ref, "user-1")).rejects.toMatchObject({ status: 429 });
    expect(net.published).toEqual([{ pauseMs: 10_000 }]);
    await expect(b.roleOf(ref, "user-2")).rejects.toMatchObject({ status: 429 });
    expect(tb.calls).toEqual([]);
    await time.advance(10_000);
    expect(await b.roleOf(ref, "user-2")).toBe("Attendee");
    expect(tb.calls).toEqual(["user-2"]);
  });

  it("listens to a meeting's reports only while a panel of it is open on the instance", async () => {
    const time = manualTime();
    const net = sharedBetween();
    const [ta, tb] = [teams(), teams()];
    const a = new CachedRoleSource(ta.fetch, TTL, time.now, { schedule: time.schedule, share: net.shareOf(1) });
    const b = new CachedRoleSource(tb.fetch, TTL, time.now, { schedule: time.schedule, share: net.shareOf(2) });
    const stop = [b.watch(ref, "user-1", () => undefined), b.watch(ref, "user-2", () => undefined), b.watch(ref, "user-2", () => undefined)];
    expect(net.subscribed(ref.meetingId)).toBe(1);
    for (const f of stop) f();
    stop[0]?.();
    expect(net.subscribed(ref.meetingId)).toBe(0);
    // Not listening: B asks Teams itself.
    await a.roleOf(ref, "user-3");
    await b.roleOf(ref, "user-3");
    expect(tb.calls).toEqual(["user-3"]);
  });
});
