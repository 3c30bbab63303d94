/** @module Page objects for the browser tests: the local meeting page (the Teams host stand-in) and one attendee's side panel inside it. */
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { createApp, type App } from "../../bot/src/app.js";
import { loadConfig } from "../../bot/src/config.js";
import { LOCAL_ATTENDEES, type LocalAttendee } from "../../bot/src/local/roster.js";
import { chromium, type Browser, type BrowserContext, type Frame, type FrameLocator, type Locator, type Page } from "playwright-core";
import { afterAll, afterEach, beforeAll } from "vitest";

/**
 * The whole product in local mode on a free port with in-memory Azurite, roles asked of the stand-in Teams on every
 * request. `env` adds settings, e.g. `STORAGE_CONNECTION_STRING` of a Table Storage process a test can freeze.
 */
export async function startLocalApp(env: Record<string, string> = {}): Promise<App> {
  return createApp(loadConfig({ APP_ENV: "local", PORT: "0", TAB_DIR: "dist/tab", ROLE_TTL_MS: "0", ...env }), { inMemoryStorage: true });
}

/** The local roster's person with this role (Ingrid organizes, Sven presents, Alex attends). */
export function localAttendee(role: LocalAttendee["role"]): LocalAttendee {
  const found = LOCAL_ATTENDEES.find((a) => a.role === role);
  if (!found) throw new Error(`no local ${role}`);
  return found;
}

export const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: CHROMIUM_ARGS });
}

/** The built panel files (under dist/tab) most browser tests need: the side panel and the local meeting page. */
export const PANEL_BUILD = ["index.html", "local/meeting.html"] as const;

export interface BrowserSuiteOptions {
  /** Files under dist/tab the file's tests need: without them every test fails at once, saying to build the panel. */
  readonly built?: readonly string[];
  /** A folder the tests write screenshots to, made before they run. */
  readonly shots?: string;
}

/** One browser for a test file; each test sets its own `app` and opens its meeting pages with `open`. */
export interface BrowserSuite {
  readonly browser: Browser;
  /** The test's service: set by the test, closed after each test (with the pages). */
  app: App;
  /** The local meeting page of the test's app in the file's browser; closed after the test. */
  open(options?: OpenOptions): Promise<MeetingPage>;
}

/**
 * Registers the hooks every browser test file shares: before all, the build check, the screenshots folder and the
 * browser; after each test, its meeting pages and then its app are closed; after all, the browser.
 */
export function browserSuite(options: BrowserSuiteOptions = {}): BrowserSuite {
  let browser: Browser | undefined;
  let app: App | undefined;
  const pages: MeetingPage[] = [];
  beforeAll(async () => {
    if ((options.built ?? []).some((file) => !existsSync(`dist/tab/${file}`))) throw new Error("Build the panel first: npx vite build (npm test does it).");
    if (options.shots) mkdirSync(options.shots, { recursive: true });
    browser = await launchBrowser();
  });
  afterEach(async () => {
    await Promise.all(pages.splice(0).map((p) => p.close()));
    await app?.close();
  });
  afterAll(async () => {
    await browser?.close();
  });
  const suite: BrowserSuite = {
    get browser(): Browser {
      if (!browser) throw new Error("The browser is not launched (did beforeAll fail?).");
      return browser;
    },
    get app(): App {
      if (!app) throw new Error("This test has not started its app: set suite.app first.");
      return app;
    },
    set app(value: App) {
      app = value;
    },
    async open(openOptions: OpenOptions = {}): Promise<MeetingPage> {
      const page = await MeetingPage.open(suite.browser, suite.app.url, openOptions);
      pages.push(page);
      return page;
    },
  };
  return suite;
}

export interface OpenOptions {
  readonly users?: readonly string[];
  readonly theme?: "default" | "dark" | "contrast";
  /** Shifts this browser's clock (Date.now / new Date) by this many ms, like a badly set computer clock. */
  readonly clockSkewMs?: number;
  /** "next" opens next week's meeting of the same series. */
  readonly meeting?: "next";
  /** "new": the app is not added to the meeting yet (no side panels until the Add app step saves). */
  readonly app?: "new";
  /** "none": a meeting outside any team (no team in the Teams context). */
  readonly team?: "none";
}

export class MeetingPage {
  private constructor(
    readonly context: BrowserContext,
    readonly page: Page,
  ) {}

