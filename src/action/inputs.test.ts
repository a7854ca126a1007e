import { describe, expect, it } from "vitest";
import { ConfigError } from "../config/config.js";
import { type InputName, inputsAsConfig, readInputs } from "./inputs.js";

const inputs = (values: Partial<Record<InputName, string>>) => readInputs((name) => values[name] ?? "");

describe("the inputs as a config-file value", () => {
  it("adds one entry per list input, every path resolved against the workspace", () => {
    const added = inputsAsConfig(
      inputs({
        chains: "logs/a.jsonl\n# a comment\n\nlogs/b/",
        "chain-format": "spanforge",
        "chain-anchor": "checkpoints.json",
        events: "events.jsonl",
        frameworks: "eu_ai_act\ngdpr",
        "period-to": "2026-01-15",
        datasets: "data/**/*.csv",
        snapshot: "snap.json",
        "fail-on": "warn",
      }),
      "/ws",
    );
    expect(added).toEqual({
      failOn: "warn",
      chain: [
        {
          paths: ["/ws/logs/a.jsonl", "/ws/logs/b"],
          format: "spanforge",
          keyEnv: "SPANFORGE_SIGNING_KEY",
          anchor: "/ws/checkpoints.json",
        },
      ],
      events: [
        {
          paths: ["/ws/events.jsonl"],
          mapping: { frameworks: ["eu_ai_act", "gdpr"], to: "2026-01-15", keyEnv: "SPANFORGE_SIGNING_KEY" },
        },
      ],
      datasets: [{ paths: ["/ws/data/**/*.csv"] }],
      diff: { snapshot: "/ws/snap.json", baseline: "auto" },
    });
  });

  it("adds nothing when no list input is set", () => {
    expect(inputsAsConfig(inputs({}), "/ws")).toEqual({});
  });

  it.each([
    [{ "chain-key-map": "keys.json" }, "input `chain-key-map` applies to the `chains` input: set `chains` too"],
    [{ "chain-anchor": "c.json" }, "input `chain-anchor` applies to the `chains` input: set `chains` too"],
    [{ policy: "p.yml" }, "input `policy` applies to the `snapshot` input: set `snapshot` too"],
    [{ frameworks: "gdpr" }, "input `frameworks` applies to the `events` input: set `events` too"],
    [{ events: "e.jsonl", model: "m" }, "input `model` applies to the `frameworks` input: set `frameworks` too"],
    [{ "period-from": "2026-01-01" }, "input `period-from` applies to the `frameworks` input: set `frameworks` too"],
  ])("refuses an input that would be ignored without its companion: %o", (values, message) => {
    expect(() => inputsAsConfig(inputs(values), "/ws")).toThrow(new ConfigError(message));
  });

  it("refuses a value outside an input's choices, and a key in place of a variable name", () => {
    expect(() => inputs({ "fail-on": "never" })).toThrow(
      'input `fail-on` must be one of error, fail, warn (got "never")',
    );
    expect(() => inputs({ "chain-key-env": "s3cr3t-key-value" })).toThrow(
      "input `chain-key-env` takes the NAME of an environment variable, not a key",
    );
  });
});
