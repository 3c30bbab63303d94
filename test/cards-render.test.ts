// @vitest-environment happy-dom
/** @module Every bot card in every language through the real Adaptive Cards renderer: parses cleanly, renders, and its actions deliver the verb and data the bot reads. */
import { CardObjectRegistry, ExecuteAction, GlobalRegistry, SerializationContext, SubmitAction, type Action } from "adaptivecards";
import { describe, expect, it } from "vitest";
import { click, fill, input, installCardRenderer, render } from "./helpers/card-renderer.js";
import { helpCard } from "../shared/src/cards/help-card.js";
import type { CardLocale } from "../shared/src/cards/locale.js";
import { sirFormCard } from "../shared/src/cards/sir-form-card.js";
import { sirErrorCard, sirReadCard } from "../shared/src/cards/sir-read-card.js";
import { SIR_TEXT } from "../shared/src/cards/sir-text.js";
import { parseSirSubmission } from "../shared/src/sir/commands.js";
import { KARI, LEAD, T0, sirItem as baseItem } from "../shared/src/sir/test-builders.js";
import type { SirDecision, SirItem } from "../shared/src/sir/item.js";

installCardRenderer();

const LOCALES: readonly CardLocale[] = ["nb", "sv", "en"];
const FORM_INPUTS = ["kind", "title", "problem", "proposal1", "proposal2", "proposal3", "recommendation", "concerns", "forDate"];
const DECISION: SirDecision = {
  text: "Vi bytter transportør fra februar.",
  at: T0 + 7 * 24 * 3_600_000,
  by: LEAD,
  meetingId: "meeting-week-2",
  actions: [{ title: "Innhente tilbud", owner: KARI, due: "2025-01-17" }],
};

/** A risk item for the render tests (the builder's defaults are an issue). */
function sirItem(overrides: Partial<SirItem> = {}): SirItem {
  return baseItem({
    kind: "risk",
    title: "Nøkkelperson kan slutte",
    problem: "Bare én person kan driftsplattformen.",
    proposals: ["Dokumentere driften", "Lære opp en til"],
    recommendation: "Lære opp en til innen mars.",
    concerns: "O3: stabil drift",
    ...overrides,
  });
}

function executeAction(executed: readonly Action[]): ExecuteAction {
  const [action] = executed;
  if (!(action instanceof ExecuteAction)) throw new Error(`expected one Action.Execute, got ${executed.map((a) => a.getJsonTypeName()).join(", ")}`);
  return action;
}

describe.each(LOCALES)("the cards in %s", (locale) => {
  const t = SIR_TEXT[locale];

  it("help card: parses and renders", () => {
    const { element } = render(helpCard(locale));
    expect(element.textContent).toMatch(/OKR/);
  });

  it("empty form: every input is on the page, and a missing title stops the submission in the client", () => {
    const { card, executed } = render(sirFormCard({ locale }));
    for (const id of FORM_INPUTS) {
      const rendered = input(card, id).renderedElement;
      expect(rendered && document.body.contains(rendered), id).toBe(true);
      expect(rendered?.querySelector("input, textarea, select"), id).not.toBeNull();
    }
    expect(input(card, "kind").value).toBe("issue");
    click(card, "sir.submit");
    expect(executed).toEqual([]);
  });

  it("empty form, filled in and saved: the bot receives verb sir.submit and data that parses", () => {
    const { card, executed } = render(sirFormCard({ locale, seriesId: "19:meeting_weekly@thread.v2" }));
    fill(card, { kind: "risk", title: "  Nøkkelperson kan slutte ", problem: "Bare én kan driften.", proposal1: "Dokumentere", proposal3: "Lære opp" });
    click(card, "sir.submit");
    const action = executeAction(executed);
    expect(action.verb).toBe("sir.submit");
    const parsed = parseSirSubmission(action.data, locale);
    expect(parsed).toMatchObject({ ok: true, seriesId: "19:meeting_weekly@thread.v2" });
    expect(parsed.ok && parsed.fields).toMatchObject({ kind: "risk", title: "Nøkkelperson kan slutte", proposals: ["Dokumentere", "Lære opp"] });
  });

  it("form with errors, prefilled for editing: shows the errors, keeps the answers, and sends the item and version back", () => {
    const item = sirItem();
    const { card, element, executed } = render(sirFormCard({ locale, item, errors: [t.parse.required(t.fields.title)] }));
    expect(element.textContent).toContain(t.errorsHeading);
    expect(element.textContent).toContain(t.parse.required(t.fields.title));
    expect(input(card, "kind").value).toBe("risk");
    expect(input(card, "title").value).toBe(item.title);
    expect(input(card, "proposal2").value).toBe(item.proposals[1]);
    click(card, "sir.submit");
    const action = executeAction(executed);
    expect(action.verb).toBe("sir.submit");
    expect(parseSirSubmission(action.data, locale)).toEqual({
      ok: true,
      itemId: item.id,
      version: 3,
      seriesId: item.seriesId,
      fields: { kind: "risk", title: item.title, problem: item.problem, proposals: item.proposals, recommendation: item.recommendation, concerns: item.concerns, meetingId: null, forDate: null },
    });
  });

  it("form in the 1:1 chat: the meeting picker is an input and its choice arrives with the inputs", () => {
    const { card, executed } = render(
      sirFormCard({ locale, seriesChoices: [{ seriesId: "19:a@thread.v2", title: "Salg" }, { seriesId: "19:b@thread.v2", title: "Ledergruppen" }] }),
    );
    fill(card, { seriesId: "19:b@thread.v2", title: "Budsjett" });
    click(card, "sir.submit");
    expect(parseSirSubmission(executeAction(executed).data, locale)).toMatchObject({ ok: true, seriesId: "19:b@thread.v2" });
  });

  it("form with no series known: a hint and nothing to submit", () => {
    const { card, element } = render(sirFormCard({ locale, seriesChoices: [] }));
    expect(card.getAllInputs()).toEqual([]);
    expect(card.getActionCount()).toBe(0);
    expect(element.textContent).toContain(t.noSeries);
  });

  it("read view for the author: edit and withdraw send the item and version; the refresh asks for sir.refresh", () => {
    const { card, element, executed } = render(sirReadCard({ locale, item: sirItem(), canEdit: true }));
    expect(element.textContent).toContain(t.ready);
    expect(element.textContent).toContain(t.q1);
    expect(card.refresh?.action).toBeInstanceOf(ExecuteAction);
    expect(card.refresh?.action instanceof ExecuteAction && card.refresh.action.verb).toBe("sir.refresh");
    expect(card.refresh?.userIds).toEqual([`8:orgid:${KARI.userId}`]);
    click(card, "sir.edit");
    click(card, "sir.withdraw");
    expect(executed.map((a) => (a instanceof ExecuteAction ? [a.verb, a.data] : a.getJsonTypeName()))).toEqual([
      ["sir.edit", { itemId: "sir-cmd-000001", version: 3 }],
      ["sir.withdraw", { itemId: "sir-cmd-000001", version: 3 }],
    ]);
  });

  it("read view for everyone else, with a decision: no buttons, the decision and its date are shown", () => {
    const { card, element } = render(sirReadCard({ locale, item: sirItem({ decision: DECISION }), canEdit: false }));
    expect(card.getActionCount()).toBe(0);
    expect(element.textContent).toContain(t.decision);
    expect(element.textContent).toContain(DECISION.text);
    // The renderer resolved the DATE function: no template syntax is left on the page.
    expect(element.textContent).not.toContain("{{");
  });

  it("read view of a resolved item without buttons, and of a draft saying what is missing", () => {
    expect(render(sirReadCard({ locale, item: sirItem({ status: "resolved", decision: DECISION }), canEdit: true })).card.getActionCount()).toBe(0);
    document.body.innerHTML = "";
    const { element } = render(sirReadCard({ locale, item: sirItem({ proposals: [], recommendation: "" }), canEdit: true }));
    expect(element.textContent).toContain(t.missing([t.gaps.proposals, t.gaps.recommendation]));
  });

  it("error card: parses and renders the message", () => {
    const { element } = render(sirErrorCard({ locale, message: t.errors.closed }));
    expect(element.textContent).toContain(t.errorTitle);
    expect(element.textContent).toContain(t.errors.closed);
  });
});

