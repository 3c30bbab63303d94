/** @module Behaviour of decideSir: who may prepare, edit, withdraw, decide, resolve, convert and carry over a SIR item, and what each does. */
import { describe, expect, it } from "vitest";
import { SirCommand } from "./commands.js";
import { decideSir, type SirActor, type SirContext, type SirErrorCode, type SirResult } from "./decide.js";
import { SIR_LIMITS, type Person, type SirActionDraft, type SirFields, type SirItem } from "./item.js";
import { KARI, LEAD, T0, sirFields } from "./test-builders.js";

/** Monday 6 January 2025, 09:00 UTC. */
const HOUR = 3_600_000;
const OLA: Person = { userId: "a1b2c3d4-0000-4000-8000-00000000c003", name: "Ola Deltaker" };
const author: SirActor = { person: KARI, canHandle: false };
const lead: SirActor = { person: LEAD, canHandle: true };
const attendee: SirActor = { person: OLA, canHandle: false };
const CTX: SirContext = { now: T0, tenantId: "tenant-okr", seriesId: "19:meeting_weekly@thread.v2" };
const later = (hours: number): SirContext => ({ ...CTX, now: T0 + hours * HOUR });

const fields = sirFields;

let sequence = 0;
const nextId = (): string => `cmd-${(sequence += 1).toString().padStart(6, "0")}`;

/** Commands as the wire carries them: every one goes through the schema, so tests only send what a client could. */
const cmd = {
  create: (f: SirFields = fields(), id: string = nextId()) => SirCommand.parse({ id, type: "createSir", fields: f }),
  edit: (itemId: string, f: SirFields) => SirCommand.parse({ id: nextId(), type: "editSir", itemId, fields: f }),
  withdraw: (itemId: string) => SirCommand.parse({ id: nextId(), type: "withdrawSir", itemId }),
  decide: (itemId: string, text = "Vi bytter transportør.", actions: SirActionDraft[] = [], meetingId = "meeting-week-2") =>
    SirCommand.parse({ id: nextId(), type: "recordDecision", itemId, meetingId, text, actions }),
  resolve: (itemId: string) => SirCommand.parse({ id: nextId(), type: "resolveSir", itemId }),
  convert: (itemId: string) => SirCommand.parse({ id: nextId(), type: "convertToInformation", itemId }),
  carryOver: (itemId: string, meetingId: string) => SirCommand.parse({ id: nextId(), type: "carryOverSir", itemId, meetingId }),
};

function itemOf(result: SirResult): SirItem {
  if (!result.ok) throw new Error(`expected success, got ${result.error.code}: ${result.error.message}`);
  return result.item;
}

function changed(result: SirResult): boolean {
  if (!result.ok) throw new Error(`expected success, got ${result.error.code}: ${result.error.message}`);
  return result.changed;
}

function refusal(result: SirResult): SirErrorCode {
  if (result.ok) throw new Error(`expected a refusal, got ${JSON.stringify(result.item)}`);
  return result.error.code;
}

/** An item Kari prepared at T0. */
function prepared(f: SirFields = fields()): SirItem {
  return itemOf(decideSir(null, cmd.create(f), author, CTX));
}

/** Runs commands one after another as the service would, each an hour after the last; a refusal throws. */
function after(item: SirItem, ...steps: Array<[SirCommand, SirActor]>): SirItem {
  let current = item;
  steps.forEach(([command, actor], i) => {
    current = itemOf(decideSir(current, command, actor, later(i + 1)));
  });
  return current;
}

const decided = (): SirItem => {
  const item = prepared();
  return after(item, [cmd.decide(item.id), lead]);
};

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

