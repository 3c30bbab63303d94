/** @module Good news' texts in bokmål, Swedish and English: the panel section (its lazy chunk), the chat form and the praise card. */
import type { GoodNewsErrorCode } from "../goodnews/decide.js";
import type { GoodNewsKind } from "../goodnews/model.js";
import type { Locale } from "./format.js";

/** Codes the panel and the cards explain: the domain's and the service's. */
export type GoodNewsMessageCode = GoodNewsErrorCode | "invalidCommand" | "notShared" | "noChannel" | "botNotInTeam" | "teamsRateLimited" | "teamsUnavailable" | "postInProgress" | "busy" | "rateLimited" | "notParticipant";

export interface GoodNewsText {
  readonly heading: string;
  readonly loading: string;
  readonly empty: string;
  readonly kinds: Readonly<Record<GoodNewsKind, string>>;
  /** The heading of each group: wins first, then challenges. */
  readonly groups: Readonly<Record<GoodNewsKind, string>>;
  readonly by: (name: string) => string;
  readonly about: (title: string) => string;
  readonly praiseFor: (name: string) => string;
  readonly sharedIn: (channel: string) => string;
  readonly addHeading: string;
  readonly editHeading: string;
  readonly kindLabel: string;
  readonly textLabel: string;
  readonly linkLabel: string;
  readonly noLink: string;
  readonly objectiveGroup: string;
  readonly kpiGroup: string;
  readonly praiseLabel: string;
  readonly praiseHint: string;
  readonly shareLabel: string;
  readonly add: string;
  readonly save: string;
  readonly cancel: string;
  readonly edit: string;
  readonly editLabel: (text: string) => string;
  readonly remove: string;
  readonly removeLabel: (text: string) => string;
  readonly share: string;
  readonly shareItemLabel: (name: string) => string;
  readonly added: string;
  readonly saved: string;
  readonly removed: string;
  readonly posted: (channel: string) => string;
  readonly needText: string;
  readonly needPraiseName: string;
  readonly yours: (n: number, max: number) => string;
  readonly retry: string;
  readonly errors: Readonly<Partial<Record<GoodNewsMessageCode | string, string>>>;
  readonly genericError: string;
  // Chat
  readonly cardTitle: string;
  readonly cardIntro: string;
  readonly cardSubmit: string;
  readonly cardSaved: (kind: string) => string;
  readonly cardAddAnother: string;
  readonly cardNotInMeeting: string;
  readonly cardNoIdentity: string;
  readonly cardNotAForm: string;
  readonly cardBadInput: (problems: string) => string;
  readonly cardUnavailable: string;
  readonly cardNotParticipant: string;
  readonly praiseCardTitle: string;
  readonly praiseCardBody: (author: string, name: string) => string;
}

