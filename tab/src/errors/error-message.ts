/** @module Turns an API error into a message in the user's language that says what went wrong and what to do next. */
import type { DomainErrorCode } from "../../../shared/src/meeting/errors.js";
import { LIMITS } from "../../../shared/src/meeting/section.js";
import { SIR_LIMITS } from "../../../shared/src/sir/item.js";
import type { MessageKey, MessageParams } from "../../../shared/src/i18n/format.js";
import type { ApiError } from "../api/api-error.js";

export interface ErrorMessage {
  readonly key: MessageKey;
  readonly params?: MessageParams;
  /** "warning" for things that pass or that the user can fix right away; "error" when something is refused. */
  readonly intent: "error" | "warning";
}

/** Every domain rule the service can answer with (409). Typed as a full record: a new code without a message is a type error. */
const DOMAIN: Readonly<Record<DomainErrorCode, MessageKey>> = {
  meetingNotStarted: "error.meetingNotStarted",
  meetingAlreadyStarted: "error.meetingAlreadyStarted",
  meetingEnded: "error.meetingEnded",
  noSuchSection: "error.noSuchSection",
  noNextSection: "error.noNextSection",
  noPreviousSection: "error.noPreviousSection",
  sectionDisabled: "error.sectionDisabled",
  tooManySections: "error.tooManySections",
  lastEnabledSection: "error.lastEnabledSection",
  extensionTooLong: "error.extensionTooLong",
  nothingToUndo: "error.nothingToUndo",
};

/** The service's own HTTP error codes (bot/src/http), and the panel's transport codes. */
const SERVICE: Readonly<Record<string, { key: MessageKey; intent: ErrorMessage["intent"] }>> = {
  unauthenticated: { key: "error.unauthenticated", intent: "error" },
  forbidden: { key: "error.forbidden", intent: "error" },
  notParticipant: { key: "error.notParticipant", intent: "error" },
  noDecision: { key: "error.noDecision", intent: "warning" },
  notAuthor: { key: "error.notAuthor", intent: "error" },
  closed: { key: "error.closed", intent: "warning" },
  stale: { key: "error.stale", intent: "warning" },
  seriesFull: { key: "error.seriesFull", intent: "error" },
  // Given up after resending (see api-client.ts): the limit held for longer than the panel waits.
  rateLimited: { key: "error.rateLimited", intent: "warning" },
  tooManyStreams: { key: "error.tooManyStreams", intent: "warning" },
  notFound: { key: "error.notFound", intent: "warning" },
  invalidCommand: { key: "error.invalidRequest", intent: "error" },
  malformedJson: { key: "error.invalidRequest", intent: "error" },
  unsupportedMediaType: { key: "error.invalidRequest", intent: "error" },
  badPath: { key: "error.invalidRequest", intent: "error" },
  badSince: { key: "error.invalidRequest", intent: "error" },
  badMeetingId: { key: "error.badMeetingId", intent: "error" },
  bodyTooLarge: { key: "error.tooLarge", intent: "error" },
  teamsUnavailable: { key: "error.teamsUnavailable", intent: "warning" },
  notOwner: { key: "error.notOwner", intent: "error" },
  futureWeek: { key: "error.futureWeek", intent: "warning" },
  tooMany: { key: "error.tooMany", intent: "error" },
  hasKeyResults: { key: "error.hasKeyResults", intent: "warning" },
  busy: { key: "error.busy", intent: "warning" },
  archived: { key: "error.archived", intent: "warning" },
  importConflict: { key: "error.importConflict", intent: "warning" },
  csvTooLarge: { key: "error.csvTooLarge", intent: "error" },
  notUtf8: { key: "error.notUtf8", intent: "error" },
  noConversation: { key: "error.noConversation", intent: "warning" },
  internal: { key: "error.server", intent: "warning" },
  starting: { key: "error.server", intent: "warning" },
  // Not the service's English text: nothing was saved, and the panel says so in the user's language.
  storageUnavailable: { key: "error.storageUnavailable", intent: "warning" },
  tokenFailed: { key: "error.tokenFailed", intent: "error" },
  network: { key: "error.network", intent: "warning" },
  protocol: { key: "error.protocol", intent: "error" },
};

const isDomainCode = (code: string): code is DomainErrorCode => Object.hasOwn(DOMAIN, code);

export function errorMessage(error: Pick<ApiError, "kind" | "status" | "code">): ErrorMessage {
  if (isDomainCode(error.code)) {
    return { key: DOMAIN[error.code], intent: "warning", ...(error.code === "tooManySections" ? { params: { max: LIMITS.maxSections } } : {}) };
  }
  if (error.code === "authorFull") return { key: "error.authorFull", intent: "error", params: { max: SIR_LIMITS.openItemsPerAuthor } };
  const known = Object.hasOwn(SERVICE, error.code) ? SERVICE[error.code] : undefined;
  if (known) return known;
  if (error.kind === "network" || error.status === 0) return { key: "error.network", intent: "warning" };
  // An unknown code (a proxy, a newer service): fall back on the status.
  switch (error.status) {
    case 401:
      return { key: "error.unauthenticated", intent: "error" };
    case 403:
      return { key: "error.forbidden", intent: "error" };
    case 409:
      return { key: "error.conflict", intent: "warning" };
    case 413:
      return { key: "error.tooLarge", intent: "error" };
    case 400:
    case 415:
    case 422:
      return { key: "error.invalidRequest", intent: "error" };
    default:
      return error.status >= 500 ? { key: "error.server", intent: "warning" } : { key: "error.unexpected", intent: "error", params: { status: error.status } };
  }
}

/** The KPI board's refusals: its "notFound" and "invalid" are about numbers on the board, not SIR items or requests. */
export function kpiErrorMessage(error: Pick<ApiError, "kind" | "status" | "code">): ErrorMessage {
  if (error.code === "notFound") return { key: "error.kpiNotFound", intent: "warning" };
  if (error.code === "invalid") return { key: "error.kpiInvalid", intent: "error" };
  return errorMessage(error);
}
