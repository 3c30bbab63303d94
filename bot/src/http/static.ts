/** @module Serves the built side panel (dist/tab) with safe paths, the right content types, caching, and a CSP that lets only Teams frame it. */
import fs from "node:fs/promises";
import path from "node:path";
import type { ServerResponse } from "node:http";
import { HttpError } from "./http.js";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".map": "application/json; charset=utf-8",
};

// teams-js fetches its list of valid Teams domains from res.cdn.office.net (falling back to a built-in list).
/**
 * The Teams and Microsoft 365 hosts that may frame the panel and the configuration page, as Microsoft lists them
 * ("Tab requirements": Teams, Microsoft 365 app, Outlook, and the new *.cloud.microsoft for all hosts).
 */
export const TEAMS_FRAME_ANCESTORS = [
  "https://teams.microsoft.com",
  "https://*.teams.microsoft.com",
  "https://*.cloud.microsoft",
  "https://*.microsoft365.com",
  "https://*.office.com",
  "https://outlook.office.com",
  "https://outlook.office365.com",
  "https://outlook-sdf.office.com",
  "https://outlook-sdf.office365.com",
] as const;

/** Exactly the Teams hosts in production; in local mode also this origin, whose local meeting page frames the panel. */
export function securityHeaders(production: boolean): Record<string, string> {
  const ancestors = [...(production ? [] : ["'self'"]), ...TEAMS_FRAME_ANCESTORS].join(" ");
  return {
    "content-security-policy": `default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self' https://res.cdn.office.net; frame-src 'self'; frame-ancestors ${ancestors}; base-uri 'none'; form-action 'none'`,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
  };
}

/**
 * The canonical form of a path below `/tab/`, taken from the raw (still percent-encoded) URL path: decoded once,
 * `.` and empty segments dropped, `..` resolved. Null for anything that is not a plain path: an encoded `/` or `\`,
 * a backslash, NUL or another control character, a `%` left after decoding (double encoding), or `..` above the root.
 * Decisions about a path (e.g. "the local page only in local mode") are taken on this form only.
 */
export function canonicalTabPath(raw: string): string | null {
  if (/%(2f|5c|00)/i.test(raw) || raw.includes("\\")) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    return null;
  }
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused here.
  if (/[\u0000-\u001f\u007f\\%]/.test(decoded)) return null;
  const segments: string[] = [];
  for (const segment of decoded.split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment === "..") {
      if (segments.pop() === undefined) return null;
      continue;
    }
    segments.push(segment);
  }
  const trailing = decoded === "" || decoded.endsWith("/") || /\/\.{1,2}$/.test(decoded) || decoded === "." || decoded === "..";
  return segments.join("/") + (trailing && segments.length > 0 ? "/" : "");
}

export async function serveStatic(res: ServerResponse, root: string, relative: string, headOnly = false, production = false): Promise<void> {
  const rel = relative === "" || relative.endsWith("/") ? `${relative}index.html` : relative;
  const file = path.resolve(root, rel);
  if (!file.startsWith(path.resolve(root) + path.sep)) throw new HttpError(400, "badPath", "The path leaves the static folder.");
  let data: Buffer;
  try {
    data = await fs.readFile(file);
  } catch {
    throw new HttpError(404, "notFound", `No such file: ${relative}. Was the panel built (npm run build)?`);
  }
  const ext = path.extname(file);
  // Vite puts a content hash in asset names: cache them forever; HTML must always be fresh.
  const cache = rel.startsWith("assets/") ? "public, max-age=31536000, immutable" : "no-cache";
  res.writeHead(200, { "content-type": TYPES[ext] ?? "application/octet-stream", "cache-control": cache, "content-length": data.length, ...securityHeaders(production) });
  res.end(headOnly ? undefined : data);
}
