/** @module The words of the SIR cards and SIR errors in bokmål, Swedish and English: the method's terms as each language says them. */
import type { SirErrorCode } from "../sir/decide.js";
import { SIR_LIMITS, type SirKind, type SirReadinessGap, type SirStatus } from "../sir/item.js";
import type { CardLocale } from "./locale.js";

/** The form's inputs, named as the user sees them in error messages. */
export type SirFormField = "kind" | "title" | "problem" | "proposal1" | "proposal2" | "proposal3" | "recommendation" | "concerns" | "seriesId" | "forDate";

export interface SirText {
  readonly kinds: Readonly<Record<SirKind, string>>;
  readonly statuses: Readonly<Record<SirStatus, string>>;
  readonly gaps: Readonly<Record<SirReadinessGap, string>>;
  readonly fields: Readonly<Record<SirFormField, string>>;
  /** The method's three questions. */
  readonly q1: string;
  readonly q2: string;
  readonly q3: string;
  readonly formTitleNew: string;
  readonly formTitleEdit: string;
  readonly formIntro: string;
  readonly concernsLabel: string;
  readonly seriesLabel: string;
  readonly noSeries: string;
  readonly errorsHeading: string;
  readonly save: string;
  readonly inputErrors: Readonly<Record<Exclude<SirFormField, "proposal1" | "proposal2" | "proposal3"> | "proposal", string>>;
  readonly preparedBy: string;
  readonly status: string;
  readonly preparation: string;
  readonly ready: string;
  readonly missing: (gaps: readonly string[]) => string;
  readonly concerns: string;
  /** The read view's line for an item waiting for a later meeting. */
  readonly forDate: (date: string) => string;
  readonly meetingDate: string;
  readonly noAnswer: string;
  readonly decision: string;
  readonly decidedBy: (name: string, date: string) => string;
  readonly actions: string;
  readonly noOwner: string;
  readonly due: (date: string) => string;
  readonly meetingsSeen: (n: number) => string;
  readonly shortened: string;
  readonly edit: string;
  readonly withdraw: string;
  readonly errorTitle: string;
  readonly parse: {
    readonly required: (field: string) => string;
    readonly tooLong: (field: string, length: number, max: number) => string;
    readonly invalid: (field: string) => string;
    readonly chooseKind: string;
    readonly notAForm: string;
    readonly staleForm: string;
    /** Save pressed on a form someone else opened (a form in a group chat is seen by everyone). */
    readonly notYourForm: string;
  };
  readonly errors: Readonly<Record<SirErrorCode, string>>;
}

