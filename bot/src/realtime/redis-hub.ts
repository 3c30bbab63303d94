/**
 * @module The hub shared by several service instances through Redis pub/sub (Azure Cache for Redis in
 * production). Each instance delivers its own changes to its own panels at once (through the in-process hub it
 * wraps) and publishes them on the key's channel; every other instance with panels of that key subscribes to the
 * channel and delivers what it receives the same way. Resuming (`since`) is answered from what this instance saw.
 *
 * Redis is an accelerator, never a dependency: when it is unreachable (at start or mid-run) the service keeps
 * serving its own panels, says so in its log and `/healthz`, reconnects with backoff and subscribes again. What was
 * published meanwhile is lost for this instance; its panels then see a version gap (a commit whose base is not
 * their head) and take a snapshot, and on recovery every stream here is told to check the stored version (resync).
 */
import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import type { Action } from "../../../shared/src/actions/model.js";
import type { GoodNewsItem } from "../../../shared/src/goodnews/model.js";
import type { RatingStreamEvent } from "../../../shared/src/rating/rating.js";
import type { SirItem } from "../../../shared/src/sir/item.js";
import type { KpiStreamEvent } from "../../../shared/src/wire/kpi-protocol.js";
import type { Commit } from "../../../shared/src/wire/protocol.js";
import { ROLES } from "../../../shared/src/auth/capabilities.js";
import type { RoleReport } from "../teams/roles.js";
import { InProcessHub, Topics, type RoleReportListener, type ActionListener, type CommitListener, type GoodNewsListener, type Hub, type HubStatus, type KpiListener, type OccurrenceListener, type PriorityListener, type RatingListener, type SirItemListener } from "./hub.js";
import type { PriorityStreamEvent } from "../../../shared/src/wire/priorities-protocol.js";

const PREFIX = "okr:rt:";
type Kind = "c" | "s" | "k" | "a" | "r" | "g" | "p" | "o" | "u";
const channelOf = (kind: Kind, key: string): string => `${PREFIX}${kind}:${key}`;

/** Reconnect quickly at first, then every 2 s at most (with jitter, so instances do not knock in step). */
const retryStrategy = (times: number): number => Math.min(50 * 2 ** Math.min(times, 6), 2000) + Math.floor(Math.random() * 100);

export interface RedisHubOptions {
  readonly url: string;
  /** Where warnings go (tests capture them); console by default. */
  readonly log?: Pick<Console, "warn" | "info">;
}

interface Envelope {
  /** The publishing instance: it has delivered the message to its own panels already. */
  readonly o: string;
  readonly v: unknown;
}

/** A role report as another instance sent it, or null if it is not one (then it is ignored). */
function parseRoleReport(v: unknown): RoleReport | null {
  if (typeof v !== "object" || v === null) return null;
  if ("pauseMs" in v) return typeof v.pauseMs === "number" && Number.isFinite(v.pauseMs) ? { pauseMs: v.pauseMs } : null;
  if (!("userId" in v) || !("role" in v) || typeof v.userId !== "string" || v.userId.length === 0 || v.userId.length > 256) return null;
  const role = ROLES.find((r) => r === v.role) ?? (v.role === null ? null : undefined);
  return role === undefined ? null : { userId: v.userId, role };
}

function parseEnvelope(text: string): Envelope | null {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === "object" && value !== null && "o" in value && "v" in value && typeof value.o === "string" && typeof value.v === "object" && value.v !== null) {
      return { o: value.o, v: value.v };
    }
  } catch {
    // Not ours: ignored below.
  }
  return null;
}

export class RedisHub implements Hub {
  private readonly local = new InProcessHub();
  private readonly instanceId = randomUUID();
  private readonly pub: Redis;
  private readonly sub: Redis;
  private readonly log: Pick<Console, "warn" | "info">;
  /** Local listeners per channel: a channel is subscribed while this instance has a panel for it. */
  private readonly channels = new Map<string, number>();
  private readonly resyncListeners = new Set<() => void>();
  /** Role reports are for the other instances only (see Hub.publishRoles): not kept by the in-process hub. */
  private readonly roleReports = new Topics<RoleReport>();
  private pubReady = false;
  private subReady = false;
  /** Whether the last state logged was "unavailable": transitions are logged once, not every retry. */
  private announcedDown = false;
  private lostSinceReady = false;
  private closed = false;

