/** @module The panel's actions wire: request body and responses (zod for requests only). */
import { z } from "zod";
import { ActionCommand } from "../actions/commands.js";
import type { Action, Person } from "../actions/model.js";

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
