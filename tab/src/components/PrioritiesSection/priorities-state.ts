/** @module The Priorities section's state (lazy chunk): applying the stream's changes (higher versions win) and each member's time box. */
import { sectionTimeBoxMs } from "../../../../shared/src/meeting/section.js";
import type { MeetingState } from "../../../../shared/src/meeting/state.js";
import { isPrepared } from "../../../../shared/src/priorities/prefill.js";
import { perPersonMs } from "../../../../shared/src/priorities/walk.js";
import type { PriorityMemberView, PriorityRoundResponse, PriorityStreamEvent } from "../../../../shared/src/wire/priorities-protocol.js";

function withEntry(view: PriorityMemberView, event: Extract<PriorityStreamEvent, { kind: "entry" }>): PriorityMemberView {
  if (view.member.userId !== event.entry.member.userId) return view;
  if (view.entry && view.entry.version >= event.entry.version) return view;
  return { member: event.entry.member, prepared: isPrepared(event.entry), entry: event.entry, draft: { ...event.entry, prefilledFrom: null } };
}

/** Applies a stream change to the loaded round: a late or repeated message never rolls anything back; another week's is ignored. */
export function applyPriorityEvent(data: PriorityRoundResponse, event: PriorityStreamEvent): PriorityRoundResponse {
  if (event.kind === "round") {
    if (event.round.week !== data.week || (data.round && data.round.version >= event.round.version)) return data;
    return { ...data, round: event.round };
  }
  if (event.entry.week !== data.week) return data;
  const known = data.members.some((m) => m.member.userId === event.entry.member.userId);
  const members = known ? data.members.map((m) => withEntry(m, event)) : data.members;
  return { ...data, members, mine: withEntry(data.mine, event) };
}

/** Each member's share of the agenda's Priorities section (its time box, extensions included); null without such a section. */
export function memberBudgetMs(meeting: MeetingState, memberCount: number): number | null {
  const section = meeting.sections.find((s) => s.kind === "priorities" && s.enabled);
  return section ? perPersonMs(sectionTimeBoxMs(section), memberCount) : null;
}
