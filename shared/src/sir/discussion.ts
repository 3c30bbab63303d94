/** @module When a SIR item's discussion in the meeting ends by itself: the item is settled for this meeting. Pure. */
import type { SirCommandType } from "./commands.js";

/**
 * Commands that settle an item for the meeting: after them there is nothing left to discuss here, so the meeting's
 * discussion of it (and its time box) ends on every panel. A decision or an edit keeps the discussion going.
 */
const SETTLING: ReadonlySet<SirCommandType> = new Set<SirCommandType>(["resolveSir", "carryOverSir", "convertToInformation", "withdrawSir", "deleteSir"]);

export function endsDiscussion(type: SirCommandType): boolean {
  return SETTLING.has(type);
}
