/**
 * @module The words of the meeting summary (the channel card and the Markdown export) in bokmål, Swedish and English.
 * Section names come from the panel's catalogue (shared/src/i18n), statuses and SIR kinds from the KPI and SIR cards'
 * words, so one thing is called the same everywhere.
 */
import type { CardLocale } from "../cards/locale.js";
import type { RecordActionState } from "./record.js";

export interface SummaryText {
  readonly defaultTitle: string;
  readonly heading: (title: string) => string;
  readonly preview: string;
  readonly attendees: (n: number) => string;
  readonly noAttendees: string;
  readonly timeUsed: (used: number, planned: number) => string;
  readonly goodNews: string;
  readonly kpiStatus: (week: number | null) => string;
  readonly noData: string;
  readonly noKpis: string;
  readonly kpiColumns: { readonly status: string; readonly name: string; readonly value: string; readonly owner: string };
  readonly target: string;
  readonly notReported: string;
  readonly decisions: string;
  readonly noDecisions: string;
  readonly decidedBy: (name: string) => string;
  readonly information: string;
  readonly actions: string;
  readonly actionStates: Readonly<Record<RecordActionState, string>>;
  readonly carriesOver: string;
  readonly nothingCarries: string;
  readonly priorities: string;
  readonly lastWeek: string;
  readonly nextWeek: string;
  readonly learned: string;
  readonly timePerSection: string;
  readonly section: string;
  readonly planned: string;
  readonly used: string;
  readonly minutes: (n: number) => string;
  readonly notReached: string;
  readonly sectionOff: string;
  readonly rating: (average: string, count: number) => string;
  readonly noRatings: string;
  readonly andMore: (n: number) => string;
  readonly openRecord: string;
  readonly recordInPanel: string;
  readonly shortened: string;
  readonly exportedAt: (iso: string) => string;
}

const nb: SummaryText = {
  defaultTitle: "Ukentlig resultatmøte",
  heading: (title) => `Referat: ${title}`,
  preview: "Forhåndsvisning – møtet er ikke avsluttet ennå.",
  attendees: (n) => `Deltakere (${n})`,
  noAttendees: "Ingen deltakere registrert.",
  timeUsed: (used, planned) => `${used} av ${planned} min brukt`,
  goodNews: "Gode nyheter",
  kpiStatus: (week) => (week === null ? "KPI-status" : `KPI-status, uke ${week}`),
  noData: "Ikke rapportert",
  noKpis: "Tavla har ingen nøkkeltall ennå.",
  kpiColumns: { status: "Status", name: "Nøkkeltall", value: "Verdi", owner: "Eier" },
  target: "målverdi",
  notReported: "ikke rapportert",
  decisions: "Beslutninger (SIR)",
  noDecisions: "Ingen beslutninger ble registrert.",
  decidedBy: (name) => `Besluttet av ${name}`,
  information: "Til informasjon",
  actions: "Tiltak",
  actionStates: { new: "ny", updated: "endret", done: "utført", open: "åpen, tas med videre" },
  carriesOver: "Tas med til neste møte",
  nothingCarries: "Ingenting tas med videre.",
  priorities: "Prioriteringer",
  lastWeek: "Forrige uke",
  nextWeek: "Neste uke",
  learned: "Lærdom",
  timePerSection: "Tid per punkt (brukt / planlagt)",
  section: "Punkt",
  planned: "Planlagt",
  used: "Brukt",
  minutes: (n) => `${n} min`,
  notReached: "ikke nådd",
  sectionOff: "slått av",
  rating: (average, count) => `Vurdering av møtet: ${average} av 10 (${count} svar)`,
  noRatings: "Ingen har vurdert møtet.",
  andMore: (n) => `og ${n} til`,
  openRecord: "Åpne hele referatet",
  recordInPanel: "Hele referatet finnes i møtepanelet (Referat).",
  shortened: "Noen lister er forkortet for at referatet skal få plass på kortet.",
  exportedAt: (iso) => `Eksportert ${iso}`,
};

