/** @module Verifies a Teams SSO token (Entra ID JWT, or the local dev issuer's): signature from the issuer's JWKS, issuer, tenant, audience, expiry, scope. */
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

export function createTokenVerifier(config: AuthConfig, keys: JWTVerifyGetKey = createRemoteJWKSet(new URL(config.jwksUrl), { cooldownDuration: 30_000 })): TokenVerifier {
  const audiences = list(config.audience);
  const issuers = list(config.issuer);
  return async (authorization) => {
    if (!authorization) throw new AuthError("Sign-in required: send the Teams SSO token as 'Authorization: Bearer <token>'.");
    const match = /^Bearer ([A-Za-z0-9_.-]{20,8192})$/.exec(authorization);
    if (!match?.[1]) throw new AuthError("The Authorization header must be 'Bearer <token>'.");
    let payload;
    try {
      // A token without `exp` would be good forever once leaked: Entra always sets it, so its absence is refused.
      ({ payload } = await jwtVerify(match[1], keys, { audience: audiences, clockTolerance: 60, algorithms: ["RS256", "ES256"], requiredClaims: ["exp"] }));
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
    return { userId: oid, tenantId: tid, name };
  };
}
