/**
 * Acknowledged means durable, graceful stop: the real `npm start` runs in its own process group on a data
 * folder, attendees send commands as fast as it answers, and while commands are in flight it is told to
 * stop the ways people and supervisors do it (Ctrl-C to the group, SIGTERM to the group, to npm, to the
 * service, or npm's script killed outright). Every way ends with no process of the group left and the
 * port free, and after a restart on the same folder every acknowledged command is there with its version,
 * and nothing unacknowledged either: what was in flight when the signal came was answered, not cut off.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { checkKept, flow, FLOOD_ENV, type Acknowledged } from "./helpers/crash-flow.js";
import { freePort, ServiceClient, startServiceProcess, waitFor } from "./helpers/processes.js";

const ROOT = path.resolve(import.meta.dirname, "..");

interface NpmStart {
  readonly npm: ChildProcess;
  readonly port: number;
  readonly url: string;
  /** The service process (bot/src/main.ts), from its ready line. */
  readonly servicePid: number;
  readonly output: () => string;
  /** npm's exit code, or the signal's name. */
  readonly exited: Promise<number | string>;
}

const groups: number[] = [];
const dirs: string[] = [];

/** `npm start` as a terminal runs it: its own process group (so a signal can go to all of it), local mode on a free port and `dataDir`. */
async function npmStart(dataDir: string): Promise<NpmStart> {
  const port = await freePort();
  const npm = spawn("npm", ["start"], {
    cwd: ROOT,
    detached: true,
    env: { ...process.env, ...FLOOD_ENV, APP_ENV: "local", PORT: String(port), HOST: "127.0.0.1", DATA_DIR: dataDir },
    stdio: ["ignore", "pipe", "pipe"],
  });
  if (npm.pid === undefined) throw new Error("npm did not start.");
  groups.push(npm.pid);
  let output = "";
  npm.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  npm.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | string>((resolve) => npm.once("exit", (code, signal) => resolve(code ?? signal ?? -1)));
  const url = `http://127.0.0.1:${port}`;
  // Generous: `npm start` first rebuilds the panel when its sources changed.
  const servicePid = await waitFor(
    "npm start to be ready",
    async () => {
      if (npm.exitCode !== null || npm.signalCode !== null) throw new Error(`npm start exited: ${output}`);
      const pid = /pid (\d+)\) ready in/.exec(output)?.[1];
      if (!pid) return undefined;
      const res = await fetch(`${url}/healthz`);
      return res.status === 200 ? Number(pid) : undefined;
    },
    45_000,
  );
  return { npm, port, url, servicePid, output: () => output, exited };
}

/** `promise`, or a failure naming `what` after `ms`. */
async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`Timed out after ${ms} ms waiting for ${what}.`)), ms)));
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once("error", () => resolve(false));
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
  });
}

/** The parent of a process (Linux /proc): how the test finds scripts/start.mjs between npm and the service. */
function parentOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
}

type Stop = (run: NpmStart) => void;

const ways: ReadonlyArray<{ readonly name: string; readonly stop: Stop; readonly npmExit: number | string }> = [
  { name: "Ctrl-C (SIGINT to the process group)", stop: (run) => process.kill(-(run.npm.pid ?? 0), "SIGINT"), npmExit: 0 },
  { name: "SIGTERM to the process group", stop: (run) => process.kill(-(run.npm.pid ?? 0), "SIGTERM"), npmExit: 0 },
  { name: "SIGTERM to npm alone", stop: (run) => run.npm.kill("SIGTERM"), npmExit: 0 },
  { name: "SIGTERM to the service alone", stop: (run) => process.kill(run.servicePid, "SIGTERM"), npmExit: 0 },
  // npm re-raises its script's signal on itself; the service sees its parent go and stops on its own.
  { name: "SIGKILL to scripts/start.mjs", stop: (run) => process.kill(parentOf(run.servicePid), "SIGKILL"), npmExit: "SIGKILL" },
];

afterAll(() => {
  for (const pgid of groups) {
    try {
      process.kill(-pgid, "SIGKILL");
    } catch {
      // Already gone: the test stopped it.
    }
  }
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe("npm start, stopped while commands are in flight", () => {
  it.each(ways)("$name: everything exits, the port is free, every acknowledged command is kept", async ({ stop, npmExit }) => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), "okr-shutdown-"));
    dirs.push(dataDir);
    const run = await npmStart(dataDir);
    const pgid = run.npm.pid ?? 0;

    const acked: Acknowledged = { commands: new Map(), sirItems: new Set() };
    const client = new ServiceClient(run.url);
    const stopFlow = new AbortController();
    const flowing = flow(client, stopFlow.signal, acked, 3);
    await waitFor("30 acknowledged commands", () => (acked.commands.size >= 30 ? true : undefined), 30_000, 1);
    stop(run);
    let exit: number | string;
    try {
      exit = await within(run.exited, 20_000, "npm start to exit");
      // Nothing of `npm start` outlives it (an orphaned script or service would hold the port)…
      await waitFor("the process group to be gone", () => (alive(-pgid) ? undefined : true), 15_000);
    } finally {
      // Only now: the workers end by themselves when the service stops taking requests, and what it had taken it answers first.
      stopFlow.abort();
    }
    await flowing;

    expect(exit, run.output()).toBe(npmExit);
    expect(alive(run.servicePid)).toBe(false);
    expect(await portFree(run.port)).toBe(true);
    // …and the service stopped cleanly, not by a second signal or a timeout.
    expect(run.output()).toMatch(/Stopped\./);

    const restarted = await startServiceProcess({ ...FLOOD_ENV, DATA_DIR: dataDir });
    try {
      const kept = await checkKept(new ServiceClient(restarted.url), acked);
      expect(kept.lostCommands).toEqual([]);
      expect(kept.lostSirItems).toEqual([]);
      // Not even an unanswered command was stored: the version is exactly the last acknowledged one.
      expect(kept.version).toBe(Math.max(...acked.commands.values()));
    } finally {
      restarted.kill("SIGTERM");
      await restarted.exited;
    }
  });
});
