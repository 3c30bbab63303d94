/**
 * @module Reads shared by the callers who asked before the read began. When many panels open a meeting at once (the
 * lead starts it and thirty attendees open the side panel, or an instance's streams resync) each would read the
 * meeting from storage and serialise its own snapshot; here they share one read per key.
 *
 * A caller never gets a read that began before it asked: a stream subscribes to the hub first and reads after, and
 * a commit stored between an earlier read and its subscription would be in neither. So a caller who arrives while
 * a read is under way waits for the next one, which begins when that one ends and serves everyone who waited.
 */

interface Pending<T> {
  readonly promise: Promise<T>;
  readonly resolve: (value: T) => void;
  readonly reject: (reason: unknown) => void;
}

interface Slot<T> {
  /** The read under way. */
  current: Promise<T>;
  /** The callers who asked since it began: served by the next read. */
  next: Pending<T> | null;
}

function pending<T>(): Pending<T> {
  let resolve: (value: T) => void = () => undefined;
  let reject: (reason: unknown) => void = () => undefined;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

export class CoalescedReads<T> {
  private readonly slots = new Map<string, Slot<T>>();

  /** `load`'s result for `key`, from a read that begins now or, if one is under way, right after it. */
  read(key: string, load: () => Promise<T>): Promise<T> {
    const slot = this.slots.get(key);
    if (!slot) return this.begin(key, load);
    slot.next ??= pending<T>();
    return slot.next.promise;
  }

  /** Keys with a read under way (for tests and health figures). */
  get size(): number {
    return this.slots.size;
  }

  private begin(key: string, load: () => Promise<T>, waiting?: Pending<T>): Promise<T> {
    const current = Promise.resolve().then(load);
    const slot: Slot<T> = { current, next: null };
    this.slots.set(key, slot);
    const done = (): void => {
      const next = slot.next;
      if (next) void this.begin(key, load, next); // Its callers hold `next`; failures reach them through it.
      else this.slots.delete(key);
    };
    current.then(
      (value) => {
        waiting?.resolve(value);
        done();
      },
      (err: unknown) => {
        waiting?.reject(err);
        done();
      },
    );
    return current;
  }
}
