/** Browser end-to-end for adding the app to a meeting: the local meeting page opens the real configuration page (real teams-js, frame context "settings") in Teams' Add-app dialog; the lead picks a template and the summary channel and saves; the side panel then opens with that template. A non-lead cannot save. Themes, 320 px and axe. */
import type { Locator } from "playwright-core";
import { describe, expect, it } from "vitest";
import { LOCAL_TEAM } from "../../bot/src/local/connector-stub.js";
import { LOCAL_MEETING_ID, LOCAL_TENANT_ID } from "../../bot/src/local/roster.js";
import type { SetupResponse } from "../../shared/src/wire/setup-protocol.js";
import { browserSuite, localAttendee, MeetingPage, Panel, startLocalApp } from "./meeting-page.js";

const SHOTS = "test-results/screenshots";
/** Ingrid organizes and reads bokmål; Alex attends and reads English. */
const ORGANIZER = localAttendee("Organizer");
const ATTENDEE = localAttendee("Attendee");
const RESULTS_CHANNEL = "19:local-okr-results@thread.tacv2";

const suite = browserSuite({ built: ["config.html", "local/meeting.html"], shots: SHOTS });

/** The Add-app dialog of the local meeting page: Teams' Save button around the app's configuration page. */
class AddAppDialog {
  constructor(private readonly meeting: MeetingPage) {}
  get dialog(): Locator {
    return this.meeting.page.getByTestId("settings-dialog");
  }
  get save(): Locator {
    return this.meeting.page.getByTestId("settings-save");
  }
  get config(): Panel {
    return new Panel(this.meeting.page.getByTestId("settings-frame"), this.meeting.page.frameLocator('[data-testid="settings-frame"]'));
  }
  async open(asUserId: string): Promise<void> {
    await this.meeting.page.getByTestId("add-app").click();
    await this.dialog.waitFor({ state: "visible" });
    if ((await this.meeting.page.getByTestId("settings-as").inputValue()) !== asUserId) await this.meeting.page.getByTestId("settings-as").selectOption(asUserId);
    await this.config.testId("setup-page").waitFor({ state: "visible", timeout: 20_000 });
  }
}

async function storedSetup(userId: string): Promise<SetupResponse> {
  const token = await suite.app.devIssuer!.sign({ oid: userId, tid: LOCAL_TENANT_ID, name: "test" });
  const res = await fetch(`${suite.app.url}/api/meetings/${encodeURIComponent(LOCAL_MEETING_ID)}/setup?team=${encodeURIComponent(LOCAL_TEAM.id)}`, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status).toBe(200);
  return (await res.json()) as SetupResponse;
}

