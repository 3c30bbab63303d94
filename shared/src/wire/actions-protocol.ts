/** @module The panel's actions wire: request body and responses (zod for requests only). */
import { z } from "zod";
import { ActionCommand, ActionId } from "../actions/commands.js";
import { CommandId } from "../meeting/commands.js";
import { SirSeriesId } from "../sir/commands.js";
import type { Action, Person } from "../actions/model.js";
import type { MyAction } from "../actions/my-actions.js";

export const ActionCommandRequest = z.strictObject({ command: ActionCommand });

export interface ActionListResponse {
  readonly seriesId: string;
  /** The team's time zone and its today (YYYY-MM-DD): overdue is decided there, the same on every panel. */
  readonly timeZone: string;
  readonly today: string;
  /** Open actions (overdue first), then those done recently (see `actionsForMeeting`). */
  readonly actions: readonly Action[];
  /** Who can be an owner: the meeting's people. */
  readonly people: readonly Person[];
}

export interface ActionCommandResponse {
  readonly action: Action;
  readonly changed: boolean;
}

/** `GET /api/me/actions?limit=N`: the caller's open actions across the tenant's series (see `myActions`). */
export interface MyActionsResponse {
  readonly actions: readonly MyAction[];
  /** How many open actions the caller has in all (at most the store's read limit); more than `actions.length` when cut. */
  readonly total: number;
}

/**
 * `POST /api/me/actions/commands`: "My actions" marks one of the caller's actions done (or reopens it) in any series,
 * named by the series the list gave. Only the status: the rest is changed in that meeting's panel.
 */
export const MyActionCommandRequest = z.strictObject({
  seriesId: SirSeriesId,
  command: z.strictObject({ id: CommandId, type: z.literal("setActionStatus"), actionId: ActionId, status: z.enum(["open", "inProgress", "done", "blocked"]) }),
});
export type MyActionCommandRequest = z.infer<typeof MyActionCommandRequest>;
