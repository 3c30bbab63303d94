/** @module The panel's KPI wire: the board as read, command and import answers, and the stream's KPI events. */
import { z } from "zod";
import { KpiCommand } from "../kpi/commands.js";
import type { ImportPlan } from "../kpi/csv.js";
import type { KpiChange } from "../kpi/decide.js";
import type { BoardSettings, Metric, Objective, Person, WeeklyValue } from "../kpi/model.js";
import type { IsoWeek } from "../kpi/week.js";

export const KpiCommandRequest = z.strictObject({ command: KpiCommand });

/** The longest trend the panel shows; the board read returns this many weeks up to the current one. */
export const BOARD_WEEKS = 13;

export interface KpiBoardResponse {
  readonly seriesId: string;
  readonly settings: BoardSettings;
  /** The team's week now (in `settings.timeZone`). */
  readonly currentWeek: IsoWeek;
  readonly objectives: readonly Objective[];
  readonly metrics: readonly Metric[];
  /** The last `BOARD_WEEKS` weeks' values of every KPI and key result. */
  readonly values: readonly WeeklyValue[];
  /** People the board knows, to pick owners from. */
  readonly people: readonly Person[];
}

export interface KpiCommandResponse {
  readonly change: KpiChange;
  readonly changed: boolean;
}

export interface KpiImportResponse {
  /** False for a dry run: the summary says what an import would do. */
  readonly applied: boolean;
  readonly summary: ImportPlan["summary"];
}

/** KPI news on the meeting's stream: one change, or "many changed: read the board again" (after an import). */
export type KpiStreamEvent = { readonly type: "change"; readonly change: KpiChange } | { readonly type: "reload" };
