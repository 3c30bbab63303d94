// Finds Debian's redis-server for the scale-out tests, installing it when missing (CI and dev machines run as root with Debian's archive).
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

export function redisServerPath() {
  if (process.env.REDIS_SERVER_PATH && existsSync(process.env.REDIS_SERVER_PATH)) return process.env.REDIS_SERVER_PATH;
  const found = spawnSync("sh", ["-c", "command -v redis-server"], { encoding: "utf8" });
  const onPath = found.status === 0 ? found.stdout.trim() : "";
  if (onPath) return onPath;
  return ["/usr/bin/redis-server", "/usr/local/bin/redis-server"].find((p) => existsSync(p)) ?? null;
}

export function ensureRedis() {
  const found = redisServerPath();
  if (found) return found;
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  const hasApt = spawnSync("sh", ["-c", "command -v apt-get"]).status === 0;
  if (!isRoot || !hasApt) {
    console.error("The scale-out tests need redis-server. Install it with:\n  sudo apt-get update && sudo apt-get install -y redis-server\nor set REDIS_SERVER_PATH to a redis-server binary.");
    process.exit(1);
  }
  console.log("Installing redis-server for the scale-out tests (apt-get install -y redis-server)…");
  execFileSync("sh", ["-c", "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server"], { stdio: "inherit" });
  const installed = redisServerPath();
  if (!installed) {
    console.error("redis-server was installed but not found on PATH; set REDIS_SERVER_PATH.");
    process.exit(1);
  }
  return installed;
}
