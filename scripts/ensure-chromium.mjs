// Finds Debian's Chromium for the browser tests, installing it when missing (CI and dev machines run as root with Debian's archive).
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

export function chromiumPath() {
  const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"].filter(Boolean);
  return candidates.find((p) => existsSync(p)) ?? null;
}

export function ensureChromium() {
  const found = chromiumPath();
  if (found) return found;
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  const hasApt = spawnSync("sh", ["-c", "command -v apt-get"]).status === 0;
  if (!isRoot || !hasApt) {
    console.error("The browser tests need Chromium. Install it with:\n  sudo apt-get update && sudo apt-get install -y chromium\nor set CHROMIUM_PATH to a Chromium binary.");
    process.exit(1);
  }
  console.log("Installing Chromium for the browser tests (apt-get install -y chromium)…");
  execFileSync("sh", ["-c", "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium"], { stdio: "inherit" });
  const installed = chromiumPath();
  if (!installed) {
    console.error("Chromium was installed but not found at /usr/bin/chromium; set CHROMIUM_PATH.");
    process.exit(1);
  }
  return installed;
}
