/**
 * @module The authorization matrix, generated from the code's own tables rather than listed by hand: every HTTP route
 * the service registers (local and production mode), and every meeting, SIR and KPI command type (the zod unions), ×
 * every kind of caller — each meeting role, the owner and a non-owner, someone outside the meeting, the same user in
 * another tenant, a participant who left, and every kind of bad token. Exactly the allowed cells get through; every
 * other cell is 401/403 with a message and changes nothing (the stored state is compared before and after).
 *
 * A route or a command type without its row here makes the first tests fail, so a new one cannot ship unjudged.
 * Real service over real HTTP on real Azurite; roles come from the Bot Connector stand-in with no caching
 * (ROLE_TTL_MS=0), so "left the meeting" takes effect at once — how long a cached role is trusted is its own setting
 * (README, docs/DEPLOYMENT.md) with its own tests (bot/src/teams/roles.spec.ts).
 */
import { randomUUID } from "node:crypto";
import { SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONNECTOR_PREFIX } from "../bot/src/local/connector-stub.js";
import { LOCAL_ATTENDEES, LOCAL_TENANT_ID } from "../bot/src/local/roster.js";
import { can, COMMAND_CAPABILITY, type Role } from "../shared/src/auth/capabilities.js";
import { ActionCommand, type ActionCommandType } from "../shared/src/actions/commands.js";
import { GoodNewsCommand, type GoodNewsCommandType } from "../shared/src/goodnews/commands.js";
import { GOOD_NEWS_CAPABILITY } from "../shared/src/goodnews/model.js";
import { KpiCommand, type KpiCommandType } from "../shared/src/kpi/commands.js";
import { MeetingCommand, type MeetingCommandType } from "../shared/src/meeting/commands.js";
import { SirCommand, type SirCommandType } from "../shared/src/sir/commands.js";
import { sirFields } from "../shared/src/sir/test-builders.js";
import { ACTION_SAMPLES, GOOD_NEWS_SAMPLES, KPI_SAMPLES, MEETING_SAMPLES, PRIORITY_SAMPLES, SIR_SAMPLES, sampleMeeting, typesOf, type SampleIds } from "./helpers/command-samples.js";
import { addWeeks } from "../shared/src/kpi/week.js";
import { PriorityCommand, type PriorityCommandType } from "../shared/src/priorities/commands.js";
import { HEARTBEAT_MS } from "../shared/src/wire/protocol.js";
import { startProductionService, type ProductionService } from "./helpers/production.js";
import { meetingPath, startService, type ErrorBody, type Service } from "./helpers/service.js";

const [ORG, PRES, ALEX, KARI] = LOCAL_ATTENDEES as unknown as [(typeof LOCAL_ATTENDEES)[number], (typeof LOCAL_ATTENDEES)[number], (typeof LOCAL_ATTENDEES)[number], (typeof LOCAL_ATTENDEES)[number]];
const OUTSIDER = { userId: "00000000-0000-4000-8000-00000000c001", name: "Olga Outsider" };
const OTHER_TENANT = "00000000-0000-4000-8000-00000000a999";

let service: Service;
let prod: ProductionService;
beforeAll(async () => {
  // No role caching (see the module comment); no rate limit: the matrix sends one user's requests back to back.
  [service, prod] = await Promise.all([startService({ ROLE_TTL_MS: "0", COMMAND_RATE: "100000", COMMAND_BURST: "100000" }), startProductionService()]);
});
afterAll(async () => {
  await Promise.all([service?.close(), prod?.close()]);
});

// ─── callers ────────────────────────────────────────────────────────────────────────────────────────────────────

/** Who holds a valid token and what they are to the meeting. `owner`: Alex, who owns the fixtures' SIR item and KPI. */
const PEOPLE = ["organizer", "presenter", "owner", "otherAttendee", "outsider", "otherTenant", "leftMeeting"] as const;
type Person = (typeof PEOPLE)[number];
/** Tokens that must never get in, all made for the organizer so that only the token's flaw can stop them. */
const BAD_TOKENS = ["none", "garbage", "expired", "notYetValid", "forgedSignature", "algNone", "hs256WithPublicKey", "wrongAudience", "wrongIssuer", "wrongScope", "inQueryString"] as const;
type BadToken = (typeof BAD_TOKENS)[number];

