/** @module The priorities round's texts in bokmål, Swedish and English (panel section and chat card). Its own file, loaded with the section's lazy chunk and by the bot, so the panel's first load does not carry them. */
import type { PriorityMark } from "../priorities/model.js";
import type { Locale } from "./format.js";

export interface PrioritiesText {
  readonly heading: string;
  readonly loading: string;
  readonly q1: string;
  readonly q2: string;
  readonly q3: string;
  readonly week: (week: string) => string;
  readonly priority: (n: number) => string;
  readonly result: string;
  readonly why: string;
  readonly mark: string;
  readonly marks: Readonly<Record<PriorityMark, string>>;
  readonly unmarked: string;
  readonly carried: (weeks: number) => string;
  readonly learned: string;
  readonly change: string;
  readonly save: string;
  readonly saved: string;
  readonly addPriority: string;
  readonly remove: (n: number) => string;
  readonly prepared: string;
  readonly notPrepared: string;
  readonly preparedCount: (done: number, all: number) => string;
  readonly members: string;
  readonly nobody: string;
  readonly start: string;
  readonly next: string;
  readonly finish: string;
  readonly speaking: (name: string) => string;
  readonly timeLeft: (clock: string) => string;
  readonly overBy: (clock: string) => string;
  readonly perPerson: (minutes: string) => string;
  readonly yourEntry: string;
  readonly editFor: (name: string) => string;
  readonly nothingYet: string;
  readonly prefilled: (week: string) => string;
  readonly nudgeFew: string;
  readonly nudgeUnmarked: (n: number) => string;
  readonly retry: string;
  /** The chat card's own words. */
  readonly card: {
    readonly title: (week: string) => string;
    readonly intro: string;
    readonly errorsHeading: string;
    readonly savedTitle: string;
    readonly edit: string;
    readonly noIdentity: string;
    readonly inTeamChat: string;
    readonly notAForm: string;
    readonly needText: (n: number) => string;
    readonly tooLong: (field: string, max: number) => string;
    readonly needNext: string;
    readonly badMark: (n: number) => string;
    readonly resultWithoutText: (n: number) => string;
    readonly unavailable: string;
  };
  /** What went wrong and what to do next, by the service's refusal code. */
  readonly errors: Readonly<Record<string, string>>;
  readonly genericError: string;
}

const nb: PrioritiesText = {
  heading: "Prioriteringer",
  loading: "Henter prioriteringene …",
  q1: "1. Forrige ukes prioriteringer og resultatene du oppnådde",
  q2: "2. Neste ukes prioriteringer og hvorfor de er viktige",
  q3: "3. Hva du lærte, og den personlige endringen du vil jobbe med",
  week: (w) => `Uke ${w.slice(-2).replace(/^0/, "")}`,
  priority: (n) => `Prioritering ${n}`,
  result: "Resultat",
  why: "Hvorfor er den viktig?",
  mark: "Status",
  marks: { done: "Gjort", partly: "Delvis", notDone: "Ikke gjort" },
  unmarked: "Ikke markert",
  carried: (w) => (w === 1 ? "Ikke gjort forrige uke" : `Ikke gjort de siste ${w} ukene`),
  learned: "Hva lærte du?",
  change: "Hvilken personlig endring vil du jobbe med?",
  save: "Lagre",
  saved: "Lagret.",
  addPriority: "Legg til prioritering",
  remove: (n) => `Fjern prioritering ${n}`,
  prepared: "Forberedt",
  notPrepared: "Ikke forberedt",
  preparedCount: (d, a) => `${d} av ${a} har forberedt seg`,
  members: "Medlemmer",
  nobody: "Ingen medlemmer ennå.",
  start: "Start runden",
  next: "Neste person",
  finish: "Avslutt runden",
  speaking: (n) => `Nå: ${n}`,
  timeLeft: (c) => `${c} igjen`,
  overBy: (c) => `${c} over tiden`,
  perPerson: (c) => `${c} per person`,
  yourEntry: "Dine prioriteringer",
  editFor: (n) => `Rediger for ${n}`,
  nothingYet: "Har ikke fylt ut ennå.",
  prefilled: (w) => `Forrige ukes plan (${w}) er fylt inn: marker hver av dem.`,
  nudgeFew: "Metoden anbefaler 3–5 prioriteringer.",
  nudgeUnmarked: (n) => (n === 1 ? "Én prioritering er ikke markert." : `${n} prioriteringer er ikke markert.`),
  retry: "Prøv igjen",
  card: {
    title: (w) => `Prioriteringer, uke ${w.slice(-2).replace(/^0/, "")}`,
    intro: "Forbered deg til prioriteringsrunden: 3–5 prioriteringer hver, svar kort.",
    errorsHeading: "Rett dette og lagre igjen:",
    savedTitle: "Prioriteringene dine er lagret",
    edit: "Endre",
    noIdentity: "Teams oppga ikke hvem du er, så jeg kan ikke lagre. Prøv igjen fra Teams.",
    inTeamChat: "Skriv «prioriteringer» i teamets møtechat, så vet jeg hvilken møteserie det gjelder.",
    notAForm: "Dette kortet er utdatert. Skriv «prioriteringer» for å få et nytt.",
    needText: (n) => `Prioritering ${n} har resultat eller begrunnelse, men mangler tekst.`,
    tooLong: (f, m) => `«${f}» kan ha høyst ${m} tegn.`,
    needNext: "Skriv minst én prioritering for neste uke.",
    badMark: (n) => `Velg gjort, delvis eller ikke gjort for prioritering ${n}.`,
    resultWithoutText: (n) => `Forrige ukes prioritering ${n} har resultat, men mangler tekst.`,
    unavailable: "Det gikk ikke å lagre akkurat nå. Prøv igjen om litt.",
  },
  errors: {
    notYours: "Bare medlemmet selv eller en møteleder kan endre disse prioriteringene.",
    forbidden: "Bare en møteleder kan flytte runden videre.",
    unknownMember: "Denne personen er ikke med i runden.",
    weekChanged: "Uka er over. Last inn på nytt for å se prioriteringene for denne uka.",
    stale: "Noen endret prioriteringene mens du skrev. Last inn på nytt og gjør endringen igjen.",
    tooLarge: "Teksten er for lang til å lagres. Forkort den.",
    invalidCommand: "Noe i skjemaet er ikke gyldig. Sjekk tekstene og prøv igjen.",
    teamsUnavailable: "Teams svarer ikke akkurat nå. Prøv igjen om litt.",
    busy: "Mange endringer samtidig. Prøv igjen om litt.",
  },
  genericError: "Noe gikk galt. Prøv igjen om litt.",
};

