/** @module Small builders for priorities test data. */
import type { PriorityEntry, Person } from "./model.js";

export const KARI: Person = { userId: "u-kari", name: "Kari Nordmann" };
export const OLA: Person = { userId: "u-ola", name: "Ola Hansen" };
export const LEAD: Person = { userId: "u-lead", name: "Lise Leder" };

export function entry(over: Partial<PriorityEntry> = {}): PriorityEntry {
  return {
    tenantId: "t1",
    seriesId: "chat-1",
    week: "2026-W49",
    member: KARI,
    version: 1,
    lastWeek: [],
    nextWeek: [{ text: "Tilbud til Nordic AS", why: "Største kunde" }],
    learned: "",
    change: "",
    updatedBy: over.member ?? KARI,
    updatedAt: 1,
    ...over,
  };
}