describe("adding the app to a meeting", () => {
  it("the lead picks a template and the summary channel, saves, and the side panel opens with that template", async () => {
    suite.app = await startLocalApp();
    const meeting = await suite.open({ users: [ORGANIZER.userId], app: "new" });
    // Before the app is added there is no side panel, as in Teams.
    await meeting.page.getByTestId("app-not-added").waitFor({ state: "visible" });
    expect(await meeting.page.getByTestId("attendee-column").count()).toBe(0);

    const add = new AddAppDialog(meeting);
    await add.open(ORGANIZER.userId);
    const config = add.config;
    // Ingrid's Teams is in bokmål; the page is in the settings frame context with the meeting's team.
    expect(await config.frame.locator("h1").textContent()).toBe("Sett opp det ukentlige resultatmøtet");
    expect(await config.testId("setup-page").getAttribute("data-can-save")).toBe("true");
    // No channel chosen yet: Teams' Save stays disabled.
    await expect.poll(() => add.save.isDisabled()).toBe(true);
    expect(await config.testId("setup-channel").locator("option").allTextContents()).toEqual(["Velg en kanal", "Generelt", "Weekly result meeting", "Results", "Sales", "Ingen kanal for oppsummering nå"]);

    await config.testId("setup-template").selectOption("okrCheckIn15");
    await config.testId("setup-channel").selectOption(RESULTS_CHANNEL);
    await expect.poll(() => add.save.isEnabled()).toBe(true);
    expect(await config.axeViolations()).toEqual([]);
    await add.save.click();

    // Saved: the dialog closes and the side panel opens at the URL the page set, with the chosen template.
    await add.dialog.waitFor({ state: "hidden" });
    const panel = meeting.panel(ORGANIZER.userId);
    await panel.ready();
    expect(await panel.frameElement.getAttribute("src")).toBe("/tab/index.html");
    await panel.section("checkInStatus").waitFor({ state: "visible" });
    expect(await panel.frame.locator('[data-testid="section-item"]').evaluateAll((items) => items.map((i) => i.getAttribute("data-section-id")))).toEqual([
      "checkInStatus",
      "checkInObstacles",
      "checkInDependencies",
    ]);
    const stored = await storedSetup(ORGANIZER.userId);
    expect(stored.setup).toMatchObject({ templateId: "okrCheckIn15", channel: { teamId: LOCAL_TEAM.id, channelId: RESULTS_CHANNEL, channelName: "Results" }, savedBy: { userId: ORGANIZER.userId } });
    expect(await meeting.page.getByTestId("app-not-added").isHidden()).toBe(true);

    // Opening the settings again shows what was saved.
    await add.open(ORGANIZER.userId);
    expect(await add.config.testId("setup-template").inputValue()).toBe("okrCheckIn15");
    expect(await add.config.testId("setup-channel").inputValue()).toBe(RESULTS_CHANNEL);
    await expect.poll(() => add.save.isEnabled()).toBe(true);
  });

  it("an attendee sees why they cannot set the meeting up, and cannot save", async () => {
    suite.app = await startLocalApp();
    const meeting = await suite.open({ users: [ATTENDEE.userId], app: "new" });
    const add = new AddAppDialog(meeting);
    await add.open(ATTENDEE.userId);
    const config = add.config;
    await config.testId("setup-readonly").waitFor({ state: "visible" });
    expect(await config.testId("setup-readonly").textContent()).toContain("Only the meeting's organizer or a presenter can set it up.");
    expect(await config.testId("setup-readonly").textContent()).toContain("Nobody has set up this meeting yet.");
    expect(await config.testId("setup-template").count()).toBe(0);
    expect(await config.frameElement.getAttribute("data-valid")).toBe("false");
    expect(await add.save.isDisabled()).toBe(true);
    expect((await storedSetup(ATTENDEE.userId)).setup).toBeNull();
    await meeting.page.getByTestId("settings-cancel").click();
    await add.dialog.waitFor({ state: "hidden" });
    expect(await meeting.page.getByTestId("attendee-column").count()).toBe(0);
  });

  it("a meeting outside any team says there is no channel to offer and what to do, and saves without one", async () => {
    suite.app = await startLocalApp();
    const meeting = await suite.open({ users: [ORGANIZER.userId], app: "new", team: "none" });
    const add = new AddAppDialog(meeting);
    await add.open(ORGANIZER.userId);
    const problem = add.config.testId("setup-problem");
    await problem.waitFor({ state: "visible" });
    expect(await problem.getAttribute("data-problem")).toBe("noTeam");
    expect(await problem.textContent()).toContain("legg appen til i teamet");
    expect(await add.config.testId("setup-channel").count()).toBe(0);
    // Nothing more to choose: Save is enabled with the template alone.
    await expect.poll(() => add.save.isEnabled()).toBe(true);
    await add.config.testId("setup-template").selectOption("teamWeekly45");
    await add.save.click();
    await add.dialog.waitFor({ state: "hidden" });
    await meeting.panel(ORGANIZER.userId).ready();
    expect((await storedSetup(ORGANIZER.userId)).setup).toMatchObject({ templateId: "teamWeekly45", channel: null });
  });

  it("a save the service refuses (the lead was made an attendee meanwhile) reports the failure to Teams and keeps the dialog open", async () => {
    suite.app = await startLocalApp();
    const meeting = await suite.open({ users: [ORGANIZER.userId], app: "new" });
    const add = new AddAppDialog(meeting);
    await add.open(ORGANIZER.userId);
    await add.config.testId("setup-channel").selectOption(RESULTS_CHANNEL);
    await expect.poll(() => add.save.isEnabled()).toBe(true);
    // Teams demotes Ingrid while the dialog is open (the page still thinks she may save).
    const demoted = await fetch(`${suite.app.url}/local/roster/role`, { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify({ userId: ORGANIZER.userId, role: "Attendee" }) });
    expect(demoted.status).toBeLessThan(300);
    await add.save.click();
    // notifyFailure(reason): the host shows the page's reason, in Ingrid's language, and the dialog stays.
    await expect.poll(() => meeting.page.getByTestId("settings-status").textContent()).toContain("Not saved: Oppsettet ble ikke lagret. Bare møtets arrangør eller en presentatør kan lagre oppsettet.");
    expect(await add.config.testId("setup-error").textContent()).toContain("Bare møtets arrangør eller en presentatør");
    expect(await add.dialog.isVisible()).toBe(true);
    expect(await meeting.page.getByTestId("attendee-column").count()).toBe(0);
    expect((await storedSetup(ORGANIZER.userId)).setup).toBeNull();
  });

  it.each(["default", "dark", "contrast"] as const)("the configuration page fits 320 px in the %s theme with no axe violations", async (theme) => {
    suite.app = await startLocalApp();
    const meeting = await suite.open({ users: [ORGANIZER.userId], app: "new", theme });
    const add = new AddAppDialog(meeting);
    await add.open(ORGANIZER.userId);
    await add.config.frameElement.evaluate((frame) => {
      (frame as HTMLIFrameElement).style.width = "320px";
    });
    const frame = await add.config.contentFrame();
    await expect.poll(() => frame.evaluate(() => window.innerWidth)).toBe(318);
    expect(await add.config.root.getAttribute("data-theme")).toBe(theme);
    // Nothing wider than the frame: no sideways scrolling at 320 px.
    expect(await frame.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    expect(await add.config.axeViolations()).toEqual([]);
    await add.config.frameElement.screenshot({ path: `${SHOTS}/config-${theme}-320.png` });
  });

  it("keyboard only: the lead chooses with the keyboard and Teams' Save is reachable", async () => {
    suite.app = await startLocalApp();
    const meeting = await suite.open({ users: [ORGANIZER.userId], app: "new" });
    const add = new AddAppDialog(meeting);
    await add.open(ORGANIZER.userId);
    const channel = add.config.testId("setup-channel");
    await channel.focus();
    // Down from "Velg en kanal" (disabled) lands on the first real channel, General.
    await channel.press("ArrowDown");
    await expect.poll(() => channel.inputValue()).toBe(LOCAL_TEAM.id);
    await expect.poll(() => add.save.isEnabled()).toBe(true);
    await add.save.focus();
    await add.save.press("Enter");
    await add.dialog.waitFor({ state: "hidden" });
    await meeting.panel(ORGANIZER.userId).ready();
    expect((await storedSetup(ORGANIZER.userId)).setup?.channel).toMatchObject({ channelId: LOCAL_TEAM.id, channelName: "" });
  });
});