const nb: GoodNewsText = {
  heading: "Gode nyheter",
  loading: "Henter gode nyheter …",
  empty: "Ingen gode nyheter ennå. Start med en seier!",
  kinds: { win: "Seier", challenge: "Utfordring" },
  groups: { win: "Seire", challenge: "Utfordringer" },
  by: (name) => `fra ${name}`,
  about: (title) => `Om: ${title}`,
  praiseFor: (name) => `Ros til ${name}`,
  sharedIn: (channel) => `Delt i ${channel}`,
  addHeading: "Legg til god nyhet",
  editHeading: "Endre god nyhet",
  kindLabel: "Type",
  textLabel: "Hva skjedde?",
  linkLabel: "Knytt til mål eller KPI",
  noLink: "Ingen kobling",
  objectiveGroup: "Mål",
  kpiGroup: "KPI-er og nøkkelresultater",
  praiseLabel: "Ros til noen utenfor teamet (valgfritt)",
  praiseHint: "Navn på person eller gruppe",
  shareLabel: "Del rosen i teamets kanal",
  add: "Legg til",
  save: "Lagre",
  cancel: "Avbryt",
  edit: "Endre",
  editLabel: (text) => `Endre «${text}»`,
  remove: "Slett",
  removeLabel: (text) => `Slett «${text}»`,
  share: "Del i kanalen",
  shareItemLabel: (name) => `Del rosen til ${name} i kanalen`,
  added: "Lagt til.",
  saved: "Lagret.",
  removed: "Slettet.",
  posted: (channel) => `Rosen er delt i ${channel}.`,
  needText: "Skriv hva som skjedde.",
  needPraiseName: "Skriv hvem rosen er til, eller fjern haken for deling.",
  yours: (n, max) => `Du har ${n} av ${max}.`,
  retry: "Prøv igjen",
  errors: {
    notAuthor: "Bare den som skrev den, eller en møteleder, kan endre den.",
    praiseNotYours: "Bare den som skrev den, velger ros og om den deles. En møteleder kan bare slutte å dele den eller fjerne den.",
    unknownLink: "Målet eller KPI-en finnes ikke lenger på tavla. Velg en annen.",
    authorFull: "Du har nådd grensen for gode nyheter i dette møtet. Endre eller slett en først.",
    meetingFull: "Møtet har nådd grensen for gode nyheter.",
    tooLarge: "Teksten er for lang.",
    deleted: "Den er slettet.",
    notFound: "Den finnes ikke lenger.",
    invalidCommand: "Noe i skjemaet er ikke gyldig. Sjekk teksten og prøv igjen.",
    notShared: "Den som skrev den, har ikke valgt å dele rosen.",
    noChannel: "Ingen kanal er valgt. En møteleder velger teamets kanal i appens innstillinger for møtet; del deretter på nytt.",
    botNotInTeam: "Teams avviste innlegget: appen er ikke lagt til i kanalens team. Legg til appen i teamet og prøv igjen.",
    teamsRateLimited: "Teams begrenser meldinger til kanalen akkurat nå. Vent litt og prøv igjen.",
    teamsUnavailable: "Teams svarte ikke. Prøv igjen om litt.",
    postInProgress: "Rosen deles akkurat nå. Vent noen sekunder.",
    busy: "Mange endringer samtidig. Prøv igjen om litt.",
    rateLimited: "For mange forespørsler. Vent litt og prøv igjen.",
    notParticipant: "Du er ikke deltaker i dette møtet.",
  },
  genericError: "Det gikk ikke. Prøv igjen om litt.",
  cardTitle: "Gode nyheter",
  cardIntro: "Del en seier eller en utfordring før møtet. Start med seirene!",
  cardSubmit: "Lagre",
  cardSaved: (kind) => `${kind} er lagret for møtet.`,
  cardAddAnother: "Legg til én til",
  cardNotInMeeting: "Skriv «godt nytt» i møtets chat, så vet jeg hvilket møte den gode nyheten gjelder.",
  cardNoIdentity: "Teams oppga ikke hvem du er, så jeg kan ikke lagre. Prøv igjen fra Teams.",
  cardNotAForm: "Dette kortet er ikke et skjema jeg kjenner. Skriv «godt nytt» for et nytt skjema.",
  cardBadInput: (problems) => `Sjekk skjemaet: ${problems}`,
  cardUnavailable: "Det gikk ikke å lagre akkurat nå. Prøv igjen om litt.",
  cardNotParticipant: "Du er ikke deltaker i dette møtet, så du kan ikke legge til gode nyheter her.",
  praiseCardTitle: "Ros fra teamet",
  praiseCardBody: (author, name) => `${author} gir ros til ${name}:`,
};

