/** @module Applies a broadcast commit to a local copy of the state, or says that the copy is behind and needs a snapshot. */
import type { Commit } from "../wire/protocol.js";
import { evolveAll } from "./evolve.js";
import type { MeetingState } from "./state.js";

export type ApplyResult = { readonly kind: "applied"; readonly state: MeetingState } | { readonly kind: "stale" } | { readonly kind: "gap" };

export function applyCommit(state: MeetingState, commit: Commit): ApplyResult {
  if (commit.version <= state.version) return { kind: "stale" };
  if (commit.version !== state.version + 1) return { kind: "gap" };
  return { kind: "applied", state: { ...evolveAll(state, commit.events), version: commit.version } };
}
