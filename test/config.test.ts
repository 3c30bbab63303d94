/** @module The service's configuration: local mode works with nothing set, production refuses to start without authentication, the bot's identity and real storage. */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../bot/src/config.js";

const PRODUCTION = {
  APP_ENV: "production",
  AUTH_ISSUER: "https://login.microsoftonline.com/{tenantid}/v2.0",
  AUTH_AUDIENCE: "api://okr.example.com/botid-11111111-2222-4333-8444-555555555555",
  AUTH_JWKS_URL: "https://login.microsoftonline.com/common/discovery/v2.0/keys",
  MicrosoftAppId: "11111111-2222-4333-8444-555555555555",
  MicrosoftAppPassword: "secret-from-key-vault",
  STORAGE_CONNECTION_STRING: "DefaultEndpointsProtocol=https;AccountName=okr;AccountKey=a2V5;EndpointSuffix=core.windows.net",
  AUTH_ALLOWED_TENANTS: "00000000-0000-4000-8000-0000000000aa",
} as const;

function configError(env: NodeJS.ProcessEnv): ConfigError {
  try {
    loadConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return err as ConfigError;
  }
  throw new Error("loadConfig accepted the configuration.");
}

describe("configuration", () => {
  it("local mode needs nothing: embedded storage, the dev issuer, loopback only", () => {
    const config = loadConfig({}, "/srv/okr");
    expect(config).toMatchObject({ env: "local", port: 3978, host: "127.0.0.1", storageConnectionString: null, auth: null, roleTtlMs: 30_000 });
    expect(config.dataDir).toBe(path.resolve("/srv/okr", ".data"));
  });

  it("production with nothing set refuses to start and names every missing setting", () => {
    const err = configError({ APP_ENV: "production" });
    expect(err.message).toMatch(/AUTH_ISSUER, AUTH_AUDIENCE, AUTH_JWKS_URL/);
    expect(err.message).toMatch(/MicrosoftAppId/);
    expect(err.message).toMatch(/STORAGE_CONNECTION_STRING/);
    expect(err.message).toMatch(/AUTH_ALLOWED_TENANTS/);
  });

  it("production needs an explicit tenant policy: a list of tenants, or * for any; never both", () => {
    const { AUTH_ALLOWED_TENANTS: _tenants, ...noPolicy } = PRODUCTION;
    expect(configError(noPolicy).message).toMatch(/AUTH_ALLOWED_TENANTS \(the tenant ids allowed in, or \* for any tenant\)/);
    expect(configError({ ...PRODUCTION, AUTH_ALLOWED_TENANTS: " , " }).message).toMatch(/AUTH_ALLOWED_TENANTS/);
    expect(loadConfig({ ...PRODUCTION, AUTH_ALLOWED_TENANTS: "*" }).auth?.allowedTenants).toEqual([]);
    expect(configError({ ...PRODUCTION, AUTH_ALLOWED_TENANTS: "*, t1" }).message).toMatch(/either '\*'/);
  });

  it("production needs the bot's secret, unless the bot signs in as a managed identity", () => {
    const { MicrosoftAppPassword: _password, ...noSecret } = PRODUCTION;
    expect(configError(noSecret).message).toMatch(/MicrosoftAppPassword \(or MicrosoftAppType=UserAssignedMSI\)/);
    expect(loadConfig({ ...noSecret, MicrosoftAppType: "UserAssignedMSI" }).bot.appType).toBe("UserAssignedMSI");
  });

  it("production names only what is missing", () => {
    const { STORAGE_CONNECTION_STRING: _storage, ...rest } = PRODUCTION;
    const err = configError(rest);
    expect(err.message).toMatch(/STORAGE_CONNECTION_STRING/);
    expect(err.message).not.toMatch(/MicrosoftAppId|AUTH_/);
  });

  it("a partial AUTH_* set is an error, in local mode too", () => {
    expect(configError({ AUTH_ISSUER: PRODUCTION.AUTH_ISSUER }).message).toMatch(/Set all of AUTH_ISSUER, AUTH_AUDIENCE and AUTH_JWKS_URL/);
    const { AUTH_JWKS_URL: _jwks, ...noJwks } = PRODUCTION;
    expect(configError(noJwks).message).toMatch(/AUTH_JWKS_URL/);
  });

  it("production refuses a JWKS URL that is not https", () => {
    expect(configError({ ...PRODUCTION, AUTH_JWKS_URL: "http://keys.example.com/jwks.json" }).message).toMatch(/https/);
  });

  it.each(["abc", "-1", "70000", "80.5"])("PORT=%s is an error that names PORT", (port) => {
    expect(configError({ PORT: port }).message).toMatch(new RegExp(`PORT must be a whole number.*'${port.replace(".", "\\.")}'`));
  });

  it("REMINDER_POLL_MS: a minute by default, 1 s to 1 h, anything else refused", () => {
    expect(loadConfig({}).reminderPollMs).toBe(60_000);
    expect(loadConfig({ REMINDER_POLL_MS: "5000" }).reminderPollMs).toBe(5000);
    expect(configError({ REMINDER_POLL_MS: "500" }).message).toMatch(/REMINDER_POLL_MS must be at least 1000/);
    expect(configError({ REMINDER_POLL_MS: "soon" }).message).toMatch(/REMINDER_POLL_MS must be a whole number/);
  });

  it("an unknown APP_ENV is an error", () => {
    expect(configError({ APP_ENV: "staging" }).message).toMatch(/APP_ENV must be 'local' or 'production'/);
  });

  it("production with everything set starts: all interfaces, the real issuer, the bot's identity and Azure storage", () => {
    const config = loadConfig({ ...PRODUCTION, PORT: "8080", AUTH_ALLOWED_TENANTS: " t1 , t2 ,", ROLE_TTL_MS: "5000" });
    expect(config).toMatchObject({
      env: "production",
      port: 8080,
      host: "0.0.0.0",
      storageConnectionString: PRODUCTION.STORAGE_CONNECTION_STRING,
      roleTtlMs: 5000,
      auth: { issuer: PRODUCTION.AUTH_ISSUER, audience: PRODUCTION.AUTH_AUDIENCE, jwksUrl: PRODUCTION.AUTH_JWKS_URL, allowedTenants: ["t1", "t2"], scope: "access_as_user" },
      bot: { appId: PRODUCTION.MicrosoftAppId, appPassword: PRODUCTION.MicrosoftAppPassword, appType: "MultiTenant" },
    });
  });
});
