/** @module A panel's live copy follows the stream: commits in order, a snapshot on a gap, role changes, and commands whose errors are shown. */
import { describe, expect, it } from "vitest";
import { capabilitiesOf, type Role } from "../../../shared/src/auth/capabilities.js";
import type { MeetingCommand } from "../../../shared/src/meeting/commands.js";
import { decide } from "../../../shared/src/meeting/decide.js";
import { evolveAll } from "../../../shared/src/meeting/evolve.js";
import { newMeeting, type MeetingState } from "../../../shared/src/meeting/state.js";
import { metric, weeklyValue } from "../../../shared/src/kpi/test-builders.js";
import { newSirItem, type SirItem } from "../../../shared/src/sir/item.js";
import type { Commit, CommandResponse, Head, SnapshotResponse, StreamMessage, Viewer } from "../../../shared/src/wire/protocol.js";
import type { ApiClient } from "./api-client.js";
import { ApiError } from "./api-error.js";
import { ServerClock } from "./clock-sync.js";
import { MeetingSession, type CommandInput } from "./meeting-session.js";
import type { MeetingStreamOptions } from "./meeting-stream.js";

const viewer = (role: Role): Viewer => ({ userId: "u1", tenantId: "t1", name: "Ingrid", role, capabilities: capabilitiesOf(role) });

/** The service's side, using the real domain: every command becomes a commit with the next version, made on the head before. */
function fakeService() {
  let state: MeetingState = newMeeting({ tenantId: "t1", meetingId: "m1" });
  let head: Head = null;
  const commits: Commit[] = [];
  let n = 0;
  const apply = (input: CommandInput): Commit => {
    const command = { ...input, id: `cmd-${String(++n).padStart(8, "0")}` } as MeetingCommand;
    const decision = decide(state, command, 1_000 * n);
    if (!decision.ok) throw new ApiError("http", 409, decision.error.code, decision.error.message);
    const commit: Commit = { meetingId: "m1", version: state.version + 1, commandId: command.id, base: head, events: decision.events };
    state = { ...evolveAll(state, commit.events), version: commit.version };
    head = commit.commandId;
    commits.push(commit);
    return commit;
  };
  /** Storage restored from an earlier copy: the commits after `version` are gone. */
  const lose = (version: number): void => {
    commits.splice(version);
    state = commits.reduce<MeetingState>((s, c) => ({ ...evolveAll(s, c.events), version: c.version }), newMeeting({ tenantId: "t1", meetingId: "m1" }));
    head = commits[commits.length - 1]?.commandId ?? null;
  };
  return { get state() { return state; }, get head() { return head; }, commits, apply, lose };
}

function setup(options: { commandError?: ApiError; sirError?: ApiError } = {}) {
  const service = fakeService();
  let role: Role = "Organizer";
  let snapshots = 0;
  let sirLists = 0;
  let kpiLoads = 0;
  let stream: MeetingStreamOptions | null = null;
  const sent: MeetingCommand[] = [];
  const api: { -readonly [K in keyof ApiClient]: ApiClient[K] } = {
    getSnapshot: async (): Promise<SnapshotResponse> => {
      snapshots++;
      return { protocol: 1, meeting: service.state, head: service.head, viewer: viewer(role), serverTime: 0 };
    },
    sendCommand: async (_id, command): Promise<CommandResponse> => {
      sent.push(command);
      if (options.commandError) throw options.commandError;
      const commit = service.apply(command);
      return { version: commit.version, duplicate: false, serverTime: 0 };
    },
    getServerTime: async () => 0,
    getDecisions: async () => ({ decisions: [] }),
    getSirList: async () => {
      sirLists++;
      return { seriesId: "series-1", items: [sirItem("sir-1", 1, "Funnel")] };
    },
    sendSirCommand: async (_id, command) => {
      if (options.sirError) throw options.sirError;
      return { item: sirItem(command.type === "createSir" ? "sir-new" : "sir-1", 2, "Sent"), changed: true };
    },
    getKpiBoard: async () => {
      kpiLoads++;
      return { seriesId: "series-1", settings: { timeZone: "Europe/Oslo", version: 1 }, currentWeek: "2025-W02", objectives: [], metrics: [metric()], values: [weeklyValue({ value: 90 })], people: [] };
    },
    sendKpiCommand: async () => ({ change: { kind: "value", value: weeklyValue({ value: 97, version: 2 }) }, changed: true }),
    exportKpiCsv: async () => "",
    importKpiCsv: async () => ({ applied: true, summary: { objectivesCreated: 0, objectivesUpdated: 0, metricsCreated: 0, metricsUpdated: 0, valuesWritten: 0 } }),
    requestKpiUpdate: async () => ({ posted: true, missing: 0 }),
    authorizedFetch: () => Promise.reject(new Error("not used")),
    streamPath: () => "",
  };
  const session = new MeetingSession({
    meetingId: "m1",
    api,
    clock: new ServerClock({ fetchServerTime: async () => 0, now: () => 0 }),
    openStream: (o) => {
      stream = o;
      return { close: () => undefined };
    },
    catchUpMs: 10,
    clockWaitMs: 10,
  });
  const push = (m: StreamMessage) => {
    if (!stream) throw new Error("stream not open");
    stream.onMessage(m);
  };
  return {
    api,
    service,
    session,
    sent,
    push,
    setRole: (r: Role) => (role = r),
    snapshots: () => snapshots,
    sirLists: () => sirLists,
    kpiLoads: () => kpiLoads,
    streamSince: () => stream?.since(),
  };
}

