/**
 * @module Bench: the Actions section with 200 open actions at 320 px (issue 9), in headless Chromium inside the local
 * meeting page (real teams-js, one organizer's panel). Two figures, measured in the panel's own page:
 * - render: the Actions toggle clicked → 200 rows in the DOM and the next frame painted (the lazy chunk, GET …/actions
 *   and React's render), first open (chunk not yet loaded) and the median of BENCH_ACTIONS_OPENS re-opens;
 * - live change: an action's status changed over HTTP by another user → its row shows the new status (the store, the
 *   hub's SSE frame, the panel's upsert and re-render), median and max of BENCH_ACTIONS_CHANGES changes;
 * and the longest main-thread task (PerformanceObserver "longtask", ≥ 50 ms) in each phase: jank shows up there.
 */
import { randomUUID } from "node:crypto";
import { ActionStore } from "../../bot/src/storage/action-store.js";
import { LOCAL_ATTENDEES, LOCAL_CHAT_ID, LOCAL_MEETING_ID, LOCAL_TENANT_ID } from "../../bot/src/local/roster.js";
import { addDays, dayIn } from "../../shared/src/actions/dates.js";
import type { Action } from "../../shared/src/actions/model.js";
import { launchBrowser, MeetingPage, startLocalApp } from "../e2e/meeting-page.js";
import { median, QUICK, r1 } from "./common.js";

const ACTIONS = 200;
const OPENS = Number(process.env.BENCH_ACTIONS_OPENS ?? (QUICK ? 2 : 5));
const CHANGES = Number(process.env.BENCH_ACTIONS_CHANGES ?? (QUICK ? 3 : 10));

export interface ActionsPanelResult {
  readonly actions: number;
  readonly firstOpenMs: number;
  readonly reopenMedianMs: number;
  /** The longest task of the first open (the lazy chunk parsed and run, too) and of the re-opens. */
  readonly firstLongestTaskMs: number;
  readonly renderLongestTaskMs: number;
  readonly liveChangeMedianMs: number;
  readonly liveChangeMaxMs: number;
  readonly liveLongestTaskMs: number;
}

