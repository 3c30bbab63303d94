/**
 * Browser end-to-end for the local chat as a mixed-language team sees it: every viewer's client refreshes a shared
 * card into their own language, a lead gets edit and withdraw on someone else's item, user text shows as typed (no
 * markdown escapes), and cards follow the dark and high-contrast themes.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { LOCAL_ATTENDEES } from "../../bot/src/local/roster.js";
import { SIR_TEXT } from "../../shared/src/cards/sir-text.js";
import { browserSuite, startLocalApp } from "./meeting-page.js";

const [INGRID, , ALEX, KARI] = LOCAL_ATTENDEES.map((a) => a.userId);
const nb = SIR_TEXT.nb;
const en = SIR_TEXT.en;

const suite = browserSuite();

async function say(page: Page, userId: string, text: string): Promise<void> {
  await page.getByTestId("chat-user-select").selectOption(userId);
  await page.getByTestId("chat-input").fill(text);
  await page.getByTestId("chat-send").click();
}

const lastCard = (page: Page) => page.getByTestId("chat-card").last();

describe("chat cards for a mixed-language team", () => {
  it("Kari's item reads as she typed it; Alex sees it in English; Ingrid, the organizer, can edit or withdraw it", async () => {
    suite.app = await startLocalApp();
    const meeting = await suite.open({ users: [INGRID ?? ""] });
    const page = meeting.page;
    await say(page, KARI ?? "", "ny sak");
    const form = lastCard(page);
    await form.getByLabel(nb.fields.title).waitFor();
    await form.getByLabel(nb.fields.title).fill("Q3-leveransen er forsinket.");
    await form.getByLabel(nb.q1).fill("Underleverandøren (Nordic AS) leverer to uker for sent!");
    await form.getByLabel(nb.fields.proposal1).fill("Bytte leverandør");
    await form.getByLabel(nb.fields.proposal2).fill("Forhandle ny frist");
    await form.getByLabel(nb.q3).fill("Forhandle ny frist");
    await form.getByRole("button", { name: nb.save }).click();
    await expect.poll(() => lastCard(page).textContent(), { timeout: 20_000 }).toContain(nb.ready);

    const kari = (await lastCard(page).textContent()) ?? "";
    expect(kari).toContain("Q3-leveransen er forsinket.");
    expect(kari).toContain("Underleverandøren (Nordic AS) leverer to uker for sent!");
    expect(kari).toContain("1. Bytte leverandør");
    expect(kari).not.toContain("\\");

    // Alex's Teams speaks English: his client refreshes the card into his own view.
    await page.getByTestId("chat-user-select").selectOption(ALEX ?? "");
    await expect.poll(() => lastCard(page).textContent(), { timeout: 20_000 }).toContain(en.preparedBy);
    const alex = (await lastCard(page).textContent()) ?? "";
    expect(alex).not.toContain(nb.preparedBy);
    expect(alex).toContain("Q3-leveransen er forsinket.");
    // An attendee who is not the author has nothing to press.
    expect(await lastCard(page).getByRole("button").count()).toBe(0);

    // Ingrid organizes the meeting: her own view offers edit and withdraw on Kari's item.
    await page.getByTestId("chat-user-select").selectOption(INGRID ?? "");
    await lastCard(page).getByRole("button", { name: nb.withdraw }).waitFor({ timeout: 20_000 });
    await lastCard(page).getByRole("button", { name: nb.edit }).click();
    await lastCard(page).getByLabel(nb.fields.title).waitFor({ timeout: 20_000 });
    expect(await lastCard(page).getByLabel(nb.fields.title).inputValue()).toBe("Q3-leveransen er forsinket.");
  });

  it.each([
    ["dark", "rgb(41, 41, 41)", "rgb(255, 255, 255)"],
    ["contrast", "rgb(0, 0, 0)", "rgb(255, 255, 255)"],
    ["default", "rgb(255, 255, 255)", "rgb(36, 36, 36)"],
  ] as const)("in the %s theme the cards are drawn in the theme's colours, and follow a theme change", async (theme, background, text) => {
    suite.app = await startLocalApp();
    const meeting = await suite.open({ users: [INGRID ?? ""], theme });
    const page = meeting.page;
    await say(page, ALEX ?? "", "hello");
    const card = lastCard(page).locator(".ac-adaptiveCard");
    await card.waitFor({ timeout: 20_000 });
    const colours = () => card.evaluate((el) => [getComputedStyle(el).backgroundColor, getComputedStyle(el.querySelector(".ac-textBlock") ?? el).color]);
    expect(await colours()).toEqual([background, text]);

    const other = theme === "dark" ? "contrast" : "dark";
    await page.locator("#theme-select").selectOption(other);
    await expect.poll(colours).toEqual(other === "dark" ? ["rgb(41, 41, 41)", "rgb(255, 255, 255)"] : ["rgb(0, 0, 0)", "rgb(255, 255, 255)"]);
  });
});
