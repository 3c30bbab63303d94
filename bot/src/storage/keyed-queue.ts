/**
 * @module One queue per key: work for the same key (a meeting, a SIR item, a KPI board) runs one after another in
 * this instance, so concurrent requests contend only across instances (where ETags settle it). Keys with nothing
 * queued cost nothing.
 */
export class KeyedQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  /** Runs `work` after everything queued for `key` has settled (a failure before it does not stop it). */
  run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const run = previous.then(work, work);
    const settled = run.catch(() => undefined);
    this.tails.set(key, settled);
    void settled.then(() => {
      if (this.tails.get(key) === settled) this.tails.delete(key);
    });
    return run;
  }
}
