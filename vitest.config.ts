import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    testTimeout: 30_000,
    // Fork per file: tests that spawn the bundled CLI stay isolated.
    pool: "forks",
    // One temporary folder per run, removed at its end (test/temp-root.ts).
    globalSetup: ["test/temp-root.ts"],
  },
});
