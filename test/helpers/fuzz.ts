/**
 * @module The hostile-input fuzzer shared by test/fuzz.test.ts (a seeded set in `npm test`) and `npm run soak` (the
 * long run). fast-check generates request bodies for every command route and the bot endpoint: valid commands with one
 * part replaced by something hostile (wrong types, missing and extra fields, `__proto__`/`constructor` keys, huge
 * strings and arrays, odd Unicode, NaN/Infinity/1e308/-0), arbitrary JSON, deep nesting, malformed JSON, wrong content
 * types and oversized bodies.
 *
 * The oracle is the wire schema itself: a request the schema refuses must get a 4xx with a message and leave the
 * meeting, its SIR items, its board and its set-up exactly as they were; one it accepts may change them but must not
 * get a 5xx. The bot endpoint must never answer 5xx (nor an invoke with a 5xx status). Any 5xx, any unintended change
 * and any crash is counted, with the first cases kept for the report.
 */
import fc from "fast-check";
import { randomUUID } from "node:crypto";
import type { ZodType } from "zod";
import { SetReminderSettingsRequest } from "../../shared/src/actions/reminders.js";
import { GoodNewsCommandRequest, PraisePostRequest } from "../../shared/src/wire/good-news-protocol.js";
import { PriorityCommandRequest } from "../../shared/src/wire/priorities-protocol.js";
import { ActionCommandRequest, MyActionCommandRequest } from "../../shared/src/wire/actions-protocol.js";
import { KpiCommandRequest } from "../../shared/src/wire/kpi-protocol.js";
import { CommandRequest } from "../../shared/src/wire/protocol.js";
import { SaveSetupRequest } from "../../shared/src/wire/setup-protocol.js";
import { SirCommandRequest } from "../../shared/src/wire/sir-protocol.js";
import { RatingRequest } from "../../shared/src/rating/rating.js";
import { PostSummaryRequest } from "../../shared/src/summary/post-protocol.js";
import { MAX_BODY_BYTES } from "../../shared/src/wire/constants.js";
import { ACTION_SAMPLES, GOOD_NEWS_SAMPLES, KPI_SAMPLES, MEETING_SAMPLES, PRIORITY_SAMPLES, SIR_SAMPLES, type SampleIds } from "./command-samples.js";

export interface FuzzTarget {
  readonly url: string;
  /** The organizer's token: the most privileged caller reaches the deepest code. */
  readonly token: string;
  readonly ids: SampleIds;
  /** The bot's chat activity fields (conversation, serviceUrl) of the local meeting. */
  readonly activity: (overrides: Record<string, unknown>) => Record<string, unknown>;
}

export interface FuzzReport {
  cases: number;
  answered4xx: number;
  answered2xx: number;
  answered5xx: number;
  /** A refused request that changed stored state. */
  unintendedChanges: number;
  /** A 4xx without a JSON error message. */
  withoutMessage: number;
  /** The first problems, for the report. */
  readonly problems: string[];
}

// ─── generators ──────────────────────────────────────────────────────────────────────────────────────────────────

const HOSTILE_TEXT = [
  "",
  " ",
  "\u200B\u200B\u200B",
  "\u202Eevil\u202C",
  "\u0000",
  "a\u0000b",
  "\uD800",
  "x\uDFFFy",
  "__proto__",
  "constructor",
  "=HYPERLINK(\"http://evil.example\")",
  "[click](javascript:alert(1))",
  "![x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
  "<script>alert(1)</script>",
  "{{user.name}}",
  "${process.env.SECRET}",
  "../../../etc/passwd",
  "%00%2f..%2f",
  "sir-" + "a".repeat(70),
  "kpi-abcdefgh1",
  "2026-W99",
  "2026-02-30",
  "Ω".repeat(5_000),
  "a".repeat(100_000),
];

const hostileString = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_TEXT) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 200 }) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 50 }) },
);

const hostileNumber = fc.oneof(fc.constantFrom(1e308, -1e308, -0, 0, -1, 0.5, 2 ** 53 + 1, 1e12 + 1, 181, 10_800_001), fc.double(), fc.integer());

const hostileKey = fc.oneof(fc.constantFrom("__proto__", "constructor", "prototype", "id", "type", "command", "fields", "itemId", "toString"), fc.string({ maxLength: 12 }));

