/** @module Behaviour of evolve: time accounting on the sections, determinism (panel and service compute the same state), and invariants under random command sequences. */
import { describe, expect, it } from "vitest";
import type { Commit } from "../wire/protocol.js";
import { applyCommit } from "./apply.js";
import { remainingMs, sectionElapsedMs, totalUsedMs } from "./clock.js";
import type { MeetingCommand } from "./commands.js";
import { decide } from "./decide.js";
import type { MeetingEvent } from "./events.js";
import { evolve, evolveAll } from "./evolve.js";
import { LIMITS, MINUTE, SECTION_KINDS } from "./section.js";
import type { MeetingState } from "./state.js";
import { TEMPLATE_IDS } from "./templates.js";
import { T0, cmd, meeting, minutes, runCommands, sectionIds, sectionOf, startedMeeting, testClock } from "./test-builders.js";

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object") {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

describe("time accounting", () => {
  it("pausing books the running stretch onto the current section", () => {
    const clock = testClock();
    const { state } = runCommands(startedMeeting(undefined, clock), [minutes(3), cmd.pause()], clock);
    expect(sectionOf(state, "goodNews").usedMs).toBe(3 * MINUTE);
    expect(state.timer).toEqual({ running: false, startedAt: null });
  });

  it("time while paused is not counted", () => {
    const clock = testClock();
    const { state } = runCommands(startedMeeting(undefined, clock), [minutes(3), cmd.pause(), minutes(20), cmd.startTimer(), minutes(1), cmd.pause()], clock);
    expect(sectionOf(state, "goodNews").usedMs).toBe(4 * MINUTE);
  });

  it("changing section books the time onto the section that was left, and the new one starts from its own time", () => {
    const clock = testClock();
    const { state } = runCommands(startedMeeting(undefined, clock), [minutes(6), cmd.next(), minutes(2)], clock);
    expect(sectionOf(state, "goodNews").usedMs).toBe(6 * MINUTE);
    expect(sectionOf(state, "kpis").usedMs).toBe(0);
    expect(sectionElapsedMs(state, sectionOf(state, "kpis"), clock.now)).toBe(2 * MINUTE);
    expect(remainingMs(state, clock.now)).toBe(8 * MINUTE);
  });

  it("going back to a section continues its used time", () => {
    const clock = testClock();
    const { state } = runCommands(startedMeeting(undefined, clock), [minutes(3), cmd.next(), minutes(4), cmd.previous(), minutes(1)], clock);
    expect(state.currentSectionId).toBe("goodNews");
    expect(sectionElapsedMs(state, sectionOf(state, "goodNews"), clock.now)).toBe(4 * MINUTE);
    expect(remainingMs(state, clock.now)).toBe(MINUTE);
    expect(sectionOf(state, "kpis").usedMs).toBe(4 * MINUTE);
  });

  it("ending the meeting books the last stretch", () => {
    const clock = testClock();
    const { state } = runCommands(startedMeeting(undefined, clock), [minutes(5), cmd.next(), minutes(9), cmd.end()], clock);
    expect(sectionOf(state, "kpis").usedMs).toBe(9 * MINUTE);
    expect(totalUsedMs(state, clock.now + 60 * MINUTE)).toBe(14 * MINUTE);
  });

  it("changing section while paused books nothing", () => {
    const clock = testClock();
    const { state } = runCommands(startedMeeting(undefined, clock), [minutes(2), cmd.pause(), minutes(5), cmd.next(), minutes(5), cmd.next()], clock);
    expect(sectionOf(state, "goodNews").usedMs).toBe(2 * MINUTE);
    expect(sectionOf(state, "kpis").usedMs).toBe(0);
  });

  it("a clock that steps backwards never books negative time", () => {
    const running = startedMeeting();
    const paused = evolve(running, { type: "timerPaused", at: T0 - 5_000 });
    expect(sectionOf(paused, "goodNews").usedMs).toBe(0);
    const moved = evolve(running, { type: "sectionEntered", at: T0 - 5_000, sectionId: "kpis" });
    expect(sectionOf(moved, "goodNews").usedMs).toBe(0);
  });
});

