/** @module The Adaptive Card shapes our card builders share, and the Universal Action (Action.Execute with a fallback) they all use. */

export const CARD_SCHEMA = "http://adaptivecards.io/schemas/adaptive-card.json";
/** 1.5: the version Teams needs for Universal Actions (Action.Execute and refresh). */
export const CARD_VERSION = "1.5";

/** Teams refuses bot messages over 28 KB; cards leave room for the activity around them. */
export const CARD_MAX_BYTES = 26_000;

/** The card's size as Teams counts it: UTF-8 bytes of its JSON. */
export function cardBytes(card: unknown): number {
  return new TextEncoder().encode(JSON.stringify(card)).length;
}

export type CardData = Readonly<Record<string, string | number>>;

/**
 * A user as `refresh.userIds` names them: their Teams MRI, `8:orgid:` and the Entra object id (the docs ask for
 * "user MRIs"; the object id is what the service knows of everyone, from tokens and activities alike).
 */
export const userMri = (aadObjectId: string): string => `8:orgid:${aadObjectId}`;

export interface CardRefresh {
  readonly action: { readonly type: "Action.Execute"; readonly verb: string; readonly data: CardData };
  /** Teams refreshes automatically for at most 60 of these users. */
  readonly userIds: readonly string[];
}

export interface AdaptiveCard {
  readonly type: "AdaptiveCard";
  readonly $schema: string;
  readonly version: string;
  readonly body: readonly unknown[];
  readonly actions?: readonly unknown[];
  readonly refresh?: CardRefresh;
}

export interface ExecuteActionSpec {
  readonly id: string;
  readonly title: string;
  readonly verb: string;
  readonly data: CardData;
  readonly style?: "positive" | "destructive";
}

/**
 * An `Action.Execute` with an `Action.Submit` fallback: clients without Universal Actions send a message
 * with the same data plus the verb, so the bot can route both the same way.
 */
export function executeAction({ id, title, verb, data, style }: ExecuteActionSpec): Readonly<Record<string, unknown>> {
  return {
    type: "Action.Execute",
    id,
    title,
    verb,
    data,
    ...(style ? { style } : {}),
    fallback: { type: "Action.Submit", id: `${id}.fallback`, title, data: { ...data, verb }, ...(style ? { style } : {}) },
  };
}