/** Any JSON value, with the hostile leaves above. */
const hostileValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    hostileString,
    hostileNumber,
    fc.boolean(),
    fc.constant(null),
    fc.array(tie("value"), { maxLength: 5 }),
    fc.dictionary(hostileKey, tie("value"), { maxKeys: 5 }),
  ),
})).value;

/** Replaces, removes or adds one part of `value`, at a random depth. */
function mutate(value: unknown, choice: { path: number[]; op: "replace" | "remove" | "add"; key: string; replacement: unknown }): unknown {
  if (choice.path.length === 0 || typeof value !== "object" || value === null) return choice.op === "remove" ? undefined : choice.replacement;
  const [step = 0, ...rest] = choice.path;
  const copy: Record<string, unknown> | unknown[] = Array.isArray(value) ? [...(value as unknown[])] : { ...(value as Record<string, unknown>) };
  const keys = Object.keys(copy);
  if (keys.length === 0 || (rest.length === 0 && choice.op === "add")) {
    if (!Array.isArray(copy)) Object.defineProperty(copy, choice.key, { value: choice.replacement, enumerable: true, writable: true, configurable: true });
    else copy.push(choice.replacement);
    return copy;
  }
  const key = keys[step % keys.length] ?? "";
  const next = mutate((copy as Record<string, unknown>)[key], { ...choice, path: rest });
  if (next === undefined && !Array.isArray(copy)) delete (copy as Record<string, unknown>)[key];
  else (copy as Record<string, unknown>)[key] = next;
  return copy;
}

const mutation = fc.record({
  path: fc.array(fc.nat(20), { maxLength: 4 }),
  op: fc.constantFrom("replace", "remove", "add") as fc.Arbitrary<"replace" | "remove" | "add">,
  key: hostileKey,
  replacement: hostileValue,
});

/** A request body as sent: the text and its content type. */
interface Body {
  readonly text: string;
  readonly contentType: string | null;
}

const asJson = (value: unknown): Body => ({ text: JSON.stringify(value) ?? "null", contentType: "application/json" });

const rawBodies = fc.oneof(
  fc.constantFrom<Body>(
    { text: "", contentType: "application/json" },
    { text: "{", contentType: "application/json" },
    { text: '{"command":', contentType: "application/json" },
    { text: "NaN", contentType: "application/json" },
    { text: '{"command":{"id":"abcdefgh1","type":"extendTimer","minutes":NaN}}', contentType: "application/json" },
    { text: '{"command":{"id":"abcdefgh1","type":"extendTimer","minutes":1e999}}', contentType: "application/json" },
    { text: '{"command":{"id":"abcdefgh1","type":"startMeeting"}}', contentType: "text/plain" },
    { text: '{"command":{"id":"abcdefgh1","type":"startMeeting"}}', contentType: null },
    { text: '{"command":{"id":"abcdefgh1","type":"startMeeting"}}', contentType: "application/x-www-form-urlencoded" },
    { text: "\u0000\u0001\u0002", contentType: "application/json" },
    { text: `{"command":${"[".repeat(20_000)}${"]".repeat(20_000)}}`, contentType: "application/json" },
    { text: `{"command":{"id":"abcdefgh1","type":"startMeeting","pad":"${"x".repeat(MAX_BODY_BYTES)}"}}`, contentType: "application/json" },
    { text: `{"__proto__":{"admin":true},"command":{"id":"abcdefgh1","type":"startMeeting"}}`, contentType: "application/json" },
  ),
  hostileValue.map(asJson),
);

interface Route {
  readonly name: string;
  readonly method: string;
  readonly path: (ids: SampleIds) => string;
  /** The schema the service parses the body with; null: a route whose oracle is only "never 5xx". */
  readonly schema: ZodType | null;
  readonly body: fc.Arbitrary<(ids: SampleIds) => Body>;
}

const commandBodies = (samples: Readonly<Record<string, (ids: SampleIds) => Record<string, unknown>>>): fc.Arbitrary<(ids: SampleIds) => Body> =>
  fc.oneof(
    { weight: 4, arbitrary: fc.tuple(fc.constantFrom(...Object.keys(samples)), mutation).map(([type, m]) => (ids: SampleIds) => asJson(mutate({ command: { id: `fz-${randomUUID()}`, type, ...samples[type]?.(ids) } }, { ...m, path: [0, ...m.path] }))) },
    { weight: 1, arbitrary: rawBodies.map((b) => () => b) },
  );

