/** @module Test harness for real processes: the service and the embedded Table Storage as child processes that a test can kill, freeze and restart. */
import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "../..");

/** A free loopback port (the OS picks one; it is released before returning). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Polls `check` until it returns a value (not undefined) or `timeoutMs` passes. */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined> | T | undefined, timeoutMs = 20_000, everyMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}${lastError ? ` (last error: ${String(lastError)})` : ""}.`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

export interface ChildHandle {
  readonly child: ChildProcess;
  readonly output: () => string;
  /** Resolves with the exit code (or the signal's name) once the process has ended. */
  readonly exited: Promise<number | string>;
  kill(signal?: NodeJS.Signals): void;
}

/** Collects a child's output and its exit; `kill` only while it runs. */
export function track(child: ChildProcess): ChildHandle {
  let output = "";
  child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | string>((resolve) => child.once("exit", (code, signal) => resolve(code ?? signal ?? -1)));
  return {
    child,
    output: () => output,
    exited,
    kill: (signal = "SIGKILL") => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    },
  };
}

export interface TablesProcess extends ChildHandle {
  readonly port: number;
  readonly connectionString: string;
  freeze(): void;
  thaw(): void;
}

/** The embedded Table Storage (scripts/tables-server.ts) as a separate process on `port` (free port unless given), data in `dir` (memory unless given). */
export async function startTablesProcess(options: { dir?: string; port?: number } = {}): Promise<TablesProcess> {
  const port = options.port ?? (await freePort());
  const args = ["--import", "tsx", "scripts/tables-server.ts", "--port", String(port), ...(options.dir ? ["--dir", options.dir] : [])];
  const handle = track(spawn(process.execPath, args, { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] }));
  const ready = await waitFor("the Table Storage process to start", () => {
    const line = handle.output().split("\n").find((l) => l.startsWith("{"));
    if (line) return JSON.parse(line) as { port: number; connectionString: string };
    if (handle.child.exitCode !== null) throw new Error(`Table Storage process exited: ${handle.output()}`);
    return undefined;
  });
  return {
    ...handle,
    port: ready.port,
    connectionString: ready.connectionString,
    freeze: () => handle.kill("SIGSTOP"),
    thaw: () => handle.kill("SIGCONT"),
  };
}

export interface ServiceProcess extends ChildHandle {
  readonly url: string;
}

/** The service (bot/src/main.ts) in local mode as a child process on `port` (else a free one); ready when /healthz answers 200. */
export async function startServiceProcess(env: Record<string, string>, port?: number): Promise<ServiceProcess> {
  port ??= await freePort();
  const handle = track(
    spawn(process.execPath, ["--import", "tsx", "bot/src/main.ts"], {
      cwd: ROOT,
      env: { ...process.env, APP_ENV: "local", PORT: String(port), HOST: "127.0.0.1", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    }),
  );
  const url = `http://127.0.0.1:${port}`;
  await waitFor("the service to answer /healthz", async () => {
    if (handle.child.exitCode !== null) throw new Error(`The service exited: ${handle.output()}`);
    const res = await fetch(`${url}/healthz`);
    return res.status === 200 ? true : undefined;
  });
  return { ...handle, url };
}

/** Talks to a service process over HTTP as the local attendees (tokens from its dev sign-in). */
export class ServiceClient {
  private readonly tokens = new Map<string, Promise<string>>();

  constructor(public url: string) {}

  token(userId: string): Promise<string> {
    let t = this.tokens.get(userId);
    if (!t) {
      t = fetch(`${this.url}/local/token`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ userId }) })
        .then((r) => r.json() as Promise<{ token: string }>)
        .then((b) => b.token);
      this.tokens.set(userId, t);
      // A failed fetch (service restarting) must not be remembered.
      t.catch(() => this.tokens.delete(userId));
    }
    return t;
  }

  async request<T>(userId: string, path: string, body?: unknown, signal?: AbortSignal): Promise<{ status: number; headers: Headers; body: T }> {
    const headers: Record<string, string> = { authorization: `Bearer ${await this.token(userId)}` };
    if (body !== undefined) headers["content-type"] = "application/json";
    const res = await fetch(`${this.url}${path}`, { method: body === undefined ? "GET" : "POST", headers, body: body === undefined ? undefined : JSON.stringify(body), signal: signal ?? null });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: (text && res.headers.get("content-type")?.includes("json") ? JSON.parse(text) : text) as T };
  }
}
