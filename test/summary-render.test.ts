// @vitest-environment happy-dom
/** @module The summary card through the real Adaptive Cards renderer: every variant in every language parses cleanly and renders; hostile text shows as typed, never as a link or HTML. */
import { OpenUrlAction } from "adaptivecards";
import { describe, expect, it } from "vitest";
import { installCardRenderer, render } from "./helpers/card-renderer.js";
import type { CardLocale } from "../shared/src/cards/locale.js";
import { summaryCard } from "../shared/src/summary/summary-card.js";
import { SUMMARY_TEXT } from "../shared/src/summary/summary-text.js";
import { fullRecord, hostileRecord, hugeRecord, meetingRecord } from "../shared/src/summary/test-builders.js";

installCardRenderer();

const LOCALES: readonly CardLocale[] = ["nb", "sv", "en"];
const RECORD_URL = "https://okr.example.com/tab/record.html?meeting=m1";

describe.each(LOCALES)("the summary card in %s", (locale) => {
  it.each([
    ["a weekly meeting", meetingRecord()],
    ["with good news, actions, priorities and rating", fullRecord()],
    ["a meeting that has not started", meetingRecord({ meeting: { ...meetingRecord().meeting, phase: "notStarted", startedAt: null, endedAt: null } })],
    ["an empty meeting", meetingRecord({ attendees: [], sections: [], kpis: { week: null, counts: { offTrack: 0, atRisk: 0, onTrack: 0, noData: 0 }, items: [] }, sir: { decisions: [], carriedOver: [], information: [] } })],
  ])("%s: parses without a warning and renders", (_what, record) => {
    const { element } = render(summaryCard(record, locale, { recordUrl: RECORD_URL }));
    expect(element.textContent).toContain(SUMMARY_TEXT[locale].attendees(record.attendees.length));
  });

  it("a huge meeting: renders, says how many it left out, and links to the full record", () => {
    const { card, element } = render(summaryCard(hugeRecord(), locale, { recordUrl: RECORD_URL }));
    const t = SUMMARY_TEXT[locale];
    const more = new RegExp(t.andMore(12345).replace("12345", "\\d+"), "g");
    expect((element.textContent ?? "").match(more)?.length ?? 0).toBeGreaterThanOrEqual(7);
    expect(element.textContent).toContain(t.attendees(200));
    const action = card.getActionAt(0);
    expect(action).toBeInstanceOf(OpenUrlAction);
    expect(action instanceof OpenUrlAction && action.url).toBe(RECORD_URL);
    expect(action?.title).toBe(t.openRecord);
  });

  it("hostile text: shown as typed, no link, image, HTML element or template expression", () => {
    const { element } = render(summaryCard(hostileRecord(), locale, { recordUrl: RECORD_URL }));
    expect(element.querySelectorAll("a, img, script, b, strong, em, code")).toHaveLength(0);
    const shown = element.textContent ?? "";
    expect(shown).toContain("**bold** _it_ [click](https://evil.example/x)");
    expect(shown).toContain("<script>alert(1)</script>");
    expect(shown).toContain("{{DATE(2026-01-01T00:00:00Z)}}");
  });
});
