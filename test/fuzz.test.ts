/**
 * @module Hostile input, fuzzed (property-based, fast-check): a seeded, deterministic set of requests against every
 * command route and the bot endpoint of the real service on real Azurite (see test/helpers/fuzz.ts for the
 * generators and the oracle). Every refused request is a 4xx with a message and changes nothing; nothing is a 5xx.
 * `npm run soak` runs the same fuzzer for ≥ 10,000 cases.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOCAL_ATTENDEES } from "../bot/src/local/roster.js";
import { sampleMeeting } from "./helpers/command-samples.js";
import { fuzz, type FuzzTarget } from "./helpers/fuzz.js";
import { ATTENDEE, ORGANIZER, startService, teamsActivity, teamsUser, type Service } from "./helpers/service.js";

const RUNS = 1_200;
let service: Service;
let target: FuzzTarget;

beforeAll(async () => {
  service = await startService({ COMMAND_RATE: "100000", COMMAND_BURST: "100000" });
  const [lead, author] = await Promise.all([service.tokenFor(ORGANIZER), service.tokenFor(ATTENDEE)]);
  const alex = LOCAL_ATTENDEES.find((a) => a.userId === ATTENDEE) ?? { userId: ATTENDEE, name: "Alex" };
  const ids = await sampleMeeting(service, lead, author, alex);
  target = { url: service.url, token: lead, ids, activity: (overrides) => teamsActivity(service, teamsUser(ORGANIZER), overrides) };
});
afterAll(async () => {
  await service?.close();
});

describe(`${RUNS} seeded hostile requests`, () => {
  it("never a 5xx; every refusal has a message and changes nothing; the service still answers afterwards", async () => {
    const report = await fuzz(target, { runs: RUNS, seed: 20261206 });
    console.log(`fuzz: ${report.cases} cases, ${report.answered4xx} × 4xx, ${report.answered2xx} × 2xx, ${report.answered5xx} × 5xx, ${report.unintendedChanges} unintended changes`);
    expect(report.problems).toEqual([]);
    expect(report.answered5xx).toBe(0);
    expect(report.unintendedChanges).toBe(0);
    expect(report.withoutMessage).toBe(0);
    // The set reaches past the schemas too: some hostile-looking requests are valid and applied.
    expect(report.answered4xx).toBeGreaterThan(RUNS / 2);
    expect(report.answered2xx).toBeGreaterThan(0);
    expect((await fetch(`${service.url}/healthz`)).status).toBe(200);
  }, 240_000);
});
