/**
 * @module The KPI cards in chat: the owner's "Update my KPIs" form (one number input per KPI or key result they own),
 * the reminder the bot posts before the meeting (refreshed into each owner's own form), and the parser for what
 * Teams sends back when the form is saved.
 */
import { MetricId } from "../kpi/commands.js";
import { KPI_LIMITS, type KpiStatus, type Metric, type Person, type WeeklyValue } from "../kpi/model.js";
import type { StatusView } from "../kpi/status.js";
import { isIsoWeek, mondayDate, parseIsoWeek, type IsoWeek } from "../kpi/week.js";
import { CARD_MAX_BYTES, CARD_SCHEMA, CARD_VERSION, cardBytes, executeAction, userMri, type AdaptiveCard, type CardRefresh } from "./card-types.js";
import { formatKpiNumber, KPI_TEXT, kpiStatusText } from "./kpi-text.js";
import type { CardLocale } from "./locale.js";
import { escapeCardMarkdown } from "./markdown.js";
import { readKpiNumber } from "../kpi/number.js";

export const KPI_VERBS = { open: "kpiOpen", save: "kpiSave", refresh: "kpiRefresh" } as const;
export type KpiVerb = (typeof KPI_VERBS)[keyof typeof KPI_VERBS];

/** Input ids are this prefix and the metric id: `parseKpiSubmission` finds the values by it. */
export const KPI_INPUT_PREFIX = "v.";
export const kpiInputId = (metricId: string): string => `${KPI_INPUT_PREFIX}${metricId}`;

/** Teams refreshes a card automatically for at most 60 users. */
const REFRESH_USERS_MAX = 60;

export interface KpiCardMetric {
  readonly metric: Metric;
  /** This week's value, if entered. */
  readonly value: WeeklyValue | null;
  /** Last week's value, if entered. */
  readonly previous: WeeklyValue | null;
  /** From `statusOf`; null without a value. */
  readonly status: StatusView | null;
}

export interface KpiCardError {
  /** The metric the error is about; null for the whole submission. */
  readonly metricId: string | null;
  /** Already in the user's language (e.g. from `kpiErrorText`). */
  readonly message: string;
}

export interface KpiUpdateCardOptions {
  readonly locale: CardLocale;
  readonly week: IsoWeek;
  readonly seriesId: string;
  readonly owner: Person;
  readonly metrics: readonly KpiCardMetric[];
  /** The server's refusals, shown at the top. */
  readonly errors?: readonly KpiCardError[];
  /** Shows a confirmation that the values were saved. */
  readonly saved?: boolean;
}

const text = (value: string, extra: Readonly<Record<string, unknown>> = {}) => ({ type: "TextBlock", text: value, wrap: true, ...extra });

const STATUS_COLORS: Readonly<Record<KpiStatus, string>> = { onTrack: "Good", atRisk: "Warning", offTrack: "Attention" };

/**
 * How much a card gives up to fit Teams' size limit: 0 everything, 1 without last week's values,
 * 2 also with long names, units and messages shortened (and the card says so), 3 also without the targets.
 * Only names full of markdown characters (escaping doubles them) and long error lists get past 1.
 */
type Detail = 0 | 1 | 2 | 3;

const SHORT_NAME = 32;
const SHORT_UNIT = 8;
const SHORT_MESSAGE = 120;
const SHORT_ERRORS = 8;

function shorten(value: string, max: number): string {
  if (value.length <= max) return value;
  // Do not cut a surrogate pair in half.
  const end = /[\uD800-\uDBFF]/.test(value.charAt(max - 1)) ? max - 1 : max;
  return `${value.slice(0, end)}…`;
}

const weekNumber = (week: IsoWeek): number => {
  const parsed = parseIsoWeek(week);
  if (!parsed) throw new RangeError(`Not an ISO week: ${week}`);
  return parsed.week;
};

/** The form for one owner and one week. Shrinks step by step until it fits Teams' size limit. */
export function kpiUpdateCard(options: KpiUpdateCardOptions): AdaptiveCard {
  let card = buildUpdateCard(options, 0);
  for (const detail of [1, 2, 3] as const) {
    if (cardBytes(card) <= CARD_MAX_BYTES) break;
    card = buildUpdateCard(options, detail);
  }
  return card;
}

