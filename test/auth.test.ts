/** @module Token verification against the dev issuer's JWKS served over real HTTP: the multi-tenant issuer template and the tenant allow-list. */
import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AuthError, createTokenVerifier, VERIFIED_TTL_MS } from "../bot/src/auth/verify-token.js";
import type { JWTVerifyGetKey } from "jose";
import type { AuthConfig } from "../bot/src/config.js";
import { startService, type Service } from "./helpers/service.js";

const CONTOSO = "00000000-0000-4000-8000-0000000c0250";
const FABRIKAM = "00000000-0000-4000-8000-0000000fab12";
const USER = "00000000-0000-4000-8000-00000000d001";

let service: Service;
let auth: AuthConfig;

beforeAll(async () => {
  service = await startService();
  auth = service.issuer.auth;
});

afterAll(async () => {
  await service?.close();
});

const bearer = async (tid: string, options: { issuer?: string } = {}) => `Bearer ${await service.issuer.sign({ oid: USER, tid, name: "Dana" }, options)}`;

describe("token verification", () => {
  it("fetches the signing keys from the issuer's JWKS URL", async () => {
    expect(auth.jwksUrl).toBe(`${service.url}/local/jwks.json`);
    const jwks = await service.api<{ keys: Array<{ kid?: string; alg?: string }> }>("/local/jwks.json");
    expect(jwks.body.keys).toEqual([expect.objectContaining({ alg: "ES256", kid: expect.any(String) })]);
  });

  it("with the {tenantid} issuer template, accepts each tenant's token from that tenant's issuer", async () => {
    expect(auth.issuer).toContain("{tenantid}");
    const verify = createTokenVerifier(auth);
    await expect(verify(await bearer(CONTOSO))).resolves.toEqual({ userId: USER, tenantId: CONTOSO, name: "Dana" });
    await expect(verify(await bearer(FABRIKAM))).resolves.toMatchObject({ tenantId: FABRIKAM });
  });

  it("refuses a token whose issuer belongs to another tenant than its tid claim", async () => {
    const verify = createTokenVerifier(auth);
    const crossed = await bearer(CONTOSO, { issuer: auth.issuer.replace("{tenantid}", FABRIKAM) });
    await expect(verify(crossed)).rejects.toBeInstanceOf(AuthError);
    await expect(verify(crossed)).rejects.toThrow(/issuer this app does not trust/);
  });

  it("a single-tenant issuer refuses every other tenant", async () => {
    const verify = createTokenVerifier({ ...auth, issuer: auth.issuer.replace("{tenantid}", CONTOSO) });
    await expect(verify(await bearer(CONTOSO))).resolves.toMatchObject({ tenantId: CONTOSO });
    await expect(verify(await bearer(FABRIKAM))).rejects.toThrow(/issuer this app does not trust/);
  });

  it("an allowed-tenants list lets its tenants in and refuses another tenant with a clear message", async () => {
    const verify = createTokenVerifier({ ...auth, allowedTenants: [CONTOSO] });
    await expect(verify(await bearer(CONTOSO))).resolves.toMatchObject({ tenantId: CONTOSO });
    const other = verify(await bearer(FABRIKAM));
    await expect(other).rejects.toBeInstanceOf(AuthError);
    await expect(other).rejects.toThrow("Your organisation is not allowed to use this app.");
  });

  it("requires the configured scope", async () => {
    const verify = createTokenVerifier({ ...auth, scope: "Meetings.Drive" });
    await expect(verify(await bearer(CONTOSO))).rejects.toThrow(/lacks the 'Meetings.Drive' permission/);
  });

  it("refuses a token without an expiry (exp), however good the rest of it is", async () => {
    const { publicKey, privateKey } = await generateKeyPair("ES256");
    const keys = createLocalJWKSet({ keys: [{ ...(await exportJWK(publicKey)), kid: "k1", alg: "ES256" }] });
    const verify = createTokenVerifier(auth, keys);
    const token = (exp: boolean) => {
      const jwt = new SignJWT({ tid: CONTOSO, oid: USER, name: "Dana", scp: auth.scope })
        .setProtectedHeader({ alg: "ES256", kid: "k1" })
        .setIssuer(auth.issuer.replace("{tenantid}", CONTOSO))
        .setAudience(auth.audience)
        .setIssuedAt();
      return (exp ? jwt.setExpirationTime("1h") : jwt).sign(privateKey);
    };
    await expect(verify(`Bearer ${await token(true)}`)).resolves.toMatchObject({ userId: USER });
    await expect(verify(`Bearer ${await token(false)}`)).rejects.toThrow(/exp check failed/);
  });

  it("checks a good token's signature once per 5 minutes, never past its expiry; a bad one every time", async () => {
    const { publicKey, privateKey } = await generateKeyPair("ES256");
    const local = createLocalJWKSet({ keys: [{ ...(await exportJWK(publicKey)), kid: "k1", alg: "ES256" }] });
    let lookups = 0;
    // The key look-up is part of every signature check: counting it counts the checks.
    const keys: JWTVerifyGetKey = (header, token) => {
      lookups++;
      return local(header, token);
    };
    let t = Date.now();
    const verify = createTokenVerifier(auth, keys, () => t);
    const sign = (expiresInS: number, claims: Record<string, unknown> = {}) =>
      new SignJWT({ tid: CONTOSO, oid: USER, name: "Dana", scp: auth.scope, ...claims })
        .setProtectedHeader({ alg: "ES256", kid: "k1" })
        .setIssuer(auth.issuer.replace("{tenantid}", CONTOSO))
        .setAudience(auth.audience)
        .setIssuedAt(Math.floor(t / 1000))
        .setExpirationTime(Math.floor(t / 1000) + expiresInS)
        .sign(privateKey);
    const hour = `Bearer ${await sign(3600)}`;
    for (let i = 0; i < 5; i++) await expect(verify(hour)).resolves.toEqual({ userId: USER, tenantId: CONTOSO, name: "Dana" });
    expect(lookups).toBe(1);
    t += VERIFIED_TTL_MS;
    await expect(verify(hour)).resolves.toMatchObject({ userId: USER });
    expect(lookups).toBe(2);

    // Remembered only until its exp: past it (and jose's 60 s tolerance) it is refused as expired.
    const short = `Bearer ${await sign(30)}`;
    await expect(verify(short)).resolves.toMatchObject({ userId: USER });
    t += 31_000;
    await expect(verify(short)).resolves.toMatchObject({ userId: USER }); // within the tolerance: checked again, not remembered
    t += 60_000;
    await expect(verify(short)).rejects.toThrow(/expired/);

    // A refused token is checked in full each time.
    const wrongScope = `Bearer ${await sign(3600, { scp: "Other.Scope" })}`;
    const before = lookups;
    for (let i = 0; i < 3; i++) await expect(verify(wrongScope)).rejects.toThrow(/lacks/);
    expect(lookups - before).toBe(3);
  });
});
