/** @module The one error type of the panel's API layer: an HTTP error with the service's code, a network failure, or a failed Teams sign-in. */

export type ApiErrorKind = "http" | "network" | "token" | "protocol";

export class ApiError extends Error {
  constructor(
    readonly kind: ApiErrorKind,
    /** HTTP status; 0 when no response arrived. */
    readonly status: number,
    /** The service's stable code (`ErrorResponse.error.code`, e.g. "forbidden", "noNextSection"), or a code of ours. */
    readonly code: string,
    message: string,
    readonly issues: readonly string[] = [],
    /** How long the service asked us to wait before trying again (`Retry-After`), in ms; null when it did not say. */
    readonly retryAfterMs: number | null = null,
  ) {
    super(message);
    this.name = "ApiError";
  }

  /**
   * Worth sending again unchanged: the request may never have arrived, the service had a passing problem, or it
   * asked us to slow down (429 `rateLimited`: nothing was applied, and `Retry-After` says when to send it again).
   */
  get retryable(): boolean {
    return this.kind === "network" || (this.kind === "http" && (this.status >= 500 || (this.status === 429 && this.code === "rateLimited")));
  }
}

/** True when the service answered that its storage cannot be reached: nothing was saved, and the same command can be sent again. */
export function isStorageUnavailable(err: Pick<ApiError, "kind" | "status" | "code">): boolean {
  return err.kind === "http" && err.status === 503 && err.code === "storageUnavailable";
}

export function isAbort(err: unknown): boolean {
  return err instanceof DOMException && err.name === "AbortError";
}

/** Anything thrown by the API layer, as an ApiError (unknown throwables become network errors: fetch rejects with TypeError). */
export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new ApiError("network", 0, "network", message);
}