function buildUpdateCard({ locale, week, seriesId, owner, metrics, errors = [], saved = false }: KpiUpdateCardOptions, detail: Detail): AdaptiveCard {
  const t = KPI_TEXT[locale];
  const short = detail >= 2;
  const name = (m: Metric) => (short ? shorten(m.name, SHORT_NAME) : m.name);
  const unitOf = (m: Metric) => (short ? shorten(m.unit, SHORT_UNIT) : m.unit);
  const amount = (m: Metric, n: number) => (m.unit === "" ? formatKpiNumber(locale, n) : `${formatKpiNumber(locale, n)} ${unitOf(m)}`);
  const target = (m: Metric): string => {
    if (m.direction === "range") return `${formatKpiNumber(locale, m.target)}–${amount(m, m.targetMax ?? m.target)}`;
    return `${m.direction === "higher" ? "≥" : "≤"} ${amount(m, m.target)}`;
  };

  const body: unknown[] = [
    text(t.updateTitle(weekNumber(week)), { weight: "Bolder", size: "Medium" }),
    text(t.weekOf(mondayDate(week)), { isSubtle: true, spacing: "None" }),
  ];
  // The owner's client asks for a fresh form, so the card never shows stale values or another person's KPIs.
  const refresh: CardRefresh = { action: { type: "Action.Execute", verb: KPI_VERBS.refresh, data: { seriesId } }, userIds: [userMri(owner.userId)] };

  if (metrics.length === 0) {
    body.push(text(t.noMetricsTitle, { weight: "Bolder", spacing: "Medium" }), text(t.noMetrics));
    return { type: "AdaptiveCard", $schema: CARD_SCHEMA, version: CARD_VERSION, body, refresh };
  }

  if (errors.length > 0) {
    const names = new Map(metrics.map((m) => [m.metric.id, name(m.metric)]));
    const shown = short ? errors.slice(0, SHORT_ERRORS) : errors;
    const lines = shown.map((e) => {
      const message = short ? shorten(e.message, SHORT_MESSAGE) : e.message;
      const metricName = e.metricId === null ? undefined : names.get(e.metricId);
      return text(escapeCardMarkdown(metricName === undefined ? message : `${metricName}: ${message}`), { color: "Attention", spacing: "Small" });
    });
    if (shown.length < errors.length) lines.push(text(t.andMore(errors.length - shown.length), { color: "Attention", spacing: "Small" }));
    body.push({ type: "Container", style: "attention", items: [text(t.errorsHeading, { weight: "Bolder", color: "Attention" }), ...lines] });
  }
  if (saved) body.push(text(t.saved, { weight: "Bolder", color: "Good" }));
  body.push(text(t.updateIntro, { spacing: "Small" }));

  for (const { metric, value, previous, status } of metrics) {
    const unit = unitOf(metric);
    body.push({
      type: "Input.Number",
      id: kpiInputId(metric.id),
      // Labels are plain text (not markdown): the name shows as typed without escaping, and screen readers read it.
      label: unit === "" ? name(metric) : `${name(metric)} (${unit})`,
      min: -KPI_LIMITS.valueAbsMax,
      max: KPI_LIMITS.valueAbsMax,
      separator: true,
      spacing: "Medium",
      ...(value ? { value: value.value } : {}),
    });
    if (detail < 3) {
      const facts = [`${t.target} ${target(metric)}`];
      if (detail === 0) facts.push(`${t.lastWeek} ${previous ? amount(metric, previous.value) : t.notEntered}`);
      body.push(text(escapeCardMarkdown(facts.join(" · ")), { isSubtle: true, spacing: "Small" }));
    }
    if (value && status) {
      const judged = status.override ? `${kpiStatusText(locale, status.status)} (${t.ownJudgement})` : kpiStatusText(locale, status.status);
      body.push(text(judged, { color: STATUS_COLORS[status.status], weight: "Bolder", spacing: "Small" }));
    }
  }
  if (short) body.push(text(t.shortened, { isSubtle: true, spacing: "Medium" }));

  return {
    type: "AdaptiveCard",
    $schema: CARD_SCHEMA,
    version: CARD_VERSION,
    body,
    actions: [executeAction({ id: KPI_VERBS.save, title: t.save, verb: KPI_VERBS.save, data: { seriesId, week }, style: "positive" })],
    refresh,
  };
}

export interface KpiRequestCardOptions {
  readonly locale: CardLocale;
  readonly seriesId: string;
  readonly week: IsoWeek;
  /** Owners without a value this week. */
  readonly missing: readonly Person[];
  /** The owners whose clients refresh the card into their own form (Teams takes at most 60). */
  readonly ownerIds: readonly string[];
}

/**
 * The reminder in the team's chat. Everyone else sees who has not updated yet; each owner's client refreshes
 * it into their own update form. A long list of names is cut to fit Teams' size limit.
 */
export function kpiRequestCard(options: KpiRequestCardOptions): AdaptiveCard {
  let shown = options.missing.length;
  let card = buildRequestCard(options, shown);
  while (cardBytes(card) > CARD_MAX_BYTES && shown > 0) {
    shown = Math.floor(shown / 2);
    card = buildRequestCard(options, shown);
  }
  return card;
}

