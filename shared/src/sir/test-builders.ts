/** @module Test data for SIR specs and card tests: the people, the clock and an item or its fields, overridable per test. */
import type { Person, SirFields, SirItem } from "./item.js";

export const T0 = Date.UTC(2025, 0, 6, 9, 0, 0);
export const KARI: Person = { userId: "a1b2c3d4-0000-4000-8000-00000000a001", name: "Kari Nordmann" };
export const LEAD: Person = { userId: "a1b2c3d4-0000-4000-8000-00000000b002", name: "Lars Leder" };

/** A complete, ready item's own fields (the three questions answered, two proposals). */
export function sirFields(overrides: Partial<SirFields> = {}): SirFields {
  return {
    kind: "issue",
    title: "Leveransene til Nordic er forsinket",
    problem: "Tre av fem leveranser kom for sent i uke 1.",
    proposals: ["Bytte transportør", "Flytte lageret nærmere kunden"],
    recommendation: "Bytte transportør fra februar.",
    concerns: "O2 KR1: leveringspresisjon",
    meetingId: null,
    forDate: null,
    ...overrides,
  };
}

/** A stored item by Kari, open, version 3, with `sirFields()` unless overridden. */
export function sirItem(overrides: Partial<SirItem> = {}): SirItem {
  return {
    id: "sir-cmd-000001",
    tenantId: "tenant-okr",
    seriesId: "19:meeting_weekly@thread.v2",
    version: 3,
    author: KARI,
    status: "open",
    decision: null,
    meetingsSeen: [],
    createdAt: T0,
    updatedAt: T0,
    ...sirFields(),
    ...overrides,
  };
}