const fromSir = Object.fromEntries(Object.entries(SIR_SAMPLES).map(([k, v]) => [k, v.body]));
const fromKpi = Object.fromEntries(Object.entries(KPI_SAMPLES).map(([k, v]) => [k, v.body]));
const fromActions = Object.fromEntries(Object.entries(ACTION_SAMPLES).map(([k, v]) => [k, v.body]));
const fromGoodNews = Object.fromEntries(Object.entries(GOOD_NEWS_SAMPLES).map(([k, v]) => [k, v.body]));
const fromPriorities = Object.fromEntries(Object.entries(PRIORITY_SAMPLES).map(([k, v]) => [k, v.body]));
const m = (ids: SampleIds, rest: string) => `/api/meetings/${encodeURIComponent(ids.meetingId)}${rest}`;

/**
 * Every UTF-8 byte percent-encoded: a valid query part even for a lone surrogate (encodeURIComponent would throw). The
 * route's query is cut at 8,000 characters: a longer request line is refused by Node's HTTP parser (431, its own bare
 * answer, before any route) — true of every route, not this one's to answer.
 */
const percentBytes = (v: string): string => [...Buffer.from(v, "utf8")].map((b) => `%${b.toString(16).padStart(2, "0")}`).join("");

const ROUTES: readonly Route[] = [
  { name: "meeting command", method: "POST", path: (ids) => m(ids, "/commands"), schema: CommandRequest, body: commandBodies(MEETING_SAMPLES) },
  { name: "SIR command", method: "POST", path: (ids) => m(ids, "/sir/commands"), schema: SirCommandRequest, body: commandBodies(fromSir) },
  { name: "KPI command", method: "POST", path: (ids) => m(ids, "/kpi/commands"), schema: KpiCommandRequest, body: commandBodies(fromKpi) },
  { name: "action command", method: "POST", path: (ids) => m(ids, "/actions/commands"), schema: ActionCommandRequest, body: commandBodies(fromActions) },
  { name: "good-news command", method: "POST", path: (ids) => m(ids, "/good-news/commands"), schema: GoodNewsCommandRequest, body: commandBodies(fromGoodNews) },
  {
    name: "praise post",
    method: "POST",
    path: (ids) => m(ids, "/good-news/praise"),
    schema: PraisePostRequest,
    body: fc.oneof(
      fc.tuple(mutation).map(([mu]) => (ids: SampleIds) => asJson(mutate({ itemId: ids.goodNewsId, locale: "nb" }, mu))),
      rawBodies.map((b) => () => b),
    ),
  },
  { name: "priorities command", method: "POST", path: (ids) => m(ids, "/priorities/commands"), schema: PriorityCommandRequest, body: commandBodies(fromPriorities) },
  {
    name: "set-up",
    method: "PUT",
    path: (ids) => m(ids, "/setup"),
    schema: SaveSetupRequest,
    body: fc.oneof(
      fc.tuple(mutation).map(([mu]) => () => asJson(mutate({ id: `fz-${randomUUID()}`, templateId: "teamWeekly45", teamId: null, channelId: null }, mu))),
      rawBodies.map((b) => () => b),
    ),
  },
  {
    name: "reminder settings",
    method: "PUT",
    path: (ids) => m(ids, "/reminders"),
    schema: SetReminderSettingsRequest,
    body: fc.oneof(
      fc.tuple(mutation).map(([mu]) => () => asJson(mutate({ id: `fz-${randomUUID()}`, daysBefore: 3, time: "08:00" }, mu))),
      rawBodies.map((b) => () => b),
    ),
  },
  {
    name: "KPI CSV import",
    method: "POST",
    path: (ids) => m(ids, "/kpi/import"),
    schema: null,
    body: fc
      .array(fc.array(hostileString, { maxLength: 14 }), { maxLength: 6 })
      .map((rows) => () => ({ text: ["type,name,objective,owner,unit,direction,target,target_max,start,tolerance_pct,from,to", ...rows.map((r) => r.join(","))].join("\r\n"), contentType: "text/csv" })),
  },
  {
    name: "rating",
    method: "POST",
    path: (ids) => m(ids, "/rating"),
    schema: RatingRequest,
    body: fc.oneof(fc.tuple(mutation).map(([mu]) => () => asJson(mutate({ id: `fz-${randomUUID()}`, score: 7, comment: "Bra møte" }, mu))), rawBodies.map((b) => () => b)),
  },
  {
    name: "summary post",
    method: "POST",
    path: (ids) => m(ids, "/summary/post"),
    schema: PostSummaryRequest,
    body: fc.oneof(fc.tuple(mutation).map(([mu]) => () => asJson(mutate({ id: `fz-${randomUUID()}`, locale: "nb" }, mu))), rawBodies.map((b) => () => b)),
  },
  {
    name: "my action command",
    method: "POST",
    path: () => "/api/me/actions/commands",
    schema: MyActionCommandRequest,
    body: fc.oneof(
      fc.tuple(mutation).map(([mu]) => (ids: SampleIds) => asJson(mutate({ seriesId: "19:fuzz-series@thread.v2", command: { id: `fz-${randomUUID()}`, type: "setActionStatus", actionId: ids.actionId, status: "done" } }, mu))),
      rawBodies.map((b) => () => b),
    ),
  },
  // A GET: the "body" is its query string (see send).
  { name: "my actions", method: "GET", path: () => "/api/me/actions", schema: null, body: fc.oneof(hostileString.map((v) => () => ({ text: `limit=${percentBytes(v).slice(0, 8_000).replace(/%[0-9a-f]?$/, "")}`, contentType: null })), fc.constantFrom("limit=%", "limit=%ZZ", "limit=1&limit=2", "limit=", "a=b").map((q) => () => ({ text: q, contentType: null }))) },
];

