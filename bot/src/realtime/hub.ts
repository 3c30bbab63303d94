/**
 * @module Fan-out of stored commits to every open panel of a meeting. An interface so a Redis-backed
 * hub (several instances) can replace the in-process one without touching the domain or the API.
 */
import type { Action } from "../../../shared/src/actions/model.js";
import type { RatingStreamEvent } from "../../../shared/src/rating/rating.js";
import type { GoodNewsItem } from "../../../shared/src/goodnews/model.js";
import type { SirItem } from "../../../shared/src/sir/item.js";
import type { KpiStreamEvent } from "../../../shared/src/wire/kpi-protocol.js";
import type { Commit } from "../../../shared/src/wire/protocol.js";
import type { PriorityStreamEvent } from "../../../shared/src/wire/priorities-protocol.js";
import type { RoleReport } from "../teams/roles.js";

export type CommitListener = (commit: Commit) => void;
export type SirItemListener = (item: SirItem) => void;
export type KpiListener = (event: KpiStreamEvent) => void;
export type ActionListener = (action: Action) => void;
export type RatingListener = (rating: RatingStreamEvent) => void;
export type GoodNewsListener = (item: GoodNewsItem) => void;
export type PriorityListener = (event: PriorityStreamEvent) => void;
/** The number of the occurrence a (recurring) Teams meeting has moved on to. */
export type OccurrenceListener = (n: number) => void;
export type RoleReportListener = (report: RoleReport) => void;
/** How this instance shares fan-out: alone, through Redis, or meant to through Redis but cut off from it (degraded to its own panels). */
export type HubStatus = "in-process" | "redis" | "redis-unavailable";

export interface Hub {
  publish(meetingKey: string, commit: Commit): void;
  subscribe(meetingKey: string, listener: CommitListener): () => void;
  /** Commits after `sinceVersion` if this instance still holds all of them, each made on the one before; null = take a snapshot. */
  since(meetingKey: string, sinceVersion: number): readonly Commit[] | null;
  /** SIR items are their own entities (versioned each): a change is sent whole to the series' open panels. */
  publishSir(seriesKey: string, item: SirItem): void;
  subscribeSir(seriesKey: string, listener: SirItemListener): () => void;
  /** KPI board changes go to the series' open panels the same way. */
  publishKpi(seriesKey: string, event: KpiStreamEvent): void;
  subscribeKpi(seriesKey: string, listener: KpiListener): () => void;
  /** Actions are their own versioned entities, sent whole to the series' open panels like SIR items. */
  publishAction(seriesKey: string, action: Action): void;
  subscribeAction(seriesKey: string, listener: ActionListener): () => void;
  /** A meeting's rating count and average after a stored rating, to the meeting's open panels. */
  publishRating(meetingKey: string, rating: RatingStreamEvent): void;
  subscribeRating(meetingKey: string, listener: RatingListener): () => void;
  /** Good news belongs to one meeting occurrence: a changed item is sent whole to that meeting's open panels. */
  publishGoodNews(meetingKey: string, item: GoodNewsItem): void;
  subscribeGoodNews(meetingKey: string, listener: GoodNewsListener): () => void;
  /** Priorities round changes (a saved entry, the walk moved on) go to the series' open panels the same way. */
  publishPriority(seriesKey: string, event: PriorityStreamEvent): void;
  subscribePriority(seriesKey: string, listener: PriorityListener): () => void;
  /**
   * A Teams meeting moved on to its next occurrence (shared/src/meeting/occurrence.ts): the panels following "the
   * current one" (keyed by the first occurrence's partition) reconnect to it.
   */
  publishOccurrence(teamsKey: string, n: number): void;
  subscribeOccurrence(teamsKey: string, listener: OccurrenceListener): () => void;
  /**
   * What this instance learned from Teams about a meeting's roles (teams/roles.ts), for the *other* instances: the
   * publisher has it already, so it is not delivered here. Nothing to do with one instance.
   */
  publishRoles(teamsKey: string, report: RoleReport): void;
  subscribeRoles(teamsKey: string, listener: RoleReportListener): () => void;
  /**
   * Called when this instance may have missed messages (it was cut off from the other instances and is back):
   * each stream checks the stored version again. The in-process hub never misses anything.
   */
  subscribeResync(listener: () => void): () => void;
  status(): HubStatus;
  subscriberCount(): number;
  close(): Promise<void>;
}

const RECENT_PER_MEETING = 64;
const MAX_MEETINGS_REMEMBERED = 10_000;

/** Listener sets per key, removed when empty so finished meetings cost nothing. */
export class Topics<T> {
  private readonly map = new Map<string, Set<(value: T) => void>>();

  emit(key: string, value: T): void {
    const set = this.map.get(key);
    if (!set) return;
    for (const listener of [...set]) {
      try {
        listener(value);
      } catch (err) {
        // One broken connection must not stop the others from getting the message.
        console.error("hub listener failed", err);
      }
    }
  }

  on(key: string, listener: (value: T) => void): () => void {
    let set = this.map.get(key);
    if (!set) this.map.set(key, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.map.delete(key);
    };
  }

  count(): number {
    let n = 0;
    for (const set of this.map.values()) n += set.size;
    return n;
  }

  clear(): void {
    this.map.clear();
  }
}

