/** @module Abuse limits over real HTTP on real Azurite: a burst of commands from one user is cut to the user's rate (429 + Retry-After) while others carry on; one user's open streams are capped. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LIMITS } from "../bot/src/http/limits.js";
import { ATTENDEE, command, ORGANIZER, PRESENTER, startService, type ApiResult, type ErrorBody, type EventStream, type Service } from "./helpers/service.js";

let service: Service;
beforeAll(async () => {
  service = await startService();
});
afterAll(async () => {
  await service?.close();
});

describe("commands per user", () => {
  it("500 commands from one user in a burst: beyond the bucket they get 429 rateLimited with Retry-After; another user's commands in the same meeting still succeed", async () => {
    const meetingId = service.meeting();
    const [lead, other] = await Promise.all([service.tokenFor(ORGANIZER), service.tokenFor(PRESENTER)]);
    expect((await service.send(meetingId, lead, command("startMeeting"))).status).toBe(200);
    const started = performance.now();
    const burst: ApiResult[] = [];
    const others: ApiResult[] = [];
    // 10 waves of 50 at once, and one command of the other user in each wave.
    for (let wave = 0; wave < 10; wave++) {
      const [mine, theirs] = await Promise.all([
        Promise.all(Array.from({ length: 50 }, () => service.send(meetingId, lead, command("focusSirItem", { itemId: null })))),
        service.send(meetingId, other, command("focusSirItem", { itemId: null })),
      ]);
      burst.push(...mine);
      others.push(theirs);
    }
    const seconds = (performance.now() - started) / 1000;
    expect(seconds).toBeLessThan(5);
    const accepted = burst.filter((r) => r.status === 200);
    const limited = burst.filter((r) => r.status === 429);
    expect(accepted.length + limited.length).toBe(500);
    // At most the burst plus what the bucket refilled meanwhile (one more for the command that started the meeting).
    expect(accepted.length).toBeLessThanOrEqual(LIMITS.commandBurst + Math.ceil(seconds * LIMITS.commandsPerSecond) + 1);
    expect(accepted.length).toBeGreaterThanOrEqual(LIMITS.commandBurst - 1);
    for (const r of limited) {
      expect((r.body as ErrorBody).error.code).toBe("rateLimited");
      expect((r.body as ErrorBody).error.message).toMatch(/Too many changes/);
      expect(Number(r.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    }
    expect(others.map((r) => r.status)).toEqual(Array(10).fill(200));
  }, 30_000);

  it("SIR and KPI commands draw on the same bucket: once it is empty they are 429 too", async () => {
    const meetingId = service.meeting();
    const token = await service.tokenFor(ATTENDEE);
    const sir = () => service.api(`/api/meetings/${encodeURIComponent(meetingId)}/sir/commands`, { token, body: { command: { id: "bad" } } });
    const started = performance.now();
    const results = await Promise.all(Array.from({ length: LIMITS.commandBurst + 20 }, sir));
    // Refused as invalid (400) while the bucket lasts, then as too many (429): the limit comes before the body is read.
    expect(results.filter((r) => r.status === 429).length).toBeGreaterThan(0);
    // The bucket refills while these run (one every 50 ms), so a burst of KPI commands right after, not a single one: all but the refilled ones are refused.
    const kpi = await Promise.all(Array.from({ length: 20 }, () => service.api(`/api/meetings/${encodeURIComponent(meetingId)}/kpi/commands`, { token, body: { command: { id: "bad" } } })));
    // At most what the bucket refilled since the SIR burst emptied it (bounded by the time since that burst began).
    const refilled = Math.ceil(((performance.now() - started) / 1000) * LIMITS.commandsPerSecond);
    expect(kpi.filter((r) => r.status === 429).length).toBeGreaterThanOrEqual(20 - refilled);
    expect(kpi.filter((r) => r.status !== 429).length).toBeLessThanOrEqual(refilled);
  });
});

describe("commands per meeting", () => {
  // A small meeting budget, so that the test is about the limit and not about how fast this machine stores commands.
  const RATE = 5;
  const BURST = 20;
  let small: Service;
  beforeAll(async () => {
    small = await startService({ MEETING_COMMAND_RATE: String(RATE), MEETING_COMMAND_BURST: String(BURST) });
  });
  afterAll(async () => {
    await small?.close();
  });
  const leads = Array.from({ length: 15 }, (_, i) => `00000000-0000-4000-8000-0000000d${String(i).padStart(4, "0")}`);
  const outsiders = Array.from({ length: 12 }, (_, i) => `00000000-0000-4000-8000-0000000e${String(i).padStart(4, "0")}`);

  it("15 presenters sending 4 each at once: the meeting takes its burst and what refills, the rest is 429 naming the meeting; another meeting is not affected", async () => {
    const meetingId = small.meeting(Object.fromEntries(leads.map((u) => [u, "Presenter"] as const)));
    const other = small.meeting();
    const [lead, ...tokens] = await Promise.all([small.tokenFor(ORGANIZER), ...leads.map((u) => small.tokenFor(u))]);
    for (const m of [meetingId, other]) expect((await small.send(m, lead, command("startMeeting"))).status).toBe(200);
    const started = performance.now();
    const results = await Promise.all(tokens.flatMap((token) => Array.from({ length: 4 }, () => small.send(meetingId, token, command("focusSirItem", { itemId: null })))));
    const seconds = (performance.now() - started) / 1000;
    const accepted = results.filter((r) => r.status === 200).length;
    const limited = results.filter((r) => r.status === 429);
    expect(accepted + limited.length).toBe(results.length);
    // The start used one; each user's own bucket (40) is far from empty.
    expect(accepted).toBeLessThanOrEqual(BURST - 1 + Math.ceil(seconds * RATE));
    expect(accepted).toBeGreaterThanOrEqual(BURST - 2);
    expect(limited.length).toBeGreaterThan(0);
    for (const r of limited) {
      expect((r.body as ErrorBody).error.message).toMatch(/This meeting is getting more changes/);
      expect(Number(r.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    }
    expect((await small.send(other, lead, command("focusSirItem", { itemId: null }))).status).toBe(200);
  }, 30_000);

  it("people outside the meeting cannot use up its budget: their refused commands do not count", async () => {
    const meetingId = small.meeting();
    const lead = await small.tokenFor(PRESENTER);
    expect((await small.send(meetingId, lead, command("startMeeting"))).status).toBe(200);
    const tokens = await Promise.all(outsiders.map((u) => small.tokenFor(u)));
    // 12 × 10 = 120 commands, six times the meeting's burst, all from non-participants.
    const refused = await Promise.all(tokens.flatMap((token) => Array.from({ length: 10 }, () => small.send(meetingId, token, command("focusSirItem", { itemId: null })))));
    expect(refused.every((r) => r.status === 403)).toBe(true);
    const mine = await Promise.all(Array.from({ length: 10 }, () => small.send(meetingId, lead, command("focusSirItem", { itemId: null }))));
    expect(mine.map((r) => r.status)).toEqual(Array(10).fill(200));
  }, 30_000);
});

describe("streams per user", () => {
  it(`200 streams from one user: ${LIMITS.streamsPerUser} open, the rest 429 with Retry-After; another user still gets one, and closing one frees a place`, async () => {
    const meetingId = service.meeting();
    const [mine, theirs] = await Promise.all([service.tokenFor(ATTENDEE), service.tokenFor(ORGANIZER)]);
    const streams = await Promise.all(Array.from({ length: 200 }, () => service.openStream(meetingId, mine)));
    const open = streams.filter((s) => s.status === 200);
    const refused = streams.filter((s) => s.status === 429);
    expect(open).toHaveLength(LIMITS.streamsPerUser);
    expect(refused).toHaveLength(200 - LIMITS.streamsPerUser);
    for (const s of refused) {
      expect(Number(s.response.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
      expect(((await s.response.json()) as ErrorBody).error.code).toBe("tooManyStreams");
    }
    const another = await service.openStream(meetingId, theirs);
    expect(another.status).toBe(200);
    another.close();

    open[0]?.close();
    // The place is free once the service sees the connection close.
    const deadline = Date.now() + 5000;
    let next: EventStream | null = null;
    while (Date.now() < deadline) {
      const s = await service.openStream(meetingId, mine);
      if (s.status === 200) {
        next = s;
        break;
      }
      await s.response.text();
    }
    expect(next?.status).toBe(200);
    for (const s of open) s.close();
    next?.close();
  }, 30_000);
});
