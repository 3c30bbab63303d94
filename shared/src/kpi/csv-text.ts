/** @module The CSV import's error messages in bokmål, Swedish and English: the lead reads them in the panel, in their language. Column names stay as the file writes them. */
import type { Locale } from "../i18n/format.js";

export interface CsvText {
  readonly line: (line: number, message: string) => string;
  readonly unclosedQuote: string;
  readonly outOfRange: (what: string, max: number, raw: string) => string;
  readonly notANumber: (what: string, example: string, raw: string) => string;
  readonly column: (name: string) => string;
  readonly weekValue: (week: string) => string;
  readonly fileTooLarge: (kib: number, maxKib: number) => string;
  readonly empty: (header: string) => string;
  readonly tooManyRows: (rows: number, max: number) => string;
  readonly headerStart: (columns: string, index: number, got: string, expected: string) => string;
  readonly tooManyWeeks: (n: number, max: number) => string;
  readonly weekColumn: (index: number, cell: string) => string;
  readonly weekOrder: (week: string, previous: string) => string;
  readonly futureWeeks: (weeks: readonly string[], currentWeek: string) => string;
  readonly cellTooLong: (index: number, length: number, max: number) => string;
  readonly rowTooWide: (cells: number, columns: number) => string;
  readonly badType: (raw: string) => string;
  readonly unknownOwner: (name: string) => string;
  readonly ambiguousOwner: (n: number, name: string) => string;
  /** A rule of the board's own schema, broken in `column` (the schema's own words are English: nb and sv say it themselves). */
  readonly invalidField: (column: string, issue: SchemaIssue) => string;
  readonly duplicateObjective: (title: string, line: number) => string;
  readonly objectiveMetricColumns: (columns: readonly string[]) => string;
  readonly objectiveValues: string;
  readonly duplicateMetric: (name: string, line: number) => string;
  readonly kpiWithObjective: string;
  readonly keyResultNeedsObjective: string;
  readonly noSuchObjective: (title: string) => string;
  readonly badDirection: (raw: string) => string;
  readonly targetRequired: string;
  readonly fromToOnlyObjectives: string;
  readonly activeObjectives: (n: number, max: number) => string;
  readonly allObjectives: (n: number, max: number) => string;
  readonly activeMetrics: (n: number, max: number) => string;
  readonly allMetrics: (n: number, max: number) => string;
  readonly tooManyValues: (max: number) => string;
}

/** What the board's zod schema said about a field. */
export interface SchemaIssue {
  readonly code: string;
  readonly message: string;
  readonly maximum?: number | bigint;
  readonly minimum?: number | bigint;
  readonly origin?: string;
}

/** The issue in words of a language other than the schema's English. */
function issueIn(words: { tooLong: (n: string) => string; tooBig: (n: string) => string; required: string; tooSmall: (n: string) => string; week: string; invalid: string }, issue: SchemaIssue): string {
  const n = (v: number | bigint | undefined) => String(v ?? "");
  if (issue.code === "too_big") return issue.origin === "string" ? words.tooLong(n(issue.maximum)) : words.tooBig(n(issue.maximum));
  if (issue.code === "too_small") return issue.origin === "string" ? words.required : words.tooSmall(n(issue.minimum));
  if (/ISO week/.test(issue.message)) return words.week;
  return words.invalid;
}

const quoted = (columns: readonly string[]) => columns.map((c) => `'${c}'`).join(", ");
const firstWeeks = (weeks: readonly string[], and: string) => (weeks.length > 3 ? `${weeks.slice(0, 3).join(", ")} ${and} ${weeks.length - 3}` : weeks.join(", "));

