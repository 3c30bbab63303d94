/** @module The meeting's order (wins first, then challenges) and the list for the summary. */
import { describe, expect, it } from "vitest";
import { goodNewsForMeeting, goodNewsForSummary, goodNewsRecord } from "./meeting-list.js";
import { goodNews, KARI, METRIC_ID, OLA, T0 } from "./test-builders.js";

const items = [
  goodNews({ id: "gn-c1-0000000", kind: "challenge", text: "Leveransen er forsinket", createdAt: T0 }),
  goodNews({ id: "gn-w2-0000000", kind: "win", text: "Ny kunde", createdAt: T0 + 2, author: OLA, link: { kind: "kpi", metricId: METRIC_ID } }),
  goodNews({ id: "gn-w1-0000000", kind: "win", text: "Rekordsalg", createdAt: T0 + 1, praise: { name: "Lageret", share: false } }),
  goodNews({ id: "gn-gone-00000", kind: "win", text: "", createdAt: T0 - 1, deletedAt: T0 }),
  goodNews({ id: "gn-w3-0000000", kind: "win", text: "Ros til support", createdAt: T0 + 3, praise: { name: "Support i Malmö", share: true } }),
];

describe("a meeting's good news", () => {
  it("lists wins first, then challenges, each in the order they were added, without deleted ones", () => {
    expect(goodNewsForMeeting(items).map((i) => i.text)).toEqual(["Rekordsalg", "Ny kunde", "Ros til support", "Leveransen er forsinket"]);
  });

  it("gives the summary the board's names and only the praise the author chose to share", () => {
    const summary = goodNewsForSummary(items, { objectives: [], metrics: [{ id: METRIC_ID, name: "Nye kunder" }] });
    expect(summary.map((s) => [s.kind, s.text, s.by.name, s.linkTitle, s.praise?.name ?? null])).toEqual([
      ["win", "Rekordsalg", KARI.name, null, null],
      ["win", "Ny kunde", OLA.name, "Nye kunder", null],
      ["win", "Ros til support", KARI.name, null, "Support i Malmö"],
      ["challenge", "Leveransen er forsinket", KARI.name, null, null],
    ]);
    expect(goodNewsRecord(items, "Utfordring").at(-1)).toEqual({ text: "Utfordring: Leveransen er forsinket", by: KARI });
  });
});