const sv: SummaryText = {
  defaultTitle: "Veckovis resultatmöte",
  heading: (title) => `Sammanfattning: ${title}`,
  preview: "Förhandsvisning – mötet är inte avslutat än.",
  attendees: (n) => `Deltagare (${n})`,
  noAttendees: "Inga deltagare registrerade.",
  timeUsed: (used, planned) => `${used} av ${planned} min använt`,
  goodNews: "Goda nyheter",
  kpiStatus: (week) => (week === null ? "KPI-status" : `KPI-status, vecka ${week}`),
  noData: "Inte rapporterat",
  noKpis: "Tavlan har inga nyckeltal än.",
  kpiColumns: { status: "Status", name: "Nyckeltal", value: "Värde", owner: "Ägare" },
  target: "målvärde",
  notReported: "inte rapporterat",
  decisions: "Beslut (SIR)",
  noDecisions: "Inga beslut registrerades.",
  decidedBy: (name) => `Beslutat av ${name}`,
  information: "För information",
  actions: "Åtgärder",
  actionStates: { new: "ny", updated: "ändrad", done: "klar", open: "öppen, förs vidare" },
  carriesOver: "Tas med till nästa möte",
  nothingCarries: "Inget tas med vidare.",
  priorities: "Prioriteringar",
  lastWeek: "Förra veckan",
  nextWeek: "Nästa vecka",
  learned: "Lärdom",
  timePerSection: "Tid per punkt (använt / planerat)",
  section: "Punkt",
  planned: "Planerat",
  used: "Använt",
  minutes: (n) => `${n} min`,
  notReached: "inte nådd",
  sectionOff: "avstängd",
  rating: (average, count) => `Betyg på mötet: ${average} av 10 (${count} svar)`,
  noRatings: "Ingen har betygsatt mötet.",
  andMore: (n) => `och ${n} till`,
  openRecord: "Öppna hela sammanfattningen",
  recordInPanel: "Hela sammanfattningen finns i mötespanelen (Sammanfattning).",
  shortened: "Vissa listor är förkortade för att sammanfattningen ska få plats på kortet.",
  exportedAt: (iso) => `Exporterad ${iso}`,
};

const en: SummaryText = {
  defaultTitle: "Weekly result meeting",
  heading: (title) => `Summary: ${title}`,
  preview: "Preview – the meeting has not ended yet.",
  attendees: (n) => `Attendees (${n})`,
  noAttendees: "No attendees recorded.",
  timeUsed: (used, planned) => `${used} of ${planned} min used`,
  goodNews: "Good news",
  kpiStatus: (week) => (week === null ? "KPI status" : `KPI status, week ${week}`),
  noData: "Not reported",
  noKpis: "The board has no KPIs yet.",
  kpiColumns: { status: "Status", name: "KPI", value: "Value", owner: "Owner" },
  target: "target",
  notReported: "not reported",
  decisions: "Decisions (SIR)",
  noDecisions: "No decisions were recorded.",
  decidedBy: (name) => `Decided by ${name}`,
  information: "For information",
  actions: "Actions",
  actionStates: { new: "new", updated: "updated", done: "done", open: "open, carries over" },
  carriesOver: "Carries over to the next meeting",
  nothingCarries: "Nothing carries over.",
  priorities: "Priorities",
  lastWeek: "Last week",
  nextWeek: "Next week",
  learned: "Learned",
  timePerSection: "Time per section (used / planned)",
  section: "Section",
  planned: "Planned",
  used: "Used",
  minutes: (n) => `${n} min`,
  notReached: "not reached",
  sectionOff: "switched off",
  rating: (average, count) => `Meeting rating: ${average} of 10 (${count} ${count === 1 ? "rating" : "ratings"})`,
  noRatings: "Nobody has rated the meeting.",
  andMore: (n) => `and ${n} more`,
  openRecord: "Open the full record",
  recordInPanel: "The full record is in the meeting panel (Summary).",
  shortened: "Some lists are shortened so that the summary fits on the card.",
  exportedAt: (iso) => `Exported ${iso}`,
};

export const SUMMARY_TEXT: Readonly<Record<CardLocale, SummaryText>> = { nb, sv, en };
