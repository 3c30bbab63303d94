/** @module The texts of the action reminders in Teams (the owner's 1:1 card and the note to the lead), in bokmål, Swedish and English. */
import type { CardLocale } from "./locale.js";

export interface ReminderText {
  readonly dueSoonTitle: (daysLeft: number) => string;
  readonly overdueTitle: (daysOver: number) => string;
  readonly due: (day: string) => string;
  readonly intro: string;
  readonly markDone: string;
  readonly snooze: string;
  readonly snoozeFor: string;
  readonly snoozeDays: (days: number) => string;
  readonly open: string;
  readonly doneTitle: string;
  readonly doneBody: (who: string) => string;
  readonly snoozedTitle: string;
  readonly snoozedBody: (day: string) => string;
  readonly problemTitle: string;
  /** Why a card action was refused, by code. */
  readonly problems: Readonly<Record<ReminderProblem, string>>;
  readonly unreachableTitle: string;
  readonly unreachableBody: (name: string, title: string) => string;
}

export type ReminderProblem = "badData" | "notFound" | "notOwner" | "deleted" | "noReminder" | "unavailable" | "identity";

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;
const dateFormatters = new Map<CardLocale, Intl.DateTimeFormat>();

/** A YYYY-MM-DD day as the locale writes it ("fredag 12. juni 2026"). */
export function formatDay(day: string, locale: CardLocale): string {
  let f = dateFormatters.get(locale);
  if (!f) {
    f = new Intl.DateTimeFormat(locale === "nb" ? "nb-NO" : locale === "sv" ? "sv-SE" : "en-GB", { weekday: "long", day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
    dateFormatters.set(locale, f);
  }
  return f.format(new Date(`${day}T12:00:00Z`));
}

const nb: ReminderText = {
  dueSoonTitle: (d) => (d <= 0 ? "Påminnelse: tiltaket har frist i dag" : `Påminnelse: tiltaket har frist om ${plural(d, "dag", "dager")}`),
  overdueTitle: (d) => (d <= 1 ? "Tiltaket har passert fristen" : `Tiltaket er ${plural(d, "dag", "dager")} over fristen`),
  due: (day) => `Frist: ${day}`,
  intro: "Du er ansvarlig for dette tiltaket:",
  markDone: "Merk som utført",
  snooze: "Utsett",
  snoozeFor: "Minn meg på igjen om",
  snoozeDays: (d) => plural(d, "dag", "dager"),
  open: "Åpne i møtet",
  doneTitle: "Tiltaket er utført",
  doneBody: (who) => `Merket som utført av ${who}. Du får ingen flere påminnelser om det.`,
  snoozedTitle: "Påminnelsen er utsatt",
  snoozedBody: (day) => `Du får en ny påminnelse ${day}.`,
  problemTitle: "Det gikk ikke",
  problems: {
    badData: "Kortet sendte noe ugyldig. Ingenting er endret.",
    notFound: "Tiltaket finnes ikke i denne serien. Ingenting er endret.",
    notOwner: "Bare tiltakets ansvarlige eller en møteleder kan merke det som utført. Ingenting er endret.",
    deleted: "Tiltaket er slettet. Ingenting er endret.",
    noReminder: "Du har ingen påminnelse om dette tiltaket. Ingenting er endret.",
    unavailable: "Lagringen eller Teams svarer ikke akkurat nå. Prøv igjen om litt.",
    identity: "Teams oppga ikke hvem du er, så ingenting er endret.",
  },
  unreachableTitle: "Påminnelsen kom ikke fram",
  unreachableBody: (name, title) => `Jeg får ikke sendt påminnelser til ${name} (om «${title}»): appen er ikke installert for dem, eller de har forlatt teamet. Be dem åpne appen i Teams, eller gi tiltaket en annen ansvarlig.`,
};

const sv: ReminderText = {
  dueSoonTitle: (d) => (d <= 0 ? "Påminnelse: åtgärden ska vara klar i dag" : `Påminnelse: åtgärden ska vara klar om ${plural(d, "dag", "dagar")}`),
  overdueTitle: (d) => (d <= 1 ? "Åtgärden är försenad" : `Åtgärden är ${plural(d, "dag", "dagar")} försenad`),
  due: (day) => `Klart senast: ${day}`,
  intro: "Du är ansvarig för den här åtgärden:",
  markDone: "Markera som klar",
  snooze: "Skjut upp",
  snoozeFor: "Påminn mig igen om",
  snoozeDays: (d) => plural(d, "dag", "dagar"),
  open: "Öppna i mötet",
  doneTitle: "Åtgärden är klar",
  doneBody: (who) => `Markerad som klar av ${who}. Du får inga fler påminnelser om den.`,
  snoozedTitle: "Påminnelsen är uppskjuten",
  snoozedBody: (day) => `Du får en ny påminnelse ${day}.`,
  problemTitle: "Det gick inte",
  problems: {
    badData: "Kortet skickade något ogiltigt. Inget har ändrats.",
    notFound: "Åtgärden finns inte i den här serien. Inget har ändrats.",
    notOwner: "Bara åtgärdens ansvariga eller en mötesledare kan markera den som klar. Inget har ändrats.",
    deleted: "Åtgärden har tagits bort. Inget har ändrats.",
    noReminder: "Du har ingen påminnelse om den här åtgärden. Inget har ändrats.",
    unavailable: "Lagringen eller Teams svarar inte just nu. Försök igen om en stund.",
    identity: "Teams angav inte vem du är, så inget har ändrats.",
  },
  unreachableTitle: "Påminnelsen kom inte fram",
  unreachableBody: (name, title) => `Jag kan inte skicka påminnelser till ${name} (om ”${title}”): appen är inte installerad för dem, eller så har de lämnat teamet. Be dem öppna appen i Teams, eller ge åtgärden en annan ansvarig.`,
};

const en: ReminderText = {
  dueSoonTitle: (d) => (d <= 0 ? "Reminder: your action is due today" : `Reminder: your action is due in ${plural(d, "day", "days")}`),
  overdueTitle: (d) => (d <= 1 ? "Your action is overdue" : `Your action is ${plural(d, "day", "days")} overdue`),
  due: (day) => `Due: ${day}`,
  intro: "You are an owner of this action:",
  markDone: "Mark done",
  snooze: "Snooze",
  snoozeFor: "Remind me again in",
  snoozeDays: (d) => plural(d, "day", "days"),
  open: "Open in the meeting",
  doneTitle: "The action is done",
  doneBody: (who) => `Marked done by ${who}. You will get no more reminders about it.`,
  snoozedTitle: "Reminder snoozed",
  snoozedBody: (day) => `You will get the next reminder on ${day}.`,
  problemTitle: "That did not work",
  problems: {
    badData: "The card sent something that is not valid. Nothing was changed.",
    notFound: "There is no such action in this series. Nothing was changed.",
    notOwner: "Only the action's owners or a lead can mark it done. Nothing was changed.",
    deleted: "The action was deleted. Nothing was changed.",
    noReminder: "You have no reminder for this action. Nothing was changed.",
    unavailable: "Storage or Teams is not answering right now. Try again in a moment.",
    identity: "Teams did not say who you are, so nothing was changed.",
  },
  unreachableTitle: "A reminder did not get through",
  unreachableBody: (name, title) => `I cannot send reminders to ${name} (about “${title}”): the app is not installed for them, or they left the team. Ask them to open the app in Teams, or give the action another owner.`,
};

export const REMINDER_TEXT: Readonly<Record<CardLocale, ReminderText>> = { nb, sv, en };
