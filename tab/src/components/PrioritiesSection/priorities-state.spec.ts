import { describe, expect, it } from "vitest";
import { entry, KARI, LEAD, OLA } from "../../../../shared/src/priorities/test-builders.js";
import { prefillFrom } from "../../../../shared/src/priorities/prefill.js";
import type { PriorityRoundResponse } from "../../../../shared/src/wire/priorities-protocol.js";
import { applyPriorityEvent } from "./priorities-state.js";

const week = "2026-W50";
const ctx = { tenantId: "t1", seriesId: "chat-1", week };
const view = (member = KARI) => ({ member, prepared: false, entry: null, draft: prefillFrom(null, { ...ctx, member }) });
const data: PriorityRoundResponse = { seriesId: "chat-1", week, timeZone: "Europe/Oslo", members: [view(KARI), view(OLA)], mine: view(KARI), round: null };
const round = (version: number, speakerId: string | null) => ({ ...ctx, version, speakerId, since: 1, updatedBy: LEAD });

describe("the Priorities section applies the stream", () => {
  it("a saved entry shows the member prepared, in the list and as the viewer's own", () => {
    const next = applyPriorityEvent(data, { kind: "entry", entry: entry({ week, version: 2 }) });
    expect(next.members[0]).toMatchObject({ prepared: true, entry: { version: 2 } });
    expect(next.mine.entry?.version).toBe(2);
    expect(next.members[1]?.entry).toBeNull();
  });

  it("a late or repeated message never rolls back; another week's is ignored", () => {
    const at2 = applyPriorityEvent(data, { kind: "entry", entry: entry({ week, version: 2, learned: "new" }) });
    expect(applyPriorityEvent(at2, { kind: "entry", entry: entry({ week, version: 1, learned: "old" }) }).members[0]?.entry?.learned).toBe("new");
    expect(applyPriorityEvent(data, { kind: "entry", entry: entry({ week: "2026-W49" }) })).toBe(data);
    const moved = applyPriorityEvent(data, { kind: "round", round: round(2, OLA.userId) });
    expect(applyPriorityEvent(moved, { kind: "round", round: round(1, KARI.userId) }).round?.speakerId).toBe(OLA.userId);
  });
});