const activities = fc.oneof(
  hostileValue.map((v) => (t: FuzzTarget) => asJson(typeof v === "object" && v !== null && !Array.isArray(v) ? t.activity(v as Record<string, unknown>) : v)),
  fc
    .tuple(fc.constantFrom("sirNew", "sirSave", "sirEdit", "sirWithdraw", "sirRefresh", "kpiOpen", "kpiSave", "kpiRefresh", "reminderDone", "reminderSnooze", "goodNewsNew", "goodNewsSubmit", "unknownVerb"), hostileValue)
    .map(([verb, data]) => (t: FuzzTarget) => asJson(t.activity({ type: "invoke", name: "adaptiveCard/action", value: { action: { type: "Action.Execute", verb, data } } }))),
  fc.tuple(hostileString).map(([text]) => (t: FuzzTarget) => asJson(t.activity({ type: "message", text }))),
  rawBodies.map((b) => () => b),
);

type Case = { readonly kind: "route"; readonly route: Route; readonly body: (ids: SampleIds) => Body } | { readonly kind: "bot"; readonly body: (t: FuzzTarget) => Body };

const cases: fc.Arbitrary<Case> = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...ROUTES).chain((route) => route.body.map((body): Case => ({ kind: "route", route, body }))) },
  { weight: 1, arbitrary: activities.map((body): Case => ({ kind: "bot", body })) },
);

// ─── running ─────────────────────────────────────────────────────────────────────────────────────────────────────

/** What a refused request must leave as it was: the stored meeting, SIR items, board and set-up (not what is read from Teams or the clock). */
async function stateOf(t: FuzzTarget): Promise<string> {
  const get = async <T>(rest: string): Promise<T> => {
    const res = await fetch(`${t.url}${m(t.ids, rest)}`, { headers: { authorization: `Bearer ${t.token}` } });
    return (await res.json()) as T;
  };
  const [meeting, sir, kpi, setup, actions, rating] = await Promise.all([
    get<{ meeting: unknown }>(""),
    get<{ items: unknown }>("/sir"),
    get<{ settings: unknown; objectives: unknown; metrics: unknown; values: unknown }>("/kpi"),
    get<{ setup: unknown }>("/setup"),
    get<{ actions: unknown }>("/actions"),
    get<{ summary: unknown }>("/rating"),
  ]);
  return JSON.stringify([meeting.meeting, sir.items, kpi.settings, kpi.objectives, kpi.metrics, kpi.values, setup.setup, actions.actions, rating.summary]);
}