const ROLE_OF: Readonly<Record<Person, Role | null>> = { organizer: "Organizer", presenter: "Presenter", owner: "Attendee", otherAttendee: "Attendee", outsider: null, otherTenant: null, leftMeeting: null };

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
const payloadOf = (token: string): Record<string, unknown> => JSON.parse(Buffer.from(token.split(".")[1] ?? "", "base64url").toString("utf8")) as Record<string, unknown>;

async function tokenOf(person: Person): Promise<string> {
  const sign = (who: { userId: string; name: string }, tid = LOCAL_TENANT_ID) => service.issuer.sign({ oid: who.userId, tid, name: who.name });
  switch (person) {
    case "organizer":
      return sign(ORG);
    case "presenter":
      return sign(PRES);
    case "owner":
      return sign(ALEX);
    case "otherAttendee":
    case "leftMeeting":
      return sign(KARI);
    case "outsider":
      return sign(OUTSIDER);
    case "otherTenant":
      // The organizer's own object id, signed for another tenant: the same meeting id there is another meeting.
      return sign(ORG, OTHER_TENANT);
  }
}

/** Headers and query for a bad token (the query carries it only for `inQueryString`). */
async function badCredentials(kind: BadToken): Promise<{ headers: Record<string, string>; query: string }> {
  const org = { oid: ORG.userId, tid: LOCAL_TENANT_ID, name: ORG.name };
  const bearer = (t: string) => ({ headers: { authorization: `Bearer ${t}` }, query: "" });
  const good = await service.issuer.sign(org);
  const [header = "", , signature = ""] = good.split(".");
  switch (kind) {
    case "none":
      return { headers: {}, query: "" };
    case "garbage":
      return bearer("not-a-token");
    case "expired":
      return bearer(await service.issuer.sign(org, { expiresInSeconds: -3600 }));
    case "notYetValid":
      return bearer(await service.issuer.sign(org, { notBeforeInSeconds: 3600 }));
    case "forgedSignature":
      // A real signature over other claims: the payload says the presenter, the signature was made for the organizer.
      return bearer(`${header}.${b64url({ ...payloadOf(good), oid: PRES.userId, sub: PRES.userId })}.${signature}`);
    case "algNone":
      return bearer(`${b64url({ alg: "none", typ: "JWT" })}.${b64url(payloadOf(good))}.`);
    case "hs256WithPublicKey": {
      const jwk = service.issuer.jwks.keys[0];
      const secret = new TextEncoder().encode(JSON.stringify(jwk));
      return bearer(await new SignJWT(payloadOf(good)).setProtectedHeader({ alg: "HS256", typ: "JWT", ...(jwk?.kid ? { kid: jwk.kid } : {}) }).sign(secret));
    }
    case "wrongAudience":
      return bearer(await service.issuer.sign(org, { audience: "api://someone-else/botid-00000000-0000-4000-8000-000000000009" }));
    case "wrongIssuer":
      return bearer(await service.issuer.sign(org, { issuer: "https://login.example.net/evil/v2.0" }));
    case "wrongScope":
      return bearer(await service.issuer.sign(org, { scope: "Files.Read" }));
    case "inQueryString":
      return { headers: {}, query: `access_token=${encodeURIComponent(good)}&token=${encodeURIComponent(good)}` };
  }
}

// ─── fixtures: a fresh meeting (its own chat, so its own series) per cell ─────────────────────────────────────────

interface Fixture extends SampleIds {
  readonly meetingId: string;
  /** Alex's SIR item in the meeting's series. */
  readonly sirItemId: string;
  /** A KPI owned by Alex, and an objective (both made by the organizer). */
  readonly metricId: string;
  readonly objectiveId: string;
  readonly currentWeek: string;
  readonly tokens: Readonly<Record<Person, string>>;
}

const cmdId = () => `m-${randomUUID()}`;

let tokensOnce: Promise<Readonly<Record<Person, string>>> | null = null;
const tokens = () =>
  (tokensOnce ??= (async () => Object.fromEntries(await Promise.all(PEOPLE.map(async (p) => [p, await tokenOf(p)] as const))) as Record<Person, string>)());