describe("preparing an item (createSir)", () => {
  it("any participant can prepare one: it is theirs, open, undecided and at version 1", () => {
    const command = cmd.create();
    const result = decideSir(null, command, attendee, CTX);
    expect(changed(result)).toBe(true);
    expect(itemOf(result)).toEqual({
      id: `sir-${command.id}`,
      tenantId: "tenant-okr",
      seriesId: "19:meeting_weekly@thread.v2",
      version: 1,
      author: OLA,
      status: "open",
      decision: null,
      meetingsSeen: [],
      createdAt: T0,
      updatedAt: T0,
      ...fields(),
    });
  });

  it("takes the series and tenant from the request context, never from the command", () => {
    const item = itemOf(decideSir(null, cmd.create(), author, { ...CTX, tenantId: "tenant-b", seriesId: "19:abc@thread.tacv2" }));
    expect([item.tenantId, item.seriesId]).toEqual(["tenant-b", "19:abc@thread.tacv2"]);
  });

  it("a retry of the same command finds the item it made and changes nothing", () => {
    const command = cmd.create();
    const first = itemOf(decideSir(null, command, author, CTX));
    const retry = decideSir(first, command, author, later(1));
    expect(changed(retry)).toBe(false);
    expect(itemOf(retry)).toBe(first);
  });

  it("someone else cannot reuse a command id that made another person's item", () => {
    const command = cmd.create();
    const first = itemOf(decideSir(null, command, author, CTX));
    expect(refusal(decideSir(first, command, attendee, CTX))).toBe("forbidden");
  });

  it("a draft with a single proposal may be saved", () => {
    expect(itemOf(decideSir(null, cmd.create(fields({ proposals: ["Bare ett forslag"], problem: "" })), author, CTX)).proposals).toEqual([
      "Bare ett forslag",
    ]);
  });
});

describe("editing (editSir)", () => {
  const edited = fields({ title: "Leveransene til Nordic er fortsatt forsinket", proposals: ["A", "B", "C"] });

  it("the author replaces the fields; the version goes up by one and the time is recorded", () => {
    const item = prepared();
    const result = decideSir(item, cmd.edit(item.id, edited), author, later(2));
    const next = itemOf(result);
    expect(changed(result)).toBe(true);
    expect(next).toMatchObject({ ...edited, version: 2, updatedAt: T0 + 2 * HOUR, createdAt: T0, author: KARI });
  });

  it("a lead may edit someone else's item; the author stays the author", () => {
    const item = prepared();
    const next = itemOf(decideSir(item, cmd.edit(item.id, edited), lead, later(1)));
    expect(next.title).toBe(edited.title);
    expect(next.author).toEqual(KARI);
  });

  it("another attendee may not", () => {
    const item = prepared();
    expect(refusal(decideSir(item, cmd.edit(item.id, edited), attendee, later(1)))).toBe("notAuthor");
  });

  it("saving the same fields again changes nothing and keeps the version", () => {
    const item = prepared();
    const result = decideSir(item, cmd.edit(item.id, fields()), author, later(1));
    expect(changed(result)).toBe(false);
    expect(itemOf(result)).toBe(item);
  });

  it("can move the item to a specific meeting and back to the next one", () => {
    const item = prepared();
    const moved = after(item, [cmd.edit(item.id, fields({ meetingId: "meeting-week-3" })), author]);
    expect(moved.meetingId).toBe("meeting-week-3");
    expect(after(moved, [cmd.edit(item.id, fields()), author]).meetingId).toBeNull();
  });

  it("is refused once the item is resolved or withdrawn", () => {
    const decidedItem = decided();
    const resolved = after(decidedItem, [cmd.resolve(decidedItem.id), lead]);
    expect(refusal(decideSir(resolved, cmd.edit(resolved.id, edited), lead, later(5)))).toBe("closed");
    const item = prepared();
    const withdrawn = after(item, [cmd.withdraw(item.id), author]);
    expect(refusal(decideSir(withdrawn, cmd.edit(item.id, edited), author, later(5)))).toBe("closed");
  });

  it("is still allowed on an item converted to information", () => {
    const item = prepared();
    const info = after(item, [cmd.convert(item.id), lead]);
    expect(itemOf(decideSir(info, cmd.edit(item.id, edited), author, later(5))).status).toBe("informationOnly");
  });
});

describe("withdrawing (withdrawSir)", () => {
  it("the author withdraws their own item", () => {
    const item = prepared();
    const next = after(item, [cmd.withdraw(item.id), author]);
    expect([next.status, next.version]).toEqual(["withdrawn", 2]);
  });

  it("a lead may withdraw it too, another attendee may not", () => {
    const item = prepared();
    expect(after(item, [cmd.withdraw(item.id), lead]).status).toBe("withdrawn");
    expect(refusal(decideSir(item, cmd.withdraw(item.id), attendee, CTX))).toBe("notAuthor");
  });

  it("withdrawing twice is not an error and changes nothing", () => {
    const item = prepared();
    const withdrawn = after(item, [cmd.withdraw(item.id), author]);
    const again = decideSir(withdrawn, cmd.withdraw(item.id), author, later(5));
    expect(changed(again)).toBe(false);
    expect(itemOf(again).version).toBe(withdrawn.version);
  });

  it("a resolved item stays in the archive and cannot be withdrawn", () => {
    const item = decided();
    const resolved = after(item, [cmd.resolve(item.id), lead]);
    expect(refusal(decideSir(resolved, cmd.withdraw(item.id), author, later(5)))).toBe("closed");
  });
});

