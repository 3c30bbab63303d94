/** Browser end-to-end for the local chat pane: the bot's cards drawn by the real Adaptive Cards renderer, used by a simulated attendee, and the result live in the meeting's panels. */
import { describe, expect, it } from "vitest";
import { LOCAL_ATTENDEES } from "../../bot/src/local/roster.js";
import { SIR_TEXT } from "../../shared/src/cards/sir-text.js";
import { browserSuite, startLocalApp } from "./meeting-page.js";

const ORGANIZER = LOCAL_ATTENDEES[0]?.userId ?? "";
const KARI = LOCAL_ATTENDEES[3]?.userId ?? ""; // an attendee whose Teams speaks Norwegian
const nb = SIR_TEXT.nb;

const suite = browserSuite();

describe("the chat pane of the local meeting page", () => {
  it("Kari prepares a SIR item from the card in chat; it is stored, shown as her read view, and appears in the lead's panel", async () => {
    suite.app = await startLocalApp();
    const meeting = await suite.open({ users: [ORGANIZER] });
    const page = meeting.page;
    const lead = meeting.panel(ORGANIZER);
    await lead.ready();
    await lead.testId("sir-toggle").click();

    await page.getByTestId("chat-user-select").selectOption(KARI);
    await page.getByTestId("chat-input").fill("hei");
    await page.getByTestId("chat-send").click();
    // Any message gets the help card, in the writer's language.
    await expect.poll(() => page.getByTestId("chat-card").last().textContent()).toContain("OKR-resultatmøte");

    await page.getByTestId("chat-input").fill("ny sak");
    await page.getByTestId("chat-send").click();
    const form = page.getByTestId("chat-card").last();
    await form.getByLabel(nb.fields.title).waitFor();
    await form.getByLabel(nb.fields.title).fill("Leveransen er forsinket");
    await form.getByLabel(nb.q1).fill("Underleverandøren leverer to uker for sent");
    await form.getByLabel(nb.fields.proposal1).fill("Bytte leverandør");
    await form.getByLabel(nb.fields.proposal2).fill("Forhandle ny frist");
    await form.getByLabel(nb.q3).fill("Forhandle ny frist");
    await form.getByRole("button", { name: nb.save }).click();

    // Her own view of the stored item (the invoke answer replaces the card for her), and the lead's panel has it live.
    await expect.poll(() => page.getByTestId("chat-card").last().textContent()).toContain(nb.ready);
    await expect.poll(() => lead.frame.locator('[data-testid="sir-item"]').allTextContents()).toEqual([expect.stringContaining("Leveransen er forsinket")]);
    expect(await suite.app.sir.list("00000000-0000-4000-8000-00000000a001", "19:meeting_local-okr@thread.v2")).toHaveLength(1);
  });
});

describe("who the local chat is written as", () => {
  it("stays picked across a reload, and a form saves only for the attendee who asked for it", async () => {
    suite.app = await startLocalApp();
    const meeting = await suite.open({ users: [ORGANIZER] });
    const page = meeting.page;
    const picker = page.getByTestId("chat-user-select");

    await picker.selectOption(KARI);
    await page.getByTestId("chat-input").fill("sir");
    await page.getByTestId("chat-send").click();
    await page.getByTestId("chat-card").last().getByLabel(nb.fields.title).waitFor();

    // Reloading keeps Kari as the writer (the picker used to fall back to the first attendee, Ingrid).
    await page.reload();
    await expect.poll(() => picker.inputValue()).toBe(KARI);

    // Ingrid fills in the form Kari asked for and saves: she is told so, and nothing is stored.
    await picker.selectOption(ORGANIZER);
    const form = page.getByTestId("chat-card").last();
    await form.getByLabel(nb.fields.title).fill("Ikke min sak");
    await form.getByRole("button", { name: nb.save }).click();
    await expect.poll(() => page.getByTestId("chat-card").last().textContent()).toContain(nb.parse.notYourForm);
    expect(await suite.app.sir.list("00000000-0000-4000-8000-00000000a001", "19:meeting_local-okr@thread.v2")).toEqual([]);

    // Kari, back in her own name, saves the same form: it is hers.
    await picker.selectOption(KARI);
    const own = page.getByTestId("chat-card").last();
    await own.getByLabel(nb.fields.title).fill("Min egen sak");
    await own.getByRole("button", { name: nb.save }).click();
    await expect.poll(() => page.getByTestId("chat-card").last().textContent()).toContain("Min egen sak");
    const items = await suite.app.sir.list("00000000-0000-4000-8000-00000000a001", "19:meeting_local-okr@thread.v2");
    expect(items.map((i) => i.author.userId)).toEqual([KARI]);
  });
});