function sirItem(id: string, version: number, title: string): SirItem {
  return {
    ...newSirItem({ id, tenantId: "t", seriesId: "series-1", author: { userId: "u1", name: "Kari" }, fields: { kind: "issue", title, problem: "", proposals: [], recommendation: "", concerns: "", meetingId: null, forDate: null }, now: 0 }),
    version,
  };
}

const settle = async (cond: () => boolean) => {
  for (let i = 0; i < 200 && !cond(); i++) await new Promise((r) => setTimeout(r, 2));
  expect(cond()).toBe(true);
};

describe("MeetingSession", () => {
  it("loads the SIR list after the snapshot; stream updates replace older copies and add new items", async () => {
    const t = setup();
    t.session.start();
    await settle(() => t.session.getState().sirItems !== null);
    expect(t.session.getState().sirItems?.map((i) => i.title)).toEqual(["Funnel"]);
    t.push({ type: "sirItem", item: sirItem("sir-1", 3, "Funnel stalls") });
    t.push({ type: "sirItem", item: sirItem("sir-1", 2, "An older copy") });
    t.push({ type: "sirItem", item: sirItem("sir-2", 1, "From chat") });
    expect(t.session.getState().sirItems?.map((i) => i.title)).toEqual(["Funnel stalls", "From chat"]);
    t.session.stop();
  });

  it("loads the KPI board; a value on the stream replaces an older copy, a command's answer shows at once, an import reloads", async () => {
    const t = setup();
    t.session.start();
    await settle(() => t.session.getState().kpi !== null);
    const value = () => t.session.getState().kpi?.values[0]?.value;
    expect(value()).toBe(90);
    t.push({ type: "kpi", event: { type: "change", change: { kind: "value", value: weeklyValue({ value: 93, version: 3 }) } } });
    t.push({ type: "kpi", event: { type: "change", change: { kind: "value", value: weeklyValue({ value: 91, version: 2 }) } } });
    expect(value()).toBe(93);
    t.push({ type: "kpi", event: { type: "reload" } });
    await settle(() => t.kpiLoads() === 2);
    expect(await t.session.sendKpi({ type: "recordValue", metricId: metric().id, week: "2025-W02", value: 97 })).toBeNull();
    expect(value()).toBe(97);
    t.session.stop();
  });

  it("a SIR command's answer replaces the item at once; a refusal goes back to the form and the list is read again", async () => {
    const ok = setup();
    ok.session.start();
    await settle(() => ok.session.getState().sirItems !== null);
    expect(await ok.session.sendSir({ type: "resolveSir", itemId: "sir-1" })).toBeNull();
    expect(ok.session.getState().sirItems?.map((i) => [i.title, i.version])).toEqual([["Sent", 2]]);
    ok.session.stop();

    const refused = setup({ sirError: new ApiError("http", 409, "noDecision", "Record a decision first.") });
    refused.session.start();
    await settle(() => refused.session.getState().sirItems !== null);
    const error = await refused.session.sendSir({ type: "resolveSir", itemId: "sir-1" });
    expect(error?.code).toBe("noDecision");
    // The form shows it beside the button; the panel's error bar stays for the meeting itself.
    expect(refused.session.getState().error).toBeNull();
    await settle(() => refused.sirLists() === 2);
    refused.session.stop();
  });

  it("loads the snapshot, then applies commits from the stream in order", async () => {
    const t = setup();
    t.session.start();
    await settle(() => t.session.getState().status === "ready");
    expect(t.streamSince()).toEqual({ version: 0, head: null });
    const c1 = t.service.apply({ type: "startMeeting" });
    const c2 = t.service.apply({ type: "nextSection" });
    t.push({ type: "commit", commit: c1 });
    t.push({ type: "commit", commit: c1 }); // a resumed stream may resend: stale, ignored
    t.push({ type: "commit", commit: c2 });
    expect(t.session.getState().meeting).toEqual(t.service.state);
    expect(t.snapshots()).toBe(1);
    t.session.stop();
  });

  it("on a gap fetches a snapshot, then replays the commits that arrived meanwhile", async () => {
    const t = setup();
    t.session.start();
    await settle(() => t.session.getState().status === "ready");
    t.service.apply({ type: "startMeeting" }); // v1: this panel never hears of it
    const c2 = t.service.apply({ type: "nextSection" });
    t.push({ type: "commit", commit: c2 });
    await settle(() => t.snapshots() === 2);
    await settle(() => t.session.getState().meeting?.version === 2);
    expect(t.session.getState().meeting).toEqual(t.service.state);
  });

  it("resumes the stream from its version and the command that made it", async () => {
    const t = setup();
    t.session.start();
    await settle(() => t.session.getState().status === "ready");
    const c1 = t.service.apply({ type: "startMeeting" });
    t.push({ type: "commit", commit: c1 });
    expect(t.streamSince()).toEqual({ version: 1, head: c1.commandId });
  });

  it("a commit made on another head (storage lost commits, the version came round again) is not applied: the service's snapshot replaces the copy", async () => {
    const t = setup();
    t.session.start();
    await settle(() => t.session.getState().status === "ready");
    for (const input of [{ type: "startMeeting" }, { type: "extendTimer", minutes: 5 }, { type: "pauseTimer" }] as const) t.push({ type: "commit", commit: t.service.apply(input) });
    expect(t.session.getState().meeting?.sections[0]?.extraMs).toBe(5 * 60_000);

    t.service.lose(1); // the extension and the pause are gone from storage
    t.service.apply({ type: "nextSection" });
    t.service.apply({ type: "pauseTimer" });
    const c4 = t.service.apply({ type: "startTimer" });
    t.push({ type: "commit", commit: c4 }); // version 4 = the copy's 3 + 1, but made on a head the copy never had
    await settle(() => t.snapshots() === 2);
    await settle(() => t.session.getState().meeting?.version === 4);
    expect(t.session.getState().meeting).toEqual(t.service.state);
    expect(t.session.getState().meeting?.sections[0]?.extraMs).toBe(0);
    expect(t.streamSince()).toEqual({ version: 4, head: c4.commandId });
  });

  it("a commit for a version the copy has, made by another command, replaces the copy with the older snapshot", async () => {
    const t = setup();
    t.session.start();
    await settle(() => t.session.getState().status === "ready");
    for (const input of [{ type: "startMeeting" }, { type: "extendTimer", minutes: 5 }, { type: "pauseTimer" }] as const) t.push({ type: "commit", commit: t.service.apply(input) });
    t.service.lose(1);
    const c2 = t.service.apply({ type: "nextSection" });
    t.push({ type: "commit", commit: c2 }); // older than the copy (3): not "stale", another history
    await settle(() => t.snapshots() === 2);
    await settle(() => t.session.getState().meeting?.version === 2);
    expect(t.session.getState().meeting).toEqual(t.service.state);
    expect(t.session.getState().meeting?.sections[0]?.extraMs).toBe(0);
  });

  it("a snapshot on the stream brings its head: the next commit on it applies", async () => {
    const t = setup();
    t.session.start();
    await settle(() => t.session.getState().status === "ready");
    const c1 = t.service.apply({ type: "startMeeting" });
    const c2 = t.service.apply({ type: "nextSection" });
    t.push({ type: "snapshot", meeting: { ...t.service.state }, head: c2.commandId, serverTime: 0 });
    expect(c1.version).toBe(1);
    t.push({ type: "commit", commit: t.service.apply({ type: "pauseTimer" }) });
    expect(t.session.getState().meeting).toEqual(t.service.state);
    expect(t.snapshots()).toBe(1);
  });

  it("a role change on the stream changes the viewer's capabilities", async () => {
    const t = setup();
    t.setRole("Attendee");
    t.session.start();
    await settle(() => t.session.getState().status === "ready");
    expect(t.session.getState().viewer?.capabilities).not.toContain("meeting:drive");
    t.push({ type: "viewer", viewer: viewer("Presenter") });
    expect(t.session.getState().viewer?.capabilities).toContain("meeting:drive");
  });

  it("a refused command shows its error; a 409 makes the panel look again; the next success clears it", async () => {
    const t = setup();
    t.session.start();
    await settle(() => t.session.getState().status === "ready");
    expect(await t.session.send({ type: "nextSection" })).toBe(false);
    expect(t.session.getState().error).toMatchObject({ status: 409, code: "meetingNotStarted" });
    await settle(() => t.snapshots() === 2);
    expect(await t.session.send({ type: "startMeeting" })).toBe(true);
    expect(t.session.getState().error).toBeNull();
  });

  it("each command gets its own id", async () => {
    const t = setup();
    t.session.start();
    await settle(() => t.session.getState().status === "ready");
    await t.session.send({ type: "startMeeting" });
    await t.session.send({ type: "pauseTimer" });
    expect(new Set(t.sent.map((c) => c.id)).size).toBe(2);
  });

  it("if the stream does not bring a command's commit, fetches a snapshot to catch up", async () => {
    const t = setup();
    t.session.start();
    await settle(() => t.session.getState().status === "ready");
    await t.session.send({ type: "startMeeting" });
    await settle(() => t.session.getState().meeting?.phase === "running");
    expect(t.snapshots()).toBe(2);
  });

  it("a snapshot on the stream replaces the copy, even an older one (storage is the truth)", async () => {
    const t = setup();
    t.session.start();
    await settle(() => t.session.getState().status === "ready");
    const fresh = newMeeting({ tenantId: "t1", meetingId: "m1" }, "okrCheckIn15");
    t.push({ type: "snapshot", meeting: fresh, head: null, serverTime: 0 });
    expect(t.session.getState().meeting?.templateId).toBe("okrCheckIn15");
  });

  it("the first render waits for the clock sync that is under way, and not for a second one once it is done", async () => {
    const t = setup();
    let samples = 0;
    let snapshotAsked = (): void => undefined;
    const asked = new Promise<void>((resolve) => (snapshotAsked = resolve));
    let answer = (): void => undefined;
    const held = new Promise<void>((resolve) => (answer = resolve));
    const getSnapshot = t.api.getSnapshot;
    // The snapshot answers only after the start's sync has finished, as on a real page.
    t.api.getSnapshot = async (...args) => {
      snapshotAsked();
      await held;
      return getSnapshot(...args);
    };
    const clock = new ServerClock({ fetchServerTime: async () => (samples++, 0), now: () => 0 });
    const session = new MeetingSession({ meetingId: "m1", api: t.api, clock, openStream: () => ({ close: () => undefined }), clockWaitMs: 5_000 });
    session.start();
    await asked;
    await settle(() => clock.isSynced);
    answer();
    await settle(() => session.getState().status === "ready");
    expect(samples).toBe(5);
    session.stop();
  });

  it("the first render waits for the clock's first round trip, not for all five", async () => {
    const t = setup();
    let samples = 0;
    let release = (): void => undefined;
    const rest = new Promise<void>((r) => (release = r));
    const clock = new ServerClock({
      fetchServerTime: async () => {
        if (samples++ > 0) await rest;
        return 0;
      },
      now: () => 0,
    });
    const session = new MeetingSession({ meetingId: "m1", api: t.api, clock, openStream: () => ({ close: () => undefined }), clockWaitMs: 5_000 });
    session.start();
    await settle(() => session.getState().status === "ready");
    expect(samples).toBe(2);
    expect(clock.isSynced).toBe(false);
    release();
    await settle(() => clock.isSynced);
    session.stop();
  });

  it("the first load takes the snapshot the page asked for early and asks for none itself", async () => {
    const t = setup();
    const early = newMeeting({ tenantId: "t1", meetingId: "m1" }, "okrCheckIn15");
    const firstSnapshot = Promise.resolve<SnapshotResponse>({ protocol: 1, meeting: early, head: null, viewer: viewer("Organizer"), serverTime: 0 });
    const session = new MeetingSession({ meetingId: "m1", api: t.api, clock: new ServerClock({ fetchServerTime: async () => 0, now: () => 0 }), openStream: () => ({ close: () => undefined }), clockWaitMs: 10, firstSnapshot });
    session.start();
    await settle(() => session.getState().status === "ready");
    expect(session.getState().meeting?.templateId).toBe("okrCheckIn15");
    expect(t.snapshots()).toBe(0);
    session.stop();
  });

  it("a failed early snapshot is the first load's failure, and Try again asks the service anew", async () => {
    const t = setup();
    const firstSnapshot = Promise.reject<SnapshotResponse>(new ApiError("http", 503, "serviceUnavailable", "down"));
    const session = new MeetingSession({ meetingId: "m1", api: t.api, clock: new ServerClock({ fetchServerTime: async () => 0, now: () => 0 }), openStream: () => ({ close: () => undefined }), clockWaitMs: 10, firstSnapshot });
    session.start();
    await settle(() => session.getState().status === "failed");
    expect(session.getState().error?.status).toBe(503);
    expect(t.snapshots()).toBe(0);
    session.retry();
    await settle(() => session.getState().status === "ready");
    expect(t.snapshots()).toBe(1);
    session.stop();
  });

  it("a clock already synchronised by the page is not measured again when the session starts", async () => {
    const t = setup();
    let samples = 0;
    const clock = new ServerClock({ fetchServerTime: async () => (samples++, 0), now: () => 0 });
    await clock.sync();
    expect(samples).toBe(5);
    const session = new MeetingSession({ meetingId: "m1", api: t.api, clock, openStream: () => ({ close: () => undefined }), clockWaitMs: 10 });
    session.start();
    await settle(() => session.getState().status === "ready");
    expect(samples).toBe(5);
    session.stop();
  });

  it("the meeting moving on to its next occurrence replaces the copy (even at a lower version), counts the move, and reads the SIR list and board again", async () => {
    const t = setup();
    t.session.start();
    await settle(() => t.session.getState().status === "ready");
    await t.session.send({ type: "startMeeting" });
    await t.session.send({ type: "nextSection" });
    await settle(() => t.session.getState().meeting?.version === 2);
    expect(t.session.getState().moves).toBe(0);
    const lists = t.sirLists();
    const boards = t.kpiLoads();

    // On the stream: the service ended the old occurrence's stream, and the reconnect brings the next one's snapshot.
    t.push({ type: "snapshot", meeting: newMeeting({ tenantId: "t1", meetingId: "m1~2" }), head: null, serverTime: 0 });
    expect(t.session.getState().meeting).toMatchObject({ meetingId: "m1~2", version: 0, phase: "notStarted" });
    expect(t.session.getState().moves).toBe(1);
    await settle(() => t.sirLists() === lists + 1 && t.kpiLoads() === boards + 1);

    // From a GET (the panel looked again after a gap): a lower version of another occurrence is still the truth.
    t.api.getSnapshot = async () => ({ protocol: 1, meeting: { ...newMeeting({ tenantId: "t1", meetingId: "m1~3" }), version: 0 }, head: null, viewer: viewer("Organizer"), serverTime: 0 });
    t.push({ type: "snapshot", meeting: { ...newMeeting({ tenantId: "t1", meetingId: "m1~2" }), version: 5 }, head: "cmd-x", serverTime: 0 });
    t.push({ type: "commit", commit: { meetingId: "m1~2", version: 9, commandId: "cmd-y", base: "cmd-z", events: [] } });
    await settle(() => t.session.getState().meeting?.meetingId === "m1~3");
    expect(t.session.getState().meeting?.version).toBe(0);
    expect(t.session.getState().moves).toBe(2);
  });

  it("a snapshot that cannot load leaves the panel failed with the reason, and retry starts over", async () => {
    const t = setup();
    const real = t.api.getSnapshot;
    t.api.getSnapshot = () => Promise.reject(new ApiError("http", 403, "notParticipant", "no"));
    t.session.start();
    await settle(() => t.session.getState().status === "failed");
    expect(t.session.getState().error?.code).toBe("notParticipant");
    t.api.getSnapshot = real;
    t.session.retry();
    await settle(() => t.session.getState().status === "ready");
    expect(t.session.getState().error).toBeNull();
  });
});
