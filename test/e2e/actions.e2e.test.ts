/**
 * Browser end-to-end for the Actions section on the local meeting page: an attendee creates an action with an owner
 * picked from the meeting's people, adds a subtask and a comment, ticks the subtask and marks the action done; the
 * lead's panel shows every step live (the done from "My actions") and deletes it after confirming; an off-track KPI's "Create action" opens the
 * form pre-filled and linked; "My actions" lists the viewer's own; axe-clean at 320 px in light, dark and high contrast.
 */
import { randomUUID } from "node:crypto";
import { existsSync, mkdirSync } from "node:fs";
import type { Browser } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../bot/src/app.js";
import { LOCAL_CHAT_ID, LOCAL_TENANT_ID } from "../../bot/src/local/roster.js";
import type { MetricFields } from "../../shared/src/kpi/model.js";
import { launchBrowser, localAttendee, MeetingPage, startLocalApp } from "./meeting-page.js";

const SHOTS = "test-results/screenshots";

/** Ingrid leads and reads bokmål; Alex attends and reads English. */
const ORGANIZER = localAttendee("Organizer");
const ATTENDEE = localAttendee("Attendee");

let app: App;
let browser: Browser;
const pages: MeetingPage[] = [];

beforeAll(async () => {
  if (!existsSync("dist/tab/index.html") || !existsSync("dist/tab/local/meeting.html")) throw new Error("Build the panel first: npx vite build (npm test does it).");
  mkdirSync(SHOTS, { recursive: true });
  browser = await launchBrowser();
});
afterEach(async () => {
  await Promise.all(pages.splice(0).map((p) => p.close()));
  await app?.close();
});
afterAll(async () => {
  await browser?.close();
});

