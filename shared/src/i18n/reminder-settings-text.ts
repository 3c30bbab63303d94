/** @module The texts of the Actions section's "Reminders" settings in bokmål, Swedish and English (loaded with the section's lazy chunk). */
import type { Locale } from "./format.js";

export interface ReminderSettingsText {
  readonly heading: string;
  readonly loading: string;
  /** The current setting in words (what every participant sees). */
  readonly summary: (daysBefore: number, time: string) => string;
  readonly daysLabel: string;
  readonly daysOption: (n: number) => string;
  readonly timeLabel: string;
  readonly timeHint: (timeZone: string) => string;
  readonly save: string;
  readonly saving: string;
  readonly saved: (summary: string) => string;
  readonly unchanged: string;
  readonly readOnly: string;
  readonly needTime: string;
  readonly retry: string;
  readonly errors: Readonly<Record<string, string>>;
  readonly genericError: string;
}

const nb: ReminderSettingsText = {
  heading: "Påminnelser",
  loading: "Henter innstillingene for påminnelser …",
  summary: (d, t) =>
    d === 0
      ? `De ansvarlige får en påminnelse kl. ${t} når et tiltak har passert fristen.`
      : `De ansvarlige får en påminnelse ${d === 1 ? "1 dag" : `${d} dager`} før fristen kl. ${t}, og når fristen er passert.`,
  daysLabel: "Dager før fristen",
  daysOption: (n) => (n === 0 ? "Av (bare når fristen er passert)" : n === 1 ? "1 dag" : `${n} dager`),
  timeLabel: "Klokkeslett",
  timeHint: (tz) => `Lagets tidssone: ${tz}`,
  save: "Lagre påminnelser",
  saving: "Lagrer …",
  saved: (s) => `Lagret. ${s}`,
  unchanged: "Ingen endring å lagre.",
  readOnly: "Bare møteleder (arrangør eller presentatør) kan endre når påminnelsene sendes.",
  needTime: "Skriv et klokkeslett, for eksempel 09:00.",
  retry: "Prøv igjen",
  errors: {
    invalidSettings: "Velg 0–14 dager og et klokkeslett som 09:00, og lagre på nytt.",
    forbidden: "Bare møteleder (arrangør eller presentatør) kan endre påminnelsene. Be en av dem om å gjøre det.",
    rateLimited: "Du har gjort mange endringer på kort tid. Vent litt og prøv igjen.",
    teamsUnavailable: "Teams svarer ikke akkurat nå. Prøv igjen om et øyeblikk.",
  },
  genericError: "Innstillingene ble ikke lagret. Sjekk forbindelsen og prøv igjen.",
};

const sv: ReminderSettingsText = {
  heading: "Påminnelser",
  loading: "Hämtar inställningarna för påminnelser …",
  summary: (d, t) =>
    d === 0
      ? `De ansvariga får en påminnelse kl. ${t} när en åtgärd har passerat sitt slutdatum.`
      : `De ansvariga får en påminnelse ${d === 1 ? "1 dag" : `${d} dagar`} före slutdatum kl. ${t}, och när slutdatumet har passerats.`,
  daysLabel: "Dagar före slutdatum",
  daysOption: (n) => (n === 0 ? "Av (bara när slutdatumet har passerats)" : n === 1 ? "1 dag" : `${n} dagar`),
  timeLabel: "Klockslag",
  timeHint: (tz) => `Teamets tidszon: ${tz}`,
  save: "Spara påminnelser",
  saving: "Sparar …",
  saved: (s) => `Sparat. ${s}`,
  unchanged: "Ingen ändring att spara.",
  readOnly: "Bara mötesledaren (organisatör eller presentatör) kan ändra när påminnelserna skickas.",
  needTime: "Ange ett klockslag, till exempel 09:00.",
  retry: "Försök igen",
  errors: {
    invalidSettings: "Välj 0–14 dagar och ett klockslag som 09:00, och spara igen.",
    forbidden: "Bara mötesledaren (organisatör eller presentatör) kan ändra påminnelserna. Be någon av dem att göra det.",
    rateLimited: "Du har gjort många ändringar på kort tid. Vänta en stund och försök igen.",
    teamsUnavailable: "Teams svarar inte just nu. Försök igen om en stund.",
  },
  genericError: "Inställningarna sparades inte. Kontrollera anslutningen och försök igen.",
};

const en: ReminderSettingsText = {
  heading: "Reminders",
  loading: "Loading the reminder settings …",
  summary: (d, t) =>
    d === 0
      ? `Owners are reminded at ${t} when an action is overdue.`
      : `Owners are reminded ${d === 1 ? "1 day" : `${d} days`} before the due date at ${t} and when overdue.`,
  daysLabel: "Days before the due date",
  daysOption: (n) => (n === 0 ? "Off (only when overdue)" : n === 1 ? "1 day" : `${n} days`),
  timeLabel: "Time of day",
  timeHint: (tz) => `The team's time zone: ${tz}`,
  save: "Save reminders",
  saving: "Saving …",
  saved: (s) => `Saved. ${s}`,
  unchanged: "Nothing changed to save.",
  readOnly: "Only the organizer or a presenter can change when reminders go out.",
  needTime: "Enter a time of day, for example 09:00.",
  retry: "Try again",
  errors: {
    invalidSettings: "Choose 0–14 days and a time such as 09:00, then save again.",
    forbidden: "Only the organizer or a presenter can change the reminders. Ask one of them to do it.",
    rateLimited: "You made many changes in a short time. Wait a moment and try again.",
    teamsUnavailable: "Teams is not answering right now. Try again in a moment.",
  },
  genericError: "The settings were not saved. Check your connection and try again.",
};

export const REMINDER_SETTINGS_TEXT: Readonly<Record<Locale, ReminderSettingsText>> = { nb, sv, en };