async function fixture(): Promise<Fixture> {
  const t = await tokens();
  return { ...(await sampleMeeting(service, t.organizer, t.owner, ALEX)), tokens: t };
}

/** Kari leaves the meeting (for the `leftMeeting` caller), after the fixture was made with her in it. */
function leave(f: Fixture): void {
  service.connector.removeParticipant(f.meetingId, KARI.userId);
}

/** What a refused request must not have changed: the meeting, its SIR items, its board and its set-up (the people the board remembers aside: opening it adds the viewer). */
async function stateOf(f: Fixture): Promise<string> {
  const t = f.tokens.organizer;
  const [meeting, sir, kpi, setup, rating] = await Promise.all([
    service.api<{ meeting: unknown }>(meetingPath(f.meetingId), { token: t }),
    service.api<{ items: unknown }>(meetingPath(f.meetingId, "/sir"), { token: t }),
    service.api<{ objectives: unknown; metrics: unknown; values: unknown; settings: unknown }>(meetingPath(f.meetingId, "/kpi"), { token: t }),
    service.api<{ setup: unknown }>(meetingPath(f.meetingId, "/setup"), { token: t }),
    service.api<{ summary: unknown }>(meetingPath(f.meetingId, "/rating"), { token: t }),
  ]);
  const actions = await service.api<{ actions: unknown }>(meetingPath(f.meetingId, "/actions"), { token: t });
  const goodNews = await service.api<{ items: unknown }>(meetingPath(f.meetingId, "/good-news"), { token: t });
  return JSON.stringify({ goodNews: goodNews.body.items, actions: actions.body.actions, meeting: meeting.body.meeting, sir: sir.body.items, kpi: [kpi.body.settings, kpi.body.objectives, kpi.body.metrics, kpi.body.values], setup: setup.body.setup, rating: rating.body.summary });
}

// ─── the route table ────────────────────────────────────────────────────────────────────────────────────────────

interface Call {
  readonly method: string;
  readonly path: string;
  readonly body?: unknown;
  readonly contentType?: string;
  /** The stream: only its status is read. */
  readonly stream?: boolean;
}

type Access =
  /** No token needed: the same for everyone. */
  | { readonly kind: "public" }
  /** The Bot Framework's own authentication (test/security.test.ts); here only: no token, 401 in production. */
  | { readonly kind: "bot" }
  /** A meeting's route: a valid token of a participant whose role is in `roles`. */
  | { readonly kind: "meeting"; readonly roles: readonly Role[]; readonly call: (f: Fixture) => Call }
  /** The caller's own data, not a meeting's (e.g. their actions across meetings): any valid token, only its own. */
  | { readonly kind: "self"; readonly call: () => Call };

const ALL: readonly Role[] = ["Organizer", "Presenter", "Attendee"];
const LEADS: readonly Role[] = ["Organizer", "Presenter"];
const m = (meetingId: string, rest = "") => meetingPath(meetingId, rest);