describe("recording a decision (recordDecision)", () => {
  const actions: SirActionDraft[] = [
    { title: "Innhente tilbud fra to transportører", owner: KARI, due: "2025-01-17" },
    { title: "Varsle Nordic", owner: null, due: null },
  ];

  it("a lead records the decision with its actions, who decided, when, and in which meeting", () => {
    const item = prepared();
    const next = itemOf(decideSir(item, cmd.decide(item.id, "Vi bytter transportør.", actions, "meeting-week-2"), lead, later(24)));
    expect(next.decision).toEqual({ text: "Vi bytter transportør.", at: T0 + 24 * HOUR, by: LEAD, meetingId: "meeting-week-2", actions });
    expect(next.status).toBe("open");
    expect(next.version).toBe(2);
  });

  it("deciding counts the meeting in the item's age, once", () => {
    const item = prepared();
    const next = after(item, [cmd.carryOver(item.id, "meeting-week-2"), lead], [cmd.decide(item.id, "Ja.", [], "meeting-week-2"), lead]);
    expect(next.meetingsSeen).toEqual(["meeting-week-2"]);
  });

  it("the author alone cannot decide on their own item", () => {
    const item = prepared();
    expect(refusal(decideSir(item, cmd.decide(item.id), author, CTX))).toBe("forbidden");
  });

  it("a decision can be replaced by a new one", () => {
    const item = decided();
    const next = after(item, [cmd.decide(item.id, "Vi beholder transportøren ut kvartalet.", actions), lead]);
    expect(next.decision?.text).toBe("Vi beholder transportøren ut kvartalet.");
    expect(next.decision?.actions).toEqual(actions);
  });

  it("recording the same decision again changes nothing (a double click)", () => {
    const item = prepared();
    const command = cmd.decide(item.id, "Ja.", actions);
    const first = itemOf(decideSir(item, command, lead, later(1)));
    const again = decideSir(first, cmd.decide(item.id, "Ja.", actions.map((a) => ({ ...a }))), lead, later(2));
    expect(changed(again)).toBe(false);
    expect(itemOf(again).decision?.at).toBe(T0 + HOUR);
  });

  it("a changed owner or due date is a new decision", () => {
    const item = decided();
    const withOwner = decideSir(item, cmd.decide(item.id, "Vi bytter transportør.", [{ title: "Varsle Nordic", owner: OLA, due: "2025-02-03" }]), lead, later(3));
    expect(changed(withOwner)).toBe(true);
  });

  it("cannot change the decision of a resolved or withdrawn item", () => {
    const item = decided();
    const resolved = after(item, [cmd.resolve(item.id), lead]);
    expect(refusal(decideSir(resolved, cmd.decide(item.id, "Noe annet."), lead, later(5)))).toBe("closed");
    const other = prepared();
    const withdrawn = after(other, [cmd.withdraw(other.id), author]);
    expect(refusal(decideSir(withdrawn, cmd.decide(other.id), lead, later(5)))).toBe("closed");
  });
});

describe("resolving (resolveSir)", () => {
  it("a lead resolves an item that has a decision", () => {
    const item = decided();
    const next = after(item, [cmd.resolve(item.id), lead]);
    expect(next.status).toBe("resolved");
    expect(next.version).toBe(item.version + 1);
  });

  it("needs a decision first", () => {
    const item = prepared();
    expect(refusal(decideSir(item, cmd.resolve(item.id), lead, CTX))).toBe("noDecision");
  });

  it("only a lead resolves, not the author", () => {
    const item = decided();
    expect(refusal(decideSir(item, cmd.resolve(item.id), author, CTX))).toBe("forbidden");
  });

  it("resolving twice changes nothing; a withdrawn item cannot be resolved", () => {
    const item = decided();
    const resolved = after(item, [cmd.resolve(item.id), lead]);
    expect(changed(decideSir(resolved, cmd.resolve(item.id), lead, later(9)))).toBe(false);
    const withdrawn = after(item, [cmd.withdraw(item.id), author]);
    expect(refusal(decideSir(withdrawn, cmd.resolve(item.id), lead, later(9)))).toBe("closed");
  });

  it("an information item with a decision can be resolved", () => {
    const item = decided();
    expect(after(item, [cmd.convert(item.id), lead], [cmd.resolve(item.id), lead]).status).toBe("resolved");
  });
});

