/**
 * Browser end-to-end of the end of a meeting in the panel: the lead presses the meeting-end card's "Review and post
 * summary" in the chat, and their panel opens with the Summary view (the deep link's subEntityId, read from the
 * teams-js context); an attendee's rating reaches the lead's open panel live, without a reload; the history lists the
 * meeting with Markdown and JSON downloads whose content is the record; the rating and history view is axe-clean at
 * 320 px in light, dark and high contrast.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { LOCAL_ATTENDEES } from "../../bot/src/local/roster.js";
import { MEETING_CARD_TEXT } from "../../shared/src/cards/meeting-cards.js";
import { RECORD_FORMAT, type MeetingRecord } from "../../shared/src/summary/record.js";
import { browserSuite, startLocalApp } from "./meeting-page.js";

const ORGANIZER = LOCAL_ATTENDEES[0]?.userId ?? "";
const KARI = LOCAL_ATTENDEES[3]?.userId ?? "";
const words = MEETING_CARD_TEXT.nb;

const suite = browserSuite();

describe("the end of the meeting in the panel", () => {
  it("the end card's link opens the lead's Summary view; a rating shows live in the lead's panel; the history downloads the record; axe-clean", async () => {
    suite.app = await startLocalApp();
    const meeting = await suite.open({ users: [ORGANIZER, KARI] });
    const page = meeting.page;
    const lead = meeting.panel(ORGANIZER);
    const kari = meeting.panel(KARI);
    await lead.ready();
    await kari.ready();
    await page.getByTestId("teams-start").click();
    await expect.poll(() => lead.testId("phase").getAttribute("data-phase"), { timeout: 20_000 }).toBe("running");
    await page.getByTestId("teams-end").click();
    await expect.poll(() => kari.testId("phase").getAttribute("data-phase"), { timeout: 20_000 }).toBe("ended");
    const review = page.getByTestId("chat-card").filter({ hasText: words.endTitle });
    await expect.poll(() => review.count(), { timeout: 20_000 }).toBe(1);

    // The lead presses the card's link, as in Teams: their panel opens on the Summary view, nobody else's changes.
    expect(await lead.frame.getByTestId("summary-section").count()).toBe(0);
    await page.getByTestId("chat-user-select").selectOption(ORGANIZER);
    await review.getByRole("link", { name: words.review }).click();
    await lead.ready();
    await lead.testId("summary-section").waitFor({ state: "visible", timeout: 20_000 });
    expect(await lead.testId("summary-toggle").getAttribute("aria-expanded")).toBe("true");
    await expect.poll(() => lead.testId("summary-preview").textContent(), { timeout: 20_000 }).toContain("Referat");
    expect(await kari.frame.getByTestId("summary-section").count()).toBe(0);
    // A plain reload (no deep link) opens the panel as usual, the Summary view closed.
    // (Polled: `ready()` can still see the old document for a moment after the reload was asked for.)
    await meeting.column(ORGANIZER).getByTestId("reload-panel").click();
    await lead.ready();
    await expect.poll(() => lead.testId("summary-toggle").getAttribute("aria-expanded"), { timeout: 20_000 }).toBe("false");

    // The rating pushed live: the lead's open view counts Kari's rating the moment it is stored.
    await lead.testId("review-toggle").click();
    await expect.poll(() => lead.testId("rating-summary").textContent(), { timeout: 20_000 }).toBe("Ingen har vurdert møtet ennå.");
    await kari.testId("review-toggle").click();
    await kari.testId("rating-score-6").click();
    await kari.testId("rating-save").click();
    await expect.poll(() => lead.testId("rating-summary").textContent(), { timeout: 20_000 }).toBe("1 har vurdert, snitt 6 av 10.");
    await kari.testId("rating-score-9").click();
    await kari.testId("rating-save").click();
    await expect.poll(() => lead.testId("rating-summary").textContent(), { timeout: 20_000 }).toBe("1 har vurdert, snitt 9 av 10.");

    // The history: this meeting, with its record as Markdown and as JSON.
    const entry = lead.frame.getByTestId("history-entry");
    await expect.poll(() => entry.count(), { timeout: 20_000 }).toBe(1);
    const [md] = await Promise.all([page.waitForEvent("download"), entry.getByTestId("history-download-md").click()]);
    expect(md.suggestedFilename()).toMatch(/^okr-meeting-\d{4}-\d{2}-\d{2}\.md$/);
    const markdown = readFileSync(await md.path(), "utf8");
    expect(markdown).toMatch(/^# Referat\\: /);
    expect(markdown).toContain("## Deltakere");
    await expect.poll(() => lead.testId("history-status").textContent()).toBe(`Lastet ned ${md.suggestedFilename()}`);
    const [json] = await Promise.all([page.waitForEvent("download"), entry.getByTestId("history-download-json").click()]);
    expect(json.suggestedFilename()).toMatch(/^okr-meeting-\d{4}-\d{2}-\d{2}\.json$/);
    const record = JSON.parse(readFileSync(await json.path(), "utf8")) as MeetingRecord & { format: string };
    expect(record.format).toBe(RECORD_FORMAT);
    expect(record.meeting.phase).toBe("ended");
    expect(record.rating).toMatchObject({ count: 1, average: 9 });
    // The buttons say which meeting's record they download.
    expect(await entry.getByTestId("history-download-json").getAttribute("aria-label")).toBe(`Last ned referatet fra ${record.meeting.date} som JSON`);

    // 320 px wide, in every theme: the rating and history view (both panels have it open) has no axe violation.
    expect(await lead.frameElement.evaluate((el) => (el as HTMLIFrameElement).getBoundingClientRect().width)).toBe(320);
    for (const theme of ["default", "dark", "contrast"] as const) {
      await meeting.setTheme(theme);
      for (const panel of [lead, kari]) await expect.poll(() => panel.root.getAttribute("data-theme")).toBe(theme);
      for (const panel of [lead, kari]) expect(await panel.axeViolations()).toEqual([]);
    }
  });
});