const ROUTES: Readonly<Record<string, Access>> = {
  "GET /api/time": { kind: "public" },
  "GET /healthz": { kind: "public" },
  "GET /tab/*": { kind: "public" },
  "POST /api/messages": { kind: "bot" },
  "GET /api/meetings/:meetingId": { kind: "meeting", roles: ALL, call: (f) => ({ method: "GET", path: m(f.meetingId) }) },
  "GET /api/meetings/:meetingId/stream": { kind: "meeting", roles: ALL, call: (f) => ({ method: "GET", path: m(f.meetingId, "/stream"), stream: true }) },
  "POST /api/meetings/:meetingId/commands": {
    kind: "meeting",
    roles: LEADS,
    call: (f) => ({ method: "POST", path: m(f.meetingId, "/commands"), body: { command: { id: cmdId(), type: "renameSection", sectionId: "goodNews", title: "Renamed" } } }),
  },
  "GET /api/meetings/:meetingId/sir": { kind: "meeting", roles: ALL, call: (f) => ({ method: "GET", path: m(f.meetingId, "/sir") }) },
  "POST /api/meetings/:meetingId/sir/commands": {
    kind: "meeting",
    roles: ALL,
    call: (f) => ({ method: "POST", path: m(f.meetingId, "/sir/commands"), body: { command: { id: cmdId(), type: "createSir", fields: sirFields() } } }),
  },
  "GET /api/meetings/:meetingId/decisions": { kind: "meeting", roles: ALL, call: (f) => ({ method: "GET", path: m(f.meetingId, "/decisions?q=x") }) },
  "GET /api/me/actions": { kind: "self", call: () => ({ method: "GET", path: "/api/me/actions?limit=5" }) },
  // Someone's own action only (the domain refuses others': test/my-actions.test.ts); here an action nobody has: 404 for all.
  "POST /api/me/actions/commands": {
    kind: "self",
    call: () => ({ method: "POST", path: "/api/me/actions/commands", body: { seriesId: "19:nobody@thread.v2", command: { id: cmdId(), type: "setActionStatus", actionId: "act-nobody-0001", status: "done" } } }),
  },
  "GET /api/meetings/:meetingId/actions": { kind: "meeting", roles: ALL, call: (f) => ({ method: "GET", path: m(f.meetingId, "/actions") }) },
  "POST /api/meetings/:meetingId/actions/commands": {
    kind: "meeting",
    roles: ALL,
    call: (f) => ({ method: "POST", path: m(f.meetingId, "/actions/commands"), body: { command: { id: cmdId(), type: "createAction", ...ACTION_SAMPLES.createAction.body(f) } } }),
  },
  "GET /api/meetings/:meetingId/reminders": { kind: "meeting", roles: ALL, call: (f) => ({ method: "GET", path: m(f.meetingId, "/reminders") }) },
  "PUT /api/meetings/:meetingId/reminders": { kind: "meeting", roles: LEADS, call: (f) => ({ method: "PUT", path: m(f.meetingId, "/reminders"), body: { id: cmdId(), daysBefore: 3, time: "08:00" } }) },
  "GET /api/meetings/:meetingId/good-news": { kind: "meeting", roles: ALL, call: (f) => ({ method: "GET", path: m(f.meetingId, "/good-news") }) },
  "POST /api/meetings/:meetingId/good-news/commands": {
    kind: "meeting",
    roles: ALL,
    call: (f) => ({ method: "POST", path: m(f.meetingId, "/good-news/commands"), body: { command: { id: cmdId(), type: "addGoodNews", ...GOOD_NEWS_SAMPLES.addGoodNews.body(f) } } }),
  },
  // The sample item's praise is not to be shared: every participant gets 409 notShared (whether it is shared is no secret: the list shows it).
  "POST /api/meetings/:meetingId/good-news/praise": { kind: "meeting", roles: ALL, call: (f) => ({ method: "POST", path: m(f.meetingId, "/good-news/praise"), body: { itemId: f.goodNewsId, locale: "en" } }) },
  "GET /api/meetings/:meetingId/priorities": { kind: "meeting", roles: ALL, call: (f) => ({ method: "GET", path: m(f.meetingId, "/priorities") }) },
  "POST /api/meetings/:meetingId/priorities/commands": {
    kind: "meeting",
    roles: ALL,
    // Last week's form: every admitted caller gets past the door to the domain's 409 (weekChanged), whoever they are;
    // who may save whose entry is the command matrix's below.
    call: (f) => ({ method: "POST", path: m(f.meetingId, "/priorities/commands"), body: { command: { id: cmdId(), type: "savePriorities", ...PRIORITY_SAMPLES.savePriorities.body(f), week: addWeeks(f.currentWeek, -1) } } }),
  },
  "GET /api/meetings/:meetingId/kpi": { kind: "meeting", roles: ALL, call: (f) => ({ method: "GET", path: m(f.meetingId, "/kpi") }) },
  "POST /api/meetings/:meetingId/kpi/commands": {
    kind: "meeting",
    roles: LEADS,
    call: (f) => ({ method: "POST", path: m(f.meetingId, "/kpi/commands"), body: { command: { id: cmdId(), type: "setTimeZone", timeZone: "Europe/Stockholm" } } }),
  },
  "GET /api/meetings/:meetingId/kpi/export.csv": { kind: "meeting", roles: ALL, call: (f) => ({ method: "GET", path: m(f.meetingId, "/kpi/export.csv") }) },
  "GET /api/meetings/:meetingId/summary": { kind: "meeting", roles: ALL, call: (f) => ({ method: "GET", path: m(f.meetingId, "/summary") }) },
  "GET /api/meetings/:meetingId/record": { kind: "meeting", roles: ALL, call: (f) => ({ method: "GET", path: m(f.meetingId, "/record?format=json") }) },
  "POST /api/meetings/:meetingId/summary/post": { kind: "meeting", roles: LEADS, call: (f) => ({ method: "POST", path: m(f.meetingId, "/summary/post"), body: { id: cmdId(), locale: "en" } }) },
  "GET /api/meetings/:meetingId/rating": { kind: "meeting", roles: ALL, call: (f) => ({ method: "GET", path: m(f.meetingId, "/rating") }) },
  "POST /api/meetings/:meetingId/rating": { kind: "meeting", roles: ALL, call: (f) => ({ method: "POST", path: m(f.meetingId, "/rating"), body: { id: cmdId(), score: 8, comment: "Good" } }) },
  "GET /api/meetings/:meetingId/history": { kind: "meeting", roles: ALL, call: (f) => ({ method: "GET", path: m(f.meetingId, "/history") }) },
  "POST /api/meetings/:meetingId/kpi/import": {
    kind: "meeting",
    roles: LEADS,
    call: (f) => ({
      method: "POST",
      path: m(f.meetingId, "/kpi/import"),
      contentType: "text/csv",
      body: `type,name,objective,owner,unit,direction,target,target_max,start,tolerance_pct,from,to\r\nkpi,Imported KPI,,,%,higher,90,,,10,,\r\n`,
    }),
  },
  "POST /api/meetings/:meetingId/kpi/request": { kind: "meeting", roles: LEADS, call: (f) => ({ method: "POST", path: m(f.meetingId, "/kpi/request") }) },
  "GET /api/meetings/:meetingId/setup": { kind: "meeting", roles: ALL, call: (f) => ({ method: "GET", path: m(f.meetingId, "/setup") }) },
  "PUT /api/meetings/:meetingId/setup": {
    kind: "meeting",
    roles: LEADS,
    call: (f) => ({ method: "PUT", path: m(f.meetingId, "/setup"), body: { id: cmdId(), templateId: "teamWeekly45", teamId: null, channelId: null } }),
  },
};