describe("converting to information (convertToInformation)", () => {
  it("a lead marks an item as information only", () => {
    const item = prepared();
    expect(after(item, [cmd.convert(item.id), lead]).status).toBe("informationOnly");
  });

  it("only a lead may, and doing it twice changes nothing", () => {
    const item = prepared();
    expect(refusal(decideSir(item, cmd.convert(item.id), author, CTX))).toBe("forbidden");
    const info = after(item, [cmd.convert(item.id), lead]);
    expect(changed(decideSir(info, cmd.convert(item.id), lead, later(5)))).toBe(false);
  });

  it("a closed item cannot become information", () => {
    const item = decided();
    const resolved = after(item, [cmd.resolve(item.id), lead]);
    expect(refusal(decideSir(resolved, cmd.convert(item.id), lead, later(5)))).toBe("closed");
  });
});

describe("carrying over (carryOverSir)", () => {
  it("adds the meeting to the item's age and keeps it open", () => {
    const item = prepared();
    const next = after(item, [cmd.carryOver(item.id, "meeting-week-2"), lead], [cmd.carryOver(item.id, "meeting-week-3"), lead]);
    expect(next.meetingsSeen).toEqual(["meeting-week-2", "meeting-week-3"]);
    expect(next.status).toBe("open");
    expect(next.version).toBe(3);
  });

  it("the same meeting twice counts once and changes nothing", () => {
    const fresh = prepared();
    const item = after(fresh, [cmd.carryOver(fresh.id, "meeting-week-2"), lead]);
    const again = decideSir(item, cmd.carryOver(item.id, "meeting-week-2"), lead, later(5));
    expect(changed(again)).toBe(false);
    expect(itemOf(again).meetingsSeen).toEqual(["meeting-week-2"]);
  });

  it(`remembers at most ${SIR_LIMITS.meetingsSeenMax} meetings, dropping the oldest`, () => {
    let item = prepared();
    for (let week = 1; week <= SIR_LIMITS.meetingsSeenMax + 3; week++) item = itemOf(decideSir(item, cmd.carryOver(item.id, `meeting-week-${week}`), lead, later(week)));
    expect(item.meetingsSeen).toHaveLength(SIR_LIMITS.meetingsSeenMax);
    expect(item.meetingsSeen[0]).toBe("meeting-week-4");
    expect(item.meetingsSeen.at(-1)).toBe(`meeting-week-${SIR_LIMITS.meetingsSeenMax + 3}`);
    expect(new Set(item.meetingsSeen).size).toBe(SIR_LIMITS.meetingsSeenMax);
  });

  it("only a lead carries over, and closed items do not carry over", () => {
    const item = prepared();
    expect(refusal(decideSir(item, cmd.carryOver(item.id, "meeting-week-2"), author, CTX))).toBe("forbidden");
    const withdrawn = after(item, [cmd.withdraw(item.id), author]);
    expect(refusal(decideSir(withdrawn, cmd.carryOver(item.id, "meeting-week-2"), lead, later(5)))).toBe("closed");
  });
});

describe("items that are not there", () => {
  const everyItemCommand = (itemId: string): SirCommand[] => [
    cmd.edit(itemId, fields()),
    cmd.withdraw(itemId),
    cmd.decide(itemId),
    cmd.resolve(itemId),
    cmd.convert(itemId),
    cmd.carryOver(itemId, "meeting-week-2"),
  ];

  it("every command on a missing item is notFound", () => {
    for (const command of everyItemCommand("sir-cmd-missing")) expect(refusal(decideSir(null, command, lead, CTX)), command.type).toBe("notFound");
  });

  it("an item of another series or tenant is notFound, not forbidden: it must not leak", () => {
    const item = prepared();
    for (const ctx of [{ ...CTX, seriesId: "19:other@thread.v2" }, { ...CTX, tenantId: "tenant-other" }]) {
      for (const command of everyItemCommand(item.id)) expect(refusal(decideSir(item, command, lead, ctx)), command.type).toBe("notFound");
    }
  });

  it("an item loaded under another id is notFound", () => {
    const item = prepared();
    expect(refusal(decideSir(item, cmd.withdraw("sir-cmd-someone-else"), author, CTX))).toBe("notFound");
  });
});