const nb: SirText = {
  kinds: { issue: "Sak", information: "Informasjon", risk: "Risiko" },
  statuses: { open: "Åpen", resolved: "Løst", informationOnly: "Kun informasjon", withdrawn: "Trukket tilbake", deleted: "Slettet" },
  gaps: { problem: "problembeskrivelse", proposals: "minst 2 forslag", recommendation: "anbefaling" },
  fields: {
    kind: "Type",
    title: "Tittel",
    problem: "Problembeskrivelse",
    proposal1: "Forslag 1",
    proposal2: "Forslag 2",
    proposal3: "Forslag 3",
    recommendation: "Anbefaling",
    concerns: "Gjelder",
    seriesId: "Møte",
    forDate: "Møtedato (valgfritt: tomt = neste møte)",
  },
  q1: "Beskriv utfordringen, problemet eller muligheten.",
  q2: "Hva er 2–3 forslag til løsning eller mulige handlinger?",
  q3: "Hva er anbefalt beste løsning eller handling?",
  formTitleNew: "Forbered en SIR-sak",
  formTitleEdit: "Rediger SIR-saken",
  formIntro:
    "Svar på de tre spørsmålene før møtet. Du kan lagre et utkast; saken er klar når problemet, minst to forslag og en anbefaling er fylt inn.",
  concernsLabel: "Hvilket mål eller hvilken KPI gjelder det? (valgfritt)",
  seriesLabel: "Hvilket møte er saken til?",
  noSeries:
    "Jeg vet ennå ikke hvilke møter du er med i. Forbered saken i teamets møtechat (skriv «sir» der), eller åpne appen i møtet først.",
  errorsHeading: "Saken er ikke lagret:",
  save: "Lagre",
  inputErrors: {
    kind: "Velg Sak, Informasjon eller Risiko.",
    title: `Skriv en tittel på høyst ${SIR_LIMITS.titleMax} tegn.`,
    problem: `Høyst ${SIR_LIMITS.problemMax} tegn.`,
    proposal: `Høyst ${SIR_LIMITS.proposalMax} tegn per forslag.`,
    recommendation: `Høyst ${SIR_LIMITS.recommendationMax} tegn.`,
    concerns: `Høyst ${SIR_LIMITS.concernsMax} tegn.`,
    seriesId: "Velg møtet saken skal tas opp i.",
    forDate: "Velg en gyldig dato, eller la feltet stå tomt for neste møte.",
  },
  preparedBy: "Forberedt av",
  status: "Status",
  preparation: "Forberedelse",
  ready: "Klar",
  missing: (gaps) => `Mangler ${gaps.join(", ")}`,
  concerns: "Gjelder",
  forDate: (date) => `Til møtet på eller etter ${date}`,
  meetingDate: "Møtedato",
  noAnswer: "Ikke besvart ennå",
  decision: "Beslutning",
  decidedBy: (name, date) => `Besluttet av ${name}, ${date}`,
  actions: "Tiltak",
  noOwner: "ingen ansvarlig ennå",
  due: (date) => `frist ${date}`,
  meetingsSeen: (n) => (n === 1 ? "Har vært på agendaen i 1 møte" : `Har vært på agendaen i ${n} møter`),
  shortened: "Noe av teksten er for lang for et kort og er forkortet her.",
  edit: "Rediger",
  withdraw: "Trekk tilbake",
  errorTitle: "Det gikk ikke",
  parse: {
    required: (field) => `${field} mangler. Fyll inn feltet.`,
    tooLong: (field, length, max) => `${field} er for lang: ${length} tegn, høyst ${max}. Kort den ned.`,
    invalid: (field) => `${field} har en ugyldig verdi. Fyll inn feltet på nytt.`,
    chooseKind: "Type mangler. Velg Sak, Informasjon eller Risiko.",
    notAForm: "Skjemaet kom ikke fram riktig. Åpne det på nytt og prøv igjen.",
    staleForm: "Skjemaet hører ikke til en kjent sak. Åpne saken på nytt og prøv igjen.",
    notYourForm: "Noen andre åpnet dette skjemaet, så ingenting ble lagret. Skriv «sir» i chatten for å få ditt eget skjema.",
  },
  errors: {
    notFound: "Fant ikke saken. Den kan være trukket tilbake eller høre til et annet team.",
    notAuthor: "Bare den som forberedte saken, eller en møteleder (arrangør eller presentatør), kan endre den.",
    forbidden: "Bare en møteleder (arrangør eller presentatør) kan gjøre dette.",
    closed: "Saken er avsluttet og kan ikke endres lenger.",
    noDecision: "Registrer en beslutning før saken markeres som løst.",
    tooLarge: "Saken er blitt for stor til å lagres. Kort ned teksten.",
  },
};