/** Routes that exist in local mode only: the local meeting page, its sign-in and chat, and the Bot Connector stand-in. */
const isLocalOnly = (route: string): boolean => {
  const path = route.slice(route.indexOf(" ") + 1);
  return path === "/" || path.startsWith("/local/") || path.startsWith(`${CONNECTOR_PREFIX}/`);
};

/** Sends `call` with `headers`/`query`; a stream is closed as soon as its status is known. */
async function send(call: Call, headers: Record<string, string>, query = ""): Promise<{ status: number; code: string | null; message: string | null }> {
  const url = `${service.url}${call.path}${query ? (call.path.includes("?") ? "&" : "?") + query : ""}`;
  const abort = new AbortController();
  const h: Record<string, string> = { ...headers, ...(call.stream ? { accept: "text/event-stream" } : {}) };
  let body: string | undefined;
  if (call.body !== undefined) {
    body = typeof call.body === "string" ? call.body : JSON.stringify(call.body);
    h["content-type"] = call.contentType ?? "application/json";
  }
  const res = await fetch(url, { method: call.method, headers: h, body, signal: abort.signal });
  if (call.stream && res.headers.get("content-type")?.startsWith("text/event-stream")) {
    abort.abort();
    return { status: res.status, code: null, message: null };
  }
  const text = await res.text();
  let error: ErrorBody["error"] | null = null;
  if (res.headers.get("content-type")?.includes("json") && text) error = (JSON.parse(text) as Partial<ErrorBody>).error ?? null;
  return { status: res.status, code: error?.code ?? null, message: error?.message ?? null };
}

const refusedForAccess = (status: number) => status === 401 || status === 403 || status === 404;

// ─── the tests ──────────────────────────────────────────────────────────────────────────────────────────────────

