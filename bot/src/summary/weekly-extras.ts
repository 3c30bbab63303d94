/**
 * @module The good news' and the priorities round's parts of a meeting's record (`MeetingRecordDeps.extras`,
 * docs/SUMMARY.md "Adding a part"). Read-only views of their stores.
 */
import { goodNewsForMeeting } from "../../../shared/src/goodnews/meeting-list.js";
import { isoWeekAt } from "../../../shared/src/kpi/week.js";
import type { MeetingRef } from "../../../shared/src/meeting/state.js";
import type { LastWeekPriority, PriorityEntry } from "../../../shared/src/priorities/model.js";
import type { RecordExtras } from "../../../shared/src/summary/build-record.js";
import type { RecordPriorities } from "../../../shared/src/summary/record.js";
import type { GoodNewsStore } from "../storage/good-news-store.js";
import type { PriorityStore } from "../storage/priority-store.js";
import type { RecordExtrasSource } from "./meeting-record.js";

/** The meeting's good news in the method's order (wins, then challenges); a challenge is marked with ⚠ (the record is language-neutral). */
export function goodNewsExtras(store: Pick<GoodNewsStore, "list">): RecordExtrasSource {
  return async (ref: MeetingRef): Promise<RecordExtras> => {
    const items = goodNewsForMeeting(await store.list(ref));
    return { goodNews: items.map((i) => ({ text: i.kind === "challenge" ? `⚠ ${i.text}` : i.text, by: i.author })) };
  };
}

/** Done ✓, partly ◐, not done ✗, not marked: the text alone; the result after a dash. */
export function lastWeekLine(p: LastWeekPriority): string {
  const mark = p.mark === "done" ? "✓ " : p.mark === "partly" ? "◐ " : p.mark === "notDone" ? "✗ " : "";
  return `${mark}${p.text}${p.result ? ` – ${p.result}` : ""}`;
}

export function priorityRecord(entry: PriorityEntry): RecordPriorities {
  const learned = [entry.learned, entry.change].filter((s) => s.length > 0).join(" · ");
  return {
    person: entry.member,
    lastWeek: entry.lastWeek.map(lastWeekLine),
    nextWeek: entry.nextWeek.map((p) => (p.why ? `${p.text} – ${p.why}` : p.text)),
    learned: learned.length > 0 ? learned : null,
  };
}

/** The entries members saved for the meeting's week (in the team's time zone), by name. */
export function prioritiesExtras(store: Pick<PriorityStore, "latestAll">): RecordExtrasSource {
  return async (ref, seriesId, context): Promise<RecordExtras> => {
    const week = isoWeekAt(context.meeting.startedAt ?? context.now, context.timeZone);
    const latest = await store.latestAll(ref.tenantId, seriesId);
    const entries = [...latest.values()].filter((e) => e.week === week).sort((a, b) => a.member.name.localeCompare(b.member.name));
    return { priorities: entries.map(priorityRecord) };
  };
}
