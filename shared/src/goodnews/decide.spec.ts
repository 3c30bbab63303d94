/** @module Every good-news rule: who adds, who edits and deletes, links checked against the board, limits, retries. */
import { describe, expect, it } from "vitest";
import type { GoodNewsCommand, GoodNewsFields } from "./commands.js";
import { decideGoodNews } from "./decide.js";
import { GOOD_NEWS_LIMITS } from "./model.js";
import { attendee, goodNews, goodNewsContext, KARI, lead, METRIC_ID, OBJECTIVE_ID, OLA, T0 } from "./test-builders.js";

const fields: GoodNewsFields = { kind: "win", text: "Rekordsalg i november", link: null, praise: null };
const add = (over: Partial<GoodNewsFields> = {}): GoodNewsCommand => ({ id: "cmd-00000001", type: "addGoodNews", fields: { ...fields, ...over } });
const edit = (over: Partial<GoodNewsFields> = {}): GoodNewsCommand => ({ id: "cmd-00000002", type: "editGoodNews", itemId: "gn-cmd-00000001", fields: { ...fields, text: "Nytt rekord", ...over } });
const del: GoodNewsCommand = { id: "cmd-00000003", type: "deleteGoodNews", itemId: "gn-cmd-00000001" };
const codeOf = (r: ReturnType<typeof decideGoodNews>) => (r.ok ? "ok" : r.error.code);

