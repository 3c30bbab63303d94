/**
 * Browser end-to-end: every panel view and the chat at 320 px, in the three Teams themes and the three languages,
 * written to test-results/screenshots/320/ (the test artifacts) to be looked at; and no view in bokmål or Swedish
 * shows the text of an English message.
 */
import { randomUUID } from "node:crypto";
import { existsSync, mkdirSync } from "node:fs";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../bot/src/app.js";
import { LOCAL_ATTENDEES, LOCAL_CHAT_ID, LOCAL_TENANT_ID } from "../../bot/src/local/roster.js";
import { KpiCommand } from "../../shared/src/kpi/commands.js";
import { englishIn } from "../helpers/english-text.js";
import { launchBrowser, MeetingPage, startLocalApp, type Panel } from "./meeting-page.js";

const SHOTS = "test-results/screenshots/320";
const THEMES = ["default", "dark", "contrast"] as const;
/** Ingrid organizes in bokmål, Sven presents in Swedish, Alex attends in English. */
const [INGRID, SVEN, ALEX] = LOCAL_ATTENDEES;
const PANELS = [
  { who: INGRID, lang: "nb" },
  { who: SVEN, lang: "sv" },
  { who: ALEX, lang: "en" },
] as const;
/** The panel's views: each toggle opens one (those a person may not use are skipped). */
const TOGGLES = ["good-news-toggle", "kpi-toggle", "sir-toggle", "decision-log-toggle", "actions-toggle", "priorities-toggle", "summary-toggle", "review-toggle", "btn-edit-agenda"] as const;

let app: App;
let browser: Browser;

beforeAll(async () => {
  if (!existsSync("dist/tab/index.html")) throw new Error("Build the panel first: npx vite build (npm test does it).");
  mkdirSync(SHOTS, { recursive: true });
  browser = await launchBrowser();
  app = await startLocalApp();
  await seed(app);
});
afterAll(async () => {
  await app?.close();
  await browser?.close();
});

const person = (a: (typeof LOCAL_ATTENDEES)[number] | undefined) => ({ userId: a?.userId ?? "", name: a?.name ?? "" });

/** A board with an objective, a key result and an off-track KPI owned by Alex, and a SIR item by Sven. */
async function seed(service: App): Promise<void> {
  const lead = { person: person(INGRID), canManage: true };
  const run = async (command: unknown) => {
    const result = await service.kpi.execute(LOCAL_TENANT_ID, LOCAL_CHAT_ID, KpiCommand.parse(command), lead);
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    return result.change;
  };
  const { board } = await service.kpi.loadBoard(LOCAL_TENANT_ID, LOCAL_CHAT_ID);
  const week = service.kpi.currentWeek(board);
  const objective = await run({ id: `c-${randomUUID()}`, type: "createObjective", fields: { title: "Fornøyde kunder", from: week, to: week.replace(/W\d+$/, "W52"), owner: person(INGRID) } });
  const metric = (fields: Record<string, unknown>) =>
    run({ id: `c-${randomUUID()}`, type: "createMetric", fields: { kind: "kpi", objectiveId: null, unit: "%", direction: "higher", target: 95, targetMax: null, start: null, tolerancePct: 10, owner: person(ALEX), ...fields } });
  const kpi = await metric({ name: "Leveringspresisjon" });
  if (objective.kind === "objective") await metric({ kind: "keyResult", objectiveId: objective.objective.id, name: "NPS", unit: "", target: 40, start: 10, owner: person(SVEN) });
  if (kpi.kind === "metric") await run({ id: `c-${randomUUID()}`, type: "recordValue", metricId: kpi.metric.id, week, value: 61 });
  const sir = await service.sir.execute(
    LOCAL_TENANT_ID,
    LOCAL_CHAT_ID,
    { id: `c-${randomUUID()}`, type: "createSir", fields: { kind: "issue", title: "Q3-leveransen er forsinket", problem: "Underleverandøren leverer to uker for sent.", proposals: ["Bytte leverandør", "Forhandle ny frist"], recommendation: "Forhandle ny frist", concerns: "Leveringspresisjon", meetingId: null, forDate: null } },
    { person: person(SVEN), canHandle: false },
  );
  if (!sir.ok) throw new Error(JSON.stringify(sir.error));
}

