// @vitest-environment happy-dom
/** @module The KPI cards: structure, words per language, user text escaped, size, through the real Adaptive Cards renderer; and the submission parser. */
import { ExecuteAction } from "adaptivecards";
import { describe, expect, it } from "vitest";
import { click, installCardRenderer, render, type RenderedCard } from "../../../test/helpers/card-renderer.js";
import { KPI_LIMITS, type Metric, type WeeklyValue } from "../kpi/model.js";
import { statusOf } from "../kpi/status.js";
import { KARI, LEAD, metric, weeklyValue } from "../kpi/test-builders.js";
import { CARD_MAX_BYTES, cardBytes, type AdaptiveCard } from "./card-types.js";
import { kpiRequestCard, kpiUpdateCard, KPI_VERBS, parseKpiSubmission, type KpiCardMetric, type KpiUpdateCardOptions } from "./kpi-card.js";
import { KPI_TEXT, kpiErrorText, kpiStatusText } from "./kpi-text.js";
import type { CardLocale } from "./locale.js";
import { escapeCardMarkdown } from "./markdown.js";

const LOCALES: readonly CardLocale[] = ["nb", "sv", "en"];
const WEEK = "2025-W48";
const SERIES = "19:meeting_weekly@thread.v2";

type Node = Readonly<Record<string, unknown>>;
const isNode = (v: unknown): v is Node => typeof v === "object" && v !== null && !Array.isArray(v);
function nodes(value: unknown, out: Node[] = []): Node[] {
  if (Array.isArray(value)) for (const v of value) nodes(v, out);
  else if (isNode(value)) {
    out.push(value);
    for (const v of Object.values(value)) nodes(v, out);
  }
  return out;
}
const inputs = (card: AdaptiveCard): Node[] => nodes(card).filter((n) => n.type === "Input.Number");
const displayed = (card: AdaptiveCard): string[] => nodes(card).flatMap((n) => (n.type === "TextBlock" && typeof n.text === "string" ? [n.text] : []));

/** Kari's card entry for a metric, with this week's and last week's values when given. */
function entry(overrides: Partial<Metric>, value: number | null, previous: number | null = null, override: WeeklyValue["override"] = null): KpiCardMetric {
  const m = metric(overrides);
  const v = value === null ? null : weeklyValue({ metricId: m.id, week: WEEK, value, override });
  return {
    metric: m,
    value: v,
    previous: previous === null ? null : weeklyValue({ metricId: m.id, week: "2025-W47", value: previous }),
    status: v ? statusOf(m, v, null) : null,
  };
}

const DELIVERY = entry({ id: "kpi-cmd-00000001", name: "Leveringspresisjon", unit: "%", target: 95 }, 93, 96);
const SICK = entry({ id: "kpi-cmd-00000002", name: "Sykefravær", unit: "%", direction: "lower", target: 4 }, null, 3.5);
const STOCK = entry({ id: "kpi-cmd-00000003", name: "Lagerdager", unit: "", direction: "range", target: 10, targetMax: 20 }, 40);
const options = (locale: CardLocale, overrides: Partial<KpiUpdateCardOptions> = {}): KpiUpdateCardOptions => ({
  locale,
  week: WEEK,
  seriesId: SERIES,
  owner: KARI,
  metrics: [DELIVERY, SICK, STOCK],
  ...overrides,
});

installCardRenderer();

/** Clicks an Action.Execute button and returns it. */
function clickExecute(card: RenderedCard, actionId: string): ExecuteAction {
  const action = click(card, actionId);
  if (!(action instanceof ExecuteAction)) throw new Error(`'${actionId}' is not an Action.Execute`);
  return action;
}

