/** @module The good-news wire: request bodies (zod) and responses, and the praise post. */
import { z } from "zod";
import { GoodNewsCommand, GoodNewsId } from "../goodnews/commands.js";
import type { GoodNewsItem } from "../goodnews/model.js";
import type { MetricKind } from "../kpi/model.js";

export const GoodNewsCommandRequest = z.strictObject({ command: GoodNewsCommand });
export const PraisePostRequest = z.strictObject({ itemId: GoodNewsId, locale: z.enum(["nb", "sv", "en"]) });

/** What the panel can tie good news to: the board's active objectives and KPIs / key results. */
export interface GoodNewsBoardChoices {
  readonly objectives: readonly { readonly id: string; readonly title: string }[];
  readonly metrics: readonly { readonly id: string; readonly name: string; readonly kind: MetricKind }[];
}

export interface PraisePostInfo {
  readonly itemId: string;
  readonly channelName: string;
  readonly postedAt: number;
}

export interface GoodNewsListResponse {
  /** Wins first, then challenges (`goodNewsForMeeting`). */
  readonly items: readonly GoodNewsItem[];
  readonly board: GoodNewsBoardChoices;
  /** Praise already posted to the team's channel, one per item at most. */
  readonly posts: readonly PraisePostInfo[];
  readonly limits: { readonly perAuthor: number; readonly perMeeting: number };
}

export interface GoodNewsCommandResponse {
  readonly item: GoodNewsItem;
  readonly changed: boolean;
}

export interface PraisePostResponse extends PraisePostInfo {
  /** True when the card was posted before (this request posted nothing new). */
  readonly duplicate: boolean;
}
