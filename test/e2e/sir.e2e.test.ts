/** Browser end-to-end for SIR: an item prepared in chat (a real card invoke to the bot) shows in every panel; the lead discusses it with a time box, records a decision and resolves it; what stays open carries over to next week's meeting; the decision log finds it. */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { LOCAL_CHAT_ID, LOCAL_MEETING_ID, LOCAL_TENANT_ID } from "../../bot/src/local/roster.js";
import { browserSuite, localAttendee, PANEL_BUILD, startLocalApp } from "./meeting-page.js";

const SHOTS = "test-results/screenshots";

/** Ingrid leads and reads bokmål; Alex attends and reads English. */
const ORGANIZER = localAttendee("Organizer");
const ATTENDEE = localAttendee("Attendee");

const suite = browserSuite({ built: PANEL_BUILD, shots: SHOTS });

/** Alex prepares an item in the meeting chat: the SIR form's Action.Execute, as Teams posts it to the bot. */
async function prepareInChat(title: string): Promise<void> {
  const res = await fetch(`${suite.app.url}/api/messages`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      type: "invoke",
      name: "adaptiveCard/action",
      id: `activity-${randomUUID()}`,
      timestamp: new Date().toISOString(),
      serviceUrl: `${suite.app.url}/local/connector/`,
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
  it("an item prepared in chat appears in every panel; the lead discusses and decides it; open items carry over to next week", async () => {
    suite.app = await startLocalApp();
    const meeting = await suite.open({ users: [ORGANIZER.userId, ATTENDEE.userId] });
    const lead = meeting.panel(ORGANIZER.userId);
    const alex = meeting.panel(ATTENDEE.userId);
    await lead.ready();
    await alex.ready();

    // Before the meeting anyone can open the list; two items prepared in chat arrive live.
    await lead.testId("sir-toggle").click();
    await alex.testId("sir-toggle").click();
    await prepareInChat("Demo-to-deal conversion");
    await prepareInChat("Office move");
    for (const panel of [lead, alex]) {
      await expect.poll(() => panel.sirItems().count()).toBe(2);
      await expect.poll(() => panel.testId("sir-count").textContent()).toBe("2");
    }
    const demo = lead.sirItem("Demo-to-deal conversion");
    const office = lead.sirItem("Office move");
    const alexDemo = alex.sirItem("Demo-to-deal conversion");
    const alexOffice = alex.sirItem("Office move");
    expect(await alexDemo.getByTestId("sir-kind").textContent()).toBe("Issue");
    expect(await demo.getByTestId("sir-kind").textContent()).toBe("Sak");
    expect(await alexDemo.getByTestId("sir-readiness").textContent()).toBe("3/3 answered");
    expect(await alexDemo.getByTestId("sir-age").textContent()).toBe("New on the agenda");

    // Attendees read the three answers but get no controls.
    await alexOffice.getByTestId("sir-open").click();
    await expect.poll(() => alexOffice.getByTestId("sir-answers").textContent()).toContain("Deals stall after the demo");
    expect(await alex.testId("sir-decision-input").count()).toBe(0);
    expect(await alex.testId("sir-discuss").count()).toBe(0);

    // Resolving without a decision is refused in words beside the button (Ingrid reads bokmål).
    await office.getByTestId("sir-open").click();
    await office.getByTestId("sir-resolve").click();
    await expect.poll(() => office.getByTestId("sir-form-feedback").textContent()).toContain("Registrer beslutningen først");
    // Moved on by hand: it stays open (and must not count twice when the meeting's end carries it over too).
    await office.getByTestId("sir-carry-over").click();
    await expect.poll(() => office.getByTestId("sir-form-feedback").textContent()).toBe("Flyttet til neste møte");
    expect(await alexOffice.getAttribute("data-status")).toBe("open");

    // The meeting reaches the SIR section: the list is open on every panel.
    await lead.testId("btn-start-meeting").click();
    await lead.testId("btn-next").click();
    await lead.testId("btn-next").click();
    await expect.poll(() => alex.section("sir").getAttribute("data-current")).toBe("true");

    // The lead opens the first item for discussion with a 5-minute box: every panel follows, the answers open.
    await demo.getByTestId("sir-discuss-minutes").selectOption("5");
    await demo.getByTestId("sir-discuss").click();
    await expect.poll(() => alexDemo.getAttribute("data-focused")).toBe("true");
    expect(await alexDemo.getByTestId("sir-answers").isVisible()).toBe(true);
    const left = Number(await alexDemo.getByTestId("sir-countdown").getAttribute("data-remaining-ms"));
    expect(left).toBeGreaterThan(4 * 60_000);
    expect(left).toBeLessThanOrEqual(5 * 60_000);

    // The lead decides with one follow-up action (a second row can be added and removed again).
    await demo.getByTestId("sir-decision-input").fill("Offer a two-week pilot to every qualified lead");
    await demo.getByTestId("sir-action-add").click();
    await expect.poll(() => demo.getByTestId("sir-action-row").count()).toBe(2);
    await demo.getByTestId("sir-action-remove").nth(1).click();
    await expect.poll(() => demo.getByTestId("sir-action-row").count()).toBe(1);
    await demo.getByTestId("sir-action-title").fill("Write the pilot offer");
    // A typed name that matches a known person is stored as that person.
    await demo.getByTestId("sir-action-owner").fill("alex attendee");
    await demo.getByTestId("sir-action-due").fill("2030-01-15");
    await demo.getByTestId("sir-decision-save").click();
    await expect.poll(() => demo.getByTestId("sir-form-feedback").textContent()).toBe("Beslutningen er lagret.");
    await expect.poll(() => alexDemo.getByTestId("sir-decision").textContent()).toContain("Offer a two-week pilot");
    expect(await alexDemo.getByTestId("sir-decision-action").allTextContents()).toEqual(["Write the pilot offer (Alex Attendee, due 2030-01-15)"]);

    // A reloaded panel comes back to the same discussion (the list opens by itself while an item is discussed).
    await meeting.column(ATTENDEE.userId).getByTestId("reload-panel").click();
    await expect.poll(() => alexOffice.getByTestId("sir-answers").count()).toBe(0);
    await alex.ready();
    await expect.poll(() => alexDemo.getAttribute("data-focused")).toBe("true");
    await expect.poll(() => alexDemo.getByTestId("sir-decision").textContent()).toContain("Offer a two-week pilot");

    // The decision log finds the decision by a word of its item's title, with its action.
    await alex.testId("decision-log-toggle").click();
    await alex.testId("decision-log-search").fill("conversion");
    await expect.poll(() => alex.frame.getByTestId("decision-log-entry").allTextContents()).toEqual([expect.stringContaining("Demo-to-deal conversion")]);
    expect(await alex.frame.getByTestId("decision-log-entry").textContent()).toContain("Write the pilot offer (Alex Attendee, due 2030-01-15)");

    // Axe with the SIR section open (lead: the discussed item with the decision form; Alex: the item and the decision log), in every theme.
    for (const theme of ["default", "dark", "contrast"] as const) {
      await meeting.setTheme(theme);
      await expect.poll(() => alex.root.getAttribute("data-theme")).toBe(theme);
      await expect.poll(() => lead.root.getAttribute("data-theme")).toBe(theme);
      await demo.scrollIntoViewIfNeeded();
      await lead.frameElement.screenshot({ path: `${SHOTS}/panel-sir-lead-${theme}.png` });
      await alexDemo.scrollIntoViewIfNeeded();
      await alex.frameElement.screenshot({ path: `${SHOTS}/panel-sir-attendee-${theme}.png` });
      for (const [who, panel] of [["lead", lead], ["attendee", alex]] as const) {
        const violations = await panel.axeViolations();
        expect(violations, `${who} ${theme}: ${JSON.stringify(violations)}`).toEqual([]);
      }
    }
    await meeting.setTheme("default");

    // Resolved: Alex sees the status and the decision; one open item is left.
    await demo.getByTestId("sir-resolve").click();
    await expect.poll(() => alexDemo.getAttribute("data-status")).toBe("resolved");
    expect(await alexDemo.getByTestId("sir-status").textContent()).toBe("Resolved");
    expect(await alexDemo.getByTestId("sir-decision").textContent()).toContain("Offer a two-week pilot");
    await expect.poll(() => alex.testId("sir-count").textContent()).toBe("1");
    // Resolving it ended its discussion on every panel, by itself: no time box counting "over time" any more.
    for (const item of [alexDemo, demo]) await expect.poll(() => item.getAttribute("data-focused")).toBe("false");
    expect(await alexDemo.getByTestId("sir-countdown").count()).toBe(0);
    await expect.poll(async () => (await suite.app.store.get({ tenantId: LOCAL_TENANT_ID, meetingId: LOCAL_MEETING_ID })).focus ?? null).toBeNull();

    // Carrying an item over while it is discussed ends that discussion too.
    await office.getByTestId("sir-discuss-minutes").selectOption("2");
    await office.getByTestId("sir-discuss").click();
    await expect.poll(() => alexOffice.getAttribute("data-focused")).toBe("true");
    await office.getByTestId("sir-carry-over").click();
    await expect.poll(() => alexOffice.getAttribute("data-focused")).toBe("false");
    await expect.poll(() => office.getAttribute("data-focused")).toBe("false");

    await alex.testId("decision-log-search").fill("PILOT");
    await expect.poll(() => alex.frame.getByTestId("decision-log-entry").allTextContents()).toEqual([expect.stringContaining("Demo-to-deal conversion")]);
    await alex.testId("decision-log-search").fill("no such words");
    await expect.poll(() => alex.frame.getByTestId("decision-log-entry").count()).toBe(0);

    // Alex, its author, sharpens his item's title from his own panel; the lead's panel shows it at once.
    await alexOffice.getByTestId("sir-open").click();
    await alexOffice.getByTestId("sir-edit").click();
    await alexOffice.getByTestId("sir-edit-title").fill("Office move to Oslo");
    await alexOffice.getByTestId("sir-edit-save").click();
    await expect.poll(() => office.locator("h3").textContent()).toBe("Office move to Oslo");

    // The meeting ends; next week the open item is there again, on the agenda for the 2nd time (carried over once, not twice).
    await lead.testId("btn-end-meeting").click();
    await lead.testId("btn-end-confirm").click();
    await expect.poll(() => alex.testId("phase").getAttribute("data-phase")).toBe("ended");

    const next = await suite.open({ users: [ATTENDEE.userId], meeting: "next" });
    const alexNextWeek = next.panel(ATTENDEE.userId);
    await alexNextWeek.ready();
    await expect.poll(() => alexNextWeek.testId("sir-count").textContent()).toBe("1");
    await alexNextWeek.testId("sir-toggle").click();
    await expect.poll(() => alexNextWeek.sirItems().count()).toBe(1);
    const carried = alexNextWeek.sirItem("Office move");
    expect(await carried.getByTestId("sir-age").textContent()).toBe("On the agenda for the 2nd time");
    expect(await carried.getAttribute("data-status")).toBe("open");

    // Its author withdraws it from the panel (after confirming): it is shown as withdrawn, no longer counted as open, and stored so.
    await carried.getByTestId("sir-open").click();
    await carried.getByTestId("sir-withdraw").click();
    await carried.getByTestId("sir-withdraw-yes").click();
    await expect.poll(() => carried.getAttribute("data-status")).toBe("withdrawn");
    expect(await alexNextWeek.testId("sir-count").textContent()).toBe("0");
    expect(await carried.getByTestId("sir-withdraw").count()).toBe(0);
    const stored = await suite.app.sir.list(LOCAL_TENANT_ID, LOCAL_CHAT_ID);
    expect(stored.find((i) => i.title === "Office move to Oslo")?.status).toBe("withdrawn");
  });

  it("a lead deletes an item for everyone after confirming; an attendee gets no Delete", async () => {
    suite.app = await startLocalApp();
    const meeting = await suite.open({ users: [ORGANIZER.userId, ATTENDEE.userId] });
    const lead = meeting.panel(ORGANIZER.userId);
    const alex = meeting.panel(ATTENDEE.userId);
    await lead.ready();
    await alex.ready();
    await lead.testId("sir-toggle").click();
    await alex.testId("sir-toggle").click();
    // Hostile text in a title renders as text: no element made from it, no script run.
    const hostile = `Buy me cheap watches <img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script> [x](javascript:alert(1))`;
    await prepareInChat(hostile);
    await prepareInChat("Hiring plan");
    for (const panel of [lead, alex]) await expect.poll(() => panel.sirItems().count()).toBe(2);
    for (const panel of [lead, alex]) {
      const title = panel.sirItem("Buy me cheap watches").locator("h3");
      expect(await title.textContent()).toBe(hostile);
      expect(await title.locator("img, script, a").count()).toBe(0);
      expect(await panel.root.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    }

    const alexSpam = alex.sirItem("Buy me cheap watches");
    await alexSpam.getByTestId("sir-open").click();
    await expect.poll(() => alexSpam.getByTestId("sir-answers").count()).toBe(1);
    expect(await alexSpam.getByTestId("sir-delete").count()).toBe(0);

    const spam = lead.sirItem("Buy me cheap watches");
    await spam.getByTestId("sir-open").click();
    // Keyboard: the Delete button is reachable and asks first (Ingrid reads bokmål); Cancel keeps the item.
    await spam.getByTestId("sir-delete").focus();
    await spam.getByTestId("sir-delete").press("Enter");
    const confirm = spam.getByRole("group", { name: "Slett" });
    await expect.poll(() => confirm.textContent()).toContain("Dette kan ikke angres");
    await confirm.getByRole("button", { name: "Avbryt" }).click();
    expect(await spam.getByTestId("sir-delete").count()).toBe(1);
    await spam.getByTestId("sir-delete").click();
    await spam.getByTestId("sir-delete-yes").click();

    for (const panel of [lead, alex]) await expect.poll(() => panel.sirItems().count()).toBe(1);
    await expect.poll(() => alex.testId("sir-count").textContent()).toBe("1");
    const stored = await suite.app.sir.list(LOCAL_TENANT_ID, LOCAL_CHAT_ID);
    // Gone from storage's list with its text (the tombstone without content is checked in test/sir-cap.test.ts).
    expect(stored.map((i) => i.title)).toEqual(["Hiring plan"]);
    expect(JSON.stringify(stored)).not.toContain("cheap watches");
  });
});
