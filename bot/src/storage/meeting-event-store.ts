/**
 * @module What the bot has already done for a Teams meeting event: one row per (meeting, event kind) in the meeting's
 * partition of the `meetings` table (RowKey `ev.<kind>`), created once. Teams may deliver an event twice; the create
 * is the check (409 = done before), so its card is posted once whichever instance gets the second delivery.
 */
import type { TableClient } from "@azure/data-tables";
import type { MeetingRef } from "../../../shared/src/meeting/state.js";
import { meetingPartition } from "./keys.js";
import { restStatus } from "./tables.js";

export type MeetingEventKind = "start" | "end";

/** `ev.` cannot collide with the meeting store's `state` / `c.…`, the set-up's `setup` / `u.…` or the ratings' `r.…`. */
const eventRow = (kind: MeetingEventKind): string => `ev.${kind}`;

export class MeetingEventStore {
  constructor(
    private readonly table: TableClient,
    private readonly now: () => number = Date.now,
  ) {}

  /** True the first time for this meeting and kind; false when it was claimed before. */
  async claim(ref: MeetingRef, kind: MeetingEventKind): Promise<boolean> {
    try {
      await this.table.createEntity({ partitionKey: meetingPartition(ref), rowKey: eventRow(kind), at: this.now() });
      return true;
    } catch (err) {
      if (restStatus(err) === 409) return false;
      throw err;
    }
  }

  /** Gives a claim back (the card could not be posted), so Teams' redelivery tries again. */
  async release(ref: MeetingRef, kind: MeetingEventKind): Promise<void> {
    try {
      await this.table.deleteEntity(meetingPartition(ref), eventRow(kind));
    } catch (err) {
      if (restStatus(err) !== 404) throw err;
    }
  }
}
