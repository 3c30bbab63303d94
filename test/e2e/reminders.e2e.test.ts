/**
 * Browser end-to-end for action reminders on the local meeting page: the lead sets when reminders go out in the
 * Actions section (3 days before at 08:00), it is stored (a reload shows it) and an attendee reads it in words,
 * axe-clean at 320 px in every theme; an action due tomorrow is reminded in its owner's 1:1 chat pane after "Send due
 * reminders now", and Mark done on that card (the real invoke) shows the action done in the Actions section.
 */
import { existsSync, mkdirSync } from "node:fs";
import type { Browser } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../bot/src/app.js";
import { addDays } from "../../shared/src/actions/dates.js";
import { REMINDER_TEXT } from "../../shared/src/cards/reminder-text.js";
import { launchBrowser, localAttendee, MeetingPage, startLocalApp } from "./meeting-page.js";

const SHOTS = "test-results/screenshots";

/** Ingrid leads and reads bokmål; Alex attends and reads English. */
const ORGANIZER = localAttendee("Organizer");
const ATTENDEE = localAttendee("Attendee");

const anyLocale = (pick: (t: (typeof REMINDER_TEXT)["en"]) => string): RegExp => new RegExp(Object.values(REMINDER_TEXT).map((t) => pick(t).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|"));

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

describe("action reminders on the local meeting page", () => {
  it("the lead sets 3 days before at 08:00; it is stored, and an attendee reads it in words", async () => {
    app = await startLocalApp();
    const meeting = await MeetingPage.open(browser, app.url, { users: [ORGANIZER.userId, ATTENDEE.userId] });
    pages.push(meeting);
    const lead = meeting.panel(ORGANIZER.userId);
    const alex = meeting.panel(ATTENDEE.userId);
    await lead.ready();
    await alex.ready();

    await lead.testId("actions-toggle").click();
    await expect.poll(() => lead.testId("reminder-settings-summary").textContent(), { timeout: 20_000 }).toBe("De ansvarlige får en påminnelse 2 dager før fristen kl. 09:00, og når fristen er passert.");
    await lead.testId("reminder-days").selectOption("3");
    await lead.testId("reminder-time").fill("08:00");
    await lead.testId("reminder-save").click();
    await expect.poll(() => lead.testId("reminder-settings-status").textContent(), { timeout: 20_000 }).toBe("Lagret. De ansvarlige får en påminnelse 3 dager før fristen kl. 08:00, og når fristen er passert.");
    expect(await lead.testId("reminder-settings-summary").textContent()).toContain("3 dager før fristen kl. 08:00");

    // An attendee sees the setting in words, and no form.
    await alex.testId("actions-toggle").click();
    await expect.poll(() => alex.testId("reminder-settings-summary").textContent(), { timeout: 20_000 }).toBe("Owners are reminded 3 days before the due date at 08:00 and when overdue.");
    expect(await alex.testId("reminder-settings-readonly").textContent()).toBe("Only the organizer or a presenter can change when reminders go out.");
    expect(await alex.testId("reminder-settings-form").count()).toBe(0);

    // Stored: a reload shows it in the lead's form.
    await meeting.page.reload();
    await lead.ready();
    await lead.testId("actions-toggle").click();
    await expect.poll(() => lead.testId("reminder-settings-summary").textContent(), { timeout: 20_000 }).toContain("3 dager før fristen kl. 08:00");
    expect(await lead.testId("reminder-days").inputValue()).toBe("3");
    expect(await lead.testId("reminder-time").inputValue()).toBe("08:00");
    await alex.ready();
    await alex.testId("actions-toggle").click();
    await expect.poll(() => alex.testId("reminder-settings-summary").textContent(), { timeout: 20_000 }).toBe("Owners are reminded 3 days before the due date at 08:00 and when overdue.");

    // Keyboard: the lead reaches the days choice and the save button with Tab and saves with Enter.
    await lead.testId("reminder-days").focus();
    await lead.testId("reminder-days").press("ArrowDown");
    // Tab walks through the time field's hour and minute, then on to the save button.
    await lead.testId("reminder-time").focus();
    const frame = await lead.contentFrame();
    const focusedId = () => frame.evaluate(() => document.activeElement?.getAttribute("data-testid") ?? document.activeElement?.tagName ?? "");
    for (let i = 0; i < 4 && (await focusedId()) !== "reminder-save"; i++) await meeting.page.keyboard.press("Tab");
    expect(await focusedId()).toBe("reminder-save");
    await meeting.page.keyboard.press("Enter");
    await expect.poll(() => lead.testId("reminder-settings-status").textContent(), { timeout: 20_000 }).toBe("Lagret. De ansvarlige får en påminnelse 4 dager før fristen kl. 08:00, og når fristen er passert.");

    for (const theme of ["default", "dark", "contrast"] as const) {
      await meeting.setTheme(theme);
      for (const panel of [lead, alex]) expect(await panel.axeViolations()).toEqual([]);
      await lead.testId("reminder-settings").scrollIntoViewIfNeeded();
      await meeting.page.screenshot({ path: `${SHOTS}/reminder-settings-${theme}.png` });
    }
  });

  it("an action due tomorrow is reminded in its owner's 1:1 chat pane, and Mark done there finishes it", async () => {
    app = await startLocalApp();
    const meeting = await MeetingPage.open(browser, app.url, { users: [ORGANIZER.userId, ATTENDEE.userId] });
    pages.push(meeting);
    const lead = meeting.panel(ORGANIZER.userId);
    await lead.ready();

    // The lead creates an action for Alex, due tomorrow (the team's today is the date field's minimum).
    await lead.testId("actions-toggle").click();
    const due = lead.testId("action-add-due");
    await due.waitFor({ state: "visible", timeout: 20_000 });
    const today = await due.getAttribute("min");
    if (!today) throw new Error("the due field has no minimum");
    await lead.testId("action-add-title").fill("Send the offer to the customer");
    await lead.frame.locator(`[data-testid="action-add-owner"][data-user-id="${ATTENDEE.userId}"]`).check();
    await due.fill(addDays(today, 1));
    await lead.testId("action-add").click();
    const leadRow = lead.frame.locator('[data-testid="action-row"]', { hasText: "Send the offer to the customer" });
    await expect.poll(() => leadRow.getAttribute("data-status"), { timeout: 20_000 }).toBe("open");

    // Alex's 1:1 chat is empty until the reminders are sent with the clock at the next one.
    const pane = meeting.page.getByTestId("personal-pane");
    await pane.getByTestId("personal-user-select").selectOption(ATTENDEE.userId);
    expect(await pane.getByTestId("personal-card").count()).toBe(0);
    const send = pane.getByTestId("send-due-reminders");
    const card = pane.getByTestId("personal-card");
    // The action's reminders are planned just after it is stored: press again until the card has come.
    await expect
      .poll(
        async () => {
          await send.click();
          await expect.poll(() => send.isEnabled(), { timeout: 20_000 }).toBe(true);
          return card.count();
        },
        { timeout: 30_000 },
      )
      .toBe(1);
    await expect.poll(() => card.textContent()).toContain("Send the offer to the customer");
    // Sent once: pressing again sends nothing new.
    await send.click();
    await expect.poll(() => pane.getByTestId("send-due-status").textContent(), { timeout: 20_000 }).toMatch(/0 sent|No reminders are planned/);
    expect(await card.count()).toBe(1);

    for (const theme of ["dark", "contrast", "default"] as const) {
      await meeting.setTheme(theme);
      await pane.screenshot({ path: `${SHOTS}/reminder-personal-${theme}.png` });
    }

    // Mark done from the card: the real invoke, as Alex; the card says so and the Actions section shows it done.
    await card.getByRole("button", { name: anyLocale((t) => t.markDone) }).click();
    await expect.poll(() => card.textContent(), { timeout: 20_000 }).toMatch(anyLocale((t) => t.doneTitle));
    await expect.poll(() => leadRow.getAttribute("data-status"), { timeout: 20_000 }).toBe("done");
  });
});
