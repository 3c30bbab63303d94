/**
 * @module The envelope of a Bot Framework activity, checked at the edge before botbuilder sees it: the fields botbuilder
 * and our handlers read to route and to reply (ids, addresses, the conversation) must have the types the protocol
 * gives them. botbuilder trusts them, and a wrong type fails deep inside a reply (a 500 and a log line per request).
 * Everything else passes through as it came; the handlers validate their own values.
 */
import { z } from "zod";

const text = (max: number) => z.string().max(max);
const account = z.looseObject({ id: text(1024), name: text(1024).nullish(), aadObjectId: text(128).nullish(), role: text(64).nullish() });

export const ActivityEnvelope = z.looseObject({
  type: text(64).min(1),
  id: text(1024).nullish(),
  name: text(256).nullish(),
  channelId: text(64).nullish(),
  serviceUrl: text(2048).nullish(),
  timestamp: text(64).nullish(),
  localTimestamp: text(64).nullish(),
  locale: text(64).nullish(),
  replyToId: text(1024).nullish(),
  text: z.string().nullish(),
  textFormat: text(64).nullish(),
  from: account.nullish(),
  recipient: account.nullish(),
  conversation: z.looseObject({ id: text(1024), tenantId: text(128).nullish(), conversationType: text(64).nullish(), isGroup: z.boolean().nullish(), name: text(1024).nullish() }).nullish(),
  channelData: z.looseObject({}).nullish(),
  entities: z.array(z.looseObject({})).max(100).nullish(),
  attachments: z.array(z.looseObject({})).max(100).nullish(),
});

/** Null when the envelope is well-typed; otherwise what is wrong with it, for the 400 answer. */
export function envelopeProblem(body: unknown): string | null {
  const parsed = ActivityEnvelope.safeParse(body);
  if (parsed.success) return null;
  return parsed.error.issues
    .slice(0, 3)
    .map((i) => `${i.path.join(".") || "activity"}: ${i.message}`)
    .join("; ");
}