const sv: GoodNewsText = {
  heading: "Goda nyheter",
  loading: "Hämtar goda nyheter …",
  empty: "Inga goda nyheter än. Börja med en framgång!",
  kinds: { win: "Framgång", challenge: "Utmaning" },
  groups: { win: "Framgångar", challenge: "Utmaningar" },
  by: (name) => `från ${name}`,
  about: (title) => `Gäller: ${title}`,
  praiseFor: (name) => `Beröm till ${name}`,
  sharedIn: (channel) => `Delat i ${channel}`,
  addHeading: "Lägg till en god nyhet",
  editHeading: "Ändra god nyhet",
  kindLabel: "Typ",
  textLabel: "Vad hände?",
  linkLabel: "Koppla till mål eller KPI",
  noLink: "Ingen koppling",
  objectiveGroup: "Mål",
  kpiGroup: "KPI:er och nyckelresultat",
  praiseLabel: "Beröm till någon utanför teamet (valfritt)",
  praiseHint: "Namn på person eller grupp",
  shareLabel: "Dela berömmet i teamets kanal",
  add: "Lägg till",
  save: "Spara",
  cancel: "Avbryt",
  edit: "Ändra",
  editLabel: (text) => `Ändra ”${text}”`,
  remove: "Ta bort",
  removeLabel: (text) => `Ta bort ”${text}”`,
  share: "Dela i kanalen",
  shareItemLabel: (name) => `Dela berömmet till ${name} i kanalen`,
  added: "Tillagd.",
  saved: "Sparad.",
  removed: "Borttagen.",
  posted: (channel) => `Berömmet är delat i ${channel}.`,
  needText: "Skriv vad som hände.",
  needPraiseName: "Skriv vem berömmet gäller, eller avmarkera delningen.",
  yours: (n, max) => `Du har ${n} av ${max}.`,
  retry: "Försök igen",
  errors: {
    notAuthor: "Bara den som skrev den, eller en mötesledare, kan ändra den.",
    praiseNotYours: "Bara den som skrev den väljer beröm och om det delas. En mötesledare kan bara sluta dela det eller ta bort det.",
    unknownLink: "Målet eller KPI:n finns inte längre på tavlan. Välj en annan.",
    authorFull: "Du har nått gränsen för goda nyheter i det här mötet. Ändra eller ta bort en först.",
    meetingFull: "Mötet har nått gränsen för goda nyheter.",
    tooLarge: "Texten är för lång.",
    deleted: "Den är borttagen.",
    notFound: "Den finns inte längre.",
    invalidCommand: "Något i formuläret är inte giltigt. Kontrollera texten och försök igen.",
    notShared: "Den som skrev det har inte valt att dela berömmet.",
    noChannel: "Ingen kanal är vald. En mötesledare väljer teamets kanal i appens inställningar för mötet; dela sedan igen.",
    botNotInTeam: "Teams avvisade inlägget: appen är inte tillagd i kanalens team. Lägg till appen i teamet och försök igen.",
    teamsRateLimited: "Teams begränsar meddelanden till kanalen just nu. Vänta en stund och försök igen.",
    teamsUnavailable: "Teams svarade inte. Försök igen om en stund.",
    postInProgress: "Berömmet delas just nu. Vänta några sekunder.",
    busy: "Många ändringar samtidigt. Försök igen om en stund.",
    rateLimited: "För många förfrågningar. Vänta en stund och försök igen.",
    notParticipant: "Du är inte deltagare i det här mötet.",
  },
  genericError: "Det gick inte. Försök igen om en stund.",
  cardTitle: "Goda nyheter",
  cardIntro: "Dela en framgång eller en utmaning före mötet. Börja med framgångarna!",
  cardSubmit: "Spara",
  cardSaved: (kind) => `${kind} är sparad för mötet.`,
  cardAddAnother: "Lägg till en till",
  cardNotInMeeting: "Skriv ”goda nyheter” i mötets chatt, så vet jag vilket möte den goda nyheten gäller.",
  cardNoIdentity: "Teams angav inte vem du är, så jag kan inte spara. Försök igen från Teams.",
  cardNotAForm: "Det här kortet är inte ett formulär jag känner igen. Skriv ”goda nyheter” för ett nytt formulär.",
  cardBadInput: (problems) => `Kontrollera formuläret: ${problems}`,
  cardUnavailable: "Det gick inte att spara just nu. Försök igen om en stund.",
  cardNotParticipant: "Du är inte deltagare i det här mötet, så du kan inte lägga till goda nyheter här.",
  praiseCardTitle: "Beröm från teamet",
  praiseCardBody: (author, name) => `${author} ger beröm till ${name}:`,
};