  static async open(browser: Browser, baseUrl: string, options: OpenOptions = {}): Promise<MeetingPage> {
    const context = await browser.newContext({ viewport: { width: 1500, height: 900 } });
    // Offline machine: fail anything that is not this service at once (teams-js asks a CDN for its domain list).
    await context.route(/^(?!http:\/\/127\.0\.0\.1[:/])/, (route) => route.abort());
    if (options.clockSkewMs) {
      await context.addInitScript((skew: number) => {
        const RealDate = Date;
        const realNow = RealDate.now.bind(RealDate);
        class SkewedDate extends RealDate {
          constructor(...args: ConstructorParameters<DateConstructor> | []) {
            if (args.length === 0) super(realNow() + skew);
            else super(...(args as ConstructorParameters<DateConstructor>));
          }
          static override now(): number {
            return realNow() + skew;
          }
        }
        (globalThis as { Date: DateConstructor }).Date = SkewedDate as DateConstructor;
      }, options.clockSkewMs);
    }
    const page = await context.newPage();
    const params = new URLSearchParams();
    if (options.users) params.set("users", options.users.join(","));
    if (options.theme) params.set("theme", options.theme);
    if (options.meeting) params.set("meeting", options.meeting);
    if (options.app) params.set("app", options.app);
    if (options.team) params.set("team", options.team);
    await page.goto(`${baseUrl}/tab/local/meeting.html?${params.toString()}`);
    return new MeetingPage(context, page);
  }

  column(userId: string): Locator {
    return this.page.locator(`[data-testid="attendee-column"][data-user-id="${userId}"]`);
  }

  panel(userId: string): Panel {
    return new Panel(this.column(userId).locator('[data-testid="panel-frame"]'), this.column(userId).frameLocator('[data-testid="panel-frame"]'));
  }

  /** Switches Teams' theme and waits until every panel shows it (dark and high contrast are a lazy chunk). */
  async setTheme(theme: "default" | "dark" | "contrast"): Promise<void> {
    await this.page.getByTestId("theme-select").selectOption(theme);
    const frames = this.page.locator('[data-testid="panel-frame"]');
    const count = await frames.count();
    for (let i = 0; i < count; i++) {
      await frames.nth(i).contentFrame().locator(`[data-testid="panel-root"][data-theme="${theme}"]`).waitFor({ state: "attached", timeout: 20_000 });
    }
  }

  async setRole(userId: string, role: "Organizer" | "Presenter" | "Attendee"): Promise<void> {
    await this.column(userId).getByTestId("role-select").selectOption(role);
  }

  async close(): Promise<void> {
    await this.context.close();
  }
}

export class Panel {
  constructor(
    readonly frameElement: Locator,
    readonly frame: FrameLocator,
  ) {}

  get root(): Locator {
    return this.frame.getByTestId("panel-root");
  }
  testId(id: string): Locator {
    return this.frame.getByTestId(id);
  }
  section(id: string): Locator {
    return this.frame.locator(`[data-testid="section-item"][data-section-id="${id}"]`);
  }

  /** The SIR item whose text contains `title` (in the SIR section, once it is open). */
  sirItem(title: string): Locator {
    return this.frame.locator('[data-testid="sir-item"]', { hasText: title });
  }
  sirItems(): Locator {
    return this.frame.getByTestId("sir-item");
  }

  /** Waits until the panel shows the meeting (first snapshot rendered). */
  async ready(): Promise<void> {
    await this.root.and(this.frame.locator("[data-version]")).waitFor({ state: "visible", timeout: 20_000 });
  }

  async version(): Promise<number> {
    return Number(await this.root.getAttribute("data-version"));
  }

  async remainingMs(): Promise<number> {
    return Number(await this.testId("countdown").getAttribute("data-remaining-ms"));
  }

  async contentFrame(): Promise<Frame> {
    const handle = await this.frameElement.elementHandle();
    const frame = await handle?.contentFrame();
    if (!frame) throw new Error("panel frame not found");
    return frame;
  }

  /** Runs axe-core (the real checker) inside the panel and returns its violations. */
  async axeViolations(): Promise<Array<{ id: string; impact: string | null; nodes: number; help: string; targets: string[] }>> {
    const frame = await this.contentFrame();
    const source = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
    await frame.evaluate(source);
    return frame.evaluate(async () => {
      type AxeNode = { target: string[]; failureSummary?: string };
      const axe = (globalThis as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: Array<{ id: string; impact: string | null; help: string; nodes: AxeNode[] }> }> } }).axe;
      // Colours mid-transition (a theme switch, a hover fading out) are neither the old nor the new theme's: wait them out.
      // (Only those that end: a spinner runs for ever.)
      const ending = document.getAnimations().filter((a) => Number.isFinite(Number(a.effect?.getComputedTiming().endTime ?? Infinity)));
      await Promise.all(ending.map((a) => a.finished.catch(() => undefined)));
      const result = await axe.run(document, { resultTypes: ["violations"] });
      // The failing elements and why, so a failure says where to look.
      return result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length, help: v.help, targets: v.nodes.map((n) => `${n.target.join(" ")}: ${n.failureSummary ?? ""}`) }));
    });
  }
}
