import { describe, expect, it } from "vitest";
import { createStopper, type StopDeps } from "./lifecycle.js";

/** A stopper whose close() the test settles, recording exits and lines. */
function harness(timeoutMs = 60_000) {
  const exits: number[] = [];
  const lines: string[] = [];
  let closes = 0;
  let settle: { resolve: () => void; reject: (err: Error) => void } | null = null;
  const deps: StopDeps = {
    close: () =>
      new Promise<void>((resolve, reject) => {
        closes++;
        settle = { resolve, reject };
      }),
    exit: (code) => exits.push(code),
    log: (line) => lines.push(line),
    error: (line) => lines.push(line),
    timeoutMs,
  };
  return { stop: createStopper(deps), exits, lines, closes: () => closes, settle: () => settle };
}

const until = async (check: () => boolean) => {
  while (!check()) await new Promise((r) => setImmediate(r));
};

describe("stopping the service", () => {
  it("closes once however many stop requests arrive, and exits 0 only after the close is done", async () => {
    const h = harness();
    h.stop("SIGINT");
    h.stop("SIGINT");
    h.stop("SIGTERM");
    expect(h.closes()).toBe(1);
    expect(h.exits).toEqual([]);
    expect(h.lines.filter((l) => l.includes("already stopping"))).toHaveLength(2);
    h.settle()?.resolve();
    await until(() => h.exits.length > 0);
    expect(h.exits).toEqual([0]);
    expect(h.lines.at(-1)).toBe("Stopped.");
  });

  it("exits 1 and says so when the close fails", async () => {
    const h = harness();
    h.stop("SIGTERM");
    h.settle()?.reject(new Error("disk gone"));
    await until(() => h.exits.length > 0);
    expect(h.exits).toEqual([1]);
    expect(h.lines.some((l) => l.includes("could not stop cleanly"))).toBe(true);
  });

  it("exits 1 with a message when the close takes longer than its bound", async () => {
    const h = harness(20);
    h.stop("SIGTERM");
    await until(() => h.exits.length > 0);
    expect(h.exits).toEqual([1]);
    expect(h.lines.some((l) => /did not stop within/.test(l))).toBe(true);
  });
});
