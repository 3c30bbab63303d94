/** @module Panels opening together share one read, and nobody gets a read that began before they asked. */
import { describe, expect, it } from "vitest";
import { CoalescedReads } from "./coalesce.js";

/** A store whose reads the test answers one by one; each read returns the value stored when it began. */
function slowStore() {
  let value = 0;
  const reads: Array<{ sawValue: number; answer: () => void }> = [];
  const load = (): Promise<number> =>
    new Promise((resolve) => {
      const sawValue = value;
      reads.push({ sawValue, answer: () => resolve(sawValue) });
    });
  return {
    load,
    reads,
    write: () => value++,
    answer: async (i: number) => {
      for (let tries = 0; tries < 100 && !reads[i]; tries++) await Promise.resolve();
      reads[i]?.answer();
    },
  };
}

describe("CoalescedReads", () => {
  it("callers who ask while a read is under way share the next one, which begins after it and sees what was written meanwhile", async () => {
    const store = slowStore();
    const reads = new CoalescedReads<number>();
    const first = reads.read("m1", store.load);
    for (let tries = 0; tries < 100 && store.reads.length === 0; tries++) await Promise.resolve();
    expect(store.reads).toHaveLength(1);
    // A commit is stored after the first read began: later callers must see it.
    store.write();
    const second = reads.read("m1", store.load);
    const third = reads.read("m1", store.load);
    await store.answer(0);
    expect(await first).toBe(0);
    await store.answer(1);
    expect(await second).toBe(1);
    expect(await third).toBe(1);
    expect(store.reads).toHaveLength(2);
    expect(reads.size).toBe(0);
  });

  it("keys are read apart, and a failed read fails only the callers it was for", async () => {
    const reads = new CoalescedReads<string>();
    let calls = 0;
    const failing = (): Promise<string> => (calls++ === 0 ? Promise.reject(new Error("storage down")) : Promise.resolve("back"));
    const a = reads.read("m1", failing);
    const other = reads.read("m2", () => Promise.resolve("other meeting"));
    const b = reads.read("m1", failing);
    await expect(a).rejects.toThrow("storage down");
    expect(await b).toBe("back");
    expect(await other).toBe("other meeting");
    expect(reads.size).toBe(0);
  });
});
