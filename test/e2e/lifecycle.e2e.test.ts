/**
 * Browser end-to-end of the meeting's lifecycle from Teams: the local page's *Start meeting* sends Teams' meeting
 * start event to the bot, and every panel shows the meeting running, the chat gets the card that opens the panel;
 * *End meeting* ends it, and the lead's "Review and post summary" card appears in the local chat. Pressing a button
 * twice is a redelivery: nothing twice. Then attendees rate in the panel, the lead sees the average and the summary
 * preview has it, and the history lists the meeting.
 */
import { describe, expect, it } from "vitest";
import { LOCAL_ATTENDEES } from "../../bot/src/local/roster.js";
import { MEETING_CARD_TEXT } from "../../shared/src/cards/meeting-cards.js";
import { browserSuite, startLocalApp } from "./meeting-page.js";

const ORGANIZER = LOCAL_ATTENDEES[0]?.userId ?? "";
const KARI = LOCAL_ATTENDEES[3]?.userId ?? "";
// The organizer's Teams speaks Norwegian (the roster's locale), so the bot's cards do too.
const words = MEETING_CARD_TEXT.nb;

const suite = browserSuite();

describe("Teams' meeting start and end on the local meeting page", () => {
  it("Start meeting runs the meeting in every panel and posts the panel card once; End meeting ends it and posts the lead's review card", async () => {
    suite.app = await startLocalApp();
    const meeting = await suite.open({ users: [ORGANIZER, KARI] });
    const page = meeting.page;
    const lead = meeting.panel(ORGANIZER);
    const kari = meeting.panel(KARI);
    await lead.ready();
    await kari.ready();
    await expect.poll(() => kari.testId("phase").getAttribute("data-phase")).toBe("notStarted");

    await page.getByTestId("teams-start").click();
    await expect.poll(() => kari.testId("phase").getAttribute("data-phase")).toBe("running");
    await expect.poll(() => lead.testId("phase").getAttribute("data-phase")).toBe("running");
    await expect.poll(() => page.getByTestId("chat-card").last().textContent()).toContain(words.startTitle);
    await expect.poll(async () => page.getByTestId("teams-start").isEnabled()).toBe(true);
    // Teams delivering the event again: no second card, no second start.
    await page.getByTestId("teams-start").click();
    await expect.poll(async () => page.getByTestId("teams-start").isEnabled()).toBe(true);
    await expect.poll(() => page.locator("#host-log-list li").filter({ hasText: "meeting started" }).count()).toBe(2);
    expect(await page.getByTestId("chat-card").filter({ hasText: words.startTitle }).count()).toBe(1);

    await page.getByTestId("teams-end").click();
    await expect.poll(() => kari.testId("phase").getAttribute("data-phase")).toBe("ended");
    const review = page.getByTestId("chat-card").filter({ hasText: words.endTitle });
    await expect.poll(() => review.count()).toBe(1);
    expect(await review.textContent()).toContain(words.review);

    // Attendees rate in the panel (keyboard reachable toggle buttons); the last one counts.
    await kari.testId("review-toggle").click();
    await kari.testId("rating-score-4").click();
    await kari.testId("rating-save").click();
    await expect.poll(() => kari.testId("rating-mine").textContent()).toContain("4 av 10");
    await kari.testId("rating-score-7").focus();
    await kari.testId("rating-score-7").press("Enter");
    await kari.testId("rating-save").click();
    await expect.poll(() => kari.testId("rating-mine").textContent()).toContain("7 av 10");
    await lead.testId("review-toggle").click();
    await lead.testId("rating-score-9").click();
    await lead.testId("rating-save").click();
    await expect.poll(() => lead.testId("rating-summary").textContent()).toContain("2 har vurdert, snitt 8 av 10");
    // The history lists this meeting with its rating.
    await expect.poll(() => lead.frame.locator('[data-testid="history-entry"]').allTextContents()).toEqual([expect.stringContaining("vurdering 8 (2)")]);
    // The lead's summary preview has the average.
    await lead.testId("summary-toggle").click();
    await expect.poll(() => lead.testId("summary-rating").textContent()).toContain("(2 svar)");
    expect(await lead.testId("summary-rating").textContent()).toContain("8");
  });

  it("a panel left open into the next week's call follows the meeting on: it shows the new week, says so, and loads that week's rating and history", async () => {
    suite.app = await startLocalApp();
    const meeting = await suite.open({ users: [ORGANIZER, KARI] });
    const page = meeting.page;
    const kari = meeting.panel(KARI);
    await kari.ready();
    const teams = async (button: "teams-start" | "teams-end"): Promise<void> => {
      await expect.poll(async () => page.getByTestId(button).isEnabled()).toBe(true);
      await page.getByTestId(button).click();
    };

    // Week 1: run, end, and Kari rates it.
    await teams("teams-start");
    await expect.poll(() => kari.testId("phase").getAttribute("data-phase")).toBe("running");
    await teams("teams-end");
    await expect.poll(() => kari.testId("phase").getAttribute("data-phase")).toBe("ended");
    await kari.testId("review-toggle").click();
    await kari.testId("rating-score-4").click();
    await kari.testId("rating-save").click();
    await expect.poll(() => kari.testId("rating-mine").textContent()).toContain("4 av 10");
    expect(await kari.testId("moved-on-bar").count()).toBe(0);

    // A week later Teams starts the call again; Kari's panel was never reloaded.
    await teams("teams-start");
    await expect.poll(() => kari.testId("moved-on-bar").textContent()).toContain("Et nytt møte har begynt");
    expect(await kari.testId("phase").getAttribute("data-phase")).toBe("running");
    // The review section (still open) is this week's: no rating of Kari's yet, and the history lists both weeks.
    await expect.poll(() => kari.frame.locator('[data-testid="history-entry"]').count()).toBe(2);
    expect(await kari.testId("rating-mine").count()).toBe(0);
    expect(await kari.axeViolations()).toEqual([]);
    // The news is dismissed with the keyboard.
    await kari.testId("moved-on-bar").getByRole("button", { name: "Lukk" }).focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => kari.testId("moved-on-bar").count()).toBe(0);
  });
});
