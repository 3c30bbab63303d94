/** @module The token cache asks Teams again only when the token is about to expire, or when told to after a 401. */
import { describe, expect, it } from "vitest";
import { createTokenCache, readJwtExpiry } from "./token-cache.js";

const b64url = (s: string) => Buffer.from(s).toString("base64").replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
const jwt = (payload: object) => `${b64url('{"alg":"none"}')}.${b64url(JSON.stringify(payload))}.sig`;

describe("readJwtExpiry", () => {
  it("reads exp from a base64url payload, including non-ASCII claims", () => {
    expect(readJwtExpiry(jwt({ exp: 1_800_000_000, name: "Åse Øyvik ~~~???" }))).toBe(1_800_000_000);
  });

  it("returns null for anything that is not a readable JWT", () => {
    expect(readJwtExpiry("nonsense")).toBeNull();
    expect(readJwtExpiry("a.%%%.c")).toBeNull();
    expect(readJwtExpiry(jwt({ sub: "x" }))).toBeNull();
  });
});

describe("createTokenCache", () => {
  it("reuses a token until 60 s before exp, then asks again", async () => {
    let now = 1_000_000_000_000;
    let calls = 0;
    const getToken = createTokenCache({
      now: () => now,
      fetchToken: async () => jwt({ exp: Math.floor(now / 1000) + 300, n: ++calls }),
    });
    const first = await getToken({ fresh: false });
    expect(await getToken({ fresh: false })).toBe(first);
    now += 239_000;
    expect(await getToken({ fresh: false })).toBe(first);
    now += 2_000; // now within the last minute
    expect(await getToken({ fresh: false })).not.toBe(first);
    expect(calls).toBe(2);
  });

  it("fresh skips the cache, and concurrent callers share one request", async () => {
    let calls = 0;
    const getToken = createTokenCache({ now: () => 0, fetchToken: async () => jwt({ exp: 10_000, n: ++calls }) });
    const [a, b] = await Promise.all([getToken({ fresh: false }), getToken({ fresh: false })]);
    expect(a).toBe(b);
    expect(calls).toBe(1);
    await getToken({ fresh: true });
    expect(calls).toBe(2);
  });

  it("does not cache a failure", async () => {
    let fail = true;
    const getToken = createTokenCache({ now: () => 0, fetchToken: async () => (fail ? Promise.reject(new Error("consent required")) : jwt({ exp: 10_000 })) });
    await expect(getToken({ fresh: false })).rejects.toThrow("consent required");
    fail = false;
    await expect(getToken({ fresh: false })).resolves.toContain(".");
  });
});