describe("evolve applies each fact", () => {
  it("moves a section so that it ends up at the given index", () => {
    const base = meeting();
    expect(sectionIds(evolve(base, { type: "sectionMoved", sectionId: "kpis", toIndex: 4 }))).toEqual([
      "goodNews",
      "salesFunnel",
      "sir",
      "actions",
      "kpis",
      "priorities",
    ]);
    expect(sectionIds(evolve(base, { type: "sectionMoved", sectionId: "actions", toIndex: 0 }))).toEqual([
      "actions",
      "goodNews",
      "kpis",
      "salesFunnel",
      "sir",
      "priorities",
    ]);
  });

  it("ignores a move of a section it does not know", () => {
    const base = meeting();
    expect(evolve(base, { type: "sectionMoved", sectionId: "nope", toIndex: 0 })).toBe(base);
  });

  it("never changes the state it is given", () => {
    const base = deepFreeze(startedMeeting());
    const events: MeetingEvent[] = [
      { type: "timerExtended", sectionId: "goodNews", ms: MINUTE },
      { type: "sectionEntered", at: T0 + MINUTE, sectionId: "kpis" },
      { type: "timerPaused", at: T0 + 2 * MINUTE },
      { type: "sectionRenamed", sectionId: "sir", title: "Risks" },
      { type: "sectionMoved", sectionId: "sir", toIndex: 0 },
      { type: "sectionRemoved", sectionId: "actions" },
      { type: "timerReset", sectionId: "kpis" },
      { type: "meetingEnded", at: T0 + 3 * MINUTE },
    ];
    expect(() => evolveAll(base, events)).not.toThrow();
    expect(base).toEqual(startedMeeting());
  });
});

describe("determinism: the panel and the service compute the same state", () => {
  const steps = [
    cmd.setEnabled("salesFunnel", true),
    cmd.start(),
    minutes(4),
    cmd.extend(5),
    minutes(7),
    cmd.next(),
    cmd.rename("kpis", "Måltall"),
    minutes(12),
    cmd.pause(),
    cmd.goTo("sir"),
    cmd.startTimer(),
    minutes(25),
    cmd.remove("sir"),
    cmd.add({ title: "Hiring", index: 2 }),
    cmd.move("priorities", 0),
    minutes(3),
    cmd.end(),
  ];

  it("evolving the same events twice gives equal states", () => {
    const { commits } = runCommands(meeting(), steps);
    const events = commits.flatMap((c) => c.events);
    expect(evolveAll(meeting(), events)).toEqual(evolveAll(meeting(), events));
  });

  it("replaying the broadcast events on a fresh copy gives the service's state", () => {
    const { state, commits } = runCommands(meeting(), steps);
    const replayed = evolveAll(meeting(), commits.flatMap((c) => c.events));
    expect({ ...replayed, version: state.version }).toEqual(state);
    expect(state.version).toBe(commits.length);
  });

  it("the events survive the wire (JSON) unchanged in meaning", () => {
    const { state, commits } = runCommands(meeting(), steps);
    const overTheWire = JSON.parse(JSON.stringify(commits)) as Commit[];
    const replayed = evolveAll(meeting(), overTheWire.flatMap((c) => c.events));
    expect({ ...replayed, version: state.version }).toEqual(state);
  });
});

// ---- Random command sequences -------------------------------------------------------------

