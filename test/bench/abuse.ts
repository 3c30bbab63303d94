/**
 * @module `npx tsx test/bench/abuse.ts`: what one abusive user costs everyone else. The service runs as its own
 * process (embedded Azurite on disk, the default set-up); a well-behaved lead sends one command every 50 ms and we
 * time each answer, first alone, then while another user of the same meeting bursts (500 commands as fast as
 * possible, then 200 stream opens). Prints the lead's latencies in both phases, what the abuser got (accepted,
 * 429), and the service's RSS before, during and after. Figures only; the limits themselves are checked in
 * test/limits.test.ts.
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { LOCAL_ATTENDEES, LOCAL_MEETING_ID } from "../../bot/src/local/roster.js";
import { ServiceClient, startServiceProcess, waitFor } from "../helpers/processes.js";

const [LEAD, PRESENTER] = LOCAL_ATTENDEES.map((a) => a.userId) as [string, string];
const meetingPath = (rest = "") => `/api/meetings/${encodeURIComponent(LOCAL_MEETING_ID)}${rest}`;
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? NaN;
const rssMiB = (pid: number) => {
  const kb = Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? NaN);
  return Math.round((kb / 1024) * 10) / 10;
};

/** The lead's commands, one every 50 ms until `stop`, each timed from send to answer. */
async function leadLatencies(client: ServiceClient, stop: () => boolean): Promise<number[]> {
  const times: number[] = [];
  while (!stop()) {
    const t0 = performance.now();
    const res = await client.request(LEAD, meetingPath("/commands"), { command: { id: `lead-${randomUUID()}`, type: "renameSection", sectionId: "goodNews", title: `t ${times.length}` } });
    if (res.status !== 200) throw new Error(`the lead's command got HTTP ${res.status}`);
    times.push(performance.now() - t0);
    await new Promise((r) => setTimeout(r, 50));
  }
  return times;
}

const dataDir = mkdtempSync(path.join(os.tmpdir(), "okr-abuse-"));
const service = await startServiceProcess({ DATA_DIR: dataDir });
const pid = service.child.pid ?? 0;
try {
  const client = new ServiceClient(service.url);
  await client.request(LEAD, meetingPath("/commands"), { command: { id: `start-${randomUUID()}`, type: "startMeeting" } });

  const rssBefore = rssMiB(pid);
  const quietUntil = performance.now() + 5_000;
  const alone = await leadLatencies(client, () => performance.now() > quietUntil);

  let bursting = true;
  const during = leadLatencies(client, () => !bursting);
  // The abuser: 500 commands at once, then 200 streams.
  const burst = await Promise.all(
    Array.from({ length: 500 }, () => client.request(PRESENTER, meetingPath("/commands"), { command: { id: `abuse-${randomUUID()}`, type: "renameSection", sectionId: "kpis", title: "spam" } })),
  );
  const token = await client.token(PRESENTER);
  const streams = await Promise.all(
    Array.from({ length: 200 }, async () => {
      const ac = new AbortController();
      const res = await fetch(`${service.url}${meetingPath("/stream")}`, { headers: { authorization: `Bearer ${token}`, accept: "text/event-stream" }, signal: ac.signal });
      return { status: res.status, close: () => ac.abort() };
    }),
  );
  const rssDuring = rssMiB(pid);
  // Keep the streams open a moment while the lead carries on, then let go.
  const holdUntil = performance.now() + 2_000;
  await waitFor("the hold", () => (performance.now() > holdUntil ? true : undefined), 5_000, 50);
  bursting = false;
  const withAbuse = await during;
  for (const s of streams) s.close();
  const rssAfter = rssMiB(pid);

  const accepted = burst.filter((r) => r.status === 200).length;
  const limited = burst.filter((r) => r.status === 429).length;
  console.log(`machine: ${os.cpus().length} cores, Node ${process.version}, ${new Date().toISOString()}`);
  console.log("| the lead's command (every 50 ms) | n | p50 | p99 | max |");
  console.log("|---|---|---|---|---|");
  for (const [name, xs] of [["alone", alone], ["while another user bursts", withAbuse]] as const) {
    console.log(`| ${name} | ${xs.length} | ${pct(xs, 50).toFixed(1)} ms | ${pct(xs, 99).toFixed(1)} ms | ${Math.max(...xs).toFixed(1)} ms |`);
  }
  console.log(`abuser: 500 commands → ${accepted} accepted, ${limited} × 429; 200 streams → ${streams.filter((s) => s.status === 200).length} open, ${streams.filter((s) => s.status === 429).length} × 429`);
  console.log(`service RSS: ${rssBefore} MiB before, ${rssDuring} MiB during, ${rssAfter} MiB after`);
} finally {
  service.kill("SIGTERM");
  await service.exited;
  rmSync(dataDir, { recursive: true, force: true });
}
