// `npm start`: builds the panel when its sources changed, then runs the whole product locally (service, embedded Azurite, dev sign-in, Bot Connector stand-in, local meeting page).
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

function newest(dir) {
  let t = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    t = Math.max(t, entry.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

const built = "dist/tab/index.html";
const stale = !existsSync(built) || Math.max(newest("tab"), newest("shared")) > statSync(built).mtimeMs;
if (stale) {
  console.log("Building the side panel (vite build)…");
  const r = spawnSync("npx", ["vite", "build", "--logLevel", "warn"], { stdio: "inherit" });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
// Stopping (see bot/src/lifecycle.ts): the service stops once, however many signals reach it. A terminal's
// Ctrl-C reaches it directly (same process group) and again from here; a SIGTERM sent to npm or to this
// script alone reaches it only from here. The IPC channel closes when this script dies by any means, even
// SIGKILL, and the service treats that as a stop, so it never outlives `npm start` holding the port.
const child = spawn(process.execPath, ["--import", "tsx", "bot/src/main.ts"], { stdio: ["inherit", "inherit", "inherit", "ipc"] });
let forwarded = false;
const stop = (sig) => {
  if (forwarded) return;
  forwarded = true;
  child.kill(sig);
  // The service gives itself 10 s; past that it is stuck, and must not hold the port forever.
  setTimeout(() => {
    console.error("The service did not stop in time; killing it.");
    child.kill("SIGKILL");
  }, 15_000).unref();
};
for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(sig, () => stop(sig));
// `npm start` execs this script (package.json), so npm's forwarded SIGTERM lands here and npm exits only once the
// service has. Should the parent still go away first (npm killed with SIGKILL, a wrapper shell that does not exec
// and dies of the signal), this script is reparented; no event says so on POSIX, hence the check of the parent's pid.
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) stop("SIGTERM");
}, 500).unref();
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
