/**
 * @module The words of the KPI cards (the owner's weekly update form and the bot's reminder) in bokmål, Swedish
 * and English: the method says "nøkkeltall"/"nyckeltal"; statuses carry an icon and a word, never colour alone.
 */
import type { KpiErrorCode } from "../kpi/decide.js";
import type { KpiStatus } from "../kpi/model.js";
import type { CardLocale } from "./locale.js";

/** What can go wrong on the card beyond the board's own refusals. */
export const KPI_CARD_ERROR_CODES = ["notANumber", "tooLarge", "noMetrics", "notAForm"] as const;
export type KpiCardErrorCode = (typeof KPI_CARD_ERROR_CODES)[number];
export type KpiTextErrorCode = KpiErrorCode | KpiCardErrorCode;

/** Shapes that read the same without colour (colour-blind users, high-contrast themes). */
export const KPI_STATUS_ICONS: Readonly<Record<KpiStatus, string>> = { onTrack: "✔", atRisk: "⚠", offTrack: "✖" };

export interface KpiText {
  readonly statuses: Readonly<Record<KpiStatus, string>>;
  readonly updateTitle: (week: number) => string;
  readonly weekOf: (mondayDate: string) => string;
  readonly updateIntro: string;
  readonly target: string;
  readonly lastWeek: string;
  readonly notEntered: string;
  /** After the status, when the owner overrode the computed one. */
  readonly ownJudgement: string;
  readonly save: string;
  readonly saved: string;
  readonly errorsHeading: string;
  readonly noMetricsTitle: string;
  readonly noMetrics: string;
  readonly requestTitle: (week: number) => string;
  readonly requestIntro: string;
  readonly notUpdated: string;
  readonly allUpdated: string;
  readonly andMore: (n: number) => string;
  readonly open: string;
  readonly shortened: string;
  readonly errors: Readonly<Record<KpiTextErrorCode, string>>;
}

const nb: KpiText = {
  statuses: { onTrack: "I rute", atRisk: "I faresonen", offTrack: "Ute av kurs" },
  updateTitle: (week) => `Oppdater nøkkeltallene mine – uke ${week}`,
  weekOf: (date) => `Uka som starter mandag ${date}`,
  updateIntro: "Fyll inn ukens tall før møtet. Felt du lar stå tomme, blir ikke endret.",
  target: "Målverdi",
  lastWeek: "Forrige uke",
  notEntered: "ikke registrert",
  ownJudgement: "din vurdering",
  save: "Lagre",
  saved: "Lagret ✔ Tallene er oppdatert på tavla.",
  errorsHeading: "Noen verdier ble ikke lagret:",
  noMetricsTitle: "Du har ingen nøkkeltall å oppdatere",
  noMetrics:
    "Du er ikke eier av noen KPI-er eller nøkkelresultater på dette teamets tavle. En møteleder tildeler eiere på KPI-tavla i møtepanelet – si fra i neste møte hvis du skal ha ansvar for et tall.",
  requestTitle: (week) => `Oppdatering av nøkkeltall for uke ${week}`,
  requestIntro: "Eierne fyller inn ukens tall før møtet, så tavla er klar når vi starter.",
  notUpdated: "Har ikke oppdatert ennå:",
  allUpdated: "Alle har oppdatert. Takk!",
  andMore: (n) => `og ${n} til`,
  open: "Oppdater nøkkeltallene mine",
  shortened: "Noe tekst er forkortet for at alle tallene skal få plass på kortet.",
  errors: {
    hasKeyResults: "Målet har fortsatt aktive nøkkelresultater. Arkiver dem først.",
    notFound: "Fant ikke nøkkeltallet. Det kan være fjernet eller høre til et annet team.",
    forbidden: "Bare en møteleder (arrangør eller presentatør) kan gjøre dette.",
    notOwner: "Du er ikke eier av dette nøkkeltallet. Bare eieren eller en møteleder kan registrere verdien.",
    archived: "Nøkkeltallet er arkivert og kan ikke oppdateres.",
    futureWeek: "Du kan ikke registrere tall for en uke som ikke har begynt ennå.",
    tooMany: "Tavla har nådd grensen for antall nøkkeltall.",
    invalid: "Verdien er ugyldig. Sjekk den og prøv igjen.",
    notANumber: "Skriv et tall, for eksempel 93,5.",
    tooLarge: "Tallet er for stort. Sjekk at det er skrevet riktig.",
    noMetrics: "Du eier ingen nøkkeltall på dette teamets tavle.",
    notAForm: "Skjemaet kom ikke fram riktig. Åpne det på nytt og prøv igjen.",
  },
};

