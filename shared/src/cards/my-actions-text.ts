/** @module The "My actions" chat card's words in bokmål, Swedish and English. */
import type { CardLocale } from "./locale.js";

export interface MyActionsCardText {
  readonly heading: string;
  readonly intro: (n: number) => string;
  readonly empty: string;
  readonly due: (day: string) => string;
  readonly noDue: string;
  readonly overdue: (days: number) => string;
  readonly inSeries: (name: string) => string;
  readonly inProgress: string;
  readonly blocked: string;
  readonly markDone: string;
  readonly refresh: string;
  readonly more: (n: number) => string;
  readonly markedDone: (title: string) => string;
  readonly alreadyDone: (title: string) => string;
  readonly notOwner: (title: string) => string;
  readonly gone: string;
  readonly deleted: string;
  readonly notAnAction: string;
  readonly unavailable: string;
  readonly noIdentity: string;
}

const nb: MyActionsCardText = {
  heading: "Mine tiltak",
  intro: (n) => (n === 1 ? "Du har 1 åpent tiltak." : `Du har ${n} åpne tiltak.`),
  empty: "Du har ingen åpne tiltak. Godt jobbet!",
  due: (day) => `Frist ${day}`,
  noDue: "Ingen frist",
  overdue: (days) => (days === 1 ? "⚠ 1 dag over fristen" : `⚠ ${days} dager over fristen`),
  inSeries: (name) => `I ${name}`,
  inProgress: "Pågår",
  blocked: "Blokkert",
  markDone: "Merk som utført",
  refresh: "Oppdater lista",
  more: (n) => `… og ${n} til. Se alle under «Mine tiltak» i møtepanelet.`,
  markedDone: (title) => `«${title}» er merket utført.`,
  alreadyDone: (title) => `«${title}» var allerede utført.`,
  notOwner: (title) => `Du er ikke ansvarlig for «${title}», så du kan ikke merke det utført. Ingenting er endret.`,
  gone: "Det tiltaket finnes ikke (lenger) i lista di. Ingenting er endret; her er lista slik den er nå.",
  deleted: "Det tiltaket er slettet av en møteleder. Ingenting er endret.",
  notAnAction: "Dette kortet sendte noe jeg ikke forstår. Ingenting er endret; her er lista di.",
  unavailable: "Jeg får ikke hentet eller lagret tiltakene akkurat nå. Prøv igjen om litt.",
  noIdentity: "Teams oppga ikke hvem du er, så jeg kan ikke vise tiltakene dine. Prøv igjen fra Teams.",
};

const sv: MyActionsCardText = {
  heading: "Mina åtgärder",
  intro: (n) => (n === 1 ? "Du har 1 öppen åtgärd." : `Du har ${n} öppna åtgärder.`),
  empty: "Du har inga öppna åtgärder. Bra jobbat!",
  due: (day) => `Senast ${day}`,
  noDue: "Inget slutdatum",
  overdue: (days) => (days === 1 ? "⚠ 1 dag försenad" : `⚠ ${days} dagar försenad`),
  inSeries: (name) => `I ${name}`,
  inProgress: "Pågår",
  blocked: "Blockerad",
  markDone: "Markera som klar",
  refresh: "Uppdatera listan",
  more: (n) => `… och ${n} till. Se alla under ”Mina åtgärder” i mötespanelen.`,
  markedDone: (title) => `”${title}” är markerad som klar.`,
  alreadyDone: (title) => `”${title}” var redan klar.`,
  notOwner: (title) => `Du är inte ansvarig för ”${title}”, så du kan inte markera den som klar. Inget har ändrats.`,
  gone: "Den åtgärden finns inte (längre) i din lista. Inget har ändrats; här är listan som den ser ut nu.",
  deleted: "Den åtgärden har tagits bort av en mötesledare. Inget har ändrats.",
  notAnAction: "Kortet skickade något jag inte förstår. Inget har ändrats; här är din lista.",
  unavailable: "Jag kan inte hämta eller spara åtgärderna just nu. Försök igen om en stund.",
  noIdentity: "Teams angav inte vem du är, så jag kan inte visa dina åtgärder. Försök igen från Teams.",
};

const en: MyActionsCardText = {
  heading: "My actions",
  intro: (n) => (n === 1 ? "You have 1 open action." : `You have ${n} open actions.`),
  empty: "You have no open actions. Well done!",
  due: (day) => `Due ${day}`,
  noDue: "No due date",
  overdue: (days) => (days === 1 ? "⚠ 1 day overdue" : `⚠ ${days} days overdue`),
  inSeries: (name) => `In ${name}`,
  inProgress: "In progress",
  blocked: "Blocked",
  markDone: "Mark done",
  refresh: "Refresh the list",
  more: (n) => `… and ${n} more. See them all under "My actions" in the meeting panel.`,
  markedDone: (title) => `“${title}” is marked done.`,
  alreadyDone: (title) => `“${title}” was done already.`,
  notOwner: (title) => `You are not an owner of “${title}”, so you cannot mark it done. Nothing was changed.`,
  gone: "That action is not (or no longer) in your list. Nothing was changed; here is your list as it is now.",
  deleted: "A lead deleted that action. Nothing was changed.",
  notAnAction: "This card sent something I do not understand. Nothing was changed; here is your list.",
  unavailable: "I cannot read or save your actions just now. Please try again in a moment.",
  noIdentity: "Teams did not tell me who you are, so I cannot show your actions. Please try again from Teams.",
};

export const MY_ACTIONS_CARD_TEXT: Readonly<Record<CardLocale, MyActionsCardText>> = { nb, sv, en };
