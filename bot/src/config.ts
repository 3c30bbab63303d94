/** @module The service's configuration from the environment, validated once at start. Production refuses unsafe settings. */
import { readFileSync } from "node:fs";
import path from "node:path";
import { LIMITS } from "./http/limits.js";
import { generatedAttendees, LOCAL_ROSTER_MAX, parseRoster, type LocalAttendee } from "./local/roster.js";

export type AppEnv = "local" | "production";

export interface AuthConfig {
  /** Accepted issuers, comma-separated; `{tenantid}` is replaced by the token's `tid` (Entra multi-tenant issuer template). */
  readonly issuer: string;
  /** Accepted audiences, comma-separated (e.g. `api://<domain>/botid-<id>` for v1 tokens and the client id for v2). */
  readonly audience: string;
  readonly jwksUrl: string;
  /** Empty = any tenant whose token verifies (`AUTH_ALLOWED_TENANTS=*`, or unset in local mode). */
  readonly allowedTenants: readonly string[];
  /** Required scope in `scp`. */
  readonly scope: string;
}

export interface Config {
  readonly env: AppEnv;
  readonly port: number;
  readonly host: string;
  /** Null = start the embedded Azurite and keep data under `dataDir`. */
  readonly storageConnectionString: string | null;
  readonly dataDir: string;
  /** Null in local mode until the dev issuer is up (its URLs depend on the port). */
  readonly auth: AuthConfig | null;
  readonly bot: { readonly appId: string; readonly appPassword: string; readonly appType: string; readonly tenantId: string };
  /** Bot Connector URL used for a meeting whose conversation the bot has not seen yet. */
  readonly defaultServiceUrl: string | null;
  readonly redisUrl: string | null;
  readonly tabDir: string;
  /** How long a participant's role is trusted before asking Teams again (roles change mid-meeting). */
  readonly roleTtlMs: number;
  /** Commands per signed-in user and instance: the token bucket's refill rate (per second) and size (`COMMAND_RATE`, `COMMAND_BURST`). */
  readonly commandRate: { readonly perSecond: number; readonly burst: number };
  /** Commands per meeting (everyone together) and instance (`MEETING_COMMAND_RATE`, `MEETING_COMMAND_BURST`). */
  readonly meetingCommandRate: { readonly perSecond: number; readonly burst: number };
  /** Local mode: the simulated meeting's people (`LOCAL_ROSTER` file or `LOCAL_ATTENDEES` count); null = the default four. */
  readonly localRoster: readonly LocalAttendee[] | null;
  /** The Teams app's id (the manifest's `id`, `TEAMS_APP_ID`) for deep links to the panel; local mode: the sample id of env/.env.local. */
  readonly teamsAppId?: string | null;
  /** How often each instance looks for due action reminders (`REMINDER_POLL_MS`, default 60 s). */
  readonly reminderPollMs?: number;
}

/** env/.env.local's sample app id: local deep links have the right shape without pointing at a real app. */
export const LOCAL_TEAMS_APP_ID = "00000000-0000-4000-8000-000000000001";

export class ConfigError extends Error {}

