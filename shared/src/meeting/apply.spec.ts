/** @module How a panel applies broadcast commits to its copy of the meeting: applied in order, stale ones ignored, a gap asks for a snapshot. */
import { describe, expect, it } from "vitest";
import type { Commit } from "../wire/protocol.js";
import { applyCommit, type ApplyResult } from "./apply.js";
import type { MeetingState } from "./state.js";
import { cmd, meeting, minutes, runCommands, testClock } from "./test-builders.js";

function appliedState(result: ApplyResult): MeetingState {
  if (result.kind !== "applied") throw new Error(`expected applied, got ${result.kind}`);
  return result.state;
}

function commitAt(commits: readonly Commit[], index: number): Commit {
  const commit = commits[index];
  if (!commit) throw new Error(`no commit ${index}`);
  return commit;
}

/** The service's view after a few changes, and the commits it broadcast. */
function serverRun() {
  return runCommands(meeting(), [cmd.start(), minutes(3), cmd.next(), cmd.extend(5), minutes(2), cmd.pause(), cmd.rename("sir", "Risks")]);
}

describe("applying commits", () => {
  it("a panel that follows every commit ends with exactly the service's state", () => {
    const { state, commits } = serverRun();
    let panel = meeting();
    for (const commit of commits) panel = appliedState(applyCommit(panel, commit));
    expect(panel).toEqual(state);
    expect(panel.version).toBe(5);
  });

  it("the next commit moves the copy one version on", () => {
    const { commits } = serverRun();
    const panel = appliedState(applyCommit(meeting(), commitAt(commits, 0)));
    expect(panel.version).toBe(1);
    expect(panel.phase).toBe("running");
  });

  it("a commit the panel already has is stale and ignored", () => {
    const { commits } = serverRun();
    const panel = appliedState(applyCommit(meeting(), commitAt(commits, 0)));
    expect(applyCommit(panel, commitAt(commits, 0))).toEqual({ kind: "stale" });
  });

  it("an older commit arriving late is stale", () => {
    const { state, commits } = serverRun();
    expect(applyCommit(state, commitAt(commits, 1))).toEqual({ kind: "stale" });
  });

  it("a commit that skips a version is a gap: the panel must fetch a snapshot", () => {
    const { commits } = serverRun();
    expect(applyCommit(meeting(), commitAt(commits, 1))).toEqual({ kind: "gap" });
  });

  it("after a gap, a snapshot plus the following commits catch the panel up", () => {
    const clock = testClock();
    const first = runCommands(meeting(), [cmd.start(), minutes(3), cmd.next(), cmd.extend(5)], clock);
    const later = runCommands(first.state, [minutes(2), cmd.pause(), cmd.rename("sir", "Risks")], clock);
    let panel = appliedState(applyCommit(meeting(), commitAt(first.commits, 0)));
    expect(applyCommit(panel, commitAt(first.commits, 2))).toEqual({ kind: "gap" });
    panel = JSON.parse(JSON.stringify(first.state)) as MeetingState; // the snapshot, as it travels
    for (const commit of later.commits) panel = appliedState(applyCommit(panel, commit));
    expect(panel).toEqual(later.state);
  });

  it("a duplicate command's commit (no events, same version) changes nothing", () => {
    const { state } = serverRun();
    expect(applyCommit(state, { meetingId: state.meetingId, version: state.version, commandId: "cmd-dup-0001", events: [] })).toEqual({ kind: "stale" });
  });

  it("never changes the copy it is given", () => {
    const { commits } = serverRun();
    const panel = meeting();
    const before = structuredClone(panel);
    applyCommit(panel, commitAt(commits, 0));
    expect(panel).toEqual(before);
  });
});
