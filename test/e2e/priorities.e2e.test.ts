/**
 * Browser end-to-end for the priorities round on the local meeting page (real teams-js in headless Chromium): Alex fills
 * in his priorities in his panel and the lead's panel shows him prepared, live; the lead starts the round and walks two
 * members, and Alex's panel follows (same current member, a per-person timer); axe-core clean at 320 px.
 */
import { describe, expect, it } from "vitest";
import { browserSuite, localAttendee, PANEL_BUILD, startLocalApp, type Panel } from "./meeting-page.js";

const SHOTS = "test-results/screenshots";
const ORGANIZER = localAttendee("Organizer");
const ATTENDEE = localAttendee("Attendee");

const suite = browserSuite({ built: PANEL_BUILD, shots: SHOTS });

const speakerOf = (panel: Panel) => panel.testId("priorities-speaker").getAttribute("data-user-id", { timeout: 20_000 });
const memberIds = (panel: Panel) => panel.frame.getByTestId("priorities-member").evaluateAll((els) => els.map((e) => e.getAttribute("data-user-id")));

describe("the priorities round in the meeting", () => {
  it("a member prepares in the panel; the lead walks two members and the other panel follows; axe clean at 320 px", async () => {
    suite.app = await startLocalApp();
    const meeting = await suite.open({ users: [ORGANIZER.userId, ATTENDEE.userId] });
    const lead = meeting.panel(ORGANIZER.userId);
    const alex = meeting.panel(ATTENDEE.userId);
    await lead.ready();
    await alex.ready();
    for (const panel of [lead, alex]) {
      await panel.testId("priorities-toggle").click();
      await panel.testId("priorities-members").waitFor({ timeout: 20_000 });
    }
    await expect.poll(() => lead.frame.locator(`[data-testid="priorities-member"][data-user-id="${ATTENDEE.userId}"]`).getAttribute("data-prepared")).toBe("false");

    // Alex fills in his own entry before the meeting.
    await alex.testId("priorities-next-text-0").fill("Three carrier quotes");
    await alex.testId("priorities-next-why-0").fill("Freight is our biggest cost");
    await alex.testId("priorities-learned").fill("Ask for help earlier");
    await alex.testId("priorities-save").click();
    await expect.poll(() => alex.testId("priorities-status").textContent(), { timeout: 20_000 }).toBe("Saved.");
    // The lead's panel shows him prepared, live (the stream), without reloading.
    await expect.poll(() => lead.frame.locator(`[data-testid="priorities-member"][data-user-id="${ATTENDEE.userId}"]`).getAttribute("data-prepared"), { timeout: 20_000 }).toBe("true");

    // The lead walks the round: the first member, then the next; Alex's panel follows each move.
    const order = await memberIds(lead);
    expect(order.length).toBeGreaterThanOrEqual(2);
    expect(await memberIds(alex)).toEqual(order);
    // By name: Alex Attendee comes first, then Ingrid Organizer.
    expect(order.slice(0, 2)).toEqual([ATTENDEE.userId, ORGANIZER.userId]);
    await lead.testId("priorities-start").click();
    for (const panel of [lead, alex]) await expect.poll(() => speakerOf(panel), { timeout: 20_000 }).toBe(ATTENDEE.userId);
    // The speaker's answers are on every panel.
    await expect.poll(() => lead.testId("priorities-answers").textContent(), { timeout: 20_000 }).toContain("Three carrier quotes");
    await lead.testId("priorities-next").click();
    for (const panel of [lead, alex]) await expect.poll(() => speakerOf(panel), { timeout: 20_000 }).toBe(ORGANIZER.userId);
    for (const panel of [lead, alex]) {
      await expect.poll(() => panel.frame.locator('[data-testid="priorities-member"][aria-current="step"]').getAttribute("data-user-id")).toBe(ORGANIZER.userId);
      // The per-person timer runs on both panels from the shared clock.
      await expect.poll(() => panel.testId("priorities-timer").textContent(), { timeout: 20_000 }).toMatch(/\d+:\d{2}/);
    }
    // An attendee gets no walk controls, just the round.
    expect(await alex.testId("priorities-next").count()).toBe(0);

    // 320 px, every theme: nothing wider than the panel, no axe violations.
    for (const theme of ["default", "dark", "contrast"] as const) {
      await meeting.setTheme(theme);
      for (const [who, panel] of [["lead", lead], ["attendee", alex]] as const) {
        await expect.poll(() => panel.root.getAttribute("data-theme")).toBe(theme);
        const frame = await panel.contentFrame();
        expect(await frame.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), `${who} ${theme}: no sideways scrolling`).toBe(true);
        const violations = await panel.axeViolations();
        expect(violations, `${who} ${theme}: ${JSON.stringify(violations)}`).toEqual([]);
      }
      await lead.testId("priorities-section").screenshot({ path: `${SHOTS}/panel-priorities-lead-${theme}.png` });
    }
  });
});