const en: CsvText = {
  line: (line, message) => `Line ${line}: ${message}`,
  unclosedQuote: 'a quoted field starting here is never closed; add the closing " (write "" for a quote inside a field).',
  outOfRange: (what, max, raw) => `${what} must be between -${max} and ${max}, not '${raw}'.`,
  notANumber: (what, example, raw) => `${what} must be a number such as ${example}, not '${raw}'.`,
  column: (name) => `'${name}'`,
  weekValue: (week) => `the value for ${week}`,
  fileTooLarge: (kib, maxKib) => `the file is ${kib} KiB; at most ${maxKib} KiB can be imported. Split it into smaller files.`,
  empty: (header) => `the file is empty; the first line must be the header ${header} followed by week columns such as 2026-W05.`,
  tooManyRows: (rows, max) => `the file has ${rows} rows; at most ${max} can be imported at once.`,
  headerStart: (columns, index, got, expected) => `the header must start with ${columns}; column ${index} is '${got}' but should be '${expected}'.`,
  tooManyWeeks: (n, max) => `the file has ${n} week columns; at most ${max} can be imported at once.`,
  weekColumn: (index, cell) => `column ${index} must be an ISO week such as 2026-W05, not '${cell}'.`,
  weekOrder: (week, previous) => `week ${week} comes after ${previous}; week columns must be in order, each week once.`,
  futureWeeks: (weeks, currentWeek) =>
    `${weeks.length > 3 ? `${weeks.slice(0, 3).join(", ")} and ${weeks.length - 3} more` : weeks.join(", ")} ${weeks.length === 1 ? "has" : "have"} not started yet (it is ${currentWeek}); values for future weeks are refused, so remove those columns.`,
  cellTooLong: (index, length, max) => `column ${index} has ${length} characters; a cell may have at most ${max}.`,
  rowTooWide: (cells, columns) => `the row has ${cells} cells but the header only ${columns} columns; add a week to the header or remove the extra cells.`,
  badType: (raw) => `'type' must be objective, kpi or keyResult, not '${raw}'.`,
  unknownOwner: (name) => `nobody called '${name}' is known on this board; use the name as Teams shows it, or leave owner empty.`,
  ambiguousOwner: (n, name) => `${n} people are called '${name}' on this board; leave owner empty here and pick the owner in the panel.`,
  invalidField: (column, issue) => `${column}: ${issue.message}`,
  duplicateObjective: (title, line) => `the objective '${title}' is already on line ${line}; keep one row for it.`,
  objectiveMetricColumns: (columns) => `an objective row has no ${quoted(columns)}; leave ${columns.length === 1 ? "it" : "them"} empty and put the numbers on its keyResult rows.`,
  objectiveValues: "an objective has no weekly values; leave its week cells empty and enter the values on its keyResult rows.",
  duplicateMetric: (name, line) => `'${name}' is already on line ${line}; two KPIs or key results cannot share a name.`,
  kpiWithObjective: "a KPI belongs to no objective; leave 'objective' empty, or make the row a keyResult.",
  keyResultNeedsObjective: "a key result needs its objective; write the objective's title in 'objective'.",
  noSuchObjective: (title) => `there is no objective '${title}' in this file or on the board; add an objective row with that name.`,
  badDirection: (raw) => `'direction' must be higher, lower or range, not '${raw}'.`,
  targetRequired: "'target' is required: the number to reach (the lower bound for a range).",
  fromToOnlyObjectives: "only objective rows have 'from' and 'to'; leave them empty here (a key result runs for its objective's weeks).",
  activeObjectives: (n, max) => `after this import the board would have ${n} active objectives; at most ${max} are allowed.`,
  allObjectives: (n, max) => `after this import the board would hold ${n} objectives, archived ones included; at most ${max} are allowed.`,
  activeMetrics: (n, max) => `after this import the board would have ${n} active KPIs and key results; at most ${max} are allowed.`,
  allMetrics: (n, max) => `after this import the board would hold ${n} KPIs and key results, archived ones included; at most ${max} are allowed.`,
  tooManyValues: (max) => `the file writes more than ${max} weekly values; split it into files of fewer weeks.`,
};

