/** @module `POST /api/meetings/:id/summary/post` on the wire: the lead posts (or updates) the summary card in the set-up's channel. */
import { z } from "zod";
import { CommandId } from "../meeting/commands.js";

export const MAX_POST_BODY_BYTES = 1024;

/** `id` is client-made: a retry sends the same one and is answered from what it did. */
export const PostSummaryRequest = z.strictObject({
  id: CommandId,
  locale: z.enum(["nb", "sv", "en"]),
});
export type PostSummaryRequest = z.infer<typeof PostSummaryRequest>;

export interface PostSummaryResponse {
  /** "posted": a new message in the channel; "updated": the same message changed in place. */
  readonly outcome: "posted" | "updated";
  readonly channelName: string;
  readonly postedAt: number;
  readonly postedBy: { readonly userId: string; readonly name: string };
  readonly updatedAt: number | null;
  readonly updatedBy: { readonly userId: string; readonly name: string } | null;
  /** True when this id was answered before (a retry): nothing was sent to Teams again. */
  readonly duplicate: boolean;
  /**
   * How many messages of this summary stay in channels chosen before (absent = 0). Posting after the lead chose another
   * channel makes a new message there ("posted"); the old channel's message is left as it was, never edited.
   */
  readonly earlierChannels?: number;
}
