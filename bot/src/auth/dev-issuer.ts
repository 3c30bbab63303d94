/**
 * @module The local development issuer: signs Teams-like SSO tokens with a key made at start-up and
 * publishes its JWKS, so local runs and tests go through the same verification as production.
 * Local mode only; production refuses to start without a real issuer.
 */
import { SignJWT, exportJWK, generateKeyPair, type JWK } from "jose";
import type { AuthConfig } from "../config.js";

export interface DevIdentity {
  readonly oid: string;
  readonly tid: string;
  readonly name: string;
  readonly upn?: string;
}

export interface DevIssuer {
  readonly auth: AuthConfig;
  readonly jwks: { keys: JWK[] };
  sign(identity: DevIdentity, options?: { expiresInSeconds?: number; notBeforeInSeconds?: number; audience?: string; scope?: string; issuer?: string }): Promise<string>;
}

export const DEV_AUDIENCE = "api://localhost/botid-00000000-0000-4000-8000-000000000002";

export async function createDevIssuer(baseUrl: string): Promise<DevIssuer> {
  const { publicKey, privateKey } = await generateKeyPair("ES256");
  const kid = `dev-${Date.now().toString(36)}`;
  const jwk = { ...(await exportJWK(publicKey)), kid, alg: "ES256", use: "sig" };
  const auth: AuthConfig = {
    issuer: `${baseUrl}/local/issuer/{tenantid}/v2.0`,
    audience: DEV_AUDIENCE,
    jwksUrl: `${baseUrl}/local/jwks.json`,
    allowedTenants: [],
    scope: "access_as_user",
  };
  return {
    auth,
    jwks: { keys: [jwk] },
    sign: async (id, options = {}) => {
      const now = Math.floor(Date.now() / 1000);
      return new SignJWT({ tid: id.tid, oid: id.oid, name: id.name, preferred_username: id.upn ?? `${id.oid}@local.test`, scp: options.scope ?? auth.scope, ver: "2.0" })
        .setProtectedHeader({ alg: "ES256", kid, typ: "JWT" })
        .setIssuer(options.issuer ?? auth.issuer.replace("{tenantid}", id.tid))
        .setAudience(options.audience ?? auth.audience)
        .setSubject(id.oid)
        .setIssuedAt(now)
        .setNotBefore(now + (options.notBeforeInSeconds ?? -5))
        .setExpirationTime(now + (options.expiresInSeconds ?? 3600))
        .sign(privateKey);
    },
  };
}
