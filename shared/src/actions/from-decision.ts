/**
 * @module A SIR decision's follow-up drafts as actions. The decision form records drafts (title, owner, due) inside the
 * decision; each becomes a real action of the series with an id derived from the decision, so creating them again
 * (a retry, the lazy migration on read, a second instance) finds what is there and creates nothing twice.
 */
import type { SirItem } from "../sir/item.js";
import type { Person } from "./model.js";

/** One draft to import: its derived command id (`key` hashed by the caller) and what the action starts as. */
export interface DraftImport {
  /** Stable text naming the draft: item, title and which occurrence of that title (the caller hashes it into an id). */
  readonly key: string;
  readonly title: string;
  readonly owners: readonly Person[];
  readonly due: string | null;
  readonly itemId: string;
  readonly by: Person;
  readonly at: number;
}

/**
 * The drafts of the item's decision. The key leaves the decision's text and time out: recording the decision again
 * with the same drafts (a corrected text) names the same actions. A draft without owner goes to whoever decided.
 */
export function draftsOf(item: SirItem): DraftImport[] {
  const decision = item.decision;
  if (decision === null || item.status === "deleted") return [];
  const seen = new Map<string, number>();
  return decision.actions.map((draft) => {
    const n = (seen.get(draft.title) ?? 0) + 1;
    seen.set(draft.title, n);
    return {
      key: `${item.id}\n${draft.title}\n${n}`,
      title: draft.title,
      owners: [draft.owner ?? decision.by],
      due: draft.due,
      itemId: item.id,
      by: decision.by,
      at: decision.at,
    };
  });
}
