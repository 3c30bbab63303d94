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
const child = spawn(process.execPath, ["--import", "tsx", "bot/src/main.ts"], { stdio: "inherit" });
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => child.kill(sig));
child.on("exit", (code) => process.exit(code ?? 0));