describe.each(LOCALES)("the update card in %s", (locale) => {
  const t = KPI_TEXT[locale];

  it("renders a labelled number input per owned metric, prefilled with this week's value, and Save sends values that parse", () => {
    const { card, element, executed } = render(kpiUpdateCard(options(locale)));
    expect(element.textContent).toContain(t.updateTitle(48));
    expect(element.textContent).toContain("2025-11-24");
    const rendered = card.getAllInputs();
    expect(rendered.map((i) => i.id)).toEqual(["v.kpi-cmd-00000001", "v.kpi-cmd-00000002", "v.kpi-cmd-00000003"]);
    const controls = rendered.map((i) => i.renderedElement?.querySelector("input"));
    for (const control of controls) expect(control?.getAttribute("aria-labelledby")).toMatch(/\S/);
    expect(rendered.map((i) => i.label)).toEqual(["Leveringspresisjon (%)", "Sykefravær (%)", "Lagerdager"]);
    expect(rendered.map((i) => (i.isSet() ? i.value : null))).toEqual([93, null, 40]);

    const control = controls[1];
    if (!(control instanceof HTMLInputElement)) throw new Error("no number control");
    control.value = "3.5";
    click(card, KPI_VERBS.save);
    const [action] = executed;
    if (!(action instanceof ExecuteAction)) throw new Error("expected Action.Execute");
    expect(action.verb).toBe("kpiSave");
    expect(parseKpiSubmission(action.data)).toEqual({
      ok: true,
      seriesId: SERIES,
      week: WEEK,
      values: [
        { metricId: "kpi-cmd-00000001", value: 93 },
        { metricId: "kpi-cmd-00000002", value: 3.5 },
        { metricId: "kpi-cmd-00000003", value: 40 },
      ],
    });
  });

  it("refreshes into the owner's own form only", () => {
    const card = kpiUpdateCard(options(locale));
    expect(card.refresh).toEqual({ action: { type: "Action.Execute", verb: "kpiRefresh", data: { seriesId: SERIES } }, userIds: [`8:orgid:${KARI.userId}`] });
    expect(render(card).card.refresh?.userIds).toEqual([`8:orgid:${KARI.userId}`]);
  });

  it("shows target, unit and last week per metric, and a status with icon and word (not colour alone) only when a value exists", () => {
    const texts = displayed(kpiUpdateCard(options(locale)));
    const n = (x: number) => new Intl.NumberFormat(locale === "en" ? "en-GB" : `${locale}-${locale === "nb" ? "NO" : "SE"}`).format(x);
    expect(texts).toContain(escapeCardMarkdown(`${t.target} ≥ 95 % · ${t.lastWeek} 96 %`));
    expect(texts).toContain(escapeCardMarkdown(`${t.target} ≤ 4 % · ${t.lastWeek} ${n(3.5)} %`));
    expect(texts).toContain(escapeCardMarkdown(`${t.target} 10–20 · ${t.lastWeek} ${t.notEntered}`));
    // 93 against ≥ 95 with 10 % tolerance is at risk; 40 in 10–20 is off track; no value, no status.
    const statuses = texts.filter((s) => /^[✔⚠✖] /.test(s));
    expect(statuses).toEqual([`⚠ ${t.statuses.atRisk}`, `✖ ${t.statuses.offTrack}`]);
  });

  it("says when the owner overrode the status", () => {
    const overridden = entry({ id: "kpi-cmd-00000004" }, 80, null, { status: "onTrack", comment: "Midlertidig" });
    expect(displayed(kpiUpdateCard(options(locale, { metrics: [overridden] })))).toContain(`✔ ${t.statuses.onTrack} (${t.ownJudgement})`);
  });

  it("shows the server's errors at the top, naming the metric, and a confirmation when saved", () => {
    const message = kpiErrorText(locale, "notANumber");
    const card = kpiUpdateCard(options(locale, { errors: [{ metricId: SICK.metric.id, message }, { metricId: null, message: kpiErrorText(locale, "futureWeek") }], saved: false }));
    const errors = card.body.filter(isNode).find((n) => n.type === "Container");
    expect(errors).toMatchObject({ style: "attention" });
    expect(card.body.indexOf(errors)).toBeLessThan(card.body.findIndex((n) => isNode(n) && n.type === "Input.Number"));
    expect(displayed({ ...card, body: [errors] })).toEqual([t.errorsHeading, escapeCardMarkdown(`Sykefravær: ${message}`), escapeCardMarkdown(t.errors.futureWeek)]);
    expect(render(card).element.textContent).toContain(`Sykefravær: ${message}`);
    expect(displayed(card)).not.toContain(t.saved);
    expect(displayed(kpiUpdateCard(options(locale, { saved: true })))).toContain(t.saved);
  });

  it("with no metrics owned says so and how to get some, with nothing to save", () => {
    const { card, element } = render(kpiUpdateCard(options(locale, { metrics: [] })));
    expect(card.getAllInputs()).toEqual([]);
    expect(card.getActionCount()).toBe(0);
    expect(element.textContent).toContain(t.noMetrics);
  });
});