describe("decideGoodNews", () => {
  it("adds the author's item, named after the command, and a retry finds it", () => {
    const r = decideGoodNews(null, add({ link: { kind: "kpi", metricId: METRIC_ID }, praise: { name: "Lageret i Drammen", share: true } }), attendee(), goodNewsContext());
    expect(r.ok && r.item).toMatchObject({ id: "gn-cmd-00000001", author: KARI, version: 1, kind: "win", link: { kind: "kpi", metricId: METRIC_ID }, praise: { name: "Lageret i Drammen", share: true }, createdAt: T0 });
    if (!r.ok) return;
    expect(decideGoodNews(r.item, add(), attendee(), goodNewsContext())).toEqual({ ok: true, item: r.item, changed: false });
    // Someone else's command id is not theirs to reuse.
    expect(codeOf(decideGoodNews(r.item, add(), attendee(OLA), goodNewsContext()))).toBe("forbidden");
  });

  it("refuses a link to something that is not on the team's board", () => {
    expect(codeOf(decideGoodNews(null, add({ link: { kind: "objective", objectiveId: "obj-cmd-99999999" } }), attendee(), goodNewsContext()))).toBe("unknownLink");
    expect(codeOf(decideGoodNews(null, add({ link: { kind: "kpi", metricId: OBJECTIVE_ID.replace("obj", "kpi") } }), attendee(), goodNewsContext()))).toBe("unknownLink");
    expect(codeOf(decideGoodNews(null, add({ link: { kind: "objective", objectiveId: OBJECTIVE_ID } }), attendee(), goodNewsContext()))).toBe("ok");
  });

  it("keeps a link the item already has when the objective left the board, but refuses a new unknown one", () => {
    const linked = goodNews({ link: { kind: "objective", objectiveId: "obj-cmd-archived1" } });
    const ctx = goodNewsContext();
    expect(codeOf(decideGoodNews(linked, edit({ link: { kind: "objective", objectiveId: "obj-cmd-archived1" } }), attendee(), ctx))).toBe("ok");
    expect(codeOf(decideGoodNews(linked, edit({ link: { kind: "objective", objectiveId: "obj-cmd-archived2" } }), attendee(), ctx))).toBe("unknownLink");
  });

  it("limits the items per author and per meeting", () => {
    expect(codeOf(decideGoodNews(null, add(), attendee(), goodNewsContext({ authorCount: GOOD_NEWS_LIMITS.perAuthor })))).toBe("authorFull");
    expect(codeOf(decideGoodNews(null, add(), attendee(), goodNewsContext({ authorCount: GOOD_NEWS_LIMITS.perAuthor - 1, meetingCount: GOOD_NEWS_LIMITS.perMeeting })))).toBe("meetingFull");
    expect(codeOf(decideGoodNews(null, add(), attendee(), goodNewsContext({ authorCount: 1, meetingCount: 1, limits: { perMeeting: 2 } })))).toBe("ok");
  });

  it("lets only the author or a lead edit and delete", () => {
    const item = goodNews();
    expect(codeOf(decideGoodNews(item, edit(), attendee(OLA), goodNewsContext()))).toBe("notAuthor");
    expect(codeOf(decideGoodNews(item, del, attendee(OLA), goodNewsContext()))).toBe("notAuthor");
    const byAuthor = decideGoodNews(item, edit({ kind: "challenge" }), attendee(), goodNewsContext({ now: T0 + 1000 }));
    expect(byAuthor.ok && byAuthor.item).toMatchObject({ kind: "challenge", text: "Nytt rekord", version: 2, updatedAt: T0 + 1000, author: KARI });
    const byLead = decideGoodNews(item, del, lead(), goodNewsContext({ now: T0 + 5 }));
    expect(byLead.ok && byLead.item).toMatchObject({ deletedAt: T0 + 5, text: "", praise: null, version: 2 });
  });

  it("leaves praise and its sharing to the author: a lead may stop sharing it or remove it, not start or rename it", () => {
    const kept = goodNews({ praise: { name: "Lageret", share: false } });
    expect(codeOf(decideGoodNews(kept, edit({ text: kept.text, praise: { name: "Lageret", share: true } }), lead(), goodNewsContext()))).toBe("praiseNotYours");
    expect(codeOf(decideGoodNews(kept, edit({ text: kept.text, praise: { name: "Noen andre", share: false } }), lead(), goodNewsContext()))).toBe("praiseNotYours");
    expect(codeOf(decideGoodNews(goodNews(), edit({ praise: { name: "Lageret", share: false } }), lead(), goodNewsContext()))).toBe("praiseNotYours");
    const shared = goodNews({ praise: { name: "Lageret", share: true } });
    expect(codeOf(decideGoodNews(shared, edit({ text: shared.text, praise: { name: "Lageret", share: false } }), lead(), goodNewsContext()))).toBe("ok");
    expect(codeOf(decideGoodNews(shared, edit({ text: shared.text, praise: null }), lead(), goodNewsContext()))).toBe("ok");
    expect(codeOf(decideGoodNews(kept, edit({ text: "Lead's wording", praise: kept.praise }), lead(), goodNewsContext()))).toBe("ok");
    expect(codeOf(decideGoodNews(kept, edit({ praise: { name: "Lageret", share: true } }), attendee(), goodNewsContext()))).toBe("ok");
  });

  it("answers an unchanged edit and a second delete as no change, and a deleted item changes no more", () => {
    const item = goodNews();
    expect(decideGoodNews(item, edit({ text: item.text }), attendee(), goodNewsContext())).toEqual({ ok: true, item, changed: false });
    const gone = goodNews({ deletedAt: T0, text: "" });
    expect(decideGoodNews(gone, del, attendee(), goodNewsContext())).toMatchObject({ ok: true, changed: false });
    expect(codeOf(decideGoodNews(gone, edit(), attendee(), goodNewsContext()))).toBe("deleted");
  });

  it("does not find items of another meeting or tenant", () => {
    expect(codeOf(decideGoodNews(goodNews({ meetingId: "other" }), edit(), lead(), goodNewsContext()))).toBe("notFound");
    expect(codeOf(decideGoodNews(goodNews({ tenantId: "other" }), del, lead(), goodNewsContext()))).toBe("notFound");
    expect(codeOf(decideGoodNews(null, del, lead(), goodNewsContext()))).toBe("notFound");
  });
});