const sv: KpiText = {
  statuses: { onTrack: "I fas", atRisk: "I riskzonen", offTrack: "Avviker" },
  updateTitle: (week) => `Uppdatera mina nyckeltal – vecka ${week}`,
  weekOf: (date) => `Veckan som börjar måndag ${date}`,
  updateIntro: "Fyll i veckans värden före mötet. Fält som lämnas tomma ändras inte.",
  target: "Målvärde",
  lastWeek: "Förra veckan",
  notEntered: "inte rapporterat",
  ownJudgement: "din bedömning",
  save: "Spara",
  saved: "Sparat ✔ Värdena är uppdaterade på tavlan.",
  errorsHeading: "Vissa värden sparades inte:",
  noMetricsTitle: "Du har inga nyckeltal att uppdatera",
  noMetrics:
    "Du äger inga KPI:er eller nyckelresultat på det här teamets tavla. En mötesledare utser ägare i KPI-tavlan i mötespanelen – säg till på nästa möte om du ska ansvara för ett nyckeltal.",
  requestTitle: (week) => `Uppdatering av nyckeltal för vecka ${week}`,
  requestIntro: "Ägarna fyller i veckans värden före mötet, så att tavlan är klar när vi börjar.",
  notUpdated: "Har inte uppdaterat än:",
  allUpdated: "Alla har uppdaterat. Tack!",
  andMore: (n) => `och ${n} till`,
  open: "Uppdatera mina nyckeltal",
  shortened: "En del text har förkortats för att alla nyckeltal ska få plats på kortet.",
  errors: {
    hasKeyResults: "Målet har fortfarande aktiva nyckelresultat. Arkivera dem först.",
    notFound: "Nyckeltalet hittades inte. Det kan ha tagits bort eller höra till ett annat team.",
    forbidden: "Bara en mötesledare (organisatör eller presentatör) kan göra detta.",
    notOwner: "Du äger inte det här nyckeltalet. Bara ägaren eller en mötesledare kan rapportera värdet.",
    archived: "Nyckeltalet är arkiverat och kan inte uppdateras.",
    futureWeek: "Du kan inte rapportera värden för en vecka som inte har börjat än.",
    tooMany: "Tavlan har nått gränsen för antal nyckeltal.",
    invalid: "Värdet är ogiltigt. Kontrollera det och försök igen.",
    notANumber: "Skriv ett tal, till exempel 93,5.",
    tooLarge: "Talet är för stort. Kontrollera att det är rätt skrivet.",
    noMetrics: "Du äger inga nyckeltal på det här teamets tavla.",
    notAForm: "Formuläret kom inte fram korrekt. Öppna det igen och försök på nytt.",
  },
};

const en: KpiText = {
  statuses: { onTrack: "On track", atRisk: "At risk", offTrack: "Off track" },
  updateTitle: (week) => `Update my KPIs – week ${week}`,
  weekOf: (date) => `The week starting Monday ${date}`,
  updateIntro: "Enter this week's values before the meeting. Fields you leave empty are not changed.",
  target: "Target",
  lastWeek: "Last week",
  notEntered: "not entered",
  ownJudgement: "your assessment",
  save: "Save",
  saved: "Saved ✔ The board shows your new values.",
  errorsHeading: "Some values were not saved:",
  noMetricsTitle: "You have no KPIs to update",
  noMetrics:
    "You don't own any KPIs or key results on this team's board. The meeting lead assigns owners in the KPI board of the meeting panel – say so in the next meeting if a number should be yours.",
  requestTitle: (week) => `KPI update for week ${week}`,
  requestIntro: "Owners enter this week's values before the meeting, so the board is ready when we start.",
  notUpdated: "Not updated yet:",
  allUpdated: "Everyone has updated. Thank you!",
  andMore: (n) => `and ${n} more`,
  open: "Update my KPIs",
  shortened: "Some text has been shortened so that all your KPIs fit on the card.",
  errors: {
    hasKeyResults: "The objective still has active key results. Archive them first.",
    notFound: "The KPI was not found. It may have been removed or belong to another team.",
    forbidden: "Only the meeting lead (organizer or presenter) can do this.",
    notOwner: "You don't own this KPI. Only its owner or the meeting lead can enter its value.",
    archived: "The KPI is archived and can no longer be updated.",
    futureWeek: "You cannot enter values for a week that has not started yet.",
    tooMany: "The board has reached its limit of KPIs.",
    invalid: "The value is not valid. Please check it and try again.",
    notANumber: "Enter a number, for example 93.5.",
    tooLarge: "The number is too large. Please check that it is typed correctly.",
    noMetrics: "You don't own any KPIs on this team's board.",
    notAForm: "The form did not arrive correctly. Open it again and try once more.",
  },
};

export const KPI_TEXT: Readonly<Record<CardLocale, KpiText>> = { nb, sv, en };

/** A refusal (the board's or the card's) in the user's language; the domain's own message is English, for logs. */
export function kpiErrorText(locale: CardLocale, code: KpiTextErrorCode): string {
  return KPI_TEXT[locale].errors[code];
}

/** "⚠ I faresonen": the icon and the word together, so the status never depends on colour. */
export function kpiStatusText(locale: CardLocale, status: KpiStatus): string {
  return `${KPI_STATUS_ICONS[status]} ${KPI_TEXT[locale].statuses[status]}`;
}

const NUMBER_LOCALES: Readonly<Record<CardLocale, string>> = { nb: "nb-NO", sv: "sv-SE", en: "en-GB" };

/** A value as the reader writes numbers: "93,5" in bokmål and Swedish, "93.5" in English. */
export function formatKpiNumber(locale: CardLocale, value: number): string {
  return new Intl.NumberFormat(NUMBER_LOCALES[locale], { maximumFractionDigits: 4 }).format(value);
}