/** The body text as the service receives it (lone surrogates become U+FFFD on the wire), parsed as the service would. */
function acceptedBySchema(body: Body, schema: ZodType): boolean {
  if (body.contentType === null || !/^application\/json\b/i.test(body.contentType)) return false;
  const wire = Buffer.from(body.text, "utf8");
  if (wire.length > MAX_BODY_BYTES) return false;
  let parsed: unknown;
  try {
    parsed = JSON.parse(wire.toString("utf8"));
  } catch {
    return false;
  }
  return schema.safeParse(parsed).success;
}

async function send(url: string, method: string, token: string | null, body: Body): Promise<{ status: number; json: unknown }> {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (body.contentType) headers["content-type"] = body.contentType;
  // A GET carries no body: its fuzzed part is the query string.
  const get = method === "GET";
  const res = await fetch(get ? `${url}?${body.text}` : url, { method, headers, ...(get ? {} : { body: body.text }) });
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  return { status: res.status, json };
}

/** Where two state texts first differ, with some context. */
function firstDifference(a: string, b: string): string {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return `at ${i}: …${a.slice(Math.max(0, i - 80), i + 80)}… became …${b.slice(Math.max(0, i - 80), i + 80)}…`;
}

const hasMessage = (json: unknown): boolean => {
  const error = (json as { error?: { message?: unknown } } | null)?.error;
  return typeof error?.message === "string" && error.message.length > 0;
};

/** Runs `runs` seeded cases against the target, one after another, and counts what happened. */
export async function fuzz(target: FuzzTarget, options: { readonly runs: number; readonly seed: number; readonly onProgress?: (done: number, report: FuzzReport) => void }): Promise<FuzzReport> {
  const report: FuzzReport = { cases: 0, answered4xx: 0, answered2xx: 0, answered5xx: 0, unintendedChanges: 0, withoutMessage: 0, problems: [] };
  const problem = (text: string) => {
    if (report.problems.length < 10) report.problems.push(text.slice(0, 600));
  };
  // fast-check draws the cases from the seed; sampled in chunks so a long run does not hold them all at once.
  const chunk = 500;
  for (let start = 0; start < options.runs; start += chunk) {
    const batch = fc.sample(cases, { seed: options.seed + start, numRuns: Math.min(chunk, options.runs - start) });
    for (const c of batch) {
      report.cases++;
      if (c.kind === "bot") {
        const body = c.body(target);
        const res = await send(`${target.url}/api/messages`, "POST", null, body);
        const invokeStatus = (res.json as { statusCode?: unknown } | null)?.statusCode;
        if (res.status >= 500 || (typeof invokeStatus === "number" && invokeStatus >= 500)) {
          report.answered5xx++;
          problem(`bot: HTTP ${res.status} (invoke ${String(invokeStatus)}) for ${body.text.slice(0, 300)}`);
        } else if (res.status >= 400) report.answered4xx++;
        else report.answered2xx++;
        continue;
      }
      const body = c.body(target.ids);
      const before = await stateOf(target);
      const res = await send(`${target.url}${c.route.path(target.ids)}`, c.route.method, target.token, body);
      const valid = c.route.schema ? acceptedBySchema(body, c.route.schema) : null;
      if (res.status >= 500) {
        report.answered5xx++;
        problem(`${c.route.name}: HTTP ${res.status} ${JSON.stringify(res.json)} for ${body.contentType} ${body.text.slice(0, 300)}`);
        continue;
      }
      if (res.status >= 400) {
        report.answered4xx++;
        if (!hasMessage(res.json)) {
          report.withoutMessage++;
          problem(`${c.route.name}: HTTP ${res.status} without a message`);
        }
        const after = await stateOf(target);
        if (after !== before) {
          report.unintendedChanges++;
          problem(`${c.route.name}: refused with ${res.status} but state changed (${firstDifference(before, after)}), for ${body.text.slice(0, 300)}`);
        }
      } else {
        report.answered2xx++;
        if (valid === false) {
          report.unintendedChanges++;
          problem(`${c.route.name}: the schema refuses it but the service answered ${res.status}: ${body.text.slice(0, 300)}`);
        }
      }
    }
    options.onProgress?.(report.cases, report);
  }
  return report;
}
