/**
 * Browser end-to-end, "acknowledged means durable" as the lead sees it: the real panel (headless Chromium, real
 * teams-js, the local meeting page) against the real service, whose Table Storage runs as its own process. The
 * storage process is frozen (SIGSTOP) while the lead extends the timer: the panel says, in the lead's language
 * (Norwegian), that the service cannot save right now and that the change is kept, shows no error that suggests
 * it was lost, and marks the button as pending. When storage thaws, the panel sends the same command again by
 * itself; the extension shows up once (never twice) and the notice goes away.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../bot/src/app.js";
import { LOCAL_MEETING_ID, LOCAL_TENANT_ID } from "../../bot/src/local/roster.js";
import { startTablesProcess, type TablesProcess } from "../helpers/processes.js";
import { launchBrowser, localAttendee, MeetingPage, startLocalApp } from "./meeting-page.js";

const ORGANIZER = localAttendee("Organizer").userId;
const FIVE_MINUTES = 5 * 60_000;
const SHOTS = "test-results/screenshots";

let dataDir: string;
let tables: TablesProcess;
let app: App;
let browser: Browser;
let meeting: MeetingPage | null = null;

beforeAll(async () => {
  if (!existsSync("dist/tab/index.html") || !existsSync("dist/tab/local/meeting.html")) throw new Error("Build the panel first: npx vite build (npm test does it).");
  dataDir = mkdtempSync(path.join(os.tmpdir(), "okr-outage-e2e-"));
  tables = await startTablesProcess({ dir: dataDir });
  app = await startLocalApp({ STORAGE_CONNECTION_STRING: tables.connectionString });
  browser = await launchBrowser();
});

afterAll(async () => {
  tables?.thaw();
  await meeting?.close();
  await browser?.close();
  await app?.close();
  tables?.kill("SIGKILL");
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function storedExtraMs(): Promise<number> {
  const stored = await app.store.get({ tenantId: LOCAL_TENANT_ID, meetingId: LOCAL_MEETING_ID });
  return stored.sections.find((s) => s.id === stored.currentSectionId)?.extraMs ?? 0;
}

describe("the side panel while Table Storage is down", () => {
  it("shows the offline notice in the lead's language, keeps the lead's command, and shows its result once storage is back", async () => {
    meeting = await MeetingPage.open(browser, app.url, { users: [ORGANIZER] });
    const lead = meeting.panel(ORGANIZER);
    await lead.ready();
    expect(await lead.root.getAttribute("data-locale")).toBe("nb");

    await lead.testId("btn-start-meeting").click();
    await expect.poll(() => lead.testId("phase").getAttribute("data-phase")).toBe("running");
    // Paused, so the countdown stands still and the extension is an exact difference.
    await lead.testId("btn-toggle-timer").click();
    await expect.poll(() => lead.testId("timer-state").getAttribute("data-running")).toBe("false");
    const before = await lead.remainingMs();
    const version = await lead.version();
    expect(await storedExtraMs()).toBe(0);

    tables.freeze();
    await lead.testId("btn-extend-5").click();

    // The service answers 503 storageUnavailable within its storage deadline (~4 s); the panel keeps the command.
    const banner = lead.testId("offline-banner");
    await banner.waitFor({ state: "visible", timeout: 15_000 });
    expect(await banner.getAttribute("data-status")).toBe("storageUnavailable");
    expect(await banner.getAttribute("data-pending")).toBe("1");
    const text = await banner.innerText();
    expect(text).toContain("Tjenesten får ikke lagret akkurat nå.");
    expect(text).toContain("Endringene dine er tatt vare på og sendes automatisk.");
    await expect.poll(() => lead.testId("offline-retry").innerText()).toMatch(/^Prøver igjen( om \d+ s)? …$/);
    // Inside the polite live region, so a screen reader hears it; no error bar says the change was lost.
    expect(await lead.frame.locator('[role="status"]', { has: banner }).count()).toBe(1);
    expect(await lead.testId("error-bar").count()).toBe(0);
    expect(await lead.testId("btn-extend-5").getAttribute("data-pending")).toBe("true");
    // The notice passes the accessibility checker, and "try now" is reachable from the keyboard.
    const violations = await lead.axeViolations();
    expect(violations, JSON.stringify(violations)).toEqual([]);
    expect(await lead.testId("offline-try-now").evaluate((el) => (el as HTMLElement).tabIndex)).toBe(0);
    mkdirSync(SHOTS, { recursive: true });
    await lead.frameElement.screenshot({ path: `${SHOTS}/offline-banner-nb.png` });
    // Nothing applied while storage is down.
    expect(await lead.remainingMs()).toBe(before);
    expect(await lead.version()).toBe(version);

    tables.thaw();

    // Resent by itself with the same id: the extension shows up, the notice goes, the button is no longer pending.
    await expect.poll(() => lead.remainingMs(), { timeout: 25_000 }).toBe(before + FIVE_MINUTES);
    await banner.waitFor({ state: "detached", timeout: 10_000 });
    expect(await lead.testId("btn-extend-5").getAttribute("data-pending")).toBe("false");
    expect(await lead.testId("error-bar").count()).toBe(0);
    // Once, not twice: one new version, five minutes in storage (even if the frozen store took the first try late).
    expect(await lead.version()).toBe(version + 1);
    expect(await storedExtraMs()).toBe(FIVE_MINUTES);
    expect(await lead.remainingMs()).toBe(before + FIVE_MINUTES);
  });
});
