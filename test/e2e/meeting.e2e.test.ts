/** Browser end-to-end: the real panel with the real teams-js in headless Chromium, hosted by the local meeting page, against the real service and Azurite. */
import { describe, expect, it } from "vitest";
import { createApp } from "../../bot/src/app.js";
import { loadConfig } from "../../bot/src/config.js";
import { LOCAL_ATTENDEES, LOCAL_MEETING_ID, LOCAL_TENANT_ID } from "../../bot/src/local/roster.js";
import { browserSuite, PANEL_BUILD, startLocalApp } from "./meeting-page.js";

const [ORGANIZER, PRESENTER, ATTENDEE, ATTENDEE2] = LOCAL_ATTENDEES.map((a) => a.userId) as [string, string, string, string];
const SHOTS = "test-results/screenshots";

const suite = browserSuite({ built: PANEL_BUILD, shots: SHOTS });

/** Each test gets its own service and in-memory storage, so meetings never leak between tests. */
async function freshApp(): Promise<void> {
  suite.app = await startLocalApp();
}

/** A fresh meeting with Ingrid (organizer) and Alex (attendee) side by side, both panels loaded. */
async function leadAndAttendee() {
  await freshApp();
  const meeting = await suite.open({ users: [ORGANIZER, ATTENDEE] });
  const lead = meeting.panel(ORGANIZER);
  const alex = meeting.panel(ATTENDEE);
  await lead.ready();
  await alex.ready();
  return { meeting, lead, alex };
}

