/** @module The crash workload shared by test/crash.test.ts and `npm run soak`: attendees send commands as fast as the service answers; afterwards, check that everything acknowledged is still there. */
import { randomUUID } from "node:crypto";
import { LOCAL_ATTENDEES, LOCAL_MEETING_ID } from "../../bot/src/local/roster.js";
import type { CommandResponse, SnapshotResponse } from "../../shared/src/wire/protocol.js";
import type { SirCommandResponse, SirListResponse } from "../../shared/src/wire/sir-protocol.js";
import type { ServiceClient } from "./processes.js";

const [ORGANIZER, , ATTENDEE] = LOCAL_ATTENDEES.map((a) => a.userId) as [string, string, string];
const meetingPath = (rest = "") => `/api/meetings/${encodeURIComponent(LOCAL_MEETING_ID)}${rest}`;

/**
 * The service's settings for this workload: it sends one user's commands as fast as the service answers and then
 * re-sends every acknowledged id to check it, far past the per-user rate limit (20/s); the limit has its own test
 * (test/limits.test.ts), here it would only turn checks into 429s.
 */
export const FLOOD_ENV: Readonly<Record<string, string>> = { COMMAND_RATE: "100000", COMMAND_BURST: "100000", MEETING_COMMAND_RATE: "100000", MEETING_COMMAND_BURST: "100000" };

/** mulberry32: the same seed gives the same kill moments in every run. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Acknowledged {
  /** Meeting command id → the version its 200 answer named. */
  readonly commands: Map<string, number>;
  readonly sirItems: Set<string>;
}

/**
 * Sends renames (meeting commands) and SIR creates from `workers` concurrent loops until `stop` aborts;
 * records what was answered 200. Requests cut off by the kill count as not acknowledged.
 */
export async function flow(client: ServiceClient, stop: AbortSignal, acked: Acknowledged, workers = 4): Promise<void> {
  const loop = async (w: number) => {
    for (let n = 0; !stop.aborted; n++) {
      try {
        if (n % 3 === 2) {
          const res = await client.request<SirCommandResponse>(ATTENDEE, meetingPath("/sir/commands"), { command: { id: randomUUID(), type: "createSir", fields: { kind: "information", title: `w${w} n${n}`, problem: "", proposals: [], recommendation: "", concerns: "", meetingId: null } } }, stop);
          if (res.status === 200) acked.sirItems.add(res.body.item.id);
        } else {
          const id = `crash-${randomUUID()}`;
          const res = await client.request<CommandResponse>(ORGANIZER, meetingPath("/commands"), { command: { id, type: "renameSection", sectionId: "goodNews", title: `w${w} n${n}` } }, stop);
          if (res.status === 200) acked.commands.set(id, res.body.version);
        }
      } catch {
        if (stop.aborted) return;
        return; // The service is gone (killed): this worker's in-flight request was never answered.
      }
    }
  };
  await Promise.all(Array.from({ length: workers }, (_, w) => loop(w)));
}

export interface KeptReport {
  /** The meeting's stored version after the restart. */
  readonly version: number;
  /** Acknowledged meeting commands the restarted service does not know (or knows with another version). */
  readonly lostCommands: readonly string[];
  /** Acknowledged SIR items missing from the list. */
  readonly lostSirItems: readonly string[];
  /** The highest acknowledged version is above what was stored. */
  readonly versionWentBack: boolean;
}

/** Checks a restarted service against what was acknowledged before the kill: every command id is answered as a duplicate with its version, every SIR item is listed. */
export async function checkKept(client: ServiceClient, acked: Acknowledged, ids: Iterable<string> = acked.commands.keys()): Promise<KeptReport> {
  const snap = await client.request<SnapshotResponse>(ORGANIZER, meetingPath());
  if (snap.status !== 200) throw new Error(`snapshot: HTTP ${snap.status}`);
  const maxAcked = Math.max(0, ...acked.commands.values());
  const lostCommands: string[] = [];
  for (const id of ids) {
    const retry = await client.request<CommandResponse>(ORGANIZER, meetingPath("/commands"), { command: { id, type: "renameSection", sectionId: "goodNews", title: "retried" } });
    // A refusal is not an answer about the command: say so rather than count it lost.
    if (retry.status !== 200 && retry.status !== 409) throw new Error(`checking ${id}: HTTP ${retry.status} ${JSON.stringify(retry.body)}`);
    if (retry.status !== 200 || !retry.body.duplicate || retry.body.version !== acked.commands.get(id)) lostCommands.push(id);
  }
  const list = await client.request<SirListResponse>(ATTENDEE, meetingPath("/sir"));
  if (list.status !== 200) throw new Error(`SIR list: HTTP ${list.status}`);
  const stored = new Set(list.body.items.map((i) => i.id));
  return { version: snap.body.meeting.version, lostCommands, lostSirItems: [...acked.sirItems].filter((id) => !stored.has(id)), versionWentBack: snap.body.meeting.version < maxAcked };
}