/** Opens each view of a panel in turn: a screenshot of each, and the English phrases a bokmål or Swedish view shows. */
async function visitViews(panel: Panel, name: string, lang: "nb" | "sv" | "en"): Promise<string[]> {
  const found: string[] = [];
  const check = async (view: string) => {
    await panel.frameElement.screenshot({ path: `${SHOTS}/${name}-${view}.png` });
    if (lang !== "en") for (const p of englishIn(await panel.root.innerText(), lang)) found.push(`${view}: "${p}"`);
  };
  await check("agenda");
  for (const id of TOGGLES) {
    const toggle = panel.testId(id);
    if ((await toggle.count()) === 0) continue;
    await toggle.click();
    const controls = id === "btn-edit-agenda" ? "agenda-editor" : await toggle.getAttribute("aria-controls", { timeout: 10_000 });
    const view = id === "btn-edit-agenda" ? panel.testId("agenda-editor") : panel.frame.locator(`[id="${controls ?? ""}"]`);
    await view.waitFor({ state: "visible", timeout: 20_000 });
    // A lazy section's place holds its id while the code loads; the section itself then takes the id over.
    await expect.poll(() => panel.frame.locator(`[id="${controls ?? ""}"][data-section-place]`).count(), { timeout: 20_000 }).toBe(0);
    // Lazy sections show a spinner first: wait until it is gone.
    await expect.poll(() => panel.frame.locator(".fui-Spinner").count(), { timeout: 20_000 }).toBe(0);
    await view.scrollIntoViewIfNeeded();
    await check(id.replace(/-toggle$|^btn-/g, ""));
    // The lead's board set-up opens inside the board.
    const setup = panel.testId("kpi-manage");
    if (id === "kpi-toggle" && (await setup.count()) > 0) {
      await setup.click();
      await panel.testId("kpi-reminder-day").waitFor({ timeout: 20_000 });
      await panel.testId("kpi-reminder-day").scrollIntoViewIfNeeded();
      await check("kpi-setup");
      await setup.click();
    }
    // An action's details (the first panel adds one for everyone), and the "My actions" view.
    if (id === "actions-toggle") {
      if ((await panel.frame.getByTestId("action-row").count()) === 0) {
        await panel.testId("action-add-title").fill(lang === "sv" ? "Boka lokal för kick-off" : lang === "nb" ? "Bestille lokale til kick-off" : "Book the kick-off venue");
        await panel.frame.getByTestId("action-add-owner").first().check();
        await panel.testId("action-add").click();
        await panel.frame.getByTestId("action-row").first().waitFor({ timeout: 20_000 });
      }
      const row = panel.frame.getByTestId("action-row").first();
      await row.getByTestId("action-details-toggle").click();
      await row.getByTestId("action-subtask-input").waitFor({ timeout: 20_000 });
      await row.scrollIntoViewIfNeeded();
      await check("action-details");
      await row.getByTestId("action-details-toggle").click();
      const mine = panel.testId("actions-view-mine");
      if ((await mine.count()) > 0) {
        await mine.click();
        await expect.poll(() => panel.frame.locator(".fui-Spinner").count(), { timeout: 20_000 }).toBe(0);
        await check("my-actions");
        await panel.testId("actions-view-series").click();
      }
    }
    if (id !== "btn-edit-agenda") await toggle.click();
  }
  return found;
}

describe("every view at 320 px in three themes and three languages", () => {
  it.each(THEMES)("the %s theme: screenshots of every view, and no English in the bokmål and Swedish panels", async (theme) => {
    const meeting = await MeetingPage.open(browser, app.url, { users: PANELS.map((p) => p.who?.userId ?? ""), theme });
    try {
      const english: string[] = [];
      for (const { who, lang } of PANELS) {
        const panel = meeting.panel(who?.userId ?? "");
        await panel.ready();
        english.push(...(await visitViews(panel, `${theme}-${lang}`, lang)).map((e) => `${lang} ${e}`));
      }
      // The chat at 320 px as each of them reads it (their own view through refresh).
      const page = meeting.page;
      await page.getByTestId("chat-pane").evaluate((el) => el.setAttribute("style", "width: 320px; max-width: 320px"));
      for (const { who, lang } of PANELS) {
        await page.getByTestId("chat-user-select").selectOption(who?.userId ?? "");
        await page.getByTestId("chat-input").fill(lang === "sv" ? "nyckeltal" : lang === "nb" ? "sir" : "hello");
        await page.getByTestId("chat-send").click();
        await expect.poll(() => page.getByTestId("chat-card").count(), { timeout: 20_000 }).toBeGreaterThan(0);
        await page.getByTestId("chat-card").last().locator(".ac-adaptiveCard").waitFor({ timeout: 20_000 });
        await page.getByTestId("chat-pane").screenshot({ path: `${SHOTS}/${theme}-${lang}-chat.png` });
      }
      expect(english).toEqual([]);
    } finally {
      await meeting.close();
    }
  }, 300_000);
});
