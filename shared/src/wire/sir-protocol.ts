/** @module The panel's SIR wire: request body, responses, limits (zod for requests only). */
import { z } from "zod";
import { SirCommand } from "../sir/commands.js";
import type { SirItem } from "../sir/item.js";

export const SirCommandRequest = z.strictObject({ command: SirCommand });

export const DECISION_QUERY_MAX = 100;
export const DECISIONS_MAX = 100;

export interface SirListResponse {
  readonly seriesId: string;
  readonly items: readonly SirItem[];
}

export interface SirCommandResponse {
  readonly item: SirItem;
  readonly changed: boolean;
}

export interface DecisionsResponse {
  readonly decisions: readonly SirItem[];
}
