/** @module Re-renders every 250 ms while the timer runs, so the countdown is drawn from the timer data locally; nothing is fetched per tick. */
import { useEffect, useState } from "react";

export const TICK_MS = 250;

export function useTicker({ active, intervalMs = TICK_MS }: { readonly active: boolean; readonly intervalMs?: number }): number {
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (!active) return undefined;
    const id = setInterval(() => setTick((n) => n + 1), intervalMs);
    return () => clearInterval(id);
  }, [active, intervalMs]);
  return tick;
}