describe("user text through the renderer's markdown", () => {
  it("the stand-in markdown does turn unescaped text into links and bold (so the next test means something)", () => {
    const { element } = render({ type: "AdaptiveCard", $schema: "x", version: "1.5", body: [{ type: "TextBlock", text: "**a** [b](https://evil.example)" }] });
    expect(element.querySelectorAll("a, strong")).toHaveLength(2);
  });

  it("shows markdown, links, HTML and templates in user text literally, as typed", () => {
    const hostile = {
      title: "**Haster** [klikk her](https://evil.example)",
      problem: "<b>fet</b> _kursiv_ `kode`",
      recommendation: "{{DATE(2030-01-01T00:00:00Z, SHORT)}} [x](javascript:alert(1))",
      author: "[Sjefen](https://evil.example)",
    };
    const item = sirItem({
      title: hostile.title,
      problem: hostile.problem,
      recommendation: hostile.recommendation,
      author: { userId: KARI.userId, name: hostile.author },
      decision: DECISION,
    });
    const { element } = render(sirReadCard({ locale: "en", item, canEdit: true }));
    expect(element.querySelectorAll("a, strong, em, code, b")).toHaveLength(0);
    for (const text of Object.values(hostile)) expect(element.textContent).toContain(text);
  });
});

describe("clients without Action.Execute", () => {
  /** A client that knows every action but Action.Execute, like Teams clients before Universal Actions. */
  function oldClient(): SerializationContext {
    const actions = new CardObjectRegistry<Action>();
    GlobalRegistry.populateWithDefaultActions(actions);
    actions.unregister("Action.Execute");
    const context = new SerializationContext();
    context.setActionRegistry(actions);
    return context;
  }
  /** What such a client reports, and nothing else: it falls back, and it cannot use the refresh (it never could). */
  const EXPECTED = [/^Unknown action type "Action\.Execute"\. Fallback will be used if present\.$/, /^Property "action" must be set\.$/];

  it("use the Action.Submit fallback, which carries the verb in its data", () => {
    const item = sirItem();
    const { card, executed } = render(sirFormCard({ locale: "nb", item }), oldClient(), EXPECTED);
    click(card, "sir.submit.fallback");
    const [action] = executed;
    expect(action).toBeInstanceOf(SubmitAction);
    const data = action instanceof SubmitAction ? action.data : undefined;
    expect(data).toMatchObject({ verb: "sir.submit", itemId: item.id, version: 3, title: item.title });
    expect(parseSirSubmission(data, "nb")).toMatchObject({ ok: true, itemId: item.id, version: 3 });
  });

  it("get working edit and withdraw buttons on the read card", () => {
    const { card, executed } = render(sirReadCard({ locale: "sv", item: sirItem(), canEdit: true }), oldClient(), EXPECTED);
    click(card, "sir.withdraw.fallback");
    expect(executed.map((a) => (a instanceof SubmitAction ? a.data : null))).toEqual([{ itemId: "sir-cmd-000001", version: 3, verb: "sir.withdraw" }]);
  });
});
