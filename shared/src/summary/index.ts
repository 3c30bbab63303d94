/** @module The meeting summary: the record of an occurrence, and the channel card, Markdown and JSON built from it. */
export * from "./record.js";
export { capRecord, cleanText } from "./cap.js";
export { buildMeetingRecord, type RecordExtras, type RecordSources } from "./build-record.js";
export { summaryCard, SUMMARY_CARD_MAX_BYTES, type SummaryCardOptions } from "./summary-card.js";
export { escapeMarkdown, recordExport, recordJson, summaryMarkdown, type MeetingRecordExport } from "./summary-markdown.js";
export { SUMMARY_TEXT, type SummaryText } from "./summary-text.js";
