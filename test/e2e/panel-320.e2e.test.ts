/**
 * Browser end-to-end for the panel at 320 px: the countdown stays in view when the panel scrolls, every button and
 * switch says what it does (no two "Save" in a KPI row, an off switch does not read "On"), and no choice is clipped.
 */
import { randomUUID } from "node:crypto";
import type { Browser } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../bot/src/app.js";
import { LOCAL_CHAT_ID, LOCAL_TENANT_ID } from "../../bot/src/local/roster.js";
import { ACTIONS_TEXT } from "../../shared/src/i18n/actions-text.js";
import { t } from "../../shared/src/i18n/index.js";
import { KpiCommand } from "../../shared/src/kpi/commands.js";
import { TEMPLATE_IDS } from "../../shared/src/meeting/templates.js";
import { launchBrowser, localAttendee, MeetingPage, startLocalApp, type Panel } from "./meeting-page.js";

/** Ingrid organizes and reads bokmål. */
const INGRID = localAttendee("Organizer");
/** Sven presents in Swedish; Alex attends in English. */
const SVEN = localAttendee("Presenter");
const ALEX = localAttendee("Attendee");

let app: App;
let browser: Browser;
let meeting: MeetingPage | undefined;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterEach(async () => {
  await meeting?.close();
  await app?.close();
});
afterAll(async () => {
  await browser?.close();
});

/** A board of many KPIs (so the panel scrolls), the first with this week's value, all owned by Ingrid. */
async function seedBoard(service: App, count: number): Promise<void> {
  const lead = { person: { userId: INGRID.userId, name: INGRID.name }, canManage: true };
  const { board } = await service.kpi.loadBoard(LOCAL_TENANT_ID, LOCAL_CHAT_ID);
  const week = service.kpi.currentWeek(board);
  for (let i = 1; i <= count; i++) {
    const fields = { kind: "kpi", objectiveId: null, name: `Nøkkeltall ${i}`, unit: "%", direction: "higher", target: 95, targetMax: null, start: null, tolerancePct: 10, owner: lead.person };
    const made = await service.kpi.execute(LOCAL_TENANT_ID, LOCAL_CHAT_ID, KpiCommand.parse({ id: `c-${randomUUID()}`, type: "createMetric", fields }), lead);
    if (i === 1 && made.ok && made.change.kind === "metric") {
      await service.kpi.execute(LOCAL_TENANT_ID, LOCAL_CHAT_ID, KpiCommand.parse({ id: `c-${randomUUID()}`, type: "recordValue", metricId: made.change.metric.id, week, value: 60 }), lead);
    }
  }
}

