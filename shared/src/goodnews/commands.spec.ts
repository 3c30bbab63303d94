/** @module The good-news wire schema: strict objects, limited sizes, links by board id, praise as a name and a choice. */
import { describe, expect, it } from "vitest";
import { GoodNewsCommand } from "./commands.js";
import { GOOD_NEWS_LIMITS } from "./model.js";

const fields = (over: Record<string, unknown> = {}) => ({ kind: "win", text: "Rekordsalg", link: null, praise: null, ...over });
const valid = (c: unknown) => GoodNewsCommand.safeParse(c).success;
const add = (over: Record<string, unknown>) => ({ id: "cmd-00000001", type: "addGoodNews", fields: fields(over) });

describe("good-news commands on the wire", () => {
  it("accepts a complete add and refuses unknown properties", () => {
    expect(valid(add({ link: { kind: "objective", objectiveId: "obj-cmd-00000001" }, praise: { name: "Kundeservice i Bergen", share: true } }))).toBe(true);
    expect(valid({ ...add({}), extra: 1 })).toBe(false);
    expect(valid(add({ author: "x" }))).toBe(false);
    expect(valid(add({ praise: { name: "Per", share: true, channel: "x" } }))).toBe(false);
  });

  it("limits the text and the praise name, and refuses empty ones", () => {
    expect(valid(add({ text: "x".repeat(GOOD_NEWS_LIMITS.textMax) }))).toBe(true);
    expect(valid(add({ text: "x".repeat(GOOD_NEWS_LIMITS.textMax + 1) }))).toBe(false);
    expect(valid(add({ text: "   " }))).toBe(false);
    expect(valid(add({ praise: { name: "x".repeat(GOOD_NEWS_LIMITS.praiseNameMax + 1), share: false } }))).toBe(false);
    expect(valid(add({ praise: { name: " ", share: false } }))).toBe(false);
  });

  it("knows only wins and challenges, and links only by a board id of the right kind", () => {
    expect(valid(add({ kind: "challenge" }))).toBe(true);
    expect(valid(add({ kind: "praise" }))).toBe(false);
    expect(valid(add({ link: { kind: "kpi", metricId: "obj-cmd-00000001" } }))).toBe(false);
    expect(valid(add({ link: { kind: "sir", itemId: "sir-cmd-00000001" } }))).toBe(false);
    expect(valid({ id: "cmd-00000001", type: "deleteGoodNews", itemId: "act-cmd-00000001" })).toBe(false);
    expect(valid({ id: "short", type: "deleteGoodNews", itemId: "gn-cmd-00000001" })).toBe(false);
  });
});
