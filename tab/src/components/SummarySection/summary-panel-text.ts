/** @module The summary section's own words in bokmål, Swedish and English; they load with the section, not in the first bundle. The card's words are SUMMARY_TEXT. */
import type { Locale } from "../../../../shared/src/i18n/format.js";

export interface SummaryPanelText {
  readonly heading: string;
  readonly intro: string;
  readonly downloadMd: string;
  readonly downloadJson: string;
  readonly refresh: string;
  readonly loading: string;
  readonly failed: (reason: string) => string;
  readonly downloaded: (name: string) => string;
  readonly cardSize: (kb: string, max: string) => string;
}

export const SUMMARY_PANEL_TEXT: Readonly<Record<Locale, SummaryPanelText>> = {
  nb: {
    heading: "Møtereferat",
    intro: "Slik blir referatet på kortet i kanalen. Last ned hele referatet til wikien.",
    downloadMd: "Last ned Markdown",
    downloadJson: "Last ned JSON",
    refresh: "Oppdater",
    loading: "Henter referatet…",
    failed: (reason) => `Referatet kunne ikke hentes: ${reason}`,
    downloaded: (name) => `Lastet ned ${name}`,
    cardSize: (kb, max) => `Kortet i kanalen: ${kb} av ${max} kB`,
  },
  sv: {
    heading: "Mötessammanfattning",
    intro: "Så här blir sammanfattningen på kortet i kanalen. Ladda ner hela sammanfattningen till wikin.",
    downloadMd: "Ladda ner Markdown",
    downloadJson: "Ladda ner JSON",
    refresh: "Uppdatera",
    loading: "Hämtar sammanfattningen…",
    failed: (reason) => `Sammanfattningen kunde inte hämtas: ${reason}`,
    downloaded: (name) => `Nedladdad: ${name}`,
    cardSize: (kb, max) => `Kortet i kanalen: ${kb} av ${max} kB`,
  },
  en: {
    heading: "Meeting summary",
    intro: "This is what the card in the channel will say. Download the full record for the wiki.",
    downloadMd: "Download Markdown",
    downloadJson: "Download JSON",
    refresh: "Refresh",
    loading: "Loading the summary…",
    failed: (reason) => `The summary could not be loaded: ${reason}`,
    downloaded: (name) => `Downloaded ${name}`,
    cardSize: (kb, max) => `Channel card: ${kb} of ${max} KB`,
  },
};
