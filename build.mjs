// Bundles the entry points into dist/ (committed: the Action runs from it).
// `node build.mjs --check` rebuilds into a temporary folder and fails if dist/ differs from a fresh build.
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "esbuild";

// The CLI, and the worker it starts for large logs (resolved beside the CLI at run time).
const ENTRY_POINTS = {
  cli: "src/cli/bin.ts",
  action: "src/action/main.ts",
  "chain-worker": "src/checks/chain/chain-worker.ts",
  "events-worker": "src/checks/events/events-worker.ts",
  "dataset-worker": "src/dataset/dataset-worker.ts",
};

async function bundle(outdir) {
  await build({
    entryPoints: ENTRY_POINTS,
    outdir,
    bundle: true,
    platform: "node",
    target: "node20",
    format: "esm",
    // Bundled CommonJS dependencies (ajv) may call require(); give them one in ESM.
    banner: {
      js: "import { createRequire as __cgCreateRequire } from 'node:module'; const require = __cgCreateRequire(import.meta.url);",
    },
    legalComments: "eof",
    // Whitespace and syntax only: identifiers stay readable in stack traces, and dist/ stays under 5 MB.
    minifyWhitespace: true,
    minifySyntax: true,
    logLevel: "warning",
  });
}

async function listFiles(dir) {
  return (await readdir(dir, { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath ?? entry.path, entry.name).slice(dir.length + 1))
    .sort();
}

if (process.argv.includes("--check")) {
  const fresh = await mkdtemp(join(tmpdir(), "comply-gate-dist-"));
  try {
    await bundle(fresh);
    const [expected, actual] = await Promise.all([listFiles(fresh), listFiles("dist").catch(() => [])]);
    const stale = expected
      .filter((name) => !actual.includes(name))
      .concat(actual.filter((name) => !expected.includes(name)));
    for (const name of expected.filter((n) => actual.includes(n))) {
      const [a, b] = await Promise.all([readFile(join(fresh, name)), readFile(join("dist", name))]);
      if (!a.equals(b)) stale.push(name);
    }
    if (stale.length > 0) {
      console.error(
        `dist/ is stale (differs from a fresh build): ${stale.join(", ")}\nRun 'npm run build' and commit dist/.`,
      );
      process.exit(1);
    }
    console.log("dist/ matches a fresh build");
  } finally {
    await rm(fresh, { recursive: true, force: true });
  }
} else {
  await rm("dist", { recursive: true, force: true });
  await bundle("dist");
}
