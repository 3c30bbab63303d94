/** @module Verifies a Teams SSO token (Entra ID JWT, or the local dev issuer's): signature from the issuer's JWKS, issuer, tenant, audience, expiry, scope. */
import { createHash } from "node:crypto";
import { createRemoteJWKSet, errors, jwtVerify, type JWTVerifyGetKey } from "jose";
import type { AuthConfig } from "../config.js";

export interface Identity {
  /** Entra object id (`oid`): the user everywhere in the product, with the tenant. */
  readonly userId: string;
  readonly tenantId: string;
  readonly name: string;
}

export class AuthError extends Error {
  constructor(message: string) {
    super(message);
  }
}

export type TokenVerifier = (authorization: string | undefined) => Promise<Identity>;

/** A comma-separated setting as a list: Entra issues v1 tokens (`api://…` audience, sts.windows.net issuer) or v2 ones (client-id audience, login.microsoftonline.com issuer) depending on the app registration, so both can be allowed. */
const list = (value: string): string[] => value.split(",").map((s) => s.trim()).filter(Boolean);

/** How long a verified token is taken as verified without checking its signature again (never past its `exp`). */
export const VERIFIED_TTL_MS = 5 * 60_000;
const MAX_VERIFIED = 10_000;

/**
 * A panel sends the same token with every command until it expires (about an hour), and verifying its signature is
 * most of the token check's cost. A token that passed every check is remembered by its SHA-256 (the token itself is
 * not kept) until its `exp`, at most VERIFIED_TTL_MS, so a signing key Microsoft withdraws stops being accepted
 * within 5 minutes even for tokens already seen. Refusals are never remembered: a bad token is checked in full each time.
 */
export function createTokenVerifier(config: AuthConfig, keys: JWTVerifyGetKey = createRemoteJWKSet(new URL(config.jwksUrl), { cooldownDuration: 30_000 }), now: () => number = Date.now): TokenVerifier {
  const audiences = list(config.audience);
  const issuers = list(config.issuer);
  const verified = new Map<string, { readonly identity: Identity; readonly until: number }>();
  return async (authorization) => {
    if (!authorization) throw new AuthError("Sign-in required: send the Teams SSO token as 'Authorization: Bearer <token>'.");
    const match = /^Bearer ([A-Za-z0-9_.-]{20,8192})$/.exec(authorization);
    if (!match?.[1]) throw new AuthError("The Authorization header must be 'Bearer <token>'.");
    const hash = createHash("sha256").update(match[1]).digest("base64url");
    const known = verified.get(hash);
    if (known && now() < known.until) return known.identity;
    verified.delete(hash);
    let payload;
    try {
      // A token without `exp` would be good forever once leaked: Entra always sets it, so its absence is refused.
      ({ payload } = await jwtVerify(match[1], keys, { audience: audiences, clockTolerance: 60, algorithms: ["RS256", "ES256"], requiredClaims: ["exp"], currentDate: new Date(now()) }));
    } catch (err) {
      if (err instanceof errors.JWTExpired) throw new AuthError("The sign-in token has expired; the panel will fetch a new one.");
      if (err instanceof errors.JWTClaimValidationFailed) throw new AuthError(`The sign-in token was not issued for this app (${err.claim} check failed).`);
      if (err instanceof errors.JWSSignatureVerificationFailed || err instanceof errors.JWKSNoMatchingKey) throw new AuthError("The sign-in token's signature is not valid.");
      throw new AuthError("The sign-in token could not be verified.");
    }
    const tid = typeof payload.tid === "string" ? payload.tid : "";
    const oid = typeof payload.oid === "string" ? payload.oid : "";
    if (!tid || !oid) throw new AuthError("The sign-in token has no tenant or user id.");
    if (!issuers.some((issuer) => issuer.replace("{tenantid}", tid) === payload.iss)) throw new AuthError("The sign-in token comes from an issuer this app does not trust.");
    if (config.allowedTenants.length > 0 && !config.allowedTenants.includes(tid)) throw new AuthError("Your organisation is not allowed to use this app.");
    const scopes = typeof payload.scp === "string" ? payload.scp.split(" ") : [];
    if (!scopes.includes(config.scope)) throw new AuthError(`The sign-in token lacks the '${config.scope}' permission.`);
    const name = typeof payload.name === "string" ? payload.name : typeof payload.preferred_username === "string" ? payload.preferred_username : "";
    const identity: Identity = { userId: oid, tenantId: tid, name };
    // `exp` is required (checked above); the time jose accepted it at may be up to its 60 s tolerance past it: not remembered then.
    const until = Math.min((payload.exp ?? 0) * 1000, now() + VERIFIED_TTL_MS);
    if (until > now()) {
      verified.set(hash, { identity, until });
      if (verified.size > MAX_VERIFIED) verified.delete(verified.keys().next().value ?? "");
    }
    return identity;
  };
}
