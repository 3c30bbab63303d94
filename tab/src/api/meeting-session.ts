/**
 * @module One panel's live copy of a meeting: loads the snapshot, follows the stream (commits applied
 * with the shared `applyCommit`; a gap fetches a fresh snapshot), sends commands, and keeps the server
 * clock in sync. The copy knows its head (the command that made its version): a commit is applied only on top of
 * the head it names (`base`), and a commit that shows the service on another history (another base, or another
 * command at a version the copy already has) replaces the copy with a snapshot, even an older one. Plain TypeScript with a subscribe/getState pair, so React (useSyncExternalStore) and
 * tests drive it the same way.
 */
import type { RatingStreamEvent } from "../../../shared/src/rating/rating.js";
import type { Action } from "../../../shared/src/actions/model.js";
import type { GoodNewsItem } from "../../../shared/src/goodnews/model.js";
import type { PriorityStreamEvent } from "../../../shared/src/wire/priorities-protocol.js";
import { applyCommit } from "../../../shared/src/meeting/apply.js";
import type { MeetingCommand } from "../../../shared/src/meeting/commands.js";
import type { MeetingState } from "../../../shared/src/meeting/state.js";
import { PROTOCOL_VERSION } from "../../../shared/src/wire/constants.js";
import type { KpiCommand } from "../../../shared/src/kpi/commands.js";
import type { KpiBoardResponse, KpiImportResponse } from "../../../shared/src/wire/kpi-protocol.js";
import type { SirCommand } from "../../../shared/src/sir/commands.js";
import { applyKpiChange } from "../state/kpi-view.js";
import type { SirItem } from "../../../shared/src/sir/item.js";
import type { Commit, Head, SnapshotResponse, StreamMessage, Viewer } from "../../../shared/src/wire/protocol.js";
import type { ApiClient } from "./api-client.js";
import { ApiError, toApiError } from "./api-error.js";
import { backoffDelay, sleep, STREAM_BACKOFF } from "./backoff.js";
import type { ServerClock } from "./clock-sync.js";
import { newCommandId } from "./command-id.js";
import { openMeetingStream, type MeetingStream, type MeetingStreamOptions, type StreamStatus } from "./meeting-stream.js";

/** The wire protocol this panel speaks; the session checks it against the service's `protocol` field. */
export const PANEL_PROTOCOL_VERSION = PROTOCOL_VERSION;

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** A command as the UI asks for it; the session adds the id. */
export type CommandInput = DistributiveOmit<MeetingCommand, "id">;
export type SirCommandInput = DistributiveOmit<SirCommand, "id">;
export type KpiCommandInput = DistributiveOmit<KpiCommand, "id">;

export type LoadStatus = "loading" | "ready" | "failed";

export interface SessionState {
  readonly status: LoadStatus;
  readonly meeting: MeetingState | null;
  readonly viewer: Viewer | null;
  readonly connection: StreamStatus;
  /** The latest problem to show the user; null when all is well. */
  readonly error: ApiError | null;
  /** The SIR items on this meeting's list; null until loaded (or when the series can't be found). */
  readonly sirItems: readonly SirItem[] | null;
  /** The series' KPI board (definitions, recent weeks, people); null until loaded. */
  readonly kpi: KpiBoardResponse | null;
  /**
   * How many times the (recurring) meeting moved on to its next occurrence while this panel was open: the service
   * then sends the next one's snapshot (another `meetingId`), and what the panel loaded of the last one is loaded anew.
   */
  readonly moves: number;
}

export interface SessionDeps {
  readonly meetingId: string;
  readonly api: ApiClient;
  readonly clock: ServerClock;
  readonly openStream?: (options: MeetingStreamOptions) => MeetingStream;
  readonly newId?: () => string;
  /** How long to wait for the stream to bring a command's commit before fetching a snapshot instead. */
  readonly catchUpMs?: number;
  /** How long the first render may wait for the clock sync (the countdown is wrong without it). */
  readonly clockWaitMs?: number;
  /**
   * The snapshot the page asked for before this session existed (tab/src/main.tsx starts it while the panel's modules
   * load): the first load uses it instead of asking again; a failure is the first load's failure. Used once.
   */
  readonly firstSnapshot?: Promise<SnapshotResponse>;
}

/** Versions whose command the copy remembers, to notice a commit from another history for a version it has. */
const HEADS_REMEMBERED = 64;

const INITIAL: SessionState = { status: "loading", meeting: null, viewer: null, connection: "connecting", error: null, sirItems: null, kpi: null, moves: 0 };