describe.each(LOCALES)("the request card in %s", (locale) => {
  const t = KPI_TEXT[locale];

  it("names who has not updated, opens the form with kpiOpen, and refreshes for at most 60 owners", () => {
    const ownerIds = Array.from({ length: 70 }, (_, i) => `user-${i}`);
    const json = kpiRequestCard({ locale, seriesId: SERIES, week: WEEK, missing: [KARI, LEAD], ownerIds });
    const { card, element, executed } = render(json);
    expect(element.textContent).toContain(t.requestTitle(48));
    expect(element.textContent).toContain(t.notUpdated);
    expect(element.textContent).toContain("Kari Nordmann, Lars Leder");
    expect(json.refresh).toEqual({ action: { type: "Action.Execute", verb: "kpiOpen", data: { seriesId: SERIES, week: WEEK } }, userIds: ownerIds.slice(0, 60).map((id) => `8:orgid:${id}`) });
    const action = clickExecute(card, KPI_VERBS.open);
    expect(executed).toEqual([action]);
    expect([action.verb, action.title, action.data]).toEqual(["kpiOpen", t.open, { seriesId: SERIES, week: WEEK }]);
  });

  it("thanks everyone when nobody is missing", () => {
    expect(render(kpiRequestCard({ locale, seriesId: SERIES, week: WEEK, missing: [], ownerIds: [KARI.userId] })).element.textContent).toContain(t.allUpdated);
  });
});

describe("user text", () => {
  const HOSTILE = "**bold** [x](http://evil)";

  it("a metric name with markdown and a link is escaped in every TextBlock and renders literally", () => {
    const bad = entry({ id: "kpi-cmd-00000009", name: HOSTILE, unit: "_u_" }, 1);
    const card = kpiUpdateCard(options("en", { metrics: [bad], errors: [{ metricId: bad.metric.id, message: "[y](http://evil)" }] }));
    const json = JSON.stringify(displayed(card));
    expect(json).not.toContain("[x](http://evil)");
    expect(json).not.toContain("**bold**");
    expect(displayed(card)).toContain(escapeCardMarkdown(`${HOSTILE}: [y](http://evil)`));
    // The label is plain text (never markdown), so it keeps the name as typed.
    expect(inputs(card)[0]?.label).toBe(`${HOSTILE} (_u_)`);
    const { element } = render(card);
    expect(element.querySelectorAll("a, strong")).toHaveLength(0);
    expect(element.textContent).toContain(HOSTILE);
  });

  it("an owner's name on the request card is escaped", () => {
    const card = kpiRequestCard({ locale: "nb", seriesId: SERIES, week: WEEK, missing: [{ userId: "u", name: HOSTILE }], ownerIds: [] });
    expect(displayed(card)).toContain(escapeCardMarkdown(HOSTILE));
    expect(render(card).element.querySelectorAll("a, strong")).toHaveLength(0);
  });

  it("the renderer stand-in would turn unescaped text into markup (so the tests above mean something)", () => {
    const { element } = render({ type: "AdaptiveCard", $schema: "x", version: "1.5", body: [{ type: "TextBlock", text: HOSTILE }] });
    expect(element.querySelectorAll("a, strong")).toHaveLength(2);
  });
});

