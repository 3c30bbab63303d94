/**
 * @module Storage faults as one clean, quick answer. Every Table Storage call gets a time limit per
 * try and overall, at most one retry, and a short circuit breaker: when storage does not answer, the
 * call fails with `StorageUnavailableError` within `deadlineMs`, and the next calls fail at once until
 * storage answers again, so a queue of waiting requests never adds up to a long hang. The HTTP edge
 * turns the error into `503` with `Retry-After`. Answers from storage (404, 409, 412, 400…) pass through untouched.
 */
import type { PipelinePolicy, PipelineRequest } from "@azure/core-rest-pipeline";

export class StorageUnavailableError extends Error {
  constructor(message: string, cause?: unknown) {
    super(message, { cause });
  }
}

export interface StorageFaultOptions {
  /** One try, from sending to the whole answer. */
  readonly tryTimeoutMs: number;
  /** All tries of one call together, retries and their delays included. */
  readonly deadlineMs: number;
  /** After a fault, calls fail at once for this long before one is let through to test storage again. */
  readonly openMs: number;
}

export const STORAGE_FAULT_DEFAULTS: StorageFaultOptions = { tryTimeoutMs: 2_000, deadlineMs: 4_000, openMs: 1_000 };

/** The SDK's own retry: one more try after a network error, a timeout or a 5xx, soon. */
export const STORAGE_RETRY_OPTIONS = { maxRetries: 1, retryDelayInMs: 200, maxRetryDelayInMs: 500 } as const;

/** A storage answer that says "not now" rather than "no": the service's fault or the network's, not the request's. */
function isTransientStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

function statusOf(err: unknown): number | undefined {
  return typeof err === "object" && err !== null && "statusCode" in err && typeof err.statusCode === "number" ? err.statusCode : undefined;
}

/** Runs `send` with `request.abortSignal` also aborting after `ms`; the request's own signal is restored afterwards (the SDK retries with the same request object). */
async function withTimeout<T>(request: PipelineRequest, ms: number, send: () => Promise<T>): Promise<{ value: T } | { timedOut: true; error: unknown }> {
  const outer = request.abortSignal;
  const controller = new AbortController();
  const onOuterAbort = () => controller.abort();
  if (outer?.aborted) controller.abort();
  else outer?.addEventListener("abort", onOuterAbort, { once: true });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new Error(`no answer within ${ms} ms`));
  }, ms);
  request.abortSignal = controller.signal;
  try {
    return { value: await send() };
  } catch (err) {
    if (timedOut) return { timedOut: true, error: err };
    throw err;
  } finally {
    clearTimeout(timer);
    outer?.removeEventListener("abort", onOuterAbort);
    request.abortSignal = outer;
  }
}

/** One breaker and policy pair per storage account: every table client of the service shares them. */
export class StorageFaults {
  private openUntil = 0;

  constructor(
    private readonly options: StorageFaultOptions = STORAGE_FAULT_DEFAULTS,
    private readonly now: () => number = Date.now,
  ) {}

  /** True while recent calls found storage unavailable. */
  get open(): boolean {
    return this.now() < this.openUntil;
  }

  /** Outermost: the breaker, the overall deadline, and the translation of faults. Add without a phase (it then runs outside the SDK's retry). */
  readonly callPolicy: PipelinePolicy = {
    name: "okrStorageDeadline",
    sendRequest: async (request, next) => {
      if (this.open) throw new StorageUnavailableError("Table Storage did not answer a moment ago; not trying again yet.");
      let response;
      try {
        const result = await withTimeout(request, this.options.deadlineMs, () => next(request));
        if ("timedOut" in result) throw this.trip(`Table Storage did not answer within ${this.options.deadlineMs} ms.`, result.error);
        response = result.value;
      } catch (err) {
        if (err instanceof StorageUnavailableError) throw this.trip(err.message, err.cause);
        const status = statusOf(err);
        // No status: the request never got an answer (refused, reset, aborted by the per-try limit).
        if (status === undefined || isTransientStatus(status)) throw this.trip(`Table Storage is unreachable (${err instanceof Error ? err.message : String(err)}).`, err);
        throw err;
      }
      // The SDK's deserializer throws for error statuses later; a transient status is a fault here already.
      if (isTransientStatus(response.status)) throw this.trip(`Table Storage answered ${response.status}.`, undefined);
      this.openUntil = 0;
      return response;
    },
  };

  /** Per try, inside the SDK's retry: a try that gets no answer in time is abandoned and counts as a network error (retried once). */
  readonly tryPolicy: PipelinePolicy = {
    name: "okrStorageTryTimeout",
    sendRequest: async (request, next) => {
      const result = await withTimeout(request, this.options.tryTimeoutMs, () => next(request));
      if ("timedOut" in result) {
        // The SDK's retry strategy retries system errors by their code.
        throw Object.assign(new Error(`Table Storage did not answer within ${this.options.tryTimeoutMs} ms.`), { code: "ETIMEDOUT" });
      }
      return result.value;
    },
  };

  private trip(message: string, cause: unknown): StorageUnavailableError {
    this.openUntil = this.now() + this.options.openMs;
    return new StorageUnavailableError(message, cause);
  }
}