describe("every route has its row", () => {
  it("the table names exactly the routes the service registers, in local and in production mode", () => {
    const registered = new Set([...service.app.routes(), ...prod.app.routes()].filter((r) => !isLocalOnly(r)));
    expect([...registered].sort()).toEqual(Object.keys(ROUTES).sort());
  });

  it("the local-only routes do not exist in production: not registered, and 404 there", async () => {
    const local = service.app.routes().filter(isLocalOnly);
    expect(local.length).toBeGreaterThan(5);
    expect(prod.app.routes().filter(isLocalOnly)).toEqual([]);
    for (const route of local) {
      const [method = "GET", template = "/"] = route.split(" ");
      const path = template.replace(/:[A-Za-z]+/g, "x").replace(/\*$/, "x");
      const res = await prod.fetch(path, { method, ...(method === "GET" ? {} : { headers: { "content-type": "application/json" }, body: "{}" }) });
      expect(res.status, route).toBe(404);
    }
  });
});

const meetingRoutes = Object.entries(ROUTES).flatMap(([route, access]) => (access.kind === "meeting" ? [{ route, access }] : []));

describe.each(meetingRoutes)("$route", ({ access }) => {
  it.each(PEOPLE)("as %s: allowed exactly for its roles; refused without a change otherwise", async (person) => {
    const f = await fixture();
    if (person === "leftMeeting") leave(f);
    const role = ROLE_OF[person];
    const allowed = role !== null && access.roles.includes(role);
    const before = await stateOf(f);
    const res = await send(access.call(f), { authorization: `Bearer ${f.tokens[person]}` });
    if (allowed) {
      expect(refusedForAccess(res.status), `${res.status} ${res.code}: ${res.message}`).toBe(false);
      expect(res.status).toBeLessThan(500);
    } else {
      expect(res.status, `${res.code}: ${res.message}`).toBe(403);
      expect(res.message?.length).toBeGreaterThan(10);
      expect(await stateOf(f)).toBe(before);
    }
  });

  it.each(BAD_TOKENS)("with a bad token (%s): 401 with a message, nothing changed", async (kind) => {
    const f = await fixture();
    const before = await stateOf(f);
    const { headers, query } = await badCredentials(kind);
    const res = await send(access.call(f), headers, query);
    expect(res.status, `${res.code}: ${res.message}`).toBe(401);
    expect(res.message?.length).toBeGreaterThan(10);
    expect(await stateOf(f)).toBe(before);
  });
});

const selfRoutes = Object.entries(ROUTES).flatMap(([route, access]) => (access.kind === "self" ? [{ route, access }] : []));

describe.each(selfRoutes)("$route", ({ access }) => {
  it.each(PEOPLE)("as %s: allowed (it answers only the caller's own data)", async (person) => {
    const f = await fixture();
    const res = await send(access.call(), { authorization: `Bearer ${f.tokens[person]}` });
    // Any signed-in user gets in; what they may touch is theirs alone (a made-up action is simply not found).
    expect([200, 404], `${res.status} ${res.code}: ${res.message}`).toContain(res.status);
  });

  it.each(BAD_TOKENS)("with a bad token (%s): 401 with a message", async (kind) => {
    const { headers, query } = await badCredentials(kind);
    const res = await send(access.call(), headers, query);
    expect(res.status, `${res.code}: ${res.message}`).toBe(401);
    expect(res.message?.length).toBeGreaterThan(10);
  });
});

describe("the stream of someone who leaves the meeting", () => {
  it("ends by itself within a heartbeat, and reopening it is refused", async () => {
    const f = await fixture();
    const stream = await service.openStream(f.meetingId, f.tokens.otherAttendee);
    expect(stream.status).toBe(200);
    expect((await stream.nextMessage()).type).toBe("hello");
    leave(f);
    // Heartbeats may still come; what matters is that the stream ends (next() throws once it has).
    const ended = async () => {
      for (;;) await stream.next(HEARTBEAT_MS + 10_000);
    };
    await expect(ended()).rejects.toThrow(/ended/);
    const again = await service.openStream(f.meetingId, f.tokens.otherAttendee);
    expect(again.status).toBe(403);
  }, HEARTBEAT_MS * 3);
});