const sv: SirText = {
  kinds: { issue: "Ärende", information: "Information", risk: "Risk" },
  statuses: { open: "Öppet", resolved: "Löst", informationOnly: "Endast information", withdrawn: "Tillbakadraget", deleted: "Raderat" },
  gaps: { problem: "problembeskrivning", proposals: "minst 2 förslag", recommendation: "rekommendation" },
  fields: {
    kind: "Typ",
    title: "Rubrik",
    problem: "Problembeskrivning",
    proposal1: "Förslag 1",
    proposal2: "Förslag 2",
    proposal3: "Förslag 3",
    recommendation: "Rekommendation",
    concerns: "Gäller",
    seriesId: "Möte",
    forDate: "Mötesdatum (valfritt: tomt = nästa möte)",
  },
  q1: "Beskriv utmaningen, problemet eller möjligheten.",
  q2: "Vilka 2–3 förslag till lösningar eller möjliga åtgärder finns?",
  q3: "Vilken lösning eller åtgärd rekommenderas som bäst?",
  formTitleNew: "Förbered ett SIR-ärende",
  formTitleEdit: "Redigera SIR-ärendet",
  formIntro:
    "Svara på de tre frågorna före mötet. Du kan spara ett utkast; ärendet är redo när problemet, minst två förslag och en rekommendation är ifyllda.",
  concernsLabel: "Vilket mål eller vilken KPI gäller det? (valfritt)",
  seriesLabel: "Vilket möte är ärendet till?",
  noSeries:
    "Jag vet ännu inte vilka möten du är med i. Förbered ärendet i teamets möteschatt (skriv ”sir” där), eller öppna appen i mötet först.",
  errorsHeading: "Ärendet sparades inte:",
  save: "Spara",
  inputErrors: {
    kind: "Välj Ärende, Information eller Risk.",
    title: `Skriv en rubrik på högst ${SIR_LIMITS.titleMax} tecken.`,
    problem: `Högst ${SIR_LIMITS.problemMax} tecken.`,
    proposal: `Högst ${SIR_LIMITS.proposalMax} tecken per förslag.`,
    recommendation: `Högst ${SIR_LIMITS.recommendationMax} tecken.`,
    concerns: `Högst ${SIR_LIMITS.concernsMax} tecken.`,
    seriesId: "Välj mötet där ärendet ska tas upp.",
    forDate: "Välj ett giltigt datum, eller lämna fältet tomt för nästa möte.",
  },
  preparedBy: "Förberett av",
  status: "Status",
  preparation: "Förberedelse",
  ready: "Redo",
  missing: (gaps) => `Saknar ${gaps.join(", ")}`,
  concerns: "Gäller",
  forDate: (date) => `Till mötet på eller efter ${date}`,
  meetingDate: "Mötesdatum",
  noAnswer: "Inte besvarat ännu",
  decision: "Beslut",
  decidedBy: (name, date) => `Beslutat av ${name}, ${date}`,
  actions: "Åtgärder",
  noOwner: "ingen ansvarig ännu",
  due: (date) => `senast ${date}`,
  meetingsSeen: (n) => (n === 1 ? "Har varit på agendan i 1 möte" : `Har varit på agendan i ${n} möten`),
  shortened: "En del av texten är för lång för ett kort och har förkortats här.",
  edit: "Redigera",
  withdraw: "Dra tillbaka",
  errorTitle: "Det gick inte",
  parse: {
    required: (field) => `${field} saknas. Fyll i fältet.`,
    tooLong: (field, length, max) => `${field} är för lång: ${length} tecken, högst ${max}. Korta ned den.`,
    invalid: (field) => `${field} har ett ogiltigt värde. Fyll i fältet igen.`,
    chooseKind: "Typ saknas. Välj Ärende, Information eller Risk.",
    notAForm: "Formuläret kom inte fram korrekt. Öppna det igen och försök på nytt.",
    staleForm: "Formuläret hör inte till ett känt ärende. Öppna ärendet igen och försök på nytt.",
    notYourForm: "Någon annan öppnade det här formuläret, så inget sparades. Skriv ”sir” i chatten för att få ett eget formulär.",
  },
  errors: {
    notFound: "Ärendet hittades inte. Det kan ha dragits tillbaka eller höra till ett annat team.",
    notAuthor: "Bara den som förberedde ärendet, eller en mötesledare (organisatör eller presentatör), kan ändra det.",
    forbidden: "Bara en mötesledare (organisatör eller presentatör) kan göra detta.",
    closed: "Ärendet är avslutat och kan inte längre ändras.",
    noDecision: "Registrera ett beslut innan ärendet markeras som löst.",
    tooLarge: "Ärendet har blivit för stort för att sparas. Korta ned texten.",
  },
};

