/**
 * @module The simulated meeting of local mode: one tenant, one meeting and its attendees (the local meeting page and
 * tests use them). Four people by default; `LOCAL_ATTENDEES=N` or `LOCAL_ROSTER=file.json` make a meeting of a real size.
 */
import { z } from "zod";
import { ROLES, type Role } from "../../../shared/src/auth/capabilities.js";

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

/** Upper bound of a local meeting (Teams allows 1,000 interactive attendees; benchmarks go a little beyond). */
export const LOCAL_ROSTER_MAX = 10_000;
const LOCALES = ["en-US", "nb-NO", "sv-SE"] as const;

/**
 * A meeting of `n` attendees: the four named ones above first (so the local page and tests keep their people),
 * then generated attendees with stable ids, `Attendee 5` … `Attendee n`.
 */
export function generatedAttendees(n: number): readonly LocalAttendee[] {
  const named = LOCAL_ATTENDEES.slice(0, n);
  const generated: LocalAttendee[] = [];
  for (let i = named.length + 1; i <= n; i++) {
    generated.push({
      userId: `00000000-0000-4000-8001-${i.toString(16).padStart(12, "0")}`,
      name: `Attendee ${i}`,
      upn: `attendee${i}@okr.local`,
      role: "Attendee",
      locale: LOCALES[i % LOCALES.length] ?? "en-US",
    });
  }
  return [...named, ...generated];
}

const RosterFile = z
  .array(
    z.object({
      userId: z.string().regex(/^[\x21-\x7E]{1,128}$/, "a printable id of at most 128 characters"),
      name: z.string().trim().min(1).max(100),
      upn: z.string().trim().min(1).max(256).optional(),
      role: z.enum(ROLES),
      locale: z.string().regex(/^[a-z]{2,3}(-[A-Z]{2})?$/).optional(),
    }),
  )
  .min(1)
  .max(LOCAL_ROSTER_MAX)
  .refine((list) => new Set(list.map((a) => a.userId)).size === list.length, "every userId must be unique")
  .refine((list) => list.some((a) => a.role === "Organizer"), "the meeting needs an Organizer");

/** A roster file's attendees (a JSON array of `{userId, name, role, upn?, locale?}`); throws with every problem named. */
export function parseRoster(json: unknown): readonly LocalAttendee[] {
  const parsed = RosterFile.safeParse(json);
  if (!parsed.success) throw new Error(parsed.error.issues.map((i) => `${i.path.join(".") || "roster"}: ${i.message}`).join("; "));
  return parsed.data.map((a, i) => ({ userId: a.userId, name: a.name, upn: a.upn ?? `user${i + 1}@okr.local`, role: a.role, locale: a.locale ?? "en-US" }));
}