describe("the routes that need no user token", () => {
  it("public routes answer without a token, and the bot endpoint refuses an activity without a Bot Framework token in production", async () => {
    for (const [route, access] of Object.entries(ROUTES)) {
      if (access.kind !== "public") continue;
      const path = route.split(" ")[1]?.replace(/\*$/, "") ?? "/";
      expect(refusedForAccess((await fetch(`${service.url}${path}`)).status) && path !== "/tab/", route).toBe(false);
    }
    const res = await prod.fetch("/api/messages", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ type: "message", text: "hi" }) });
    expect(res.status).toBe(401);
  });
});

// ─── commands: every type of every union × the callers it concerns ──────────────────────────────────────────────

const COMMAND_CALLERS = ["organizer", "presenter", "owner", "otherAttendee", "outsider"] as const satisfies readonly Person[];

describe("every command type has its row", () => {
  it("meeting, SIR and KPI: the samples cover each union exactly, and each sample is a valid command", () => {
    expect(Object.keys(MEETING_SAMPLES).sort()).toEqual(typesOf(MeetingCommand));
    expect(Object.keys(COMMAND_CAPABILITY).sort()).toEqual(typesOf(MeetingCommand));
    expect(Object.keys(SIR_SAMPLES).sort()).toEqual(typesOf(SirCommand));
    expect(Object.keys(KPI_SAMPLES).sort()).toEqual(typesOf(KpiCommand));
    expect(Object.keys(ACTION_SAMPLES).sort()).toEqual(typesOf(ActionCommand));
    const f = { meetingId: "m", sirItemId: "sir-abcdefgh1", metricId: "kpi-abcdefgh1", objectiveId: "obj-abcdefgh1", currentWeek: "2026-W49" } as Fixture;
    for (const [type, body] of Object.entries(MEETING_SAMPLES)) expect(MeetingCommand.safeParse({ id: cmdId(), type, ...body(f) }).success, type).toBe(true);
    for (const [type, s] of Object.entries(SIR_SAMPLES)) expect(SirCommand.safeParse({ id: cmdId(), type, ...s.body(f) }).success, type).toBe(true);
    for (const [type, s] of Object.entries(KPI_SAMPLES)) expect(KpiCommand.safeParse({ id: cmdId(), type, ...s.body(f) }).success, type).toBe(true);
    const a = { ...f, actionId: "act-abcdefgh1", subtaskId: "st-abcdefgh1", actionOwnerId: "user-1" };
    for (const [type, s] of Object.entries(ACTION_SAMPLES)) expect(ActionCommand.safeParse({ id: cmdId(), type, ...s.body(a) }).success, type).toBe(true);
    expect(Object.keys(GOOD_NEWS_SAMPLES).sort()).toEqual(typesOf(GoodNewsCommand));
    for (const [type, s] of Object.entries(GOOD_NEWS_SAMPLES)) expect(GoodNewsCommand.safeParse({ id: cmdId(), type, ...s.body({ ...a, goodNewsId: "gn-abcdefgh1" }) }).success, type).toBe(true);
  });
});

describe("every priorities command type has its row", () => {
  it("the samples cover the union exactly, and each sample is a valid command", () => {
    expect(Object.keys(PRIORITY_SAMPLES).sort()).toEqual(typesOf(PriorityCommand));
    const f = { meetingId: "m", sirItemId: "sir-abcdefgh1", metricId: "kpi-abcdefgh1", objectiveId: "obj-abcdefgh1", currentWeek: "2026-W49", actionId: "act-abcdefgh1", subtaskId: "st-abcdefgh1", actionOwnerId: "user-1" } as Fixture;
    for (const [type, s] of Object.entries(PRIORITY_SAMPLES)) expect(PriorityCommand.safeParse({ id: cmdId(), type, ...s.body(f) }).success, type).toBe(true);
  });
});

