/** Browser end-to-end for good news: the section opens by itself when the meeting is in its Good news section; one attendee adds a win, the other panel shows it live (wins before challenges), only the author (or a lead) changes one; axe-clean at 320 px in every theme. */
import { describe, expect, it } from "vitest";
import { browserSuite, localAttendee, PANEL_BUILD, startLocalApp } from "./meeting-page.js";

const SHOTS = "test-results/screenshots";

/** Ingrid leads and reads bokmål; Sven presents and reads Swedish; Alex attends and reads English. */
const ORGANIZER = localAttendee("Organizer");
const PRESENTER = localAttendee("Presenter");
const ATTENDEE = localAttendee("Attendee");

const suite = browserSuite({ built: PANEL_BUILD, shots: SHOTS });

describe("good news in the meeting", () => {
  it("an attendee adds a win; the lead's panel shows it live, wins before challenges; 320 px and axe-clean in every theme", async () => {
    suite.app = await startLocalApp();
    const meeting = await suite.open({ users: [ORGANIZER.userId, PRESENTER.userId, ATTENDEE.userId] });
    const lead = meeting.panel(ORGANIZER.userId);
    const sven = meeting.panel(PRESENTER.userId);
    const alex = meeting.panel(ATTENDEE.userId);
    await Promise.all([lead.ready(), sven.ready(), alex.ready()]);

    // Before the meeting Alex opens the section himself; once the lead starts, the meeting is in Good news and it opens by itself.
    await alex.testId("good-news-toggle").click();
    await expect.poll(() => alex.testId("good-news-section").textContent()).toContain("No good news yet");
    expect(await lead.testId("good-news-section").count()).toBe(0);
    await lead.testId("btn-start-meeting").click();
    await expect.poll(() => lead.testId("good-news-section").textContent(), { timeout: 20_000 }).toContain("Ingen gode nyheter ennå");

    // The lead adds a challenge first; Alex then adds a win with praise, typing and submitting with the keyboard.
    await lead.testId("good-news-kind-challenge").check();
    await lead.testId("good-news-text-input").fill("Leveransene er forsinket");
    await lead.testId("good-news-add").click();
    await expect.poll(() => alex.testId("good-news-challenges").textContent(), { timeout: 20_000 }).toContain("Leveransene er forsinket");

    await alex.testId("good-news-text-input").focus();
    await alex.testId("good-news-text-input").pressSequentially("Record sales in November");
    await alex.testId("good-news-praise-input").fill("The warehouse team");
    await alex.testId("good-news-add").focus();
    await alex.frameElement.page().keyboard.press("Enter");
    await expect.poll(() => alex.testId("good-news-status").textContent()).toBe("Added.");

    // Live in the lead's panel, under wins, before the challenge.
    await expect.poll(() => lead.testId("good-news-wins").textContent(), { timeout: 20_000 }).toContain("Record sales in November");
    const texts = await lead.testId("good-news-text").allTextContents();
    expect(texts).toEqual(["Record sales in November", "Leveransene er forsinket"]);
    await expect.poll(() => lead.testId("good-news-praise").textContent()).toContain("The warehouse team");
    // And in Swedish in the presenter's panel.
    await expect.poll(() => sven.testId("good-news-section").textContent(), { timeout: 20_000 }).toContain("Framgångar");
    expect(await sven.testId("good-news-section").textContent()).toContain("Record sales in November");

    // Alex changes his own, not the lead's; the lead may change either.
    const alexRows = alex.testId("good-news-row");
    expect(await alexRows.filter({ hasText: "Record sales" }).getByTestId("good-news-edit").count()).toBe(1);
    expect(await alexRows.filter({ hasText: "Leveransene" }).getByTestId("good-news-edit").count()).toBe(0);
    expect(await lead.testId("good-news-edit").count()).toBe(2);

    // Alex turns his win into a challenge (keyboard: Enter on Edit, then on Save); the lead's panel moves it live.
    await alexRows.filter({ hasText: "Record sales" }).getByTestId("good-news-edit").focus();
    await alex.frameElement.page().keyboard.press("Enter");
    await alex.testId("good-news-edit-form").getByTestId("good-news-kind-challenge").check();
    await alex.testId("good-news-edit-form").getByTestId("good-news-text-input").fill("Record sales, but margins fell");
    await alex.testId("good-news-save").focus();
    await alex.frameElement.page().keyboard.press("Enter");
    await expect.poll(() => lead.testId("good-news-challenges").textContent(), { timeout: 20_000 }).toContain("Record sales, but margins fell");
    expect(await lead.testId("good-news-wins").count()).toBe(0);
    // A lead may delete anyone's; it leaves every panel.
    await lead.testId("good-news-row").filter({ hasText: "margins fell" }).getByTestId("good-news-delete").click();
    await expect.poll(() => alex.testId("good-news-text").allTextContents(), { timeout: 20_000 }).toEqual(["Leveransene er forsinket"]);

    for (const theme of ["default", "dark", "contrast"] as const) {
      await meeting.setTheme(theme);
      for (const [name, panel] of [["lead-nb", lead], ["presenter-sv", sven], ["attendee-en", alex]] as const) {
        await expect.poll(() => panel.root.getAttribute("data-theme")).toBe(theme);
        expect((await panel.frameElement.boundingBox())?.width).toBe(320);
        const frame = await panel.contentFrame();
        expect(await frame.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
        await panel.frameElement.screenshot({ path: `${SHOTS}/good-news-${name}-${theme}.png` });
        const violations = await panel.axeViolations();
        expect(violations, `${name} in ${theme}: ${JSON.stringify(violations)}`).toEqual([]);
      }
    }
  });
});
