/**
 * @module Bench: the priorities walk with 15 members in the lead's side panel (320 px, headless Chromium inside the
 * local meeting page, real teams-js; the service a child process with `LOCAL_ATTENDEES=15`). Measures, median of
 * BENCH_WALK_RUNS: opening the section until all 15 members are drawn (lazy chunk, GET, render); a member's entry saved
 * over HTTP until the lead's panel shows them prepared (stream → render); the lead's "Next person" until the panel
 * shows the next speaker (command round trip → render). Alone: `BENCH_QUICK=1 node --import tsx test/bench/priorities-walk.ts`.
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { generatedAttendees, LOCAL_MEETING_ID } from "../../bot/src/local/roster.js";
import { launchBrowser } from "../e2e/meeting-page.js";
import { median, nowMs, QUICK, r1, startService, stop } from "./common.js";

const RUNS = Number(process.env.BENCH_WALK_RUNS ?? (QUICK ? 2 : 5));
const MEMBERS = 15;

export async function prioritiesWalkBench(): Promise<{ members: number; runs: number; openToMembersMs: number; liveEntryMs: number; nextSpeakerMs: number }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "okr-bench-walk-"));
  const service = await startService({ DATA_DIR: dir, LOCAL_ATTENDEES: String(MEMBERS) });
  const browser = await launchBrowser();
  const people = generatedAttendees(MEMBERS);
  const lead = people[0]?.userId ?? "";
  const open: number[] = [];
  const live: number[] = [];
  const next: number[] = [];
  try {
    const week = async (token: string) => ((await (await fetch(`${service.url}/api/meetings/${encodeURIComponent(LOCAL_MEETING_ID)}/priorities`, { headers: { authorization: `Bearer ${token}` } })).json()) as { week: string }).week;
    for (let run = 0; run < RUNS; run++) {
      const context = await browser.newContext({ viewport: { width: 1500, height: 900 } });
      await context.route(/^(?!http:\/\/127\.0\.0\.1[:/])/, (route) => route.abort());
      const page = await context.newPage();
      await page.goto(`${service.url}/tab/local/meeting.html?users=${encodeURIComponent(lead)}`);
      const panel = page.frameLocator('[data-testid="panel-frame"]');
      await panel.locator('[data-testid="section-item"]').first().waitFor({ state: "visible", timeout: 30_000 });
      let t0 = nowMs();
      await panel.getByTestId("priorities-toggle").click();
      await panel.locator('[data-testid="priorities-member"]').nth(MEMBERS - 1).waitFor({ state: "visible", timeout: 30_000 });
      open.push(nowMs() - t0);

      const member = people[2 + run] ?? people[2];
      if (!member) throw new Error("no member");
      const token = ((await (await fetch(`${service.url}/local/token`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ userId: member.userId }) })).json()) as { token: string }).token;
      const row = panel.locator(`[data-testid="priorities-member"][data-user-id="${member.userId}"][data-prepared="true"]`);
      const command = { id: randomUUID(), type: "savePriorities", week: await week(token), memberId: member.userId, fields: { lastWeek: [], nextWeek: [{ text: `Run ${run}`, why: "" }], learned: "", change: "" } };
      t0 = nowMs();
      const res = await fetch(`${service.url}/api/meetings/${encodeURIComponent(LOCAL_MEETING_ID)}/priorities/commands`, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${token}` }, body: JSON.stringify({ command }) });
      if (res.status !== 200) throw new Error(`save: HTTP ${res.status} ${await res.text()}`);
      await row.waitFor({ state: "attached", timeout: 30_000 });
      live.push(nowMs() - t0);

      const button = panel.getByTestId((await panel.getByTestId("priorities-start").count()) > 0 ? "priorities-start" : "priorities-next");
      const before = await panel.getByTestId("priorities-speaker").getAttribute("data-user-id", { timeout: 100 }).catch(() => null);
      t0 = nowMs();
      await button.click();
      await panel.locator(`[data-testid="priorities-speaker"]${before ? `:not([data-user-id="${before}"])` : ""}`).waitFor({ state: "visible", timeout: 30_000 });
      next.push(nowMs() - t0);
      await context.close();
    }
    return { members: MEMBERS, runs: RUNS, openToMembersMs: r1(median(open)), liveEntryMs: r1(median(live)), nextSpeakerMs: r1(median(next)) };
  } finally {
    await browser.close();
    await stop(service);
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(JSON.stringify(await prioritiesWalkBench(), null, 2));
  process.exit(0);
}
