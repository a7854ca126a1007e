import { describe, expect, it } from "vitest";
import { resolveConfig } from "../../config/config.js";
import { keyFromEnv, MIN_KEY_BYTES, parseKeyMap, refusedKeyName } from "./keys.js";

describe("signing key names", () => {
  it("refuses variables the runner or CI sets, whose values a pull request's author knows", () => {
    for (const name of [
      "GITHUB_ACTIONS",
      "CI",
      "GITHUB_SHA",
      "GITHUB_TOKEN",
      "RUNNER_OS",
      "ACTIONS_RUNTIME_TOKEN",
      "INPUT_CHAIN_FORMAT",
      "github_actions",
      "HOME",
      "PATH",
      "GITLAB_CI",
      "CI_COMMIT_SHA",
    ]) {
      expect(refusedKeyName(name), name).toMatch(/set by the runner or CI, so its value is public/);
    }
  });

  it("accepts secret names, and says a value is not a name without echoing it", () => {
    for (const name of ["SPANFORGE_SIGNING_KEY", "AUDIT_HMAC_KEY", "MY_CI_KEY", "CIRCUIT_KEY"]) {
      expect(refusedKeyName(name), name).toBeUndefined();
    }
    const reason = refusedKeyName("s3cr3t value!") ?? "";
    expect(reason).toContain("not an environment variable name");
    expect(reason).not.toContain("s3cr3t");
  });

  it("a refused name gives no key, even when the variable is set", () => {
    const key = keyFromEnv("GITHUB_ACTIONS", { GITHUB_ACTIONS: "true-and-long-enough-0123456789" });
    expect(key.kind).toBe("missing");
    if (key.kind === "missing") expect(key.reason).toContain("GITHUB_ACTIONS is set by the runner or CI");
  });

  it(`a key shorter than ${MIN_KEY_BYTES} bytes is no key; the demo key and a 16-byte key are`, () => {
    const short = keyFromEnv("K", { K: "true" });
    expect(short).toMatchObject({ kind: "missing" });
    if (short.kind === "missing") {
      expect(short.reason).toBe(
        "no signing key: the key in K is 4 bytes, shorter than 16 (a guessable value, not a secret)",
      );
    }
    expect(keyFromEnv("K", { K: "fifteen-bytes-x" }).kind).toBe("missing");
    expect(keyFromEnv("K", { K: "sixteen-bytes-xx" }).kind).toBe("key");
    expect(
      keyFromEnv("SPANFORGE_SIGNING_KEY", { SPANFORGE_SIGNING_KEY: "harness-chain-key-0123456789abcdef" }),
    ).toEqual({
      kind: "key",
      envName: "SPANFORGE_SIGNING_KEY",
      secret: "harness-chain-key-0123456789abcdef",
    });
  });

  it("a key map may not name a runner variable either", () => {
    expect(() => parseKeyMap('{"01HXYZ": "GITHUB_SHA"}', "keys.json")).toThrow(
      'keys.json: the value for "01HXYZ": GITHUB_SHA is set by the runner or CI',
    );
    expect(parseKeyMap('{"01HXYZ": "ROTATED_KEY"}', "keys.json").get("01HXYZ")).toBe("ROTATED_KEY");
  });
});

describe("key names in the config", () => {
  it("a chain's or a mapping's keyEnv naming a runner variable is a config error naming where", () => {
    const config = {
      chain: [{ paths: ["a.jsonl"], keyEnv: "GITHUB_ACTIONS" }],
      events: [{ paths: ["e.jsonl"], mapping: { frameworks: ["eu_ai_act"], keyEnv: "CI" } }],
    };
    expect(() => resolveConfig(config, { source: "comply-gate.yml", baseDir: "/repo" })).toThrow(
      "comply-gate.yml: invalid config\n  /chain/0/keyEnv: GITHUB_ACTIONS is set by the runner or CI, so its value is public: it cannot hold a signing key (use a secret, e.g. SPANFORGE_SIGNING_KEY)\n  /events/0/mapping/keyEnv: CI is set by the runner or CI",
    );
    const fine = resolveConfig(
      { chain: [{ paths: ["a.jsonl"], keyEnv: "AUDIT_HMAC_KEY" }] },
      { source: "comply-gate.yml", baseDir: "/repo" },
    );
    expect(fine.chain[0]?.keyEnv).toBe("AUDIT_HMAC_KEY");
  });
});
