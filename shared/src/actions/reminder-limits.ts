/** @module The reminder settings' and snooze's limits, alone (no zod), so the panel's Actions chunk can use them without the schemas. */
export const REMINDER_LIMITS = {
  daysBeforeMax: 14,
  snoozeDaysMin: 1,
  snoozeDaysMax: 7,
} as const;
