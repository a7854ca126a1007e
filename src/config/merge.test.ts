import { describe, expect, it } from "vitest";
import { DEFAULT_DATASET_OPTIONS } from "../dataset/options.js";
import { ConfigError } from "./config.js";
import { type ConfigFileValue, mergeInputs } from "./merge.js";

const WORKSPACE = "/repo";
const file = (value: unknown): ConfigFileValue => ({ value, source: "/repo/ci/comply-gate.yml", baseDir: "/repo/ci" });
const merge = (value: unknown, inputs: Parameters<typeof mergeInputs>[1]) =>
  mergeInputs(value === undefined ? undefined : file(value), inputs, { workspace: WORKSPACE });

function configError(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error("expected a ConfigError");
}

const THRESHOLDS = { lawfulBasisPct: 20, missingWarnPct: 1, missingFailPct: 50 };

describe("mergeInputs: inputs add to the config file, never replace or relax it", () => {
  it("adds the inputs' checks after the file's, the file's paths resolved in its folder, the inputs' as given", () => {
    const config = merge(
      { version: 1, chain: [{ paths: ["audit.jsonl"], format: "torchcomply" }] },
      { chain: [{ paths: ["/repo/logs/more.jsonl"], format: "spanforge", keyEnv: "KEY" }] },
    );
    expect(config.chain.map((c) => [c.paths, c.format, c.keyEnv])).toEqual([
      [["/repo/ci/audit.jsonl"], "torchcomply", "SPANFORGE_SIGNING_KEY"],
      [["/repo/logs/more.jsonl"], "spanforge", "KEY"],
    ]);
    expect(config.baseDir).toBe("/repo/ci");
  });

  it("keeps the file's waivers, limits and failOn whatever inputs are set", () => {
    const waiver = { rule: "Art.10(2)(b)", owner: "@acme/data", reason: "legacy consent", expires: "2999-01-01" };
    const config = merge(
      { failOn: "warn", chain: [{ paths: ["a.jsonl"] }], waivers: [waiver], limits: { maxFiles: 7 } },
      { datasets: [{ paths: ["/repo/data"] }], events: [{ paths: ["/repo/events.jsonl"] }] },
    );
    expect(config.failOn).toBe("warn");
    expect(config.waivers).toEqual({ source: "comply-gate.yml", list: [waiver], maxDays: 90 });
    expect(config.limits.maxFiles).toBe(7);
    expect(config.events?.map((e) => e.paths)).toEqual([["/repo/events.jsonl"]]);
  });

  it("judges the datasets input with the options of the file's one datasets entry", () => {
    const config = merge(
      { datasets: [{ paths: ["train.jsonl"], requiredColumns: ["label"], thresholds: THRESHOLDS, optional: true }] },
      { datasets: [{ paths: ["/repo/extra.csv"] }] },
    );
    const [fromFile, fromInput] = config.datasets ?? [];
    expect(fromInput?.paths).toEqual(["/repo/extra.csv"]);
    expect(fromInput?.options).toEqual(fromFile?.options);
    expect(fromInput?.options.thresholds.lawfulBasisPct).toBe(20);
    expect(fromInput?.options.requiredColumns).toEqual(["label"]);
    expect(fromInput?.optional).toBe(false); // a path the input names must exist
  });

  it("judges the datasets input with the defaults when the file has no datasets entry, or there is no file", () => {
    for (const value of [{ chain: [{ paths: ["a.jsonl"] }] }, undefined]) {
      const config = merge(value, { datasets: [{ paths: ["/repo/extra.csv"] }] });
      expect(config.datasets?.at(-1)?.options).toEqual(DEFAULT_DATASET_OPTIONS);
    }
  });

  it("refuses to guess between several datasets entries", () => {
    const message = configError(() =>
      merge(
        { datasets: [{ paths: ["a.jsonl"] }, { paths: ["b.jsonl"], thresholds: THRESHOLDS }] },
        { datasets: [{ paths: ["/repo/extra.csv"] }] },
      ),
    );
    expect(message).toContain("input `datasets`: /repo/ci/comply-gate.yml has 2 `datasets` entries");
    expect(message).toContain("list them in the entry they belong to");
  });

  it("lets fail-on tighten the file's failOn, and refuses to relax it (the file's default counts)", () => {
    expect(merge({ failOn: "fail", chain: [{ paths: ["a"] }] }, { failOn: "warn" }).failOn).toBe("warn");
    expect(merge({ failOn: "error", chain: [{ paths: ["a"] }] }, { failOn: "fail" }).failOn).toBe("fail");
    expect(merge({ failOn: "warn", chain: [{ paths: ["a"] }] }, { failOn: "warn" }).failOn).toBe("warn");
    expect(configError(() => merge({ failOn: "warn", chain: [{ paths: ["a"] }] }, { failOn: "fail" }))).toBe(
      "input `fail-on: fail` would relax /repo/ci/comply-gate.yml's failOn (warn); the input may only tighten it (warn is stricter than fail, fail than error)",
    );
    expect(configError(() => merge({ chain: [{ paths: ["a"] }] }, { failOn: "error" }))).toContain(
      "would relax /repo/ci/comply-gate.yml's failOn (fail)",
    );
    // Without a file the input sets the level.
    expect(merge(undefined, { failOn: "error", chain: [{ paths: ["/repo/a"] }] }).failOn).toBe("error");
    expect(merge(undefined, { chain: [{ paths: ["/repo/a"] }] }).failOn).toBe("fail");
  });

  it("keeps a baseline of auto or git:<ref>:<path> as written, from the inputs or the file", () => {
    const fromInput = merge({ chain: [{ paths: ["a"] }] }, { diff: { snapshot: "/repo/s.json", baseline: "auto" } });
    expect(fromInput.diff).toEqual({ snapshot: "/repo/s.json", baseline: "auto" });
    const fromFile = merge({ diff: { snapshot: "s.json", baseline: "auto" } }, {});
    expect(fromFile.diff).toEqual({ snapshot: "/repo/ci/s.json", baseline: "auto" });
    const git = merge({ diff: { snapshot: "s.json", baseline: "git:origin/main:s.json" } }, {});
    expect(git.diff?.baseline).toBe("git:origin/main:s.json");
    const file = merge({ diff: { snapshot: "s.json", baseline: "base.json" } }, {});
    expect(file.diff?.baseline).toBe("/repo/ci/base.json");
  });

  it("never replaces the file's snapshot diff", () => {
    const message = configError(() =>
      merge(
        { diff: { snapshot: "s.json", baseline: "auto" } },
        { diff: { snapshot: "/repo/t.json", baseline: "auto" } },
      ),
    );
    expect(message).toContain("input `snapshot`: /repo/ci/comply-gate.yml has a `diff` section already");
  });

  it("validates the inputs like a file, naming the inputs and the failing path", () => {
    const message = configError(() =>
      merge({ chain: [{ paths: ["a"] }] }, { chain: [{ paths: [""], format: "xml" as "auto" }] }),
    );
    expect(message).toMatch(/^action inputs: invalid config\n/);
    expect(message).toContain("/chain/0/format (from the inputs `chains`, `chain-format`");
    expect(message).toContain('must be one of "auto", "torchcomply", "spanforge"');
    expect(message).toContain("/chain/0/paths/0 (from the inputs `chains`");
  });

  it("validates the file as a file: its problems name the file, not the inputs", () => {
    const message = configError(() => merge({ chain: [{ paths: ["a"], keyEnv: "not a name" }] }, {}));
    expect(message).toMatch(/^\/repo\/ci\/comply-gate\.yml: invalid config\n {2}\/chain\/0\/keyEnv: /);
    expect(configError(() => merge(["not", "a", "mapping"], {}))).toMatch(/^\/repo\/ci\/comply-gate\.yml: invalid/);
  });

  it("fails closed when neither the file nor the inputs list a check", () => {
    expect(configError(() => merge({ version: 1, failOn: "warn" }, { failOn: "warn" }))).toContain(
      "the config lists no checks",
    );
  });
});