const sv: PrioritiesText = {
  heading: "Prioriteringar",
  loading: "Hämtar prioriteringarna …",
  q1: "1. Förra veckans prioriteringar och resultaten du nådde",
  q2: "2. Nästa veckas prioriteringar och varför de är viktiga",
  q3: "3. Vad du lärde dig, och den personliga förändring du vill arbeta med",
  week: (w) => `Vecka ${w.slice(-2).replace(/^0/, "")}`,
  priority: (n) => `Prioritering ${n}`,
  result: "Resultat",
  why: "Varför är den viktig?",
  mark: "Status",
  marks: { done: "Klar", partly: "Delvis", notDone: "Inte klar" },
  unmarked: "Inte markerad",
  carried: (w) => (w === 1 ? "Inte klar förra veckan" : `Inte klar de senaste ${w} veckorna`),
  learned: "Vad lärde du dig?",
  change: "Vilken personlig förändring vill du arbeta med?",
  save: "Spara",
  saved: "Sparat.",
  addPriority: "Lägg till prioritering",
  remove: (n) => `Ta bort prioritering ${n}`,
  prepared: "Förberedd",
  notPrepared: "Inte förberedd",
  preparedCount: (d, a) => `${d} av ${a} har förberett sig`,
  members: "Medlemmar",
  nobody: "Inga medlemmar ännu.",
  start: "Starta rundan",
  next: "Nästa person",
  finish: "Avsluta rundan",
  speaking: (n) => `Nu: ${n}`,
  timeLeft: (c) => `${c} kvar`,
  overBy: (c) => `${c} över tiden`,
  perPerson: (c) => `${c} per person`,
  yourEntry: "Dina prioriteringar",
  editFor: (n) => `Redigera för ${n}`,
  nothingYet: "Har inte fyllt i ännu.",
  prefilled: (w) => `Förra veckans plan (${w}) är ifylld: markera var och en.`,
  nudgeFew: "Metoden rekommenderar 3–5 prioriteringar.",
  nudgeUnmarked: (n) => (n === 1 ? "En prioritering är inte markerad." : `${n} prioriteringar är inte markerade.`),
  retry: "Försök igen",
  card: {
    title: (w) => `Prioriteringar, vecka ${w.slice(-2).replace(/^0/, "")}`,
    intro: "Förbered dig inför prioriteringsrundan: 3–5 prioriteringar vardera, svara kort.",
    errorsHeading: "Rätta detta och spara igen:",
    savedTitle: "Dina prioriteringar är sparade",
    edit: "Ändra",
    noIdentity: "Teams angav inte vem du är, så jag kan inte spara. Försök igen från Teams.",
    inTeamChat: "Skriv ”prioriteringar” i teamets möteschatt, så vet jag vilken mötesserie det gäller.",
    notAForm: "Det här kortet är inaktuellt. Skriv ”prioriteringar” för att få ett nytt.",
    needText: (n) => `Prioritering ${n} har resultat eller motivering men saknar text.`,
    tooLong: (f, m) => `”${f}” får ha högst ${m} tecken.`,
    needNext: "Skriv minst en prioritering för nästa vecka.",
    badMark: (n) => `Välj klar, delvis eller inte klar för prioritering ${n}.`,
    resultWithoutText: (n) => `Förra veckans prioritering ${n} har resultat men saknar text.`,
    unavailable: "Det gick inte att spara just nu. Försök igen om en stund.",
  },
  errors: {
    notYours: "Bara medlemmen själv eller en mötesledare kan ändra de här prioriteringarna.",
    forbidden: "Bara en mötesledare kan flytta rundan vidare.",
    unknownMember: "Den här personen är inte med i rundan.",
    weekChanged: "Veckan är slut. Läs in igen för att se den här veckans prioriteringar.",
    stale: "Någon ändrade prioriteringarna medan du skrev. Läs in igen och gör ändringen en gång till.",
    tooLarge: "Texten är för lång för att sparas. Korta ner den.",
    invalidCommand: "Något i formuläret är inte giltigt. Kontrollera texterna och försök igen.",
    teamsUnavailable: "Teams svarar inte just nu. Försök igen om en stund.",
    busy: "Många ändringar samtidigt. Försök igen om en stund.",
  },
  genericError: "Något gick fel. Försök igen om en stund.",
};