/** Sends a command as `person` to a fresh fixture and checks: allowed → not refused; refused → 403 with a message and no change. */
async function commandCell(path: string, command: (f: Fixture) => Record<string, unknown>, person: Person, allowed: boolean): Promise<void> {
  const f = await fixture();
  const before = await stateOf(f);
  const res = await send({ method: "POST", path: path.replace(":m", encodeURIComponent(f.meetingId)), body: { command: { id: cmdId(), ...command(f) } } }, { authorization: `Bearer ${f.tokens[person]}` });
  if (allowed) {
    expect(refusedForAccess(res.status), `${res.status} ${res.code}: ${res.message}`).toBe(false);
    expect(res.status).toBeLessThan(500);
  } else {
    expect(res.status, `${res.code}: ${res.message}`).toBe(403);
    expect(res.message?.length).toBeGreaterThan(10);
    expect(await stateOf(f)).toBe(before);
  }
}

const cells = <T extends string>(types: readonly T[]) => types.flatMap((type) => COMMAND_CALLERS.map((person) => ({ type, person })));

describe("meeting commands × callers", () => {
  it.each(cells(Object.keys(MEETING_SAMPLES) as MeetingCommandType[]))("$type as $person", async ({ type, person }) => {
    const role = ROLE_OF[person];
    await commandCell("/api/meetings/:m/commands", (f) => ({ type, ...MEETING_SAMPLES[type](f) }), person, role !== null && can(role, COMMAND_CAPABILITY[type]));
  });
});

describe("SIR commands × callers (Alex owns the item)", () => {
  it.each(cells(Object.keys(SIR_SAMPLES) as SirCommandType[]))("$type as $person", async ({ type, person }) => {
    const { who, body } = SIR_SAMPLES[type];
    const role = ROLE_OF[person];
    const lead = role !== null && can(role, "sir:handle");
    const allowed = role !== null && (who === "participants" || lead || (who === "authorOrLead" && person === "owner"));
    await commandCell("/api/meetings/:m/sir/commands", (f) => ({ type, ...body(f) }), person, allowed);
  });
});

describe("action commands × callers (Alex owns the action)", () => {
  it.each(cells(Object.keys(ACTION_SAMPLES) as ActionCommandType[]))("$type as $person", async ({ type, person }) => {
    const { who, body } = ACTION_SAMPLES[type];
    const role = ROLE_OF[person];
    const lead = role !== null && can(role, "actions:lead");
    const allowed = role !== null && (who === "participants" || lead || (who === "ownerOrLead" && person === "owner"));
    await commandCell("/api/meetings/:m/actions/commands", (f) => ({ type, ...body(f) }), person, allowed);
  });
});

describe("good-news commands × callers (Alex wrote the item)", () => {
  it.each(cells(Object.keys(GOOD_NEWS_SAMPLES) as GoodNewsCommandType[]))("$type as $person", async ({ type, person }) => {
    const { who, body } = GOOD_NEWS_SAMPLES[type];
    const role = ROLE_OF[person];
    const lead = role !== null && can(role, GOOD_NEWS_CAPABILITY.lead);
    const allowed = role !== null && (who === "participants" || lead || (who === "authorOrLead" && person === "owner"));
    await commandCell("/api/meetings/:m/good-news/commands", (f) => ({ type, ...body(f) }), person, allowed);
  });
});

describe("priorities commands × callers (Alex is the member)", () => {
  it.each(cells(Object.keys(PRIORITY_SAMPLES) as PriorityCommandType[]))("$type as $person", async ({ type, person }) => {
    const { who, body } = PRIORITY_SAMPLES[type];
    const role = ROLE_OF[person];
    const lead = role !== null && can(role, "meeting:drive");
    const allowed = role !== null && (lead || (who === "ownerOrLead" && person === "owner"));
    await commandCell("/api/meetings/:m/priorities/commands", (f) => ({ type, ...body(f) }), person, allowed);
  });
});

describe("KPI commands × callers (Alex owns the KPI)", () => {
  it.each(cells(Object.keys(KPI_SAMPLES) as KpiCommandType[]))("$type as $person", async ({ type, person }) => {
    const { who, body } = KPI_SAMPLES[type];
    const role = ROLE_OF[person];
    const lead = role !== null && can(role, "kpi:manage");
    const allowed = role !== null && (lead || (who === "ownerOrLead" && person === "owner"));
    await commandCell("/api/meetings/:m/kpi/commands", (f) => ({ type, ...body(f) }), person, allowed);
  });
});
