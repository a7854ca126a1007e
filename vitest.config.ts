import { defineConfig } from "vitest/config";
import { HYPARQUET_ASSEMBLE, patchAssembleLists } from "./patches/hyparquet-flat-columns.mjs";

export default defineConfig({
  // Tests read Parquet with the hyparquet the bundles hold (build.mjs applies the same patch).
  plugins: [
    {
      name: "hyparquet-flat-columns",
      enforce: "pre",
      transform: (code, id) => (HYPARQUET_ASSEMBLE.test(id) ? patchAssembleLists(code) : undefined),
    },
  ],
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    testTimeout: 30_000,
    // Fork per file: tests that spawn the bundled CLI stay isolated.
    pool: "forks",
    // One temporary folder per run, removed at its end (test/temp-root.ts).
    globalSetup: ["test/temp-root.ts"],
    // Transformed, not imported as it is installed: the plugin above patches it.
    server: { deps: { inline: ["hyparquet"] } },
  },
});