const en: PrioritiesText = {
  heading: "Priorities",
  loading: "Loading the priorities …",
  q1: "1. Last week's priorities and the results you achieved",
  q2: "2. Next week's priorities and why they matter",
  q3: "3. What you learned, and the personal change you will work on",
  week: (w) => `Week ${w.slice(-2).replace(/^0/, "")}`,
  priority: (n) => `Priority ${n}`,
  result: "Result",
  why: "Why does it matter?",
  mark: "Status",
  marks: { done: "Done", partly: "Partly", notDone: "Not done" },
  unmarked: "Not marked",
  carried: (w) => (w === 1 ? "Not done last week" : `Not done for the last ${w} weeks`),
  learned: "What did you learn?",
  change: "Which personal change will you work on?",
  save: "Save",
  saved: "Saved.",
  addPriority: "Add a priority",
  remove: (n) => `Remove priority ${n}`,
  prepared: "Prepared",
  notPrepared: "Not prepared",
  preparedCount: (d, a) => `${d} of ${a} have prepared`,
  members: "Members",
  nobody: "No members yet.",
  start: "Start the round",
  next: "Next person",
  finish: "End the round",
  speaking: (n) => `Now: ${n}`,
  timeLeft: (c) => `${c} left`,
  overBy: (c) => `${c} over time`,
  perPerson: (c) => `${c} per person`,
  yourEntry: "Your priorities",
  editFor: (n) => `Edit for ${n}`,
  nothingYet: "Has not filled it in yet.",
  prefilled: (w) => `Last week's plan (${w}) is filled in: mark each of them.`,
  nudgeFew: "The method recommends 3–5 priorities.",
  nudgeUnmarked: (n) => (n === 1 ? "One priority is not marked." : `${n} priorities are not marked.`),
  retry: "Try again",
  card: {
    title: (w) => `Priorities, week ${w.slice(-2).replace(/^0/, "")}`,
    intro: "Prepare for the priorities round: 3–5 priorities each, short answers.",
    errorsHeading: "Fix this and save again:",
    savedTitle: "Your priorities are saved",
    edit: "Change",
    noIdentity: "Teams did not tell me who you are, so I cannot save. Please try again from Teams.",
    inTeamChat: "Type \"priorities\" in the team's meeting chat, so I know which meeting series it is for.",
    notAForm: "This card is out of date. Type \"priorities\" to get a new one.",
    needText: (n) => `Priority ${n} has a result or a reason but no text.`,
    tooLong: (f, m) => `"${f}" can have at most ${m} characters.`,
    needNext: "Write at least one priority for next week.",
    badMark: (n) => `Choose done, partly or not done for priority ${n}.`,
    resultWithoutText: (n) => `Last week's priority ${n} has a result but no text.`,
    unavailable: "Saving did not work just now. Please try again in a moment.",
  },
  errors: {
    notYours: "Only the member or a meeting lead can change these priorities.",
    forbidden: "Only a meeting lead can move the round on.",
    unknownMember: "This person is not part of the round.",
    weekChanged: "The week is over. Reload to see this week's priorities.",
    stale: "Someone changed these priorities while you were writing. Reload and make your change again.",
    tooLarge: "The text is too long to store. Please shorten it.",
    invalidCommand: "Something in the form is not valid. Check the texts and try again.",
    teamsUnavailable: "Teams is not answering just now. Please try again in a moment.",
    busy: "Many changes at once. Please try again in a moment.",
  },
  genericError: "Something went wrong. Please try again in a moment.",
};

export const PRIORITIES_TEXT: Readonly<Record<Locale, PrioritiesText>> = { nb, sv, en };