function buildRequestCard({ locale, seriesId, week, missing, ownerIds }: KpiRequestCardOptions, shown: number): AdaptiveCard {
  const t = KPI_TEXT[locale];
  const body: unknown[] = [
    text(t.requestTitle(weekNumber(week)), { weight: "Bolder", size: "Medium" }),
    text(t.weekOf(mondayDate(week)), { isSubtle: true, spacing: "None" }),
    text(t.requestIntro, { spacing: "Small" }),
  ];
  if (missing.length === 0) body.push(text(t.allUpdated, { color: "Good", spacing: "Medium" }));
  else {
    const names = missing.slice(0, shown).map((p) => escapeCardMarkdown(p.name));
    if (shown < missing.length) names.push(t.andMore(missing.length - shown));
    body.push(text(t.notUpdated, { weight: "Bolder", spacing: "Medium" }), text(names.join(", "), { spacing: "Small" }));
  }
  const data = { seriesId, week };
  return {
    type: "AdaptiveCard",
    $schema: CARD_SCHEMA,
    version: CARD_VERSION,
    body,
    actions: [executeAction({ id: KPI_VERBS.open, title: t.open, verb: KPI_VERBS.open, data, style: "positive" })],
    refresh: { action: { type: "Action.Execute", verb: KPI_VERBS.open, data }, userIds: ownerIds.slice(0, REFRESH_USERS_MAX).map(userMri) },
  };
}

export type KpiSubmissionErrorCode = "notANumber" | "tooLarge" | "invalid";

export type KpiSubmission =
  | { ok: true; seriesId: string; week: IsoWeek; values: { metricId: string; value: number }[] }
  | { ok: false; errors: { metricId: string | null; code: KpiSubmissionErrorCode; message: string }[] };

const SERIES_ID_RE = /^[\x20-\x7E]{1,512}$/;

const isRecord = (v: unknown): v is Readonly<Record<string, unknown>> => typeof v === "object" && v !== null && !Array.isArray(v);

/** A number the user typed, or why not; undefined when nothing was entered. */
function readNumber(raw: unknown): number | "notANumber" | "tooLarge" | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw === "string") return readKpiNumber(raw, { decimalComma: true, groupSpaces: true });
  if (typeof raw !== "number" || !Number.isFinite(raw)) return "notANumber";
  if (Math.abs(raw) > KPI_LIMITS.valueAbsMax) return "tooLarge";
  return raw === 0 ? 0 : raw;
}

/**
 * Reads what Teams sends for verb kpiSave: the card's data (`seriesId`, `week`) merged with the inputs
 * (`v.<metricId>`, numbers as strings). Never trusts it and never throws; messages are English (for logs),
 * the codes are what the card translates. Other keys (Teams' own, the fallback's `verb`) are ignored.
 */
export function parseKpiSubmission(data: unknown): KpiSubmission {
  const invalid = (message: string): KpiSubmission => ({ ok: false, errors: [{ metricId: null, code: "invalid", message }] });
  if (!isRecord(data)) return invalid("The submission is not an object.");
  // Own properties only: a key like "constructor" must not reach the prototype.
  const get = (key: string): unknown => (Object.hasOwn(data, key) ? data[key] : undefined);

  const seriesId = get("seriesId");
  if (typeof seriesId !== "string" || !SERIES_ID_RE.test(seriesId)) return invalid("seriesId must be 1–512 printable ASCII characters.");
  const week = get("week");
  if (typeof week !== "string" || !isIsoWeek(week)) return invalid("week must be an ISO week such as 2026-W48.");

  const keys = Object.keys(data).filter((k) => k.startsWith(KPI_INPUT_PREFIX));
  if (keys.length > KPI_LIMITS.activeMetricsMax) return invalid(`At most ${KPI_LIMITS.activeMetricsMax} values can be saved at once.`);

  const values: { metricId: string; value: number }[] = [];
  const errors: { metricId: string | null; code: KpiSubmissionErrorCode; message: string }[] = [];
  for (const key of keys) {
    const metricId = key.slice(KPI_INPUT_PREFIX.length);
    if (!MetricId.safeParse(metricId).success) {
      errors.push({ metricId: null, code: "invalid", message: `'${key.slice(0, 80)}' is not a KPI input.` });
      continue;
    }
    const value = readNumber(get(key));
    if (value === undefined) continue;
    if (value === "notANumber") errors.push({ metricId, code: value, message: "The value is not a number." });
    else if (value === "tooLarge") errors.push({ metricId, code: value, message: `The value must be between -${KPI_LIMITS.valueAbsMax} and ${KPI_LIMITS.valueAbsMax}.` });
    else values.push({ metricId, value });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, seriesId, week, values };
}
