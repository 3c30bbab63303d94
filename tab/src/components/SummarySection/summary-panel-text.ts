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
  readonly post: string;
  readonly updatePost: string;
  readonly posting: string;
  readonly posted: (channel: string, when: string) => string;
  readonly updated: (channel: string, when: string) => string;
  /** After a post to a newly chosen channel: the card in the channel chosen before stays as it was. */
  readonly earlierLeft: string;
  readonly postedBy: (name: string, when: string) => string;
  readonly updatedBy: (name: string, when: string) => string;
  /** What to do next, per refusal the post route answers; others go through the panel's error messages. */
  readonly postErrors: Readonly<Record<"noChannel" | "botNotInTeam" | "teamsRateLimited" | "postInProgress" | "teamsUnavailable", string>>;
}

export const SUMMARY_PANEL_TEXT: Readonly<Record<Locale, SummaryPanelText>> = {
  nb: {
    heading: "Møtereferat",
    intro: "Slik blir referatet på kortet i kanalen. Last ned hele referatet til wikien.",
    downloadMd: "Last ned Markdown",
    downloadJson: "Last ned JSON",
    refresh: "Oppdater",
    loading: "Henter referatet …",
    failed: (reason) => `Referatet kunne ikke hentes: ${reason}`,
    downloaded: (name) => `Lastet ned ${name}`,
    cardSize: (kb, max) => `Kortet i kanalen: ${kb} av ${max} kB`,
    post: "Publiser i kanalen",
    updatePost: "Oppdater innlegget",
    posting: "Publiserer i kanalen …",
    posted: (channel, when) => `Publisert i ${channel} kl. ${when}.`,
    updated: (channel, when) => `Innlegget i ${channel} er oppdatert kl. ${when}.`,
    earlierLeft: "Kortet i kanalen som var valgt før, står som det var.",
    postedBy: (name, when) => `Publisert av ${name}, ${when}`,
    updatedBy: (name, when) => `Sist oppdatert av ${name}, ${when}`,
    postErrors: {
      noChannel: "Ingen kanal er valgt for referatet. Åpne appens innstillinger for møtet, velg teamets kanal og lagre, og publiser igjen.",
      botNotInTeam: "Teams avviste innlegget: appen er ikke i teamet. Legg appen til i teamet, og publiser igjen.",
      teamsRateLimited: "Teams begrenser meldinger til kanalen akkurat nå. Vent litt og publiser igjen.",
      postInProgress: "En annen møteleder publiserer referatet akkurat nå. Vent noen sekunder og trykk Oppdater.",
      teamsUnavailable: "Teams svarte ikke. Prøv igjen om litt.",
    },
  },
  sv: {
    heading: "Mötessammanfattning",
    intro: "Så här blir sammanfattningen på kortet i kanalen. Ladda ner hela sammanfattningen till wikin.",
    downloadMd: "Ladda ner Markdown",
    downloadJson: "Ladda ner JSON",
    refresh: "Uppdatera",
    loading: "Hämtar sammanfattningen …",
    failed: (reason) => `Sammanfattningen kunde inte hämtas: ${reason}`,
    downloaded: (name) => `Nedladdad: ${name}`,
    cardSize: (kb, max) => `Kortet i kanalen: ${kb} av ${max} kB`,
    post: "Publicera i kanalen",
    updatePost: "Uppdatera inlägget",
    posting: "Publicerar i kanalen …",
    posted: (channel, when) => `Publicerad i ${channel} kl. ${when}.`,
    updated: (channel, when) => `Inlägget i ${channel} uppdaterades kl. ${when}.`,
    earlierLeft: "Kortet i kanalen som var vald tidigare ligger kvar som det var.",
    postedBy: (name, when) => `Publicerad av ${name}, ${when}`,
    updatedBy: (name, when) => `Senast uppdaterad av ${name}, ${when}`,
    postErrors: {
      noChannel: "Ingen kanal är vald för sammanfattningen. Öppna appens inställningar för mötet, välj teamets kanal och spara, och publicera igen.",
      botNotInTeam: "Teams avvisade inlägget: appen finns inte i teamet. Lägg till appen i teamet och publicera igen.",
      teamsRateLimited: "Teams begränsar meddelanden till kanalen just nu. Vänta en stund och publicera igen.",
      postInProgress: "En annan mötesledare publicerar sammanfattningen just nu. Vänta några sekunder och tryck Uppdatera.",
      teamsUnavailable: "Teams svarade inte. Försök igen om en stund.",
    },
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
    post: "Post to channel",
    updatePost: "Update the post",
    posting: "Posting to the channel…",
    posted: (channel, when) => `Posted to ${channel} at ${when}.`,
    updated: (channel, when) => `The post in ${channel} was updated at ${when}.`,
    earlierLeft: "The card in the channel chosen before stays as it was.",
    postedBy: (name, when) => `Posted by ${name}, ${when}`,
    updatedBy: (name, when) => `Last updated by ${name}, ${when}`,
    postErrors: {
      noChannel: "No channel is chosen for the summary. Open the app's settings for this meeting, choose the team's channel and save, then post again.",
      botNotInTeam: "Teams refused the post: the app is not in the team. Add the app to the team, then post again.",
      teamsRateLimited: "Teams is limiting messages to the channel right now. Wait a moment and post again.",
      postInProgress: "Another lead is posting the summary right now. Wait a few seconds and press Refresh.",
      teamsUnavailable: "Teams did not answer. Try again in a moment.",
    },
  },
};