describe("card size (Teams refuses cards over 28 KB)", () => {
  const worst = (c: string): KpiCardMetric[] =>
    Array.from({ length: KPI_LIMITS.activeMetricsMax }, (_, i) =>
      entry(
        {
          id: `kpi-${String(i).padStart(64, "x")}`,
          name: c.repeat(KPI_LIMITS.nameMax),
          unit: c.repeat(KPI_LIMITS.unitMax),
          direction: "range",
          target: -KPI_LIMITS.valueAbsMax + 0.1234,
          targetMax: KPI_LIMITS.valueAbsMax - 0.1234,
        },
        -KPI_LIMITS.valueAbsMax + 0.5,
        -KPI_LIMITS.valueAbsMax + 0.25,
        { status: "offTrack", comment: "x" },
      ),
    );

  it.each(["a", "ø", "*", "\\", '"'])("40 metrics with 80-character names of %s, all with errors, fit and still render", (c) => {
    for (const locale of LOCALES) {
      const metrics = worst(c);
      const errors = metrics.map((m) => ({ metricId: m.metric.id, message: c.repeat(200) }));
      for (const card of [kpiUpdateCard(options(locale, { metrics })), kpiUpdateCard(options(locale, { metrics, errors, saved: true }))]) {
        expect(cardBytes(card)).toBeLessThanOrEqual(CARD_MAX_BYTES);
        expect(inputs(card)).toHaveLength(KPI_LIMITS.activeMetricsMax);
      }
    }
    document.body.innerHTML = "";
    expect(render(kpiUpdateCard(options("nb", { metrics: worst(c) }))).card.getAllInputs()).toHaveLength(40);
  });

  it.each(["a", "ø"])("with plain 80-character names of %s and everyday targets, at most last week is dropped: full names and every target stay", (c) => {
    for (const locale of LOCALES) {
      const metrics = worst(c).map((m) => ({ ...m, metric: { ...m.metric, unit: "%", direction: "higher" as const, target: 95, targetMax: null } }));
      const card = kpiUpdateCard(options(locale, { metrics }));
      expect(cardBytes(card)).toBeLessThanOrEqual(CARD_MAX_BYTES);
      expect(inputs(card).map((i) => i.label)).toEqual(Array.from({ length: 40 }, () => `${c.repeat(80)} (%)`));
      expect(displayed(card).filter((s) => s.startsWith(`${KPI_TEXT[locale].target} `))).toHaveLength(40);
      expect(displayed(card)).not.toContain(KPI_TEXT[locale].shortened);
    }
  });

  it("says so when it had to shorten text", () => {
    const card = kpiUpdateCard(options("sv", { metrics: worst("\\") }));
    expect(displayed(card)).toContain(KPI_TEXT.sv.shortened);
  });

  it("keeps last week's values when the card fits (the fallback only drops them when needed)", () => {
    const metrics = worst("a").map((m) => ({ ...m, metric: { ...m.metric, unit: "%", target: 95, targetMax: 99 } }));
    const texts = displayed(kpiUpdateCard(options("en", { metrics: metrics.slice(0, 10) })));
    expect(texts.filter((s) => s.includes("Last week"))).toHaveLength(10);
  });

  it("a reminder listing 200 long names fits, saying how many more there are", () => {
    const missing = Array.from({ length: KPI_LIMITS.peopleMax }, (_, i) => ({ userId: `u${i}`, name: `${"*".repeat(95)}${i}` }));
    const card = kpiRequestCard({ locale: "en", seriesId: SERIES, week: WEEK, missing, ownerIds: missing.map((p) => p.userId) });
    expect(cardBytes(card)).toBeLessThanOrEqual(CARD_MAX_BYTES);
    expect(displayed(card).join("\n")).toMatch(/and \d+ more$/);
  });
});

describe("status words and error texts", () => {
  it.each<[CardLocale, string, string, string]>([
    ["nb", "✔ I rute", "⚠ I faresonen", "✖ Ute av kurs"],
    ["sv", "✔ I fas", "⚠ I riskzonen", "✖ Avviker"],
    ["en", "✔ On track", "⚠ At risk", "✖ Off track"],
  ])("say the status with an icon and a word (%s)", (locale, on, risk, off) => {
    expect([kpiStatusText(locale, "onTrack"), kpiStatusText(locale, "atRisk"), kpiStatusText(locale, "offTrack")]).toEqual([on, risk, off]);
  });

  it.each(LOCALES)("exist for every refusal (%s)", (locale) => {
    for (const code of ["notFound", "forbidden", "notOwner", "archived", "futureWeek", "tooMany", "invalid", "notANumber", "tooLarge", "noMetrics", "notAForm"] as const) {
      expect(kpiErrorText(locale, code), code).toMatch(/\S/);
    }
  });
});

