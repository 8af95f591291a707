import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    // Concurrent tests (the notebook snapshots) run two at a time: one notebook per core.
    maxConcurrency: 2,
  },
});
