/**
 * @module The two cards the bot posts in the meeting chat when Teams says the meeting started or ended: a short one
 * that opens the side panel, and the lead's "Review and post summary". Pure builders; the links are built by the
 * caller (`meetingPanelLink`) so the cards carry no Teams ids of their own.
 */
import { CARD_SCHEMA, CARD_VERSION, type AdaptiveCard } from "./card-types.js";
import type { CardLocale } from "./locale.js";
import { isAllowedLink } from "./markdown.js";

const TEXT: Record<CardLocale, { startTitle: string; startBody: string; open: string; endTitle: string; endBody: string; review: string }> = {
  nb: {
    startTitle: "Resultatmøtet har startet",
    startBody: "Åpne OKR-panelet i møtet for å følge agendaen, tidsrammene og KPI-tavla.",
    open: "Åpne OKR-panelet",
    endTitle: "Møtet er ferdig",
    endBody: "Arrangør eller presentatør: se over referatet og legg det ut i teamets kanal. Alle kan gi møtet en vurdering (1–10) i panelet.",
    review: "Se over og legg ut referatet",
  },
  sv: {
    startTitle: "Resultatmötet har börjat",
    startBody: "Öppna OKR-panelen i mötet för att följa agendan, tidsramarna och KPI-tavlan.",
    open: "Öppna OKR-panelen",
    endTitle: "Mötet är slut",
    endBody: "Organisatör eller presentatör: gå igenom sammanfattningen och publicera den i teamets kanal. Alla kan betygsätta mötet (1–10) i panelen.",
    review: "Granska och publicera sammanfattningen",
  },
  en: {
    startTitle: "The result meeting has started",
    startBody: "Open the OKR panel in the meeting to follow the agenda, the time boxes and the KPI board.",
    open: "Open the OKR panel",
    endTitle: "The meeting has ended",
    endBody: "Organizer or presenter: review the summary and post it to the team's channel. Everyone can rate the meeting (1–10) in the panel.",
    review: "Review and post summary",
  },
};

/** The card's words, for tests and the local page. */
export const MEETING_CARD_TEXT = TEXT;

/** Which view of the panel a link opens (Teams hands it to the tab as `page.subPageId`). */
export type PanelView = "agenda" | "summary";

/**
 * A Teams deep link to the app's tab in the meeting's chat: `https://teams.microsoft.com/l/entity/<app id>/<entity id>`
 * with `context={"chatId", "contextType": "chat", "subEntityId"}`, the documented form for a meeting's side panel / chat
 * tab. Null without an app id (nothing to link to).
 */
export function meetingPanelLink(options: { readonly teamsAppId: string | null; readonly entityId: string; readonly chatId: string; readonly view: PanelView }): string | null {
  if (!options.teamsAppId) return null;
  const context = JSON.stringify({ chatId: options.chatId, contextType: "chat", subEntityId: options.view });
  const url = `https://teams.microsoft.com/l/entity/${encodeURIComponent(options.teamsAppId)}/${encodeURIComponent(options.entityId)}?label=OKR&context=${encodeURIComponent(context)}`;
  return isAllowedLink(url) ? url : null;
}

function card(title: string, body: string, action: { readonly title: string; readonly url: string | null }): AdaptiveCard {
  return {
    type: "AdaptiveCard",
    $schema: CARD_SCHEMA,
    version: CARD_VERSION,
    body: [
      { type: "TextBlock", text: title, weight: "Bolder", size: "Medium", wrap: true },
      { type: "TextBlock", text: body, wrap: true },
    ],
    ...(action.url ? { actions: [{ type: "Action.OpenUrl", title: action.title, url: action.url }] } : {}),
  };
}

/** Posted when Teams says the meeting started: where the panel is. */
export function meetingStartedCard(locale: CardLocale, panelUrl: string | null): AdaptiveCard {
  const t = TEXT[locale];
  return card(t.startTitle, t.startBody, { title: t.open, url: panelUrl });
}

/** Posted when Teams says the meeting ended: the lead reviews the summary in the panel and posts it. */
export function meetingEndedCard(locale: CardLocale, summaryUrl: string | null): AdaptiveCard {
  const t = TEXT[locale];
  return card(t.endTitle, t.endBody, { title: t.review, url: summaryUrl });
}