describe("the Actions section in the meeting", () => {
  it("an attendee creates, follows up and finishes an action; the lead sees it live, and deletes it after confirming", async () => {
    app = await startLocalApp();
    const meeting = await MeetingPage.open(browser, app.url, { users: [ORGANIZER.userId, ATTENDEE.userId] });
    pages.push(meeting);
    const lead = meeting.panel(ORGANIZER.userId);
    const alex = meeting.panel(ATTENDEE.userId);
    await lead.ready();
    await alex.ready();

    await lead.testId("actions-toggle").click();
    await expect.poll(() => lead.testId("actions-section").textContent(), { timeout: 20_000 }).toContain("Ingen åpne tiltak");
    await alex.testId("actions-toggle").click();
    await expect.poll(() => alex.testId("actions-section").textContent(), { timeout: 20_000 }).toContain("No open actions");

    // A title alone is not enough: the form says what is missing, and nothing is sent.
    await alex.testId("action-add-title").fill("Book the venue");
    await alex.testId("action-add").click();
    await expect.poll(() => alex.testId("action-add-problem").textContent()).toBe("Pick at least one owner.");

    // Owners are picked from the meeting's people, not typed.
    const owner = alex.frame.locator(`[data-testid="action-add-owner"][data-user-id="${ATTENDEE.userId}"]`);
    await owner.check();
    await alex.testId("action-add").click();
    await expect.poll(() => alex.testId("actions-status").textContent()).toBe("The action “Book the venue” was added.");

    const leadRow = lead.frame.locator('[data-testid="action-row"]', { hasText: "Book the venue" });
    const alexRow = alex.frame.locator('[data-testid="action-row"]', { hasText: "Book the venue" });
    await expect.poll(() => leadRow.getByTestId("action-meta").textContent(), { timeout: 20_000 }).toContain(ATTENDEE.name);

    // A subtask and a comment, in the action's details.
    await alexRow.getByTestId("action-details-toggle").click();
    await alexRow.getByTestId("action-subtask-input").fill("Ask two venues for a quote");
    await alexRow.getByTestId("action-subtask-add").click();
    await expect.poll(() => alexRow.getByTestId("action-subtask").count()).toBe(1);
    await alexRow.getByTestId("action-comment-input").fill("The town hall is free on Friday.");
    await alexRow.getByTestId("action-comment-add").click();
    await expect.poll(() => alexRow.getByTestId("action-comment").count()).toBe(1);
    // The box shows what is stored: it turns ticked once the service has saved it.
    await alexRow.getByTestId("action-subtask-check").click();
    await expect.poll(() => alexRow.getByTestId("action-subtask").getAttribute("data-done")).toBe("true");

    // The lead's panel has all of it, live.
    await expect.poll(() => leadRow.getByTestId("action-meta").textContent(), { timeout: 20_000 }).toContain("1 av 1 ferdig");
    await leadRow.getByTestId("action-details-toggle").click();
    await expect.poll(() => leadRow.getByTestId("action-comment").textContent()).toContain("The town hall is free on Friday.");
    expect(await leadRow.getByTestId("action-comment").textContent()).toContain(ATTENDEE.name);

    // "My actions" lists it for its owner.
    await alex.testId("actions-view-mine").click();
    await expect.poll(() => alex.frame.locator('[data-testid="my-action-row"]', { hasText: "Book the venue" }).count(), { timeout: 20_000 }).toBe(1);
    await alex.testId("actions-view-series").click();

    // Accessible at 320 px in every Teams theme, with the details open in both panels.
    for (const theme of ["default", "dark", "contrast"] as const) {
      await meeting.setTheme(theme);
      for (const panel of [lead, alex]) expect(await panel.axeViolations()).toEqual([]);
      await meeting.page.screenshot({ path: `${SHOTS}/actions-${theme}.png` });
    }

    // Done: the owner marks it done from "My actions"; the lead's panel follows, and it leaves Alex's list.
    await alex.testId("actions-view-mine").click();
    const mineRow = alex.frame.locator('[data-testid="my-action-row"]', { hasText: "Book the venue" });
    await mineRow.waitFor({ state: "visible", timeout: 20_000 });
    expect(await alex.axeViolations()).toEqual([]);
    await mineRow.getByTestId("my-action-done").click();
    await expect.poll(() => leadRow.getAttribute("data-status"), { timeout: 20_000 }).toBe("done");
    await expect.poll(() => mineRow.count()).toBe(0);
    await alex.testId("actions-view-series").click();
    await expect.poll(() => alexRow.getAttribute("data-status")).toBe("done");

    // Deleting asks first; cancel keeps it, confirming removes it from every panel.
    await leadRow.getByTestId("action-delete").click();
    await expect.poll(() => leadRow.getByTestId("action-delete-confirm").textContent()).toContain("«Book the venue»");
    await leadRow.getByTestId("action-delete-cancel").click();
    expect(await leadRow.getByTestId("action-delete-confirm").count()).toBe(0);
    await leadRow.getByTestId("action-delete").click();
    await leadRow.getByTestId("action-delete-yes").click();
    await expect.poll(() => alex.frame.locator('[data-testid="action-row"]', { hasText: "Book the venue" }).count(), { timeout: 20_000 }).toBe(0);
    await expect.poll(() => lead.frame.locator('[data-testid="action-row"]', { hasText: "Book the venue" }).count()).toBe(0);
  });

  it("an off-track KPI's \"Create action\" opens the form filled in and linked to the KPI", async () => {
    app = await startLocalApp();
    const meeting = await MeetingPage.open(browser, app.url, { users: [ORGANIZER.userId, ATTENDEE.userId] });
    pages.push(meeting);
    const lead = meeting.panel(ORGANIZER.userId);
    await lead.ready();

    // An off-track KPI on the series' board (the store, as the set-up and the chat card write it).
    const actor = { person: { userId: ORGANIZER.userId, name: ORGANIZER.name }, canManage: true };
    const fields: MetricFields = { kind: "kpi", objectiveId: null, name: "Leveringspresisjon", unit: "%", direction: "higher", target: 95, targetMax: null, start: null, tolerancePct: 5, owner: { userId: ATTENDEE.userId, name: ATTENDEE.name } };
    const made = await app.kpi.execute(LOCAL_TENANT_ID, LOCAL_CHAT_ID, { id: `cmd-${randomUUID()}`, type: "createMetric", fields }, actor);
    if (!made.ok || made.change.kind !== "metric") throw new Error("metric not created");
    const metricId = made.change.metric.id;
    const { board } = await app.kpi.loadBoard(LOCAL_TENANT_ID, LOCAL_CHAT_ID);
    const valued = await app.kpi.execute(LOCAL_TENANT_ID, LOCAL_CHAT_ID, { id: `cmd-${randomUUID()}`, type: "recordValue", metricId, week: app.kpi.currentWeek(board), value: 60 }, actor);
    expect(valued.ok).toBe(true);

    await lead.testId("kpi-toggle").click();
    const kpiRow = lead.frame.locator('[data-testid="kpi-row"]', { hasText: "Leveringspresisjon" });
    await expect.poll(() => kpiRow.getAttribute("data-status"), { timeout: 20_000 }).toBe("offTrack");
    await kpiRow.getByTestId("kpi-create-action").click();

    await expect.poll(() => lead.testId("action-add-title").inputValue(), { timeout: 20_000 }).toBe("Få «Leveringspresisjon» tilbake i rute");
    expect(await lead.testId("action-add-source").textContent()).toContain("Fra nøkkeltallet «Leveringspresisjon»");
    await lead.frame.locator(`[data-testid="action-add-owner"][data-user-id="${ATTENDEE.userId}"]`).check();
    await lead.testId("action-add").click();
    const row = lead.frame.locator('[data-testid="action-row"]', { hasText: "Leveringspresisjon" });
    await expect.poll(() => row.getByTestId("action-source").textContent(), { timeout: 20_000 }).toBe("Fra nøkkeltallet «Leveringspresisjon»");
  });
});
