// @vitest-environment happy-dom
/** @module The action reminder cards in bokmål, Swedish and English through the real Adaptive Cards renderer: parse cleanly, render, typed text stays literal, and the buttons deliver what the bot parses. */
import { ExecuteAction, OpenUrlAction, type Action } from "adaptivecards";
import { describe, expect, it } from "vitest";
import { CARD_VERSION, cardBytes } from "../shared/src/cards/card-types.js";
import type { CardLocale } from "../shared/src/cards/locale.js";
import { parseReminderAction, reminderCard, reminderDoneCard, reminderProblemCard, reminderSnoozedCard, REMINDER_VERBS, unreachableOwnerCard } from "../shared/src/cards/reminder-card.js";
import { formatDay, REMINDER_TEXT } from "../shared/src/cards/reminder-text.js";
import { click, fill, installCardRenderer, render } from "./helpers/card-renderer.js";

installCardRenderer();

const LOCALES: readonly CardLocale[] = ["nb", "sv", "en"];
const SERIES = "19:meeting_weekly@thread.v2";
const OPEN = "https://teams.microsoft.com/l/entity/app/okr-meeting?context=%7B%7D";
const ACTION = { id: "act-cmd-00000001", title: "Ring *transportøren* [nå](https://evil.example)", due: "2026-03-30" };

function executed(list: readonly Action[]): ExecuteAction {
  const [action] = list;
  if (!(action instanceof ExecuteAction)) throw new Error("expected one Action.Execute");
  return action;
}

describe.each(LOCALES)("the reminder cards in %s", (locale) => {
  const t = REMINDER_TEXT[locale];

  it("the 'due soon' reminder: title, the action's text as typed (no link, no formatting), the due day, and three buttons", () => {
    const json = reminderCard({ locale, kind: "dueSoon", daysLeft: 2, seriesId: SERIES, action: ACTION, openUrl: OPEN });
    expect(json.version).toBe(CARD_VERSION);
    expect(cardBytes(json)).toBeLessThan(8_000);
    const { card, element } = render(json);
    expect(element.textContent).toContain(t.dueSoonTitle(2));
    expect(element.textContent).toContain("Ring *transportøren* [nå](https://evil.example)");
    expect(element.querySelector("a[href^='https://evil']")).toBeNull();
    expect(element.textContent).toContain(formatDay(ACTION.due, locale));
    expect(card.getActionById(REMINDER_VERBS.done)).toBeInstanceOf(ExecuteAction);
    expect(card.getActionById(REMINDER_VERBS.snooze)).toBeInstanceOf(ExecuteAction);
    const open = card.getActionById("reminderOpen");
    expect(open).toBeInstanceOf(OpenUrlAction);
    expect((open as OpenUrlAction).url).toBe(OPEN);
  });

  it("Mark done and Snooze (3 days chosen) deliver the verb and data the bot reads", () => {
    const { card, executed: list } = render(reminderCard({ locale, kind: "overdue", daysLeft: -3, seriesId: SERIES, action: ACTION, openUrl: null }));
    click(card, REMINDER_VERBS.done);
    const done = executed(list);
    expect(parseReminderAction({ action: { type: "Action.Execute", verb: done.verb, data: done.data } })).toEqual({ verb: REMINDER_VERBS.done, seriesId: SERIES, actionId: ACTION.id, snoozeDays: 1 });
    list.length = 0;
    fill(card, { snoozeDays: "3" });
    click(card, REMINDER_VERBS.snooze);
    const snooze = executed(list);
    expect(parseReminderAction({ action: { type: "Action.Execute", verb: snooze.verb, data: snooze.data } })).toEqual({ verb: REMINDER_VERBS.snooze, seriesId: SERIES, actionId: ACTION.id, snoozeDays: 3 });
  });

  it("the overdue reminder says how many days over; without a panel link there is no Open button", () => {
    const { card, element } = render(reminderCard({ locale, kind: "overdue", daysLeft: -3, seriesId: SERIES, action: ACTION, openUrl: null }));
    expect(element.textContent).toContain(t.overdueTitle(3));
    expect(card.getActionById("reminderOpen")).toBeUndefined();
  });

  it("the cards a button turns it into, and the note to the lead, parse and render", () => {
    expect(render(reminderDoneCard(locale, ACTION.title, "Kari *Nordmann*", OPEN)).element.textContent).toContain(t.doneBody("Kari *Nordmann*"));
    expect(render(reminderSnoozedCard(locale, ACTION.title, "2026-04-02", OPEN)).element.textContent).toContain(t.snoozedBody(formatDay("2026-04-02", locale)));
    for (const problem of ["badData", "notFound", "notOwner", "deleted", "noReminder", "unavailable", "identity"] as const) {
      expect(render(reminderProblemCard(locale, problem)).element.textContent).toContain(t.problems[problem]);
    }
    expect(render(unreachableOwnerCard(locale, "Kari", ACTION.title, OPEN)).element.textContent).toContain(t.unreachableTitle);
  });
});

describe("what a reminder card action may carry", () => {
  it("refuses anything but a reminder verb with a series, a real action id and 1–7 snooze days", () => {
    const value = (data: Record<string, unknown>, verb: string = REMINDER_VERBS.snooze) => ({ action: { type: "Action.Execute", verb, data } });
    expect(parseReminderAction(value({ seriesId: SERIES, actionId: ACTION.id, snoozeDays: 7 }))?.snoozeDays).toBe(7);
    for (const bad of [
      value({ seriesId: SERIES, actionId: ACTION.id, snoozeDays: 8 }),
      value({ seriesId: SERIES, actionId: ACTION.id, snoozeDays: "0" }),
      value({ seriesId: SERIES, actionId: "sir-cmd-00000001" }),
      value({ seriesId: "", actionId: ACTION.id }),
      value({ seriesId: "x".repeat(600), actionId: ACTION.id }),
      value({ seriesId: SERIES, actionId: ACTION.id }, "kpiSave"),
      null,
      "reminderDone",
    ]) {
      expect(parseReminderAction(bad), JSON.stringify(bad)).toBeNull();
    }
  });
});