  constructor(options: RedisHubOptions) {
    this.log = options.log ?? console;
    const common = { retryStrategy, connectTimeout: 2000, lazyConnect: false, enableReadyCheck: true } as const;
    // Publishing while disconnected fails at once: a queued commit sent minutes later helps nobody (panels converge by snapshot).
    this.pub = new Redis(options.url, { ...common, enableOfflineQueue: false, maxRetriesPerRequest: 1, connectionName: `okr-pub-${this.instanceId}` });
    // Subscriptions are made again by hand on every (re)connect, so the resync is announced only once they hold.
    this.sub = new Redis(options.url, { ...common, enableOfflineQueue: false, autoResubscribe: false, maxRetriesPerRequest: 1, connectionName: `okr-sub-${this.instanceId}` });
    this.watch(this.pub, "publish", (ready) => (this.pubReady = ready));
    this.watch(this.sub, "subscribe", (ready) => (this.subReady = ready));
    this.sub.on("ready", () => void this.resubscribe());
    this.sub.on("message", (channel: string, text: string) => this.receive(channel, text));
  }

  status(): HubStatus {
    return this.pubReady && this.subReady ? "redis" : "redis-unavailable";
  }

  publish(meetingKey: string, commit: Commit): void {
    this.local.publish(meetingKey, commit);
    this.send(channelOf("c", meetingKey), commit);
  }

  subscribe(meetingKey: string, listener: CommitListener): () => void {
    return this.track(channelOf("c", meetingKey), this.local.subscribe(meetingKey, listener));
  }

  since(meetingKey: string, sinceVersion: number): readonly Commit[] | null {
    return this.local.since(meetingKey, sinceVersion);
  }

  publishSir(seriesKey: string, item: SirItem): void {
    this.local.publishSir(seriesKey, item);
    this.send(channelOf("s", seriesKey), item);
  }

  subscribeSir(seriesKey: string, listener: SirItemListener): () => void {
    return this.track(channelOf("s", seriesKey), this.local.subscribeSir(seriesKey, listener));
  }

  publishKpi(seriesKey: string, event: KpiStreamEvent): void {
    this.local.publishKpi(seriesKey, event);
    this.send(channelOf("k", seriesKey), event);
  }

  subscribeKpi(seriesKey: string, listener: KpiListener): () => void {
    return this.track(channelOf("k", seriesKey), this.local.subscribeKpi(seriesKey, listener));
  }

  publishAction(seriesKey: string, action: Action): void {
    this.local.publishAction(seriesKey, action);
    this.send(channelOf("a", seriesKey), action);
  }

  subscribeAction(seriesKey: string, listener: ActionListener): () => void {
    return this.track(channelOf("a", seriesKey), this.local.subscribeAction(seriesKey, listener));
  }

  publishRating(meetingKey: string, rating: RatingStreamEvent): void {
    this.local.publishRating(meetingKey, rating);
    this.send(channelOf("r", meetingKey), rating);
  }

  subscribeRating(meetingKey: string, listener: RatingListener): () => void {
    return this.track(channelOf("r", meetingKey), this.local.subscribeRating(meetingKey, listener));
  }

  publishGoodNews(meetingKey: string, item: GoodNewsItem): void {
    this.local.publishGoodNews(meetingKey, item);
    this.send(channelOf("g", meetingKey), item);
  }

  subscribeGoodNews(meetingKey: string, listener: GoodNewsListener): () => void {
    return this.track(channelOf("g", meetingKey), this.local.subscribeGoodNews(meetingKey, listener));
  }

  publishPriority(seriesKey: string, event: PriorityStreamEvent): void {
    this.local.publishPriority(seriesKey, event);
    this.send(channelOf("p", seriesKey), event);
  }

  subscribePriority(seriesKey: string, listener: PriorityListener): () => void {
    return this.track(channelOf("p", seriesKey), this.local.subscribePriority(seriesKey, listener));
  }

  publishOccurrence(teamsKey: string, n: number): void {
    this.local.publishOccurrence(teamsKey, n);
    // Wrapped: an envelope's value is an object.
    this.send(channelOf("o", teamsKey), { n });
  }

  subscribeOccurrence(teamsKey: string, listener: OccurrenceListener): () => void {
    return this.track(channelOf("o", teamsKey), this.local.subscribeOccurrence(teamsKey, listener));
  }

  publishRoles(teamsKey: string, report: RoleReport): void {
    this.send(channelOf("u", teamsKey), report);
  }

  subscribeRoles(teamsKey: string, listener: RoleReportListener): () => void {
    return this.track(channelOf("u", teamsKey), this.roleReports.on(teamsKey, listener));
  }

