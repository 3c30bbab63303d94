/** @module Good news: model, commands, the decide function and the meeting's list (wins first) for the panel and the summary. */
export * from "./model.js";
export * from "./commands.js";
export * from "./decide.js";
export * from "./meeting-list.js";
