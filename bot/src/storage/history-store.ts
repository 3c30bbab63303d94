/**
 * @module The series' occurrences, for the meeting history: one row per meeting in the series' partition of the
 * `meetings` table (`h.<b64url tenant>.<b64url series>`, RowKey the b64url meeting id) with when it started and ended.
 * Written when a meeting starts or ends (from the panel or from Teams' events) with Merge and only the fields that
 * are known, so writes in any order never take a fact away; a replay writes the same values again.
 */
import type { TableClient } from "@azure/data-tables";
import type { MeetingRef } from "../../../shared/src/meeting/state.js";
import { encodeKey } from "./keys.js";

/** `h.` is neither a meeting partition (`m.…`) nor a series set-up (`s.…`). */
const historyPartition = (tenantId: string, seriesId: string): string => `h.${encodeKey(tenantId)}.${encodeKey(seriesId)}`;

/** How many occurrences a history read looks at: about two years of weekly meetings. */
export const HISTORY_MAX = 120;

export interface Occurrence {
  readonly meetingId: string;
  readonly startedAt: number | null;
  readonly endedAt: number | null;
}

interface OccurrenceEntity {
  partitionKey: string;
  rowKey: string;
  meetingId: string;
  startedAt?: number;
  endedAt?: number;
}

export class HistoryStore {
  constructor(private readonly table: TableClient) {}

  /** Notes that the meeting is an occurrence of the series, with what is known of its start and end. */
  async note(ref: MeetingRef, seriesId: string, times: { readonly startedAt: number | null; readonly endedAt: number | null }): Promise<void> {
    const entity: OccurrenceEntity = {
      partitionKey: historyPartition(ref.tenantId, seriesId),
      rowKey: encodeKey(ref.meetingId),
      meetingId: ref.meetingId,
      ...(times.startedAt !== null ? { startedAt: times.startedAt } : {}),
      ...(times.endedAt !== null ? { endedAt: times.endedAt } : {}),
    };
    await this.table.upsertEntity(entity, "Merge");
  }

  /** The series' occurrences, newest start first, at most `HISTORY_MAX` (the partition is read in pages of that size). */
  async list(tenantId: string, seriesId: string): Promise<Occurrence[]> {
    const pk = historyPartition(tenantId, seriesId).replace(/'/g, "''");
    const found: Occurrence[] = [];
    const pages = this.table.listEntities<OccurrenceEntity>({ queryOptions: { filter: `PartitionKey eq '${pk}'`, select: ["meetingId", "startedAt", "endedAt"] } }).byPage({ maxPageSize: HISTORY_MAX });
    // A series that has met for many years keeps reading pages, but keeps only the newest HISTORY_MAX in memory.
    for await (const page of pages) {
      for (const e of page) found.push({ meetingId: e.meetingId, startedAt: e.startedAt ?? null, endedAt: e.endedAt ?? null });
      found.sort((a, b) => (b.startedAt ?? 0) - (a.startedAt ?? 0));
      found.length = Math.min(found.length, HISTORY_MAX);
    }
    return found;
  }
}