const nb: CsvText = {
  line: (line, message) => `Linje ${line}: ${message}`,
  unclosedQuote: 'et felt i anførselstegn starter her, men lukkes aldri; legg til det avsluttende " (skriv "" for et anførselstegn inne i et felt).',
  outOfRange: (what, max, raw) => `${what} må være mellom -${max} og ${max}, ikke «${raw}».`,
  notANumber: (what, example, raw) => `${what} må være et tall, for eksempel ${example}, ikke «${raw}».`,
  column: (name) => `«${name}»`,
  weekValue: (week) => `verdien for ${week}`,
  fileTooLarge: (kib, maxKib) => `fila er ${kib} KiB; du kan importere høyst ${maxKib} KiB. Del den opp i mindre filer.`,
  empty: (header) => `fila er tom; første linje må være overskriften ${header} fulgt av ukekolonner som 2026-W05.`,
  tooManyRows: (rows, max) => `fila har ${rows} rader; du kan importere høyst ${max} om gangen.`,
  headerStart: (columns, index, got, expected) => `overskriften må begynne med ${columns}; kolonne ${index} er «${got}», men skal være «${expected}».`,
  tooManyWeeks: (n, max) => `fila har ${n} ukekolonner; du kan importere høyst ${max} om gangen.`,
  weekColumn: (index, cell) => `kolonne ${index} må være en ISO-uke som 2026-W05, ikke «${cell}».`,
  weekOrder: (week, previous) => `uke ${week} kommer etter ${previous}; ukekolonnene må stå i rekkefølge, hver uke én gang.`,
  futureWeeks: (weeks, currentWeek) =>
    `${firstWeeks(weeks, "og")}${weeks.length > 3 ? " til" : ""} har ikke begynt ennå (nå er det ${currentWeek}); verdier for framtidige uker avvises, så fjern de kolonnene.`,
  cellTooLong: (index, length, max) => `kolonne ${index} har ${length} tegn; en celle kan ha høyst ${max}.`,
  rowTooWide: (cells, columns) => `raden har ${cells} celler, men overskriften bare ${columns} kolonner; legg til en uke i overskriften eller fjern de ekstra cellene.`,
  badType: (raw) => `«type» må være objective, kpi eller keyResult, ikke «${raw}».`,
  unknownOwner: (name) => `ingen på denne tavla heter «${name}»; bruk navnet slik Teams viser det, eller la «owner» stå tom.`,
  ambiguousOwner: (n, name) => `${n} personer heter «${name}» på denne tavla; la «owner» stå tom her og velg eieren i panelet.`,
  invalidField: (column, issue) =>
    `«${column}» ${issueIn({ tooLong: (n) => `kan ha høyst ${n} tegn`, tooBig: (n) => `kan være høyst ${n}`, required: "må fylles ut", tooSmall: (n) => `må være minst ${n}`, week: "må være en ISO-uke som 2026-W05", invalid: "har en ugyldig verdi" }, issue)}.`,
  duplicateObjective: (title, line) => `målet «${title}» står allerede på linje ${line}; behold én rad for det.`,
  objectiveMetricColumns: (columns) => `en målrad skal ikke ha ${columns.map((c) => `«${c}»`).join(", ")}; la ${columns.length === 1 ? "den" : "dem"} stå tom${columns.length === 1 ? "" : "me"} og før tallene på nøkkelresultatradene (keyResult).`,
  objectiveValues: "et mål har ingen ukeverdier; la ukecellene stå tomme og før verdiene på nøkkelresultatradene (keyResult).",
  duplicateMetric: (name, line) => `«${name}» står allerede på linje ${line}; to nøkkeltall eller nøkkelresultater kan ikke ha samme navn.`,
  kpiWithObjective: "et nøkkeltall (kpi) hører ikke til noe mål; la «objective» stå tom, eller gjør raden til et keyResult.",
  keyResultNeedsObjective: "et nøkkelresultat trenger målet sitt; skriv målets navn i «objective».",
  noSuchObjective: (title) => `det finnes ikke noe mål «${title}» i fila eller på tavla; legg til en målrad (objective) med det navnet.`,
  badDirection: (raw) => `«direction» må være higher, lower eller range, ikke «${raw}».`,
  targetRequired: "«target» må fylles ut: tallet som skal nås (nedre grense for et intervall).",
  fromToOnlyObjectives: "bare målrader har «from» og «to»; la dem stå tomme her (et nøkkelresultat gjelder ukene til målet sitt).",
  activeObjectives: (n, max) => `etter denne importen ville tavla ha ${n} aktive mål; høyst ${max} er tillatt.`,
  allObjectives: (n, max) => `etter denne importen ville tavla ha ${n} mål, arkiverte medregnet; høyst ${max} er tillatt.`,
  activeMetrics: (n, max) => `etter denne importen ville tavla ha ${n} aktive nøkkeltall og nøkkelresultater; høyst ${max} er tillatt.`,
  allMetrics: (n, max) => `etter denne importen ville tavla ha ${n} nøkkeltall og nøkkelresultater, arkiverte medregnet; høyst ${max} er tillatt.`,
  tooManyValues: (max) => `fila skriver mer enn ${max} ukeverdier; del den opp i filer med færre uker.`,
};

