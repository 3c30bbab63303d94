/** @module Client-made command ids: a retry carries the same id, so the service never applies a command twice. */

/** A UUID; crypto.randomUUID needs a secure context, so fall back to random bytes where it is missing (plain-http dev hosts). */
export function newCommandId(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}
