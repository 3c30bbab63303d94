import { describe, expect, it } from "vitest";
import { PriorityCommand, type PriorityFields } from "./commands.js";
import { decidePriorities, type PriorityContext, type PriorityState } from "./decide.js";
import { PRIORITY_LIMITS } from "./model.js";
import { prefillFrom } from "./prefill.js";
import { entry, KARI, LEAD, OLA } from "./test-builders.js";
import { nextSpeaker, perPersonMs, roundOrder, speakerTimer } from "./walk.js";

const ctx: PriorityContext = { now: 5_000, tenantId: "t1", seriesId: "chat-1", week: "2026-W50", members: [KARI, OLA, LEAD] };
const empty: PriorityState = { entry: null, draft: null, round: null };
const fields: PriorityFields = { lastWeek: [], nextWeek: [{ text: "Budget", why: "Styret" }], learned: "Spør tidlig", change: "Delegere mer" };
const save = (memberId: string, f: PriorityFields = fields, extra: Record<string, unknown> = {}) => PriorityCommand.parse({ id: "cmd-12345678", type: "savePriorities", week: "2026-W50", memberId, fields: f, ...extra });
const kari = { person: KARI, isLead: false };
const lead = { person: LEAD, isLead: true };

describe("decidePriorities: who may edit", () => {
  it("a member saves their own entry", () => {
    const r = decidePriorities(empty, save(KARI.userId), kari, ctx);
    expect(r.ok && r.kind === "entry" && r.entry).toMatchObject({ member: KARI, version: 1, week: "2026-W50", nextWeek: [{ text: "Budget", why: "Styret" }] });
  });

  it("a member cannot edit another member's entry", () => {
    const r = decidePriorities(empty, save(OLA.userId), kari, ctx);
    expect(r).toMatchObject({ ok: false, error: { code: "notYours" } });
  });

  it("a lead edits a member's entry, which stays the member's", () => {
    const r = decidePriorities(empty, save(OLA.userId), lead, ctx);
    expect(r.ok && r.kind === "entry" && [r.entry.member, r.entry.updatedBy]).toEqual([OLA, LEAD]);
  });

  it("a lead cannot invent a member", () => {
    expect(decidePriorities(empty, save("u-nobody"), lead, ctx)).toMatchObject({ ok: false, error: { code: "unknownMember" } });
  });

  it("only a lead moves the walk-through on", () => {
    const cmd = PriorityCommand.parse({ id: "cmd-22345678", type: "setPrioritySpeaker", week: "2026-W50", memberId: OLA.userId });
    expect(decidePriorities(empty, cmd, kari, ctx)).toMatchObject({ ok: false, error: { code: "forbidden" } });
    const r = decidePriorities(empty, cmd, lead, ctx);
    expect(r.ok && r.kind === "round" && r.round).toMatchObject({ speakerId: OLA.userId, since: 5_000, version: 1 });
    if (!r.ok || r.kind !== "round") throw new Error("expected a round");
    expect(decidePriorities({ ...empty, round: r.round }, cmd, lead, { ...ctx, now: 9_000 })).toMatchObject({ ok: true, changed: false, round: { since: 5_000 } });
  });
});

describe("decidePriorities: weeks, versions, carry-over", () => {
  it("a form made for last week is refused once the week has turned", () => {
    expect(decidePriorities(empty, save(KARI.userId), kari, { ...ctx, week: "2026-W51" })).toMatchObject({ ok: false, error: { code: "weekChanged" } });
  });

  it("a save on a copy changed meanwhile is refused with the current entry", () => {
    const current = entry({ week: "2026-W50", version: 3 });
    const r = decidePriorities({ ...empty, entry: current }, save(KARI.userId, fields, { expectedVersion: 2 }), kari, ctx);
    expect(r).toMatchObject({ ok: false, error: { code: "stale", current: { version: 3 } } });
  });

  it("saving the same again changes nothing (a retry or a double click)", () => {
    const first = decidePriorities(empty, save(KARI.userId), kari, ctx);
    if (!first.ok || first.kind !== "entry") throw new Error("expected an entry");
    expect(decidePriorities({ ...empty, entry: first.entry }, save(KARI.userId), kari, ctx)).toMatchObject({ ok: true, changed: false, entry: { version: 1 } });
  });

  it("a carried priority keeps its count when saved", () => {
    const draft = prefillFrom(entry({ week: "2026-W49", lastWeek: [{ text: "Budget", result: "", mark: "notDone", carriedWeeks: 0 }], nextWeek: [] }), { tenantId: "t1", seriesId: "chat-1", week: "2026-W50", member: KARI });
    const r = decidePriorities({ ...empty, draft }, save(KARI.userId, { ...fields, lastWeek: [{ text: "Budget", result: "Halvveis", mark: "partly" }] }), kari, ctx);
    expect(r.ok && r.kind === "entry" && r.entry.lastWeek).toEqual([{ text: "Budget", result: "Halvveis", mark: "partly", carriedWeeks: 1 }]);
  });
});