describe("purity and size", () => {
  it("never changes the item it is given", () => {
    const item = deepFreeze(decided());
    const snapshot = JSON.stringify(item);
    for (const command of [cmd.edit(item.id, fields({ title: "Ny" })), cmd.carryOver(item.id, "m-9"), cmd.decide(item.id, "Nei."), cmd.convert(item.id), cmd.resolve(item.id), cmd.withdraw(item.id)]) {
      decideSir(item, command, lead, later(3));
    }
    expect(JSON.stringify(item)).toBe(snapshot);
  });

  it("refuses a change that would not fit the storage row, so a write never fails half way", () => {
    // Worst case: every text at its maximum in characters that JSON doubles, and a year of the longest meeting ids.
    const quotes = (n: number) => '"'.repeat(n);
    let item = prepared(
      fields({
        title: quotes(SIR_LIMITS.titleMax),
        problem: quotes(SIR_LIMITS.problemMax),
        proposals: [quotes(SIR_LIMITS.proposalMax), quotes(SIR_LIMITS.proposalMax), quotes(SIR_LIMITS.proposalMax)],
        recommendation: quotes(SIR_LIMITS.recommendationMax),
        concerns: quotes(SIR_LIMITS.concernsMax),
      }),
    );
    const longId = (n: number) => `m${n}-`.padEnd(SIR_LIMITS.meetingIdMax, "x");
    let refused: SirResult | null = null;
    for (let week = 1; week <= SIR_LIMITS.meetingsSeenMax && refused === null; week++) {
      const result = decideSir(item, cmd.carryOver(item.id, longId(week)), lead, later(week));
      if (result.ok) item = result.item;
      else refused = result;
    }
    expect(refused && refusal(refused)).toBe("tooLarge");
    expect(JSON.stringify(item).length).toBeLessThanOrEqual(SIR_LIMITS.itemJsonMax);
  });
});

describe("deleting an item (a lead's way to remove spam or a mistake)", () => {
  const del = (itemId: string) => SirCommand.parse({ id: nextId(), type: "deleteSir", itemId });

  it("an attendee, even the author, cannot delete; a lead can, and the stored tombstone keeps no content", () => {
    const item = itemOf(decideSir(null, cmd.create(), author, CTX));
    expect(decideSir(item, del(item.id), author, CTX)).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect(decideSir(item, del(item.id), attendee, CTX)).toMatchObject({ ok: false, error: { code: "forbidden" } });
    const deleted = itemOf(decideSir(item, del(item.id), lead, later(1)));
    expect(deleted).toMatchObject({ id: item.id, status: "deleted", version: item.version + 1, title: "", problem: "", proposals: [], recommendation: "", concerns: "", decision: null, meetingsSeen: [] });
  });

  it("a deleted item cannot be edited, withdrawn, decided or carried over; deleting it again changes nothing", () => {
    const item = itemOf(decideSir(null, cmd.create(), author, CTX));
    const deleted = itemOf(decideSir(item, del(item.id), lead, CTX));
    for (const c of [cmd.edit(item.id, fields({ title: "Back" })), cmd.withdraw(item.id), cmd.decide(item.id), cmd.carryOver(item.id, "m-9"), cmd.convert(item.id)]) {
      expect(decideSir(deleted, c, lead, CTX)).toMatchObject({ ok: false, error: { code: "closed" } });
    }
    expect(changed(decideSir(deleted, del(item.id), lead, CTX))).toBe(false);
  });

  it("a withdrawn or resolved item can still be deleted", () => {
    const item = itemOf(decideSir(null, cmd.create(), author, CTX));
    const withdrawn = itemOf(decideSir(item, cmd.withdraw(item.id), author, CTX));
    expect(itemOf(decideSir(withdrawn, del(item.id), lead, CTX)).status).toBe("deleted");
  });
});