describe("parseKpiSubmission", () => {
  const base = { seriesId: SERIES, week: WEEK };

  it("reads numbers, numeric strings and decimal commas; skips empty inputs; ignores other keys", () => {
    expect(
      parseKpiSubmission({ ...base, verb: "kpiSave", "v.kpi-cmd-00000001": 93.5, "v.kpi-cmd-00000002": "4", "v.kpi-cmd-00000003": "93,5", "v.kpi-cmd-00000004": "", "v.kpi-cmd-00000005": " -1 000,25 ", other: "x" }),
    ).toEqual({
      ok: true,
      seriesId: SERIES,
      week: WEEK,
      values: [
        { metricId: "kpi-cmd-00000001", value: 93.5 },
        { metricId: "kpi-cmd-00000002", value: 4 },
        { metricId: "kpi-cmd-00000003", value: 93.5 },
        { metricId: "kpi-cmd-00000005", value: -1000.25 },
      ],
    });
  });

  it.each(["abc", "NaN", "Infinity", "-Infinity", "0x10", "1,2,3", true, {}])("refuses %j as notANumber, naming the metric", (value) => {
    expect(parseKpiSubmission({ ...base, "v.kpi-cmd-00000001": value })).toEqual({
      ok: false,
      errors: [{ metricId: "kpi-cmd-00000001", code: "notANumber", message: expect.any(String) }],
    });
  });

  it("refuses NaN and Infinity sent as numbers", () => {
    for (const value of [Number.NaN, Number.POSITIVE_INFINITY]) expect(parseKpiSubmission({ ...base, "v.kpi-cmd-00000001": value })).toMatchObject({ ok: false, errors: [{ code: "notANumber" }] });
  });

  it("refuses values beyond ±10^12 as tooLarge, accepts the limit itself", () => {
    expect(parseKpiSubmission({ ...base, "v.kpi-cmd-00000001": 1e13, "v.kpi-cmd-00000002": "-1e13" })).toEqual({
      ok: false,
      errors: [
        { metricId: "kpi-cmd-00000001", code: "tooLarge", message: expect.any(String) },
        { metricId: "kpi-cmd-00000002", code: "tooLarge", message: expect.any(String) },
      ],
    });
    expect(parseKpiSubmission({ ...base, "v.kpi-cmd-00000001": "1e12" })).toMatchObject({ ok: true, values: [{ value: 1e12 }] });
  });

  it.each<[string, unknown]>([
    ["not an object", "v.kpi-cmd-00000001=1"],
    ["null", null],
    ["an array", [base]],
    ["no series", { week: WEEK }],
    ["an empty series", { ...base, seriesId: "" }],
    ["a series with control characters", { ...base, seriesId: "19:a\n@thread" }],
    ["a series too long", { ...base, seriesId: "a".repeat(513) }],
    ["a numeric series", { ...base, seriesId: 5 }],
    ["no week", { seriesId: SERIES }],
    ["a bad week", { ...base, week: "2025-W54" }],
    ["a week as a date", { ...base, week: "2025-11-24" }],
    ["a value key with a bad metric id", { ...base, "v.obj-cmd-00000001": "1" }],
    ["more values than active metrics", { ...base, ...Object.fromEntries(Array.from({ length: 41 }, (_, i) => [`v.kpi-cmd-${String(i).padStart(8, "0")}`, "1"])) }],
  ])("refuses %s as invalid", (_what, data) => {
    expect(parseKpiSubmission(data)).toMatchObject({ ok: false, errors: [{ metricId: null, code: "invalid" }] });
  });

  it("accepts exactly 40 values, and the prototype is never read", () => {
    const forty = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`v.kpi-cmd-${String(i).padStart(8, "0")}`, String(i)]));
    const parsed = parseKpiSubmission({ ...base, ...forty });
    expect(parsed.ok && parsed.values).toHaveLength(40);
    expect(parseKpiSubmission(JSON.parse(`{"__proto__":{"seriesId":"x"},"week":"${WEEK}"}`))).toMatchObject({ ok: false });
  });
});