const sv: CsvText = {
  line: (line, message) => `Rad ${line}: ${message}`,
  unclosedQuote: 'ett fält inom citattecken börjar här men avslutas aldrig; lägg till det avslutande " (skriv "" för ett citattecken inuti ett fält).',
  outOfRange: (what, max, raw) => `${what} måste vara mellan -${max} och ${max}, inte ”${raw}”.`,
  notANumber: (what, example, raw) => `${what} måste vara ett tal, till exempel ${example}, inte ”${raw}”.`,
  column: (name) => `”${name}”`,
  weekValue: (week) => `värdet för ${week}`,
  fileTooLarge: (kib, maxKib) => `filen är ${kib} KiB; högst ${maxKib} KiB kan importeras. Dela upp den i mindre filer.`,
  empty: (header) => `filen är tom; första raden måste vara rubriken ${header} följd av veckokolumner som 2026-W05.`,
  tooManyRows: (rows, max) => `filen har ${rows} rader; högst ${max} kan importeras åt gången.`,
  headerStart: (columns, index, got, expected) => `rubriken måste börja med ${columns}; kolumn ${index} är ”${got}” men ska vara ”${expected}”.`,
  tooManyWeeks: (n, max) => `filen har ${n} veckokolumner; högst ${max} kan importeras åt gången.`,
  weekColumn: (index, cell) => `kolumn ${index} måste vara en ISO-vecka som 2026-W05, inte ”${cell}”.`,
  weekOrder: (week, previous) => `vecka ${week} kommer efter ${previous}; veckokolumnerna måste stå i ordning, varje vecka en gång.`,
  futureWeeks: (weeks, currentWeek) =>
    `${firstWeeks(weeks, "och")}${weeks.length > 3 ? " till" : ""} har inte börjat än (nu är det ${currentWeek}); värden för kommande veckor avvisas, så ta bort de kolumnerna.`,
  cellTooLong: (index, length, max) => `kolumn ${index} har ${length} tecken; en cell får ha högst ${max}.`,
  rowTooWide: (cells, columns) => `raden har ${cells} celler men rubriken bara ${columns} kolumner; lägg till en vecka i rubriken eller ta bort de extra cellerna.`,
  badType: (raw) => `”type” måste vara objective, kpi eller keyResult, inte ”${raw}”.`,
  unknownOwner: (name) => `ingen på den här tavlan heter ”${name}”; använd namnet som Teams visar det, eller lämna ”owner” tomt.`,
  ambiguousOwner: (n, name) => `${n} personer heter ”${name}” på den här tavlan; lämna ”owner” tomt här och välj ägaren i panelen.`,
  invalidField: (column, issue) =>
    `”${column}” ${issueIn({ tooLong: (n) => `får ha högst ${n} tecken`, tooBig: (n) => `får vara högst ${n}`, required: "måste fyllas i", tooSmall: (n) => `måste vara minst ${n}`, week: "måste vara en ISO-vecka som 2026-W05", invalid: "har ett ogiltigt värde" }, issue)}.`,
  duplicateObjective: (title, line) => `målet ”${title}” finns redan på rad ${line}; behåll en rad för det.`,
  objectiveMetricColumns: (columns) => `en målrad ska inte ha ${columns.map((c) => `”${c}”`).join(", ")}; lämna ${columns.length === 1 ? "den" : "dem"} tom${columns.length === 1 ? "" : "ma"} och för in värdena på nyckelresultatraderna (keyResult).`,
  objectiveValues: "ett mål har inga veckovärden; lämna veckocellerna tomma och för in värdena på nyckelresultatraderna (keyResult).",
  duplicateMetric: (name, line) => `”${name}” finns redan på rad ${line}; två nyckeltal eller nyckelresultat kan inte ha samma namn.`,
  kpiWithObjective: "ett nyckeltal (kpi) hör inte till något mål; lämna ”objective” tomt, eller gör raden till ett keyResult.",
  keyResultNeedsObjective: "ett nyckelresultat behöver sitt mål; skriv målets namn i ”objective”.",
  noSuchObjective: (title) => `det finns inget mål ”${title}” i filen eller på tavlan; lägg till en målrad (objective) med det namnet.`,
  badDirection: (raw) => `”direction” måste vara higher, lower eller range, inte ”${raw}”.`,
  targetRequired: "”target” måste fyllas i: talet som ska nås (nedre gränsen för ett intervall).",
  fromToOnlyObjectives: "bara målrader har ”from” och ”to”; lämna dem tomma här (ett nyckelresultat gäller sitt måls veckor).",
  activeObjectives: (n, max) => `efter den här importen skulle tavlan ha ${n} aktiva mål; högst ${max} är tillåtna.`,
  allObjectives: (n, max) => `efter den här importen skulle tavlan ha ${n} mål, arkiverade medräknade; högst ${max} är tillåtna.`,
  activeMetrics: (n, max) => `efter den här importen skulle tavlan ha ${n} aktiva nyckeltal och nyckelresultat; högst ${max} är tillåtna.`,
  allMetrics: (n, max) => `efter den här importen skulle tavlan ha ${n} nyckeltal och nyckelresultat, arkiverade medräknade; högst ${max} är tillåtna.`,
  tooManyValues: (max) => `filen skriver fler än ${max} veckovärden; dela upp den i filer med färre veckor.`,
};

export const CSV_TEXT: Readonly<Record<Locale, CsvText>> = { nb, sv, en };