const en: SirText = {
  kinds: { issue: "Issue", information: "Information", risk: "Risk" },
  statuses: { open: "Open", resolved: "Resolved", informationOnly: "Information only", withdrawn: "Withdrawn", deleted: "Deleted" },
  gaps: { problem: "problem description", proposals: "at least 2 proposals", recommendation: "recommendation" },
  fields: {
    kind: "Type",
    title: "Title",
    problem: "Problem description",
    proposal1: "Proposal 1",
    proposal2: "Proposal 2",
    proposal3: "Proposal 3",
    recommendation: "Recommendation",
    concerns: "Concerns",
    seriesId: "Meeting",
    forDate: "Meeting date (optional: empty = the next meeting)",
  },
  q1: "Describe the challenge, problem or opportunity.",
  q2: "What are 2–3 proposed solutions or possible actions?",
  q3: "What is the recommended best solution or action?",
  formTitleNew: "Prepare a SIR item",
  formTitleEdit: "Edit the SIR item",
  formIntro:
    "Answer the three questions before the meeting. You can save a draft; the item is ready once the problem, at least two proposals and a recommendation are filled in.",
  concernsLabel: "Which objective or KPI does it concern? (optional)",
  seriesLabel: "Which meeting is the item for?",
  noSeries:
    "I don't know your team's meetings yet. Prepare the item in the team's meeting chat (type \"sir\" there), or open the app in the meeting first.",
  errorsHeading: "The item was not saved:",
  save: "Save",
  inputErrors: {
    kind: "Choose Issue, Information or Risk.",
    title: `Enter a title of at most ${SIR_LIMITS.titleMax} characters.`,
    problem: `At most ${SIR_LIMITS.problemMax} characters.`,
    proposal: `At most ${SIR_LIMITS.proposalMax} characters per proposal.`,
    recommendation: `At most ${SIR_LIMITS.recommendationMax} characters.`,
    concerns: `At most ${SIR_LIMITS.concernsMax} characters.`,
    seriesId: "Choose the meeting the item is for.",
    forDate: "Pick a valid date, or leave it empty for the next meeting.",
  },
  preparedBy: "Prepared by",
  status: "Status",
  preparation: "Preparation",
  ready: "Ready",
  missing: (gaps) => `Missing ${gaps.join(", ")}`,
  concerns: "Concerns",
  forDate: (date) => `For the meeting on or after ${date}`,
  meetingDate: "Meeting date",
  noAnswer: "Not answered yet",
  decision: "Decision",
  decidedBy: (name, date) => `Decided by ${name}, ${date}`,
  actions: "Actions",
  noOwner: "no owner yet",
  due: (date) => `due ${date}`,
  meetingsSeen: (n) => (n === 1 ? "On the agenda of 1 meeting" : `On the agenda of ${n} meetings`),
  shortened: "Some of the text is too long for a card and has been shortened here.",
  edit: "Edit",
  withdraw: "Withdraw",
  errorTitle: "That did not work",
  parse: {
    required: (field) => `${field} is missing. Please fill it in.`,
    tooLong: (field, length, max) => `${field} is too long: ${length} characters, at most ${max}. Please shorten it.`,
    invalid: (field) => `${field} has an invalid value. Please fill it in again.`,
    chooseKind: "Type is missing. Choose Issue, Information or Risk.",
    notAForm: "The form did not arrive correctly. Open it again and try once more.",
    staleForm: "The form does not belong to a known item. Open the item again and try once more.",
    notYourForm: "Someone else opened this form, and nothing was saved. Type \"sir\" in the chat to get a form of your own.",
  },
  errors: {
    notFound: "The item was not found. It may have been withdrawn or belong to another team.",
    notAuthor: "Only the person who prepared the item, or the organizer and presenters, can change it.",
    forbidden: "Only the organizer and presenters can do this.",
    closed: "The item is closed and can no longer be changed.",
    noDecision: "Record a decision before marking the item resolved.",
    tooLarge: "The item has become too large to store. Please shorten the text.",
  },
};

export const SIR_TEXT: Readonly<Record<CardLocale, SirText>> = { nb, sv, en };

/** What a refused SIR command means, in the user's language (the domain's own message is English, for logs). */
export function sirErrorText(locale: CardLocale, code: SirErrorCode): string {
  return SIR_TEXT[locale].errors[code];
}