describe("the meeting side panel in a simulated Teams meeting", () => {
  it("the lead starts the meeting and moves on; every attendee's panel follows", async () => {
    const { lead, alex } = await leadAndAttendee();
    await expect.poll(() => alex.testId("phase").getAttribute("data-phase")).toBe("notStarted");

    await lead.testId("btn-start-meeting").click();
    await expect.poll(() => alex.testId("phase").getAttribute("data-phase")).toBe("running");
    await expect.poll(() => alex.section("goodNews").getAttribute("data-current")).toBe("true");
    await expect.poll(() => alex.testId("timer-state").getAttribute("data-running")).toBe("true");

    await lead.testId("btn-next").click();
    await expect.poll(() => alex.section("kpis").getAttribute("data-current")).toBe("true");
    await expect.poll(() => alex.section("goodNews").getAttribute("data-current")).toBe("false");

    await lead.testId("btn-toggle-timer").click();
    await expect.poll(() => alex.testId("timer-state").getAttribute("data-running")).toBe("false");
    // Paused: the attendee's countdown stands still at the same value as the lead's.
    const leadLeft = await lead.remainingMs();
    await expect.poll(() => alex.remainingMs()).toBe(leadLeft);

    await lead.testId("btn-extend-5").click();
    await expect.poll(() => alex.remainingMs()).toBe(leadLeft + 5 * 60_000);
  });

  it("an attendee sees no controls, and the service refuses a command forged from their panel", async () => {
    const { lead, alex } = await leadAndAttendee();
    await lead.testId("btn-start-meeting").click();
    await expect.poll(() => alex.testId("phase").getAttribute("data-phase")).toBe("running");

    for (const id of ["btn-start-meeting", "btn-next", "btn-previous", "btn-toggle-timer", "btn-extend-1", "btn-extend-5", "btn-reset-timer", "btn-end-meeting", "btn-edit-agenda"]) {
      await expect(alex.testId(id).count(), id).resolves.toBe(0);
    }
    const before = await alex.version();
    const frame = await alex.contentFrame();
    const status = await frame.evaluate(
      async ({ userId, meetingId }) => {
        const { token } = (await (await fetch("/local/token", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ userId }) })).json()) as { token: string };
        const res = await fetch(`/api/meetings/${encodeURIComponent(meetingId)}/commands`, {
          method: "POST",
          headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
          body: JSON.stringify({ command: { id: crypto.randomUUID(), type: "nextSection" } }),
        });
        return res.status;
      },
      { userId: ATTENDEE, meetingId: LOCAL_MEETING_ID },
    );
    expect(status).toBe(403);
    const stored = await suite.app.store.get({ tenantId: "00000000-0000-4000-8000-00000000a001", meetingId: LOCAL_MEETING_ID });
    expect(stored.version).toBe(before);
    expect(stored.currentSectionId).toBe("goodNews");
  });

  it("a reloaded panel comes back to the same section, version and remaining time", async () => {
    await freshApp();
    const meeting = await suite.open({ users: [ORGANIZER, ATTENDEE] });
    const lead = meeting.panel(ORGANIZER);
    const alex = meeting.panel(ATTENDEE);
    await lead.ready();
    await lead.testId("btn-start-meeting").click();
    await lead.testId("btn-next").click();
    await lead.testId("btn-toggle-timer").click();
    await expect.poll(() => lead.testId("timer-state").getAttribute("data-running")).toBe("false");
    const version = await lead.version();
    const left = await lead.remainingMs();

    await meeting.column(ATTENDEE).getByTestId("reload-panel").click();
    await alex.ready();
    await expect.poll(() => alex.version()).toBe(version);
    await expect.poll(() => alex.section("kpis").getAttribute("data-current")).toBe("true");
    await expect.poll(() => alex.remainingMs()).toBe(left);
  });

  it("a panel whose computer clock is 7 minutes off shows the same remaining time (within 0.5 s)", async () => {
    await freshApp();
    const meeting = await suite.open({ users: [ORGANIZER] });
    const skewed = await suite.open({ users: [ATTENDEE], clockSkewMs: 7 * 60_000 });
    const lead = meeting.panel(ORGANIZER);
    const alex = skewed.panel(ATTENDEE);
    await lead.ready();
    await alex.ready();
    await lead.testId("btn-start-meeting").click();
    await expect.poll(() => alex.testId("timer-state").getAttribute("data-running")).toBe("true");
    // The countdown runs; compare both panels at the same real moment (corrected for the time between the two reads).
    await expect
      .poll(
        async () => {
          const t0 = performance.now();
          const a = await lead.remainingMs();
          const t1 = performance.now();
          const b = await alex.remainingMs();
          return Math.abs(a - (t1 - t0) - b);
        },
        { timeout: 10_000 },
      )
      .toBeLessThan(500);
    // And it really counts down from the section's 5-minute box, not from a clock 7 minutes away.
    const left = await alex.remainingMs();
    expect(left).toBeLessThanOrEqual(5 * 60_000);
    expect(left).toBeGreaterThan(4 * 60_000);
  });

  it("a presenter can drive, and an attendee made presenter mid-meeting gets the controls", async () => {
    await freshApp();
    const meeting = await suite.open({ users: [PRESENTER, ATTENDEE2] });
    const sven = meeting.panel(PRESENTER);
    const kari = meeting.panel(ATTENDEE2);
    await sven.ready();
    await kari.ready();
    await sven.testId("btn-start-meeting").click();
    await expect.poll(() => kari.testId("phase").getAttribute("data-phase")).toBe("running");
    expect(await kari.testId("btn-next").count()).toBe(0);

    await meeting.setRole(ATTENDEE2, "Presenter");
    await kari.ready();
    await kari.testId("btn-next").click();
    await expect.poll(() => sven.section("kpis").getAttribute("data-current")).toBe("true");
  });

  it("a presenter switched to attendee on the meeting page loses the controls within a few seconds, without a reload", async () => {
    // Roles trusted as long as in production (30 s): the change must still arrive at once.
    suite.app = await startLocalApp({ ROLE_TTL_MS: "30000" });
    const meeting = await suite.open({ users: [ORGANIZER, PRESENTER] });
    const ingrid = meeting.panel(ORGANIZER);
    const sven = meeting.panel(PRESENTER);
    await Promise.all([ingrid.ready(), sven.ready()]);
    await sven.testId("btn-start-meeting").click();
    await expect.poll(() => ingrid.testId("phase").getAttribute("data-phase")).toBe("running");
    await expect.poll(() => sven.testId("btn-next").count()).toBe(1);
    // The same panel document throughout: a reload would hide a role that never reached the open stream.
    const frame = await sven.contentFrame();
    await frame.evaluate(() => ((globalThis as { okrMarker?: string }).okrMarker = "not reloaded"));

    await meeting.setRole(PRESENTER, "Attendee");
    await expect.poll(() => sven.testId("role-badge").getAttribute("data-role"), { timeout: 3_000 }).toBe("Attendee");
    expect(await sven.testId("btn-next").count()).toBe(0);
    expect(await sven.testId("btn-edit-agenda").count()).toBe(0);
    expect(await frame.evaluate(() => (globalThis as { okrMarker?: string }).okrMarker)).toBe("not reloaded");

    await meeting.setRole(PRESENTER, "Presenter");
    await expect.poll(() => sven.testId("role-badge").getAttribute("data-role"), { timeout: 3_000 }).toBe("Presenter");
    await expect.poll(() => sven.testId("btn-next").count()).toBe(1);
  });

  it("the lead edits the agenda: switching on the sales funnel shows it to everyone", async () => {
    const { lead, alex } = await leadAndAttendee();
    expect(await alex.section("salesFunnel").count()).toBe(0);
    await lead.testId("btn-edit-agenda").click();
    await lead.frame.locator('[data-testid="editor-row"][data-section-id="salesFunnel"]').getByTestId("section-enabled-switch").click();
    await expect.poll(() => alex.section("salesFunnel").count()).toBe(1);
  });

  it("82½ minutes into a 60-minute meeting every panel reads '82 of 60 min · 22 min over' (one rounding), in nb, sv and en", async () => {
    // The service's own clock, moved on by hand: the panels sync to it as they would to a meeting that ran long.
    let offset = 0;
    suite.app = await createApp(loadConfig({ APP_ENV: "local", PORT: "0", TAB_DIR: "dist/tab", ROLE_TTL_MS: "0" }), { inMemoryStorage: true, now: () => Date.now() + offset });
    const ref = { tenantId: LOCAL_TENANT_ID, meetingId: LOCAL_MEETING_ID };
    expect((await suite.app.store.execute(ref, { id: "cmd-overrun-start", type: "startMeeting" })).ok).toBe(true);
    offset = 82 * 60_000 + 30_000;
    expect((await suite.app.store.execute(ref, { id: "cmd-overrun-pause", type: "pauseTimer" })).ok).toBe(true);

    const meeting = await suite.open({ users: [ORGANIZER, PRESENTER, ATTENDEE] });
    for (const [userId, over, label] of [
      [ORGANIZER, "82 av 60 min22 min over", "Gode nyheter er 77:30 over tiden"],
      [PRESENTER, "82 av 60 min22 min över", "Goda nyheter är 77:30 över tiden"],
      [ATTENDEE, "82 of 60 min22 min over", "Good news is 77:30 over its time box"],
    ] as const) {
      const panel = meeting.panel(userId);
      await panel.ready();
      await expect.poll(() => panel.testId("progress-total").textContent()).toBe(over);
      // The countdown's digits and its spoken overrun are the same figure.
      expect(await panel.testId("countdown").textContent()).toBe("-77:30");
      expect(await panel.testId("countdown").getAttribute("aria-label")).toBe(label);
    }
  });

  it("a template picked mid-meeting keeps the current section and its time, asks before losing any, and can be undone", async () => {
    const { meeting, lead, alex } = await leadAndAttendee();
    await lead.testId("btn-start-meeting").click();
    await expect.poll(async () => Number(await alex.section("goodNews").getAttribute("data-used-ms")), { timeout: 5_000 }).toBeGreaterThan(1_500);
    await lead.testId("btn-next").click();
    await expect.poll(() => alex.section("kpis").getAttribute("data-current")).toBe("true");
    await expect.poll(async () => Number(await lead.section("kpis").getAttribute("data-used-ms")), { timeout: 5_000 }).toBeGreaterThan(500);
    const goodNewsUsed = Number(await alex.section("goodNews").getAttribute("data-used-ms"));

    // Leadership weekly has the same sections: nothing is lost, so nothing is asked; the meeting stays where it is.
    await lead.testId("btn-edit-agenda").click();
    await lead.testId("template-select").selectOption("leadershipWeekly90");
    await expect.poll(() => alex.section("kpis").textContent()).toContain("15 min");
    expect(await lead.testId("template-confirm").count()).toBe(0);
    expect(await alex.section("kpis").getAttribute("data-current")).toBe("true");
    expect(Number(await alex.section("goodNews").getAttribute("data-used-ms"))).toBe(goodNewsUsed);
    expect(await alex.testId("timer-state").getAttribute("data-running")).toBe("true");
    // The lead is offered the undo; an attendee is not.
    await expect.poll(() => lead.testId("template-undo").count()).toBe(1);
    expect(await alex.testId("template-undo").count()).toBe(0);

    // The check-in has none of these sections: the lead is told what leaves the agenda and where the meeting goes (bokmål).
    await lead.testId("template-select").selectOption("okrCheckIn15");
    await expect.poll(() => lead.testId("template-confirm").count()).toBe(1);
    expect(await lead.testId("template-confirm-leaving").textContent()).toMatch(/Gode nyheter \(\d+:\d\d\), KPI\/måltall \(\d+:\d\d\)/);
    expect(await lead.testId("template-confirm-moves").textContent()).toBe("Møtet flyttes fra KPI/måltall til Status og nøkkelresultater.");
    await lead.testId("template-confirm").scrollIntoViewIfNeeded();
    for (const theme of ["default", "dark", "contrast"] as const) {
      await meeting.setTheme(theme);
      await expect.poll(() => lead.root.getAttribute("data-theme")).toBe(theme);
      await lead.frameElement.screenshot({ path: `${SHOTS}/panel-template-confirm-nb-${theme}.png` });
      const violations = await lead.axeViolations();
      expect(violations, `${theme}: ${JSON.stringify(violations)}`).toEqual([]);
    }
    // Cancel changes nothing.
    const version = await alex.version();
    await lead.testId("template-confirm-no").click();
    expect(await lead.testId("template-confirm").count()).toBe(0);
    expect(await lead.testId("template-select").inputValue()).toBe("leadershipWeekly90");
    expect(await alex.version()).toBe(version);

    await lead.testId("template-select").selectOption("okrCheckIn15");
    await lead.testId("template-confirm-yes").click();
    await expect.poll(() => alex.section("checkInStatus").getAttribute("data-current")).toBe("true");
    expect(await alex.section("goodNews").count()).toBe(0);

    // Undo: the agenda as it was, back at KPIs, with the time used; from the lead's panel, shown on everyone's.
    await lead.testId("btn-undo-template").click();
    await expect.poll(() => alex.section("kpis").getAttribute("data-current")).toBe("true");
    expect(Number(await alex.section("goodNews").getAttribute("data-used-ms"))).toBe(goodNewsUsed);
    await expect.poll(() => lead.testId("template-select").inputValue()).toBe("leadershipWeekly90");
    await expect.poll(() => lead.testId("template-undo").count()).toBe(0);
  });

  it("panels speak each attendee's language and follow the Teams theme; screenshots at 320 px; axe finds no violations", async () => {
    await freshApp();
    const meeting = await suite.open({ users: [ORGANIZER, PRESENTER, ATTENDEE] });
    const ingrid = meeting.panel(ORGANIZER);
    const sven = meeting.panel(PRESENTER);
    const alex = meeting.panel(ATTENDEE);
    await Promise.all([ingrid.ready(), sven.ready(), alex.ready()]);
    expect(await ingrid.root.getAttribute("data-locale")).toBe("nb");
    expect(await sven.root.getAttribute("data-locale")).toBe("sv");
    expect(await alex.root.getAttribute("data-locale")).toBe("en");
    await ingrid.testId("btn-start-meeting").click();
    await expect.poll(() => alex.testId("phase").getAttribute("data-phase")).toBe("running");

    for (const theme of ["default", "dark", "contrast"] as const) {
      await meeting.setTheme(theme);
      for (const [name, panel] of [["lead-nb", ingrid], ["attendee-en", alex]] as const) {
        await expect.poll(() => panel.root.getAttribute("data-theme")).toBe(theme);
        const box = await panel.frameElement.boundingBox();
        expect(box?.width).toBe(320);
        await panel.frameElement.screenshot({ path: `${SHOTS}/panel-${name}-${theme}.png` });
        const violations = await panel.axeViolations();
        expect(violations, `${name} in ${theme}: ${JSON.stringify(violations)}`).toEqual([]);
      }
    }
  });
});
