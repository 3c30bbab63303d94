/**
 * @module Bench item 8, apart: what a connected subscriber costs the service, split into what it keeps and what
 * opening it left as garbage. The RSS figure of latency.ts counts both (and the heap's growth policy), so this run
 * starts the service with the inspector on 127.0.0.1 and asks V8 through it (the Chrome DevTools protocol): the live
 * heap after a full collection with 0 and with N streams open, and the bytes allocated while the N opened (the
 * sampling heap profiler, which counts objects already collected too). Needs a WebSocket client: `npm run bench`
 * runs with `--experimental-websocket` (Node 20).
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { generatedAttendees, LOCAL_MEETING_ID } from "../../bot/src/local/roster.js";
import { waitFor } from "../helpers/processes.js";
import { r1, r2, rssKiB, startNeighbours, startService, stop, streamsOf, tokensFor, type ReceiverPool, type Shape } from "./common.js";
import { UNLIMITED } from "./latency.js";

const MEETING_PATH = `/api/meetings/${encodeURIComponent(LOCAL_MEETING_ID)}`;

export interface MemoryFigures {
  readonly shape: Shape;
  readonly subscribers: number;
  /** RSS growth ÷ N, as latency.ts measures it, read before any collection. */
  readonly rssPerSubscriberKiB: number;
  /** Live heap (after a full collection) growth ÷ N: what the streams keep. */
  readonly heapKeptPerSubscriberKiB: number;
  /** V8 external memory and array buffers growth ÷ N (sockets' buffers live outside the heap). */
  readonly externalPerSubscriberKiB: number;
  /** Bytes allocated on the service while the N streams opened, ÷ N (the garbage a panel's opening makes). */
  readonly allocatedPerStreamOpenedKiB: number;
  /**
   * How much V8's young generation (its new space: two semi-spaces, at most 16 MiB each in Node 20) grew while the N
   * opened, in MiB. It grows with the allocation rate, up to its maximum, whatever N is: a fixed cost inside the RSS figure.
   */
  readonly youngGenerationGrowthMiB: number;
  /** RSS growth less the young generation's, ÷ N. */
  readonly rssWithoutYoungGenerationPerSubscriberKiB: number;
  /** Production shape only: Table Storage requests while the N opened, ÷ N, and by kind ("GET meetings", …). */
  readonly tableRequestsPerStreamOpened?: number;
  readonly tableRequestsByKind?: Readonly<Record<string, number>>;
}

/** A minimal DevTools-protocol client over the global WebSocket. */
async function inspector(url: string): Promise<{ call: (method: string, params?: object) => Promise<unknown>; close: () => void }> {
  const ws = new WebSocket(url);
  await new Promise<void>((resolve, reject) => {
    ws.addEventListener("open", () => resolve(), { once: true });
    ws.addEventListener("error", () => reject(new Error(`cannot reach the inspector at ${url}`)), { once: true });
  });
  let id = 0;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  ws.addEventListener("message", (e: MessageEvent<string>) => {
    const m = JSON.parse(e.data) as { id?: number; result?: unknown; error?: { message: string } };
    const p = m.id === undefined ? undefined : pending.get(m.id);
    if (!p || m.id === undefined) return;
    pending.delete(m.id);
    if (m.error) p.reject(new Error(m.error.message));
    else p.resolve(m.result);
  });
  return {
    call: (method, params = {}) =>
      new Promise((resolve, reject) => {
        const i = ++id;
        pending.set(i, { resolve, reject });
        ws.send(JSON.stringify({ id: i, method, params }));
      }),
    close: () => ws.close(),
  };
}

interface SamplingNode {
  readonly selfSize: number;
  readonly children: readonly SamplingNode[];
}
const totalSize = (n: SamplingNode): number => n.children.reduce((s, c) => s + totalSize(c), n.selfSize);