export class InProcessHub implements Hub {
  private readonly commits = new Topics<Commit>();
  private readonly sirItems = new Topics<SirItem>();
  private readonly kpiEvents = new Topics<KpiStreamEvent>();
  private readonly actions = new Topics<Action>();
  private readonly ratings = new Topics<RatingStreamEvent>();
  private readonly goodNews = new Topics<GoodNewsItem>();
  private readonly priorities = new Topics<PriorityStreamEvent>();
  private readonly occurrences = new Topics<number>();
  /** Recent commits per meeting, for resuming; insertion order gives a cheap LRU. */
  private readonly recent = new Map<string, Commit[]>();

  publish(meetingKey: string, commit: Commit): void {
    this.remember(meetingKey, commit);
    this.commits.emit(meetingKey, commit);
  }

  subscribe(meetingKey: string, listener: CommitListener): () => void {
    return this.commits.on(meetingKey, listener);
  }

  publishSir(seriesKey: string, item: SirItem): void {
    this.sirItems.emit(seriesKey, item);
  }

  subscribeSir(seriesKey: string, listener: SirItemListener): () => void {
    return this.sirItems.on(seriesKey, listener);
  }

  publishKpi(seriesKey: string, event: KpiStreamEvent): void {
    this.kpiEvents.emit(seriesKey, event);
  }

  subscribeKpi(seriesKey: string, listener: KpiListener): () => void {
    return this.kpiEvents.on(seriesKey, listener);
  }

  publishAction(seriesKey: string, action: Action): void {
    this.actions.emit(seriesKey, action);
  }

  subscribeAction(seriesKey: string, listener: ActionListener): () => void {
    return this.actions.on(seriesKey, listener);
  }

  publishRating(meetingKey: string, rating: RatingStreamEvent): void {
    this.ratings.emit(meetingKey, rating);
  }

  subscribeRating(meetingKey: string, listener: RatingListener): () => void {
    return this.ratings.on(meetingKey, listener);
  }

  publishGoodNews(meetingKey: string, item: GoodNewsItem): void {
    this.goodNews.emit(meetingKey, item);
  }

  subscribeGoodNews(meetingKey: string, listener: GoodNewsListener): () => void {
    return this.goodNews.on(meetingKey, listener);
  }

  publishPriority(seriesKey: string, event: PriorityStreamEvent): void {
    this.priorities.emit(seriesKey, event);
  }

  subscribePriority(seriesKey: string, listener: PriorityListener): () => void {
    return this.priorities.on(seriesKey, listener);
  }

  publishOccurrence(teamsKey: string, n: number): void {
    this.occurrences.emit(teamsKey, n);
  }

  subscribeOccurrence(teamsKey: string, listener: OccurrenceListener): () => void {
    return this.occurrences.on(teamsKey, listener);
  }

  /** One instance: its role cache is already everyone's. */
  publishRoles(): void {}

  subscribeRoles(): () => void {
    return () => undefined;
  }

  since(meetingKey: string, sinceVersion: number): readonly Commit[] | null {
    const list = this.recent.get(meetingKey);
    if (!list || list.length === 0) return null;
    const first = list[0];
    if (!first || first.version > sinceVersion + 1) return null;
    const after = list.filter((c) => c.version > sinceVersion);
    // Commits can arrive out of order from concurrent writers: hand them out only when contiguous, one history.
    for (let i = 0; i < after.length; i++) {
      const commit = after[i];
      if (commit?.version !== sinceVersion + 1 + i) return null;
      const previous = after[i - 1];
      if (previous && commit.base !== undefined && commit.base !== previous.commandId) return null;
    }
    return after;
  }

  subscribeResync(): () => void {
    return () => undefined;
  }

  status(): HubStatus {
    return "in-process";
  }

  subscriberCount(): number {
    return this.commits.count();
  }

  async close(): Promise<void> {
    this.commits.clear();
    this.sirItems.clear();
    this.kpiEvents.clear();
    this.actions.clear();
    this.ratings.clear();
    this.goodNews.clear();
    this.priorities.clear();
    this.occurrences.clear();
    this.recent.clear();
  }

  private remember(meetingKey: string, commit: Commit): void {
    const list = this.recent.get(meetingKey) ?? [];
    this.recent.delete(meetingKey);
    let i = list.length;
    while (i > 0 && (list[i - 1]?.version ?? 0) > commit.version) i--;
    // A version published again with another command means storage lost the first history: the new one wins, and
    // remembered neighbours that do not chain onto it belong to the lost one.
    if (list[i - 1]?.version === commit.version) {
      if (list[i - 1]?.commandId === commit.commandId) {
        this.touch(meetingKey, list);
        return;
      }
      list.splice(--i, 1);
    }
    list.splice(i, 0, commit);
    const next = list[i + 1];
    if (next && next.version === commit.version + 1 && next.base !== undefined && next.base !== commit.commandId) list.splice(i + 1);
    const previous = list[i - 1];
    if (previous && previous.version === commit.version - 1 && commit.base !== undefined && commit.base !== previous.commandId) {
      list.splice(0, i);
    }
    if (list.length > RECENT_PER_MEETING) list.splice(0, list.length - RECENT_PER_MEETING);
    this.touch(meetingKey, list);
  }

  private touch(meetingKey: string, list: Commit[]): void {
    this.recent.set(meetingKey, list);
    if (this.recent.size > MAX_MEETINGS_REMEMBERED) {
      const oldest = this.recent.keys().next().value;
      if (oldest !== undefined) this.recent.delete(oldest);
    }
  }
}
