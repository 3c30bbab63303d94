// Tests: domain specs beside the source, integration and browser tests under test/. All run against real parts (Azurite, HTTP, Chromium).
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["shared/**/*.spec.ts", "bot/**/*.spec.ts", "tab/**/*.spec.ts", "test/**/*.test.ts"],
    environment: "node",
    testTimeout: 60_000,
    hookTimeout: 90_000,
    pool: "forks",
    maxWorkers: 2,
  },
});
