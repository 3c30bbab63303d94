/**
 * @module Bench item 7 (timing half): navigation → the agenda visible, in headless Chromium inside the local meeting
 * page (the Teams host stand-in, real teams-js in an iframe), one attendee, a fresh browser context each time so
 * nothing is cached; the service as a child process. The median of BENCH_TAB_LOADS (10).
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { LOCAL_ATTENDEES } from "../../bot/src/local/roster.js";
import { launchBrowser } from "../e2e/meeting-page.js";
import { median, nowMs, QUICK, r1, startService, stop } from "./common.js";

const LOADS = Number(process.env.BENCH_TAB_LOADS ?? (QUICK ? 3 : 10));

export async function tabBench(): Promise<{ loads: number; agendaVisibleMedianMs: number; maxMs: number; panelFrameStartMedianMs: number; panelOwnMedianMs: number; agendaPaintedMedianMs: number }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "okr-bench-tab-"));
  const service = await startService({ DATA_DIR: dir });
  const browser = await launchBrowser();
  const user = LOCAL_ATTENDEES[0]?.userId ?? "";
  try {
    const ms: number[] = [];
    // When the panel's frame began loading (after the local meeting page, Teams' stand-in, made it), and from then on.
    const frameStart: number[] = [];
    const own: number[] = [];
    // When the browser painted the agenda's first title (Element Timing), from navigation: Playwright's "visible" comes
    // after it by its own polling and round trips, and by whatever the page's main thread does next.
    const painted: number[] = [];
    for (let i = 0; i < LOADS; i++) {
      const context = await browser.newContext({ viewport: { width: 1500, height: 900 } });
      // Offline machine: anything not this service fails at once (teams-js asks a CDN for its domain list).
      await context.route(/^(?!http:\/\/127\.0\.0\.1[:/])/, (route) => route.abort());
      await context.addInitScript(() => {
        const w = window as unknown as { __agendaPaint?: number };
        new PerformanceObserver((list) => {
          for (const e of list.getEntries() as Array<PerformanceEntry & { identifier?: string; renderTime?: number }>) {
            if (e.identifier === "agenda" && w.__agendaPaint === undefined) w.__agendaPaint = performance.timeOrigin + (e.renderTime || e.startTime);
          }
        }).observe({ type: "element", buffered: true });
      });
      const page = await context.newPage();
      const t0 = nowMs();
      await page.goto(`${service.url}/tab/local/meeting.html?users=${encodeURIComponent(user)}`);
      await page.frameLocator('[data-testid="panel-frame"]').locator('[data-testid="section-item"]').first().waitFor({ state: "visible", timeout: 30_000 });
      const total = nowMs() - t0;
      ms.push(total);
      const panel = page.frames().find((f) => f !== page.mainFrame() && new URL(f.url()).pathname.startsWith("/tab/index.html"));
      if (panel) {
        // Both time origins are on the wall clock; the page's is its navigation start, within a millisecond of t0.
        const started = (await panel.evaluate(() => performance.timeOrigin)) - (await page.evaluate(() => performance.timeOrigin));
        frameStart.push(started);
        own.push(total - started);
        const paint = await panel.evaluate(() => (window as unknown as { __agendaPaint?: number }).__agendaPaint);
        if (paint !== undefined) painted.push(paint - (await page.evaluate(() => performance.timeOrigin)));
      }
      await context.close();
    }
    return { loads: LOADS, agendaVisibleMedianMs: r1(median(ms)), maxMs: r1(Math.max(...ms)), panelFrameStartMedianMs: r1(median(frameStart)), panelOwnMedianMs: r1(median(own)), agendaPaintedMedianMs: r1(median(painted)) };
  } finally {
    await browser.close();
    await stop(service);
    rmSync(dir, { recursive: true, force: true });
  }
}
