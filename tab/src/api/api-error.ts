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
  ) {
    super(message);
    this.name = "ApiError";
  }

  /** Worth sending again unchanged: the request may never have arrived, or the service had a passing problem. */
  get retryable(): boolean {
    return this.kind === "network" || (this.kind === "http" && this.status >= 500);
  }
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
