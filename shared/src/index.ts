/** @module The pure domain shared by the panel, the service and the cards. No I/O here. */
export * from "./meeting/section.js";
export * from "./meeting/templates.js";
export * from "./meeting/state.js";
export * from "./meeting/events.js";
export * from "./meeting/errors.js";
export * from "./meeting/decide.js";
export * from "./meeting/evolve.js";
export * from "./meeting/clock.js";
export * from "./meeting/apply.js";
export * from "./auth/capabilities.js";