/** mulberry32: a tiny seeded PRNG, so a failing sequence can be replayed from its seed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function randomCommand(state: MeetingState, random: () => number): MeetingCommand {
  const int = (lo: number, hi: number): number => lo + Math.floor(random() * (hi - lo + 1));
  const pick = <T>(items: readonly T[]): T => {
    const item = items[int(0, items.length - 1)];
    if (item === undefined) throw new Error("pick from an empty list");
    return item;
  };
  // Mostly ids that exist, sometimes one that does not.
  const sectionId = (): string => (random() < 0.1 ? "no-such-section" : pick(sectionIds(state)));
  const roll = random();
  if (roll < 0.01) return cmd.end();
  if (roll < 0.03) return cmd.applyTemplate(pick(TEMPLATE_IDS));
  if (roll < 0.06) return cmd.start();
  const makers: Array<() => MeetingCommand> = [
    () => cmd.next(),
    () => cmd.next(),
    () => cmd.previous(),
    () => cmd.goTo(sectionId()),
    () => cmd.startTimer(),
    () => cmd.pause(),
    () => cmd.extend(pick([1, 5, 30])),
    () => cmd.reset(),
    () => cmd.add({ kind: pick(SECTION_KINDS), title: `Topic ${int(1, 999)}`, durationMs: int(1, 180) * MINUTE, index: int(0, LIMITS.maxSections) }),
    () => cmd.add({ durationMs: int(60, 600) * 1000 }),
    () => cmd.add({ index: int(0, 3) }),
    () => cmd.remove(sectionId()),
    () => cmd.remove(sectionId()),
    () => cmd.move(sectionId(), int(0, LIMITS.maxSections)),
    () => cmd.rename(sectionId(), random() < 0.3 ? null : `Name ${int(1, 5)}`),
    () => cmd.setDuration(sectionId(), int(1, 180) * MINUTE),
    () => cmd.setEnabled(sectionId(), random() < 0.5),
    () => cmd.setEnabled(sectionId(), false),
  ];
  return pick(makers)();
}

function invariantViolations(state: MeetingState): string[] {
  const problems: string[] = [];
  const ids = sectionIds(state);
  if (state.sections.length > LIMITS.maxSections) problems.push(`${state.sections.length} sections`);
  if (new Set(ids).size !== ids.length) problems.push(`duplicate section ids ${ids.join(",")}`);
  if (!state.sections.some((s) => s.enabled)) problems.push("no section switched on");
  for (const s of state.sections) {
    if (s.usedMs < 0) problems.push(`${s.id} usedMs ${s.usedMs}`);
    if (s.extraMs < 0 || s.extraMs > LIMITS.maxExtraMs) problems.push(`${s.id} extraMs ${s.extraMs}`);
    if (s.durationMs < LIMITS.minSectionMs || s.durationMs > LIMITS.maxSectionMs) problems.push(`${s.id} durationMs ${s.durationMs}`);
  }
  const current = state.sections.find((s) => s.id === state.currentSectionId);
  if (state.phase === "running" && !current?.enabled) problems.push(`running with current section ${String(state.currentSectionId)}`);
  if (state.phase === "notStarted" && state.currentSectionId !== null) problems.push("current section before start");
  if (state.timer.running !== (state.timer.startedAt !== null)) problems.push(`timer ${JSON.stringify(state.timer)}`);
  if (state.timer.running && state.phase !== "running") problems.push(`timer running while ${state.phase}`);
  if (state.phase === "ended" && state.endedAt === null) problems.push("ended without endedAt");
  return problems;
}

describe("random command sequences never produce an invalid meeting", () => {
  const SEEDS = Array.from({ length: 40 }, (_, i) => 1000 + i * 7919);
  const STEPS = 250;

  it.each(SEEDS)("seed %i", (seed) => {
    const random = prng(seed);
    let now = T0;
    let server = meeting({ template: TEMPLATE_IDS[seed % TEMPLATE_IDS.length] });
    let panel = server;
    let initial = server;
    const allEvents: MeetingEvent[] = [];

    for (let step = 0; step < STEPS; step++) {
      // Time passes: often seconds, sometimes many minutes, sometimes not at all.
      now += random() < 0.2 ? 0 : Math.floor(random() * (random() < 0.8 ? 90_000 : 20 * MINUTE));
      const command = randomCommand(server, random);
      const decision = decide(server, command, now);
      const before = server.version;
      if (decision.ok && decision.events.length > 0) {
        const version = server.version + 1;
        server = { ...evolveAll(server, decision.events), version };
        allEvents.push(...decision.events);
        const commit: Commit = { meetingId: server.meetingId, version, commandId: command.id, events: decision.events };
        const applied = applyCommit(panel, commit);
        if (applied.kind !== "applied") throw new Error(`seed ${seed} step ${step}: panel got ${applied.kind}`);
        panel = applied.state;
      }
      const context = `seed ${seed} step ${step} ${command.type}`;
      expect(server.version - before, context).toBe(decision.ok && decision.events.length > 0 ? 1 : 0);
      expect(invariantViolations(server), context).toEqual([]);
      expect(panel, context).toEqual(server);
      for (const s of server.sections) expect(sectionElapsedMs(server, s, now), context).toBeGreaterThanOrEqual(0);
      if (server.phase === "running") expect(remainingMs(server, now), context).not.toBeNull();

      // A meeting that ended is done; the next one in the series starts from a fresh agenda.
      if (server.phase === "ended" && random() < 0.5) {
        expect({ ...evolveAll(initial, allEvents), version: server.version }, context).toEqual(server);
        server = meeting({ template: TEMPLATE_IDS[step % TEMPLATE_IDS.length] });
        panel = server;
        initial = server;
        allEvents.length = 0;
      }
    }
  });
});