  subscribeResync(listener: () => void): () => void {
    this.resyncListeners.add(listener);
    return () => this.resyncListeners.delete(listener);
  }

  subscriberCount(): number {
    return this.local.subscriberCount();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.resyncListeners.clear();
    this.roleReports.clear();
    this.channels.clear();
    await this.local.close();
    this.pub.disconnect();
    this.sub.disconnect();
  }

  private watch(client: Redis, role: string, set: (ready: boolean) => void): void {
    client.on("ready", () => {
      set(true);
      if (this.status() === "redis" && this.announcedDown) {
        this.announcedDown = false;
        this.log.info(`Redis is reachable again: real-time updates are shared between instances (${this.channels.size} channels).`);
      }
    });
    const down = (reason: string) => {
      set(false);
      if (role === "subscribe") this.lostSinceReady = true;
      if (!this.announcedDown && !this.closed) {
        this.announcedDown = true;
        this.log.warn(`Redis unavailable (${role} connection: ${reason}): real-time updates reach only this instance's panels until it is back; retrying.`);
      }
    };
    client.on("error", (err: Error) => down(err.message));
    client.on("close", () => down("connection closed"));
  }

  private send(channel: string, value: unknown): void {
    if (!this.pubReady) return; // Down: already announced; this instance's own panels have the message.
    const envelope: Envelope = { o: this.instanceId, v: value };
    this.pub.publish(channel, JSON.stringify(envelope)).catch((err: unknown) => {
      // The connection dropped between the check and the send: the error handler announces the outage.
      if (!this.announcedDown) this.log.warn(`Redis publish on ${channel} failed: ${err instanceof Error ? err.message : String(err)}`);
    });
  }

  private receive(channel: string, text: string): void {
    if (!channel.startsWith(PREFIX)) return;
    const envelope = parseEnvelope(text);
    if (!envelope || envelope.o === this.instanceId) return;
    const kind = channel.slice(PREFIX.length, PREFIX.length + 1);
    const key = channel.slice(PREFIX.length + 2);
    // Producers are instances of this service sharing the same code; the shape is theirs.
    if (kind === "c") this.local.publish(key, envelope.v as Commit);
    else if (kind === "s") this.local.publishSir(key, envelope.v as SirItem);
    else if (kind === "k") this.local.publishKpi(key, envelope.v as KpiStreamEvent);
    else if (kind === "a") this.local.publishAction(key, envelope.v as Action);
    else if (kind === "r") this.local.publishRating(key, envelope.v as RatingStreamEvent);
    else if (kind === "g") this.local.publishGoodNews(key, envelope.v as GoodNewsItem);
    else if (kind === "p") this.local.publishPriority(key, envelope.v as PriorityStreamEvent);
    else if (kind === "u") {
      const report = parseRoleReport(envelope.v);
      if (report) this.roleReports.emit(key, report);
    } else if (kind === "o") {
      const n = (envelope.v as { n?: unknown }).n;
      if (typeof n === "number" && Number.isSafeInteger(n)) this.local.publishOccurrence(key, n);
    }
  }

  /** Counts local listeners per channel: subscribes on the first, unsubscribes after the last. */
  private track(channel: string, unsubscribeLocal: () => void): () => void {
    const n = this.channels.get(channel) ?? 0;
    this.channels.set(channel, n + 1);
    if (n === 0 && this.subReady) this.sub.subscribe(channel).catch(() => undefined); // Failed: the next reconnect subscribes it.
    let done = false;
    return () => {
      if (done) return;
      done = true;
      unsubscribeLocal();
      const left = (this.channels.get(channel) ?? 1) - 1;
      if (left > 0) {
        this.channels.set(channel, left);
        return;
      }
      this.channels.delete(channel);
      if (this.subReady) this.sub.unsubscribe(channel).catch(() => undefined);
    };
  }

  private async resubscribe(): Promise<void> {
    const channels = [...this.channels.keys()];
    try {
      if (channels.length > 0) await this.sub.subscribe(...channels);
    } catch (err) {
      this.log.warn(`Redis resubscribe failed (${err instanceof Error ? err.message : String(err)}); retrying on the next reconnect.`);
      this.sub.disconnect(true);
      return;
    }
    if (!this.lostSinceReady) return;
    this.lostSinceReady = false;
    // Messages published while this instance was away are gone: every stream checks the stored version again.
    for (const listener of [...this.resyncListeners]) {
      try {
        listener();
      } catch (err) {
        console.error("resync listener failed", err);
      }
    }
  }
}
