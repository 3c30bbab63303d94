// @vitest-environment happy-dom
/** @module The good-news cards in every language through the real Adaptive Cards renderer: the form parses and renders, a filled-in form delivers the verb and data the bot parses, a bad one is named in the user's language, and the saved, error and praise cards render. */
import { ExecuteAction, type Action } from "adaptivecards";
import { describe, expect, it } from "vitest";
import { click, fill, input, installCardRenderer, render } from "./helpers/card-renderer.js";
import { GOOD_NEWS_VERBS, goodNewsErrorCard, goodNewsFormCard, goodNewsSavedCard, parseGoodNewsSubmission, praiseCard } from "../shared/src/cards/good-news-card.js";
import type { CardLocale } from "../shared/src/cards/locale.js";
import { goodNews, KARI, METRIC_ID, OBJECTIVE_ID } from "../shared/src/goodnews/test-builders.js";
import { GOOD_NEWS_TEXT } from "../shared/src/i18n/good-news-text.js";

installCardRenderer();

const LOCALES: readonly CardLocale[] = ["nb", "sv", "en"];
const BOARD = { objectives: [{ id: OBJECTIVE_ID, title: "Vekst i Norden" }], metrics: [{ id: METRIC_ID, name: "Leveringspresisjon", kind: "kpi" as const }] };
const FORM_ID = "form-0000-1111-2222";

function executed(actions: readonly Action[]): ExecuteAction {
  const [action] = actions;
  if (!(action instanceof ExecuteAction)) throw new Error("expected one Action.Execute");
  return action;
}

describe.each(LOCALES)("the good-news cards in %s", (locale) => {
  const t = GOOD_NEWS_TEXT[locale];

  it("the form shows every input and the board's objective and KPI; an empty text stops the submission in the client", () => {
    const { card, element, executed: sent } = render(goodNewsFormCard({ locale, formId: FORM_ID, board: BOARD }));
    for (const id of ["kind", "text", "link", "praise", "share"]) expect(input(card, id).renderedElement, id).toBeTruthy();
    expect(input(card, "kind").value).toBe("win");
    expect(element.textContent).toContain(t.cardTitle);
    expect(element.innerHTML).toContain("Vekst i Norden");
    expect(element.innerHTML).toContain("Leveringspresisjon");
    click(card, GOOD_NEWS_VERBS.submit);
    expect(sent).toEqual([]);
  });

  it("filled in and saved: the bot receives its verb and data that parses into the fields", () => {
    const { card, executed: sent } = render(goodNewsFormCard({ locale, formId: FORM_ID, board: BOARD }));
    fill(card, { kind: "challenge", text: "  Leveransene er forsinket ", link: METRIC_ID, praise: "Lageret i Drammen" });
    const toggle = input(card, "share").renderedElement?.querySelector('input[type="checkbox"]');
    if (!(toggle instanceof HTMLInputElement)) throw new Error("no toggle");
    toggle.checked = true;
    click(card, GOOD_NEWS_VERBS.submit);
    const action = executed(sent);
    expect(action.verb).toBe(GOOD_NEWS_VERBS.submit);
    expect(parseGoodNewsSubmission(action.data as Record<string, unknown>, locale)).toEqual({
      ok: true,
      formId: FORM_ID,
      fields: { kind: "challenge", text: "Leveransene er forsinket", link: { kind: "kpi", metricId: METRIC_ID }, praise: { name: "Lageret i Drammen", share: true } },
    });
  });

  it("a form sent back with problems names them in the user's language, keeps what was typed and still renders", () => {
    const bad = parseGoodNewsSubmission({ formId: FORM_ID, kind: "win", text: " ", praise: "", share: "true" }, locale);
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.errors.join(" ")).toContain(t.needText);
    expect(bad.errors.join(" ")).toContain(t.needPraiseName);
    const { card, element } = render(goodNewsFormCard({ locale, formId: FORM_ID, board: BOARD, values: { ...bad.values, text: "Halvveis" }, errors: bad.errors }));
    expect(element.textContent).toContain(t.needPraiseName);
    expect(input(card, "text").value).toBe("Halvveis");
    expect(parseGoodNewsSubmission({ kind: "win", text: "x" }, locale)).toMatchObject({ ok: false, errors: [t.cardNotAForm] });
    expect(parseGoodNewsSubmission({ formId: FORM_ID, kind: "win", text: "x".repeat(501) }, locale).ok).toBe(false);
  });

  it("the saved card, the error card and the praise card render, with user text shown as text", () => {
    const item = goodNews({ text: "**Rekord**", praise: { name: "Support [i Malmö](http://x)", share: true }, author: KARI });
    const saved = render(goodNewsSavedCard({ locale, item, linkTitle: "Vekst i Norden", note: t.posted("Results") }));
    expect(saved.element.textContent).toContain("**Rekord**");
    expect(saved.element.textContent).toContain(t.posted("Results"));
    expect(saved.card.getActionById(GOOD_NEWS_VERBS.new)).toBeTruthy();
    expect(render(goodNewsErrorCard(locale, t.cardNotInMeeting)).element.textContent).toContain(t.cardNotInMeeting);
    const praise = render(praiseCard(locale, item));
    expect(praise.element.textContent).toContain(t.praiseCardTitle);
    expect(praise.element.textContent).toContain(KARI.name);
    expect(praise.element.querySelector("a")).toBeNull();
  });
});
