/** @module Hostile input from outside, over real HTTP on real Azurite, in production mode and local mode: the bot endpoint, the static panel's paths, the local token route, security headers. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { securityHeaders, TEAMS_FRAME_ANCESTORS } from "../bot/src/http/static.js";
import { PRODUCTION_ENV, startProductionService, type ProductionService } from "./helpers/production.js";
import { postActivity, startService, teamsActivity, teamsUser, ORGANIZER, type ErrorBody, type Service } from "./helpers/service.js";

let prod: ProductionService;
let local: Service;

beforeAll(async () => {
  [prod, local] = await Promise.all([startProductionService(), startService()]);
});

afterAll(async () => {
  await Promise.all([prod?.close(), local?.close()]);
});

const json = (body: string, headers: Record<string, string> = {}): RequestInit => ({ method: "POST", headers: { "content-type": "application/json", ...headers }, body });
/** `[[[…]]]` nested `depth` times: deep enough to overflow a recursive walk. */
const nested = (depth: number): string => `{"type":"message","value":${"[".repeat(depth)}${"]".repeat(depth)}}`;

describe("the bot endpoint refuses hostile activities without a 500 or a log line", () => {
  it("in production, bodies without a type, with a wrong type or deeply nested get 400; an activity without a Bot Framework token gets 401", async () => {
    const before = prod.logs.length;
    const cases: Array<[string, RequestInit, number]> = [
      ["{}", json("{}"), 400],
      ["type: 5", json('{"type":5}'), 400],
      ["type: ''", json('{"type":""}'), 400],
      ["an array", json("[]"), 400],
      ["null", json("null"), 400],
      ["nested 200,000 deep", json(nested(200_000)), 400],
      ["no token", json(JSON.stringify({ type: "message", text: "hi", serviceUrl: "https://smba.trafficmanager.net/emea/", channelId: "msteams" })), 401],
      ["a forged token", json(JSON.stringify({ type: "message", text: "hi", serviceUrl: "https://smba.trafficmanager.net/emea/", channelId: "msteams" }), { authorization: "Bearer eyJhbGciOiJub25lIn0.eyJhdWQiOiJ4In0." }), 401],
      ["not a bearer", json(JSON.stringify({ type: "message" }), { authorization: "Basic Zm9vOmJhcg==" }), 401],
    ];
    for (const [name, init, status] of cases) {
      for (let i = 0; i < 3; i++) {
        const res = await prod.fetch("/api/messages", init);
        expect(res.status, name).toBe(status);
        await res.text();
      }
    }
    expect(prod.logs.slice(before)).toEqual([]);
  });

  it("in local mode (no Bot Framework auth), a body without a type or deeply nested is 400, and a real activity still works", async () => {
    expect((await postActivity<ErrorBody>(local, {})).status).toBe(400);
    const deep = await fetch(`${local.url}/api/messages`, json(nested(200_000)));
    expect(deep.status).toBe(400);
    expect(((await deep.json()) as ErrorBody).error.code).toBe("badActivity");
    const ok = await postActivity(local, teamsActivity(local, teamsUser(ORGANIZER), { text: "help" }));
    expect(ok.status).toBe(200);
  });

  // Found by the fuzzer (test/fuzz.test.ts): botbuilder trusts these types and failed inside its reply, a 500 and two log lines each.
  it.each<[string, Record<string, unknown>]>([
    ["id: true", { id: true }],
    ["conversation.id: 5", { conversation: { id: 5 } }],
    ["from: 'x'", { from: "x" }],
    ["serviceUrl: []", { serviceUrl: [] }],
    ["text: {}", { text: {} }],
  ])("in local mode, a message activity with %s is 400 naming the field, not a 500", async (_name, overrides) => {
    const res = await postActivity<ErrorBody>(local, teamsActivity(local, teamsUser(ORGANIZER), { text: "help", ...overrides }));
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("badActivity");
    expect(res.body.error.message).toContain(Object.keys(overrides)[0] ?? "");
  });
});

describe("the local meeting page does not exist in production, however its path is spelled", () => {
  const variants = [
    "/tab/local/meeting.html",
    "/tab/.%2flocal/meeting.html",
    "/tab/.%2Flocal/meeting.html",
    "/tab/./local/meeting.html",
    "/tab//local/meeting.html",
    "/tab/%2e/local/meeting.html",
    "/tab/%2E%2flocal%2fmeeting.html",
    "/tab/local%2fmeeting.html",
    "/tab/x/../local/meeting.html",
    "/tab/x/%2e%2e/local/meeting.html",
    "/tab/x%2f..%2flocal/meeting.html",
    "/tab/.%5clocal/meeting.html",
    "/tab/local%5cmeeting.html",
    "/tab/.%252flocal/meeting.html",
    "/tab/%252e/local/meeting.html",
    "/tab/local/meeting.html%00",
    "/tab/local%00/meeting.html",
    "/tab/LOCAL/meeting.html",
    "/tab/./././/local/meeting.html",
    "/tab/local/./meeting.html",
  ];
  it.each(variants)("%s → 404", async (variant) => {
    // fetch would resolve dot segments itself; send the path exactly as written.
    const res = await rawGet(prod.url, variant);
    expect(res.status).toBe(404);
    expect(res.body).not.toContain("<title>local meeting");
  });

  it("the panel itself is still served in production, by its canonical and its dotted path", async () => {
    expect((await rawGet(prod.url, "/tab/")).status).toBe(200);
    expect((await rawGet(prod.url, "/tab/index.html")).status).toBe(200);
    expect((await rawGet(prod.url, "/tab/./index.html")).status).toBe(200);
  });
});

