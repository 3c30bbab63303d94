/** @module A number as people type it (panel, chat card, CSV), read one way everywhere: plain decimals, within the board's limit. */
import { KPI_LIMITS } from "./model.js";

const NUMBER_RE = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
/** Spaces people put between thousands ("1 000"), including the no-break ones Norwegian and Swedish use. */
const GROUP_SPACES_RE = /[\s\u00A0\u202F]/g;

export interface NumberReading {
  /** "93,5" is 93.5 (how Nordic users and Excel write decimals). */
  readonly decimalComma: boolean;
  /** "1 000" is 1000. */
  readonly groupSpaces: boolean;
}

/** The number, "notANumber" (hex, NaN, Infinity, words), "tooLarge" (beyond ±10¹²), or undefined for nothing typed. */
export function readKpiNumber(text: string, how: NumberReading): number | "notANumber" | "tooLarge" | undefined {
  let s = text.trim();
  if (how.groupSpaces) s = s.replace(GROUP_SPACES_RE, "");
  if (s === "") return undefined;
  if (how.decimalComma) s = s.replace(",", ".");
  if (!NUMBER_RE.test(s)) return "notANumber";
  const n = Number(s);
  if (!Number.isFinite(n)) return "notANumber";
  if (Math.abs(n) > KPI_LIMITS.valueAbsMax) return "tooLarge";
  // -0 would show as "-0" on the board.
  return n === 0 ? 0 : n;
}
