/** @module The agenda templates of the method (weekly result meeting, check-in, review, retrospective). */
import { MINUTE, type Section, type SectionKind } from "./section.js";

export const TEMPLATE_IDS = ["leadershipWeekly90", "teamWeekly60", "teamWeekly45", "okrCheckIn15", "okrReview120", "okrRetro120"] as const;
export type TemplateId = (typeof TEMPLATE_IDS)[number];

interface SectionSpec {
  readonly key: string;
  readonly kind: SectionKind;
  readonly minutes: number;
  readonly enabled?: boolean;
  readonly questions?: number;
}

export interface Template {
  readonly id: TemplateId;
  readonly labelKey: string;
  readonly sections: readonly SectionSpec[];
}

// Weekly sections: the six parts of the method in order. The sales funnel is optional and
// starts switched off ("many teams leave it out"); its minutes count only when switched on.
function weekly(goodNews: number, kpis: number, funnel: number, sir: number, actions: number, priorities: number): SectionSpec[] {
  return [
    { key: "goodNews", kind: "goodNews", minutes: goodNews, questions: 2 },
    { key: "kpis", kind: "kpis", minutes: kpis, questions: 2 },
    { key: "salesFunnel", kind: "salesFunnel", minutes: funnel, enabled: false, questions: 1 },
    { key: "sir", kind: "sir", minutes: sir, questions: 3 },
    { key: "actions", kind: "actions", minutes: actions, questions: 2 },
    { key: "priorities", kind: "priorities", minutes: priorities, questions: 3 },
  ];
}

export const TEMPLATES: Readonly<Record<TemplateId, Template>> = {
  leadershipWeekly90: { id: "leadershipWeekly90", labelKey: "template.leadershipWeekly90", sections: weekly(10, 15, 10, 35, 10, 20) },
  teamWeekly60: { id: "teamWeekly60", labelKey: "template.teamWeekly60", sections: weekly(5, 10, 5, 20, 10, 15) },
  teamWeekly45: { id: "teamWeekly45", labelKey: "template.teamWeekly45", sections: weekly(5, 8, 5, 12, 8, 12) },
  okrCheckIn15: {
    id: "okrCheckIn15",
    labelKey: "template.okrCheckIn15",
    sections: [
      { key: "checkInStatus", kind: "discussion", minutes: 7, questions: 2 },
      { key: "checkInObstacles", kind: "discussion", minutes: 4, questions: 1 },
      { key: "checkInDependencies", kind: "discussion", minutes: 4, questions: 1 },
    ],
  },
  okrReview120: {
    id: "okrReview120",
    labelKey: "template.okrReview120",
    sections: [
      { key: "reviewAchieved", kind: "discussion", minutes: 40, questions: 1 },
      { key: "reviewOpen", kind: "discussion", minutes: 50, questions: 1 },
      { key: "reviewLessons", kind: "discussion", minutes: 30, questions: 1 },
    ],
  },
  okrRetro120: {
    id: "okrRetro120",
    labelKey: "template.okrRetro120",
    sections: [
      { key: "retroMood", kind: "discussion", minutes: 30, questions: 2 },
      { key: "retroGoals", kind: "discussion", minutes: 30, questions: 2 },
      { key: "retroOkr", kind: "discussion", minutes: 30, questions: 2 },
      { key: "retroStop", kind: "discussion", minutes: 30, questions: 1 },
    ],
  },
};

export const DEFAULT_TEMPLATE: TemplateId = "teamWeekly60";

/** The sections of a template, fresh (no time used). Ids are the template keys: stable and readable. */
export function templateSections(id: TemplateId): Section[] {
  return TEMPLATES[id].sections.map((spec) => ({
    id: spec.key,
    kind: spec.kind,
    labelKey: `section.${spec.key}`,
    title: null,
    questionKeys: Array.from({ length: spec.questions ?? 0 }, (_, i) => `section.${spec.key}.q${i + 1}`),
    durationMs: spec.minutes * MINUTE,
    enabled: spec.enabled ?? true,
    usedMs: 0,
    extraMs: 0,
  }));
}

export function templateBudgetMs(id: TemplateId): number {
  return templateSections(id).reduce((sum, s) => sum + (s.enabled ? s.durationMs : 0), 0);
}