export class MeetingSession {
  private state: SessionState = INITIAL;
  private readonly listeners = new Set<() => void>();
  /** The Actions section's listeners (a lazy chunk keeps its own list; the session only forwards the stream's changes). */
  private readonly actionListeners = new Set<(action: Action) => void>();
  private readonly ratingListeners = new Set<(rating: RatingStreamEvent) => void>();
  private readonly goodNewsListeners = new Set<(item: GoodNewsItem) => void>();
  /** The Priorities section's listeners (its lazy chunk keeps the round; the session only forwards the stream's changes). */
  private readonly priorityListeners = new Set<(event: PriorityStreamEvent) => void>();
  private lifetime: AbortController | null = null;
  private stream: MeetingStream | null = null;
  private refreshing: Promise<void> | null = null;
  /** Commits that arrived while a snapshot was on its way; applied on top of it. */
  private buffered: Commit[] = [];
  /** The command that made `state.meeting`'s version (null at version 0); changes only with the meeting. */
  private head: Head = null;
  /** Recent versions of this copy's history and the command that made each. */
  private readonly heads = new Map<number, string>();
  /** The service is on another history than this copy: the next snapshot replaces it whatever its version. */
  private diverged = false;
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();

  /** The page's early snapshot request until the first load takes it (`SessionDeps.firstSnapshot`). */
  private firstSnapshot: Promise<SnapshotResponse> | undefined;

