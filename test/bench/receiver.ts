/**
 * @module A load-generator process of `npm run bench`: holds many real SSE connections (node:http, one socket each)
 * and records when each commit frame arrives, nothing more. It is driven over IPC by test/bench/run.ts.
 *
 * Kept cheap on purpose, so its own cost stays out of the figures: per chunk it takes one clock reading and scans
 * for frame ends; of a frame it reads only the `id:` line (the commit's version), never the JSON. It tells the
 * parent once per version when all its connections have it (one IPC message per command, not per connection), and
 * hands over its arrival times only when asked, after the measurement.
 *
 * Clock: `process.hrtime.bigint()` is CLOCK_MONOTONIC on Linux, one clock for every process of the machine, so
 * arrival times here and send times in the parent are on the same timeline without any offset estimate.
 */
import http from "node:http";
import type { ReceiverReply, ReceiverRequest, StreamTarget } from "./protocol.js";

const nowMs = (): number => Number(process.hrtime.bigint()) / 1e6;

interface Conn {
  readonly req: http.ClientRequest;
  res: http.IncomingMessage | null;
  buf: string;
  ready: boolean;
  /** Settles when the connection's snapshot arrived (or it failed). */
  readonly opened: Promise<void>;
  settle: (err?: Error) => void;
}

let conns: Conn[] = [];
/** version → arrival times (ms, monotonic) of that commit at each connection. */
let arrivals = new Map<number, number[]>();
const counters = { commitFrames: 0, heartbeatFrames: 0, otherFrames: 0, bytes: 0, lostConnections: 0 };
let sampleFrameBytes = 0;

const send = (m: ReceiverReply): void => {
  process.send?.(m);
};

function onFrame(c: Conn, frame: string, at: number): void {
  // A commit frame is `id: N\ndata: {"type":"commit",…`: the id line and the type's first bytes are all that is read.
  const nl = frame.startsWith("id: ") ? frame.indexOf("\n") : -1;
  if (nl > 0 && frame.startsWith('\ndata: {"type":"commit"', nl)) {
    counters.commitFrames++;
    if (sampleFrameBytes === 0) sampleFrameBytes = Buffer.byteLength(frame) + 2;
    const version = parseInt(frame.slice(4, nl), 10);
    let list = arrivals.get(version);
    if (!list) arrivals.set(version, (list = []));
    list.push(at);
    if (list.length === conns.length) send({ type: "got", version });
    return;
  }
  if (!c.ready) {
    if (frame.includes('"type":"snapshot"')) {
      c.ready = true;
      c.settle();
    }
    return;
  }
  if (frame.includes('"type":"heartbeat"')) counters.heartbeatFrames++;
  else counters.otherFrames++;
}

function open(target: StreamTarget): Conn {
  const url = new URL(target.url);
  const headers: Record<string, string> = { accept: "text/event-stream" };
  if (target.token) headers.authorization = `Bearer ${target.token}`;
  const req = http.request({ host: url.hostname, port: url.port, path: url.pathname + url.search, headers, agent: false });
  let settle: (err?: Error) => void = () => undefined;
  const opened = new Promise<void>((resolve, reject) => (settle = (err) => (err ? reject(err) : resolve())));
  const c: Conn = { req, res: null, buf: "", ready: false, opened, settle };
  req.on("response", (res) => {
    c.res = res;
    if (res.statusCode !== 200) {
      c.settle(new Error(`stream ${target.url}: HTTP ${res.statusCode}`));
      res.resume();
      return;
    }
    res.setEncoding("utf8");
    res.on("data", (chunk: string) => {
      const at = nowMs();
      counters.bytes += Buffer.byteLength(chunk);
      c.buf += chunk;
      let i;
      while ((i = c.buf.indexOf("\n\n")) >= 0) {
        const frame = c.buf.slice(0, i);
        c.buf = c.buf.slice(i + 2);
        onFrame(c, frame, at);
      }
    });
    res.on("error", () => undefined);
    // The service ended or dropped the stream (e.g. as too slow) while it was measured: it misses what follows.
    res.on("close", () => {
      if (!closing && c.ready) counters.lostConnections++;
    });
  });
  req.on("error", (err) => {
    if (!c.ready) c.settle(new Error(`stream ${target.url}: ${err.message}`));
    else if (!closing) send({ type: "error", message: `stream ${target.url}: ${err.message}` });
  });
  req.end();
  return c;
}

let closing = false;

async function openAll(targets: readonly StreamTarget[]): Promise<void> {
  closing = false;
  arrivals = new Map();
  sampleFrameBytes = 0;
  conns = [];
  // Opened in waves of 50 (each waits for its snapshots), so the service sees panels opening, not 1,000 at one instant.
  for (let i = 0; i < targets.length; i += 50) {
    const wave = targets.slice(i, i + 50).map(open);
    conns.push(...wave);
    await Promise.all(wave.map((c) => c.opened));
  }
}

function closeAll(): void {
  closing = true;
  for (const c of conns) {
    c.res?.destroy();
    c.req.destroy();
  }
  conns = [];
}

process.on("message", (m: ReceiverRequest) => {
  switch (m.type) {
    case "open":
      openAll(m.targets).then(
        () => send({ type: "ready", count: conns.length }),
        (err: unknown) => send({ type: "error", message: String(err) }),
      );
      return;
    case "reset":
      arrivals = new Map();
      Object.assign(counters, { commitFrames: 0, heartbeatFrames: 0, otherFrames: 0, bytes: 0, lostConnections: 0 });
      send({ type: "reset" });
      return;
    case "counters":
      send({ type: "counters", ...counters, connections: conns.length });
      return;
    case "report":
      send({ type: "report", arrivals: [...arrivals].map(([version, times]) => ({ version, times })), sampleFrameBytes });
      return;
    case "close":
      closeAll();
      send({ type: "closed" });
      return;
    case "exit":
      closeAll();
      process.exit(0);
  }
});
send({ type: "started" });
