/**
 * @module The summary's timing: the channel card (and the Markdown export) built for a large meeting — 50 actions,
 * 30 KPIs, 20 SIR decisions, 200 attendees — with texts of an ordinary length and with 100 KB in every text, p50/p99
 * over many builds, and the card's bytes.
 * Part of `npm run bench`; also runs alone: `npx tsx test/bench/summary.ts`.
 */
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { cardBytes } from "../../shared/src/cards/card-types.js";
import { SUMMARY_CARD_MAX_BYTES, summaryCard } from "../../shared/src/summary/summary-card.js";
import { summaryMarkdown } from "../../shared/src/summary/summary-markdown.js";
import { hugeRecord } from "../../shared/src/summary/test-builders.js";

const RUNS = Number(process.env.BENCH_SUMMARY_RUNS ?? 200);

const pct = (xs: readonly number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};
const r1 = (x: number) => Math.round(x * 10) / 10;

function time(work: () => unknown): { p50Ms: number; p99Ms: number; maxMs: number } {
  for (let i = 0; i < 5; i++) work(); // warm-up: the JIT, Intl's caches
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    work();
    ms.push(performance.now() - t0);
  }
  return { p50Ms: r1(pct(ms, 50)), p99Ms: r1(pct(ms, 99)), maxMs: r1(Math.max(...ms)) };
}

export function summaryBench() {
  const record = hugeRecord();
  // The same meeting with texts of an ordinary length (about 40 characters).
  const ordinary = hugeRecord(3);
  const card = summaryCard(record, "nb", { recordUrl: "https://okr.example.com/record" });
  return {
    runs: RUNS,
    ordinaryCard: time(() => summaryCard(ordinary, "nb", { recordUrl: "https://okr.example.com/record" })),
    ordinaryCardBytes: cardBytes(summaryCard(ordinary, "nb", { recordUrl: "https://okr.example.com/record" })),
    card: time(() => summaryCard(record, "nb", { recordUrl: "https://okr.example.com/record" })),
    cardBytes: cardBytes(card),
    cardMaxBytes: SUMMARY_CARD_MAX_BYTES,
    markdown: time(() => summaryMarkdown(record, "nb")),
    markdownKiB: r1(Buffer.byteLength(summaryMarkdown(record, "nb")) / 1024),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) console.log("summary:", JSON.stringify(summaryBench(), null, 2));
