/** @module Wire constants without zod, so the panel can import them without pulling the schemas into its bundle. */

export const PROTOCOL_VERSION = 1;

/** Largest request body the API reads; anything bigger is refused with 413 before parsing. */
export const MAX_BODY_BYTES = 16 * 1024;

/** The stream's heartbeat period; a panel that hears nothing for two of them reconnects. */
export const HEARTBEAT_MS = 15_000;
