/**
 * @module Caches the Teams SSO token until 60 s before it expires. The JWT payload is decoded here
 * only to read `exp`; nothing else in it is trusted (the service verifies the signature).
 */
import type { GetToken } from "../api/api-client.js";

/** The token's `exp` (seconds since the epoch), or null if the token cannot be read. */
export function readJwtExpiry(token: string): number | null {
  const payload = token.split(".")[1];
  if (!payload) return null;
  try {
    const base64 = payload.replace(/-/g, "+").replace(/_/g, "/").padEnd(Math.ceil(payload.length / 4) * 4, "=");
    const json = new TextDecoder().decode(Uint8Array.from(atob(base64), (c) => c.charCodeAt(0)));
    const exp = (JSON.parse(json) as { exp?: unknown }).exp;
    return typeof exp === "number" && Number.isFinite(exp) ? exp : null;
  } catch {
    return null;
  }
}

export interface TokenCacheOptions {
  readonly fetchToken: () => Promise<string>;
  /** The clock to compare `exp` with: the server clock estimate, so a skewed local clock does not send expired tokens. */
  readonly now: () => number;
  readonly marginMs?: number;
}

export function createTokenCache({ fetchToken, now, marginMs = 60_000 }: TokenCacheOptions): GetToken {
  let cached: { token: string; validUntil: number } | null = null;
  let inFlight: Promise<string> | null = null;

  const load = (): Promise<string> => {
    // Several requests at once (snapshot, stream, a command) share one call to Teams.
    inFlight ??= fetchToken()
      .then((token) => {
        const exp = readJwtExpiry(token);
        // A token we cannot read is used once and not cached: the 401 retry covers its expiry.
        cached = exp === null ? null : { token, validUntil: exp * 1000 - marginMs };
        return token;
      })
      .finally(() => {
        inFlight = null;
      });
    return inFlight;
  };

  return async ({ fresh }) => {
    if (fresh) cached = null;
    if (cached && now() < cached.validUntil) return cached.token;
    return load();
  };
}
