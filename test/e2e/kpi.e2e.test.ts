/** Browser end-to-end for the KPI board: the lead sets up a KPI in one panel, its owner enters this week's value in another, every panel shows the value, status and trend live; an off-track number is raised as a SIR item; axe-clean in every theme. */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { LOCAL_CHAT_ID, LOCAL_TENANT_ID } from "../../bot/src/local/roster.js";
import { KpiCommand } from "../../shared/src/kpi/commands.js";
import { addWeeks } from "../../shared/src/kpi/week.js";
import { browserSuite, localAttendee, PANEL_BUILD, startLocalApp } from "./meeting-page.js";

const SHOTS = "test-results/screenshots";

/** Ingrid leads and reads bokmål; Alex attends, reads English and owns the KPI. */
const ORGANIZER = localAttendee("Organizer");
const ATTENDEE = localAttendee("Attendee");

const suite = browserSuite({ built: PANEL_BUILD, shots: SHOTS });

describe("the KPI board in the meeting", () => {
  it("a KPI set up by the lead is updated by its owner and shows live on every panel, with status and trend", async () => {
    suite.app = await startLocalApp();
    const meeting = await suite.open({ users: [ORGANIZER.userId, ATTENDEE.userId] });
    const lead = meeting.panel(ORGANIZER.userId);
    const alex = meeting.panel(ATTENDEE.userId);
    await lead.ready();
    await alex.ready();

    await alex.testId("kpi-toggle").click();
    await expect.poll(() => alex.testId("kpi-section").textContent()).toContain("No KPIs yet");
    // Attendees see the board but get no set-up.
    expect(await alex.testId("kpi-manage").count()).toBe(0);

    // The lead sets up a KPI owned by Alex (who is on the owner list because he opened the board).
    await lead.testId("kpi-toggle").click();
    await lead.testId("kpi-manage").click();
    await lead.testId("kpi-form-name").fill("Leveringspresisjon");
    await lead.testId("kpi-form-target").fill("95");
    await lead.testId("kpi-form-unit").fill("%");
    await expect.poll(() => lead.testId("kpi-form-owner").locator("option").allTextContents()).toContain(ATTENDEE.name);
    await lead.testId("kpi-form-owner").selectOption(ATTENDEE.userId);
    await lead.testId("kpi-form-save").click();
    await expect.poll(() => lead.testId("kpi-setup-feedback").textContent()).toBe("Lagret.");

    // The lead has the bot ask the owners by itself every Monday at 08:00.
    await lead.testId("kpi-reminder-day").selectOption("1");
    await lead.testId("kpi-reminder-time").fill("08:00");
    await lead.testId("kpi-reminder-save").click();
    await expect.poll(async () => (await suite.app.kpi.loadBoard(LOCAL_TENANT_ID, LOCAL_CHAT_ID)).board.settings.reminder).toEqual({ weekday: 1, time: "08:00" });

    const alexRow = alex.frame.locator('[data-testid="kpi-row"]', { hasText: "Leveringspresisjon" });
    const leadRow = lead.frame.locator('[data-testid="kpi-row"]', { hasText: "Leveringspresisjon" });
    await expect.poll(() => alexRow.getByTestId("kpi-status").textContent()).toContain("Not reported");
    await expect.poll(() => lead.testId("kpi-not-updated").textContent()).toBe(`Ikke rapportert denne uka: ${ATTENDEE.name}`);

    // Last week's value, entered earlier (through the same store, as the chat card does), reaches the panels live.
    const metricId = await alexRow.getAttribute("data-metric");
    const { board } = await suite.app.kpi.loadBoard(LOCAL_TENANT_ID, LOCAL_CHAT_ID);
    const lastWeek = addWeeks(suite.app.kpi.currentWeek(board), -1);
    const earlier = await suite.app.kpi.execute(LOCAL_TENANT_ID, LOCAL_CHAT_ID, KpiCommand.parse({ id: `cmd-${randomUUID()}`, type: "recordValue", metricId, week: lastWeek, value: 90 }), {
      person: { userId: ATTENDEE.userId, name: ATTENDEE.name },
      canManage: false,
    });
    expect(earlier.ok).toBe(true);

    // Alex enters this week's value with a decimal comma in his panel.
    await alexRow.getByTestId("kpi-enter").click();
    await alexRow.getByTestId("kpi-value-input").fill("96,5");
    await alexRow.getByTestId("kpi-save-value").click();
    await expect.poll(() => alexRow.getByTestId("kpi-feedback").textContent()).toBe("Saved.");

    // Ingrid's panel shows the value, the status with its word, the change since last week and a trend line.
    await expect.poll(() => leadRow.getByTestId("kpi-value").textContent()).toBe("96,5 % (målverdi ≥ 95 %)");
    expect(await leadRow.getByTestId("kpi-status").textContent()).toBe("✔ I rute");
    expect(await leadRow.getByTestId("kpi-delta").textContent()).toContain("+6,5 siden forrige uke");
    expect(await leadRow.getByTestId("kpi-sparkline").getAttribute("aria-label")).toBe("Leveringspresisjon, siste 4 uker: –, –, 90, 96,5");
    expect(await lead.testId("kpi-not-updated").textContent()).toBe("Alle har rapportert denne uka.");
    await lead.testId("kpi-trend-13").click();
    await expect.poll(() => leadRow.getByTestId("kpi-sparkline").getAttribute("aria-label")).toContain("siste 13 uker");

    // A bad number is refused in the panel, nothing sent.
    await alexRow.getByTestId("kpi-value-input").fill("mye");
    await alexRow.getByTestId("kpi-save-value").click();
    await expect.poll(() => alexRow.getByTestId("kpi-feedback").textContent()).toBe("Enter a number, for example 93.5.");
    expect(await leadRow.getByTestId("kpi-value").textContent()).toContain("96,5");

    // The number drops: off track sorts first and the lead raises it as a SIR item with one click.
    await alexRow.getByTestId("kpi-value-input").fill("70");
    await alexRow.getByTestId("kpi-save-value").click();
    await expect.poll(() => leadRow.getByTestId("kpi-status").textContent()).toBe("✖ Ute av kurs");
    await expect.poll(() => lead.testId("kpi-off-track").textContent()).toContain("1 ute av kurs");
    await leadRow.getByTestId("kpi-raise-sir").click();
    await expect.poll(() => leadRow.getByTestId("kpi-feedback").textContent()).toContain("SIR-sak opprettet");
    await expect.poll(() => alex.testId("sir-count").textContent()).toBe("1");

    // Accessible in every Teams theme, with the board and the set-up open.
    for (const theme of ["default", "dark", "contrast"] as const) {
      await meeting.setTheme(theme);
      for (const panel of [lead, alex]) expect(await panel.axeViolations()).toEqual([]);
      await meeting.page.screenshot({ path: `${SHOTS}/kpi-board-${theme}.png` });
    }
    // The lead's set-up, for the record.
    await lead.testId("kpi-form-save").scrollIntoViewIfNeeded();
    await meeting.page.screenshot({ path: `${SHOTS}/kpi-setup-contrast.png` });
  });
});
