/**
 * @module The panel's estimate of the server's clock (NTP-style): a few round trips to /api/time, keep the
 * one with the lowest round trip (least queueing noise), offset = serverTime + rtt/2 − local receive time.
 * Every countdown is rendered from `serverNow()`, so a panel whose computer clock is minutes off shows
 * the same remaining time as everyone else.
 */

export interface ClockSample {
  /** Add to the local clock to get the server's clock. */
  readonly offsetMs: number;
  readonly rttMs: number;
}

export interface ClockSyncDeps {
  /** One request for the server's clock (GET /api/time → serverTime). */
  readonly fetchServerTime: () => Promise<number>;
  /** The local clock (Date.now in the panel). */
  readonly now: () => number;
}

/** Measures one sample: the server read its clock somewhere inside the round trip; assume the middle. */
export async function measure(deps: ClockSyncDeps): Promise<ClockSample> {
  const sent = deps.now();
  const serverTime = await deps.fetchServerTime();
  const received = deps.now();
  const rttMs = Math.max(0, received - sent);
  return { offsetMs: serverTime + rttMs / 2 - received, rttMs };
}

export function bestSample(samples: readonly ClockSample[]): ClockSample | null {
  let best: ClockSample | null = null;
  for (const s of samples) if (!best || s.rttMs < best.rttMs) best = s;
  return best;
}

/**
 * Takes `count` samples one after another (parallel requests would queue behind each other and skew the rtt). Failed
 * samples are skipped. `onBest` hears the best sample so far after each one that arrives.
 */
export async function sampleClock(deps: ClockSyncDeps, count = 5, onBest?: (best: ClockSample) => void): Promise<ClockSample | null> {
  const samples: ClockSample[] = [];
  for (let i = 0; i < count; i++) {
    try {
      samples.push(await measure(deps));
      const best = bestSample(samples);
      if (best) onBest?.(best);
    } catch {
      // One lost sample is no reason to give up on the others.
    }
  }
  return bestSample(samples);
}

export const RESYNC_INTERVAL_MS = 5 * 60_000;

/** The server clock as the panel sees it; resynchronised at start, every five minutes and after each reconnect. */
export class ServerClock {
  private offsetMs = 0;
  private synced = false;
  private measured = false;
  private readonly measuredWaiters = new Set<() => void>();
  private interval: ReturnType<typeof setInterval> | null = null;
  private inFlight: Promise<void> | null = null;

  constructor(private readonly deps: ClockSyncDeps) {}

  /** The server's clock now, in ms since the epoch. */
  readonly now = (): number => this.deps.now() + this.offsetMs;

  get offset(): number {
    return this.offsetMs;
  }

  get isSynced(): boolean {
    return this.synced;
  }

  /** At least one round trip measured: right to within half of it (tens of ms), and refined as the others arrive. */
  get isMeasured(): boolean {
    return this.measured;
  }

  /**
   * Resolves once a first sample is in (or the sync under way has ended without one), so a first render need not
   * wait for all five round trips. Resolves at once when measured already, and never starts a measurement itself.
   */
  whenMeasured(): Promise<void> {
    if (this.measured || !this.inFlight) return Promise.resolve();
    return new Promise((resolve) => this.measuredWaiters.add(resolve));
  }

  private wakeMeasuredWaiters(): void {
    for (const resolve of this.measuredWaiters) resolve();
    this.measuredWaiters.clear();
  }

  /**
   * Measures the offset again; concurrent calls share one measurement. Keeps the old offset if every sample fails.
   * Before the first full sync, each better sample is used as it arrives; later syncs replace the offset only at the end.
   */
  sync(): Promise<void> {
    this.inFlight ??= sampleClock(this.deps, 5, (best) => {
      if (this.synced) return;
      this.offsetMs = best.offsetMs;
      this.measured = true;
      this.wakeMeasuredWaiters();
    })
      .then((best) => {
        if (best) {
          this.offsetMs = best.offsetMs;
          this.synced = true;
          this.measured = true;
        }
      })
      .finally(() => {
        this.inFlight = null;
        this.wakeMeasuredWaiters();
      });
    return this.inFlight;
  }

  /** A rough estimate from a server timestamp that arrived with some response, used only until a real sync succeeds. */
  seed(serverTime: number, receivedAt: number = this.deps.now()): void {
    if (!this.measured) this.offsetMs = serverTime - receivedAt;
  }

  /** Keeps the clock synchronised; measures now only if it has no measurement yet (the page may have started one before). */
  start(): void {
    if (!this.synced) void this.sync();
    this.interval ??= setInterval(() => void this.sync(), RESYNC_INTERVAL_MS);
  }

  stop(): void {
    if (this.interval !== null) clearInterval(this.interval);
    this.interval = null;
  }
}
