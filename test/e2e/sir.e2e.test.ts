/** Browser end-to-end for SIR: an item prepared in chat (a real card invoke to the bot) shows in every panel; the lead records a decision; what stays open carries over to next week's meeting. */
import { randomUUID } from "node:crypto";
import { mkdirSync } from "node:fs";
import type { Browser } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createApp, type App } from "../../bot/src/app.js";
import { loadConfig } from "../../bot/src/config.js";
import { LOCAL_ATTENDEES, LOCAL_CHAT_ID, LOCAL_TENANT_ID } from "../../bot/src/local/roster.js";
import { launchBrowser, MeetingPage } from "./meeting-page.js";

const [ORGANIZER, , ATTENDEE] = LOCAL_ATTENDEES as unknown as [(typeof LOCAL_ATTENDEES)[number], unknown, (typeof LOCAL_ATTENDEES)[number]];

let app: App;
let browser: Browser;
const pages: MeetingPage[] = [];

beforeAll(async () => {
  mkdirSync("test-results/screenshots", { recursive: true });
  browser = await launchBrowser();
});
afterEach(async () => {
  await Promise.all(pages.splice(0).map((p) => p.close()));
  await app?.close();
});
afterAll(async () => {
  await browser?.close();
});

/** Kari-style preparation in the meeting chat: the SIR form's Action.Execute, as Teams posts it to the bot. */
async function prepareInChat(title: string): Promise<void> {
  const res = await fetch(`${app.url}/api/messages`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      type: "invoke",
      name: "adaptiveCard/action",
      id: `activity-${randomUUID()}`,
      timestamp: new Date().toISOString(),
      serviceUrl: `${app.url}/local/connector/`,
      channelId: "msteams",
      from: { id: `29:${ATTENDEE.userId}`, name: ATTENDEE.name, aadObjectId: ATTENDEE.userId },
      recipient: { id: "28:okr-bot", name: "OKR result meeting" },
      conversation: { id: LOCAL_CHAT_ID, conversationType: "groupChat", isGroup: true, tenantId: LOCAL_TENANT_ID },
      channelData: { tenant: { id: LOCAL_TENANT_ID } },
      locale: "en-US",
      value: {
        action: {
          type: "Action.Execute",
          verb: "sir.submit",
          data: { kind: "issue", title, problem: "Deals stall after the demo", proposal1: "Follow up within a day", proposal2: "Offer a pilot", recommendation: "Offer a pilot", concerns: "" },
        },
        trigger: "manual",
      },
    }),
  });
  expect(res.status).toBe(200);
}