describe("local routes", () => {
  it.each(["null", "5", '"x"', "[]", "true"])("POST /local/token with body %s is 400", async (body) => {
    const res = await fetch(`${local.url}/local/token`, json(body));
    expect(res.status).toBe(400);
    expect(((await res.json()) as ErrorBody).error.code).toBe("unknownUser");
  });
});

describe("security headers on every response", () => {
  const paths: Array<[string, RequestInit | undefined]> = [
    ["/api/time", undefined],
    ["/api/meetings/m1", undefined],
    ["/nothing-here", undefined],
    ["/tab/index.html", undefined],
    ["/api/messages", json("{}")],
  ];
  it.each(paths)("%s in production: nosniff, a referrer policy and HSTS", async (p, init) => {
    const res = await prod.fetch(p, init);
    await res.text();
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("referrer-policy")).toBe("no-referrer");
    expect(res.headers.get("strict-transport-security")).toMatch(/^max-age=\d{8,}; includeSubDomains$/);
  });

  it.each(paths)("%s in local mode: nosniff and a referrer policy, no HSTS (plain http on loopback)", async (p, init) => {
    const res = await fetch(`${local.url}${p}`, init);
    await res.text();
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("referrer-policy")).toBe("no-referrer");
    expect(res.headers.get("strict-transport-security")).toBeNull();
  });
});

describe("secrets never reach the log", () => {
  it("tokens in headers, query strings and bodies, and the bot's password, are not in anything the service logged", async () => {
    // Shaped like a JWT, so that any code that logs "the token" would log this.
    const token = `eyJhbGciOiJSUzI1NiJ9.${Buffer.from(JSON.stringify({ oid: "canary-user", tid: "canary-tenant", exp: 9_999_999_999 })).toString("base64url")}.canary-signature-4f1c`;
    const bearer = { authorization: `Bearer ${token}` };
    const requests: Array<[string, RequestInit]> = [
      ["/api/meetings/m1", { headers: bearer }],
      ["/api/meetings/m1/stream", { headers: { ...bearer, accept: "text/event-stream" } }],
      [`/api/meetings/m1?access_token=${token}`, {}],
      ["/api/meetings/m1/commands", { method: "POST", headers: { ...bearer, "content-type": "application/json" }, body: JSON.stringify({ command: { id: "cmd-canary-0001", type: "startMeeting" }, token }) }],
      ["/api/messages", json(JSON.stringify({ type: "message", text: token, serviceUrl: "https://smba.trafficmanager.net/emea/" }), bearer)],
      ["/api/messages", json(JSON.stringify({ type: "invoke", name: "adaptiveCard/action", value: { action: { data: { token } } } }), bearer)],
      ["/api/messages", json(nested(5000), bearer)],
      ["/tab/../../etc/passwd", { headers: bearer }],
    ];
    const before = prod.logs.length;
    for (const [p, init] of requests) {
      const res = await prod.fetch(p, init);
      await res.text();
      expect(res.status, p).toBeGreaterThanOrEqual(400);
      expect(res.status, p).toBeLessThan(500);
    }
    const logged = prod.logs.join("\n");
    expect(logged).not.toContain("canary-signature-4f1c");
    expect(logged).not.toContain(token.split(".")[1]);
    expect(logged).not.toContain(PRODUCTION_ENV.MicrosoftAppPassword);
    // Hostile requests are answered, not narrated: at most a line for the lot.
    expect(prod.logs.length - before).toBeLessThanOrEqual(1);
  });
});

describe("who may frame the pages", () => {
  const ancestorsOf = (csp: string | null) => (/frame-ancestors ([^;]+)/.exec(csp ?? "")?.[1] ?? "").split(" ").sort();

  it("in production, exactly the Teams and Microsoft 365 hosts: not even this origin", async () => {
    const res = await prod.fetch("/tab/index.html");
    await res.text();
    expect(res.status).toBe(200);
    expect(ancestorsOf(res.headers.get("content-security-policy"))).toEqual([...TEAMS_FRAME_ANCESTORS].sort());
  });

  it("in local mode also this origin, whose local meeting page frames the panel", () => {
    expect(ancestorsOf(securityHeaders(false)["content-security-policy"] ?? null)).toEqual(["'self'", ...TEAMS_FRAME_ANCESTORS].sort());
  });
});

/** A GET with the request target exactly as given (no URL normalisation on our side). */
async function rawGet(base: string, target: string): Promise<{ status: number; body: string }> {
  const { request } = await import("node:http");
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path: target, method: "GET" }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => (body += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    req.end();
  });
}