function int(value: string | undefined, name: string, fallback: number, max = 65535): number {
  if (value === undefined || value === "") return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > max) throw new ConfigError(`${name} must be a whole number between 0 and ${max}, got '${value}'.`);
  return n;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, root = process.cwd()): Config {
  const appEnv = (env.APP_ENV ?? "local").toLowerCase();
  if (appEnv !== "local" && appEnv !== "production") throw new ConfigError(`APP_ENV must be 'local' or 'production', got '${appEnv}'.`);

  const authVars = [env.AUTH_ISSUER, env.AUTH_AUDIENCE, env.AUTH_JWKS_URL];
  const someAuth = authVars.some(Boolean);
  if (someAuth && !authVars.every(Boolean)) throw new ConfigError("Set all of AUTH_ISSUER, AUTH_AUDIENCE and AUTH_JWKS_URL, or none (local mode only).");
  const auth: AuthConfig | null = someAuth
    ? {
        issuer: env.AUTH_ISSUER ?? "",
        audience: env.AUTH_AUDIENCE ?? "",
        jwksUrl: env.AUTH_JWKS_URL ?? "",
        allowedTenants: allowedTenants(env.AUTH_ALLOWED_TENANTS),
        scope: env.AUTH_SCOPE ?? "access_as_user",
      }
    : null;

  const bot = {
    appId: env.MicrosoftAppId ?? "",
    appPassword: env.MicrosoftAppPassword ?? "",
    appType: env.MicrosoftAppType ?? "MultiTenant",
    tenantId: env.MicrosoftAppTenantId ?? "",
  };

  if (appEnv === "production") {
    const missing: string[] = [];
    if (!auth) missing.push("AUTH_ISSUER, AUTH_AUDIENCE, AUTH_JWKS_URL");
    if (!bot.appId) missing.push("MicrosoftAppId");
    // The bot's secret, unless it signs in as a managed identity (no secret exists then).
    if (!bot.appPassword && bot.appType !== "UserAssignedMSI") missing.push("MicrosoftAppPassword (or MicrosoftAppType=UserAssignedMSI)");
    if (!env.STORAGE_CONNECTION_STRING) missing.push("STORAGE_CONNECTION_STRING");
    // Which organisations get in is a decision, never a default: a list of tenants, or `*` for a multi-tenant app.
    const policy = (env.AUTH_ALLOWED_TENANTS ?? "").trim();
    if (policy !== "*" && allowedTenants(policy).length === 0) missing.push("AUTH_ALLOWED_TENANTS (the tenant ids allowed in, or * for any tenant)");
    if (missing.length) throw new ConfigError(`Production refuses to start without authentication, a tenant policy and real storage. Missing: ${missing.join("; ")}.`);
    if (auth && !auth.jwksUrl.startsWith("https://")) throw new ConfigError("AUTH_JWKS_URL must be https in production.");
  }

  if (appEnv === "production" && (env.LOCAL_ROSTER || env.LOCAL_ATTENDEES)) {
    throw new ConfigError("LOCAL_ROSTER and LOCAL_ATTENDEES simulate a meeting in local mode; production takes its people and roles from Teams only.");
  }
  if (env.LOCAL_ROSTER && env.LOCAL_ATTENDEES) throw new ConfigError("Set LOCAL_ROSTER or LOCAL_ATTENDEES, not both.");

  return {
    env: appEnv,
    port: int(env.PORT, "PORT", 3978),
    host: env.HOST ?? (appEnv === "local" ? "127.0.0.1" : "0.0.0.0"),
    storageConnectionString: env.STORAGE_CONNECTION_STRING || null,
    dataDir: path.resolve(root, env.DATA_DIR ?? ".data"),
    auth,
    bot,
    defaultServiceUrl: env.DEFAULT_SERVICE_URL || null,
    redisUrl: env.REDIS_URL || null,
    tabDir: path.resolve(root, env.TAB_DIR ?? "dist/tab"),
    roleTtlMs: int(env.ROLE_TTL_MS, "ROLE_TTL_MS", 30_000, 3_600_000),
    commandRate: bucket(env, "COMMAND", LIMITS.commandsPerSecond, LIMITS.commandBurst),
    meetingCommandRate: bucket(env, "MEETING_COMMAND", LIMITS.meetingCommandsPerSecond, LIMITS.meetingCommandBurst),
    localRoster: localRoster(env, root),
    teamsAppId: env.TEAMS_APP_ID || (appEnv === "local" ? LOCAL_TEAMS_APP_ID : null),
    reminderPollMs: reminderPoll(env.REMINDER_POLL_MS),
  };
}

/** `REMINDER_POLL_MS`: 1 s to 1 h; a minute by default (reminders go out at a whole minute of the team's hour). */
function reminderPoll(value: string | undefined): number {
  const ms = int(value, "REMINDER_POLL_MS", 60_000, 3_600_000);
  if (ms < 1000) throw new ConfigError("REMINDER_POLL_MS must be at least 1000 (one poll a second).");
  return ms;
}

/** `AUTH_ALLOWED_TENANTS`: comma-separated tenant ids, or `*` (or unset, local mode only) for any tenant = []. */
function allowedTenants(value: string | undefined): readonly string[] {
  const list = (value ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  if (list.includes("*")) {
    if (list.length > 1) throw new ConfigError("AUTH_ALLOWED_TENANTS is either '*' (any tenant) or a list of tenant ids, not both.");
    return [];
  }
  return list;
}

/** `<NAME>_RATE` (per second) and `<NAME>_BURST`; the burst defaults to twice the rate, at least the built-in burst. */
function bucket(env: NodeJS.ProcessEnv, name: string, rate: number, burst: number): { readonly perSecond: number; readonly burst: number } {
  const perSecond = int(env[`${name}_RATE`], `${name}_RATE`, rate, 1_000_000);
  const size = int(env[`${name}_BURST`], `${name}_BURST`, Math.max(burst, perSecond * 2), 1_000_000);
  if (perSecond < 1 || size < 1) throw new ConfigError(`${name}_RATE and ${name}_BURST must be at least 1.`);
  return { perSecond, burst: size };
}

function localRoster(env: NodeJS.ProcessEnv, root: string): readonly LocalAttendee[] | null {
  if (env.LOCAL_ATTENDEES) {
    const n = int(env.LOCAL_ATTENDEES, "LOCAL_ATTENDEES", 4, LOCAL_ROSTER_MAX);
    if (n < 1) throw new ConfigError("LOCAL_ATTENDEES must be at least 1 (the organizer).");
    return generatedAttendees(n);
  }
  if (!env.LOCAL_ROSTER) return null;
  const file = path.resolve(root, env.LOCAL_ROSTER);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, "utf8"));
  } catch (err) {
    throw new ConfigError(`LOCAL_ROSTER: cannot read ${file} as JSON (${err instanceof Error ? err.message : String(err)}).`);
  }
  try {
    return parseRoster(json);
  } catch (err) {
    throw new ConfigError(`LOCAL_ROSTER ${file}: ${err instanceof Error ? err.message : String(err)}`);
  }
}
