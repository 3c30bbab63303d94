/** @module Table keys: any Teams id made safe for PartitionKey/RowKey ('/', '\\', '#', '?' and control characters are not allowed there). */
import type { MeetingRef } from "../../../shared/src/meeting/state.js";

export function encodeKey(value: string): string {
  return Buffer.from(value, "utf8").toString("base64url");
}

/** One partition per meeting of a tenant: the meeting's state and, later, its items live together. */
export function meetingPartition(ref: MeetingRef): string {
  return `m.${encodeKey(ref.tenantId)}.${encodeKey(ref.meetingId)}`;
}
