/** @module The agenda templates of the method: their sections, order, defaults and time budgets. */
import { describe, expect, it } from "vitest";
import { LIMITS, MINUTE } from "./section.js";
import { newMeeting } from "./state.js";
import { DEFAULT_TEMPLATE, TEMPLATE_IDS, TEMPLATES, templateBudgetMs, templateSections, type TemplateId } from "./templates.js";
import { REF } from "./test-builders.js";

const NOMINAL_MINUTES: Record<TemplateId, number> = {
  leadershipWeekly90: 90,
  teamWeekly60: 60,
  teamWeekly45: 45,
  okrCheckIn15: 15,
  okrReview120: 120,
  okrRetro120: 120,
};

const WEEKLY: readonly TemplateId[] = ["leadershipWeekly90", "teamWeekly60", "teamWeekly45"];

describe("template budgets", () => {
  it.each(Object.entries(NOMINAL_MINUTES))("%s plans exactly %i minutes", (id, nominal) => {
    const templateId = id as TemplateId;
    expect(templateBudgetMs(templateId)).toBe(nominal * MINUTE);
    const enabledSum = templateSections(templateId)
      .filter((s) => s.enabled)
      .reduce((sum, s) => sum + s.durationMs, 0);
    expect(enabledSum).toBe(nominal * MINUTE);
  });

  it.each([
    ["leadershipWeekly90", 100],
    ["teamWeekly60", 65],
    ["teamWeekly45", 50],
  ] as const)("%s with the sales funnel switched on plans %i minutes", (id, minutes) => {
    const all = templateSections(id).reduce((sum, s) => sum + s.durationMs, 0);
    expect(all).toBe(minutes * MINUTE);
  });

  it("every template id is listed, and each template knows its own id", () => {
    expect(Object.keys(TEMPLATES).sort()).toEqual([...TEMPLATE_IDS].sort());
    for (const id of TEMPLATE_IDS) expect(TEMPLATES[id].id).toBe(id);
  });
});

describe("the weekly result meeting templates", () => {
  it.each(WEEKLY)("%s follows the six parts of the method in order", (id) => {
    expect(templateSections(id).map((s) => s.kind)).toEqual(["goodNews", "kpis", "salesFunnel", "sir", "actions", "priorities"]);
  });

  it.each(WEEKLY)("%s starts with the optional sales funnel switched off", (id) => {
    const off = templateSections(id).filter((s) => !s.enabled);
    expect(off.map((s) => s.id)).toEqual(["salesFunnel"]);
  });

  it.each(WEEKLY)("%s asks SIR's three preparation questions and the three priorities questions", (id) => {
    const sections = templateSections(id);
    expect(sections.find((s) => s.kind === "sir")?.questionKeys).toEqual(["section.sir.q1", "section.sir.q2", "section.sir.q3"]);
    expect(sections.find((s) => s.kind === "priorities")?.questionKeys).toHaveLength(3);
  });

  it("SIR gets the largest time box of a weekly meeting", () => {
    for (const id of WEEKLY) {
      const sections = templateSections(id);
      const sir = sections.find((s) => s.kind === "sir");
      expect(Math.max(...sections.map((s) => s.durationMs))).toBe(sir?.durationMs);
    }
  });
});

describe("the OKR cycle templates", () => {
  it.each(["okrCheckIn15", "okrReview120", "okrRetro120"] as const)("%s is made of discussion sections, all switched on", (id) => {
    const sections = templateSections(id);
    expect(sections.every((s) => s.kind === "discussion" && s.enabled)).toBe(true);
  });
});

describe("fresh sections", () => {
  it.each(TEMPLATE_IDS)("%s has unique, readable ids, localized labels and no time used", (id) => {
    const sections = templateSections(id);
    expect(new Set(sections.map((s) => s.id)).size).toBe(sections.length);
    expect(sections.length).toBeLessThanOrEqual(LIMITS.maxSections);
    for (const s of sections) {
      expect(s.labelKey).toBe(`section.${s.id}`);
      expect(s.title).toBeNull();
      expect(s.usedMs).toBe(0);
      expect(s.extraMs).toBe(0);
      expect(s.durationMs % MINUTE).toBe(0);
      expect(s.durationMs).toBeGreaterThanOrEqual(LIMITS.minSectionMs);
      expect(s.durationMs).toBeLessThanOrEqual(LIMITS.maxSectionMs);
      expect(s.questionKeys.length).toBeGreaterThan(0);
      s.questionKeys.forEach((key, i) => expect(key).toBe(`section.${s.id}.q${i + 1}`));
    }
  });

  it("each call gives a new copy, so one meeting's changes never reach another", () => {
    const first = templateSections("teamWeekly60");
    const second = templateSections("teamWeekly60");
    expect(second).toEqual(first);
    expect(second).not.toBe(first);
    expect(second[0]).not.toBe(first[0]);
  });
});

describe("a new meeting", () => {
  it("uses the team weekly 60-minute agenda unless told otherwise", () => {
    expect(DEFAULT_TEMPLATE).toBe("teamWeekly60");
    const m = newMeeting(REF);
    expect(m.templateId).toBe("teamWeekly60");
    expect(m.sections).toEqual(templateSections("teamWeekly60"));
  });

  it("starts not started, at version 0, with the timer stopped", () => {
    const m = newMeeting(REF, "okrCheckIn15");
    expect(m).toMatchObject({
      ...REF,
      version: 0,
      phase: "notStarted",
      templateId: "okrCheckIn15",
      currentSectionId: null,
      timer: { running: false, startedAt: null },
      startedAt: null,
      endedAt: null,
    });
  });
});
