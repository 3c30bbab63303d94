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
  /** The views: this series' actions, or the viewer's own across every meeting. */
  readonly views: string;
  readonly viewSeries: string;
  readonly viewMine: string;
  readonly mineIntro: (n: number) => string;
  readonly mineMore: (shown: number, total: number) => string;
  readonly mineEmpty: string;
  readonly inThisSeries: string;
  readonly inSeries: (name: string) => string;
  readonly inOtherSeries: string;
  readonly overdueMark: string;
  readonly fromSir: (title: string | null) => string;
  readonly fromKpi: (name: string | null) => string;
  readonly fromObjective: (title: string | null) => string;
  readonly details: string;
  readonly closeDetails: string;
  readonly detailsLabel: (title: string) => string;
  readonly statusLabel: string;
  readonly editHeading: string;
  readonly saveEdit: string;
  readonly subtasks: string;
  readonly subtasksDone: (done: number, all: number) => string;
  readonly newSubtask: string;
  readonly addSubtask: string;
  readonly remove: string;
  readonly removeSubtaskLabel: (title: string) => string;
  readonly comments: string;
  readonly noComments: string;
  readonly newComment: string;
  readonly addComment: string;
  readonly commentMeta: (name: string, when: string) => string;
  readonly deleteAction: string;
  readonly confirmDelete: (title: string) => string;
  readonly confirmYes: string;
  readonly cancel: string;
  readonly deletedNotice: (title: string) => string;
  readonly needSubtask: string;
  readonly needComment: string;
  readonly linkedTo: (what: string) => string;
  readonly removeLink: string;
  readonly limitReached: (n: number) => string;
  readonly retry: string;
  /** The "My actions" view's button that fetches the list again (not an error's retry). */
  readonly refreshMine: string;
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
  overdue: (days) => (days === 1 ? "1 dag over fristen" : `${days} dager over fristen`),
  status: { open: "Åpen", inProgress: "Pågår", done: "Utført", blocked: "Blokkert" },
  fromDecision: "Fra SIR-beslutning",
  markDone: "Merk som utført",
  markNotDone: "Merk som ikke utført",
  nextWeek: "Ny frist: +1 uke",
  nextWeekLabel: (title) => `Ny frist: +1 uke for «${title}»`,
  markDoneLabel: (title) => `Merk som utført: «${title}»`,
  markNotDoneLabel: (title) => `Merk som ikke utført: «${title}»`,
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
  views: "Vis tiltak",
  viewSeries: "Denne serien",
  viewMine: "Mine tiltak",
  mineIntro: (n) => (n === 1 ? "Ditt åpne tiltak i alle møter:" : `Dine ${n} åpne tiltak i alle møter:`),
  mineMore: (shown, total) => `Viser de ${shown} første av ${total}.`,
  mineEmpty: "Du har ingen åpne tiltak i noen møter.",
  inThisSeries: "I denne serien",
  inSeries: (name) => `I ${name}`,
  inOtherSeries: "I et annet møte",
  overdueMark: "⚠",
  fromSir: (title) => (title ? `Fra SIR-saken «${title}»` : "Fra en SIR-beslutning"),
  fromKpi: (name) => (name ? `Fra nøkkeltallet «${name}»` : "Fra et nøkkeltall"),
  fromObjective: (title) => (title ? `Fra målet «${title}»` : "Fra et mål"),
  details: "Detaljer",
  closeDetails: "Lukk detaljer",
  detailsLabel: (title) => `Detaljer for «${title}»`,
  statusLabel: "Status",
  editHeading: "Endre tittel og ansvarlige",
  saveEdit: "Lagre endringene",
  subtasks: "Deloppgaver",
  subtasksDone: (done, all) => `${done} av ${all} ferdig`,
  newSubtask: "Ny deloppgave",
  addSubtask: "Legg til deloppgave",
  remove: "Fjern",
  removeSubtaskLabel: (title) => `Fjern deloppgaven «${title}»`,
  comments: "Oppfølging",
  noComments: "Ingen kommentarer ennå.",
  newComment: "Ny kommentar",
  addComment: "Legg til kommentar",
  commentMeta: (name, when) => `${name}, ${when}`,
  deleteAction: "Slett tiltaket",
  confirmDelete: (title) => `Slette «${title}» for godt? Det kan ikke angres.`,
  confirmYes: "Ja, slett",
  cancel: "Avbryt",
  deletedNotice: (title) => `«${title}» er slettet.`,
  needSubtask: "Skriv deloppgaven først.",
  needComment: "Skriv kommentaren først.",
  linkedTo: (what) => `Knyttes til: ${what}`,
  removeLink: "Fjern koblingen",
  limitReached: (n) => `Grensen er ${n}.`,
  retry: "Prøv igjen",
  refreshMine: "Oppdater lista",
  errors: {
    badLimit: "Lista kunne ikke hentes. Last inn panelet på nytt.",
    busy: "Mange endret tiltaket samtidig. Prøv igjen om et øyeblikk.",
    rateLimited: "Du har gjort mange endringer på kort tid. Vent litt og prøv igjen.",
    notOwner: "Bare de ansvarlige eller en møteleder kan endre dette tiltaket. Be en av dem om å gjøre det.",
    forbidden: "Bare en møteleder (arrangør eller presentatør) kan gjøre dette.",
    unknownOwner: "En av de ansvarlige er ikke med i møtet. Velg ansvarlige fra lista.",
    dueInPast: "Fristen er passert. Velg i dag eller en senere dato.",
    dueTooFar: "Fristen er mer enn to år fram i tid. Velg en nærmere dato.",
    seriesFull: "Serien har for mange åpne tiltak. Merk noen som utført før du legger til flere.",
    tooMany: "Tiltaket har nådd grensen for deloppgaver eller kommentarer.",
    notFound: "Tiltaket finnes ikke lenger. Oppdater lista.",
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
  markDone: "Markera som klar",
  markNotDone: "Markera som inte klar",
  nextWeek: "Nytt datum: +1 vecka",
  nextWeekLabel: (title) => `Nytt datum: +1 vecka för ”${title}”`,
  markDoneLabel: (title) => `Markera som klar: ”${title}”`,
  markNotDoneLabel: (title) => `Markera som inte klar: ”${title}”`,
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
  views: "Visa åtgärder",
  viewSeries: "Den här serien",
  viewMine: "Mina åtgärder",
  mineIntro: (n) => (n === 1 ? "Din öppna åtgärd i alla möten:" : `Dina ${n} öppna åtgärder i alla möten:`),
  mineMore: (shown, total) => `Visar de ${shown} första av ${total}.`,
  mineEmpty: "Du har inga öppna åtgärder i något möte.",
  inThisSeries: "I den här serien",
  inSeries: (name) => `I ${name}`,
  inOtherSeries: "I ett annat möte",
  overdueMark: "⚠",
  fromSir: (title) => (title ? `Från SIR-ärendet ”${title}”` : "Från ett SIR-beslut"),
  fromKpi: (name) => (name ? `Från nyckeltalet ”${name}”` : "Från ett nyckeltal"),
  fromObjective: (title) => (title ? `Från målet ”${title}”` : "Från ett mål"),
  details: "Detaljer",
  closeDetails: "Stäng detaljer",
  detailsLabel: (title) => `Detaljer för ”${title}”`,
  statusLabel: "Status",
  editHeading: "Ändra titel och ansvariga",
  saveEdit: "Spara ändringarna",
  subtasks: "Deluppgifter",
  subtasksDone: (done, all) => `${done} av ${all} klara`,
  newSubtask: "Ny deluppgift",
  addSubtask: "Lägg till deluppgift",
  remove: "Ta bort",
  removeSubtaskLabel: (title) => `Ta bort deluppgiften ”${title}”`,
  comments: "Uppföljning",
  noComments: "Inga kommentarer än.",
  newComment: "Ny kommentar",
  addComment: "Lägg till kommentar",
  commentMeta: (name, when) => `${name}, ${when}`,
  deleteAction: "Ta bort åtgärden",
  confirmDelete: (title) => `Ta bort ”${title}” för gott? Det går inte att ångra.`,
  confirmYes: "Ja, ta bort",
  cancel: "Avbryt",
  deletedNotice: (title) => `”${title}” har tagits bort.`,
  needSubtask: "Skriv deluppgiften först.",
  needComment: "Skriv kommentaren först.",
  linkedTo: (what) => `Kopplas till: ${what}`,
  removeLink: "Ta bort kopplingen",
  limitReached: (n) => `Gränsen är ${n}.`,
  retry: "Försök igen",
  refreshMine: "Uppdatera listan",
  errors: {
    badLimit: "Listan kunde inte hämtas. Läs in panelen igen.",
    busy: "Många ändrade åtgärden samtidigt. Försök igen om ett ögonblick.",
    rateLimited: "Du har gjort många ändringar på kort tid. Vänta lite och försök igen.",
    notOwner: "Bara de ansvariga eller en mötesledare kan ändra den här åtgärden. Be någon av dem att göra det.",
    forbidden: "Bara en mötesledare (organisatör eller presentatör) kan göra detta.",
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
  nextWeekLabel: (title) => `New due date: +1 week for “${title}”`,
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
  views: "Show actions",
  viewSeries: "This series",
  viewMine: "My actions",
  mineIntro: (n) => (n === 1 ? "Your open action in every meeting:" : `Your ${n} open actions in every meeting:`),
  mineMore: (shown, total) => `Showing the first ${shown} of ${total}.`,
  mineEmpty: "You have no open actions in any meeting.",
  inThisSeries: "In this series",
  inSeries: (name) => `In ${name}`,
  inOtherSeries: "In another meeting",
  overdueMark: "⚠",
  fromSir: (title) => (title ? `From the SIR item “${title}”` : "From a SIR decision"),
  fromKpi: (name) => (name ? `From the KPI “${name}”` : "From a KPI"),
  fromObjective: (title) => (title ? `From the objective “${title}”` : "From an objective"),
  details: "Details",
  closeDetails: "Close details",
  detailsLabel: (title) => `Details of “${title}”`,
  statusLabel: "Status",
  editHeading: "Change title and owners",
  saveEdit: "Save the changes",
  subtasks: "Subtasks",
  subtasksDone: (done, all) => `${done} of ${all} done`,
  newSubtask: "New subtask",
  addSubtask: "Add subtask",
  remove: "Remove",
  removeSubtaskLabel: (title) => `Remove the subtask “${title}”`,
  comments: "Follow-up",
  noComments: "No comments yet.",
  newComment: "New comment",
  addComment: "Add comment",
  commentMeta: (name, when) => `${name}, ${when}`,
  deleteAction: "Delete the action",
  confirmDelete: (title) => `Delete “${title}” for good? This cannot be undone.`,
  confirmYes: "Yes, delete",
  cancel: "Cancel",
  deletedNotice: (title) => `“${title}” was deleted.`,
  needSubtask: "Write the subtask first.",
  needComment: "Write the comment first.",
  linkedTo: (what) => `Linked to: ${what}`,
  removeLink: "Remove the link",
  limitReached: (n) => `The limit is ${n}.`,
  retry: "Try again",
  refreshMine: "Refresh the list",
  errors: {
    badLimit: "The list could not be loaded. Reload the panel.",
    busy: "Many people changed this action at once. Try again in a moment.",
    rateLimited: "You made many changes in a short time. Wait a little and try again.",
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