describe("the panel at 320 px", () => {
  it("the countdown stays in view when the panel scrolls to the bottom of the board", async () => {
    app = await startLocalApp();
    await seedBoard(app, 8);
    meeting = await MeetingPage.open(browser, app.url, { users: [INGRID.userId] });
    const panel = meeting.panel(INGRID.userId);
    await panel.ready();
    await panel.testId("btn-start-meeting").click();
    await panel.testId("kpi-toggle").click();
    await panel.frame.getByTestId("kpi-row").nth(7).waitFor({ timeout: 20_000 });
    const frame = await panel.contentFrame();
    await frame.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await expect.poll(() => frame.evaluate(() => window.scrollY)).toBeGreaterThan(200);
    const box = await frame.evaluate(() => {
      const r = document.querySelector('[data-testid="countdown"]')?.getBoundingClientRect();
      return r ? { top: r.top, bottom: r.bottom, height: window.innerHeight } : null;
    });
    expect(box).not.toBeNull();
    expect(box?.top).toBeGreaterThanOrEqual(0);
    expect(box?.bottom).toBeLessThanOrEqual(box?.height ?? 0);
    // Nothing shows through the header: the board's rows pass behind it.
    const covering = await frame.evaluate(() => {
      const r = document.querySelector('[data-testid="countdown"]')?.getBoundingClientRect();
      const hit = r ? document.elementFromPoint(r.left + 4, r.top + r.height / 2) : null;
      return hit?.closest("header") !== null;
    });
    expect(covering).toBe(true);
  });

  it("a KPI row's two forms have different buttons, an off switch says off, and the reminder choice is not clipped", async () => {
    app = await startLocalApp();
    await seedBoard(app, 1);
    meeting = await MeetingPage.open(browser, app.url, { users: [INGRID.userId] });
    const panel = meeting.panel(INGRID.userId);
    await panel.ready();

    await panel.testId("kpi-toggle").click();
    const row = panel.frame.getByTestId("kpi-row").first();
    await row.getByTestId("kpi-enter").click();
    const names = [await row.getByTestId("kpi-save-value").textContent(), await row.getByTestId("kpi-save-override").textContent()];
    expect(names).toEqual([t("nb", "kpi.saveValue"), t("nb", "kpi.saveOverride")]);

    // The reminder's "only when I ask" fits its select.
    await panel.testId("kpi-manage").click();
    const select = panel.testId("kpi-reminder-day");
    await select.waitFor({ timeout: 20_000 });
    const fit = await select.evaluate((el) => {
      const s = el as HTMLSelectElement;
      const canvas = document.createElement("canvas").getContext("2d");
      if (!canvas) return null;
      const style = getComputedStyle(s);
      canvas.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
      const text = s.options[s.selectedIndex]?.text ?? "";
      return { text, needed: canvas.measureText(text).width + parseFloat(style.paddingLeft) + parseFloat(style.paddingRight), width: s.clientWidth };
    });
    expect(fit?.text).toBe(t("nb", "kpi.reminderOff"));
    expect(fit?.needed).toBeLessThanOrEqual(fit?.width ?? 0);

    // The agenda editor: a section switched off reads "Av", not "På".
    await panel.testId("btn-edit-agenda").click();
    const sw = panel.frame.getByTestId("section-enabled-switch").first();
    await sw.waitFor({ timeout: 20_000 });
    const label = async () => (await panel.frame.locator(`label[for="${await sw.getAttribute("id")}"]`).textContent()) ?? "";
    expect(await label()).toBe(t("nb", "editor.enabled"));
    await sw.click();
    await expect.poll(label).toBe(t("nb", "editor.disabled"));
  });

  it("the agenda editor's template picker shows every template's full name at 320 px, in bokmål, Swedish and English", async () => {
    app = await startLocalApp();
    meeting = await MeetingPage.open(browser, app.url, { users: [INGRID.userId, SVEN.userId, ALEX.userId] });
    await meeting.setRole(ALEX.userId, "Presenter");
    const panels: readonly (readonly [Panel, "nb" | "sv" | "en"])[] = [
      [meeting.panel(INGRID.userId), "nb"],
      [meeting.panel(SVEN.userId), "sv"],
      [meeting.panel(ALEX.userId), "en"],
    ];
    for (const [panel, lang] of panels) {
      await panel.ready();
      const edit = panel.testId("btn-edit-agenda");
      await edit.waitFor({ timeout: 20_000 });
      await edit.click();
      const select = panel.testId("template-select");
      await select.waitFor({ timeout: 20_000 });
      // Whichever template is chosen, its whole name fits the closed select (a native select cuts what does not fit).
      const fits = await select.evaluate((el) => {
        const s = el as HTMLSelectElement;
        const canvas = document.createElement("canvas").getContext("2d");
        if (!canvas) return [];
        const style = getComputedStyle(s);
        canvas.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
        const room = s.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
        return [...s.options].map((o) => ({ text: o.text, cut: canvas.measureText(o.text).width > room }));
      });
      expect(fits.map((f) => f.text)).toEqual(TEMPLATE_IDS.map((id) => t(lang, `template.${id}`)));
      expect(fits.filter((f) => f.cut).map((f) => `${lang}: ${f.text}`)).toEqual([]);
      // And the select itself stays inside the 320 px panel.
      const inside = await select.evaluate((el) => el.getBoundingClientRect().right <= document.documentElement.clientWidth);
      expect(inside).toBe(true);
    }
  });

  it.each([
    ["default", "actions-toggle", "actions-view-series", "actions-view-mine"],
    ["dark", "actions-toggle", "actions-view-series", "actions-view-mine"],
    ["contrast", "actions-toggle", "actions-view-series", "actions-view-mine"],
    ["dark", "kpi-toggle", "kpi-trend-4", "kpi-trend-13"],
    ["default", "kpi-toggle", "kpi-trend-4", "kpi-trend-13"],
  ] as const)("in the %s theme, the %s switch shows which choice is made (3:1 against the other)", async (theme, toggle, first, second) => {
    app = await startLocalApp();
    if (toggle === "kpi-toggle") await seedBoard(app, 1);
    meeting = await MeetingPage.open(browser, app.url, { users: [INGRID.userId], theme });
    const panel = meeting.panel(INGRID.userId);
    await panel.ready();
    await panel.testId(toggle).click();
    await panel.testId(first).waitFor({ timeout: 20_000 });
    const frame = await panel.contentFrame();
    // WCAG 1.4.11: the state of a control is told by colour at 3:1 at least (background of the chosen one against the other's).
    const contrast = () =>
      frame.evaluate(async ([firstId, secondId]) => {
        const ending = document.getAnimations().filter((a) => Number.isFinite(Number(a.effect?.getComputedTiming().endTime ?? Infinity)));
        await Promise.all(ending.map((a) => a.finished.catch(() => undefined)));
        const rgb = (el: Element | null) => (getComputedStyle(el ?? document.body).backgroundColor.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
        const lum = ([r = 0, g = 0, b = 0]: number[]) => {
          const c = (v: number) => (v / 255 <= 0.03928 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4);
          return 0.2126 * c(r) + 0.7152 * c(g) + 0.0722 * c(b);
        };
        const chosen = document.querySelector(`[data-testid="${firstId}"]`);
        const other = document.querySelector(`[data-testid="${secondId}"]`);
        const [a, b] = [lum(rgb(chosen)), lum(rgb(other))].sort((x, y) => y - x);
        const fg = lum((getComputedStyle(chosen ?? document.body).color.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number));
        const bg = lum(rgb(chosen));
        const text = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
        return { pressed: [chosen?.getAttribute("aria-pressed"), other?.getAttribute("aria-pressed")], ratio: ((a ?? 0) + 0.05) / ((b ?? 0) + 0.05), text };
      }, [first, second] as const);
    const before = await contrast();
    expect(before.pressed).toEqual(["true", "false"]);
    expect(before.ratio).toBeGreaterThanOrEqual(3);
    // And its words stay readable on it (4.5:1).
    expect(before.text).toBeGreaterThanOrEqual(4.5);
    // Moving the mouse away keeps it (a hover is not the state).
    await panel.testId(second).click();
    await expect.poll(async () => (await contrast()).pressed).toEqual(["false", "true"]);
    await meeting.page.mouse.move(0, 0);
    expect((await contrast()).ratio).toBeGreaterThanOrEqual(3);
  });

  it("the My actions view is headed My actions and its refresh button says it refreshes (not 'Try again'), in bokmål and Swedish", async () => {
    app = await startLocalApp();
    meeting = await MeetingPage.open(browser, app.url, { users: [INGRID.userId, SVEN.userId] });
    for (const [userId, lang] of [[INGRID.userId, "nb"], [SVEN.userId, "sv"]] as const) {
      const panel = meeting.panel(userId);
      await panel.ready();
      await panel.testId("actions-toggle").click();
      await panel.testId("actions-view-mine").click();
      const refresh = panel.testId("my-actions-refresh");
      await refresh.waitFor({ timeout: 20_000 });
      expect(await panel.testId("actions-heading").textContent()).toBe(ACTIONS_TEXT[lang].viewMine);
      expect(await refresh.textContent()).toBe(ACTIONS_TEXT[lang].refreshMine);
      expect(await refresh.textContent()).not.toBe(ACTIONS_TEXT[lang].retry);
      await panel.testId("actions-view-series").click();
      await expect.poll(() => panel.testId("actions-heading").textContent()).toBe(ACTIONS_TEXT[lang].heading);
    }
  });
});
