/** @module Clock sync picks the cleanest sample and recovers the server clock even when the local clock is far off. */
import { describe, expect, it } from "vitest";
import { bestSample, sampleClock, ServerClock, type ClockSyncDeps } from "./clock-sync.js";

/**
 * A simulated network: the local clock runs `skewMs` ahead of the server's; each request takes
 * `up` ms to reach the server and `down` ms to come back (the lists give one value per request).
 */
function simulated(skewMs: number, legs: ReadonlyArray<readonly [up: number, down: number]>): ClockSyncDeps & { serverNow: () => number } {
  let serverNow = 1_700_000_000_000;
  let request = 0;
  return {
    serverNow: () => serverNow,
    now: () => serverNow + skewMs,
    fetchServerTime: async () => {
      const leg = legs[request++];
      if (!leg) throw new Error("network down");
      const [up, down] = leg;
      serverNow += up;
      const stamp = serverNow;
      serverNow += down;
      await Promise.resolve();
      return stamp;
    },
  };
}

describe("sampleClock", () => {
  it("keeps the lowest round trip and computes offset = serverTime + rtt/2 − receive time", async () => {
    const skew = 3 * 60_000 + 17_000; // the local clock is 3 min 17 s fast
    const net = simulated(skew, [
      [400, 20], // slow and lopsided: this one would give a bad offset
      [30, 30],
      [10, 10], // the best: symmetric and short
      [200, 5],
      [50, 300],
    ]);
    const best = await sampleClock(net, 5);
    expect(best?.rttMs).toBe(20);
    expect(best?.offsetMs).toBe(-skew);
  });

  it("with a skewed local clock, the synced clock reads the server's time", async () => {
    const skew = -7 * 60_000; // the local clock is 7 minutes slow
    const net = simulated(skew, [
      [80, 80],
      [15, 15],
      [40, 40],
      [90, 10],
      [25, 25],
    ]);
    const clock = new ServerClock(net);
    await clock.sync();
    expect(clock.isSynced).toBe(true);
    expect(clock.now()).toBe(net.serverNow());
  });

  it("skips failed samples and returns null when every sample fails", async () => {
    expect(await sampleClock(simulated(0, [[5, 5]]), 5)).toEqual({ offsetMs: 0, rttMs: 10 });
    expect(await sampleClock(simulated(0, []), 5)).toBeNull();
  });
});

describe("ServerClock", () => {
  it("keeps its offset when a resync fails, and uses a seed only until the first real sync", async () => {
    const net = simulated(60_000, [
      [10, 10],
      [10, 10],
      [10, 10],
      [10, 10],
      [10, 10],
    ]);
    const clock = new ServerClock(net);
    clock.seed(net.serverNow() - 1_000); // a rough estimate that is 1 s off
    expect(clock.offset).toBe(-61_000);
    await clock.sync();
    expect(clock.offset).toBe(-60_000);
    await clock.sync(); // every request fails now
    expect(clock.offset).toBe(-60_000);
    clock.seed(0);
    expect(clock.offset).toBe(-60_000);
  });

  it("uses the first round trip as soon as it is in, refines it with better ones, and a resync changes nothing until it ends", async () => {
    const skew = 5 * 60_000;
    let release = (): void => undefined;
    let held: Promise<void> = Promise.resolve();
    let serverNow = 1_700_000_000_000;
    const legs: Array<[number, number]> = [[60, 60], [10, 10], [10, 10], [10, 10], [10, 10], [30, 30], [5, 5], [5, 5], [5, 5], [5, 5]];
    let request = 0;
    const net: ClockSyncDeps = {
      now: () => serverNow + skew,
      fetchServerTime: async () => {
        // From the second request on, each waits until the test lets it through.
        if (request > 0) await held;
        const [up, down] = legs[request++] ?? [0, 0];
        serverNow += up;
        const stamp = serverNow;
        serverNow += down;
        return stamp;
      },
    };
    const hold = (): void => {
      held = new Promise<void>((r) => (release = r));
    };
    hold();
    const clock = new ServerClock(net);
    const syncing = clock.sync();
    await clock.whenMeasured();
    // One sample of 120 ms: right to within 60 ms, before the other four.
    expect(clock.isMeasured).toBe(true);
    expect(clock.isSynced).toBe(false);
    expect(clock.offset).toBe(-skew);
    release();
    await syncing;
    expect(clock.isSynced).toBe(true);
    expect(clock.offset).toBe(-skew);

    // A resync that is under way does not move the offset sample by sample.
    hold();
    const offsetBefore = clock.offset;
    const resync = clock.sync();
    await Promise.resolve();
    expect(clock.offset).toBe(offsetBefore);
    release();
    await resync;
    expect(clock.offset).toBe(-skew);
  });

  it("whenMeasured does not wait when nothing is being measured", async () => {
    const clock = new ServerClock(simulated(0, []));
    await clock.whenMeasured();
    expect(clock.isMeasured).toBe(false);
  });

  it("bestSample of nothing is null", () => {
    expect(bestSample([])).toBeNull();
  });
});
