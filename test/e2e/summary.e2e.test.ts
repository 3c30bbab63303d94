/**
 * Browser end-to-end for the summary view: an attendee opens it with the keyboard, sees the preview of the channel
 * card's content (a decision with its action, a hostile title shown as typed), downloads the Markdown record; the lead
 * reads it in bokmål; axe-clean at 320 px in every theme.
 */
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { LOCAL_CHAT_ID, LOCAL_MEETING_ID, LOCAL_TENANT_ID } from "../../bot/src/local/roster.js";
import { SirCommand } from "../../shared/src/sir/commands.js";
import { browserSuite, localAttendee, PANEL_BUILD, startLocalApp } from "./meeting-page.js";

const SHOTS = "test-results/screenshots";
/** Ingrid leads and reads bokmål; Alex attends and reads English. */
const ORGANIZER = localAttendee("Organizer");
const ATTENDEE = localAttendee("Attendee");
const HOSTILE = "**Frist** [klikk](https://evil.example) <b>fet</b>";

const suite = browserSuite({ built: PANEL_BUILD, shots: SHOTS });

/** An item prepared in chat and decided by the lead, as the bot and the panel store them. */
async function decidedItem(): Promise<void> {
  const lead = { person: { userId: ORGANIZER.userId, name: ORGANIZER.name }, canHandle: true };
  const fields = { kind: "issue", title: HOSTILE, problem: "Sent", proposals: ["A", "B"], recommendation: "A", concerns: "", meetingId: null, forDate: null };
  const created = await suite.app.sir.execute(LOCAL_TENANT_ID, LOCAL_CHAT_ID, SirCommand.parse({ id: randomUUID(), type: "createSir", fields }), { person: { userId: ATTENDEE.userId, name: ATTENDEE.name }, canHandle: false });
  if (!created.ok) throw new Error(created.error.message);
  const decision = { id: randomUUID(), type: "recordDecision", itemId: created.item.id, meetingId: LOCAL_MEETING_ID, text: "Bytte transportør", actions: [{ title: "Tre tilbud", owner: null, due: "2026-12-14" }] };
  const decided = await suite.app.sir.execute(LOCAL_TENANT_ID, LOCAL_CHAT_ID, SirCommand.parse(decision), lead);
  if (!decided.ok) throw new Error(decided.error.message);
}

describe("the summary view", () => {
  it("an attendee opens it with the keyboard, reads the preview and downloads the Markdown record; the lead reads it in bokmål", async () => {
    suite.app = await startLocalApp();
    await decidedItem();
    const meeting = await suite.open({ users: [ORGANIZER.userId, ATTENDEE.userId] });
    const lead = meeting.panel(ORGANIZER.userId);
    const alex = meeting.panel(ATTENDEE.userId);
    await lead.ready();
    await alex.ready();

    await alex.testId("summary-toggle").focus();
    await alex.testId("summary-toggle").press("Enter");
    const preview = alex.testId("summary-preview");
    await preview.waitFor({ state: "visible", timeout: 10_000 });
    expect(await alex.testId("summary-toggle").getAttribute("aria-expanded")).toBe("true");
    const text = (await preview.textContent()) ?? "";
    expect(text).toContain("Summary: Weekly result meeting");
    expect(text).toContain("Preview – the meeting has not ended yet.");
    expect(await alex.testId("summary-attendees").textContent()).toContain(ORGANIZER.name);
    // Typed text is shown as typed: no link, no bold from the title.
    expect(await alex.testId("summary-decisions").textContent()).toContain(`Issue: ${HOSTILE} – Bytte transportør`);
    expect(await preview.locator("a, b").count()).toBe(0);
    // The decision's follow-up draft is a real action now: listed once, under Actions, with its state.
    expect(await alex.testId("summary-actions").textContent()).toContain("Tre tilbud");
    expect(await alex.testId("summary-decisions").textContent()).not.toContain("→ Tre tilbud");
    expect(await alex.testId("summary-card-size").textContent()).toMatch(/^Channel card: [\d.]+ of 24 KB$/);

    // The download buttons are in the tab order right after the toggle.
    await alex.testId("summary-toggle").focus();
    await alex.frame.locator("body").press("Tab");
    expect(await alex.testId("summary-download-md").evaluate((el) => el === document.activeElement)).toBe(true);
    const [download] = await Promise.all([meeting.page.waitForEvent("download"), alex.testId("summary-download-md").press("Enter")]);
    expect(download.suggestedFilename()).toMatch(/^okr-meeting-\d{4}-\d{2}-\d{2}\.md$/);
    const file = readFileSync(await download.path(), "utf8");
    expect(file).toContain("\\*\\*Frist\\*\\* \\[klikk\\]\\(https\\:\\/\\/evil\\.example\\)");
    expect(file).toContain("Bytte transportør");
    await expect.poll(() => alex.testId("summary-status").textContent()).toBe(`Downloaded ${download.suggestedFilename()}`);

    await lead.testId("summary-toggle").click();
    await expect.poll(() => lead.testId("summary-preview").textContent()).toContain("Referat: Ukentlig resultatmøte");
    expect(await lead.testId("summary-section").getAttribute("aria-label")).toBe("Møtereferat");

    for (const theme of ["default", "dark", "contrast"] as const) {
      await meeting.setTheme(theme);
      for (const panel of [lead, alex]) await expect.poll(() => panel.root.getAttribute("data-theme")).toBe(theme);
      for (const panel of [lead, alex]) expect(await panel.axeViolations()).toEqual([]);
      await meeting.page.screenshot({ path: `${SHOTS}/summary-${theme}.png` });
    }
  });
});