export async function memoryBench(pool: ReceiverPool, subscribers: number, shape: Shape = "local"): Promise<MemoryFigures> {
  if (typeof WebSocket === "undefined") throw new Error("memoryBench needs a WebSocket client: run node with --experimental-websocket (npm run bench does)");
  const dir = mkdtempSync(path.join(os.tmpdir(), "okr-bench-mem-"));
  const neighbours = await startNeighbours(shape, dir, subscribers + 1);
  const env = { ...neighbours.env, LOCAL_ATTENDEES: String(subscribers + 1), ...UNLIMITED };
  const previous = process.env.BENCH_SERVICE_NODE_ARGS;
  process.env.BENCH_SERVICE_NODE_ARGS = `${previous ?? ""} --inspect=127.0.0.1:0`;
  const service = await startService(env).catch(async (err: unknown) => {
    await neighbours.close();
    throw err;
  }).finally(() => {
    if (previous === undefined) delete process.env.BENCH_SERVICE_NODE_ARGS;
    else process.env.BENCH_SERVICE_NODE_ARGS = previous;
  });
  const wsUrl = await waitFor("the service's inspector address", () => /Debugger listening on (ws:\/\/\S+)/.exec(service.output())?.[1], 10_000);
  const v8 = await inspector(wsUrl);
  try {
    const usage = async () => {
      await v8.call("HeapProfiler.collectGarbage");
      const r = (await v8.call("Runtime.evaluate", { expression: "JSON.stringify(process.memoryUsage())" })) as { result: { value: string } };
      return JSON.parse(r.result.value) as { heapUsed: number; external: number; arrayBuffers: number };
    };
    const tokens = await tokensFor(service.url, generatedAttendees(subscribers + 1).slice(1).map((a) => a.userId));
    const targets = tokens.map((token) => ({ url: `${service.url}${MEETING_PATH}/stream`, token }));
    // Warm the code paths with a few streams, so first-use costs (JIT code, lazily parsed modules) are not counted per stream.
    await pool.open(pool.split(targets.slice(0, 20)));
    await pool.close();
    await waitFor("the warm-up streams to close", async () => ((await streamsOf(service.url)) === 0 ? true : undefined), 30_000, 20);
    /** The committed size of V8's new space, in bytes (read without a collection). */
    const newSpace = async (): Promise<number> => {
      const expression = `process.getBuiltinModule("v8").getHeapSpaceStatistics().find((s) => s.space_name === "new_space")?.space_size ?? NaN`;
      return ((await v8.call("Runtime.evaluate", { expression })) as { result: { value: number } }).result.value;
    };
    const before = await usage();
    const rssBefore = rssKiB(service.pid);
    const youngBefore = await newSpace();
    await v8.call("HeapProfiler.startSampling", { samplingInterval: 4096, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
    const countsBefore = new Map(neighbours.tables?.counts ?? []);
    await pool.open(pool.split(targets));
    const opened = neighbours.tables ? [...neighbours.tables.counts].map(([kind, n]) => [kind, n - (countsBefore.get(kind) ?? 0)] as const).filter(([, n]) => n > 0) : null;
    const sampled = (await v8.call("HeapProfiler.stopSampling")) as { profile: { head: SamplingNode } };
    // For a look at where it goes: the profile loads in Chrome DevTools' Memory tab (save it as .heapprofile).
    if (process.env.BENCH_HEAP_PROFILE) writeFileSync(process.env.BENCH_HEAP_PROFILE, JSON.stringify(sampled.profile));
    const rssAfter = rssKiB(service.pid);
    const youngGrowth = (await newSpace()) - youngBefore;
    const after = await usage();
    await pool.close();
    const per = (bytes: number) => r1(bytes / 1024 / subscribers);
    return {
      shape,
      subscribers,
      rssPerSubscriberKiB: r1((rssAfter - rssBefore) / subscribers),
      heapKeptPerSubscriberKiB: per(after.heapUsed - before.heapUsed),
      externalPerSubscriberKiB: per(after.external - before.external),
      allocatedPerStreamOpenedKiB: per(totalSize(sampled.profile.head)),
      youngGenerationGrowthMiB: r1(youngGrowth / 2 ** 20),
      rssWithoutYoungGenerationPerSubscriberKiB: r1((rssAfter - rssBefore - youngGrowth / 1024) / subscribers),
      ...(opened ? { tableRequestsPerStreamOpened: r2(opened.reduce((sum, [, n]) => sum + n, 0) / subscribers), tableRequestsByKind: Object.fromEntries(opened) } : {}),
    };
  } finally {
    v8.close();
    await stop(service);
    await neighbours.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
