/** @module Small HTTP helpers on node:http: JSON replies with clear errors, bounded body reading, and a tiny router. */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { ErrorResponse } from "../../../shared/src/wire/protocol.js";

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues?: readonly string[],
    /** Seconds after which trying again makes sense (503, 429): sent as `Retry-After`. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

/** HSTS for a year, subdomains included: production is only ever reached over https (App Service / Front Door). */
const HSTS = "max-age=31536000; includeSubDomains";

/** Headers every response carries; HSTS only in production (local mode is plain http on loopback). */
export function responseHeaders(production: boolean): Readonly<Record<string, string>> {
  return { "x-content-type-options": "nosniff", "referrer-policy": "no-referrer", ...(production ? { "strict-transport-security": HSTS } : {}) };
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Readonly<Record<string, string>> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", "content-length": Buffer.byteLength(text), ...headers });
  res.end(text);
}

export function sendError(res: ServerResponse, err: HttpError): void {
  const body: ErrorResponse = { error: { code: err.code, message: err.message, ...(err.issues ? { issues: err.issues } : {}) } };
  sendJson(res, err.status, body, err.retryAfterSeconds !== undefined ? { "retry-after": String(err.retryAfterSeconds) } : {});
}

/** Storage could not take the change: nothing was saved, the same request can be sent again (same command id) later. */
export const STORAGE_RETRY_AFTER_SECONDS = 5;
export function storageUnavailable(): HttpError {
  return new HttpError(
    503,
    "storageUnavailable",
    "The service is temporarily unable to save or load data: storage is not answering. Send the same request again (same command id) in a few seconds; it is never applied twice.",
    undefined,
    STORAGE_RETRY_AFTER_SECONDS,
  );
}

/** Reads a JSON body of at most `limit` bytes; too big → 413, not JSON → 400. */
export async function readJson(req: IncomingMessage, limit: number): Promise<unknown> {
  const type = req.headers["content-type"] ?? "";
  if (!/^application\/json\b/i.test(type)) throw new HttpError(415, "unsupportedMediaType", "Send the body as JSON with 'Content-Type: application/json'.");
  const declared = Number(req.headers["content-length"] ?? NaN);
  if (declared > limit) throw new HttpError(413, "bodyTooLarge", `The request body is larger than ${limit} bytes.`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new HttpError(413, "bodyTooLarge", `The request body is larger than ${limit} bytes.`);
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString("utf8");
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new HttpError(400, "malformedJson", "The request body is not valid JSON.");
  }
}

export type Handler = (req: IncomingMessage, res: ServerResponse, params: Readonly<Record<string, string>>, url: URL) => Promise<void> | void;

interface Route {
  readonly method: string;
  readonly path: string;
  readonly pattern: RegExp;
  readonly names: readonly string[];
  readonly handler: Handler;
}

/** Routes like `/api/meetings/:meetingId/stream`; a parameter matches one path segment, URL-decoded. */
export class Router {
  private readonly routes: Route[] = [];

  on(method: string, path: string, handler: Handler): this {
    const names: string[] = [];
    const pattern = new RegExp(
      "^" +
        path.replace(/\/:([A-Za-z]+)|\/\*$/g, (m, name: string | undefined) => {
          if (name) {
            names.push(name);
            return "/([^/]+)";
          }
          names.push("rest");
          return "/(.*)";
        }) +
        "$",
    );
    this.routes.push({ method, path, pattern, names, handler });
    return this;
  }

  /** Every registered route as `METHOD /path/:param` (the authorization matrix test enumerates them). */
  list(): readonly string[] {
    return this.routes.map((r) => `${r.method} ${r.path}`);
  }

  /** Returns false when no route matched the path (the caller answers 404). */
  async handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    let pathMatched = false;
    for (const route of this.routes) {
      const m = route.pattern.exec(url.pathname);
      if (!m) continue;
      pathMatched = true;
      if (route.method !== req.method && !(route.method === "GET" && req.method === "HEAD")) continue;
      const params: Record<string, string> = {};
      try {
        route.names.forEach((name, i) => (params[name] = decodeURIComponent(m[i + 1] ?? "")));
      } catch {
        throw new HttpError(400, "badPath", "The URL path is not valid.");
      }
      await route.handler(req, res, params, url);
      return true;
    }
    if (pathMatched) throw new HttpError(405, "methodNotAllowed", `${req.method ?? "?"} is not allowed on ${url.pathname}.`);
    return false;
  }
}
