/** @module Domain errors: a typed code (stable, for programs) and an English message (for logs and API clients). */

export const DOMAIN_ERROR_CODES = [
  "meetingNotStarted",
  "meetingAlreadyStarted",
  "meetingEnded",
  "noSuchSection",
  "noNextSection",
  "noPreviousSection",
  "sectionDisabled",
  "tooManySections",
  "lastEnabledSection",
  "extensionTooLong",
  "nothingToUndo",
] as const;
export type DomainErrorCode = (typeof DOMAIN_ERROR_CODES)[number];

export interface DomainError {
  readonly code: DomainErrorCode;
  readonly message: string;
}

export const domainError = (code: DomainErrorCode, message: string): DomainError => ({ code, message });