describe("SIR items in the meeting", () => {
  it("an item prepared in chat appears in every panel; the lead's decision reaches the attendee; open items carry over to next week", async () => {
    app = await createApp(loadConfig({ APP_ENV: "local", PORT: "0", TAB_DIR: "dist/tab", ROLE_TTL_MS: "0" }), { inMemoryStorage: true });
    const meeting = await MeetingPage.open(browser, app.url, { users: [ORGANIZER.userId, ATTENDEE.userId] });
    pages.push(meeting);
    const lead = meeting.panel(ORGANIZER.userId);
    const alex = meeting.panel(ATTENDEE.userId);
    await lead.ready();
    await alex.ready();

    // Open the SIR list in both panels, then prepare two items in chat: they arrive live.
    await lead.testId("sir-toggle").click();
    await alex.testId("sir-toggle").click();
    await prepareInChat("Demo-to-deal conversion");
    await prepareInChat("Office move");
    for (const panel of [lead, alex]) {
      await expect.poll(() => panel.frame.locator('[data-testid="sir-item"]').count()).toBe(2);
    }
    const item = (title: string) => lead.frame.locator('[data-testid="sir-item"]', { hasText: title });
    const alexItem = (title: string) => alex.frame.locator('[data-testid="sir-item"]', { hasText: title });
    expect(await alexItem("Demo-to-deal conversion").getByTestId("sir-readiness").getAttribute("data-ready")).toBe("true");
    // Attendees see the items but cannot decide.
    await alexItem("Demo-to-deal conversion").getByTestId("sir-open").click();
    expect(await alex.testId("sir-decision-input").count()).toBe(0);

    // The lead opens the first item for discussion with a 5-minute box: every panel follows.
    await lead.testId("btn-start-meeting").click();
    await item("Demo-to-deal conversion").getByTestId("sir-discuss-minutes").selectOption("5");
    await item("Demo-to-deal conversion").getByTestId("sir-discuss").click();
    await expect.poll(() => alexItem("Demo-to-deal conversion").getAttribute("data-focused")).toBe("true");
    const left = Number(await alexItem("Demo-to-deal conversion").getByTestId("sir-countdown").getAttribute("data-remaining-ms"));
    expect(left).toBeGreaterThan(4 * 60_000);
    expect(left).toBeLessThanOrEqual(5 * 60_000);

    // The lead decides with a follow-up action and resolves it.
    await item("Demo-to-deal conversion").getByTestId("sir-decision-input").fill("Offer a two-week pilot to every qualified lead");
    await item("Demo-to-deal conversion").getByTestId("sir-action-title").fill("Write the pilot offer");
    await item("Demo-to-deal conversion").getByTestId("sir-action-owner").fill("Sven");
    await item("Demo-to-deal conversion").getByTestId("sir-decision-save").click();
    await expect.poll(() => alexItem("Demo-to-deal conversion").getByTestId("sir-decision").textContent()).toContain("Offer a two-week pilot");
    await item("Demo-to-deal conversion").getByTestId("sir-resolve").click();
    await expect.poll(() => alexItem("Demo-to-deal conversion").getAttribute("data-status")).toBe("resolved");
    await item("Demo-to-deal conversion").getByTestId("sir-close-discussion").click();
    await expect.poll(() => alexItem("Demo-to-deal conversion").getAttribute("data-focused")).toBe("false");

    // The decision log finds it by a word of the decision.
    await alex.testId("decision-log-toggle").click();
    await alex.testId("decision-log-search").fill("PILOT");
    await expect.poll(() => alex.frame.locator('[data-testid="decision-log-entry"]').allTextContents()).toEqual([expect.stringContaining("Demo-to-deal conversion")]);
    await alex.testId("decision-log-search").fill("no such words");
    await expect.poll(() => alex.frame.locator('[data-testid="decision-log-entry"]').count()).toBe(0);

    for (const theme of ["default", "dark", "contrast"] as const) {
      await meeting.setTheme(theme);
      await expect.poll(() => alex.root.getAttribute("data-theme")).toBe(theme);
      await item("Demo-to-deal conversion").scrollIntoViewIfNeeded();
      await lead.frameElement.screenshot({ path: `test-results/screenshots/panel-sir-lead-${theme}.png` });
      const violations = await alex.axeViolations();
      expect(violations, `${theme}: ${JSON.stringify(violations)}`).toEqual([]);
      const leadViolations = await lead.axeViolations();
      expect(leadViolations, `lead ${theme}: ${JSON.stringify(leadViolations)}`).toEqual([]);
    }

    // The meeting ends; next week the open item is there again, marked as carried over.
    await lead.testId("btn-end-meeting").click();
    await lead.testId("btn-end-confirm").click();
    await expect.poll(() => alex.testId("phase").getAttribute("data-phase")).toBe("ended");

    const next = await MeetingPage.open(browser, app.url, { users: [ATTENDEE.userId], meeting: "next" });
    pages.push(next);
    const alexNextWeek = next.panel(ATTENDEE.userId);
    await alexNextWeek.ready();
    await alexNextWeek.testId("sir-toggle").click();
    await expect.poll(() => alexNextWeek.frame.locator('[data-testid="sir-item"]').count()).toBe(1);
    const carried = alexNextWeek.frame.locator('[data-testid="sir-item"]').first();
    expect(await carried.textContent()).toContain("Office move");
    expect(await carried.textContent()).toMatch(/Carried over ×1/);
  });
});
