/** @module The bot's help card: what the app does and where to find it, in the user's language. */
import type { AdaptiveCard } from "./card-types.js";
import type { CardLocale } from "./locale.js";

export type { AdaptiveCard } from "./card-types.js";

const TEXT: Record<CardLocale, { title: string; body: string; panel: string; prepare: string }> = {
  nb: {
    title: "OKR-resultatmøte",
    body: "Jeg hjelper teamet med det ukentlige OKR-resultatmøtet: felles agenda med tidsrammer, felles nedtelling og KPI-tavle i møtets sidepanel.",
    panel: "Åpne appen i møtet (sidepanelet) for å følge agendaen. Arrangør og presentatører styrer møtet.",
    prepare: "Skriv «ny sak» (eller «sir») for å forberede en SIR-sak med metodens tre spørsmål før møtet.",
  },
  sv: {
    title: "OKR-resultatmöte",
    body: "Jag hjälper teamet med det veckovisa OKR-resultatmötet: gemensam agenda med tidsramar, gemensam nedräkning och KPI-tavla i mötets sidopanel.",
    panel: "Öppna appen i mötet (sidopanelen) för att följa agendan. Organisatör och presentatörer styr mötet.",
    prepare: "Skriv ”nytt ärende” (eller ”sir”) för att förbereda ett SIR-ärende med metodens tre frågor före mötet.",
  },
  en: {
    title: "OKR result meeting",
    body: "I help your team run the weekly OKR result meeting: a shared agenda with time boxes, a shared countdown and the KPI board in the meeting's side panel.",
    panel: "Open the app in the meeting (side panel) to follow the agenda. The organizer and presenters drive the meeting.",
    prepare: "Write \"sir\" to prepare a SIR item (issue, information, risk) with the method's three questions before the meeting.",
  },
};

export function helpCard(locale: CardLocale): AdaptiveCard {
  const t = TEXT[locale];
  return {
    type: "AdaptiveCard",
    $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
    version: "1.5",
    body: [
      { type: "TextBlock", text: t.title, weight: "Bolder", size: "Medium", wrap: true },
      { type: "TextBlock", text: t.body, wrap: true },
      { type: "TextBlock", text: t.panel, wrap: true, spacing: "Small" },
      { type: "TextBlock", text: t.prepare, wrap: true, isSubtle: true, spacing: "Small" },
    ],
  };
}
