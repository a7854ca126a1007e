/**
 * Attacks on the verdict by someone who can only open a pull request, run against the bundled CLI as CI runs
 * it: the pull request's config names a runner variable as the chain's key and forges the chain with that
 * variable's public value; or it waives "nothing was checked" with an owner nobody answers to and an expiry
 * that never comes. Each must end red.
 */
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseEvents, signChain, toJson } from "../helpers/spanforge-writer.js";
import { cli, expectClean } from "./harness.js";

/** A repository holding the real spanforge chain re-signed with `key`, and the given config. */
function repository(options: { key: string; config: string }): string {
  const dir = mkdtempSync(join(tmpdir(), "comply-gate-attack-"));
  const events = parseEvents(readFileSync("fixtures/peers/spanforge/first_100.jsonl", "utf8"));
  const forged = signChain(events, () => options.key);
  writeFileSync(join(dir, "events.jsonl"), `${forged.map(toJson).join("\n")}\n`);
  writeFileSync(join(dir, "comply-gate.yml"), options.config);
  return dir;
}

// What the runner sets on every GitHub-hosted job: public values.
const RUNNER_ENV = { GITHUB_ACTIONS: "true", CI: "true" };

describe("attack: the pull request's config picks a runner variable as the HMAC key", () => {
  it.each(["GITHUB_ACTIONS", "CI"])("keyEnv: %s with a chain forged with the key `true` fails", async (name) => {
    const dir = repository({
      key: "true",
      config: `chain:\n  - paths: [events.jsonl]\n    format: spanforge\n    keyEnv: ${name}\n`,
    });
    const run = await cli(["check"], { cwd: dir, env: RUNNER_ENV });
    expect(run.output).not.toMatch(/signatures verify/);
    expectClean(run, {
      code: 2,
      message: new RegExp(`/chain/0/keyEnv: ${name} is set by the runner or CI, so its value is public`),
    });
  });

  it("--key-env CI on the command line gives no key, so no signature verifies", async () => {
    const dir = repository({ key: "true", config: "" });
    const run = await cli(["chain", "events.jsonl", "--key-env", "CI"], { cwd: dir, env: RUNNER_ENV });
    expect(run.output).not.toMatch(/signatures verify/);
    expectClean(run, { code: 1, message: /CI is set by the runner or CI, so its value is public/ });
  });

  it("a key shorter than 16 bytes in a secret's name verifies nothing either", async () => {
    const dir = repository({
      key: "true",
      config: "chain:\n  - paths: [events.jsonl]\n    format: spanforge\n    keyEnv: AUDIT_KEY\n",
    });
    const run = await cli(["check"], { cwd: dir, env: { ...RUNNER_ENV, AUDIT_KEY: "true" } });
    expect(run.output).not.toMatch(/signatures verify/);
    expectClean(run, { code: 1, message: /the key in AUDIT_KEY is 4 bytes, shorter than 16/ });
  });
});

describe("attack: a waiver hides that nothing was checked", () => {
  const waiver = (fields: { rule: string; owner?: string; expires?: string }) =>
    `waivers:\n  - rule: ${fields.rule}\n    owner: "${fields.owner ?? "ml-platform@acme.example"}"\n    reason: not needed\n    expires: "${fields.expires ?? "2026-12-31"}"\n`;

  it("a waiver of input.missing for a log that is not there is refused", async () => {
    const dir = mkdtempSync(join(tmpdir(), "comply-gate-attack-"));
    writeFileSync(
      join(dir, "comply-gate.yml"),
      `chain:\n  - paths: [audit_chain.jsonl]\n${waiver({ rule: "input.missing" })}`,
    );
    const run = await cli(["check"], { cwd: dir });
    expectClean(run, { code: 2, message: /\/waivers\/0\/rule: "input\.missing" cannot be waived/ });
  });

  it("a waiver of chain.malformed for a log of garbage is refused", async () => {
    const dir = mkdtempSync(join(tmpdir(), "comply-gate-attack-"));
    copyFileSync("fixtures/tampered/torchcomply_garbage_line.jsonl", join(dir, "audit_chain.jsonl"));
    writeFileSync(
      join(dir, "comply-gate.yml"),
      `chain:\n  - paths: [audit_chain.jsonl]\n${waiver({ rule: "chain.malformed" })}`,
    );
    const run = await cli(["check"], { cwd: dir });
    expectClean(run, { code: 2, message: /\/waivers\/0\/rule: "chain\.malformed" cannot be waived/ });
  });

  it.each([
    [
      "an owner of one space",
      { owner: " " },
      "/waivers/0/owner: must be an e-mail address, a GitHub @user or an @org/team",
    ],
    ["an expiry of 9999-99-99", { expires: "9999-99-99" }, '/waivers/0/expires: "9999-99-99" is not a calendar date'],
  ] as const)("a waiver of a broken link with %s is refused", async (_name, fields, message) => {
    const dir = mkdtempSync(join(tmpdir(), "comply-gate-attack-"));
    copyFileSync("fixtures/tampered/torchcomply_deleted_entry.jsonl", join(dir, "audit_chain.jsonl"));
    writeFileSync(
      join(dir, "comply-gate.yml"),
      `chain:\n  - paths: [audit_chain.jsonl]\n${waiver({ rule: "chain.link", ...fields })}`,
    );
    const run = await cli(["check"], { cwd: dir });
    expect(run.output).toContain(message);
    expectClean(run, { code: 2, message: /invalid config/ });
  });
});