export async function actionsPanelBench(): Promise<ActionsPanelResult> {
  // BENCH_TAB_DIR: another build of the panel (e.g. a copy of dist/tab made before a change), to compare two side by side.
  const app = await startLocalApp(process.env.BENCH_TAB_DIR ? { TAB_DIR: process.env.BENCH_TAB_DIR } : {});
  const browser = await launchBrowser();
  const lead = LOCAL_ATTENDEES[0];
  const owner = LOCAL_ATTENDEES[2];
  if (!lead || !owner || !app.devIssuer) throw new Error("local roster and dev issuer needed");
  try {
    // 200 open actions in the local meeting's series, through the same store the API uses.
    const store = new ActionStore(app.tables.actions);
    const people = LOCAL_ATTENDEES.slice(0, 4).map((a) => ({ userId: a.userId, name: a.name }));
    const today = dayIn(Date.now(), "Europe/Oslo");
    const made: Action[] = [];
    for (let i = 0; i < ACTIONS; i++) {
      const result = await store.execute(
        { tenantId: LOCAL_TENANT_ID, seriesId: LOCAL_CHAT_ID, timeZone: "Europe/Oslo", people },
        { id: randomUUID(), type: "createAction", fields: { title: `Action ${i + 1}: follow up the customer survey with the regional teams`, owners: [owner.userId, people[i % 4]?.userId ?? owner.userId].filter((v, j, all) => all.indexOf(v) === j), due: addDays(today, (i % 60) + 1), subtasks: i % 3 === 0 ? ["Call", "Write it up"] : [], source: null } },
        { person: { userId: lead.userId, name: lead.name }, isLead: true },
      );
      if (!result.ok) throw new Error(result.error.message);
      made.push(result.action);
    }

    const meeting = await MeetingPage.open(browser, app.url, { users: [lead.userId] });
    const panel = meeting.panel(lead.userId);
    await panel.ready();
    const frame = await panel.contentFrame();
    // tsx (esbuild, keepNames) wraps named functions of the code below in __name(); the page has none.
    await frame.evaluate("globalThis.__name = (f) => f");
    await frame.evaluate(() => {
      const w = window as unknown as { __longest: number };
      w.__longest = 0;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.__longest = Math.max(w.__longest, e.duration);
      }).observe({ type: "longtask", buffered: false });
    });
    const longest = (): Promise<number> => frame.evaluate(() => (window as unknown as { __longest: number }).__longest);
    const resetLongest = (): Promise<void> => frame.evaluate(() => void ((window as unknown as { __longest: number }).__longest = 0));

    /** Clicks the toggle and resolves when `count` rows are in the DOM and a frame has been painted after it. */
    const openMs = (): Promise<number> =>
      frame.evaluate(
        (count) =>
          new Promise<number>((resolve, reject) => {
            const toggle = document.querySelector<HTMLButtonElement>('[data-testid="actions-toggle"]');
            if (!toggle) return reject(new Error("no actions toggle"));
            const t0 = performance.now();
            toggle.click();
            const check = () => {
              if (document.querySelectorAll('[data-testid="action-row"]').length >= count) requestAnimationFrame(() => resolve(performance.now() - t0));
              else if (performance.now() - t0 > 60_000) reject(new Error("the rows did not appear"));
              else requestAnimationFrame(check);
            };
            requestAnimationFrame(check);
          }),
        ACTIONS,
      );
    const close = async () => {
      await panel.testId("actions-toggle").click();
      await panel.testId("actions-section").waitFor({ state: "detached", timeout: 30_000 });
    };

    await resetLongest();
    const firstOpenMs = await openMs();
    const firstLongestTaskMs = await longest();
    await resetLongest();
    const reopens: number[] = [];
    for (let i = 0; i < OPENS; i++) {
      await close();
      reopens.push(await openMs());
    }
    const renderLongestTaskMs = await longest();

    // Live: another user (the owner) changes one action's status; the lead's open panel shows it.
    const token = await app.devIssuer.sign({ oid: owner.userId, tid: LOCAL_TENANT_ID, name: owner.name });
    await resetLongest();
    const live: number[] = [];
    for (let i = 0; i < CHANGES; i++) {
      const target = made[(i * 37) % made.length];
      if (!target) continue;
      const status = i % 2 === 0 ? "inProgress" : "blocked";
      const seen = frame.evaluate(
        ({ id, want }) =>
          new Promise<number>((resolve, reject) => {
            const row = document.querySelector(`[data-testid="action-row"][data-action-id="${id}"]`);
            if (!row) return reject(new Error(`no row ${id}`));
            const observer = new MutationObserver(() => {
              if (row.getAttribute("data-status") === want) {
                observer.disconnect();
                requestAnimationFrame(() => resolve(Date.now()));
              }
            });
            observer.observe(row, { attributes: true, attributeFilter: ["data-status"] });
          }),
        { id: target.id, want: status },
      );
      const t0 = Date.now();
      const res = await fetch(`${app.url}/api/meetings/${encodeURIComponent(LOCAL_MEETING_ID)}/actions/commands`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify({ command: { id: randomUUID(), type: "setActionStatus", actionId: target.id, status } }),
      });
      if (!res.ok) throw new Error(`live change: ${res.status} ${await res.text()}`);
      live.push((await seen) - t0);
    }
    const liveLongestTaskMs = await longest();
    await meeting.close();
    return {
      actions: ACTIONS,
      firstOpenMs: r1(firstOpenMs),
      reopenMedianMs: r1(median(reopens)),
      firstLongestTaskMs: r1(firstLongestTaskMs),
      renderLongestTaskMs: r1(renderLongestTaskMs),
      liveChangeMedianMs: r1(median(live)),
      liveChangeMaxMs: r1(Math.max(...live)),
      liveLongestTaskMs: r1(liveLongestTaskMs),
    };
  } finally {
    await browser.close();
    await app.close();
  }
}

// Run alone: `npx tsx test/bench/actions-panel.ts` (needs the built panel: npx vite build).
if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await actionsPanelBench(), null, 2));
  process.exit(0);
}
