/**
 * @module Fan-out of stored commits to every open panel of a meeting. An interface so a Redis-backed
 * hub (several instances) can replace the in-process one without touching the domain or the API.
 */
import type { Commit } from "../../../shared/src/wire/protocol.js";

export type CommitListener = (commit: Commit) => void;

export interface Hub {
  publish(meetingKey: string, commit: Commit): void;
  subscribe(meetingKey: string, listener: CommitListener): () => void;
  /** Commits after `sinceVersion` if this instance still holds all of them; null = take a snapshot. */
  since(meetingKey: string, sinceVersion: number): readonly Commit[] | null;
  subscriberCount(): number;
  close(): Promise<void>;
}

const RECENT_PER_MEETING = 64;
const MAX_MEETINGS_REMEMBERED = 10_000;

export class InProcessHub implements Hub {
  private readonly listeners = new Map<string, Set<CommitListener>>();
  /** Recent commits per meeting, for resuming; insertion order gives a cheap LRU. */
  private readonly recent = new Map<string, Commit[]>();

  publish(meetingKey: string, commit: Commit): void {
    this.remember(meetingKey, commit);
    const set = this.listeners.get(meetingKey);
    if (!set) return;
    for (const listener of [...set]) {
      try {
        listener(commit);
      } catch (err) {
        // One broken connection must not stop the others from getting the commit.
        console.error("hub listener failed", err);
      }
    }
  }

  subscribe(meetingKey: string, listener: CommitListener): () => void {
    let set = this.listeners.get(meetingKey);
    if (!set) this.listeners.set(meetingKey, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(meetingKey);
    };
  }

  since(meetingKey: string, sinceVersion: number): readonly Commit[] | null {
    const list = this.recent.get(meetingKey);
    if (!list || list.length === 0) return null;
    const first = list[0];
    if (!first || first.version > sinceVersion + 1) return null;
    const after = list.filter((c) => c.version > sinceVersion);
    // Commits can arrive out of order from concurrent writers: hand them out only when contiguous.
    for (let i = 0; i < after.length; i++) if (after[i]?.version !== sinceVersion + 1 + i) return null;
    return after;
  }

  subscriberCount(): number {
    let n = 0;
    for (const set of this.listeners.values()) n += set.size;
    return n;
  }

  async close(): Promise<void> {
    this.listeners.clear();
    this.recent.clear();
  }

  private remember(meetingKey: string, commit: Commit): void {
    const list = this.recent.get(meetingKey) ?? [];
    this.recent.delete(meetingKey);
    let i = list.length;
    while (i > 0 && (list[i - 1]?.version ?? 0) > commit.version) i--;
    if (list[i - 1]?.version !== commit.version) list.splice(i, 0, commit);
    if (list.length > RECENT_PER_MEETING) list.splice(0, list.length - RECENT_PER_MEETING);
    this.recent.set(meetingKey, list);
    if (this.recent.size > MAX_MEETINGS_REMEMBERED) {
      const oldest = this.recent.keys().next().value;
      if (oldest !== undefined) this.recent.delete(oldest);
    }
  }
}