  constructor(private readonly deps: SessionDeps) {
    this.firstSnapshot = deps.firstSnapshot;
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getState = (): SessionState => this.state;

  readonly serverNow = (): number => this.deps.clock.now();

  /** Starts (or restarts after stop) loading and following the meeting. */
  start(): void {
    if (this.lifetime) return;
    const lifetime = new AbortController();
    this.lifetime = lifetime;
    this.set({ status: this.state.meeting ? "ready" : "loading", connection: "connecting" });
    this.deps.clock.start();
    void this.load(lifetime.signal);
  }

  stop(): void {
    this.lifetime?.abort();
    this.lifetime = null;
    this.stream?.close();
    this.stream = null;
    this.refreshing = null;
    this.buffered = [];
    this.diverged = false;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.deps.clock.stop();
  }

  readonly retry = (): void => {
    this.stop();
    this.set({ error: null });
    this.start();
  };

  readonly dismissError = (): void => this.set({ error: null });

  /** Sends one command (with a fresh id; retries inside keep that id). Resolves true when the service accepted it. */
  readonly send = async (input: CommandInput): Promise<boolean> => {
    const signal = this.lifetime?.signal;
    // The spread keeps the discriminant; TS cannot see through the distributive omit, hence the assertion.
    const command = { ...input, id: (this.deps.newId ?? newCommandId)() } as MeetingCommand;
    try {
      const res = await this.deps.api.sendCommand(this.deps.meetingId, command, signal);
      this.set({ error: null });
      this.catchUp(res.version);
      return true;
    } catch (err) {
      if (signal?.aborted) return false;
      const error = toApiError(err);
      this.set({ error });
      // 409: our copy may be behind what the service decided on; 403: our role may have changed. Either way, look again.
      if (error.kind === "http" && (error.status === 409 || error.status === 403)) void this.refresh();
      return false;
    }
  };

  /**
   * Sends one SIR command (fresh id, retried with the same id); the answer updates the list at once. A refusal is
   * returned rather than put in the panel's error bar: the form shows it beside the button that was pressed.
   */
  readonly sendSir = async (input: SirCommandInput): Promise<ApiError | null> => {
    const signal = this.lifetime?.signal;
    const command = { ...input, id: (this.deps.newId ?? newCommandId)() } as SirCommand;
    try {
      const res = await this.deps.api.sendSirCommand(this.deps.meetingId, command, signal);
      this.upsertSir(res.item);
      return null;
    } catch (err) {
      const error = toApiError(err);
      // 409 (closed, stale, …): our copy of the item may be behind; read the list again.
      if (!signal?.aborted && error.kind === "http" && error.status === 409) void this.loadSir();
      return error;
    }
  };

  /**
   * Sends one KPI command; the answer updates the board at once (the stream brings it to the other panels). A refusal
   * is returned for the form to show beside its button.
   */
  readonly sendKpi = async (input: KpiCommandInput): Promise<ApiError | null> => {
    const signal = this.lifetime?.signal;
    const command = { ...input, id: (this.deps.newId ?? newCommandId)() } as KpiCommand;
    try {
      const res = await this.deps.api.sendKpiCommand(this.deps.meetingId, command, signal);
      const board = this.state.kpi;
      if (board) this.set({ kpi: applyKpiChange(board, res.change) });
      return null;
    } catch (err) {
      const error = toApiError(err);
      if (!signal?.aborted && error.kind === "http" && error.status === 409) void this.loadKpi();
      return error;
    }
  };

  /** Reads the KPI board again (after an import, a reconnect, or when a panel asks). */
  readonly reloadKpi = (): Promise<void> => this.loadKpi();

  readonly exportKpiCsv = (): Promise<string> => this.deps.api.exportKpiCsv(this.deps.meetingId);

  /** A dry run only reports; a real import is followed by reading the board again (the stream also says so). */
  readonly importKpiCsv = async (csv: string, dryRun: boolean): Promise<KpiImportResponse> => {
    const res = await this.deps.api.importKpiCsv(this.deps.meetingId, csv, dryRun);
    if (!dryRun) await this.loadKpi();
    return res;
  };

  readonly requestKpiUpdate = () => this.deps.api.requestKpiUpdate(this.deps.meetingId);

  private async loadKpi(): Promise<void> {
    const signal = this.lifetime?.signal;
    try {
      const res = await this.deps.api.getKpiBoard(this.deps.meetingId, signal);
      if (!signal?.aborted) this.set({ kpi: res });
    } catch {
      // The agenda works without the board; the next reconnect tries again.
    }
  }

  /** A request on this meeting's API path with the panel's token (the summary section's preview and downloads). */
  /** Calls `listener` with every action of the series changed on the stream; returns the unsubscribe. */
  readonly onAction = (listener: (action: Action) => void): (() => void) => {
    this.actionListeners.add(listener);
    return () => this.actionListeners.delete(listener);
  };

  /** Calls `listener` with the meeting's rating count and average each time someone rates; returns the unsubscribe. */
  readonly onRating = (listener: (rating: RatingStreamEvent) => void): (() => void) => {
    this.ratingListeners.add(listener);
    return () => this.ratingListeners.delete(listener);
  };

  /** A request on another meeting's API path (`/api/meetings/…`, e.g. a past occurrence's record from the history) with the panel's token. */
  readonly apiFetch = (path: string, init?: RequestInit): Promise<Response> => {
    if (!path.startsWith("/api/meetings/")) return Promise.reject(new Error(`not a meeting path: ${path}`));
    return this.deps.api.authorizedFetch(path, init);
  };

  /** Calls `listener` with every good-news item of this meeting changed on the stream; returns the unsubscribe. */
  readonly onGoodNews = (listener: (item: GoodNewsItem) => void): (() => void) => {
    this.goodNewsListeners.add(listener);
    return () => this.goodNewsListeners.delete(listener);
  };

  /** Calls `listener` with every change of the series' priorities round on the stream; returns the unsubscribe. */
  readonly onPriority = (listener: (event: PriorityStreamEvent) => void): (() => void) => {
    this.priorityListeners.add(listener);
    return () => this.priorityListeners.delete(listener);
  };

  readonly meetingFetch = (rest: string, init?: RequestInit): Promise<Response> => this.deps.api.authorizedFetch(`/api/meetings/${encodeURIComponent(this.deps.meetingId)}${rest}`, init);

  /** A request on the viewer's own API path (`/api/me/…`, e.g. their actions across meetings) with the panel's token. */
  readonly meFetch = (rest: string, init?: RequestInit): Promise<Response> => this.deps.api.authorizedFetch(`/api/me${rest}`, init);

  /** The series' decision log, searched on the service (not kept live: a log is looked up, not watched). */
  readonly searchDecisions = (query: string, signal?: AbortSignal) => this.deps.api.getDecisions(this.deps.meetingId, query, signal);

  private async loadSir(): Promise<void> {
    const signal = this.lifetime?.signal;
    try {
      const res = await this.deps.api.getSirList(this.deps.meetingId, signal);
      if (!signal?.aborted) this.set({ sirItems: res.items });
    } catch {
      // The agenda works without the SIR list (e.g. Teams could not name the meeting's chat); the next reconnect tries again.
    }
  }

  /** Items travel whole with their own version: keep the newer copy; a new item joins the list. */
  private upsertSir(item: SirItem): void {
    const items = this.state.sirItems ?? [];
    const i = items.findIndex((x) => x.id === item.id);
    if (i >= 0 && (items[i]?.version ?? 0) >= item.version) return;
    this.set({ sirItems: i >= 0 ? items.map((x) => (x.id === item.id ? item : x)) : [...items, item] });
  }

  private set(patch: Partial<SessionState>): void {
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l();
  }

  private later(ms: number, f: () => void): void {
    const t = setTimeout(() => {
      this.timers.delete(t);
      f();
    }, ms);
    this.timers.add(t);
  }

  private async load(signal: AbortSignal): Promise<void> {
    try {
      const prefetched = this.firstSnapshot;
      this.firstSnapshot = undefined;
      const snapshot = await (prefetched ?? this.deps.api.getSnapshot(this.deps.meetingId, signal));
      if (signal.aborted) return;
      if (snapshot.protocol !== PANEL_PROTOCOL_VERSION) {
        this.set({ status: "failed", error: new ApiError("protocol", 200, "protocol", `The service speaks protocol ${snapshot.protocol}.`) });
        return;
      }
      this.deps.clock.seed(snapshot.serverTime);
      // Give the clock sync (started above, or by the page) a moment so the first countdown is already right: its first
      // round trip is enough (within tens of ms; the rest refine it). Never block long on it, and never start another.
      if (!this.deps.clock.isMeasured) await Promise.race([this.deps.clock.whenMeasured(), sleep(this.deps.clockWaitMs ?? 2_000, signal)]).catch(() => undefined);
      if (signal.aborted) return;
      this.adoptNewer(snapshot.meeting, snapshot.head, { status: "ready", viewer: snapshot.viewer, error: null });
      this.follow();
      void this.loadSir();
      void this.loadKpi();
    } catch (err) {
      if (signal.aborted) return;
      this.set({ status: this.state.meeting ? "ready" : "failed", error: toApiError(err) });
    }
  }

  private follow(): void {
    const open = this.deps.openStream ?? openMeetingStream;
    this.stream = open({
      api: this.deps.api,
      meetingId: this.deps.meetingId,
      since: () => (this.state.meeting ? { version: this.state.meeting.version, head: this.head } : null),
      onMessage: (m) => this.onMessage(m),
      onStatus: (connection) => this.set({ connection }),
      onFatal: (error) => this.set({ error }),
      onReconnected: () => {
        void this.deps.clock.sync();
        // SIR items are independent entities: after a gap in the stream, the list is simply read again.
        void this.loadSir();
        void this.loadKpi();
      },
    });
  }

  private onMessage(message: StreamMessage): void {
    switch (message.type) {
      case "hello":
        if (message.protocol !== PANEL_PROTOCOL_VERSION) {
          this.set({ error: new ApiError("protocol", 200, "protocol", `The stream speaks protocol ${message.protocol}.`) });
        }
        return;
      case "snapshot":
        // The stream's snapshot is the truth, even if it is older (storage restored): replace, no version check.
        this.buffered = [];
        this.diverged = false;
        this.deps.clock.seed(message.serverTime);
        this.adopt(message.meeting, message.head, {}, true);
        return;
      case "commit":
        this.onCommit(message.commit);
        return;
      case "viewer":
        this.set({ viewer: message.viewer });
        return;
      case "sirItem":
        this.upsertSir(message.item);
        return;
      case "action":
        for (const listener of [...this.actionListeners]) listener(message.action);
        return;
      case "rating":
        for (const listener of [...this.ratingListeners]) listener(message.rating);
        return;
      case "goodNews":
        for (const listener of [...this.goodNewsListeners]) listener(message.item);
        return;
      case "priority":
        for (const listener of [...this.priorityListeners]) listener(message.event);
        return;
      case "kpi": {
        const board = this.state.kpi;
        if (message.event.type === "reload" || !board) void this.loadKpi();
        else this.set({ kpi: applyKpiChange(board, message.event.change) });
        return;
      }
      case "heartbeat":
        return;
    }
  }

  private onCommit(commit: Commit): void {
    if (this.refreshing) {
      this.buffered.push(commit);
      return;
    }
    const meeting = this.state.meeting;
    if (!meeting) return;
    if (this.otherHistory(meeting, commit)) {
      // Never applied on top of a state the service does not have: take its snapshot, then what came meanwhile.
      this.diverged = true;
      this.buffered.push(commit);
      void this.refresh();
      return;
    }
    const result = applyCommit(meeting, commit);
    if (result.kind === "applied") this.adopt(result.state, commit.commandId, {}, false);
    else if (result.kind === "gap") {
      this.buffered.push(commit);
      void this.refresh();
    }
    // "stale": already have it (a resumed stream may resend) — nothing to do.
  }

  /** True when the commit shows the service on another history than this copy's. */
  private otherHistory(meeting: MeetingState, commit: Commit): boolean {
    if (commit.version === meeting.version + 1) return commit.base !== undefined && commit.base !== this.head;
    if (commit.version > meeting.version) return false; // A gap: the snapshot settles it.
    const mine = commit.version === meeting.version ? this.head : this.heads.get(commit.version);
    return mine !== undefined && mine !== commit.commandId;
  }

  /** Replaces the copy and its head; a snapshot starts the remembered history afresh (it may be another one). */
  private adopt(meeting: MeetingState, head: Head, patch: Partial<SessionState>, snapshot: boolean): void {
    if (snapshot) this.heads.clear();
    if (head !== null) this.heads.set(meeting.version, head);
    const oldest = this.heads.keys().next().value;
    if (this.heads.size > HEADS_REMEMBERED && oldest !== undefined) this.heads.delete(oldest);
    this.head = head;
    const moved = this.state.meeting !== null && this.state.meeting.meetingId !== meeting.meetingId;
    this.set({ ...patch, meeting, ...(moved ? { moves: this.state.moves + 1 } : {}) });
    if (moved) {
      // Commits held back meanwhile that belong to the last occurrence are not this one's history.
      this.buffered = this.buffered.filter((c) => c.meetingId === meeting.meetingId);
      // The next occurrence may be in another week of the board, and its SIR list is the one now prepared for.
      void this.loadSir();
      void this.loadKpi();
    }
  }

  /**
   * A snapshot from GET is adopted only if it is not older than what the stream already brought, unless the service
   * is on another history or the meeting moved on to its next occurrence: then it is the truth, older or not.
   */
  private adoptNewer(meeting: MeetingState, head: Head, patch: Partial<SessionState> = {}): void {
    const current = this.state.meeting;
    if (this.diverged || !current || current.version <= meeting.version || current.meetingId !== meeting.meetingId) {
      this.diverged = false;
      this.adopt(meeting, head, patch, true);
    } else this.set(patch);
  }

  /** Fetches a fresh snapshot (one at a time), then replays commits that arrived meanwhile. */
  private refresh(): Promise<void> {
    const signal = this.lifetime?.signal;
    if (!signal) return Promise.resolve();
    this.refreshing ??= (async () => {
      for (let attempt = 0; attempt < 4 && !signal.aborted; attempt++) {
        try {
          const prefetched = this.firstSnapshot;
      this.firstSnapshot = undefined;
      const snapshot = await (prefetched ?? this.deps.api.getSnapshot(this.deps.meetingId, signal));
          if (signal.aborted) return;
          this.adoptNewer(snapshot.meeting, snapshot.head, { viewer: snapshot.viewer });
          return;
        } catch (err) {
          if (signal.aborted) return;
          const error = toApiError(err);
          if (!error.retryable) {
            this.set({ error });
            return;
          }
          if (attempt === 3) this.set({ error });
          else await sleep(backoffDelay(attempt, STREAM_BACKOFF), signal).catch(() => undefined);
        }
      }
    })().finally(() => {
      this.refreshing = null;
      this.replayBuffered();
    });
    return this.refreshing;
  }

  private replayBuffered(): void {
    const pending = this.buffered.sort((a, b) => a.version - b.version);
    this.buffered = [];
    const start = this.state.meeting;
    if (!start) return;
    let gap = false;
    for (const commit of pending) {
      const meeting = this.state.meeting ?? start;
      // Made on another head than the snapshot's: a commit of a history storage no longer has. Dropped; if storage
      // moved on meanwhile, the next commit shows it (a gap or another base) and a snapshot follows.
      if (commit.version === meeting.version + 1 && commit.base !== undefined && commit.base !== this.head) continue;
      const result = applyCommit(meeting, commit);
      if (result.kind === "applied") this.adopt(result.state, commit.commandId, {}, false);
      else if (result.kind === "gap") {
        gap = true;
        this.buffered.push(commit);
      }
    }
    // The snapshot came from an instance that is itself a little behind: try again shortly rather than spin.
    if (gap && this.lifetime) this.later(500, () => void this.refresh());
  }

  /** After a command, its commit normally arrives on the stream within milliseconds; if not (stream down), fetch a snapshot. */
  private catchUp(version: number): void {
    if ((this.state.meeting?.version ?? -1) >= version) return;
    this.later(this.deps.catchUpMs ?? 1_500, () => {
      if ((this.state.meeting?.version ?? -1) < version) void this.refresh();
    });
  }
}
