/** @module The Actions section's texts in bokmål, Swedish and English. Its own file, loaded with the section's lazy chunk, so the panel's first load does not carry them. */
import type { ActionStatus } from "../actions/model.js";
import type { Locale } from "./format.js";

export interface ActionsText {
  readonly toggle: string;
  readonly heading: string;
  readonly loading: string;
  readonly empty: string;
  readonly owners: string;
  readonly due: (day: string) => string;
  readonly noDue: string;
  readonly overdue: (days: number) => string;
  readonly status: Readonly<Record<ActionStatus, string>>;
  readonly fromDecision: string;
  readonly markDone: string;
  readonly markNotDone: string;
  readonly nextWeek: string;
  readonly nextWeekLabel: (title: string) => string;
  readonly markDoneLabel: (title: string) => string;
  readonly markNotDoneLabel: (title: string) => string;
  readonly addHeading: string;
  readonly title: string;
  readonly pickOwners: string;
  readonly dueDate: string;
  readonly add: string;
  readonly added: (title: string) => string;
  readonly changed: (title: string) => string;
  readonly needTitle: string;
  readonly needOwner: string;
  readonly needDue: string;
  readonly retry: string;
  /** What went wrong and what to do next, by the service's refusal code. */
  readonly errors: Readonly<Record<string, string>>;
  readonly genericError: string;
}

const nb: ActionsText = {
  toggle: "Tiltak",
  heading: "Tiltak for serien",
  loading: "Henter tiltakene …",
  empty: "Ingen åpne tiltak. Legg til det første nedenfor.",
  owners: "Ansvarlig",
  due: (day) => `Frist ${day}`,
  noDue: "Ingen frist",
  overdue: (days) => (days === 1 ? "1 dag på overtid" : `${days} dager på overtid`),
  status: { open: "Åpen", inProgress: "Pågår", done: "Utført", blocked: "Blokkert" },
  fromDecision: "Fra SIR-beslutning",
  markDone: "Utført",
  markNotDone: "Ikke utført",
  nextWeek: "Ny frist: +1 uke",
  nextWeekLabel: (title) => `Flytt fristen for «${title}» én uke`,
  markDoneLabel: (title) => `Merk «${title}» som utført`,
  markNotDoneLabel: (title) => `Merk «${title}» som ikke utført`,
  addHeading: "Nytt tiltak",
  title: "Hva skal gjøres?",
  pickOwners: "Ansvarlige (velg blant møtets deltakere)",
  dueDate: "Frist",
  add: "Legg til tiltak",
  added: (title) => `Tiltaket «${title}» er lagt til.`,
  changed: (title) => `«${title}» er oppdatert.`,
  needTitle: "Skriv hva som skal gjøres.",
  needOwner: "Velg minst én ansvarlig.",
  needDue: "Velg en frist.",
  retry: "Prøv igjen",
  errors: {
    notOwner: "Bare de ansvarlige eller møteleder kan endre dette tiltaket. Be en av dem om å gjøre det.",
    forbidden: "Bare møteleder (arrangør eller presentatør) kan gjøre dette.",
    unknownOwner: "En av de ansvarlige er ikke med i møtet. Velg ansvarlige fra listen.",
    dueInPast: "Fristen har allerede vært. Velg i dag eller en senere dato.",
    dueTooFar: "Fristen er mer enn to år fram i tid. Velg en nærmere dato.",
    seriesFull: "Serien har for mange åpne tiltak. Merk noen som utført før du legger til flere.",
    tooMany: "Tiltaket har nådd grensen for deloppgaver eller kommentarer.",
    notFound: "Tiltaket finnes ikke lenger. Oppdater listen.",
    deleted: "Tiltaket er slettet og kan ikke endres.",
    invalidCommand: "Noe i skjemaet er ugyldig. Sjekk tittel, ansvarlige og frist.",
  },
  genericError: "Det gikk ikke. Sjekk forbindelsen og prøv igjen.",
};

