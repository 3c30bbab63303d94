/** @module The rating and history section's words, nb/sv/en (loaded with the section). */
import type { Locale } from "../../../../shared/src/i18n/format.js";

export interface ReviewText {
  readonly rateHeading: string;
  readonly notOpen: string;
  readonly score: (n: number) => string;
  readonly comment: string;
  readonly save: string;
  readonly saved: (n: number) => string;
  readonly summary: (count: number, average: number | null) => string;
  readonly historyHeading: string;
  readonly noHistory: string;
  readonly entry: (date: string, count: number, average: number | null, decisions: number) => string;
  readonly failed: string;
  /** The history's download buttons: the visible word, and the label that names the meeting. */
  readonly downloadMd: string;
  readonly downloadJson: string;
  readonly downloadLabel: (date: string, format: "Markdown" | "JSON") => string;
  readonly downloaded: (filename: string) => string;
  readonly downloadFailed: string;
}

const avg = (a: number | null, sep: string) => (a === null ? "–" : String(a).replace(".", sep));

export const REVIEW_TEXT: Readonly<Record<Locale, ReviewText>> = {
  nb: {
    rateHeading: "Gi møtet en vurdering (1–10)",
    notOpen: "Du kan vurdere møtet når det har startet.",
    score: (n) => `Vurdering ${n} av 10`,
    comment: "Kommentar (valgfritt)",
    save: "Lagre vurdering",
    saved: (n) => `Din vurdering: ${n} av 10.`,
    summary: (c, a) => (c === 0 ? "Ingen har vurdert møtet ennå." : `${c} har vurdert, snitt ${avg(a, ",")} av 10.`),
    historyHeading: "Tidligere møter",
    noHistory: "Ingen møter i serien har startet ennå.",
    entry: (d, c, a, dec) => `${d}: vurdering ${c === 0 ? "–" : avg(a, ",")} (${c}), ${dec} beslutninger`,
    failed: "Kunne ikke hente eller lagre. Prøv igjen.",
    downloadMd: "Markdown",
    downloadJson: "JSON",
    downloadLabel: (d, f) => `Last ned referatet fra ${d} som ${f}`,
    downloaded: (name) => `Lastet ned ${name}`,
    downloadFailed: "Kunne ikke laste ned referatet. Prøv igjen.",
  },
  sv: {
    rateHeading: "Betygsätt mötet (1–10)",
    notOpen: "Du kan betygsätta mötet när det har börjat.",
    score: (n) => `Betyg ${n} av 10`,
    comment: "Kommentar (valfritt)",
    save: "Spara betyg",
    saved: (n) => `Ditt betyg: ${n} av 10.`,
    summary: (c, a) => (c === 0 ? "Ingen har betygsatt mötet än." : `${c} har betygsatt, snitt ${avg(a, ",")} av 10.`),
    historyHeading: "Tidigare möten",
    noHistory: "Inga möten i serien har börjat än.",
    entry: (d, c, a, dec) => `${d}: betyg ${c === 0 ? "–" : avg(a, ",")} (${c}), ${dec} beslut`,
    failed: "Kunde inte hämta eller spara. Försök igen.",
    downloadMd: "Markdown",
    downloadJson: "JSON",
    downloadLabel: (d, f) => `Ladda ner sammanfattningen från ${d} som ${f}`,
    downloaded: (name) => `Nedladdad: ${name}`,
    downloadFailed: "Kunde inte ladda ner sammanfattningen. Försök igen.",
  },
  en: {
    rateHeading: "Rate the meeting (1–10)",
    notOpen: "You can rate the meeting once it has started.",
    score: (n) => `Rating ${n} of 10`,
    comment: "Comment (optional)",
    save: "Save rating",
    saved: (n) => `Your rating: ${n} of 10.`,
    summary: (c, a) => (c === 0 ? "Nobody has rated the meeting yet." : `${c} rated, average ${avg(a, ".")} of 10.`),
    historyHeading: "Past meetings",
    noHistory: "No meeting of the series has started yet.",
    entry: (d, c, a, dec) => `${d}: rating ${c === 0 ? "–" : avg(a, ".")} (${c}), ${dec} decisions`,
    failed: "Could not load or save. Try again.",
    downloadMd: "Markdown",
    downloadJson: "JSON",
    downloadLabel: (d, f) => `Download the record of ${d} as ${f}`,
    downloaded: (name) => `Downloaded ${name}`,
    downloadFailed: "Could not download the record. Try again.",
  },
};