describe("limits", () => {
  const many = (n: number) => Array.from({ length: n }, (_, i) => ({ text: `P${i}`, why: "" }));
  it("one to five priorities for next week; six or none are refused", () => {
    expect(PriorityCommand.safeParse({ id: "cmd-12345678", type: "savePriorities", week: "2026-W50", memberId: "u-kari", fields: { ...fields, nextWeek: many(1) } }).success).toBe(true);
    expect(PriorityCommand.safeParse({ id: "cmd-12345678", type: "savePriorities", week: "2026-W50", memberId: "u-kari", fields: { ...fields, nextWeek: many(5) } }).success).toBe(true);
    expect(PriorityCommand.safeParse({ id: "cmd-12345678", type: "savePriorities", week: "2026-W50", memberId: "u-kari", fields: { ...fields, nextWeek: many(6) } }).success).toBe(false);
    expect(PriorityCommand.safeParse({ id: "cmd-12345678", type: "savePriorities", week: "2026-W50", memberId: "u-kari", fields: { ...fields, nextWeek: [] } }).success).toBe(false);
  });

  it("texts are limited and trimmed; a blank priority is refused", () => {
    const long = "x".repeat(PRIORITY_LIMITS.textMax + 1);
    expect(PriorityCommand.safeParse({ id: "cmd-12345678", type: "savePriorities", week: "2026-W50", memberId: "u-kari", fields: { ...fields, nextWeek: [{ text: long, why: "" }] } }).success).toBe(false);
    expect(PriorityCommand.safeParse({ id: "cmd-12345678", type: "savePriorities", week: "2026-W50", memberId: "u-kari", fields: { ...fields, nextWeek: [{ text: "   ", why: "" }] } }).success).toBe(false);
    expect(PriorityCommand.safeParse({ id: "cmd-12345678", type: "savePriorities", week: "2026-W50", memberId: "u-kari", fields: { ...fields, learned: "y".repeat(PRIORITY_LIMITS.learnedMax + 1) } }).success).toBe(false);
    const trimmedSave = save(KARI.userId, { ...fields, nextWeek: [{ text: "  Budget  ", why: " " }] });
    expect(trimmedSave.type === "savePriorities" && trimmedSave.fields.nextWeek).toEqual([{ text: "Budget", why: "" }]);
  });

  it("a week that does not exist is refused", () => {
    expect(PriorityCommand.safeParse({ id: "cmd-12345678", type: "setPrioritySpeaker", week: "2026-W60", memberId: null }).success).toBe(false);
  });
});

describe("the walk-through", () => {
  it("goes member by member in name order, the same for everyone", () => {
    const order = roundOrder([OLA, LEAD, KARI]);
    expect(order.map((m) => m.name)).toEqual(["Kari Nordmann", "Lise Leder", "Ola Hansen"]);
    expect(nextSpeaker(order, null)).toEqual(KARI);
    expect(nextSpeaker(order, KARI.userId)).toEqual(LEAD);
    expect(nextSpeaker(order, OLA.userId)).toBeNull();
  });

  it("splits the section's time box evenly; the timer runs on the shared clock and shows the overrun", () => {
    const budget = perPersonMs(15 * 60_000, 3);
    expect(budget).toBe(5 * 60_000);
    const round = { tenantId: "t1", seriesId: "chat-1", week: "2026-W50", version: 1, speakerId: KARI.userId, since: 1_000, updatedBy: LEAD };
    expect(speakerTimer(round, budget, 61_000)).toEqual({ remainingMs: 4 * 60_000, overrun: false });
    expect(speakerTimer(round, budget, 1_000 + budget + 20_000)).toEqual({ remainingMs: -20_000, overrun: true });
    expect(speakerTimer({ ...round, speakerId: null, since: null }, budget, 0)).toBeNull();
  });
});
