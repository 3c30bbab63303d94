/** @module The simulated meeting of local mode: one tenant, one meeting and its attendees (the local meeting page and tests use them). */
import type { Role } from "../../../shared/src/auth/capabilities.js";

export interface LocalAttendee {
  readonly userId: string;
  readonly name: string;
  readonly upn: string;
  readonly role: Role;
  readonly locale: string;
}

export const LOCAL_TENANT_ID = "00000000-0000-4000-8000-00000000a001";
/** Shaped like a real Teams meeting id (base64 of the thread id), so key encoding is exercised locally too. */
export const LOCAL_MEETING_ID = "MCMxOTptZWV0aW5nX2xvY2FsLW9rckB0aHJlYWQudjIjMA==";
export const LOCAL_CHAT_ID = "19:meeting_local-okr@thread.v2";
/** Next week's occurrence of the same weekly series (same chat): where open SIR items carry over to. */
export const LOCAL_NEXT_MEETING_ID = "MCMxOTptZWV0aW5nX2xvY2FsLW9rckB0aHJlYWQudjIjMQ==";

export const LOCAL_ATTENDEES: readonly LocalAttendee[] = [
  { userId: "00000000-0000-4000-8000-00000000b001", name: "Ingrid Organizer", upn: "ingrid@okr.local", role: "Organizer", locale: "nb-NO" },
  { userId: "00000000-0000-4000-8000-00000000b002", name: "Sven Presenter", upn: "sven@okr.local", role: "Presenter", locale: "sv-SE" },
  { userId: "00000000-0000-4000-8000-00000000b003", name: "Alex Attendee", upn: "alex@okr.local", role: "Attendee", locale: "en-US" },
  { userId: "00000000-0000-4000-8000-00000000b004", name: "Kari Attendee", upn: "kari@okr.local", role: "Attendee", locale: "nb-NO" },
];
