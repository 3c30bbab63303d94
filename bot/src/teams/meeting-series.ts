/** @module A meeting's series (its chat): asked of Teams once per meeting and cached, since it never changes. */
import { teamsMeetingRef } from "../../../shared/src/meeting/occurrence.js";
import type { MeetingRef } from "../../../shared/src/meeting/state.js";
import { TeamsUnavailableError } from "./roles.js";

export interface MeetingSeriesSource {
  seriesOf(ref: MeetingRef): Promise<string>;
}

const MAX_CACHED = 20_000;

/** The series key of a conversation: channel threads (`;messageid=…`) belong to their channel. */
export function seriesIdOf(conversationId: string): string {
  return conversationId.replace(/;messageid=.*$/i, "");
}

export class CachedMeetingSeries implements MeetingSeriesSource {
  private readonly cache = new Map<string, string>();

  constructor(private readonly fetchChat: (ref: MeetingRef) => Promise<string | null>) {}

  async seriesOf(occurrence: MeetingRef): Promise<string> {
    // Every occurrence of a recurring meeting is in Teams' one meeting, so in its one chat.
    const ref = teamsMeetingRef(occurrence);
    const key = `${ref.tenantId}\n${ref.meetingId}`;
    const hit = this.cache.get(key);
    if (hit) return hit;
    const chat = await this.fetchChat(ref);
    if (!chat) throw new TeamsUnavailableError("Teams did not say which chat this meeting belongs to, so its SIR items cannot be found.");
    const series = seriesIdOf(chat);
    this.cache.set(key, series);
    if (this.cache.size > MAX_CACHED) {
      const oldest = this.cache.keys().next().value;
      if (oldest !== undefined) this.cache.delete(oldest);
    }
    return series;
  }
}