const sv: ActionsText = {
  toggle: "Åtgärder",
  heading: "Seriens åtgärder",
  loading: "Hämtar åtgärderna …",
  empty: "Inga öppna åtgärder. Lägg till den första nedan.",
  owners: "Ansvarig",
  due: (day) => `Senast ${day}`,
  noDue: "Inget slutdatum",
  overdue: (days) => (days === 1 ? "1 dag försenad" : `${days} dagar försenad`),
  status: { open: "Öppen", inProgress: "Pågår", done: "Klar", blocked: "Blockerad" },
  fromDecision: "Från SIR-beslut",
  markDone: "Klar",
  markNotDone: "Inte klar",
  nextWeek: "Nytt datum: +1 vecka",
  nextWeekLabel: (title) => `Flytta slutdatumet för ”${title}” en vecka`,
  markDoneLabel: (title) => `Markera ”${title}” som klar`,
  markNotDoneLabel: (title) => `Markera ”${title}” som inte klar`,
  addHeading: "Ny åtgärd",
  title: "Vad ska göras?",
  pickOwners: "Ansvariga (välj bland mötets deltagare)",
  dueDate: "Slutdatum",
  add: "Lägg till åtgärd",
  added: (title) => `Åtgärden ”${title}” har lagts till.`,
  changed: (title) => `”${title}” har uppdaterats.`,
  needTitle: "Skriv vad som ska göras.",
  needOwner: "Välj minst en ansvarig.",
  needDue: "Välj ett slutdatum.",
  retry: "Försök igen",
  errors: {
    notOwner: "Bara de ansvariga eller mötesledaren kan ändra den här åtgärden. Be någon av dem att göra det.",
    forbidden: "Bara mötesledaren (organisatör eller presentatör) kan göra detta.",
    unknownOwner: "En av de ansvariga är inte med i mötet. Välj ansvariga i listan.",
    dueInPast: "Datumet har redan passerat. Välj i dag eller ett senare datum.",
    dueTooFar: "Datumet ligger mer än två år fram. Välj ett närmare datum.",
    seriesFull: "Serien har för många öppna åtgärder. Markera några som klara innan du lägger till fler.",
    tooMany: "Åtgärden har nått gränsen för deluppgifter eller kommentarer.",
    notFound: "Åtgärden finns inte längre. Uppdatera listan.",
    deleted: "Åtgärden är borttagen och kan inte ändras.",
    invalidCommand: "Något i formuläret är ogiltigt. Kontrollera titel, ansvariga och datum.",
  },
  genericError: "Det gick inte. Kontrollera anslutningen och försök igen.",
};

const en: ActionsText = {
  toggle: "Actions",
  heading: "The series' actions",
  loading: "Loading the actions …",
  empty: "No open actions. Add the first one below.",
  owners: "Owner",
  due: (day) => `Due ${day}`,
  noDue: "No due date",
  overdue: (days) => (days === 1 ? "1 day overdue" : `${days} days overdue`),
  status: { open: "Open", inProgress: "In progress", done: "Done", blocked: "Blocked" },
  fromDecision: "From a SIR decision",
  markDone: "Done",
  markNotDone: "Not done",
  nextWeek: "New due date: +1 week",
  nextWeekLabel: (title) => `Move the due date of “${title}” by a week`,
  markDoneLabel: (title) => `Mark “${title}” done`,
  markNotDoneLabel: (title) => `Mark “${title}” not done`,
  addHeading: "New action",
  title: "What needs doing?",
  pickOwners: "Owners (pick from the meeting's people)",
  dueDate: "Due date",
  add: "Add action",
  added: (title) => `The action “${title}” was added.`,
  changed: (title) => `“${title}” was updated.`,
  needTitle: "Write what needs doing.",
  needOwner: "Pick at least one owner.",
  needDue: "Pick a due date.",
  retry: "Try again",
  errors: {
    notOwner: "Only the action's owners or a lead can change it. Ask one of them to.",
    forbidden: "Only a lead (organizer or presenter) can do this.",
    unknownOwner: "One of the owners is not in the meeting. Pick owners from the list.",
    dueInPast: "That due date has passed. Pick today or a later day.",
    dueTooFar: "That due date is more than two years ahead. Pick a nearer day.",
    seriesFull: "The series has too many open actions. Mark some done before adding more.",
    tooMany: "The action has reached its limit of subtasks or comments.",
    notFound: "The action is gone. Refresh the list.",
    deleted: "The action was deleted and can no longer change.",
    invalidCommand: "Something in the form is not valid. Check the title, owners and due date.",
  },
  genericError: "That did not work. Check your connection and try again.",
};

export const ACTIONS_TEXT: Readonly<Record<Locale, ActionsText>> = { nb, sv, en };
