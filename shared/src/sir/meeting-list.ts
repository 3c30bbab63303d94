/** @module Which SIR items belong on a meeting's list, the decision log, and what carries over when a meeting ends. Pure. */
import type { SirItem } from "./item.js";

/**
 * Open items for this meeting or the series' next one, those carried over, and the ones decided in this meeting.
 * Carried over first (oldest first). `today` (YYYY-MM-DD, the team's day) holds back items prepared for a later
 * meeting's day until that day comes; an item already on an agenda is never held back.
 */
export function itemsForMeeting(items: readonly SirItem[], meetingId: string, today: string): SirItem[] {
  const waiting = (item: SirItem): boolean => item.forDate != null && item.forDate > today && item.meetingsSeen.length === 0;
  return items
    .filter((item) =>
      item.status === "open"
        ? !waiting(item) && (item.meetingId === null || item.meetingId === meetingId || item.meetingsSeen.length > 0)
        : item.status !== "withdrawn" && item.status !== "deleted" && (item.decision?.meetingId === meetingId || item.meetingsSeen.includes(meetingId)),
    )
    .sort((a, b) => Number(b.meetingsSeen.length > 0) - Number(a.meetingsSeen.length > 0) || a.createdAt - b.createdAt || a.id.localeCompare(b.id));
}

/** Items still open on the meeting's list when it ends: they carry over to the next meeting ("nothing forgotten"). */
export function itemsToCarryOver(items: readonly SirItem[], meetingId: string, today: string): SirItem[] {
  return itemsForMeeting(items, meetingId, today).filter((item) => item.status === "open" && !item.meetingsSeen.includes(meetingId));
}

/** Decisions of the series, newest first, optionally filtered by words in the title, problem, decision or actions. */
export function decisionLog(items: readonly SirItem[], query: string, limit: number): SirItem[] {
  const words = query.toLocaleLowerCase().split(/\s+/).filter(Boolean);
  return items
    .filter((item) => item.decision !== null && item.status !== "deleted")
    .filter((item) => {
      if (words.length === 0) return true;
      const haystack = [item.title, item.problem, item.decision?.text ?? "", ...(item.decision?.actions.map((a) => a.title) ?? [])].join("\n").toLocaleLowerCase();
      return words.every((w) => haystack.includes(w));
    })
    .sort((a, b) => (b.decision?.at ?? 0) - (a.decision?.at ?? 0))
    .slice(0, limit);
}
