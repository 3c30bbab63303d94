/**
 * Browser end-to-end for the panel's lazily loaded sections while their code is still on its way (a slow network, a
 * busy machine): each toggle's aria-controls names an element that exists, the place says it is loading, axe finds
 * nothing, and the section appears once its code arrives.
 */
import type { Route } from "playwright-core";
import { describe, expect, it } from "vitest";
import { LOCAL_ATTENDEES } from "../../bot/src/local/roster.js";
import { browserSuite, PANEL_BUILD, startLocalApp } from "./meeting-page.js";

const ORGANIZER = LOCAL_ATTENDEES[0]?.userId ?? "";
const suite = browserSuite({ built: PANEL_BUILD });

/** The toggles of the sections whose code is loaded on first open, with the chunk each one needs. */
const SECTIONS = [
  { toggle: "good-news-toggle", chunk: "GoodNewsSection" },
  { toggle: "kpi-toggle", chunk: "KpiSection" },
  { toggle: "sir-toggle", chunk: "SirSection" },
  { toggle: "decision-log-toggle", chunk: "DecisionLog" },
  { toggle: "actions-toggle", chunk: "ActionsSection" },
  { toggle: "priorities-toggle", chunk: "PrioritiesSection" },
  { toggle: "summary-toggle", chunk: "SummarySection" },
  { toggle: "review-toggle", chunk: "MeetingReview" },
] as const;

describe("a section whose code is still loading", () => {
  it.each(SECTIONS)("$toggle: aria-controls names the loading place, axe is clean, and the section follows", async ({ toggle, chunk }) => {
    suite.app = await startLocalApp();
    const meeting = await suite.open({ users: [ORGANIZER] });
    const held: Route[] = [];
    await meeting.context.route(new RegExp(`/assets/${chunk}-[^/]+\\.js$`), (route) => {
      held.push(route);
    });
    const lead = meeting.panel(ORGANIZER);
    await lead.ready();

    const button = lead.testId(toggle);
    // Good news opens by itself in its own section; every other section starts closed.
    if ((await button.getAttribute("aria-expanded")) !== "true") await button.click();
    await expect.poll(() => held.length).toBeGreaterThan(0);
    const controls = await button.getAttribute("aria-controls");
    expect(controls).toBeTruthy();
    const place = lead.frame.locator(`[id="${controls}"]`);
    await expect.poll(() => place.count()).toBe(1);
    const loading = place.locator('[role="status"][aria-busy="true"]');
    await expect.poll(() => loading.count()).toBe(1);
    const loadingText = (await loading.textContent()) ?? "";
    expect(loadingText).not.toBe("");
    expect(await lead.axeViolations()).toEqual([]);

    // The code arrives: the section takes the place (same id), and its loading text is gone.
    for (const route of held.splice(0)) await route.continue();
    await expect.poll(() => place.getByText(loadingText, { exact: true }).count(), { timeout: 20_000 }).toBe(0);
    expect(await place.count()).toBe(1);
  });
});