const en: GoodNewsText = {
  heading: "Good news",
  loading: "Loading the good news …",
  empty: "No good news yet. Start with a win!",
  kinds: { win: "Win", challenge: "Challenge" },
  groups: { win: "Wins", challenge: "Challenges" },
  by: (name) => `from ${name}`,
  about: (title) => `About: ${title}`,
  praiseFor: (name) => `Praise for ${name}`,
  sharedIn: (channel) => `Shared in ${channel}`,
  addHeading: "Add good news",
  editHeading: "Edit good news",
  kindLabel: "Kind",
  textLabel: "What happened?",
  linkLabel: "Tie to an objective or KPI",
  noLink: "Not tied",
  objectiveGroup: "Objectives",
  kpiGroup: "KPIs and key results",
  praiseLabel: "Praise for someone outside the team (optional)",
  praiseHint: "Name of a person or group",
  shareLabel: "Share the praise in the team's channel",
  add: "Add",
  save: "Save",
  cancel: "Cancel",
  edit: "Edit",
  editLabel: (text) => `Edit "${text}"`,
  remove: "Delete",
  removeLabel: (text) => `Delete "${text}"`,
  share: "Share in channel",
  shareItemLabel: (name) => `Share the praise for ${name} in the channel`,
  added: "Added.",
  saved: "Saved.",
  removed: "Deleted.",
  posted: (channel) => `The praise is shared in ${channel}.`,
  needText: "Write what happened.",
  needPraiseName: "Write who the praise is for, or untick sharing.",
  yours: (n, max) => `You have ${n} of ${max}.`,
  retry: "Try again",
  errors: {
    notAuthor: "Only its author or a meeting lead can change it.",
    praiseNotYours: "Only its author chooses praise and whether it is shared. A meeting lead can only stop sharing it or remove it.",
    unknownLink: "That objective or KPI is no longer on the board. Pick another one.",
    authorFull: "You have reached the limit of good news in this meeting. Edit or delete one first.",
    meetingFull: "This meeting has reached its limit of good news.",
    tooLarge: "The text is too long.",
    deleted: "It was deleted.",
    notFound: "It no longer exists.",
    invalidCommand: "Something in the form is not valid. Check the text and try again.",
    notShared: "The author has not chosen to share this praise.",
    noChannel: "No channel is chosen. A meeting lead chooses the team's channel in the app's settings for the meeting; then share again.",
    botNotInTeam: "Teams refused the post: the app is not in the channel's team. Add the app to the team and try again.",
    teamsRateLimited: "Teams is limiting messages to the channel right now. Wait a moment and try again.",
    teamsUnavailable: "Teams did not answer. Try again in a moment.",
    postInProgress: "The praise is being shared right now. Wait a few seconds.",
    busy: "Many changes at once. Try again in a moment.",
    rateLimited: "Too many requests. Wait a moment and try again.",
    notParticipant: "You are not a participant of this meeting.",
  },
  genericError: "That did not work. Try again in a moment.",
  cardTitle: "Good news",
  cardIntro: "Share a win or a challenge before the meeting. Wins first!",
  cardSubmit: "Save",
  cardSaved: (kind) => `${kind} saved for the meeting.`,
  cardAddAnother: "Add another",
  cardNotInMeeting: "Type \"good news\" in the meeting's chat, so I know which meeting the good news is for.",
  cardNoIdentity: "Teams did not tell me who you are, so I cannot save. Please try again from Teams.",
  cardNotAForm: "This card is not a form I know. Type \"good news\" for a new form.",
  cardBadInput: (problems) => `Check the form: ${problems}`,
  cardUnavailable: "Saving did not work just now. Please try again in a moment.",
  cardNotParticipant: "You are not a participant of this meeting, so you cannot add good news here.",
  praiseCardTitle: "Praise from the team",
  praiseCardBody: (author, name) => `${author} praises ${name}:`,
};

export const GOOD_NEWS_TEXT: Readonly<Record<Locale, GoodNewsText>> = { nb, sv, en };

/** A code's text, or the generic one. */
export function goodNewsMessage(t: GoodNewsText, code: string): string {
  return (Object.hasOwn(t.errors, code) ? t.errors[code] : undefined) ?? t.genericError;
}
